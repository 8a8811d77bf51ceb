"""Doubts about how a data folder's parts fit together: the scheme's headline entries
against the targets, the regions against the tree of the top region, and the statements of
one target against each other's base (forecast data check lists them with the others of
:func:`forecast.datacheck.data_warnings`)."""

from __future__ import annotations

from . import config
from .csvfile import read_with_lines
from .data import Panel
from .scheme import SCHEME_FILE
from .targetcheck import num as _num


def headline_warnings(panel: Panel) -> list[tuple[int, str]]:
    """A headline entry of scheme.toml that names no target of the top region in
    targets.csv: the summary would lead without it, and nothing said why."""
    scheme, out = panel.scheme, []
    top = panel.targets[panel.targets["region"] == scheme.top_region]
    for i, (metric, year, value) in enumerate(scheme.headline, start=1):
        rows = top[top["metric"] == metric]
        due = rows[rows["target_date"].dt.year == year]
        if value is not None:
            due = due[(due["value"] - value).abs() <= 1e-9 * max(abs(value), 1.0)]
        if due.empty:
            have = ", ".join(f"{_num(v)} due {d:%Y-%m-%d}"
                             for d, v in zip(rows["target_date"], rows["value"]))
            named = f"{metric} due in {year}" + (f" of {_num(value)}" if value else "")
            out.append((0, f"{SCHEME_FILE}: warning: key 'scheme.headline[{i}]': {named} "
                           f"is no target of the top region {scheme.top_region} in "
                           f"{config.TARGETS_FILE} ({have or f'it has no {metric} target'}); "
                           f"expected one of its targets (the reports lead with it)"))
    return out


def outside_warnings(panel: Panel) -> list[tuple[int, str]]:
    """Regions other than the top one without a parent: outside the top region's tree,
    which the reconciliation of a batch and the reports' region tables follow."""
    frame = read_with_lines(panel.data_dir / config.REGIONS_FILE, config.REGION_COLUMNS,
                            config.OPTIONAL_REGION_COLUMNS)
    top = panel.scheme.top_region
    return [(n, f"{config.REGIONS_FILE}:{n}: warning: region {rid} has no parent; expected "
                f"a parent for every region but the top region {top} (a region is placed in "
                f"its tree by its parent: a parent left out, or a second root?)")
            for rid, parent, n in zip(frame["id"], frame["parent"], frame["line"])
            if not parent and rid != top]


def base_clashes(panel: Panel) -> dict[tuple[str, str, str], tuple[int, str]]:
    """Statements of one coverage target (region, metric, date) on different bases, by that
    key: (line, warning). They are read as one target, the latest published statement, so
    the target on the other base is not assessed; they were reported as sources that
    'disagree on the value' (80 % of residents against 50 % of the labour force)."""
    frame = read_with_lines(panel.data_dir / config.TARGETS_FILE, config.TARGET_COLUMNS,
                            config.OPTIONAL_FACT_COLUMNS)
    if "denominator" not in frame:
        return {}
    out = {}
    for (region, metric, date), rows in frame.groupby(["region", "metric", "target_date"],
                                                      sort=False):
        bases = [str(b).strip() for b in rows["denominator"]]
        if len(set(bases)) < 2:
            continue
        n = int(rows["line"].iloc[0])
        said = "; ".join(f"{v} on {b or 'no stated base'} ({s})" for v, b, s in
                         zip(rows["value"], bases, rows["source_id"]))
        out[(region, metric, date)] = (n, (
            f"{config.TARGETS_FILE}:{n}: warning: {region} {metric} {date}: stated on "
            f"different bases ({said}); expected one base per region, metric and date (the "
            f"statements are read as one target, the latest published: a target on another "
            f"base is not assessed)"))
    return out
