"""The sentences of the reports in English and Bahasa Indonesia: the verdict, the target
phrase, a text by key. The word tables are :mod:`.words` (re-exported here).
"""

from __future__ import annotations

import re

from ..ceilingwords import ceiling_text
from ..fiscal import end_of_year, year_of
from ..reasons import denominator_words, quality_text, reason_text
from ..reasonwords import fall_text
from ..targets import CEILING_SHOWN
from ..textnum import SCALED_LABEL, label_factor, pace_from, pace_to
from ..topwords import top_of
from . import explain
from . import numbers as fmt

from .words import (  # noqa: F401
    BAND_SHORT,
    BAND_WORDS,
    BANDS,
    CLASSIFICATION,
    LIGHT,
    METRIC,
    QUALITY,
    TARGET_PHRASE,
    TEXT,
    scheme_is_coverage,
    scheme_metric,
    scheme_metric_label,
    scheme_unit,
)


def t(lang: str, key: str, **kwargs) -> str:
    """The text ``key`` in ``lang``, with ``kwargs`` filled in."""
    text = TEXT[lang][key] if key in TEXT[lang] else explain.TEXT[lang][key]
    return text.format(**kwargs) if kwargs else text


#: The PDFs' titles for a scheme with no coverage metric (a pension plan's assets, a count
#: of members alone): its targets, not "coverage targets".
_PLAIN_TITLES = {"en": {"region_title": "Will {region} meet its targets?",
                        "summary_title": "Targets: management summary"},
                 "id": {"region_title": "Apakah {region} akan mencapai targetnya?",
                        "summary_title": "Target: ringkasan untuk manajemen"}}


def report_title(key: str, lang: str, results: dict | None) -> str:
    """The title ``key`` (``region_title``, ``summary_title``) of a report on ``results``
    (its ``scheme``, its region's name): "coverage targets" where the scheme has a coverage
    metric (the shipped scheme; results without a scheme are the shipped), else "targets"."""
    results = results or {}
    region = results.get("region_name") or results.get("region")
    words = {"region": region} if key == "region_title" else {}
    metrics = (results.get("scheme") or {}).get("metrics")
    if metrics and not any("numerator" in m for m in metrics.values()):
        return _PLAIN_TITLES[lang][key].format(**words)
    return t(lang, key, **words)


def band(p: float | None) -> str:
    """The band key of a probability (``none`` when there is none), read from the number
    as the reports print it (:func:`forecast.report.numbers.probability`): 0.3288 printed
    as "33 %" was called unlikely (below 33 %) beside 0.3318, also "33 %", called about as
    likely as not."""
    if p is None:
        return "none"
    pct = 100 * p
    if 0.1 <= pct <= 99.9:  # '<0.1 %' and '>99.9 %' are read as they are
        pct = float(f"{pct:.{1 if pct < 9.95 or pct > 99.05 else 0}f}")
    return next(key for upper, key in BANDS if pct / 100 < upper)


def metric_name(metric: str, lang: str) -> str:
    """A metric's name for tables and charts (the id itself if it has none)."""
    return scheme_metric_label(metric, lang) or METRIC[lang].get(metric, metric)


def base_words(code: str, lang: str) -> str:
    """A coverage base in words: a metric of the scheme by its label ("penduduk" for
    ``population``), else :func:`forecast.reasons.denominator_words`."""
    label = scheme_metric_label(code, lang)
    return label.lower() if label else denominator_words(code, lang)


def other_base(entry: dict, lang: str) -> str:
    """`` (eligible workers)``: the base of a coverage target that is not its metric's own
    denominator (named by the metric already), so that two targets of one coverage on two
    bases read apart; "" for any other target."""
    den = (entry.get("denominator")  # the target's own, else its readings' base:
           or (entry.get("coverage_basis") or {}).get("denominator")  # or projected alone:
           or ((entry.get("data_quality") or {}).get("coverage_alone") or {}).get("denominator"))
    own = scheme_metric(entry["metric"]).get("denominator")
    if not den or not own or str(den).replace(" ", "_") == own:
        return ""
    return f" ({base_words(den, lang)})"


