"""The words on what is reachable (issue 18), in English and Bahasa Indonesia.

One builder per thing the reports say: :func:`reach_sentence` for the verdict block (the
entry's ``reachable`` field, :mod:`forecast.reach`). The word table is data; the templates
only place the sentence under its verdict.
"""

from __future__ import annotations

from . import numbers as fmt
from .i18n import as_people, by_date, falls_below, verdict

#: The sentence pieces; ``{...}`` are filled by :func:`reach_sentence`.
REACH = {
    "en": {"levels_head": "Reachable {by}: ",
           "level_first": "at least {v} with {p} probability",
           "level": "{v} with {p}",
           "dates_head": "The target is reached ",
           "date": "with {p} probability {by}",
           "date_not": "with {p} probability only after {year}, the end of the projection",
           "met": "The last observation ({date}) is already at or above the target, which "
                  "must still hold on its date.",
           "none": "Even by {year}, the end of the projection, the target is not reached "
                   "with {p} probability.",
           "and": " and "},
    "id": {"levels_head": "Yang dapat dicapai {by}: ",
           "level_first": "sedikitnya {v} dengan probabilitas {p}",
           "level": "{v} dengan {p}",
           "dates_head": "Target tercapai ",
           "date": "dengan probabilitas {p} {by}",
           "date_not": "dengan probabilitas {p} baru setelah {year}, akhir proyeksi",
           "met": "Pengamatan terakhir ({date}) sudah mencapai atau melampaui target, yang "
                  "harus tetap bertahan pada tanggalnya.",
           "none": "Hingga {year}, akhir proyeksi, target belum tercapai dengan "
                   "probabilitas {p}.",
           "and": " dan "},
}


def verdict_with_reach(entry: dict, lang: str) -> list[dict]:
    """The verdict's segments (:func:`.i18n.verdict`) followed, on a new line, by what is
    reachable: the verdict block of the reports."""
    segments = verdict(entry, lang)
    sentence = reach_sentence(entry, lang)
    if sentence:
        segments.append({"text": "\n" + sentence, "strong": False})
    return segments


def _pct(p: float, lang: str) -> str:
    return f"{fmt.number(100 * p, 0, lang)}{fmt.NBSP}%"


def reach_sentence(entry: dict, lang: str) -> str | None:
    """What is reachable for one target entry, in one or two sentences (None if unknown).

    "Reachable by end-2026: at least 52 million with 90 % probability, 55 million with
    50 %, 58 million with 10 %. The target is reached with 50 % probability by end-2031 and
    with 80 % probability not within the projection (to 2032)."
    """
    reach = entry.get("reachable")
    if not reach:
        return None
    w = REACH[fmt.check_lang(lang)]
    unit, ex = entry["unit"], fmt.entry_extra(entry)  # the target table's decimals
    parts = []
    shown = as_people([lv["value"] for lv in reach["levels"]], unit, lang, ex)
    for i, lv in enumerate(reach["levels"]):
        key = "level_first" if i == 0 else "level"
        parts.append(w[key].format(v=shown[i] if shown else
                                   fmt.value(lv["value"], unit, lang, extra=ex),
                                   p=_pct(lv["probability"], lang)))
    text = w["levels_head"].format(by=by_date(entry["target_date"], lang)) + \
        ", ".join(parts) + "."
    last = entry["last_observed"]["date"]
    if all(d["within_projection"] and d["date"] == last for d in reach["dates"]):
        # Met then, below the target on its date: the verdict's note says so, not "met".
        return text if falls_below(entry) else text + " " + w["met"].format(
            date=fmt.date(last, lang))
    if not any(d["within_projection"] for d in reach["dates"]):
        # Not even the likeliest date within the projection: one clause, not the end of the
        # projection twice ("only after 2032, the end of the projection and with 80 % ...").
        return text + " " + w["none"].format(year=reach["projection_end_year"], p=_pct(
            min(d["probability"] for d in reach["dates"]), lang))
    dates = [w["date"].format(p=_pct(d["probability"], lang), by=by_date(d["date"], lang))
             if d["within_projection"] else
             w["date_not"].format(p=_pct(d["probability"], lang),
                                  year=reach["projection_end_year"])
             for d in reach["dates"]]
    return text + " " + w["dates_head"] + w["and"].join(dates) + "."

