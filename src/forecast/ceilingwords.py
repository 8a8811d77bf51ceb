"""Why a count is not bounded by its ceiling, in words (English or Bahasa Indonesia).

:func:`forecast.ceilings.ceiling_for` returns a reason object when the ceiling metric of a
count (the working population of the participants) is not used; results.json keeps it as
``ceiling.reason`` with its English words as ``ceiling.note``; the run table's "Data
quality" row and the PDFs' data-quality lines show it.

=====================  ===================================  ================================
code                   fields                               meaning
=====================  ===================================  ================================
``ceiling_too_few``    ``ceiling, region, n``               under 2 readings of the ceiling
``ceiling_unusable``   ``ceiling, region, message``         no trend fits its readings
``ceiling_below``      ``ceiling, metric, region, date``    the count is above the ceiling
                                                            at its last reading: another
                                                            base, not a limit
=====================  ===================================  ================================
"""

from __future__ import annotations

_WORDS = {
    "en": {
        "ceiling_too_few": ("not bounded by {ceiling}: {n} of it in this region, 2 are "
                            "needed to follow its trend"),
        "ceiling_unusable": ("not bounded by {ceiling}: its trend in this region could not "
                             "be followed ({message})"),
        "ceiling_below": ("not bounded by {ceiling}: {metric} is above its ceiling at its "
                          "last reading ({date}), so {ceiling} is another "
                          "base, not a limit"),
    },
    "id": {
        "ceiling_too_few": ("tidak dibatasi {ceiling}: {n} di wilayah ini, dibutuhkan 2 "
                            "untuk mengikuti trennya"),
        "ceiling_unusable": ("tidak dibatasi {ceiling}: trennya di wilayah ini tidak dapat "
                             "dihitung (ada nilai yang bukan bilangan positif)"),
        "ceiling_below": ("tidak dibatasi {ceiling}: {metric} berada di atas "
                          "batas itu pada pembacaan terakhir ({date}), sehingga {ceiling} "
                          "adalah basis lain, bukan batas"),
    },
}


def ceiling_text(why: dict | str | None, lang: str = "en", nm=str) -> str | None:
    """The words of a ceiling reason object (``nm`` names a metric); None for none.

    A results.json written before the reason objects carries the English note only: it is
    shown in English, where there is no other text to show.

    Examples
    --------
    >>> ceiling_text({"code": "ceiling_too_few", "ceiling": "pop", "region": "north", "n": 1})
    'not bounded by pop: 1 reading of it in this region, 2 are needed to follow its trend'
    """
    if not why:
        return None
    if isinstance(why, str):
        return why if lang == "en" else None
    # Names inside a sentence: "working population", "peserta aktif".
    fields = {k: (_lower_first(nm(v)) if k in ("ceiling", "metric") else v)
              for k, v in why.items()}
    if "n" in fields:  # "no reading", "1 reading"; "tidak ada pembacaan", "1 pembacaan"
        n = int(fields["n"])
        fields["n"] = ({0: "no reading", 1: "1 reading"}.get(n, f"{n} readings") if lang == "en"
                       else "tidak ada pembacaan" if n == 0 else f"{n} pembacaan")
    return _WORDS[lang][why["code"]].format(**fields)


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]