#: A unit of money: an ISO 4217 code ("JPY billion", "eur_m") or a currency sign in its id
#: or English name. Its amount comes first ("260,000 JPY billion reserve fund"); another
#: unit's value follows the metric ("members of 6 million people", not "people members").
MONEY = re.compile(r"(?<![A-Za-z])([A-Z]{3}|[a-z]{3}(?=_))(?![A-Za-z])|[$€£¥₹₩฿₱₫]|Rp")


def target_phrase(entry: dict, lang: str, base: str = "") -> str:
    """``70 million active participants`` / ``70 juta peserta aktif``; a coverage's
    ``base`` (:func:`other_base`) after its name: "coverage (eligible) of 98.0 %"."""
    # The target table's decimals: a 2.5 million target beside a 2.496 million median.
    ex = fmt.entry_extra(entry)  # an outcome's: its target beside its readings
    v = fmt.value(entry["target_value"], entry["unit"], lang, extra=ex)
    label = scheme_metric_label(entry["metric"], lang)
    if label is not None:  # the scheme's own words (a scheme other than the shipped one)
        if (scheme_unit(entry["unit"]) or {}).get("count"):  # "4 million registered members"
            x = entry["target_value"] * count_factor(entry["unit"])
            v = fmt.persons(x, lang, extra=ex, scale=fmt.small_count(x))
        if scheme_is_coverage(entry["metric"]):
            return (f"{label.lower()}{base} of {v}" if lang == "en"
                    else f"{label.lower()}{base} {v}")
        if lang != "en":
            return f"{label.lower()} {v}"
        own = scheme_unit(entry["unit"]) or {}
        unit = (own.get("labels") or {}).get("en", "")
        if own.get("count"):  # v is a count of people: "2,500 enrolled members"
            return f"{v} {label.lower()}"
        if label.lower().split()[-1] in unit.lower().split():  # "48,000 thousand contributors"
            return v
        if not MONEY.search(f"{entry['unit']} {unit}"):  # "members of 6 million people"
            return f"{label.lower()} of {v}"
        return f"{v} {label.lower()}"
    template = TARGET_PHRASE[lang].get(entry["metric"], "{v} " + entry["metric"])
    if base:  # a coverage's (only they have one): "coverage (UCJ indicator base) of 35.0 %"
        name = metric_name(entry["metric"], lang).lower()
        return f"{name}{base} of {v}" if lang == "en" else f"{name}{base} {v}"
    return template.format(v=v)


def count_factor(unit: str) -> float:
    """People per unit of a scheme's count unit (1000 for "thousand persons"), by which a
    value is multiplied to be written as a count of people; 1 for any other unit."""
    own = scheme_unit(unit) or {}
    return label_factor((own.get("labels") or {}).get("en", "")) if own.get("count") else 1.0


def as_people(values: list[float], unit: str, lang: str, ex: int) -> list[str] | None:
    """``values`` of a count in a scaled unit ("thousand persons") written as people, as
    the verdict above writes its target ("33 million contributors ... at least 31.2
    million persons", not "at least 31,230 thousand persons"); None for any other unit."""
    factor = count_factor(unit)
    if factor == 1.0 or not values:
        return None
    labels = (scheme_unit(unit) or {}).get("labels") or {}
    noun = " ".join(SCALED_LABEL.sub("", labels.get(lang) or labels.get("en", "")).split())
    scale = fmt.persons_scale(*(v * factor for v in values))
    for extra in range(ex, ex + 4):  # values that differ print apart (3.7, 3.8, 3.8 million
        shown = [" ".join(filter(None, (fmt.persons(v * factor, lang, scale=scale,  # was
                                                    extra=extra), noun))) for v in values]
        if len(set(shown)) == len(set(values)):  # 3,747, 3,774, 3,801 thousand)
            break
    return shown


