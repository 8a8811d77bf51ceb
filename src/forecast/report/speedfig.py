"""The speed-record figure of the summary's first page (issue 18): required growth of each
national target against every growth of the same length the data has seen, the record
marked (:func:`forecast.plots.speed_chart`, :mod:`forecast.records`)."""

from __future__ import annotations

from pathlib import Path

from ..plots import speed_chart, to_png
from .build import target_label

#: The figure's words in both languages.
SPEED_WORDS = {
    "en": {"title": "How fast has anyone gone?",
           "intro": "Each target's required growth (red) against every growth over a window "
                    "as long as the time left that any region or segment of the same kind "
                    "has achieved in the data (grey), the fastest marked (black diamond, "
                    "with who and when).",
           "required": "required for the target", "windows": "achieved in the data",
           "record": "fastest in the data", "axis": "% per year (compound)",
           "none": "no window this long in the data"},
    "id": {"title": "Seberapa cepat pertumbuhan tercepat?",
           "intro": "Pertumbuhan yang dibutuhkan setiap target (merah) dibandingkan setiap "
                    "pertumbuhan dalam jangka waktu yang sama dengan sisa waktu yang pernah "
                    "dicapai wilayah atau segmen sejenis dalam data (abu-abu); yang tercepat "
                    "ditandai (belah ketupat hitam, dengan siapa dan kapan).",
           "required": "dibutuhkan untuk target", "windows": "tercapai dalam data",
           "record": "tercepat dalam data", "axis": "% per tahun (majemuk)",
           "none": "tidak ada rentang sepanjang ini dalam data"},
}


def speed_rows(entries: list[dict], lang: str) -> list[dict]:
    """The chart's rows: targets with a required growth or windows to compare."""
    rows = []
    for e in entries:
        speed = e.get("speed")
        if not speed or (e.get("required_cagr") is None and not speed.get("window_cagrs")):
            continue
        rec = speed.get("record")
        label = target_label(e, lang)
        if not speed.get("window_cagrs"):  # only the red dot: say why there is nothing beside it
            label += f" ({SPEED_WORDS[lang]['none']})"
        rows.append({"label": label, "required_cagr": e.get("required_cagr"),
                     "window_cagrs": speed.get("window_cagrs") or [],
                     "record_label": (f"{rec['region']} {rec['start_date'][:4]}-"
                                      f"{rec['end_date'][:4]}" if rec else None)})
    return rows


def speed_figure(national: dict | None, lang: str, workdir: Path) -> dict | None:
    """Draw the figure into ``workdir`` and return what the template shows (None if no row).

    Returns
    -------
    dict or None
        ``{"file", "title", "intro"}``.
    """
    rows = speed_rows((national or {}).get("targets", []), lang)
    if not rows:
        return None
    w = SPEED_WORDS[lang]
    fig = speed_chart(rows, required_label=w["required"], windows_label=w["windows"],
                      record_label=w["record"], xlabel=w["axis"])
    (workdir / "speed.png").write_bytes(to_png(fig))
    return {"file": "speed.png", "title": w["title"], "intro": w["intro"]}
