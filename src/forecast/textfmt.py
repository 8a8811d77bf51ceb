"""Plain-text rendering of a results.json object (what ``forecast run`` prints), in English
(``en``) or Bahasa Indonesia (``id``).

Names, not ids: a metric is "Active participants" / "Peserta aktif", a model "exponential
smoothing", a scenario adjustment a sentence (words of :mod:`.report.i18n`, :mod:`.textwords`).
"""

from __future__ import annotations

import re
from contextvars import copy_context

from .fiscal import end_of_year, fiscal_sentence, results_year_end, year_end_in_use, year_of
from .medianreach import median_reach
from .money import input_name, missing_scale, per_head, per_head_currency
from .params import check_language
from .ceilingwords import ceiling_text
from .reasons import denominator_words, outcome_text, quality_text, reason_text, vintage_text
from .report import explain, i18n
from .report.numbers import quality_unit
from .report.build import segment_note
from .report.order import ordered_targets
from .report.words import CLASSIFICATION, QUALITY, set_scheme
from .textnum import (LANG, UNITS, extra_digits, fmt_pct, fmt_prob, fmt_ratio, fmt_value,
                      local, pace_from, pace_to, plural_s, recent_years, share_digits)
from .targets import AT_BOUND, CEILING_SHOWN
from .textwords import (LABEL, PHRASE, ROW_OF_NOTE, class_caveat, cushion, informal_need,
                        recursion_start, skipped_head, unassigned)
from .textbase import BASE_YEAR_ROWS, _base_years  # noqa: F401 (BASE_YEAR_ROWS re-exported)
from .texttrack import format_track_record, track_record_sentence  # noqa: F401 (re-exported)

def _share_of(ratio: float) -> str:
    """A target's share of its ceiling: "96%", but "99.6%" (never "100%") just below it."""
    value, digits = share_digits(100 * ratio, 0)
    return fmt_pct(value / 100, digits)


def _p_is(p: float) -> str:
    """"P=42.0%", or "P>99.9%" and "P<0.1%" at the bounds (not "P=>99.9%")."""
    text = fmt_prob(p)
    return f"P{text}" if text[:1] in "<>" else f"P={text}"


def _p(key: str, **kw) -> str:
    text = PHRASE[LANG.get()][key]
    return text.format(**kw) if kw else text


def _row(key: str, text: str, **kw) -> str:
    """``  Label<padding>text``, the labels of one language padded to one width."""
    labels = LABEL[LANG.get()]
    width = max(len(v.format(w=0)) for v in labels.values()) + 1
    return f"  {labels[key].format(**kw):<{width}}{text}"


def _tight(text: str) -> str:
    """The table's percent sign, "9.8%", in words made for the PDFs ("9,8 %")."""
    return re.sub(r"(\d)[ \u00a0]%", r"\1%", text)


def _shown(value: float, unit: str) -> str:
    """A value in the table's style (45.22M, 45,22 jt), for the data-quality row too."""
    return fmt_value(value, unit)


def metric_words(metric: str) -> str:
    """A metric's name in the table's language (the id if it has none)."""
    return i18n.metric_name(metric, LANG.get())


def _required_words(t: dict) -> str:
    """Growth required as a rate where a rate means something (see forecast.targets)."""
    status = t.get("required_growth", "rate")
    if status == "already_reached":
        return _p("req_reached") + cushion(t, LANG.get(), fmt_pct)
    if status == "not_meaningful":  # at or above the bound: no pace reaches it
        return _p("req_beyond_bound" if t.get("bound_note") else "req_meaningless")
    return _p("req_rate", r=fmt_pct(t["required_cagr"], 2))


