"""The management summary's document: every region in one table, the method page.

Like :mod:`.build` (whose pieces it uses), it returns plain data for the typst template.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from . import explain, i18n
from . import numbers as fmt
from ..fiscal import (end_of_year, fiscal_sentence, results_year_end, year_end_in_use,
                      year_of)
from .build import (
    class_notes,
    fan_rows,
    growth_pair,
    headline_targets,
    is_headline,
    optional_sections,
    ordered_targets,
    provenance,
    region_reason,
    resolve_sources,
    skip_reason,
    source_ids,
    target_headers,
    target_label,
    target_row,
)
from .i18n import t
from .partswords import TITLE as BELOW_TITLE, below_parts_lines
from .reachwords import verdict_with_reach
from .words import scheme_ceiling_words, scheme_top_region, set_scheme
from ..headline import declared
from ..reconwords import FACTOR_DECIMALS
from ..topwords import results_top_name, top_of

#: The top region's growth and trend in the method page: ``top_of(thing, lang, name)``.
_TOP_WORDS = {"en": (("growth", "en"), ("trend", "en")),
              "id": (("pertumbuhan", "id"), ("tren", "id"))}


def summary_rows(run: list[tuple[str, dict | None, dict]], lang: str) -> tuple[list, list]:
    """The regions table: assessed targets sorted by probability, then the rest.

    ``run`` is a list of (region id, results or None, manifest status).
    """
    year = projected_year(run)
    assessed, rest = [], []
    for region, results, status in run:
        name = (results or {}).get("region_name") or region
        if results is None:
            error = status.get("error") or status.get("status", "missing")
            error = " ".join(str(error).split()).split(". ")[0][:160]  # not a cell's code
            rest.append({"region": name, "id": region,
                         "reason": t(lang, "failed", error=error)})
            continue
        if not results.get("targets"):
            rest.append({"region": name, "id": region, "reason": region_reason(results, lang),
                         **latest_and_projected(results, lang, year)})
            continue
        for e in results["targets"]:
            key = i18n.band(e["probability"])
            assessed.append({
                "id": region, "region": name, "light": i18n.LIGHT[key],
                "band": i18n.BAND_SHORT[lang][key], "probability_value": e["probability"],
                # Its own digits: the row shows no median or band to tell it apart from.
                "target": target_label({k: e[k] for k in ("metric", "target_value", "unit",
                                                          "target_date")}, lang),
                "probability": fmt.probability(e["probability"], lang),
                "growth": growth_pair(e, lang),
                "quality": i18n.QUALITY[lang].get(e["data_quality"]["label"],
                                                  e["data_quality"]["label"]),
                "required_cagr": e["required_cagr"], "historical_cagr": e["historical_cagr"],
                "chart_label": f"{name}: {i18n.metric_name(e['metric'], lang)} "
                               f"{e['target_date'][:4]}"})
    assessed.sort(key=lambda r: (-r["probability_value"], name_order(r["region"]), r["id"],
                                 r["target"]))
    rest.sort(key=lambda r: (name_order(r["region"]), r["id"]))  # as read: by name
    return assessed, rest


def name_order(name: str) -> tuple:
    """A region name's place in a list as a reader looks for it: numbers by their value
    ("District 9" before "District 13"), letters without case.

    Examples
    --------
    >>> sorted(["District 13", "district 9", "District 101"], key=name_order)
    ['district 9', 'District 13', 'District 101']
    """
    return tuple(_number_key(part) if part.isdecimal() else (1, 0, part)
                 for part in re.split(r"(\d+)", name.casefold()) if part)


def _number_key(digits: str) -> tuple:
    """A run of decimal digits of any script (2, ٢, ２) ordered by its value without
    ``int()``, which refuses numbers past 4,300 digits; the written digits break a tie
    ("02" after "2"). Only decimal digits: a '²' or '①' is a letter here, as
    ``\\d`` finds it (``int('²')`` raised ValueError)."""
    value = "".join(str(unicodedata.decimal(c)) for c in digits).lstrip("0")
    return (0, len(value), value + "\0" + digits)


#: The year the table of regions without targets shows when no region has a projection.
PROJECTED_YEAR = 2026


def projected_year(run: list[tuple[str, dict | None, dict]]) -> int:
    """The year the table of regions without targets shows: the first year-end every such
    region projects (each projects from the year after its last reading), so every row
    has a number and none is further ahead than needed. 2026 for the shipped data;
    :data:`PROJECTED_YEAR` when no region has a projection.

    Examples
    --------
    >>> fan = lambda y: {"projections": [{"projected": True, "fan": [{"year": y}]}]}
    >>> projected_year([("a", fan(2025), {}), ("b", fan(2026), {}), ("c", None, {})])
    2026
    >>> projected_year([("a", {"targets": []}, {})])
    2026
    """
    firsts = [p["fan"][0]["year"] for _, r, _ in run if r
              for p in (r.get("projections") or [])[:1] if p.get("projected") and p.get("fan")]
    # Not before the year the run stood in (its cut, or the day it ran, in the scheme's
    # years): a fiscal scheme read to June 2024 and run in December 2026 showed "projected,
    # 30 June 2025", a date already past, under "ahead".
    lasts = [p["fan"][-1]["year"] for _, r, _ in run if r
             for p in (r.get("projections") or [])[:1] if p.get("projected") and p.get("fan")]
    stood = [int(y) for _, r, _ in run if r
             for y in [year_of(r.get("as_of") or r.get("outcomes_as_of") or "")] if y]
    year = max(firsts, default=PROJECTED_YEAR)
    if stood and lasts:
        year = min(max(year, max(stood)), min(lasts))  # a year every fan still holds
    return year


def _year_end_words(year: int, lang: str) -> str:
    """``end-2026`` / ``akhir 2026``; under fiscal years the day itself (30 June 2026)."""
    iso = f"{year}-{year_end_in_use()}"
    return (("end-" if lang == "en" else "akhir ") + str(year)) if end_of_year(iso) \
        else fmt.date(iso, lang)


def latest_reading(results: dict) -> dict | None:
    """The observation a region without targets shows as its latest reading: the newest of
    the metric it projects first (``active_total`` when nothing is projected), else the
    newest of any; None without observations."""
    projections = [p for p in results.get("projections") or [] if p.get("projected")]
    metric = projections[0]["metric"] if projections else "active_total"
    obs = sorted(results.get("observations") or [], key=lambda o: o["date"])
    if not obs:
        return None
    return next((o for o in reversed(obs) if o["metric"] == metric), obs[-1])


def cited_ids(results: dict) -> set[str]:
    """The sources the summary cites for one region: its assessments' and, for a region
    with nothing assessed, its latest reading's (that cell cited none before)."""
    ids = set(source_ids(results))
    shown = latest_reading(results)  # results.json has observations only then
    if shown is not None and shown.get("source_id"):
        ids.add(shown["source_id"])
    return ids


