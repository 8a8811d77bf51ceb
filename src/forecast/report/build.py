"""Turn results.json objects into the plain documents the typst templates lay out.

A document is a dict of strings, lists and numbers only: every word and number is formatted
here (numbers in :mod:`.numbers`, words in :mod:`.i18n`), and the templates only place them.
The document reaches typst as JSON, so text from data is always text, never markup.
"""

from __future__ import annotations

from .. import config
from ..enginewords import share_of
from ..fiscal import CALENDAR, day_month, fiscal_sentence, results_year_end
from ..money import IDR_UNIT, input_name, missing_scale
from ..reasons import denominator_words, is_past, reason_text, vintage_text
from ..textnum import digits_apart, plural_s
from . import explain, i18n
from . import numbers as fmt
from .i18n import quality_reason, t  # noqa: F401 (quality_reason: tests import it here)
from .order import (HEADLINE_METRICS, headline_entries, headline_targets,  # noqa: F401
                    is_headline, ordered_targets)
from .pastdue import OUTCOME_YEARS, earlier_outcomes, outcome_verdicts  # noqa: F401 (tests)
from .reachwords import verdict_with_reach
from .segwords import INFORMAL, INFORMAL_NONE
from .sources import resolve_sources, source_ids  # noqa: F401 (the summary's too)
from .words import scheme_metric, set_scheme



def class_notes(targets: list[dict], lang: str) -> tuple[str, str]:
    """The sentence on the two kinds of verdict, and the targets where they disagree
    (classified on track or met while the probability is below even odds), or ``""``."""
    odd = [target_label(e, lang) for e in targets
           if ((e.get("classifications") or {}).get("unsd") or e.get("classification"))
           in ("on_track", "target_met") and e.get("probability") is not None
           and e["probability"] < 0.5]
    return (t(lang, "class_note"),
            t(lang, "class_conflict", targets="; ".join(odd)) if odd else "")


# ---------------------------------------------------------------------------- pieces


def provenance(results: dict, lang: str) -> str:
    """Package version, data hash, seed and paths: what the numbers were made with."""
    gw = results.get("generated_with") or {}
    params = gw.get("parameters") or {}
    return t(lang, "provenance", version=gw.get("version", "?"),
             hash=(gw.get("data_hash") or "?")[:12], seed=gw.get("seed", "?"),
             paths=fmt.number(params.get("n_paths", 0), 0, lang),
             s=plural_s(params.get("n_paths", 0)))


def as_of_line(results: dict, lang: str) -> str:
    """``As known at 31 December 2023 (...)`` (the run's vintage reading, named), or that
    all data was used."""
    fiscal = fiscal_sentence(results_year_end(results), lang)  # once, in the head
    if not results.get("as_of"):
        return t(lang, "as_of_latest") + (f" · {fiscal}" if fiscal else "")
    text = vintage_text(results.get("vintage"), fmt.date(results["as_of"], lang), lang)
    later = int(results.get("readings_published_later") or 0)  # the published reading's
    later_text = t(lang, "published_later", n=fmt.number(later, 0, lang),
                   s="" if later == 1 else "s") if later else ""
    return text[:1].upper() + text[1:] + "".join(f" · {x}" for x in (later_text, fiscal) if x)


def target_label(entry: dict, lang: str) -> str:
    """``Active participants: 70 million by end-2026``."""
    return (f"{i18n.metric_name(entry['metric'], lang)}{i18n.other_base(entry, lang)}: "
            f"{fmt.value(entry['target_value'], entry['unit'], lang, extra=_ex(entry))} "
            f"{i18n.by_date(entry['target_date'], lang)}")


def _ex(entry: dict) -> int:
    """Extra decimals telling the entry's target, last reading, median and band apart
    (:func:`.numbers.entry_extra`), or an outcome's target and readings."""
    return fmt.entry_extra(entry)


def _shown(entry: dict, lang: str) -> list[str]:
    """The entry's last reading, median and band ends, told apart (:func:`_ex`) and in one
    precision: a whole last reading beside a median in decimals takes decimals too."""
    return fmt.shown_together([(v, entry["unit"]) for v in (
        (entry.get("last_observed") or {}).get("value"), entry["median"], entry["p10"],
        entry["p90"])], lang, extra=_ex(entry))


def band_range(entry: dict, lang: str) -> str:
    """The 10-90 % band on the target date: ``41.4 million – 55.7 million``."""
    return " – ".join(_shown(entry, lang)[2:])


