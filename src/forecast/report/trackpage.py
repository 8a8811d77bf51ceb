"""The track-record section of a region's report (issue 18), in English and Bahasa
Indonesia: the sentences (targets, then thresholds), the Brier score, the reliability chart
(over every settled forecast) and the headline probability's evolution, from the results'
``track_record`` field (:mod:`forecast.trackrecord`)."""

from __future__ import annotations

from pathlib import Path

from ..fiscal import year_of
from ..plots import to_png
from ..trackplots import evolution_chart, reliability_chart
from . import numbers as fmt
from .build import headline_targets, target_label
from ..trackrecord import MIN_POINTS
from ..textnum import plural_s, were
from .words import BAND_SHORT

TRACK_WORDS = {
    "en": {"title": "Our track record",
           "intro": "The engine as it is now, re-run as of {k} past year-end{ks} on the data "
                    "{known} ({paths} path{ps} each), and scored on the {n} forecast{ns} settled "
                    "since: {nt} on targets and {nh} on thresholds (\u2018reaches X by the "
                    "end of year Y\u2019, with X the value now known \u00d7 {factors}, 1 to "
                    "{h} years ahead). A forecast settled after several year-ends counts "
                    "once per year-end.",
           "intro_targets": "The engine as it is now, re-run as of {k} past year-end{ks} on the "
                            "data {known} ({paths} path{ps} each), and scored on the {n} "
                            "target{ns} settled since (a target settled after several year-ends counts "
                            "once per year-end).",
           "none": "Nothing to score yet: no target settled since had been stated (in the "
                   "sources we cite) by one of the past year-ends re-run.",
           "none_run": "Nothing to re-run yet: no past year-end had the {m} year-end readings "
                       "the engine needs.",
           "thresholds_only": "No settled target had been stated (in the sources we cite) "
                              "by the past year-ends re-run, so this record rests on "
                              "thresholds only: ",
           # --vintage date re-runs with every target: none is missing for want of a date.
           "none_date": "Nothing to score yet: no target in the data settled after one of "
                        "the past year-ends re-run.",
           "thresholds_only_date": "No target in the data settled after the past year-ends "
                                   "re-run, so this record rests on thresholds only: ",
           "brier": "Brier score {b} over all {n} (0 is perfect; always saying 50 % scores "
                    "0.25).",
           "brier_kinds": "Targets {bt}, thresholds {bh}.",
           "missed": "of the targets we called '{band}', {k} of {n} were missed",
           "met": "of those we called '{band}', {k} of {n} were met",
           "t_missed": "of the thresholds we called '{band}', {k} of {n} were not reached",
           "t_met": "of those we called '{band}', {k} of {n} were reached",
           # The other side, so that "0 of 7 were missed" also says the 7 were met.
           "rest": {"missed": " and {m} were met", "met": " and {m} were missed",
                    "t_missed": " and {m} were reached", "t_met": " and {m} were not reached"},
           "or": "or",
           "published": "published by then", "date": "dated up to then",
           # basis_asked published, basis date: the sources came out after every year-end.
           "published_later": "None of the sources we cite had been published by the past "
                              "year-ends re-run, so each re-run reads the values dated up "
                              "to its year-end, as published later: what was known then, "
                              "and any revision since, cannot be told from them.",
           "x": "probability given (%)", "y": "share met (%)", "diag": "perfect calibration",
           "evolution": "probability (%) as of each year-end", "now": "now"},
    "id": {"title": "Rekam jejak kami",
           "intro": "Mesin seperti sekarang, dijalankan ulang per {k} akhir tahun lalu dengan "
                    "data {known} ({paths} jalur masing-masing), dan dinilai pada {n} "
                    "prakiraan yang hasilnya sudah diketahui: {nt} tentang target dan {nh} "
                    "tentang ambang (\u2018mencapai X pada akhir tahun Y\u2019, dengan X "
                    "nilai yang kini diketahui \u00d7 {factors}, 1 sampai {h} tahun ke "
                    "depan). Prakiraan yang hasilnya diketahui setelah beberapa akhir tahun "
                    "dihitung sekali per akhir tahun.",
           "intro_targets": "Mesin seperti sekarang, dijalankan ulang per {k} akhir tahun lalu "
                            "dengan data {known} ({paths} jalur masing-masing), dan dinilai "
                            "pada {n} target yang hasilnya sudah diketahui (target yang "
                            "dinilai pada beberapa akhir tahun dihitung sekali per akhir "
                            "tahun).",
           "none": "Belum ada yang dapat dinilai: tidak ada target yang hasilnya sudah "
                   "diketahui yang telah dinyatakan (dalam sumber yang kami kutip) pada salah "
                   "satu akhir tahun lalu yang dijalankan ulang.",
           "none_run": "Belum ada yang dapat dijalankan ulang: tidak ada akhir tahun lalu "
                       "dengan {m} pengamatan akhir tahun yang dibutuhkan mesin.",
           "thresholds_only": "Belum ada target yang hasilnya sudah diketahui yang telah "
                              "dinyatakan (dalam sumber yang kami kutip) pada akhir tahun "
                              "lalu yang dijalankan ulang, sehingga rekam jejak ini hanya "
                              "bertumpu pada ambang: ",
           "none_date": "Belum ada yang dapat dinilai: tidak ada target dalam data yang "
                        "hasilnya diketahui setelah salah satu akhir tahun lalu yang "
                        "dijalankan ulang.",
           "thresholds_only_date": "Tidak ada target dalam data yang hasilnya diketahui "
                                   "setelah akhir tahun lalu yang dijalankan ulang, sehingga "
                                   "rekam jejak ini hanya bertumpu pada ambang: ",
           "brier": "Skor Brier {b} atas seluruh {n} (0 sempurna; selalu menjawab 50 % "
                    "mendapat 0,25).",
           "brier_kinds": "Target {bt}, ambang {bh}.",
           "missed": "dari target yang kami sebut '{band}', {k} dari {n} tidak tercapai",
           "met": "dari target yang kami sebut '{band}', {k} dari {n} tercapai",
           "t_missed": "dari ambang yang kami sebut '{band}', {k} dari {n} tidak tercapai",
           "t_met": "dari ambang yang kami sebut '{band}', {k} dari {n} tercapai",
           "rest": {"missed": " dan {m} tercapai", "met": " dan {m} tidak tercapai",
                    "t_missed": " dan {m} tercapai", "t_met": " dan {m} tidak tercapai"},
           "or": "atau",
           "published": "yang sudah terbit saat itu", "date": "bertanggal sampai saat itu",
           "published_later": "Tidak satu pun sumber yang kami kutip sudah terbit pada "
                              "akhir tahun lalu yang dijalankan ulang, sehingga setiap "
                              "jalan ulang membaca nilai yang bertanggal sampai akhir "
                              "tahunnya, sebagaimana terbit kemudian: apa yang diketahui "
                              "saat itu, dan revisi sesudahnya, tidak dapat dibaca dari "
                              "sumber tersebut.",
           "x": "probabilitas yang diberikan (%)", "y": "bagian yang tercapai (%)",
           "diag": "kalibrasi sempurna",
           "evolution": "probabilitas (%) per akhir tahun", "now": "kini"},
}


