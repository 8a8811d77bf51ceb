"""When the median reaches a target, as the run text and the notebook's table say it.

A target reached at the last reading has that reading's year as the year "the median
reaches it". For a falling series whose median is below the target again by the target
date (the engine's ``falls_below`` note) the bare year, "Median reaches it: 2025", read as
if the target were reached for good; the words say both what the paths show.
"""

from __future__ import annotations

#: A series at or above its target at the last reading whose median falls below it again.
FALLS = {"en": "{now} (the last reading); it falls below it again {when}",
         "id": "{now} (pembacaan terakhir); turun lagi di bawahnya {when}"}
WHEN = {"en": ("in {y}", "before the target date"),
        "id": ("pada {y}", "sebelum tanggal target")}


def median_reach(t: dict, lang: str = "en"):
    """The year the median reaches ``t``'s target (a results.json target entry), or words
    where the year alone misleads; None where the median does not reach it.

    Examples
    --------
    >>> t = {"year_median_reaches": 2025,
    ...      "engine": {"notes": [{"code": "falls_below", "year": 2029}]}}
    >>> median_reach(t)
    '2025 (the last reading); it falls below it again in 2029'
    >>> median_reach({"year_median_reaches": 2031, "engine": {"notes": []}}, "id")
    2031
    """
    year = t.get("year_median_reaches")
    notes = (t.get("engine") or {}).get("notes") or ()
    fall = next((n for n in notes if isinstance(n, dict) and n.get("code") == "falls_below"),
                None)
    if year is None or fall is None:
        return year
    at, before = WHEN[lang]
    return FALLS[lang].format(now=year, when=at.format(y=fall["year"]) if fall.get("year")
                              else before)
