"""The reconciliation's words in English and Bahasa Indonesia: why a level of regions was
not set against the whole, the levels by name, and the cells of the summary notebook's
reconciliation table.

:func:`forecast.regional.reconcile_run` records why a level was skipped as a reason object
(``{"code": ..., fields}``, as results.json does, :mod:`forecast.reasons`); these are its
codes, and :func:`forecast.reasons.reason_text` makes their words here:

=============================  ==============================  ===========================
code                           fields                          meaning
=============================  ==============================  ===========================
``recon_no_top``               ``top``                         the run has no top region
``recon_top_unprojected``      ``top, why``                    the top region has no
                                                               projection (``why``: its
                                                               reason, object or text)
``recon_parent_unprojected``   ``parent, level, metric``       a parent region has none
``recon_not_all_run``          ``n_run, n, level``             not every region of the
                                                               level is in the run
``recon_too_few``              ``n_projected, n, level,``      too few regions projected
                               ``metric, whole``               to scale to the whole
                                                               (``whole``: the parent or
                                                               top region)
``recon_need_two``             ``n_projected, n, level,``      fewer than two projected
                               ``metric``
``recon_no_common_year``       ``level``                       no year shared by the
                                                               regions and the whole
=============================  ==============================  ===========================
"""

from __future__ import annotations

from .plurals import plural_s

#: Decimals of a reconciliation factor wherever it is shown (the summary PDF, the notebook,
#: the batch's lines): 1.001 is a 0.1 % adjustment, which two decimals hid as "1.00".
FACTOR_DECIMALS = 3

#: The level ids of the shipped scheme in words (another scheme's levels are shown as
#: their ids, which its own data chose).
LEVEL = {
    "en": {"national": "national", "kanwil": "kanwil", "province": "province",
           "regency": "regency/city"},
    "id": {"national": "nasional", "kanwil": "kanwil", "province": "provinsi",
           "regency": "kabupaten/kota"},
}

_TEXT = {
    "en": {
        "recon_no_top": "the run has no {top} region to reconcile with",
        "recon_top_unprojected": "{top}: {why}",
        "recon_parent_unprojected": "{parent} has no {metric} projection in this run to "
                                    "reconcile its {level} regions with",
        "recon_not_all_run": "{n_run} of {n} {level} region{s} {are} in this run; the parts can "
                             "only be reconciled with the whole when every {level} region "
                             "is run",
        "recon_too_few": "only {n_projected} of {n} {level} region{s} {have} a projection of "
                         "{metric}; scaling them to the {whole} total would credit them "
                         "with the rest",
        "recon_need_two": "{n_projected} of {n} {level} region{s} {have} a projection of "
                          "{metric}; at least 2 are needed",
        "recon_no_common_year": "the {level} regions' projections and the whole's share no "
                                "year",
        # The table's cells.
        "of": "{k} of {n}", "in": "{level} in {parent}",
        "without": "{n} without a projection",
        "down_only": "scaled down only: not declared the whole (scheme.toml whole_levels)",
        "down_missing": "scaled down only: the others are not credited with the share of "
                        "the regions without a projection",
    },
    "id": {
        "recon_no_top": "run ini tidak memuat wilayah {top} sebagai pembanding rekonsiliasi",
        "recon_top_unprojected": "{top}: {why}",
        "recon_parent_unprojected": "{parent} tidak memiliki proyeksi {metric} dalam run ini "
                                    "untuk merekonsiliasi wilayah {level} di bawahnya",
        "recon_not_all_run": "{n_run} dari {n} wilayah {level} ada dalam run ini; bagian-"
                             "bagiannya hanya dapat direkonsiliasi dengan keseluruhan bila "
                             "semua wilayah {level} dijalankan",
        "recon_too_few": "hanya {n_projected} dari {n} wilayah {level} yang memiliki "
                         "proyeksi {metric}; menskalakannya ke total {whole} akan "
                         "membebankan sisanya kepada mereka",
        "recon_need_two": "{n_projected} dari {n} wilayah {level} memiliki proyeksi "
                          "{metric}; minimal 2 diperlukan",
        "recon_no_common_year": "proyeksi wilayah {level} dan proyeksi keseluruhan tidak "
                                "memiliki tahun yang sama",
        "of": "{k} dari {n}", "in": "{level} di {parent}",
        "without": "{n} tanpa proyeksi",
        "down_only": "hanya diskalakan turun: tidak dinyatakan sebagai keseluruhan "
                     "(whole_levels di scheme.toml)",
        "down_missing": "hanya diskalakan turun: bagian wilayah tanpa proyeksi tidak "
                        "dibebankan kepada wilayah lain",
    },
}

#: The codes of this module (:func:`forecast.reasons.reason_text` hands them here).
CODES = frozenset(k for k in _TEXT["en"] if k.startswith("recon_"))


def level_words(level: str, lang: str) -> str:
    """A level id in words ("province" -> "provinsi"); another scheme's id as it is."""
    return LEVEL[lang].get(level, level)


def level_key_words(key: str, parent: str | None, lang: str, name=str) -> str:
    """A key of reconciliation.json's levels in words: "province" -> "provinsi",
    "regency in 51" (a level under one parent) -> "kabupaten/kota di Bali"."""
    if parent is not None and key.endswith(f" in {parent}"):
        level = key[:-len(f" in {parent}")]
        return word("in", lang, level=level_words(level, lang), parent=name(parent))
    return level_words(key, lang)


def word(key: str, lang: str, **fields) -> str:
    """A cell word of the reconciliation table in ``lang`` with ``fields`` filled in."""
    return _TEXT[lang][key].format(**fields)


def recon_text(r: dict, lang: str, nm=str, why=str) -> str:
    """The words of a reconciliation reason ``r`` in ``lang``.

    ``nm(metric)`` names a metric in a sentence; ``why(reason)`` gives the words of a
    nested reason (the top region's projection's).
    """
    fields = dict(r)
    if "level" in fields:
        fields["level"] = level_words(fields["level"], lang)
    if "metric" in fields:
        fields["metric"] = nm(fields["metric"])
    if "why" in fields:
        fields["why"] = why(fields["why"])
    # The region scaled to: "national" (the shipped top region) in words, another id as
    # it is; a reason written before the field existed scaled to the nation.
    fields["whole"] = level_words(fields.get("whole", "national"), lang)
    if "n" in fields:  # "1 of 3 regions has", "0 of 1 region is" (as textnum.were agrees)
        one = 1 in (fields["n"], fields.get("n_run", fields.get("n_projected")))
        fields.update(s=plural_s(fields["n"]), are="is" if one else "are",
                      have="has" if one else "have")
    return _TEXT[lang][r["code"]].format(**fields)
