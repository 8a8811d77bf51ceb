"""Synthetic regions for the scale benchmark, derived by scaling the real national series.

The batch is timed over 10, 40 and 160 regions, more than the shipped data has, so the
benchmark writes a temporary data directory: the shipped four files plus ``n`` regions with
ids ``synthetic-001``, ... Each is the national history of a few metrics times a constant
factor drawn from a seeded generator, with the national targets scaled the same way. Every
synthetic row says so in its ``note`` and cites a ``synthetic-benchmark`` source, and the
region names start with "Synthetic". Nothing here is ever written into ``data/``.

Two kinds alternate so every size has the same mix of work:

* ``full`` (odd numbers): every year-end reading of ``active_total`` and ``fund_investment``
  and every ``working_population`` reading: the region fits its own models;
* ``sparse`` (even numbers): only the last two year-end ``active_total`` readings: too few
  to fit, so the region is pooled with the national projection.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

import numpy as np

from forecast import config
from forecast.data import load_panel
from forecast.errors import ParameterError

SOURCE_ID = "synthetic-benchmark"
PREFIX = "synthetic-"
#: Range of the constant factor a synthetic region's values are the national values times.
FACTOR_RANGE = (0.005, 0.05)
FULL_METRICS = ("active_total", "fund_investment", "working_population")
SPARSE_METRICS = ("active_total", "working_population")
SPARSE_POINTS = 2


def synthetic_ids(n: int) -> list[str]:
    """``synthetic-001`` ... with at least three digits, in order."""
    width = max(3, len(str(n)))
    return [f"{PREFIX}{i:0{width}d}" for i in range(1, n + 1)]


def _fmt(value: float, unit: str) -> str:
    if unit == "persons":
        return str(int(round(value)))
    return repr(round(float(value), 3))


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            # The required columns, then any optional one the rows carry (``denominator``).
            extra = list(dict.fromkeys(k for r in rows for k in r if k not in columns))
            writer = csv.DictWriter(fh, fieldnames=list(columns) + extra, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_rows(path: Path) -> list[dict]:
    """The rows of a validated CSV as text, exactly as written (no reformatting)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def make_synthetic_data(n: int, out_dir: str | Path, *, source_dir: str | Path | None = None,
                        seed: int = 20261231) -> list[str]:
    """Write a data directory with ``n`` synthetic regions added to a real one.

    Parameters
    ----------
    n : int
        Number of synthetic regions, >= 1.
    out_dir : str or Path
        Folder to write the four files into (created if missing); must not be the source.
    source_dir : str or Path, optional
        The real data directory to copy and scale; default the shipped ``data/``.
    seed : int
        Seed of the generator that draws each region's factor.

    Returns
    -------
    list of str
        The synthetic region ids, in order.

    Raises
    ------
    ParameterError
        For a bad ``n`` or an ``out_dir`` that is the source directory.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ParameterError(f"n: expected a whole number of synthetic regions >= 1, "
                             f"found {n!r}")
    panel = load_panel(source_dir)
    out = Path(out_dir)
    if out.resolve() == Path(panel.data_dir).resolve():
        raise ParameterError(f"out_dir: {out} is the source data directory; synthetic regions "
                             f"go to a separate, temporary folder")
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    obs, tgt = panel.observations, panel.targets
    national = obs[obs["region"] == "national"]
    year_end = national["date"].dt.month.eq(12) & national["date"].dt.day.eq(31)

    ids = synthetic_ids(n)
    src = Path(panel.data_dir)
    regions = _read_rows(src / config.REGIONS_FILE)
    observations = _read_rows(src / config.OBSERVATIONS_FILE)
    targets = _read_rows(src / config.TARGETS_FILE)
    sources = _read_rows(src / config.SOURCES_FILE)
    sources.append({"id": SOURCE_ID, "publisher": "forecast benchmarks",
                    "title": "Synthetic benchmark regions: real national series times a "
                             "constant factor; not real data", "url": "", "published": ""})
    for i, rid in enumerate(ids, start=1):
        factor = round(float(rng.uniform(*FACTOR_RANGE)), 5)
        kind = "full" if i % 2 else "sparse"
        regions.append({"id": rid, "name": f"Synthetic {i} (benchmark only; national x "
                                           f"{factor}, {kind})",
                        "level": "province", "parent": "national", "bps_code": ""})
        metrics = FULL_METRICS if kind == "full" else SPARSE_METRICS
        last_seen = {}
        for metric in metrics:
            rows = national[national["metric"] == metric]
            if metric != "working_population":
                rows = rows[year_end.loc[rows.index]]
                if kind == "sparse":
                    rows = rows.tail(SPARSE_POINTS)
            if rows.empty:
                continue
            last_seen[metric] = rows["date"].max()
            for rec in rows.to_dict("records"):
                date = rec["date"].strftime("%Y-%m-%d")
                observations.append({
                    "region": rid, "metric": metric, "date": date,
                    "value": _fmt(rec["value"] * factor, rec["unit"]), "unit": rec["unit"],
                    "source_id": SOURCE_ID,
                    "note": f"SYNTHETIC, not real data: national {metric} of {date} x {factor}"})
        for metric, last in last_seen.items():
            rows = tgt[(tgt["region"] == "national") & (tgt["metric"] == metric)
                       & (tgt["target_date"] > last)]
            for rec in rows.to_dict("records"):
                date = rec["target_date"].strftime("%Y-%m-%d")
                targets.append({
                    "region": rid, "metric": metric, "target_date": date,
                    "value": _fmt(rec["value"] * factor, rec["unit"]), "unit": rec["unit"],
                    "source_id": SOURCE_ID,
                    "note": f"SYNTHETIC, not real data: national {metric} target of {date} "
                            f"x {factor}"})
    _write_csv(out / config.REGIONS_FILE, config.REGION_COLUMNS + config.OPTIONAL_REGION_COLUMNS,
               regions)
    _write_csv(out / config.SOURCES_FILE, config.SOURCE_COLUMNS, sources)
    _write_csv(out / config.OBSERVATIONS_FILE, config.OBSERVATION_COLUMNS, observations)
    _write_csv(out / config.TARGETS_FILE, config.TARGET_COLUMNS, targets)
    return ids