def latest_and_projected(results: dict, lang: str, year: int = PROJECTED_YEAR) -> dict:
    """A region without targets in one row: its latest reading (``45.2 million (Dec
    2024)``) and the median of its first projected count (the scheme's participants:
    ``active_total`` for the shipped data) at the end of ``year``, or ``—`` with the reason it was
    not projected (a region with coverage readings only has no count to project)."""
    dash = t(lang, "projection_missing")
    every = results.get("projections") or []
    projections = [p for p in every if p.get("projected")]
    latest = dash
    o = latest_reading(results)
    if o is not None:
        latest = (f"{i18n.metric_name(o['metric'], lang)}: "
                  f"{fmt.value(o['value'], o['unit'], lang)} ({fmt.short_date(o['date'], lang)})")
    projected = dash
    if not projections and every and every[0].get("reason"):
        projected = t(lang, "projection_not_made", why=_not_projected(every[0], lang))
    for p in projections[:1]:
        at = next((i for i, f in enumerate(p.get("fan", [])) if f["year"] == year), None)
        if at is not None:  # the row of its page's table: the same scale and decimals
            _, median, band = fan_rows(p["fan"], p["unit"], lang)[at]
            projected = f"{i18n.metric_name(p['metric'], lang)}: {median} ({band})"
    return {"latest": latest, "projected": projected}


def _not_projected(p: dict, lang: str) -> str:
    """Why a count was not projected, without the region the row already names."""
    why = p["reason"]
    if isinstance(why, dict) and why.get("code") == "no_observations":
        name = i18n.metric_name(p["metric"], lang)
        return t(lang, "no_count_reading", metric=name[:1].lower() + name[1:])
    return skip_reason(why, lang)