def joint_targets(joint: dict, lang: str, unit_of) -> str:
    """The targets of a joint probability as a reader names them: "70 million active
    participants and Rp1,001 trillion of investment funds by end-2026" (not "Active
    participants, Investment funds": which targets?); ``unit_of(metric)`` gives a unit."""
    names = (" and " if lang == "en" else " dan ").join(
        target_phrase({"metric": m, "target_value": v, "unit": unit_of(m)}, lang)
        for m, v in zip(joint.get("targets", []), joint.get("target_values", [])))
    return f"{names} {by_date(joint['target_date'], lang)}" if joint.get("target_date") \
        else names


def by_date(iso: str, lang: str) -> str:
    """``by end-2026`` / ``pada akhir 2026``; another day is given in full."""
    if end_of_year(iso):  # under fiscal years, 31 December is written out
        return f"by end-{iso[:4]}" if lang == "en" else f"pada akhir {iso[:4]}"
    return f"by {fmt.date(iso, lang)}" if lang == "en" else f"pada {fmt.date(iso, lang)}"


def _pace(entry: dict, lang: str) -> str:
    # A reading's year: its fiscal year's where the scheme has them (forecast.fiscal).
    years = [year_of(h["date"]) for h in entry.get("history") or []]
    dq = entry.get("data_quality") or {}
    first = pace_from(entry) or (years[0] if years else "")
    last = pace_to(entry)  # the year-end its growth is measured to (a nowcast's, if any)
    if not first:
        last = year_of(entry["last_observed"]["date"])
    if first and first != last:
        text = f"At the pace of {first}-{last}" if lang == "en" else f"Dengan laju {first}-{last}"
    else:
        text = f"At the pace seen up to {last}" if lang == "en" else f"Dengan laju hingga {last}"
    if entry.get("pooling"):  # the top region's projection: "national" or its name
        top = top_of("projection" if lang == "en" else "proyeksi", lang,
                     dq.get("top_region_name"))
        text += (f", with growth borrowed from {top}" if lang == "en"
                 else f", dengan pertumbuhan dipinjam dari {top}")
    return text