def _kinds(tr: dict) -> dict:
    """The score per kind; a record written before thresholds were scored (no
    ``by_kind``) scored targets only."""
    if "by_kind" in tr:
        return tr["by_kind"]
    return {"target": {"n": tr.get("n"), "brier": tr.get("brier"), "bands": tr["bands"]},
            "threshold": {"n": 0, "brier": None, "bands": []}}


def _band_parts(bands: list[dict], lang: str, missed: str, met: str) -> list[str]:
    w = TRACK_WORDS[lang]
    parts = []
    for b in bands:
        if not b["n"]:
            continue
        low = b["band"] in ("very_unlikely", "unlikely")
        text = w[missed if low else met].format(
            band=BAND_SHORT[lang][b["band"]], k=b["missed"] if low else b["met"], n=b["n"])
        # "1 of 10 was reached": the verb agrees as in the run text; Indonesian has none.
        verb = were(b["missed"] if low else b["met"], b["n"])
        text = text.replace(f" of {b['n']} were ", f" of {b['n']} {verb} ") \
            if lang == "en" else text
        rest = b["met"] if low else b["missed"]
        if rest:
            key = missed if low else met
            text += w["rest"][key].format(m=rest).replace(" 1 were ", " 1 was ")
        parts.append(text)
    return parts


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def track_sentence(tr: dict, lang: str) -> str:
    """"Of the targets we called 'unlikely', 4 of 4 were missed; ..." in ``lang``, then
    the same about the thresholds; when no target is settled, says that the record rests
    on thresholds only."""
    w = TRACK_WORDS[fmt.check_lang(lang)]
    if tr.get("vintages") == []:  # nothing was re-run: the intro says why, no reason to add
        return ""
    kinds = _kinds(tr)
    targets = _band_parts(kinds["target"]["bands"], lang, "missed", "met")
    thresholds = _band_parts(kinds["threshold"]["bands"], lang, "t_missed", "t_met")
    date = "_date" if tr.get("basis") == "date" else ""
    if not targets and not thresholds:
        return w["none" + date]
    if not targets:
        return w["thresholds_only" + date] + "; ".join(thresholds) + "."
    text = _capital("; ".join(targets) + ".")
    return text + (" " + _capital("; ".join(thresholds) + ".") if thresholds else "")


