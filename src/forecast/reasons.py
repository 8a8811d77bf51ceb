"""Reasons as data, words in one place: the codes results.json carries and their text.

results.json never stores a sentence for a skipped target, a projection that could not be
made or a data-quality verdict: it stores a code and its fields. :func:`reason_text` and
:func:`quality_text` make the words, in English (``en``) or Bahasa Indonesia (``id``), for
the CLI, the notebooks' tables and the PDFs alike.

Reason codes (``{"code": ..., fields}``):

=====================  ==============================  =====================================
code                   fields                          meaning
=====================  ==============================  =====================================
``past_due``           ``last_date``                   due on or before the last observation
``no_observations``    ``metric, region, as_of``       nothing observed (``as_of`` or None)
``too_few_points``     ``n, metric, region, needed``   too few year-end points, nothing to
                                                       borrow from
``no_coverage``        ``region``                      no coverage_pct reading
``no_employment``      (none)                          too few working_population points
``model_error``        ``message``                     the models failed (their message)
``no_fund_target``     (none)                          no fund target after the last fund
                                                       observation (national analysis)
``no_active_target``   (none)                          no active_total target after the
                                                       last observation
``no_segments``        ``region``                      no segment observations
``different_dates``    ``active_date, fund_date``      the two targets are due on different
                                                       dates (no joint probability)
=====================  ==============================  =====================================

A data-quality object has ``label`` (``good``, ``fair``, ``poor``, ``pooled``) and the
fields of the history (``annual_points``, ``first``, ``last``, ``gaps``,
``sub_annual_points``); a pooled projection adds ``pooled`` {``pairs``, ``weight_own``,
``own_trend``}; a coverage projection adds ``coverage`` {``anchor_date``,
``anchor_value``, ``denominator``, ``moved_with`` (``region`` or ``national``),
``employment_growth``, ``earlier_readings``} and its other fields describe the
participants it moves with.
"""

from __future__ import annotations

from . import config


def reason(code: str, **fields) -> dict:
    """A reason object of results.json."""
    return {"code": code, **fields}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _en(r: dict) -> str:
    code = r["code"]
    if code == "past_due":
        return f"due on or before the last observation ({r['last_date']})"
    if code == "no_observations":
        return (f"no observations of {r['metric']} for {r['region']}"
                + (f" as of {r['as_of']}" if r.get("as_of") else ""))
    if code == "too_few_points":
        return (f"only {r['n']} year-end observation(s) of {r['metric']} for {r['region']} "
                f"and no national series to borrow from; at least {r['needed']} are needed")
    if code == "no_coverage":
        return f"no coverage_pct reading for {r['region']}"
    if code == "no_employment":
        return ("coverage_pct: needs 2+ national working_population observations to grow "
                "the denominator")
    if code == "model_error":
        return r["message"]
    if code == "no_fund_target":
        return "no fund_investment target after the last fund observation"
    if code == "no_active_target":
        return "no active_total target after the last observation"
    if code == "no_segments":
        return f"no segment observations for {r['region']}"
    if code == "different_dates":
        return (f"the active_total target ({r['active_date']}) and the fund target "
                f"({r['fund_date']}) are due on different dates")
    raise KeyError(f"unknown reason code {code!r}")


def _id(r: dict) -> str:
    code = r["code"]
    if code == "past_due":
        return f"jatuh tempo pada atau sebelum pengamatan terakhir ({r['last_date']})"
    if code == "no_observations":
        return (f"tidak ada pengamatan {r['metric']} untuk {r['region']}"
                + (f" per {r['as_of']}" if r.get("as_of") else ""))
    if code == "too_few_points":
        return (f"hanya {r['n']} pengamatan akhir tahun {r['metric']} untuk {r['region']} dan "
                f"tidak ada deret nasional untuk dipinjam; minimal {r['needed']} diperlukan")
    if code == "no_fund_target":
        return "tidak ada target fund_investment setelah pengamatan dana terakhir"
    if code == "no_active_target":
        return "tidak ada target active_total setelah pengamatan terakhir"
    if code == "no_segments":
        return f"tidak ada pengamatan segmen untuk {r['region']}"
    if code == "different_dates":
        return (f"target active_total ({r['active_date']}) dan target dana "
                f"({r['fund_date']}) jatuh tempo pada tanggal berbeda")
    # The reports have never translated these three (model messages are English text
    # from the models); they are printed as in English, as before.
    return _en(r)


