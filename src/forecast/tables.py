"""pandas tables from a panel or a results.json object, for notebooks and reports."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from . import config
from .data import Panel, check_as_of, check_region
from .errors import DataError, ParameterError
from .runfolder import read_json_file, read_manifest, read_results
from .fiscal import to_real
from .reasons import quality_text, reason_text, scheme_label
from .report.words import CLASSIFICATION


def _classified(code: str | None) -> str | None:
    """A progress classification in words ("on track"), as the PDFs print it."""
    return CLASSIFICATION["en"].get(code, code)


def observations_table(panel: Panel, region: str, as_of=None) -> pd.DataFrame:
    """A region's observations (as known at ``as_of``) with their sources' publisher and URL."""
    check_region(panel, region)
    cut = check_as_of(panel, as_of)  # the run's check: from the data's first year
    obs = panel.observations[panel.observations["region"] == region]
    if cut is not None:
        obs = obs[obs["date"] <= cut]
    sources = panel.sources.rename(columns={"id": "source_id"})[["source_id", "publisher",
                                                                  "url"]]
    out = obs.merge(sources, on="source_id", how="left")
    # The calendar's dates (the panel's are in fiscal time: forecast.fiscal); the year-end
    # rides along for observations_summary.
    out = out.assign(date=to_real(out["date"], panel.scheme.shift_days))
    out = out[["metric", "date", "value", "unit", "source_id", "publisher", "note", "url"]]
    out.attrs["year_end"] = panel.scheme.year_end
    return out


def observations_summary(obs: pd.DataFrame) -> pd.DataFrame:
    """One row per metric of :func:`observations_table`: how many readings (and of them at a
    year-end, the points the models fit), the first and the last, the last value and how many
    sources they come from. A region's full table runs to a hundred rows of notes; this is
    what a reader needs before the projection."""
    rows = []
    month, day = (int(x) for x in obs.attrs.get("year_end", "12-31").split("-"))
    for metric, g in obs.sort_values("date").groupby("metric", sort=True):
        dates = pd.to_datetime(g["date"])
        rows.append({"metric": metric, "readings": len(g),
                     "year-end readings": int(((dates.dt.month == month)
                                               & (dates.dt.day == day)).sum()),
                     "first": dates.iloc[0], "last": dates.iloc[-1],
                     "last value": g["value"].iloc[-1], "unit": g["unit"].iloc[-1],
                     "sources": g["source_id"].nunique()})
    return pd.DataFrame(rows, columns=["metric", "readings", "year-end readings", "first",
                                       "last", "last value", "unit", "sources"])


def metric_label(results: dict, metric: str) -> str:
    """The scheme's English label of ``metric`` ("Active participants"), else its id: the
    executed notebook is read as HTML by people who never see the data files."""
    metrics = (results.get("scheme") or {}).get("metrics") or {}
    return scheme_label((metrics.get(metric) or {}).get("labels"), "en", metric)


def reachability_table(results: dict) -> pd.DataFrame:
    """One row per target: the headline measures of results.json."""
    rows = []
    for t in results["targets"]:
        rows.append({
            "metric": metric_label(results, t["metric"]), "target": t["target_value"],
            "by": t["target_date"],
            "last observed": t["last_observed"]["value"],
            "on": t["last_observed"]["date"], "probability": t["probability"],
            "median": t["median"], "p10": t["p10"], "p90": t["p90"],
            "required CAGR": t["required_cagr"], "historical CAGR": t["historical_cagr"],
            "last-3y CAGR": t["historical_cagr_3y"],
            # Its base: the reading nearest 3 years back (forecast.targets.recent_base).
            "last-3y from": t.get("historical_cagr_3y_from"),
            "median reaches": t["year_median_reaches"],
            "UNSD": _classified(t["classifications"]["unsd"]),
            "StatCan": _classified(t["classifications"]["statcan"]),
            "data quality": t["data_quality"]["label"]})
    return pd.DataFrame(rows)


def _target_label(entry: dict, results: dict) -> str:
    return f"{metric_label(results, entry['metric'])} by {entry['target_date'][:4]}"


def models_table(results: dict) -> pd.DataFrame:
    """Every target's models: backtest error, own probability and median (and weight).

    Models that were not used (too little data, no ceiling, a failed fit) are listed with
    the reason. The weight is shown only for a run whose paths are the models' mixture
    (``weighting`` other than ``"median"``): the calibrated engine's centre is the median of
    its own fast forecasters, and these models carry no weight in it.
    """
    frames = []
    for entry in results["targets"]:
        used = pd.DataFrame(entry["models"])
        if entry.get("weighting") == "median":
            used = used.drop(columns=["weight"], errors="ignore")
        unused = pd.DataFrame(entry.get("models_not_used", []))
        if not unused.empty:
            unused = unused[~unused["name"].isin(used["name"])]
        frame = pd.concat([used, unused], ignore_index=True)
        frame.insert(0, "target", _target_label(entry, results))
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def base_year_table(results: dict) -> pd.DataFrame:
    """Required and historical growth for every possible base year of every target."""
    frames = []
    for entry in results["targets"]:
        frame = pd.DataFrame(entry["base_years"])
        for column in ("classification_unsd", "classification_statcan"):
            if column in frame:
                frame[column] = frame[column].map(_classified)
        frame.insert(0, "target", _target_label(entry, results))
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def quality_table(results: dict) -> pd.DataFrame:
    """Data-quality label and reason of every assessed series, and what was skipped."""
    rows = [{"metric": metric_label(results, t["metric"]), "target by": t["target_date"],
             "label": t["data_quality"]["label"], "reason": quality_text(t["data_quality"])}
            for t in results["targets"]]
    rows += [{"metric": metric_label(results, s["metric"]), "target by": s["target_date"],
              "label": "not assessed",
              "reason": reason_text(s["reason"])} for s in results["skipped"]]
    return pd.DataFrame(rows)


def newest_run(runs_dir=None) -> Path:
    """The batch run written last under ``runs_dir`` (default ``reports/runs``): the
    summary notebook's default ``run_dir``."""
    runs_dir = Path(runs_dir) if runs_dir else config.RUNS_DIR
    found = [p.parent for p in runs_dir.glob("*/manifest.json") if not p.parent.is_symlink()]
    if not found:
        raise ParameterError(f"run_dir: expected a batch run, found none in {runs_dir}; run "
                             f"`forecast batch` first, or set run_dir")
    return max(found, key=lambda p: (p / "manifest.json").stat().st_mtime)


