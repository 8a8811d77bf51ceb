"""Reconciliation of a finished run: its regional projections against the national one."""

from __future__ import annotations

from pathlib import Path

from ..data import load_panel
from ..reasons import reason_text
from ..regional import reconcile_run
from ..results import write_json
from ..runfolder import read_results
from ..reconwords import FACTOR_DECIMALS

RECONCILIATION = "reconciliation.json"


def write_reconciliation(run_dir: Path, data_dir: str | Path) -> str:
    """Reconcile the run's regional projections with the national one (reconciliation.json).

    Returns a one-line summary for the manifest. Regions whose results.json is missing
    (failed) are listed as missing; nothing is written when the run has no national region.
    """
    results = {}
    for path in sorted(Path(run_dir).glob("*/results.json")):
        results[path.parent.name] = read_results(path, path.parent.name)
    panel = load_panel(data_dir)
    scheme = panel.scheme  # the top region, the levels and the counted metric are its own
    recon = reconcile_run(results, panel.regions, top=scheme.top_region, levels=scheme.levels,
                          whole_levels=scheme.whole_levels,
                          metric=(scheme.projected_metrics or ("active_total",))[0])
    if "skipped" in recon:
        return f"not reconciled: {reason_text(recon['skipped'])}"
    write_json(recon, Path(run_dir) / RECONCILIATION)
    parts = []
    for level, entry in recon["levels"].items():
        if "skipped" in entry:
            parts.append(f"{level}: {reason_text(entry['skipped'])}")
            continue
        year = entry["years"][0]
        parts.append(f"{level}: {len(entry['included'])} of {entry['regions_in_level']} "
                     f"regions sum to {entry['sum_before'][year] / entry['whole'][year]:.0%} "
                     f"of the {entry.get('parent', scheme.top_region)} median in {year} (factor "
                     f"{entry['factor'][year]:.{FACTOR_DECIMALS}f}"
                     f"{', scaled down only' if entry.get('down_only') else ''})")
    return "; ".join(parts)