def _monthly(entry: dict, lang: str) -> str:
    """What it would take a month, against what was achieved in the last observed year."""
    unit = entry["unit"]
    need, got = entry.get("monthly_needed"), entry.get("monthly_achieved_last_year")
    year = year_of(entry["last_observed"]["date"])
    if ((entry.get("data_quality") or {}).get("nowcast") or {}).get("value") is not None \
            and not entry.get("coverage_basis"):  # coverage: its own readings, its count's
        # The pace runs to the year-end nowcast from a reading during the year, not to an
        # observation: "achieved in 2027" named a fiscal year four months from its end.
        year += " (to its year-end estimate)" if lang == "en" else \
            " (hingga perkiraan akhir tahunnya)"
    last = entry["last_observed"]["value"]
    if last is not None and last >= entry["target_value"]:
        v = fmt.value(last, unit, lang, extra=fmt.entry_extra(entry))  # as the target is
        return (f"; the last observation ({v}) is already at or above it" if lang == "en"
                else f"; nilai terakhir ({v}) sudah mencapai atau melampauinya")
    if need is None:
        return ""
    own = scheme_unit(unit) or {}
    # Another scheme's count: its own metric words ("net new contributors"), its count
    # without the unit's name; the shipped scheme keeps "participants".
    label = scheme_metric_label(entry["metric"], lang) if own.get("count") or \
        unit == "persons" else None
    counted = unit == "persons" or label is not None
    factor = count_factor(unit)  # a count in thousands is written in people
    scale = fmt.persons_scale(need * factor, (got or 0) * factor) if counted else None

    share = unit == "percent" or own.get("max") == 100
    money = not share and label is None and bool(
        MONEY.search(f"{unit} {(own.get('labels') or {}).get('en', '')}"))
    # Points to the decimal at which the need and the pace read apart (+0.021 against
    # 0.017, not +0.02 against 0.02 beside "unlikely"), two at least, four at most.
    places = next((d for d in (2, 3) if got is None or round(need, d) != round(got, d)
                   or round(need, 4) == round(got, 4)), 4)

    def show(x: float, signed: bool) -> str:
        if label is not None:
            return fmt.persons(x * factor, lang, signed=signed, scale=scale)
        if share:
            pts = fmt.number(x, places, lang)
            return (("+" if signed and x > 0 else "") + pts
                    + (" percentage points" if lang == "en" else " poin persentase"))
        # One precision in the sentence: two amounts of 100 or more whole (+11,111 against
        # 7,500 members of a unit not known to count people, not +11,111.1 against 7,500).
        whole = min(abs(need), abs(got) if got is not None else abs(need)) >= 100
        return fmt.value(round(x) if whole else x, unit, lang, signed=signed, scale=scale)

    if lang == "en":
        # An amount of any currency grows "of net growth a month", not "+0.22 EUR billion a
        # month" (read as the money paid in a month); a share's points grow "a month".
        what = (f"net new {label.lower()} a month" if label is not None else
                "net new participants a month" if unit == "persons" else
                "of net growth a month" if money else "a month")
        text = f"; it would take {show(need, True)} {what}"
        if got is not None and _nil(show(abs(got), False)):  # not 'a net fall of 0.0 million'
            text += f" against almost no net change a month in {year}"
        elif got is not None:
            text += (f" against {show(got, False)} achieved in {year}" if got >= 0 else
                     f" against a net fall of {show(-got, False)} a month in {year}")
        return text
    what = (f"{label.lower()} baru bersih per bulan" if label is not None else
            "peserta baru bersih per bulan" if unit == "persons" else
            "pertumbuhan bersih per bulan" if money else "per bulan")
    if money:
        text = f"; dibutuhkan {what} {show(need, True)}"
    else:
        text = f"; dibutuhkan {show(need, True)} {what}"
    if got is not None and _nil(show(abs(got), False)):
        text += f", dibandingkan hampir tanpa perubahan bersih per bulan pada {year}"
    elif got is not None:
        text += (f", dibandingkan {show(got, False)} yang tercapai pada {year}" if got >= 0
                 else f", dibandingkan penurunan bersih {show(-got, False)} per bulan pada "
                      f"{year}")
    return text


def _nil(shown: str) -> bool:
    """Whether a shown amount reads as zero at its scale (0.0 million)."""
    digits = [c for c in shown if c.isdigit()]
    return bool(digits) and set(digits) == {"0"}


def verdict(entry: dict, lang: str) -> list[dict]:
    """The plain-language verdict on one target, as text segments (the band word strong).

    "At the pace of 2017-2024, 70 million active participants by end-2026 is very unlikely
    (probability 1.4 %); it would take +1.0 million net new participants a month against
    0.3 million achieved in 2024."

    Returns
    -------
    list of dict
        ``{"text": str, "strong": bool}`` segments; their texts joined are the sentence.
    """
    key = band(entry["probability"])
    words = BAND_WORDS[lang][key]
    p = fmt.probability(entry["probability"], lang)
    if lang == "en":
        head = (f"{_pace(entry, lang)}, {target_phrase(entry, lang, other_base(entry, lang))} "
                f"{by_date(entry['target_date'], lang)} is ")
        tail = f" (probability {p})"
    else:
        head = (f"{_pace(entry, lang)}, target "
                f"{target_phrase(entry, lang, other_base(entry, lang))} "
                f"{by_date(entry['target_date'], lang)} ")
        tail = f" (probabilitas {p})"
    tail += _bound(entry, lang) + _monthly(entry, lang) + _rise(entry, lang) + "."
    return [{"text": head, "strong": False}, {"text": words, "strong": True},
            {"text": tail, "strong": False}]