_REASON = {"en": _en, "id": _id}


def reason_text(r: dict | str | None, lang: str = "en") -> str:
    """The words of a reason object in ``lang`` (a plain string is returned as it is)."""
    if r is None:
        return ""
    if isinstance(r, str):
        return r
    if lang not in _REASON:
        raise KeyError(f"lang: expected one of {', '.join(config.LANGUAGES)}, found {lang!r}")
    return _REASON[lang](r)


def is_past(r: dict | str | None) -> bool:
    """Whether a reason says the target was due before the last observation."""
    return isinstance(r, dict) and r.get("code") == "past_due"


def _history_en(dq: dict) -> str:
    n = dq["annual_points"]
    parts = [_plural(n, "year-end point")]
    if dq.get("first") and dq.get("last"):
        parts.append(f"{dq['first'][:4]}-{dq['last'][:4]}")
    if dq.get("gaps"):
        parts.append(f"missing {', '.join(map(str, dq['gaps']))}")
    if dq.get("sub_annual_points"):
        parts.append(f"{_plural(dq['sub_annual_points'], 'sub-annual reading')} shown, "
                     f"not fitted")
    for m in dq.get("moved_to_year_end") or ():
        parts.append(f"the {m['date']} reading counted as year-end {m['counted_as']}")
    text = "; ".join(parts)
    pooled = dq.get("pooled")
    if pooled is not None:
        own = (f"its own share trend from {pooled['pairs']} shared dates, weighted "
               f"{pooled['weight_own']:.0%}" if pooled["own_trend"]
               else "no share trend of its own (one shared date)")
        text = f"{text}; growth borrowed from the national projection, {own}"
    return text


def _quality_en(dq: dict) -> str:
    cov = dq.get("coverage")
    if cov is None:
        return _history_en(dq)
    # The scheme's own words for the count and the base (older objects: the fixed ones).
    count = scheme_label(cov.get("numerator_labels"), "en", "participants").lower()
    base = scheme_label(cov.get("denominator_labels"), "en", "employment").lower()
    moved = (f"the national {count} projection (no count for the region)"
             if cov["moved_with"] == "national" else f"the region's projected {count}")
    return (f"coverage anchored on the {cov['anchor_date']} reading ({cov['anchor_value']:g} %, "
            f"denominator: {cov['denominator']}) and moved with {moved} over {base} "
            f"growing {cov['employment_growth']:.1%}/yr; {cov['earlier_readings']} earlier "
            f"reading(s) use other denominators and are shown, not fitted; {count}: "
            f"{_history_en(dq)}")


def _quality_id(dq: dict) -> str:
    n = dq["annual_points"]
    parts = [f"{n} titik akhir tahun"]
    if dq.get("first") and dq.get("last"):
        parts.append(f"{dq['first'][:4]}-{dq['last'][:4]}")
    if dq.get("gaps"):
        parts.append("tidak ada " + ", ".join(map(str, dq["gaps"])))
    if dq.get("sub_annual_points"):
        parts.append(f"{dq['sub_annual_points']} pembacaan antartahun ditampilkan, tidak "
                     f"dipakai untuk pemodelan")
    for m in dq.get("moved_to_year_end") or ():
        parts.append(f"pembacaan {m['date']} dihitung sebagai akhir tahun {m['counted_as']}")
    if dq.get("label") == "pooled":
        parts.append("pertumbuhan dipinjam dari proyeksi nasional")
    cov = dq.get("coverage")
    if cov is not None and cov.get("denominator_labels"):
        parts.append(f"penyebut cakupan: {scheme_label(cov['denominator_labels'], 'id', '')}"
                     .lower())
    return "; ".join(parts)


def scheme_label(labels: dict | None, lang: str, default: str) -> str:
    """A metric's label from the scheme file (``{"en", "id"}``) in ``lang``, else
    ``default`` (results written before scheme files, or without the metric)."""
    if not labels:
        return default
    return str(labels.get(lang) or labels.get("en") or default)


_QUALITY = {"en": _quality_en, "id": _quality_id}


def quality_text(dq: dict, lang: str = "en") -> str:
    """The data-quality reason (without its label) in ``lang``."""
    if lang not in _QUALITY:
        raise KeyError(f"lang: expected one of {', '.join(config.LANGUAGES)}, found {lang!r}")
    if "annual_points" not in dq:  # an object written by hand (tests, old runs)
        return dq.get("reason", "")
    return _QUALITY[lang](dq)