def format_target(t: dict) -> str:
    lang = LANG.get()
    unit = t["unit"]
    last = t["last_observed"]
    q = t["classifications"]
    hist = t["data_quality"]
    # A reading's year is its fiscal year's where the scheme has them (forecast.fiscal).
    first_year = pace_from(t) or "?"
    last_year = pace_to(t)  # the year-end the growth achieved is measured to
    # The target, the last reading, the median and the band ends that differ print apart.
    ex = extra_digits([t["target_value"], last["value"], t["median"], t["p10"], t["p90"]],
                      unit, stated=[t["target_value"], last["value"]])
    span = first_year if first_year == last_year else f"{first_year}-{last_year}"  # one year
    lines = [
        _p("target", metric=metric_words(t["metric"]) + i18n.other_base(t, lang),
           value=fmt_value(t["target_value"], unit, extra=ex), date=t["target_date"]),
        _row("last", f"{fmt_value(last['value'], unit, extra=ex)} ({last['date']})"),
        _row("projection", _p("band", m=fmt_value(t["median"], unit, extra=ex),
                              lo=fmt_value(t["p10"], unit, extra=ex),
                              hi=fmt_value(t["p90"], unit, extra=ex))),
        _row("probability", fmt_prob(t["probability"])),
        _row("required", _required_words(t)),
        _row("achieved", _p("achieved", a=fmt_pct(t["historical_cagr"], 2), years=span)
             .replace("n/a/yr", "n/a").replace("t/a/tahun", "t/a")
             + _recent(t, first_year, last_year)
             + (_p("ratio", x=local(f"{t['growth_ratio']:.1f}"))
                if t.get("growth_ratio") is not None else "")),
    ]
    ceiling = (t.get("ceiling") or {}).get("metric")
    if t.get("bound_note") == "target_at_or_above_bound":
        m = i18n.metric_name(ceiling, lang).lower() if ceiling else None
        lines.append(_row("bound", _p("bound_ceiling" if m else "bound", m=m, d=t["target_date"],
                                      v=fmt_value(t["bound_value"], unit))))
    elif ceiling and t.get("bound_value") and \
            t["target_value"] >= CEILING_SHOWN * t["bound_value"]:
        # A count near its ceiling: the ceiling, not only the pace, decides the answer.
        lines.append(_row("ceiling", _p("ceiling", m=i18n.metric_name(
            t["ceiling"]["metric"], lang), v=fmt_value(t["bound_value"], unit),
            d=t["target_date"], s=_share_of(t["target_value"] / t["bound_value"]))))
    if t.get("bound_note") == "target_at_bound":
        low = t["bound_value"] * (1 - AT_BOUND)  # 99.95 % needs its second decimal
        w = local(f"{low:.2f}%") if t["bound_value"] == 100 else fmt_value(low, unit)
        at = "bound_at" if t["target_value"] >= t["bound_value"] else "bound_near"  # 99.95 %
        lines.append(_row("bound", _p(at, v=fmt_value(t["bound_value"], unit), w=w)))
    # A falling series whose median rises says what carries the rise, a rising one whose
    # median slows short of the target says why (forecast.targets).
    for note in (t.get("engine") or {}).get("notes") or ():
        if isinstance(note, dict) and note.get("code") in i18n.EXPLAINED:
            lines.append(_row(ROW_OF_NOTE[note["code"]],
                              _tight(reason_text(note, lang, i18n.metric_name))))
    reach = median_reach(t, lang)  # a fall below it again said with the year reached
    lines.append(_row("median_reaches", str(reach) if reach is not None
                      else _p("not_by", y=t["projection_end_year"])))
    lines.extend(format_reach(t, ex))
    lines.extend(format_speed(t))
    achieved = t["monthly_achieved_last_year"]
    # A share moves by percentage points, not by per cent of itself.
    points = unit == "percent" or (UNITS.get().get(unit) or {}).get("max") == 100
    pp = " pp" if lang == "en" else " poin"
    step = (lambda x: local(f"{x:+.2f}") + pp) if points else \
        (lambda x: fmt_value(x, unit, signed=True))
    lines.append(_row("net", _p("net_bound") if t["monthly_needed"] is None else  # bound
                      (_p("none_needed") if t.get("required_growth") == "already_reached"
                       else _p("needed", x=step(t["monthly_needed"])))
                      + (_p("last_year", y=step(achieved)) if achieved is not None else "")
                      + (_p("average", z=step(t["monthly_achieved_history"]))
                         if t["monthly_achieved_history"] is not None else "")))
    words = CLASSIFICATION[lang]
    ratio = "" if q["unsd_q"] is None else \
        f" (q={fmt_ratio(q['unsd_q'])} " + ("from" if lang == "en" else "dari") \
        + f" {q['base_year']})"
    lines.append(_row("class", f"UNSD: {words[q['unsd']]}{ratio}; "
                               f"StatCan: {words[q['statcan']]}{class_caveat(t, lang)}"))
    if (t.get("engine") or {}).get("method", "mixture") == "mixture":
        models = ", ".join(f"{explain.model_name(m['name'], lang)} "
                           f"{local(format(m['weight'], '.2f'))} ({_p_is(m['probability'])})"
                           for m in sorted(t["models"], key=lambda m: -m["weight"]))
        lines.append(_row("models_w", models))
    else:  # the calibrated engine: each model's own answer, shown where they disagree
        lines.append(_row("models_alone", ", ".join(  # its note: a trend past the bound
            f"{explain.model_name(m['name'], lang)} {_p_is(m['probability'])}"
            + f" ({reason_text(m.get('reason'), lang)})" * bool(m.get("reason"))
            for m in t["models"])))
    lines.append(_row("quality", f"{QUALITY[lang].get(hist['label'], hist['label'])}: "
                                 f"{_tight(quality_text(hist, lang, quality_unit(hist, unit), _shown))}"
                                 + _ceiling_words(t)))
    lines.extend(_base_years(t))
    return "\n".join(lines)