def weights_table(results: dict | None, lang: str) -> dict | None:
    """Backtest error of the national headline targets' models (model x target): the
    model's mean absolute percentage error on the years it was refitted without (``3.2 %``),
    ``-`` for a model not used or not backtested. The models carry no weight in the
    headline probability (the calibrated combination's); the table shows where they stand."""
    if not results:
        return None
    heads = headline_targets(results)
    if not heads:
        return None
    names = sorted({m["name"] for e in heads for m in e["models"]})
    rows = []
    for name in names:
        row = [explain.model_name(name, lang)]
        for e in heads:
            m = next((m for m in e["models"] if m["name"] == name), None)
            mape = None if m is None else m.get("backtest_mape")
            row.append("-" if mape is None else fmt.rate(mape, lang))
        rows.append(row)
    top = top_of("headline targets" if lang == "en" else "target utama", lang,
                 results_top_name(results))
    return {"title": t(lang, "method_weights_table", top_targets=top),
            "headers": [t(lang, "col_model")] + [_scored_head(e, lang) for e in heads],
            "rows": rows}


def _scored_head(entry: dict, lang: str) -> str:
    """A target's column of the backtest table: "Coverage 2027", and where the coverage is
    moved with a count, the count its models were scored on (its column showed the
    members' errors beside theirs, as if of coverage)."""
    head = f"{i18n.metric_name(entry['metric'], lang)} {entry['target_date'][:4]}"
    labels = ((entry.get("data_quality") or {}).get("coverage") or {}).get("numerator_labels")
    if not isinstance(labels, dict) or not labels:
        return head
    count = str(labels.get(lang) or labels.get("en") or "")
    return t(lang, "col_scored_on", target=head, count=count[:1].lower() + count[1:])


#: The top region in the run, without results: its batch run failed.
_TOP_FAILED = {
    "en": "The top region ({top}) failed in this run ({error}), so its targets are not "
          "assessed here; `forecast batch --resume {run_id}` runs it again.",
    "id": "Wilayah teratas ({top}) gagal dalam run ini ({error}), sehingga targetnya tidak "
          "dinilai di sini; `forecast batch --resume {run_id}` menjalankannya lagi.",
}


def _top_missing(run: list, top: str, lang: str, run_id: str = "RUN_ID") -> str:
    """Why the summary has no top region's targets: not in the run, or failed in it (it
    said "not in this run" of a top region whose run timed out)."""
    status = next((st for rid, _, st in run if rid == top), None)
    if status is None:
        return t(lang, "top_not_run", top=top)
    error = status.get("error") or status.get("status") or "missing"
    error = " ".join(str(error).split()).split(". ")[0]  # not a cell's preview
    return _TOP_FAILED[lang].format(top=top, error=error[:160], run_id=run_id)


