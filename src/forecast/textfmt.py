"""Plain-text rendering of a results.json object (what ``forecast run`` prints)."""

from __future__ import annotations

from contextvars import ContextVar

from .reasons import outcome_text, quality_text, reason_text, vintage_text

_LABELS = {
    "on_track": "on track",
    "acceleration_needed": "acceleration needed",
    "regression": "regression",
    "limited_progress": "limited progress",
    "deterioration": "deterioration",
    "target_met": "target met",
    "undetermined": "undetermined",
}


#: Units of the scheme of the results being formatted (set by :func:`format_results`).
_UNITS: ContextVar[dict] = ContextVar("textfmt_units", default={})


def fmt_value(value: float | None, unit: str, *, signed: bool = False) -> str:
    """A value in words a planner reads: 41.56M persons, Rp712.3T, 37.0%."""
    if value is None:
        return "n/a"
    sign = "+" if signed and value > 0 else ""
    if unit == "persons":
        if abs(value) >= 1e6:
            return f"{sign}{value / 1e6:,.2f}M"
        if abs(value) >= 1e3:
            return f"{sign}{value / 1e3:,.1f}k"
        return f"{sign}{value:,.0f}"
    if unit == "IDR_trillion":
        return f"{sign}Rp{value:,.1f}T"
    if unit == "percent":
        return f"{sign}{value:.1f}%"
    own = _UNITS.get().get(unit)  # a unit of the data folder's scheme.toml
    if own is not None:
        if own.get("max") == 100:
            return f"{sign}{value:.1f}%"
        label = (own.get("labels") or {}).get("en") or unit
        if own.get("count"):
            return f"{fmt_value(value, 'persons', signed=signed)} {label}"
        return f"{sign}{value:,.1f} {label}"
    return f"{sign}{value:,.4g} {unit}"


def _required_words(t: dict) -> str:
    """Growth required as a rate where a rate means something (see forecast.targets)."""
    status = t.get("required_growth", "rate")
    if status == "already_reached":
        return "none: already reached at the last observation"
    if status == "not_meaningful":
        return "not meaningful as a yearly rate (under a year left, or over 100 %/yr needed)"
    return f"{fmt_pct(t['required_cagr'], 2)}/yr from the last observation"


def fmt_pct(x: float | None, digits: int = 1) -> str:
    return "n/a" if x is None else f"{x * 100:.{digits}f}%"


def fmt_prob(p: float) -> str:
    """Probabilities near 0 or 1 are shown as bounds, not as a false 0 % or 100 %."""
    if p <= 0.0:
        return "<0.1%" if p == 0 else fmt_pct(p)
    if p >= 1.0:
        return ">99.9%"
    return fmt_pct(p)


def format_target(t: dict) -> str:
    unit = t["unit"]
    last = t["last_observed"]
    q = t["classifications"]
    hist = t["data_quality"]
    first_year = hist["first"][:4] if hist.get("first") else "?"
    last_year = last["date"][:4]
    lines = [
        f"Target: {t['metric']} >= {fmt_value(t['target_value'], unit)} by {t['target_date']}",
        f"  Last observed      {fmt_value(last['value'], unit)} ({last['date']})",
        f"  Projection         median {fmt_value(t['median'], unit)}, 80% band "
        f"{fmt_value(t['p10'], unit)} to {fmt_value(t['p90'], unit)}",
        f"  Probability        {fmt_prob(t['probability'])}",
        "  Growth required    " + _required_words(t),
        f"  Growth achieved    {fmt_pct(t['historical_cagr'], 2)}/yr ({first_year}-{last_year}), "
        f"{fmt_pct(t['historical_cagr_3y'], 2)}/yr (last 3 years)"
        + (f"; required is {t['growth_ratio']:.1f}x the historical pace"
           if t.get("growth_ratio") is not None else ""),
    ]
    if t.get("bound_note") == "target_at_or_above_bound":
        lines.append(f"  Bound              the target is at or above the most the quantity can be "
                     f"({fmt_value(t['bound_value'], unit)}), so no path reaches it")
    if t["year_median_reaches"] is not None:
        lines.append(f"  Median reaches it  {t['year_median_reaches']}")
    else:
        lines.append(f"  Median reaches it  not by {t['projection_end_year']}")
    lines.extend(format_reach(t))
    lines.extend(format_speed(t))
    achieved = t["monthly_achieved_last_year"]
    lines.append(
        f"  Net additions      {fmt_value(t['monthly_needed'], unit, signed=True)}/month needed"
        + (f" vs {fmt_value(achieved, unit, signed=True)}/month in the last year"
           if achieved is not None else "")
        + (f", {fmt_value(t['monthly_achieved_history'], unit, signed=True)}/month on average"
           if t["monthly_achieved_history"] is not None else ""))
    ratio = "" if q["unsd_q"] is None else f" (q={q['unsd_q']:.2f} from {q['base_year']})"
    lines.append(f"  Classification     UNSD: {_LABELS[q['unsd']]}{ratio}; "
                 f"StatCan: {_LABELS[q['statcan']]}")
    if (t.get("engine") or {}).get("method", "mixture") == "mixture":
        models = ", ".join(f"{m['name']} {m['weight']:.2f} (P={fmt_prob(m['probability'])})"
                           for m in sorted(t["models"], key=lambda m: -m["weight"]))
        lines.append(f"  Models (weight)    {models}")
    else:  # the calibrated engine: each model's own answer, shown where they disagree
        models = ", ".join(f"{m['name']} P={fmt_prob(m['probability'])}" for m in t["models"])
        lines.append(f"  Each model alone   {models}")
    lines.append(f"  Data quality       {hist['label']}: {quality_text(hist)}")
    if t["base_years"]:
        lines.append("  Base-year sensitivity   base  achieved  required  ratio  UNSD")
        for b in t["base_years"]:
            ratio = "n/a" if b["ratio"] is None else f"{b['ratio']:.2f}"
            lines.append(f"                          {b['base_year']}  "
                         f"{fmt_pct(b['historical_cagr']):>8}  {fmt_pct(b['required_cagr']):>8}"
                         f"  {ratio:>5}  {_LABELS[b['classification_unsd']]}")
    return "\n".join(lines)


