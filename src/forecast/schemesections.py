"""The notebooks' explanations of the fund model, the segment decomposition and the what-if,
in the words of the scheme the notebook runs on.

These three analyses read metrics of fixed ids (the fund and its flows, ``active_total`` and
its membership segments). Their explanation in :data:`forecast.notebookwords.SECTIONS` names
the scheme (``{scheme}``, its name in the run's language) where its data folder defines
what the analysis reads; for a scheme that does not, the explanation here says what the
analysis would read and that this scheme does not define it. It said "For BPJS
Ketenagakerjaan's investment funds ..." whatever the data folder.
"""

from __future__ import annotations

from .money import FUND_METRICS  # what the fund model reads (money imports no engine)

#: What the segments' analysis reads (forecast.segments.SEGMENTS with their total), kept
#: here as plain names so the words import nothing of the engine.
SEGMENT_METRICS = ("active_pu", "active_bpu", "active_jakon", "active_pmi")

#: The explanation for a scheme without the metrics (``{scheme}`` its name, ``{missing}``
#: what it lacks, each id in backticks).
LACKS: dict[str, dict[str, str]] = {
    "en": {
        "funds": (
            "The fund model projects an investment fund by its accounting (this year's fund "
            "grown by its investment return, plus contributions, minus benefits) from the "
            "metrics {needed}. {scheme} does not define {missing}, so it has no fund model: "
            "the cells below say so."),
        "segments": (
            "The segment decomposition splits a target of active participants (`active_total`) "
            "into its membership segments ({segments}), each on its own trend. {scheme} does "
            "not define {missing}, so it has none: the cell below says so."),
        "what_if": (
            "Move the sliders: extra net enrolments a month and the mean investment return. "
            "They move active participants (`active_total`), their segments and an "
            "investment fund; {scheme} does not define {missing}: the cells below say so."),
    },
    "id": {
        "funds": (
            "Model dana memproyeksikan dana investasi menurut pembukuannya (dana tahun ini "
            "yang tumbuh dengan imbal hasil investasinya, ditambah iuran, dikurangi manfaat) "
            "dari metrik {needed}. {scheme} tidak mendefinisikan {missing}, sehingga tidak "
            "memiliki model dana: sel-sel di bawah menyatakannya."),
        "segments": (
            "Dekomposisi segmen memecah target peserta aktif (`active_total`) menjadi segmen "
            "kepesertaannya ({segments}), masing-masing pada trennya sendiri. {scheme} tidak "
            "mendefinisikan {missing}, sehingga tidak memilikinya: sel di bawah "
            "menyatakannya."),
        "what_if": (
            "Geser penggeser: tambahan pendaftaran bersih per bulan dan rata-rata imbal hasil "
            "investasi. Penggeser ini menggeser peserta aktif (`active_total`), segmennya dan "
            "dana investasi; {scheme} tidak mendefinisikan {missing}: sel-sel di bawah "
            "menyatakannya."),
    },
}

#: Per analysis: the metrics it reads.
NEEDS: dict[str, tuple[str, ...]] = {
    "funds": FUND_METRICS,
    "segments": ("active_total",) + SEGMENT_METRICS,
    "what_if": ("active_total",),
}
_AND = {"en": " and ", "id": " dan "}


def _listed(ids, lang: str) -> str:
    quoted = [f"`{m}`" for m in ids]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + _AND[lang] + quoted[-1]


def _name_and_metrics(scheme, lang: str) -> tuple[str, set]:
    """The scheme's name in ``lang`` and its metric ids, from a :class:`forecast.scheme.Scheme`
    or the ``scheme`` object of a results.json; None is the shipped scheme."""
    if scheme is None:
        # Here: only a call without a scheme reads the shipped one (the words stay plain).
        from .scheme import default_scheme

        scheme = default_scheme()
    if isinstance(scheme, dict):
        names, metrics = scheme.get("name") or {}, scheme.get("metrics") or {}
    else:
        names, metrics = scheme.name, scheme.metrics
    return str(names.get(lang) or names.get("en") or ""), set(metrics)


def _missing(key: str, metrics: set) -> list[str]:
    """What the analysis ``key`` reads that ``metrics`` lacks: a fund model needs all its
    metrics; the segments their total and at least one segment."""
    if key == "segments":
        if "active_total" not in metrics:
            return ["active_total"]
        return [] if metrics & set(SEGMENT_METRICS) else list(SEGMENT_METRICS)
    return [m for m in NEEDS[key] if m not in metrics]


def worded(key: str, lang: str, text: str, scheme) -> str:
    """The explanation of section ``key`` (``text``, with ``{scheme}``) for ``scheme``: its
    name in ``lang`` where it defines what the analysis reads, else :data:`LACKS`'s words.

    Examples
    --------
    >>> land = {"name": {"en": "Land care", "id": "Perawatan Land"}, "metrics": {"members": {}}}
    >>> worded("segments", "en", "For {scheme}'s participants", land)[:64]
    'The segment decomposition splits a target of active participants'
    >>> worded("funds", "id", "Untuk dana {scheme}", land).split(". ")[1][:45]
    'Perawatan Land tidak mendefinisikan `fund_inv'
    >>> worded("funds", "en", "For {scheme}'s funds", None)
    "For BPJS Ketenagakerjaan (employment social security, Indonesia)'s funds"
    """
    name, metrics = _name_and_metrics(scheme, lang)
    missing = _missing(key, metrics)
    if not missing:
        return text.format(scheme=name)
    return LACKS[lang][key].format(scheme=name, missing=_listed(missing, lang),
                                   needed=_listed(NEEDS[key], lang),
                                   segments=_listed(SEGMENT_METRICS, lang))