def growth_pair(entry: dict, lang: str) -> str:
    """Growth required from the last observation / achieved over the history, per year."""
    return f"{fmt.required_rate(entry, lang)} / {fmt.rate(entry['historical_cagr'], lang)}"


def classification(entry: dict, lang: str) -> str:
    """The UNSD progress classification in words."""
    key = (entry.get("classifications") or {}).get("unsd") or entry.get("classification")
    return i18n.CLASSIFICATION[lang].get(key, str(key))


def last_observed(entry: dict, lang: str) -> str:
    """``45.2 million (end-2024)``."""
    return f"{_shown(entry, lang)[0]} ({fmt.short_date(entry['last_observed']['date'], lang)})"


def target_row(entry: dict, lang: str) -> list[str]:
    """One row of the table per target (the columns of :func:`target_headers`)."""
    return [target_label(entry, lang), last_observed(entry, lang), _shown(entry, lang)[1],
            band_range(entry, lang), fmt.probability(entry["probability"], lang),
            growth_pair(entry, lang), classification(entry, lang)]


def target_headers(lang: str) -> list[str]:
    """Column headers of the table per target."""
    return [t(lang, k) for k in ("col_target", "col_last", "col_median", "col_band",
                                 "col_prob", "col_growth", "col_class")]


def skip_reason(why: dict | str | None, lang: str) -> str:
    """A reason object of results.json in ``lang`` (:func:`forecast.reasons.reason_text`)."""
    return reason_text(why, lang, i18n.metric_name)


def _is_past(why) -> bool:
    return is_past(why)


def not_assessed(results: dict, lang: str) -> tuple[str | None, list[str]]:
    """Targets not assessed: one line for the past ones, one line each for the others."""
    past: dict[str, list[str]] = {}
    grouped: dict[tuple[str, str], list[str]] = {}
    for s in results.get("skipped", []):
        if _is_past(s["reason"]):
            past.setdefault(s["metric"], []).append(s["target_date"][:4])
        else:
            unit = _unit(s["metric"])
            ex = fmt.entry_extra({**s, "unit": unit}) if s.get("target_value") is not None \
                else 0  # as stated: 37.24 %, not 37.2 %
            value = (f" ({fmt.value(s['target_value'], unit, lang, extra=ex)})"
                     if s.get("target_value") is not None else "")
            grouped.setdefault((s["metric"], skip_reason(s["reason"], lang)), []).append(
                f"{fmt.short_date(s['target_date'], lang)}{value}")
    # Targets of one metric skipped for the same reason share one line.
    others = [f"{i18n.metric_name(metric, lang)} {t(lang, 'by')} {', '.join(whens)}: "
              f"{reason}" for (metric, reason), whens in grouped.items()]
    past_line = None
    if past:
        listed = "; ".join(f"{i18n.metric_name(m, lang)} {', '.join(ys)}"
                           for m, ys in past.items())
        n = sum(len(v) for v in past.values())
        past_line = t(lang, "past_targets", n=n, s=plural_s(n), list=listed)
    return past_line, others


def region_reason(results: dict | None, lang: str) -> str:
    """Why a region has no assessed target, in a few words."""
    skipped = (results or {}).get("skipped", [])
    if not skipped:
        return t(lang, "no_region_targets")
    reasons = list(dict.fromkeys(skip_reason(s["reason"], lang) for s in skipped
                                 if not _is_past(s["reason"])))
    if not reasons:
        return t(lang, "all_past")
    return "; ".join(reasons)


def _unit(metric: str) -> str:  # the scheme's unit (scheme.toml), else the shipped one
    return scheme_metric(metric).get("unit") or config.METRICS.get(metric, ("", ""))[0]


# ---------------------------------------------------------------------------- sections


