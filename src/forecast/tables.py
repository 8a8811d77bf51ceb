"""pandas tables from a panel or a results.json object, for notebooks and reports."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from . import config
from .data import Panel, check_as_of, check_region
from .errors import DataError, ParameterError
from .runfolder import read_json_file, read_manifest, read_results
from .fiscal import to_real
from .fundwords import how_text
from .medianreach import median_reach
from .reasons import reason_text, scheme_label
from .money import input_cells, input_name
from .report.explain import fund_input_name
from .report.numbers import required_value
from .styles import number as styles_number, percent as styles_percent
from .apicheck import folder_path, targets_of
from .report.order import ordered_targets
from .reconwords import level_key_words, word as recon_word
from .tablewords import (WORDS, check, classified, heading, keyed, model, nothing_ahead,
                         quality, word, worded)
from .wholecount import whole, whole_medians
from .tracktable import track_record_table  # noqa: F401 (re-exported: the notebooks)


def observations_table(panel: Panel, region: str, as_of=None, lang: str = "en"
                       ) -> pd.DataFrame:
    """A region's observations (as known at ``as_of``) with their sources' publisher and
    URL, headed in words in ``lang``; metrics and units by their labels."""
    check_region(panel, region)
    cut = check_as_of(panel, as_of)  # the run's check: from the data's first year
    obs = panel.observations[panel.observations["region"] == region]
    if cut is not None:
        obs = obs[obs["date"] <= cut]
    sources = panel.sources.rename(columns={"id": "source_id"})[["source_id", "publisher",
                                                                  "url"]]
    out = obs.merge(sources, on="source_id", how="left")
    # The calendar's dates (the panel's are in fiscal time); year-end for the summary.
    out = out.assign(date=to_real(out["date"], panel.scheme.shift_days))
    out = out[["metric", "date", "value", "unit", "source_id", "publisher", "note", "url"]]
    scheme = panel.scheme
    out = out.assign(metric=[scheme.label(m, lang) for m in out["metric"]],
                     unit=[scheme.units[u].labels.get(lang, u) if u in scheme.units else u
                           for u in out["unit"]])
    out.attrs["year_end"] = scheme.year_end
    # The notes quote the sources in English, as the PDF's source notes do: the heading says so.
    return worded(out, lang, extra={"note": ("prose", word("source_notes", lang))})


def observations_summary(obs: pd.DataFrame) -> pd.DataFrame:
    """One row per metric of :func:`observations_table`: how many readings (and of them at a
    year-end, the points the models fit), the first and the last, the last value and how many
    sources they come from. A region's full table runs to a hundred rows of notes; this is
    what a reader needs before the projection. Headed in the language of ``obs``."""
    lang = obs.attrs.get("lang", "en")
    obs = keyed(obs)
    rows = []
    month, day = (int(x) for x in obs.attrs.get("year_end", "12-31").split("-"))
    for metric, g in obs.sort_values("date").groupby("metric", sort=True):
        dates = pd.to_datetime(g["date"])
        rows.append({"metric": metric, "readings": len(g),
                     "year_end_readings": int(((dates.dt.month == month)
                                               & (dates.dt.day == day)).sum()),
                     "first": dates.iloc[0], "last": dates.iloc[-1],
                     "last_value": g["value"].iloc[-1], "unit": g["unit"].iloc[-1],
                     "sources": g["source_id"].nunique()})
    return worded(pd.DataFrame(rows, columns=["metric", "readings", "year_end_readings",
                                              "first", "last", "last_value", "unit",
                                              "sources"]), lang)


def metric_label(results: dict, metric: str, lang: str = "en") -> str:
    """The scheme's label of ``metric`` in ``lang`` ("Active participants"), else its id:
    the executed notebook is read as HTML by people who never see the data files."""
    metrics = (results.get("scheme") or {}).get("metrics") or {}
    return scheme_label((metrics.get(metric) or {}).get("labels"), lang, metric)


def unit_label(results: dict, unit: str | None, lang: str = "en") -> str | None:
    """The scheme's label of ``unit`` in ``lang`` ("persons", "Rp triliun"), else the id:
    a table whose rows are persons, rupiah and percent says which each row is in."""
    units = (results.get("scheme") or {}).get("units") or {}
    return scheme_label((units.get(unit) or {}).get("labels"), lang, unit) if unit else None


def _in_order(results) -> list[dict]:
    """The assessed targets, checked (apicheck), in the reports' order: the headline ones
    first, then by date and metric (forecast.report.order.ordered_targets)."""
    targets_of(results)
    return ordered_targets(results)


def reachability_table(results: dict, lang: str = "en") -> pd.DataFrame:
    """One row per target: the headline measures of results.json, headed in ``lang``."""
    rows = []
    for t in _in_order(results):
        rows.append({
            "metric": metric_label(results, t["metric"], lang),
            "target_value": t["target_value"], "unit": unit_label(results, t.get("unit"), lang),
            "target_date": t["target_date"], "last_observed": t["last_observed"]["value"],
            "last_date": t["last_observed"]["date"], "probability": t["probability"],
            **{k: whole(t[k], results, t.get("unit")) for k in ("median", "p10", "p90")},
            "required_cagr": required_value(t, lang), "historical_cagr": t["historical_cagr"],
            "historical_cagr_3y": t["historical_cagr_3y"],
            # Its base: the reading nearest 3 years back (forecast.targets.recent_base).
            "historical_cagr_3y_from": t.get("historical_cagr_3y_from"),
            "year_median_reaches": median_reach(t, lang),  # or its fall below it again
            "unsd": classified(t["classifications"]["unsd"], lang),
            "statcan": classified(t["classifications"]["statcan"], lang),
            "quality": quality(t["data_quality"]["label"], lang)})
    frame = worded(pd.DataFrame(rows), lang)
    # Eighteen measures: one column per target (forecast.styles.styled); none: the reason.
    frame.attrs.update({"across": [frame.columns[0], frame.columns[3]]} if rows
                       else {"why": nothing_ahead(results, lang)})
    return frame


def _target_label(entry: dict, results: dict, lang: str = "en") -> str:
    by = "by" if lang == "en" else "pada"
    return f"{metric_label(results, entry['metric'], lang)} {by} {entry['target_date'][:4]}"


def models_table(results: dict, lang: str = "en") -> pd.DataFrame:
    """Every target's models: backtest error, own probability and median (and weight).

    Models that were not used (too little data, no ceiling, a failed fit) are listed with
    the reason. The weight is shown only for a run whose paths are the models' mixture
    (``weighting`` other than ``"median"``): the calibrated engine's centre is the median of
    its own fast forecasters, and these models carry no weight in it.
    """
    frames = []
    for entry in _in_order(results):
        used = pd.DataFrame(whole_medians(entry["models"], results, entry.get("unit")))
        if entry.get("weighting") == "median":
            used = used.drop(columns=["weight"], errors="ignore")
        unused = pd.DataFrame(entry.get("models_not_used", []))
        if not unused.empty:
            unused = unused[~unused["name"].isin(used["name"])]
        frame = pd.concat([used, unused], ignore_index=True)
        if "name" in frame:
            frame["name"] = [model(n, lang) for n in frame["name"]]
        if "reason" in frame:
            frame["reason"] = [_note(r, results, lang) for r in frame["reason"]]
        frame.insert(0, "target", _target_label(entry, results, lang))
        frame.insert(1, "unit", unit_label(results, entry.get("unit"), lang))  # of Median
        frames.append(frame)
    return worded(pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(), lang)


def base_year_table(results: dict, lang: str = "en") -> pd.DataFrame:
    """Required and historical growth for every possible base year of every target."""
    frames = []
    for entry in _in_order(results):
        frame = pd.DataFrame(entry["base_years"]).drop(columns="required_growth", errors="ignore")
        frame = frame.rename(columns={  # a rate over 100 %/yr in the headline's words:
            "historical_cagr": "base_historical_cagr", "required_cagr": "base_required_cagr",
            "classification_unsd": "unsd", "classification_statcan": "statcan"}).assign(
            base_required_cagr=[required_value(b, lang) for b in entry["base_years"]])
        for column in ("unsd", "statcan"):
            if column in frame:
                frame[column] = [classified(c, lang) for c in frame[column]]
        frame.insert(0, "target", _target_label(entry, results, lang))
        frame.insert(1, "unit", unit_label(results, entry.get("unit"), lang))  # of the value
        frames.append(frame)
    return worded(pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(), lang)


def named(text, results: dict, lang: str = "en"):
    """``text`` (an engine's note: "projected as its share of active_total") with each of the
    scheme's metric ids by its label, lower case, as a sentence names it (a reader of the
    notebook never sees the data files' ids). Anything but a string is returned as it is."""
    if not isinstance(text, str):
        return text
    metrics = (results.get("scheme") or {}).get("metrics") or {}
    for metric in sorted(metrics, key=len, reverse=True):
        label = metric_label(results, metric, lang)
        if label != metric:
            text = re.sub(rf"(?<![\w]){re.escape(metric)}(?![\w])",
                          label[:1].lower() + label[1:], text)
    return text


def _note(r, results: dict, lang: str):
    """An engine's note (a reason object, or the English sentence of an older results.json)
    in words, the metric ids by their labels; an empty cell (NaN) as it is."""
    return named(reason_text(r, lang), results, lang) if isinstance(r, (dict, str)) else r


def _quality_words(entry: dict, results: dict, lang: str) -> str:
    """The data-quality reason as the PDF writes it (45.2 million, 31 December 2024), the
    values in the results' scheme."""
    from .plots import drawn_in_scheme  # charts' scheme context; plots imports no tables
    from .report.i18n import quality_reason  # (as above: the report imports no tables)

    return drawn_in_scheme(results.get("scheme"),
                           lambda: quality_reason(entry["data_quality"], lang, entry))


def quality_table(results: dict, lang: str = "en") -> pd.DataFrame:
    """Data-quality label and reason of every assessed series, and what was skipped."""
    rows = [{"metric": metric_label(results, t["metric"], lang),
             "target_date": t["target_date"],
             "quality": quality(t["data_quality"]["label"], lang),
             "reason": _quality_words(t, results, lang)} for t in _in_order(results)]
    rows += [{"metric": metric_label(results, s["metric"], lang),
              "target_date": s["target_date"], "quality": word("not_assessed", lang),
              "reason": reason_text(s["reason"], lang)} for s in targets_of(results, "skipped")]
    return worded(pd.DataFrame(rows), lang)


def newest_run(runs_dir=None) -> Path:
    """The batch run written last under ``runs_dir`` (default ``reports/runs``): the
    summary notebook's default ``run_dir``."""
    runs_dir = folder_path(runs_dir, "runs_dir") if runs_dir else config.RUNS_DIR
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


def run_table(run_dir, lang: str = "en") -> pd.DataFrame:
    """Every region of a batch run side by side, one row per assessed target, in ``lang``.

    Reads ``manifest.json`` and each region's ``results.json``; regions that failed or had
    no assessable target appear with their status, so nothing silently drops out.
    """
    check(lang)  # before any file is read: a wrong lang is one line about lang
    run_dir = _run_folder(run_dir)
    said = WORDS[lang]
    manifest = read_manifest(run_dir)  # damaged: one line naming the file and field
    rows = []
    for region in manifest["regions"]:
        status = manifest["status"].get(region, {}).get("status", "missing")
        path = run_dir / region / "results.json"
        res = read_results(path, region) if path.is_file() else None
        if res is None or not res["targets"]:
            rows.append({"region": res["region_name"] if res else region, "folder": region,
                         "status": said.get(status, status) if res is None
                         else said["no_target"]})
            continue
        for t in res["targets"]:
            rows.append({"region": res["region_name"], "folder": region,
                         "status": said.get(status, status),
                         "metric": metric_label(res, t["metric"], lang),
                         "target_date": t["target_date"], "target_value": t["target_value"],
                         "unit": unit_label(res, t.get("unit"), lang),
                         "probability": t["probability"],
                         "required_cagr": t["required_cagr"],
                         "historical_cagr": t["historical_cagr"],
                         # {} is read by the reports (a KeyError here stopped the notebook)
                         "unsd": classified((t["classifications"] or {}).get("unsd"), lang),
                         "quality": quality(t["data_quality"]["label"], lang)})
    frame = pd.DataFrame(rows)
    if "probability" in frame:
        frame = frame.sort_values(["probability", "folder"], ascending=[False, True],
                                  na_position="last", kind="stable")
    return worded(frame.reset_index(drop=True), lang)


def _run_scheme(run_dir) -> dict:
    """``{"scheme": ...}`` of the run's first region with results (its metric labels), or
    an empty dict: what :func:`named` needs to name a metric in a run-level note."""
    for path in sorted(Path(run_dir).glob("*/results.json")):
        return {"scheme": read_results(path, path.parent.name).get("scheme") or {}}
    return {}


def region_name(run_dir, region: str) -> str:
    """A region of the run by its name (its results.json's), else its id."""
    path = Path(run_dir) / region / "results.json"
    return (read_results(path, region).get("region_name") or region) if path.is_file() \
        else region


def reconciliation_table(run_dir, lang: str = "en", recon: dict | None = None) -> pd.DataFrame:
    """Regional projections of participants against the national one, per level and year.

    Reads ``reconciliation.json`` of a batch run (written when the run includes
    ``national``): the sum of the regions' medians before reconciliation, the national
    median, the factor applied and the adjustment in persons. A level that could not be
    reconciled appears with the reason. Levels, counts and reasons in ``lang``; ``recon``
    the file's object where it was read already (the reports' check of it).
    """
    check(lang)
    path = _run_folder(run_dir) / "reconciliation.json"
    if recon is None and not path.is_file():
        return worded(pd.DataFrame({"level": [], "note": []}), lang)
    recon = read_json_file(path) if recon is None else recon
    if not isinstance(recon, dict) or not isinstance(recon.get("levels"), dict):
        raise DataError(f"{path}: field 'levels': expected an object of levels, found "
                        f"{type(recon.get('levels') if isinstance(recon, dict) else recon).__name__}")
    rows, scheme = [], _run_scheme(run_dir)
    for key_, entry in recon["levels"].items():
        level = level_key_words(key_, entry.get("parent"), lang,
                                lambda r: region_name(run_dir, r))
        if "skipped" in entry:
            why = entry["skipped"]  # a reason object (a sentence in runs made before)
            if isinstance(why, dict):  # the parent, or the whole, by its name
                why = {**why, **{k: region_name(run_dir, why[k])
                                 for k in ("parent", "whole") if k in why}}
            rows.append({"level": level, "note": named(why, scheme, lang) if isinstance(
                why, str) else reason_text(why, lang, lambda m, lg: metric_label(scheme, m, lg))})
            continue
        down = "down_missing" if entry.get("down_why") == "missing" else "down_only"
        note = "; ".join([recon_word("without", lang, n=len(entry["missing"]))] * bool(
            entry["missing"]) + [recon_word(down, lang)] * entry.get(
            "down_only", "parent" in entry))  # older runs: a level under one parent was
        for i, year in enumerate(entry["years"]):  # the note once, on the level's first row
            key = str(year)
            rows.append({"level": level, "year": year,
                         "regions": recon_word("of", lang, k=len(entry["included"]),
                                               n=entry["regions_in_level"]),
                         "sum_before": entry["sum_before"][key],
                         "whole": entry["whole"][key], "factor": entry["factor"][key],
                         # What the factor adds (older runs kept a bound-only gap here)
                         "adjustment": entry["sum_before"][key] * (entry["factor"][key] - 1),
                         "note": "" if i else note})
    # The note last, whichever level comes first (a skipped level has only its note).
    columns = ["level", "year", "regions", "sum_before", "whole", "factor", "adjustment",
               "note"]
    # Every level skipped (a run of some regions): their notes, not six columns of dashes.
    table = worded(pd.DataFrame(rows, columns=columns).dropna(axis=1, how="all"), lang)
    table.attrs.update(metric=recon.get("metric"), recon=recon)  # its unit; what else it says
    return table


# ---------------------------------------------------------------------------- national


def _absent(results: dict, key: str, lang: str = "en") -> str | None:
    """Why ``results`` has no ``key`` (a sentence naming the region, in ``lang``), or None
    if it has."""
    if results.get(key):
        return None
    why = [reason_text(s["reason"], lang, lambda m, lg: metric_label(results, m, lg))
           for s in results.get("extras_skipped", []) if key in s["key"]]
    name = results.get("region_name") or results.get("region") or word("this_region", lang)
    top = (results.get("scheme") or {}).get("top_region", "national")
    # Another scheme: the top region's run has them where the data folder describes them.
    default = word("national_only" if top == "national" else "shipped_only" if results.get(
        "region", top) == top else "top_only", lang).format(top=top)
    return word("absent", lang).format(what=word(key, lang), name=name,
                                       why=why[0].rstrip(".") if why else default)


def funds_summary_table(results: dict, lang: str = "en"):
    """The structural model beside the headline projection for the fund target (a
    DataFrame headed in ``lang``).

    Returns a one-line explanation instead when the results have no fund model.
    """
    missing = _absent(results, "funds_model", lang)
    if missing:
        return missing
    fm = results["funds_model"]
    fund = [t for t in results.get("targets", [])
            if t["metric"] == "fund_investment" and t["target_date"] == fm["target_date"]]
    unit = unit_label(results, fund[0].get("unit") if fund else None, lang)  # of the median
    rows = [{"method": word("structural", lang), "probability": fm["probability"],
             "median": fm["median"], "p10": fm["p10"], "p90": fm["p90"], "unit": unit}]
    for t in fund:
        rows.append({"method": word("headline", lang), "probability": t["probability"],
                     "median": t["median"], "p10": t["p10"], "p90": t["p90"], "unit": unit})
    joint = results.get("joint")
    if joint:
        names = word("and", lang).join(metric_label(results, m, lang)
                                       for m in joint["targets"])
        rows.append({"method": word("joint", lang).format(targets=names),
                     "probability": joint["probability"], "median": None, "p10": None,
                     "p90": None, "unit": None})
    return worded(pd.DataFrame(rows), lang)


def funds_inputs_table(results: dict, lang: str = "en"):
    """The fund model's inputs: value, spread, years and how each was estimated."""
    missing = _absent(results, "funds_model", lang)
    if missing:
        return missing
    # Each input in its own kind (a return and a share in percent, as the PDF writes them,
    # not 0.0867 beside 2,285,374): the column is written here, row by row.
    shown = {"investment_return": styles_percent, "benefit_share": styles_percent}
    fm, units = results["funds_model"], (results.get("scheme") or {}).get("units")
    rows = [{"input": input_name(d["name"], lang, fm, units, fund_input_name),
             **input_cells(d, fm, lang, shown.get(d["name"], styles_number)),
             "years": ", ".join(map(str, d.get("years", []))),
             # The stored sentence is English; written again from its fields in lang.
             "how": named(d["how"] if lang == "en" else how_text(d, fm, lang, units), results, lang)}
            for d in fm["inputs"]]
    return worded(pd.DataFrame(rows), lang, extra={"value": ("text", heading("value", lang)),
                                                   "sd": ("text", heading("sd", lang))})


def funds_backtest_table(results: dict, lang: str = "en"):
    """Backtest MAPE by method and horizon (structural model against the trend models)."""
    missing = _absent(results, "funds_model", lang)
    if missing:
        return missing
    bt = results["funds_model"].get("backtest") or {}
    if not bt.get("mape"):
        return word("no_backtest", lang)
    frame = pd.DataFrame(bt["mape"]).T.rename(columns={"1": "mape_1", "2": "mape_2",
                                                       "3": "mape_3", "all": "mape_all",
                                                       "n": "forecasts"})
    frame = frame.sort_values("mape_all")
    frame.insert(0, "method", [model(m, lang) for m in frame.index])
    return worded(frame.reset_index(drop=True), lang)


def segments_table(results: dict, lang: str = "en"):
    """The gap decomposition of results.json as a DataFrame (or why there is none)."""
    seg = results.get("segments")
    if not seg:
        return _absent(results, "segments", lang)
    frame = pd.DataFrame(seg["rows"])[["metric", "last_value", "last_date", "median", "p10",
                                       "p90", "share_of_target", "fallback", "reason"]]
    frame["metric"] = [metric_label(results, m, lang) for m in frame["metric"]]
    frame["reason"] = [_note(r, results, lang) for r in frame["reason"]]
    fmt = (lambda x: styles_percent(x, lang))
    extra = pd.DataFrame([
        {"metric": word("sum_of_medians", lang), "median": seg["sum_of_medians"],
         "share_of_target": seg["sum_of_medians"] / seg["target_value"]},
        {"metric": word("informal_needed", lang),
         "last_value": (seg.get("informal_required_from") or {}).get("value"),
         "last_date": (seg.get("informal_required_from") or {}).get("date"),
         "median": seg.get("informal_required_value"),
         "reason": (word("informal_reason", lang).format(
             req=fmt(seg["informal_required_cagr"]), ach=fmt(seg["informal_historical_cagr"]))
             if seg.get("informal_required_cagr") is not None
             and seg.get("informal_historical_cagr") is not None else "")}])
    frame = pd.concat([frame.rename(columns={"metric": "segment"}),
                       extra.rename(columns={"metric": "segment"})], ignore_index=True)
    return worded(frame, lang)
