"""The track-record section of a region's report (issue 18), in English and Bahasa
Indonesia: the sentence, the Brier score, the reliability chart and the headline
probability's evolution, from the results' ``track_record`` field
(:mod:`forecast.trackrecord`)."""

from __future__ import annotations

from pathlib import Path

from ..plots import to_png
from ..trackplots import evolution_chart, reliability_chart
from . import numbers as fmt
from .build import HEADLINE_METRICS, headline_entries, target_label
from .words import BAND_SHORT

TRACK_WORDS = {
    "en": {"title": "Our track record",
           "intro": "The engine as it is now, re-run as of {k} past year-ends on the data "
                    "{known} ({paths} paths each), and scored on the {n} targets "
                    "settled since (a target settled after several year-ends counts once per "
                    "year-end).",
           "none": "Nothing to score yet: no target settled since had been stated (in the "
                   "sources we cite) by one of the past year-ends re-run.",
           "brier": "Brier score {b} (0 is perfect; always saying 50 % scores 0.25).",
           "missed": "of the targets we called '{band}', {k} of {n} were missed",
           "met": "of those we called '{band}', {k} of {n} were met",
           "published": "published by then", "date": "dated up to then",
           "x": "probability given (%)", "y": "share met (%)", "diag": "perfect calibration",
           "evolution": "probability (%) as of each year-end", "now": "now"},
    "id": {"title": "Rekam jejak kami",
           "intro": "Mesin seperti sekarang, dijalankan ulang per {k} akhir tahun lalu dengan "
                    "data {known} ({paths} jalur masing-masing), dan dinilai "
                    "pada {n} target yang hasilnya sudah diketahui (target yang dinilai pada "
                    "beberapa akhir tahun dihitung sekali per akhir tahun).",
           "none": "Belum ada yang dapat dinilai: tidak ada target yang hasilnya sudah "
                   "diketahui yang telah dinyatakan (dalam sumber yang kami kutip) pada salah "
                   "satu akhir tahun lalu yang dijalankan ulang.",
           "brier": "Skor Brier {b} (0 sempurna; selalu menjawab 50 % mendapat 0,25).",
           "missed": "dari target yang kami sebut '{band}', {k} dari {n} tidak tercapai",
           "met": "dari target yang kami sebut '{band}', {k} dari {n} tercapai",
           "published": "yang sudah terbit saat itu", "date": "bertanggal sampai saat itu",
           "x": "probabilitas yang diberikan (%)", "y": "bagian yang tercapai (%)",
           "diag": "kalibrasi sempurna",
           "evolution": "probabilitas (%) per akhir tahun", "now": "kini"},
}


def track_sentence(tr: dict, lang: str) -> str:
    """"Of the targets we called 'unlikely', 4 of 4 were missed; ..." in ``lang``."""
    w = TRACK_WORDS[fmt.check_lang(lang)]
    parts = []
    for b in tr["bands"]:
        if not b["n"]:
            continue
        low = b["band"] in ("very_unlikely", "unlikely")
        parts.append(w["missed" if low else "met"].format(
            band=BAND_SHORT[lang][b["band"]], k=b["missed"] if low else b["met"], n=b["n"]))
    if not parts:
        return w["none"]
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def evolution_lines(results: dict, lang: str) -> list[dict]:
    """The headline targets' probabilities by vintage, ending with this run's."""
    tr = results["track_record"]
    lines = []
    for e in headline_entries(results, HEADLINE_METRICS):
        key = (e["metric"], e["target_value"], e["target_date"])
        points = [{"year": int(p["as_of"][:4]), "probability": p["probability"]}
                  for ev in tr["evolution"]
                  if (ev["metric"], ev["target_value"], ev["target_date"]) == key
                  for p in ev["points"]]
        now = int((results.get("as_of") or e["last_observed"]["date"])[:4])
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
    brier = (w["brier"].format(b=fmt.number(tr["brier"], 3, lang))
             if tr["brier"] is not None else "")
    return {"title": w["title"],
            "intro": w["intro"].format(k=len(tr["vintages"]), paths=tr["n_paths"], n=tr["n"],
                                  known=w[tr["basis"]]),
            "sentence": track_sentence(tr, lang), "brier": brier, "figures": files}