def brier_sentence(tr: dict, lang: str) -> str:
    """The Brier score over everything settled, and per kind when both are scored."""
    w = TRACK_WORDS[fmt.check_lang(lang)]
    if tr.get("brier") is None:
        return ""
    text = w["brier"].format(b=fmt.number(tr["brier"], 3, lang), n=tr["n"])
    kinds = _kinds(tr)
    if kinds["target"]["n"] and kinds["threshold"]["n"]:
        text += " " + w["brier_kinds"].format(
            bt=fmt.number(kinds["target"]["brier"], 3, lang),
            bh=fmt.number(kinds["threshold"]["brier"], 3, lang))
    return text


def intro_sentence(tr: dict, lang: str) -> str:
    """How the record was made and what it counts, per kind."""
    w = TRACK_WORDS[fmt.check_lang(lang)]
    if tr.get("vintages") == []:  # "as of 0 past year-ends ... scored on the 0 forecasts"
        return w["none_run"].format(m=MIN_POINTS)
    if "by_kind" not in tr:  # written before thresholds were scored
        return w["intro_targets"].format(k=len(tr["vintages"]), paths=tr["n_paths"],
                                         n=tr["n"], known=w[tr["basis"]], **_ss(tr))
    kinds = _kinds(tr)
    factors = [fmt.number(f, 2, lang) for f in tr["threshold_factors"]]
    factors = ", ".join(factors[:-1]) + f" {w['or']} " + factors[-1]
    return w["intro"].format(k=len(tr["vintages"]), paths=tr["n_paths"], n=tr["n"],
                             nt=kinds["target"]["n"], nh=kinds["threshold"]["n"],
                             factors=factors, h=tr["threshold_horizon"],
                             known=w[tr["basis"]], **_ss(tr)) + basis_sentence(tr, lang)


def basis_sentence(tr: dict, lang: str) -> str:
    """" None of the sources we cite had been published by ...": the record read the
    values dated up to each year-end because the run's published reading had nothing
    (``basis_asked``); empty otherwise."""
    if tr.get("basis_asked") == "published" and tr.get("basis") == "date":
        return " " + TRACK_WORDS[fmt.check_lang(lang)]["published_later"]
    return ""


def _ss(tr: dict) -> dict:
    """The English plural endings of the intro's counts (year-ends, paths, forecasts)."""
    return {"ks": plural_s(len(tr["vintages"])), "ps": plural_s(tr["n_paths"]),
            "ns": plural_s(tr["n"])}


def evolution_lines(results: dict, lang: str) -> list[dict]:
    """The headline targets' probabilities by vintage, ending with this run's."""
    tr = results["track_record"]
    lines = []
    for e in headline_targets(results):
        key = (e["metric"], e["target_value"], e["target_date"])
        points = [{"year": int(p["as_of"][:4]), "probability": p["probability"]}
                  for ev in tr["evolution"]
                  if (ev["metric"], ev["target_value"], ev["target_date"]) == key
                  for p in ev["points"]]
        now = int(year_of(results.get("as_of") or e["last_observed"]["date"]))
        if not points or points[-1]["year"] < now:
            points.append({"year": now, "probability": e["probability"]})
        lines.append({"label": target_label(e, lang), "points": points})
    return lines


def track_record_section(results: dict, lang: str, workdir: Path) -> dict | None:
    """Draw the two charts into ``workdir``; what the template shows (None without a
    track record)."""
    tr = results.get("track_record")
    if not tr:
        return None
    w = TRACK_WORDS[fmt.check_lang(lang)]
    files = []
    if tr["n"]:
        (workdir / "reliability.png").write_bytes(to_png(reliability_chart(
            tr["bands"], xlabel=w["x"], ylabel=w["y"], diagonal_label=w["diag"])))
        files.append("reliability.png")
    lines = evolution_lines(results, lang)
    if lines:
        (workdir / "evolution.png").write_bytes(to_png(evolution_chart(
            lines, ylabel=w["evolution"])))
        files.append("evolution.png")
    return {"title": w["title"], "intro": intro_sentence(tr, lang),
            "sentence": track_sentence(tr, lang), "brier": brier_sentence(tr, lang),
            "figures": files}
