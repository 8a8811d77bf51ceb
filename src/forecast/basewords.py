"""Words of a coverage base: a denominator code, a scheme's metric label, and the line of
coverage projected on its own (results.json ``data_quality.coverage_alone``), in English
and Bahasa Indonesia."""

from __future__ import annotations

from .reasonwords import DENOMINATOR_ID


def denominator_words(code: str, lang: str) -> str:
    """A coverage denominator (a code of ``config.DENOMINATORS`` or a scheme's own) in
    words: ``working population``, ``penduduk bekerja``."""
    if lang == "id" and code in DENOMINATOR_ID:
        return DENOMINATOR_ID[code]
    return {"ucj_base": "UCJ indicator base"}.get(code, str(code).replace("_", " "))


def scheme_label(labels: dict | None, lang: str, default: str) -> str:
    """A metric's label from the scheme file (``{"en", "id"}``) in ``lang``, else
    ``default`` (results written before scheme files, or without the metric)."""
    if not labels:
        return default
    return str(labels.get(lang) or labels.get("en") or default)


def _alone_base(alone: dict, lang: str) -> str:
    """The base of coverage projected alone: the denominator metric's label if it is that."""
    if alone["denominator"] == alone.get("denominator_metric"):
        return scheme_label(alone.get("denominator_labels"), lang, alone["denominator"]).lower()
    return denominator_words(alone["denominator"], lang)


def alone_words(alone: dict, lang: str) -> str:
    """Why coverage was projected on its own, naming only the counts it lacked
    (``missing``: ``numerator``, no count of it; ``denominator``, fewer than two): "no
    members or labour force counts" blamed members where 11 year-ends of them were read.
    Without ``missing`` (older results) both are named, as they were."""
    missing = alone.get("missing") or ("numerator", "denominator")
    num = scheme_label(alone["numerator_labels"], lang,
                       "numerator" if lang == "en" else "pembilang").lower()
    den = scheme_label(alone["denominator_labels"], lang,
                       "denominator" if lang == "en" else "penyebut").lower()
    if lang == "en":
        lack = (f"no {num} or {den} counts" if len(missing) == 2 else f"no {num} counts"
                if "numerator" in missing else f"fewer than two {den} counts")
        return (f"the coverage readings (denominator: {_alone_base(alone, 'en')}) projected "
                f"on their own: {lack} to move them with")
    lack = (f"tidak ada jumlah {num} atau {den}" if len(missing) == 2 else
            f"tidak ada jumlah {num}" if "numerator" in missing else
            f"jumlah {den} kurang dari dua")
    return (f"pembacaan cakupan (penyebut: {_alone_base(alone, 'id')}) diproyeksikan "
            f"sendiri: {lack} untuk menggerakkannya")
