"""The verdict lines of targets already due at the run's date (outcomes, never forecasts).

Those due in the last few years are shown one by one (met, missed, or not settled by the
data, with the readings); older ones are counted in one line, so that a reader of the PDF
knows they exist and how they ended (each is listed by ``forecast run``, in results.json
``outcomes`` and in the region notebook's table, :func:`outcomes_table`).
"""

from __future__ import annotations

from contextvars import copy_context

from ..reasons import outcome_text
from . import i18n
from . import numbers as fmt
from .words import set_scheme

#: Past-due targets shown among the verdicts: those due in the last few years before the
#: run's reference date (older outcomes are counted in one line).
OUTCOME_YEARS = 3

_EARLIER = {
    "en": {"head": "Earlier targets, due {span}: ", "met": "{n} met", "missed": "{n} missed",
           "open": "{n} not settled by a reading at the target date",
           "tail": " (each listed on the region's notebook page, by forecast run and in "
                   "results.json, outcomes)."},
    "id": {"head": "Target sebelumnya, jatuh tempo {span}: ", "met": "{n} tercapai",
           "missed": "{n} tidak tercapai",
           "open": "{n} belum dapat dipastikan dari pembacaan pada tanggal target",
           "tail": " (masing-masing tercantum di halaman notebook wilayah, oleh forecast run "
                   "dan di results.json, outcomes)."},
}


_TABLE = {
    "en": {"columns": ("Target", "Outcome", "Readings"),
           "none": "No target of this region was due by the run's date."},
    "id": {"columns": ("Target", "Hasil", "Pembacaan"),
           "none": "Tidak ada target wilayah ini yang jatuh tempo hingga tanggal run."},
}


def _old(results: dict, o: dict) -> bool:
    """Whether the outcome ``o`` is older than the ones shown one by one."""
    ref_year = int((results.get("outcomes_as_of") or "0")[:4])
    return int(o["target_date"][:4]) <= ref_year - OUTCOME_YEARS


def outcome_parts(o: dict, lang: str) -> tuple[str, str, str]:
    """A past-due target (an ``outcomes`` item) in three parts: the target ("Coverage of
    95.0 % by end-2019 (residents)"), how it ended ("missed") and the readings that say so
    ("88.9 % on 31 December 2019")."""
    ex = fmt.entry_extra(o)
    words = outcome_text(o, lang, fmt=lambda v, unit: fmt.value(v, unit, lang, extra=ex),
                         day=lambda iso: fmt.date(iso, lang))  # as the page's dates
    status, _, rest = words.partition(": ") if o["status"] != "not_in_data" else \
        words.partition("; ")
    head = (f"{i18n.target_phrase(o, lang)} {i18n.by_date(o['target_date'], lang)}"
            + (f" ({i18n.base_words(o['denominator'], lang)})" if o.get("denominator")
               else ""))
    return head[:1].upper() + head[1:], status, rest


def outcome_verdicts(results: dict, lang: str) -> list[list[dict]]:
    """The verdict lines of the recent past-due targets: met, missed, or not yet in the
    data with the latest reading (never a forward probability), as verdict segments."""
    lines = []
    for o in results.get("outcomes") or []:
        if _old(results, o):
            continue
        head, status, rest = outcome_parts(o, lang)
        lines.append([{"text": f"{head}: ", "strong": False},  # own line
                      {"text": status, "strong": True}, {"text": f" ({rest}).", "strong": False}])
    return lines


def outcomes_table(results: dict, lang: str = "en"):
    """Every past-due target of the region, oldest first, for the region notebook (a
    DataFrame headed in ``lang``), or why there is none (a sentence)."""
    import pandas as pd  # the notebook's table only: the PDFs need no pandas here

    w = _TABLE[lang]
    outcomes = sorted(results.get("outcomes") or [], key=lambda o: o["target_date"])
    if not outcomes:
        return w["none"]

    def parts(o: dict) -> tuple[str, str, str]:
        set_scheme(results.get("scheme"))  # the scheme's words, in this copy of the context
        return outcome_parts(o, lang)

    frame = pd.DataFrame([dict(zip(w["columns"], copy_context().run(parts, o)))
                          for o in outcomes])
    frame.attrs["kinds"] = {c: k for c, k in zip(w["columns"], ("text", "text", "prose"))}
    return frame


def earlier_outcomes(results: dict, lang: str) -> list[list[dict]]:
    """One verdict line counting the past-due targets older than :data:`OUTCOME_YEARS`
    by how they ended ("Earlier targets, due 2008-2019: 1 met, 1 missed, ..."), or none."""
    old = [o for o in results.get("outcomes") or [] if _old(results, o)]
    if not old:
        return []
    w = _EARLIER[lang]
    years = sorted(o["target_date"][:4] for o in old)
    span = years[0] if years[0] == years[-1] else f"{years[0]}-{years[-1]}"
    count = {k: sum(1 for o in old if (o["status"] if o["status"] in ("met", "missed")
                                       else "open") == k) for k in ("met", "missed", "open")}
    parts = [w[k].format(n=fmt.number(n, 0, lang)) for k, n in count.items() if n]
    return [[{"text": w["head"].format(span=span), "strong": False},
             {"text": ", ".join(parts), "strong": True}, {"text": w["tail"], "strong": False}]]