def _bound(entry: dict, lang: str) -> str:
    """A target at or above the most its quantity can be says so (``bound_note``)."""
    note, v = entry.get("bound_note"), entry.get("bound_value")
    ceiling = (entry.get("ceiling") or {}).get("metric")
    # A count in thousands as people, as the target before it ("33 million contributors").
    shown = (as_people([v], entry["unit"], lang, 0) or [None])[0] if v else None
    if note is None and ceiling and v and entry["target_value"] >= CEILING_SHOWN * v:
        share = fmt.percent_value(100 * entry["target_value"] / v, lang)
        b, m = shown or fmt.value(v, entry["unit"], lang), metric_name(ceiling, lang).lower()
        return (f"; the target is {share} of the projected {m} ({b}), the most it can reach"
                if lang == "en" else f"; target adalah {share} dari {m} yang diproyeksikan "
                                     f"({b}), nilai terbesar yang dapat dicapai")
    if note not in ("target_at_bound", "target_at_or_above_bound") or v is None:
        return ""
    b = shown or fmt.value(v, entry["unit"], lang)
    if note == "target_at_or_above_bound" and ceiling:  # the assumption that decides it
        m = metric_name(ceiling, lang).lower()
        return (f"; the target is above the trend projection of the {m} ({b}), the most the "
                f"quantity can be: no path reaches it, short of the {m} growing faster than "
                f"that trend" if lang == "en" else
                f"; target di atas proyeksi tren {m} ({b}), nilai terbesar yang mungkin: tidak "
                f"ada jalur yang mencapainya kecuali {m} tumbuh lebih cepat dari tren itu")
    if note == "target_at_or_above_bound":
        return (f"; the target is above the most the quantity can be ({b}), so no projected "
                f"path reaches it" if lang == "en" else
                f"; target di atas nilai terbesar yang mungkin ({b}), sehingga tidak ada "
                f"jalur proyeksi yang mencapainya")
    if entry["target_value"] < v:  # 99.95 %: within rounding of the bound, not the bound
        return (f"; the target is within rounding of the most the quantity can be ({b}), "
                f"which a projection only approaches: a path within rounding of it counts as "
                f"reaching it" if lang == "en" else
                f"; target hanya selisih pembulatan dari nilai terbesar yang mungkin ({b}), "
                f"yang hanya didekati proyeksi: jalur yang sebesar itu setelah pembulatan "
                f"dihitung mencapainya")
    return (f"; the target is the most the quantity can be ({b}), which a projection only "
            f"approaches: a path within rounding of it counts as reaching it" if lang == "en"
            else f"; target adalah nilai terbesar yang mungkin ({b}), yang hanya didekati "
                 f"proyeksi: jalur yang sebesar itu setelah pembulatan dihitung mencapainya")


#: The engine notes a verdict explains itself with (:mod:`forecast.reasons`).
EXPLAINED = ("rise_carried_by", "slows_down", "falls_below")


def _rise(entry: dict, lang: str) -> str:
    """A falling series whose median rises says what carries the rise, a rising one whose
    median slows short of the target says so, and one at its target now whose median falls
    below it by the date says that (engine notes)."""
    notes = (entry.get("engine") or {}).get("notes") or ()
    # A fall below a target reached follows "the last observation is already at or above it".
    return "".join((", but " if lang == "en" else ", tetapi ") + fmt.spaced_percent(
        fall_text(n, lang)) if n["code"] == "falls_below" else
        f"; {fmt.spaced_percent(reason_text(n, lang, metric_name))}"
        for n in notes if isinstance(n, dict) and n.get("code") in EXPLAINED)


def falls_below(entry: dict) -> bool:
    """Whether a target reached at the last observation is below it, at the median, on its
    date (a ``falls_below`` note): "reached then" is then no answer."""
    notes = (entry.get("engine") or {}).get("notes") or ()
    return any(isinstance(n, dict) and n.get("code") == "falls_below" for n in notes)