def optional_sections(results: dict, lang: str) -> dict:
    """The optional national sections (funds model, joint, segments, scenario), if present."""
    out: dict = {}
    fm = results.get("funds_model")
    if fm:
        unit = fm.get("unit") or IDR_UNIT  # the scheme's money unit (THB_billion)
        entry = {"unit": unit, "target_value": fm["target_value"],
                 "target_date": fm["target_date"], "metric": "fund_investment"}
        head = next((e for e in results.get("targets", [])
                     if e["metric"] == "fund_investment"
                     and e["target_date"] == fm["target_date"]), None)
        out["funds_model"] = {
            "title": t(lang, "crosscheck_title"),
            "line": t(lang, "crosscheck_line", p=fmt.probability(fm.get("probability"), lang),
                      target=target_label(entry, lang),
                      median=fmt.value(fm.get("median"), unit, lang),
                      lo=fmt.value(fm.get("p10"), unit, lang),
                      hi=fmt.value(fm.get("p90"), unit, lang),
                      headline=fmt.probability((head or {}).get("probability"), lang)),
            "headers": [t(lang, "col_input"), t(lang, "col_value")],
            # How each input is set is told in plain words on the method page.
            "rows": [[input_name(str(i.get("name", "")), lang, fm, (results.get("scheme") or
                                 {}).get("units"), explain.fund_input_name),
                      _fund_input(i, lang, fm)] for i in fm.get("inputs", [])],
            "backtest": backtest_line(fm.get("backtest") or {}, lang),
            "backtest_title": t(lang, "backtest"),
        }
    joint = results.get("joint")
    if joint:
        names = i18n.joint_targets(joint, lang, _unit)
        out["joint"] = {"title": t(lang, "joint"),
                        "line": t(lang, "joint_text", targets=names,
                                  p=fmt.probability(joint.get("probability"), lang))}
    seg = results.get("segments")
    if seg:
        seg_rows = seg.get("rows", [])
        # The table's counts in one precision: "640 thousand" sat beside "771.0 thousand".
        shown = iter(fmt.shown_together([(r.get(k), _unit(r.get("metric", "")) or "persons")
                                          for r in seg_rows for k in ("last_value", "median")],
                                         lang))
        rows = [[i18n.metric_name(r.get("metric", ""), lang), next(shown), next(shown),
                 fmt.rate(r.get("share_of_target"), lang), segment_note(r, lang)]
                for r in seg_rows]
        line = ""
        if seg.get("informal_required_cagr") is not None:
            # From when and to what the rate runs, and the years it is set against.
            span = seg.get("informal_history") or {}
            line = INFORMAL[lang].format(
                req=fmt.rate(seg["informal_required_cagr"], lang),
                hist=fmt.rate(seg.get("informal_historical_cagr"), lang),
                since=fmt.short_date((seg.get("informal_required_from") or {}).get("date"), lang),
                v=fmt.value(seg.get("informal_required_value"), "persons", lang),
                by=i18n.by_date(seg.get("target_date") or f"{seg.get('year')}-12-31", lang),
                years="-".join(((span.get(k) or {}).get("date") or "?")[:4]
                               for k in ("from", "to")))
        need = seg.get("informal_required_value")
        if need is not None and need <= 0:  # the line was left out: others reach it
            line = INFORMAL_NONE[lang].format(
                v=fmt.value(-need, "persons", lang),
                by=i18n.by_date(seg.get("target_date") or f"{seg.get('year')}-12-31", lang))
        scaled = seg.get("scaled_to_total") or {}
        if scaled.get("factor"):  # share trends that summed past the total, scaled to it
            line = " ".join(filter(None, [line, t(lang, "seg_scaled",
                                                  p=fmt.rate(1 / scaled["factor"], lang))]))
        out["segments"] = {"title": t(lang, "segments", year=seg.get("year", "")),
                           "headers": [t(lang, "col_segment"), t(lang, "col_last"),
                                       t(lang, "col_median"), t(lang, "col_share"),
                                       t(lang, "col_fallback")],
                           "rows": rows, "line": line}
    if "scenario" in results:
        sc = results["scenario"]
        if sc:
            out["scenario"] = {
                "title": t(lang, "scenario", name=str(sc.get("name", ""))),
                "items": i18n.scenario_items(sc.get("adjustments"), lang)
                + [t(lang, "sc_applies")]}
        elif "funds_model" in results or "segments" in results:
            # Say "no scenario" only beside the sections a scenario would move.
            out["scenario"] = {"title": t(lang, "scenario_heading"),
                               "items": [t(lang, "scenario_none")]}
    return out


def backtest_line(backtest: dict, lang: str) -> str:
    """One sentence: the structural fund model's backtest error beside the trend models'."""
    mape = backtest.get("mape") or {}
    if not mape:
        return ""
    ranked = sorted(mape.items(), key=lambda kv: (kv[1].get("all") is None,
                                                   kv[1].get("all") or 0.0))
    scores = ", ".join(f"{explain.model_name(k, lang)} {fmt.rate(v.get('all'), lang)}"
                       for k, v in ranked)
    origins = backtest.get("origins") or []
    span = f"{origins[0]}-{origins[-1]}" if origins else "-"
    n = next(iter(mape.values())).get("n", 0)
    return t(lang, "backtest_text", n=n, s=plural_s(n), origins=span, scores=scores)