def _ceiling_words(t: dict) -> str:
    """"; not bounded by working population: ...": why the ceiling is not used, if not."""
    why = ceiling_text((t.get("ceiling") or {}).get("reason"), LANG.get(), metric_words)
    return f"; {why}" if why else ""


def _recent(t: dict, first_year: str, last_year: str) -> str:
    """", 12.19%/yr (2020-2023)": the recent growth and the years it spans; said to be
    missing when no reading lies 2 to 4 years back; nothing when it spans the whole history
    (the same rate twice)."""
    since = recent_years(t, last_year)
    if since is None:
        return _p("recent_na", y1=last_year)
    if since == first_year:
        return ""
    return _p("recent", b=fmt_pct(t["historical_cagr_3y"], 2), y3=since, y1=last_year)


def format_reach(t: dict, extra: int = 0) -> list[str]:
    """Lines on what is reachable (the entry's ``reachable`` field, :mod:`forecast.reach`),
    the levels with ``extra`` decimals (those of the target block)."""
    reach = t.get("reachable")
    if not reach:
        return []
    unit = t["unit"]
    levels = ", ".join(_p("level", v=fmt_value(lv["value"], unit, extra=extra),
                          p=fmt_pct(lv["probability"], 0)) for lv in reach["levels"])
    dates = ", ".join(
        _p("reached_by", p=fmt_pct(d["probability"], 0), date=d["date"])
        if d["within_projection"] else
        _p("reached_not", p=fmt_pct(d["probability"], 0), y=reach["projection_end_year"])
        for d in reach["dates"])
    # Reached at the last reading, but below it on the date (falls_below): no "reached".
    return [_row("reachable", _p("reach_by", date=t["target_date"], levels=levels))] + \
        ([] if i18n.falls_below(t) else [_row("reached", dates)])


def _window(rec: dict) -> str:
    name = i18n.lower_first(metric_words(rec["metric"]))
    who = rec.get("region_name") or rec["region"]  # the name; an older results.json: the id
    return (f"{fmt_pct(rec['cagr'], 1)}{_p('per_year')} ({who}, {name}, "
            f"{rec['start_date'][:4]}-{rec['end_date'][:4]})")