def _run_folder(run_dir) -> Path:
    """``run_dir`` as a run folder: a folder with a manifest.json, else one line."""
    if not isinstance(run_dir, (str, os.PathLike)) or not str(run_dir):
        raise ParameterError(f"run_dir: expected the folder of a batch run, found {run_dir!r}")
    run_dir = Path(run_dir)
    if not (run_dir / "manifest.json").is_file():
        raise ParameterError(f"run_dir: expected the folder of a batch run (with a "
                             f"manifest.json), found {run_dir}")
    return run_dir


def run_table(run_dir) -> pd.DataFrame:
    """Every region of a batch run side by side, one row per assessed target.

    Reads ``manifest.json`` and each region's ``results.json``; regions that failed or had
    no assessable target appear with their status, so nothing silently drops out.
    """
    run_dir = _run_folder(run_dir)
    manifest = read_manifest(run_dir)  # damaged: one line naming the file and field
    rows = []
    for region in manifest["regions"]:
        status = manifest["status"].get(region, {}).get("status", "missing")
        path = run_dir / region / "results.json"
        res = read_results(path, region) if path.is_file() else None
        if res is None or not res["targets"]:
            rows.append({"region": region, "name": res["region_name"] if res else region,
                         "status": status if res is None else "no target assessed"})
            continue
        for t in res["targets"]:
            rows.append({"region": region, "name": res["region_name"], "status": status,
                         "metric": metric_label(res, t["metric"]), "by": t["target_date"],
                         "target": t["target_value"], "probability": t["probability"],
                         "required CAGR": t["required_cagr"],
                         "historical CAGR": t["historical_cagr"],
                         "UNSD": _classified(t["classifications"]["unsd"]),
                         "data quality": t["data_quality"]["label"]})
    frame = pd.DataFrame(rows)
    if "probability" in frame:
        frame = frame.sort_values(["probability", "region"], ascending=[False, True],
                                  na_position="last", kind="stable")
    return frame.reset_index(drop=True)


def reconciliation_table(run_dir) -> pd.DataFrame:
    """Regional projections of participants against the national one, per level and year.

    Reads ``reconciliation.json`` of a batch run (written when the run includes
    ``national``): the sum of the regions' medians before reconciliation, the national
    median, the factor applied and the adjustment in persons. A level that could not be
    reconciled appears with the reason.
    """
    path = _run_folder(run_dir) / "reconciliation.json"
    if not path.is_file():
        return pd.DataFrame({"level": [], "note": []})
    recon = read_json_file(path)
    if not isinstance(recon, dict) or not isinstance(recon.get("levels"), dict):
        raise DataError(f"{path}: field 'levels': expected an object of levels, found "
                        f"{type(recon.get('levels') if isinstance(recon, dict) else recon).__name__}")
    rows = []
    for level, entry in recon["levels"].items():
        if "skipped" in entry:
            rows.append({"level": level, "note": entry["skipped"]})
            continue
        for year in entry["years"]:
            key = str(year)
            rows.append({"level": level, "year": year,
                         "regions": f"{len(entry['included'])} of {entry['regions_in_level']}",
                         "sum of regions": entry["sum_before"][key],
                         "national": entry["whole"][key], "factor": entry["factor"][key],
                         "adjustment": entry["adjustment"][key],
                         "note": f"{len(entry['missing'])} without a projection"
                         if entry["missing"] else ""})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------- national