def summary_document(manifest: dict, run: list[tuple[str, dict | None, dict]],
                     sources: dict[str, dict], lang: str, growth_figure: dict | None) -> dict:
    """The management summary of a batch run."""
    fmt.check_lang(lang)
    # The scheme's words and top region (results.json "scheme"; older runs: the shipped).
    set_scheme(next((r.get("scheme") for _, r, _ in run if r), None))
    top = scheme_top_region()
    national = next((r for rid, r, _ in run if rid == top and r), None)
    top_name = results_top_name(national)
    assessed, rest = summary_rows(run, lang)
    national_targets = ordered_targets(national) if national else []
    heads = [e for e in national_targets if is_headline(e, national)] or \
        headline_targets(national)
    if national and (not heads or isinstance(national.get("scheme"), dict) and not
                     declared(national)):  # a scheme naming no headline: every target
        heads = national_targets  # (not a metric's latest alone: 98 % by 2027 beside 100 %)
    params = manifest.get("parameters", {})
    ids = sorted({sid for _, r, _ in run if r for sid in cited_ids(r)})
    bands = []
    lower = 0.0
    for upper, key in i18n.BANDS:
        lo = fmt.number(100 * lower, 0, lang)
        rng = (f"≥ {lo} %" if upper == float("inf") else
               f"{lo}–{fmt.number(100 * upper, 0, lang)} %")
        bands.append({"range": rng, "words": i18n.BAND_WORDS[lang][key],
                      "short": i18n.BAND_SHORT[lang][key], "light": i18n.LIGHT[key],
                      "light_word": t(lang, f"light_{i18n.LIGHT[key]}")})
        lower = upper
    ok = sum(1 for _, r, _ in run if r is not None)
    when = _year_end_words(projected_year(run), lang)
    no_targets = t(lang, "no_region_targets")
    return {
        "lang": lang,
        "title": i18n.report_title("summary_title", lang, national),
        "run": t(lang, "run", run_id=manifest.get("run_id", "")),
        "as_of": (t(lang, "as_of", date=fmt.date(params["as_of"], lang)) if params.get("as_of")
                  else t(lang, "as_of_latest")) + _fiscal(run, lang),
        "provenance": provenance(national, lang) if national else "",
        "counts": (f"{ok} / {len(run)} " + ("regions with results" if lang == "en"
                                            else "wilayah dengan hasil")),
        "labels": {k: t(lang, k) for k in (
            "national_verdicts", "regions_table", "regions_intro", "regions_not_assessed",
            "growth_title", "growth_intro", "growth_none", "method", "method_models",
            "method_models_text", "method_weights", "method_weights_text",
            "method_probability", "method_probability_text", "method_not",
            "method_not_text", "method_bands", "method_classification",
            "method_classification_text", "sources", "targets_table", "col_status",
            "col_region", "col_target", "col_prob", "col_growth", "col_quality",
            "col_reason", "col_band_range", "col_words", "col_light", "page",
            "no_targets")} | ({} if national else {"no_targets": _top_missing(
                run, top, lang, manifest.get("run_id") or "RUN_ID")}) | {
            # What the saturating models saturate toward, in the scheme's words, and the
            # top region pooled regions borrow from ("national" or its name).
            "method_models_text": t(lang, "method_models_text",
                                    ceiling=scheme_ceiling_words(lang),
                                    top_growth=top_of(*_TOP_WORDS[lang][0], top_name)),
            "method_not_text": t(lang, "method_not_text",
                                 top_trend=top_of(*_TOP_WORDS[lang][1], top_name))},
        "national_name": (national or {}).get("region_name", top),
        "verdicts": [verdict_with_reach(e, lang) for e in heads],
        "national_headers": target_headers(lang),
        "national_rows": [target_row(e, lang) for e in national_targets],
        "class_note": class_notes(national_targets, lang),
        "without": {"title": t(lang, "regions_without_title"),
                    "intro": t(lang, "regions_without_intro", when=when),
                    "headers": [t(lang, "col_region"), t(lang, "col_latest"),
                                t(lang, "col_projected", when=when)],
                    "rows": [[r["region"], r["latest"], r["projected"]]
                             for r in rest if r["reason"] == no_targets],
                    # Failed, or targets all past or not assessable: the reason is the news.
                    "failed": [[r["region"], r["reason"]] for r in rest
                               if r["reason"] != no_targets]},
        # The investment funds' structural cross-check is named only where the run has one.
        "method_extra": [{"title": t(lang, "method_headline"),
                          "text": t(lang, "headline_rule" if (national or {}).get("funds_model")
                                    else "headline_rule_plain")}]
                        # The structural fund model's method, where the run has one.
                        + ([{"title": t(lang, "crosscheck_title"),
                             "text": t(lang, "method_fund_inputs")}]
                           if (national or {}).get("funds_model") else []),
        "national_sections": optional_sections(national, lang) if national else {},
        "assessed": assessed,
        "rest": rest,
        "growth_figure": growth_figure,
        "weights": weights_table(national, lang),
        "bands": bands,
        "sources": resolve_sources(ids, sources, lang),
    }


def _fiscal(run, lang: str) -> str:
    """`` · Years are fiscal years ending 30 June ...`` where the run's are, else ''."""
    ends = {results_year_end(r) for _, r, _ in run if r}
    text = fiscal_sentence(ends.pop(), lang) if len(ends) == 1 else ""
    return f" · {text}" if text else ""