def format_speed(t: dict) -> list[str]:
    """Lines on the fastest growth in the data (the entry's ``speed``, :mod:`forecast.records`)."""
    speed = t.get("speed")
    if not speed:
        return []
    w = speed["window_years"]
    if speed["record"] is None:
        return [_row("fastest", _p("no_window", w=w, s="s" * (w != 1)), w=w)]
    # A fall is no record of speed: 'Fastest 2-year -4.5%/yr' says the best was a fall.
    if speed["record"]["cagr"] <= 0:
        text = _p("fell", w=w, s="s" * (w != 1), window=_window(speed["record"]))
    else:
        text = _p("windows", window=_window(speed["record"]), n=speed["n_windows"],
                  m=speed["n_series"], s="s" * (speed["n_windows"] != 1))
    nat = speed["national_record"]
    if nat is not None and nat != speed["record"] and nat["cagr"] > 0:
        text += _p("top" if speed.get("top_region_name") else "national", window=_window(nat))
    lines = [_row("fastest", text, w=w)]
    similar = speed.get("similar_coverage")
    if similar and similar["record"] is not None:
        key = "similar" if similar["record"]["cagr"] > 0 else "similar_fell"
        lines.append(_row("similar", _p(key, window=_window(similar["record"]),
                                        b=f"{similar['band_pp']:.0f}",
                                        c=local(f"{similar['coverage']:.1f}%"))))
    if speed["required_above_record"] is not None:
        key = "above" if speed["required_above_record"] else "within"
        lines.append(_row("vs_record", _p(key, r=fmt_pct(speed["required_cagr"], 1))))
    return lines


def _scenario_lines(sc: dict) -> list[str]:
    lang = LANG.get()
    lines = [_p("scenario", name=sc["name"], file=sc["file"]),
             _row("adjustments", "; ".join(i18n.scenario_items(sc["adjustments"], lang))),
             "  " + i18n.t(lang, "sc_applies") + i18n.scenario_past_bound(sc, lang, fmt_value)]
    base, now = sc.get("baseline_probabilities") or {}, sc.get("probabilities") or {}
    keys = [k for k in ("active_total", "fund_investment", "joint")
            if now.get(k) is not None and base.get(k) is not None]
    names = {k: (i18n.t(lang, "joint") if k == "joint" else metric_words(k)) for k in keys}
    width = max((len(n) for n in names.values()), default=0) + 1
    for key in keys:
        lines.append(f"  {names[key] + ':':<{width + 1}}"
                     + _p("with_without", a=fmt_prob(base[key]), b=fmt_prob(now[key])))
    return lines + [""]


def _fund_lines(fm: dict) -> list[str]:
    lang, unit = LANG.get(), fm["unit"]
    lines = [_p("fund", metric=metric_words("fund_investment"),
                v=fmt_value(fm["target_value"], unit), date=fm["target_date"]),
             _row("recursion", _p("recursion", **recursion_start(fm, lang, fmt_value))),
             _row("projection", _p("band", m=fmt_value(fm["median"], unit),
                                   lo=fmt_value(fm["p10"], unit), hi=fmt_value(fm["p90"], unit))),
             _row("probability", fmt_prob(fm["probability"]))]
    inputs = fm["inputs"][1:]
    names = [input_name(inp["name"], lang, fm, UNITS.get(), explain.fund_input_name)
             for inp in inputs]
    # A money per head is printed with its currency ("Rp2,285,374"): the name's "(Rp)",
    # which the PDF's plain number needs, would say it twice.
    names = [n.rsplit(" (", 1)[0] if per_head_currency(inp.get("unit")) and not
             fm.get("scale_missing") and n.endswith(")") else n
             for n, inp in zip(names, inputs)]
    width = max((len(n) for n in names), default=0) + 1
    for name, inp in zip(names, inputs):
        if inp["name"] == "contribution_per_participant" and fm.get("scale_missing"):
            value = missing_scale(fm["scale_missing"], lang)  # in no currency: not shown
        elif cur := per_head_currency(inp.get("unit")):
            value = local(f"{per_head(inp['value'], cur)} ({_p('sd')} {per_head(inp['sd'], cur)})")
        else:
            value = f"{fmt_pct(inp['value'], 2)} ({_p('sd')} {fmt_pct(inp['sd'], 2)})"
        years = ", ".join(map(str, inp.get("years", [])))
        lines.append(f"  {name:<{width}}{_p('input', value=value, years=years)}")
    bt = fm.get("backtest") or {}
    if bt.get("mape"):
        ranked = sorted(bt["mape"].items(), key=lambda kv: kv[1]["all"])
        lines.append(_row("backtest", ", ".join(
            f"{explain.model_name(name, lang)} {fmt_pct(m['all'])}" for name, m in ranked)
            + _p("origins", o=", ".join(map(str, bt["origins"])))))
    return lines + [""]