def verdict_text(entry: dict, lang: str) -> str:
    """The verdict sentence as one string."""
    return "".join(s["text"] for s in verdict(entry, lang))


def scenario_past_bound(sc: dict, lang: str, fmt) -> str:
    """" In 2027 its median of active participants (164.31M) is above their ceiling
    (151.17M): ..." where a scenario takes them past it (results.json
    ``scenario.past_bound``), else ''; ``fmt(value, unit)`` writes the counts."""
    past = sc.get("past_bound")
    if not isinstance(past, dict):
        return ""
    return " " + t(lang, "sc_past_bound", year=past["year"], m=fmt(past["median"], "persons"),
                   b=fmt(past["bound"], "persons"),
                   name=lower_first(metric_name("active_total", lang)))


def scenario_items(adjustments, lang: str) -> list[str]:
    """A scenario's adjustments (results.json ``scenario.adjustments``) in words, one item
    each: "150 thousand more active informal participants (BPU) a month, from the last
    reading of the total" rather than ``extra_monthly_enrolments {'active_bpu': 150000.0}``.

    The CLI, the notebooks and the PDFs all show these words. An adjustment this version
    does not know is shown as ``key: value``, so nothing is hidden.
    """
    if isinstance(adjustments, list):  # older shape: a list of {key: value} tables
        adjustments = {k: v for adj in adjustments if isinstance(adj, dict)
                       for k, v in adj.items()}
    items = []
    for key, value in (adjustments or {}).items():
        if key == "extra_monthly_enrolments" and isinstance(value, dict):
            for metric, k in value.items():
                more = fmt.number(float(k), 0, lang)
                more = f"{more} more" if lang == "en" else f"tambahan {more}"
                phrase = TARGET_PHRASE[lang].get(metric) if not scheme_metric_label(
                    metric, lang) else None
                phrase = (phrase or "{v} " + lower_first(metric_name(metric, lang)))
                items.append(t(lang, "sc_enrol", what=phrase.format(v=more), also="" if
                               metric == "active_total" else t(lang, "sc_also")))
        elif key == "investment_return" and isinstance(value, (int, float)):
            items.append(t(lang, "sc_return", r=fmt.rate(float(value), lang)))
        elif key == "shock" and isinstance(value, dict):
            scale = float(value.get("scale", 1.0))
            items.append(t(lang, "sc_shock", year=value.get("year"), like=value.get("like"),
                           scale=fmt.number(scale * 100, 0, lang) + fmt.NBSP + "%",
                           name=lower_first(metric_name("active_total", lang))))
        else:
            items.append(f"{key}: {value}")
    return items


def lower_first(name: str) -> str:
    """``Active informal (BPU)`` inside a sentence: ``active informal (BPU)``."""
    return name[:1].lower() + name[1:]


def quality_reason(dq: dict, lang: str, entry: dict | None = None) -> str:
    """The data-quality reason in ``lang`` (:func:`forecast.reasons.quality_text`), and why
    a target ``entry``'s ceiling is not used, if it is not (:mod:`forecast.ceilingwords`)."""
    reason = ((entry or {}).get("ceiling") or {}).get("reason")
    if isinstance(reason, dict) and reason.get("date"):  # "31 December 2024", as the page
        reason = {**reason, "date": fmt.date(reason["date"], lang)}
    why = ceiling_text(reason, lang, lambda m: metric_name(m, lang))
    # Values, dates and percent signs as the rest of the page writes them (45.2 million,
    # 31 December 2024, 9.8 %).
    return fmt.spaced_percent(quality_text(
        dq, lang, fmt.quality_unit(dq, (entry or {}).get("unit")),
        lambda v, unit: fmt.value(v, unit, lang), lambda iso: fmt.date(iso, lang))
        + (f"; {why}" if why else ""))