def format_reach(t: dict) -> list[str]:
    """Lines on what is reachable (the entry's ``reachable`` field, :mod:`forecast.reach`)."""
    reach = t.get("reachable")
    if not reach:
        return []
    unit = t["unit"]
    levels = ", ".join(f"{fmt_value(lv['value'], unit)} with {lv['probability']:.0%}"
                       for lv in reach["levels"])
    dates = ", ".join(
        f"{d['probability']:.0%} by {d['date']}" if d["within_projection"] else
        f"{d['probability']:.0%} not within the projection (to {reach['projection_end_year']})"
        for d in reach["dates"])
    return [f"  Reachable          by {t['target_date']}: {levels}",
            f"  Target reached     {dates}"]


def _window(rec: dict) -> str:
    return (f"{fmt_pct(rec['cagr'], 1)}/yr ({rec['region']} {rec['metric']}, "
            f"{rec['start_date'][:4]}-{rec['end_date'][:4]})")


def format_speed(t: dict) -> list[str]:
    """Lines on the fastest growth in the data (the entry's ``speed``, :mod:`forecast.records`)."""
    speed = t.get("speed")
    if not speed:
        return []
    w = speed["window_years"]
    if speed["record"] is None:
        return [f"  Fastest {w}-year    no series of this kind has year-ends {w} years apart"]
    text = (f"  Fastest {w}-year    {_window(speed['record'])} of {speed['n_windows']} windows "
            f"in {speed['n_series']} series")
    if speed["national_record"] is not None and speed["national_record"] != speed["record"]:
        text += f"; national {_window(speed['national_record'])}"
    lines = [text]
    similar = speed.get("similar_coverage")
    if similar and similar["record"] is not None:
        lines.append(f"  At similar coverage {_window(similar['record'])}, starting within "
                     f"{similar['band_pp']:.0f} points of {similar['coverage']:.1f}%")
    if speed["required_above_record"] is not None:
        lines.append(f"  Required vs record {fmt_pct(speed['required_cagr'], 1)}/yr is "
                     + ("ABOVE" if speed["required_above_record"] else "within")
                     + " the record")
    return lines