def segment_note(row: dict, lang: str) -> str:
    """How a segment was projected, in plain words: as its share of all active
    participants (the share and its date read from the run's note) or with the models."""
    if not row.get("fallback"):
        return t(lang, "segment_models")
    got = share_of(row.get("reason"))  # (share, date) of the reason object or old sentence
    if not got:
        return t(lang, "segment_share", share="?", date="?").split(" (")[0]
    return t(lang, "segment_share", share=fmt.rate(got[0], lang), date=fmt.date(got[1], lang))


def _fund_input(item: dict, lang: str, fm: dict) -> str:
    """A structural fund input's value: rates as percents, money with separators (a
    contribution per head in no known currency: what is missing, :mod:`forecast.money`)."""
    v = item.get("value")
    if item.get("name") == "contribution_per_participant" and fm.get("scale_missing"):
        return missing_scale(fm["scale_missing"], lang)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if item.get("name") in ("investment_return", "benefit_share"):
            return fmt.rate(v, lang)
        if item.get("name") == "contribution_per_participant":
            return fmt.number(v, 0, lang)
        if item.get("name") == "fund_start":  # when: a nowcast from a reading says so
            start, read = fm.get("start") or {}, (fm.get("last_observed") or {}).get("date")
            when = start.get("date") or read
            return fmt.number(v, 1, lang) + (f" ({fmt.date(when, lang)}" + (t(
                lang, "start_estimated", date=fmt.date(read, lang)) if read and read != when
                else "") + ")" if when else "")
    return _plain(v, lang)


def _plain(v, lang: str) -> str:
    """A value of unknown meaning from an optional section: numbers in ``lang`` style."""
    if isinstance(v, bool):
        return t(lang, "yes") if v else t(lang, "no")
    if isinstance(v, int):
        return fmt.number(v, 0, lang)
    if isinstance(v, float):
        return fmt.number(v, 4 if abs(v) < 1 else 2, lang).rstrip("0").rstrip(".,") or "0"
    if v is None:
        return "-"
    return str(v)


# ---------------------------------------------------------------------------- documents


def region_document(results: dict, sources: dict[str, dict], lang: str,
                    figures: list[str], observations: list[dict] | None = None) -> dict:
    """The per-region document: verdicts, table, figures, quality, notes, sources.

    ``observations`` (the region's data, for a region with nothing assessed) are shown
    as a table so the reader sees what there is.
    """
    fmt.check_lang(lang)
    set_scheme(results.get("scheme"))  # the data folder's own metric and unit words
    targets = ordered_targets(results)
    observations = observations or []
    ids = sorted(set(source_ids(results)) | {o["source_id"] for o in observations})
    past, others = not_assessed(results, lang)
    doc = {
        "lang": lang,
        "title": i18n.report_title("region_title", lang, results),
        "region": results["region"],
        "as_of": as_of_line(results, lang),
        "provenance": provenance(results, lang),
        "labels": {k: t(lang, k) for k in (
            "verdict", "targets_table", "fan_title", "fan_note", "details", "quality",
            "target_notes", "not_assessed", "sources", "bands_note", "no_targets_why",
            "page", "headline_mark", "other_targets")},
        # The headline targets first (headline_count of them), then the other targets,
        # then the recent past-due ones as outcomes.
        "verdicts": ([verdict_with_reach(e, lang) for e in targets]
                     + outcome_verdicts(results, lang) + earlier_outcomes(results, lang)),
        "headline_count": sum(1 for e in targets if is_headline(e, results)),
        "class_note": class_notes(targets, lang),
        "no_targets": t(lang, "no_targets_ahead") if results.get("outcomes") else
                      t(lang, "no_targets") if results.get("skipped") else
                      t(lang, "no_targets_later", n=results["targets_stated_later"],
                        as_of=fmt.date(results["as_of"], lang))
                      if results.get("targets_stated_later") else t(lang, "no_targets_data"),
        "headers": target_headers(lang),
        "rows": [target_row(e, lang) for e in targets],
        "figures": figures,
        # One line per metric: the targets of a metric share its history.
        "quality": [{"target": i18n.metric_name(e["metric"], lang),
                     "label": i18n.QUALITY[lang].get(e["data_quality"]["label"],
                                                     e["data_quality"]["label"]),
                     "reason": quality_reason(e["data_quality"], lang, e)}
                    for e in headline_entries(results)],
        # The data's notes quote their sources in English; in Indonesian they are not
        # translated (a translation of cited text is not the source's): source_notes.
        "notes": [{"target": target_label(e, lang), "note": e["target_note"]}
                  for e in targets if e.get("target_note")] if lang == "en" else [],
        "source_notes": source_notes(targets, observations, lang),
        "past": past,
        "others": others,
        "sources": resolve_sources(ids, sources, lang),
        "sections": optional_sections(results, lang),
        "observations_title": t(lang, "observations"),
        "observations_headers": [t(lang, "col_metric"), t(lang, "col_date"),
                                 t(lang, "col_value")] + ([t(lang, "col_note")]
                                                          if lang == "en" else []),
        "observations": [[i18n.metric_name(o["metric"], lang), fmt.date(o["date"], lang), v]
                         + ([o["note"]] if lang == "en" else []) for o, v in zip(
                             observations, fmt.shown_together(
                                 [(o["value"], o["unit"]) for o in observations], lang))],
    }
    doc["has_targets"] = bool(targets)
    doc["labels"]["source_notes"] = t(lang, "source_notes")
    doc["projections"] = [] if targets else projection_sections(results, lang)
    return doc