_EXTRAS = {"funds_model": "fund model", "segments": "segment decomposition"}


def _absent(results: dict, key: str) -> str | None:
    """Why ``results`` has no ``key`` (a sentence naming the region), or None if it has."""
    if results.get(key):
        return None
    why = [reason_text(s["reason"]) for s in results.get("extras_skipped", [])
           if key in s["key"]]
    name = results.get("region_name") or results.get("region") or "this region"
    top = (results.get("scheme") or {}).get("top_region", "national")
    # Another scheme's top region is not "a region other than national": say what it lacks.
    default = ("it is computed for the national run only" if top == "national" else
               "it is computed only for the shipped scheme's national run (its active "
               "participants, their segments and the fund with its flows), which this "
               "data folder does not describe")
    return (f"No {_EXTRAS.get(key, key)} for {name}: "
            + (why[0].rstrip(".") if why else default) + ".")


def funds_summary_table(results: dict):
    """The structural model beside the trend mixture for the fund target (a DataFrame).

    Returns a one-line explanation instead when the results have no fund model.
    """
    missing = _absent(results, "funds_model")
    if missing:
        return missing
    fm = results["funds_model"]
    rows = [{"method": "structural (F[y+1] = F[y](1+r) + C - B)",
             "probability": fm["probability"], "median": fm["median"], "p10": fm["p10"],
             "p90": fm["p90"]}]
    for t in results.get("targets", []):
        if t["metric"] == "fund_investment" and t["target_date"] == fm["target_date"]:
            rows.append({"method": "trend mixture", "probability": t["probability"],
                         "median": t["median"], "p10": t["p10"], "p90": t["p90"]})
    joint = results.get("joint")
    if joint:
        rows.append({"method": "joint: " + " AND ".join(joint["targets"]),
                     "probability": joint["probability"], "median": None, "p10": None,
                     "p90": None})
    frame = pd.DataFrame(rows)
    frame.attrs["target"] = f"Rp{fm['target_value']:,.0f}T by {fm['target_date']}"
    return frame


def funds_inputs_table(results: dict):
    """The fund model's inputs: value, spread, years and how each was estimated."""
    missing = _absent(results, "funds_model")
    if missing:
        return missing
    return pd.DataFrame([{"input": d["name"], "value": d["value"], "sd": d.get("sd"),
                          "years": ", ".join(map(str, d.get("years", []))), "how": d["how"]}
                         for d in results["funds_model"]["inputs"]])


def funds_backtest_table(results: dict):
    """Backtest MAPE by method and horizon (structural model against the trend models)."""
    missing = _absent(results, "funds_model")
    if missing:
        return missing
    bt = results["funds_model"].get("backtest") or {}
    if not bt.get("mape"):
        return "No backtest in these results."
    frame = pd.DataFrame(bt["mape"]).T.rename(columns={"1": "MAPE 1y", "2": "MAPE 2y",
                                                       "3": "MAPE 3y", "all": "MAPE all",
                                                       "n": "forecasts"})
    return frame.sort_values("MAPE all")


def segments_table(results: dict):
    """The gap decomposition of results.json as a DataFrame (or why there is none)."""
    seg = results.get("segments")
    if not seg:
        return _absent(results, "segments")
    frame = pd.DataFrame(seg["rows"])[["metric", "last_value", "last_date", "median", "p10",
                                       "p90", "share_of_target", "fallback", "reason"]]
    extra = pd.DataFrame([
        {"metric": "sum of medians", "median": seg["sum_of_medians"],
         "share_of_target": seg["sum_of_medians"] / seg["target_value"]},
        {"metric": "informal needed (others at their pace)",
         "last_value": (seg.get("informal_required_from") or {}).get("value"),
         "last_date": (seg.get("informal_required_from") or {}).get("date"),
         "median": seg.get("informal_required_value"),
         "reason": (f"required {seg['informal_required_cagr']:.1%}/yr against "
                    f"{seg['informal_historical_cagr']:.1%}/yr achieved over the last three "
                    f"year-ends" if seg.get("informal_required_cagr") is not None
                    and seg.get("informal_historical_cagr") is not None else "")}])
    return pd.concat([frame, extra], ignore_index=True)