def _segment_lines(seg: dict) -> list[str]:
    lines = [_p("segments", v=fmt_value(seg["target_value"], "persons"),
                date=seg["target_date"])]
    names = {r["metric"]: metric_words(r["metric"]) for r in seg["rows"]}
    width = max((len(n) for n in names.values()), default=0) + 1
    for r in seg["rows"]:
        how = _p("share") if r["fallback"] else _p("own")
        lines.append(f"  {names[r['metric']]:<{width}}"
                     f"{fmt_value(r['last_value'], 'persons'):>8} ({r['last_date']}) -> "
                     f"{fmt_value(r['median'], 'persons'):>8}  "
                     f"{fmt_pct(r['share_of_target']):>6} {_p('of_target')}  [{how}]")
    lines.append(_row("sum", _p("gap", v=fmt_value(seg["sum_of_medians"], "persons")
                                + unassigned(seg, LANG.get(), fmt_value),
                                g=fmt_value(seg["gap"], "persons", signed=True))))
    need = informal_need(seg, LANG.get(), fmt_value, fmt_pct)  # a rate, or none needed
    lines += [_row("informal_needs", need)] if need else []
    if seg.get("informal_required_cagr") is not None:
        hist = seg.get("informal_history") or {}
        if hist:
            lines.append(_row("informal_achieved", _p(
                "informal_achieved", r=fmt_pct(seg["informal_historical_cagr"], 1),
                a=fmt_value(hist["from"]["value"], "persons"), da=hist["from"]["date"],
                b=fmt_value(hist["to"]["value"], "persons"), db=hist["to"]["date"],
                full=fmt_pct(seg["informal_historical_cagr_full"], 1))
                .replace("n/a/yr", "n/a").replace("t/a/tahun", "t/a")))  # a count from 0
    for r in seg["rows"]:
        if r["fallback"]:
            lines.append(f"  {names[r['metric']]}: {_tight(segment_note(r, LANG.get()))}")
    return lines + [""]


def format_extras(results: dict) -> str:
    """The national extras: structural fund model, joint probability, segments, scenario.

    Empty when the results have none of them (regions other than national).
    """
    lang = LANG.get()
    lines: list[str] = []
    if results.get("scenario"):
        lines += _scenario_lines(results["scenario"])
    if results.get("funds_model"):
        lines += _fund_lines(results["funds_model"])
    joint = results.get("joint")
    if joint:
        lines += [_p("joint", names=_p("and").join(metric_words(m) for m in joint["targets"]),
                     date=joint["target_date"], p=fmt_prob(joint["probability"]),
                     each=", ".join(f"{metric_words(k)} {fmt_prob(v)}"
                                    for k, v in joint["marginals"].items())), ""]
    if results.get("segments"):
        lines += _segment_lines(results["segments"])
    for s in results.get("extras_skipped", []):
        # One reason may stop several ("funds_model, joint, segments"): each in words.
        what = ", ".join(_p("extras").get(k, k) for k in s["key"].split(", "))
        lines.append(_p("not_computed", what=what, reason=reason_text(s["reason"], lang,
                                                               i18n.metric_name)))
    return "\n".join(lines).rstrip()


def format_projections(projections: list[dict]) -> list[str]:
    """A region without targets: each count projected at its pace (the PDF's table), its
    data quality, or why it was not projected."""
    lang, lines = LANG.get(), [_p("projected")]
    for p in projections:
        name = metric_words(p["metric"])
        if not p.get("fan"):
            lines.append("  " + _p("proj_not", metric=name, why=reason_text(
                p.get("reason"), lang, i18n.metric_name)))
            continue
        unit, last = p["unit"], p["last_observed"]
        lines.append("  " + _p("proj_metric", metric=name, v=fmt_value(last["value"], unit),
                               date=last["date"]))
        ex = max(extra_digits([f["p10"], f["p50"], f["p90"]], unit) for f in p["fan"])
        for f in p["fan"]:  # one precision for the column
            day = f"{f['year']}-{year_end_in_use()}"  # "end-2027" only for 31 December
            when = (("end-" if lang == "en" else "akhir ") + str(f["year"])
                    if end_of_year(day) else day)
            lines.append("    " + _p("proj_year", y=when, m=fmt_value(f["p50"], unit,
                                                                        extra=ex),
                                     lo=fmt_value(f["p10"], unit, extra=ex),
                                     hi=fmt_value(f["p90"], unit, extra=ex)))
        dq = p["data_quality"]
        words = _tight(quality_text(dq, lang, quality_unit(dq, unit), _shown))
        lines.append(_row("quality", f"{QUALITY[lang].get(dq.get('label'), dq.get('label'))}: "
                                     f"{words}" + _ceiling_words(p)))
    return lines