def source_notes(targets: list[dict], observations: list[dict], lang: str) -> dict | None:
    """Indonesian: the notes of the targets and observations, quoted from the sources in
    English, under a label saying so (None in English: shown beside them there)."""
    items = ([f"{target_label(e, lang)}: {e['target_note']}" for e in targets
              if e.get("target_note")]
             + [f"{i18n.metric_name(o['metric'], lang)}, {fmt.date(o['date'], lang)}: "
                f"{o['note']}" for o in observations if o.get("note")])
    return {"intro": t(lang, "source_notes_why"), "items": items} if items and lang != "en" \
        else None


def fan_extra(fan: list[dict], unit: str) -> int:
    """The decimals that tell each year-end's median and band ends apart, one for the whole
    table (a column in one precision)."""
    return max((fmt.entry_extra({"unit": unit, "median": f["p50"], "p10": f["p10"],
                                 "p90": f["p90"]}) for f in fan), default=0)


def fan_rows(fan: list[dict], unit: str, lang: str, ex: int | None = None) -> list[list[str]]:
    """Year, median and band of each of a projection's year-ends, told apart
    (:func:`fan_extra`), in one precision (:func:`.numbers.shown_together`)."""
    ex = fan_extra(fan, unit) if ex is None else ex
    pairs = [(f[k], unit) for f in fan for k in ("p50", "p10", "p90")]
    scale = None
    if unit == "persons" and len(fan) > 1:  # one scale down the column, each year's median
        scale = fmt.persons_scale(*(v for v, _ in pairs))  # told apart ("1.3 million" twice)
        ex = max([ex] + [digits_apart(lambda v, e: fmt.value(v, unit, "en", scale=scale,
                                                            extra=e), group)
                         for group in [[f["p50"] for f in fan]] + [
                             [f["p10"], f["p50"], f["p90"]] for f in fan]])
    shown = iter(fmt.shown_together(pairs, lang, extra=ex, scale=scale))
    return [[str(f["year"]), next(shown), f"{next(shown)} – {next(shown)}"] for f in fan]


def fan_row(f: dict, unit: str, lang: str, ex: int | None = None) -> list[str]:
    """One year-end's row of :func:`fan_rows`."""
    return fan_rows([f], unit, lang, ex)[0]


def projection_sections(results: dict, lang: str) -> list[dict]:
    """The region's projections to the horizon (``projections`` of results.json), each as
    a table of year-end medians and 10-90 % bands, or one line saying why there is none."""
    out, year_end = [], results_year_end(results)
    for p in results.get("projections", []):
        metric = i18n.metric_name(p["metric"], lang)
        if not p.get("projected"):
            out.append({"title": None, "rows": [], "headers": [],
                        "note": t(lang, "projection_none", metric=metric,
                                  reason=skip_reason(p.get("reason"), lang))})
            continue
        unit = p["unit"]
        last = p["last_observed"]
        out.append({
            "title": t(lang, "projection_title", metric=metric),
            # Under fiscal years the rows are the days "30 June" of each year, not "end of year".
            "headers": [t(lang, "col_year_end") if year_end == CALENDAR else
                        day_month(year_end, lang), t(lang, "col_median"), t(lang, "col_band")],
            "rows": fan_rows(p["fan"], unit, lang),
            "note": t(lang, "projection_note", last=fmt.value(last["value"], unit, lang),
                      date=fmt.date(last["date"], lang),
                      quality=quality_reason(p["data_quality"], lang, p))})
    return out