def format_extras(results: dict) -> str:
    """The national extras: structural fund model, joint probability, segments, scenario.

    Empty when the results have none of them (regions other than national).
    """
    lines: list[str] = []
    sc = results.get("scenario")
    if sc:
        adj = "; ".join(f"{k} {v}" for k, v in sc["adjustments"].items())
        lines += [f"Scenario: {sc['name']} (HYPOTHETICAL, from {sc['file']})",
                  f"  Adjustments        {adj}",
                  "  Applies to the fund model, the joint probability and the segments "
                  "below; the targets above are the trend models without it."]
        base, now = sc.get("baseline_probabilities") or {}, sc.get("probabilities") or {}
        for key in ("active_total", "fund_investment", "joint"):
            if now.get(key) is not None and base.get(key) is not None:
                lines.append(f"  P({key:<15}) {fmt_prob(base[key])} without it, "
                             f"{fmt_prob(now[key])} with it")
        lines.append("")
    fm = results.get("funds_model")
    if fm:
        unit = fm["unit"]
        lines += [f"Structural fund model: fund_investment >= {fmt_value(fm['target_value'], unit)}"
                  f" by {fm['target_date']}",
                  f"  Recursion          F[y+1] = F[y](1+r) + C[y+1] - B[y+1], from "
                  f"{fmt_value(fm['last_observed']['value'], unit)} "
                  f"({fm['last_observed']['date']})",
                  f"  Projection         median {fmt_value(fm['median'], unit)}, 80% band "
                  f"{fmt_value(fm['p10'], unit)} to {fmt_value(fm['p90'], unit)}",
                  f"  Probability        {fmt_prob(fm['probability'])}"]
        for inp in fm["inputs"][1:]:
            if inp.get("unit") == "IDR_per_participant_year":
                value = f"Rp{inp['value'] / 1e6:,.3f}M/yr (sd Rp{inp['sd'] / 1e6:,.3f}M)"
            else:
                value = f"{fmt_pct(inp['value'], 2)} (sd {fmt_pct(inp['sd'], 2)})"
            formula = inp["how"].split(", mean of")[0]
            years = ", ".join(map(str, inp.get("years", [])))
            lines.append(f"  {inp['name']:<29} {value}: {formula}; {years}")
        bt = fm.get("backtest") or {}
        if bt.get("mape"):
            ranked = sorted(bt["mape"].items(), key=lambda kv: kv[1]["all"])
            lines.append("  Backtest MAPE      " + ", ".join(
                f"{name} {fmt_pct(m['all'])}" for name, m in ranked)
                + f" (origins {', '.join(map(str, bt['origins']))}, 1-3 years ahead)")
        lines.append("")
    joint = results.get("joint")
    if joint:
        lines += [f"Joint probability: {' AND '.join(joint['targets'])} by {joint['target_date']}"
                  f"  {fmt_prob(joint['probability'])} (each alone: "
                  + ", ".join(f"{k} {fmt_prob(v)}" for k, v in joint["marginals"].items())
                  + ")", ""]
    seg = results.get("segments")
    if seg:
        lines.append(f"Segments: who delivers {fmt_value(seg['target_value'], 'persons')} by "
                     f"{seg['target_date']} (medians; own trend or share of the total)")
        for r in seg["rows"]:
            how = "share of total" if r["fallback"] else "own trend"
            lines.append(f"  {r['metric']:<13} {fmt_value(r['last_value'], 'persons'):>8} "
                         f"({r['last_date']}) -> {fmt_value(r['median'], 'persons'):>8}  "
                         f"{fmt_pct(r['share_of_target']):>6} of target  [{how}]")
        lines.append(f"  Sum of medians     {fmt_value(seg['sum_of_medians'], 'persons')}; "
                     f"gap {fmt_value(seg['gap'], 'persons', signed=True)}")
        if seg.get("informal_required_cagr") is not None:
            frm = seg["informal_required_from"]
            hist = seg.get("informal_history") or {}
            lines.append(f"  Informal needs     {fmt_value(seg['informal_required_value'], 'persons')}"
                         f" by {seg['target_date'][:4]} if the others keep their pace: "
                         f"{fmt_pct(seg['informal_required_cagr'], 1)}/yr from "
                         f"{fmt_value(frm['value'], 'persons')} ({frm['date']})")
            if hist:
                lines.append(f"  Informal achieved  {fmt_pct(seg['informal_historical_cagr'], 1)}/yr "
                             f"({fmt_value(hist['from']['value'], 'persons')} {hist['from']['date']}"
                             f" to {fmt_value(hist['to']['value'], 'persons')} "
                             f"{hist['to']['date']}); "
                             f"{fmt_pct(seg['informal_historical_cagr_full'], 1)}/yr over the "
                             f"whole history")
        fallbacks = [r for r in seg["rows"] if r["fallback"]]
        for r in fallbacks:
            lines.append(f"  {r['metric']}: {r['reason']}")
        lines.append("")
    for s in results.get("extras_skipped", []):
        lines.append(f"Not computed: {s['key']}: {reason_text(s['reason'])}")
    return "\n".join(lines).rstrip()


def format_outcomes(results: dict) -> list[str]:
    """Lines of the past-due targets (outcomes), then an empty line; none if there are none."""
    outcomes = results.get("outcomes") or []
    if not outcomes:
        return []
    lines = [f"Past due at {results.get('outcomes_as_of')} (outcomes, not forecasts):"]
    for o in outcomes:
        base = f" ({o['denominator']})" if o.get("denominator") else ""
        lines.append(f"  {o['metric']} >= {fmt_value(o['target_value'], o['unit'])}{base} by "
                     f"{o['target_date']}: {outcome_text(o, fmt=fmt_value)}")
    return lines + [""]


