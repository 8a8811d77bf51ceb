"""The run text's base-year sensitivity rows: required and achieved growth from each base
year, a required rate over the headline's limit in the headline's words."""

from __future__ import annotations

from .report.numbers import required_rate
from .report.words import CLASSIFICATION
from .textnum import LANG, fmt_pct, fmt_ratio
from .textwords import PHRASE


def _p(key: str, **kw) -> str:
    text = PHRASE[LANG.get()][key]
    return text.format(**kw) if kw else text


#: Most base-year rows the run text prints for one target (results.json has them all).
BASE_YEAR_ROWS = 12


def _base_years(t: dict) -> list[str]:
    """The base-year sensitivity rows (required and achieved growth from each base year)."""
    if not t["base_years"]:
        return []
    label, base, got, need, ratio = _p("base_years")
    rows = t["base_years"]
    needs = [required_rate(b, LANG.get()) if b.get("required_growth", "rate") != "rate"
             else fmt_pct(b["required_cagr"]) for b in rows]  # the headline's rule
    w = max(len(got), len(need), 8)
    wn = max(w, *map(len, needs))
    lines = [f"  {label:<24}{base:>5}  {got:>{w}}  {need:>{wn}}  {ratio:>5}  UNSD"]
    # A long history (60 years) would print a row a year: the first base (the UNSD rule's)
    # and the latest ones, the rest counted (every row is in results.json).
    shown = list(zip(rows, needs))
    shown = shown if len(rows) <= BASE_YEAR_ROWS else [shown[0], None, *shown[2 - BASE_YEAR_ROWS:]]
    for b, need in (s or (None, None) for s in shown):
        if b is None:
            n = len(rows) - BASE_YEAR_ROWS + 1
            lines.append(f"  {'':<24}{_p('base_years_more', n=n)}")
            continue
        r = fmt_ratio(b["ratio"])
        lines.append(f"  {'':<24}{b['base_year']:>5}  {fmt_pct(b['historical_cagr']):>{w}}  "
                     f"{need:>{wn}}  {r:>5}  "
                     f"{CLASSIFICATION[LANG.get()][b['classification_unsd']]}")
    return lines