def format_outcomes(results: dict) -> list[str]:
    """Lines of the past-due targets (outcomes), then an empty line; none if there are none."""
    lang = LANG.get()
    outcomes = results.get("outcomes") or []
    if not outcomes:
        return []
    lines = [_p("outcomes", date=results.get("outcomes_as_of"))]
    for o in outcomes:
        base = (f" ({i18n.base_words(o['denominator'], lang)})" if o.get("denominator")
                else "")
        by = "by" if lang == "en" else "pada"
        # The target and the readings that differ print apart (69.96M missed 70.00M).
        ex = extra_digits([o["target_value"]] + [(o.get(k) or {}).get("value") for k in (
            "observed", "before", "after", "latest")], o["unit"], stated=o["target_value"])
        lines.append(f"  {metric_words(o['metric'])} >= "
                     f"{fmt_value(o['target_value'], o['unit'], extra=ex)}"
                     f"{base} {by} {o['target_date']}: "
                     f"{outcome_text(o, lang, fmt=lambda v, u: fmt_value(v, u, extra=ex))}")
    return lines + [""]


def format_results(results: dict, lang: str = "en") -> str:
    """The ``forecast run`` table of ``results`` in ``lang`` (``en`` or ``id``)."""
    # In a context of its own, so the language and the units do not outlive the table.
    # The report's no-break spaces ("4.9\u00a0%") are plain spaces on a terminal.
    return copy_context().run(_format_results, results,
                              check_language(lang)).replace("\u00a0", " ")


def _format_results(results: dict, lang: str) -> str:
    LANG.set(lang)
    # The run's scheme (results.json "scheme"): its units for fmt_value, its metric names.
    UNITS.set(((results.get("scheme") or {}).get("units")) or {})
    set_scheme(results.get("scheme"))
    gw = results["generated_with"]
    blocks = [_p("head", name=results["region_name"], region=results["region"],
                 vintage=vintage_text(results.get("vintage"), results["as_of"], lang),
                 hash=gw["data_hash"][:12], seed=gw["seed"], s=plural_s(n_paths := gw[
                     "parameters"]["n_paths"]), paths=local(f"{n_paths:,}"))]
    fiscal = fiscal_sentence(results_year_end(results), lang)  # once, under the head
    later = int(results.get("readings_published_later") or 0)
    blocks += [_p("published_later", n=local(f"{later:,}"), s=plural_s(later),
                  name=results["region_name"], as_of=results["as_of"])] if later else []
    blocks += [fiscal, ""] if fiscal else [""]
    blocks += format_outcomes(results)
    for t in ordered_targets(results):  # the headline targets first, as the reports
        blocks.append(format_target(t))
        blocks.append("")
    later = results.get("targets_stated_later", 0)
    if not results["targets"] and not results.get("outcomes"):
        blocks.append(_p("none_assessable") if results["skipped"] else
                      _p("none_yet", as_of=results["as_of"], n=later) if later else
                      _p("none"))
        blocks.append("")
    if not results["targets"] and results.get("projections"):
        blocks += format_projections(results["projections"]) + [""]
    if results["skipped"]:
        blocks.append(_p("not_assessed"))
        for s in results["skipped"]:
            named = skipped_head(s, lang, metric_words, i18n.other_base)  # two bases apart
            blocks.append("  " + _p("skipped", metric=named, date=s["target_date"],
                                    reason=reason_text(s["reason"], lang, i18n.metric_name)))
        blocks.append("")
    extras = format_extras(results)
    if extras:
        blocks.append(extras)
    blocks.extend(format_track_record(results.get("track_record")))
    return "\n".join(blocks).rstrip() + "\n"