def format_results(results: dict) -> str:
    # The units of the run's scheme (results.json "scheme"), for fmt_value.
    _UNITS.set(((results.get("scheme") or {}).get("units")) or {})
    gw = results["generated_with"]
    head = (f"{results['region_name']} ({results['region']}), "
            f"{vintage_text(results.get('vintage'), results['as_of'])}; data "
            f"{gw['data_hash'][:12]}, seed {gw['seed']}, {gw['parameters']['n_paths']:,} paths")
    blocks = [head, ""]
    blocks += format_outcomes(results)
    for t in results["targets"]:
        blocks.append(format_target(t))
        blocks.append("")
    later = results.get("targets_stated_later", 0)
    if not results["targets"] and not results.get("outcomes"):
        blocks.append("No target of this region can be assessed (see below)."
                      if results["skipped"] else
                      f"No target of this region had been stated by {results['as_of']} ({later} "
                      f"stated later; `--vintage date` counts them)." if later else
                      "This region has no targets in targets.csv; nothing to assess.")
        blocks.append("")
    if results["skipped"]:
        blocks.append("Not assessed:")
        for s in results["skipped"]:
            blocks.append(f"  {s['metric']} by {s['target_date']}: {reason_text(s['reason'])}")
        blocks.append("")
    extras = format_extras(results)
    if extras:
        blocks.append(extras)
    blocks.extend(format_track_record(results.get("track_record")))
    return "\n".join(blocks).rstrip() + "\n"


_BAND_CALLED = {"very_unlikely": "very unlikely", "unlikely": "unlikely",
                "even": "about as likely as not", "likely": "likely",
                "very_likely": "very likely"}


def _called_parts(bands: list[dict], what: str, missed: str, met: str) -> list[str]:
    parts = []
    for b in bands:
        if not b["n"]:
            continue
        called = _BAND_CALLED[b["band"]]
        if b["band"] in ("very_unlikely", "unlikely"):
            parts.append(f"of the {what} we called '{called}', {b['missed']} of {b['n']} "
                         f"were {missed}")
        else:
            parts.append(f"of those we called '{called}', {b['met']} of {b['n']} were {met}")
    return parts


def track_record_sentence(tr: dict) -> str:
    """"Of the targets we called 'unlikely', 9 of 9 were missed; ..." then the same of the
    thresholds (English, the CLI); says when the record rests on thresholds only."""
    kinds = tr.get("by_kind") or {"target": tr, "threshold": {"bands": []}}
    targets = _called_parts(kinds["target"]["bands"], "targets", "missed", "met")
    thresholds = _called_parts(kinds["threshold"]["bands"], "thresholds", "not reached",
                               "reached")
    if not targets and not thresholds:
        return ("Nothing to score yet: no target settled since had been stated (in the sources "
                "we cite) by one of the past year-ends re-run; `--vintage date` re-runs with "
                "the values whenever published.")
    if not targets:
        return ("No settled target had been stated (in the sources we cite) by the past "
                "year-ends re-run (`--vintage date` re-runs with the values whenever "
                "published), so this record rests on thresholds only: "
                + "; ".join(thresholds) + ".")
    sentences = ["; ".join(parts) + "." for parts in (targets, thresholds) if parts]
    return " ".join(text[0].upper() + text[1:] for text in sentences)


def format_track_record(tr: dict | None) -> list[str]:
    """The track record block (:mod:`forecast.trackrecord`), or nothing."""
    if not tr:
        return []
    lines = [f"Track record: the engine as of {len(tr['vintages'])} past year-ends "
             f"({tr['basis']} vintages, {tr['n_paths']} paths each), "
             f"{tr['n']} forecasts now settled"]
    kinds = tr.get("by_kind")
    if kinds:  # targets, and thresholds "reaches X by year Y" with X = the outcome x factor
        factors = ", ".join(f"{f:.2f}" for f in tr["threshold_factors"])
        lines[0] += (f": {kinds['target']['n']} on targets, {kinds['threshold']['n']} on "
                     f"thresholds (reaches X by year Y, X = the value now known x {factors}, "
                     f"1-{tr['threshold_horizon']} years ahead)")
    if tr["n"]:
        lines.append(f"  Brier score        {tr['brier']:.3f} (0 is perfect; always 50% "
                     "scores 0.250)")
        if kinds and kinds["target"]["n"] and kinds["threshold"]["n"]:
            lines.append(f"    targets {kinds['target']['brier']:.3f}, thresholds "
                         f"{kinds['threshold']['brier']:.3f}")
        lines.append("  Band               forecasts  mean P  share met")
        for b in tr["bands"]:
            if b["n"]:
                lines.append(f"  {_BAND_CALLED[b['band']]:<22} {b['n']:>5}  "
                             f"{fmt_pct(b['mean_probability'], 0):>6}  "
                             f"{fmt_pct(b['share_met'], 0):>8}")
    lines.append("  " + track_record_sentence(tr))
    lines.append("  A forecast settled after several year-ends is counted once per year-end.")
    return lines + [""]