#: The reconciliation's heading, lead and the line of levels not reconciled (the summary
#: notebook's section, said for a manager).
_RECON_WORDS = {
    "en": ("Do the regions add up to the whole?",
           "Each region is projected on its own path (or pooled). Here the medians of one "
           "level of regions are added up and set against {top} (a level within one region: "
           "against that region's); the factor would scale every region so that the parts "
           "equal the whole. Only a level the scheme declares whole (its regions make up all "
           "of the region above), each of whose regions has a projection, is scaled up; any "
           "other is scaled down only, never up, and its note says so. Regional tables may "
           "count members by "
           "place of registration, so a factor far from 1 says more about the data than "
           "about the models.", "Not reconciled"),
    "id": ("Apakah jumlah wilayah sama dengan keseluruhan?",
           "Setiap wilayah diproyeksikan pada jalurnya sendiri (atau digabung). Di sini median "
           "wilayah satu tingkat dijumlahkan dan dibandingkan dengan {top} (tingkat di dalam "
           "satu wilayah: dengan median wilayah itu); faktornya akan menskalakan setiap "
           "wilayah agar jumlah bagian sama dengan keseluruhan. Hanya tingkat yang dinyatakan "
           "skema sebagai keseluruhan (wilayahnya mencakup seluruh wilayah di atasnya), yang "
           "setiap wilayahnya memiliki proyeksi, yang diskalakan naik; tingkat lain hanya "
           "diskalakan turun, tidak pernah naik, dan "
           "catatannya menyebutkannya. Tabel "
           "wilayah dapat menghitung peserta menurut tempat pendaftaran, sehingga faktor yang "
           "jauh dari 1 lebih banyak berbicara tentang data daripada tentang model.",
           "Tidak direkonsiliasi"),
}


#: The reconciliation table's column widths, relative (a level's name and the note wrap).
_RECON_WIDTHS = {"level": 1.3, "year": 0.6, "regions": 0.8, "sum_before": 1.2, "whole": 1.2,
                 "factor": 0.7, "adjustment": 1.1, "note": 1.3}


def reconciliation_section(run_dir, national: dict | None, lang: str,
                           recon: dict | None = None) -> dict | None:
    """The run's reconciliation (``reconciliation.json``, or ``recon`` read from it) as the
    summary notebook shows it: the levels set against the top region's median, in a table
    with the values in the count's unit, and the levels that were not, with why. None for a
    run without one."""
    # tables imports report modules: not at load
    from ..tables import reconciliation_table, region_name
    frame = reconciliation_table(run_dir, lang, recon)
    if frame.empty:
        return None
    heads = {frame.attrs["keys"][h]: h for h in frame.columns}
    metric = frame.attrs.get("metric")
    unit = next((p.get("unit") for p in (national or {}).get("projections") or []
                 if p.get("metric") == metric), None) or "persons"
    shown = [k for k in ("level", "year", "regions", "sum_before", "whole", "factor",
                         "adjustment", "note") if k in heads]
    cell = {"year": lambda v: str(int(v)),
            "sum_before": lambda v: fmt.value(float(v), unit, lang),
            "whole": lambda v: fmt.value(float(v), unit, lang),
            "adjustment": lambda v: fmt.value(float(v), unit, lang, signed=True),
            "factor": lambda v: fmt.number(float(v), FACTOR_DECIMALS, lang)}
    rows, skipped = [], []
    for _, r in frame.iterrows():
        if "year" not in heads or pd.isna(r[heads["year"]]):  # a level not reconciled
            skipped.append(f"{r[heads['level']]}: {r[heads['note']]}")
            continue
        rows.append([cell[k](r[heads[k]]) if k in cell else
                     ("" if pd.isna(r[heads[k]]) else str(r[heads[k]])) for k in shown])
    words = _RECON_WORDS[lang]
    top = top_of("median", lang, results_top_name(national))
    return {"title": words[0], "intro": words[1].format(top=top),
            "headers": [heads[k] for k in shown] if rows else [], "rows": rows,
            "widths": [_RECON_WIDTHS[k] for k in shown],
            "skipped_title": words[2], "skipped": skipped, "below_title": BELOW_TITLE[lang],
            "below": below_parts_lines(frame.attrs.get("recon") or {},
                                       lambda r: region_name(run_dir, r), unit, lang)}
