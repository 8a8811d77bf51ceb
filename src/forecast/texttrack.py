"""The track-record block of the ``forecast run`` table (:mod:`forecast.trackrecord`), in
English or, from the PDF page's sentences, in Bahasa Indonesia. Split from
:mod:`forecast.textfmt`, which re-exports it."""

from __future__ import annotations

from .report.words import BAND_SHORT
from .textnum import LANG, fmt_pct, plural, were


_BAND_CALLED = {"very_unlikely": "very unlikely", "unlikely": "unlikely",
                "even": "about as likely as not", "likely": "likely",
                "very_likely": "very likely"}


def _called_parts(bands: list[dict], what: str, missed: str, met: str) -> list[str]:
    parts = []
    for b in bands:
        if not b["n"]:
            continue
        called = _BAND_CALLED[b["band"]]
        # Both sides: "0 of 7 were missed" alone hides that the 7 were met.
        if b["band"] in ("very_unlikely", "unlikely"):
            text = (f"of the {what} we called '{called}', {b['missed']} of {b['n']} "
                    f"{were(b['missed'], b['n'])} {missed}")
            rest, word = b["met"], met
        else:
            text = (f"of those we called '{called}', {b['met']} of {b['n']} "
                    f"{were(b['met'], b['n'])} {met}")
            rest, word = b["missed"], missed
        parts.append(text + (f" and {rest} {'was' if rest == 1 else 'were'} {word}"
                             if rest else ""))
    return parts


def track_record_sentence(tr: dict) -> str:
    """"Of the targets we called 'unlikely', 9 of 9 were missed; ..." then the same of the
    thresholds (English, the CLI); says when the record rests on thresholds only."""
    kinds = tr.get("by_kind") or {"target": tr, "threshold": {"bands": []}}
    targets = _called_parts(kinds["target"]["bands"], "targets", "missed", "met")
    thresholds = _called_parts(kinds["threshold"]["bands"], "thresholds", "not reached",
                               "reached")
    if tr.get("basis") == "date" and not targets:  # every target was in the re-runs
        return (("Nothing to score yet: no target in the data settled after one of the past "
                 "year-ends re-run.") if not thresholds else
                ("No target in the data settled after the past year-ends re-run, so this "
                 "record rests on thresholds only: " + "; ".join(thresholds) + "."))
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


def _band_table(tr: dict, header: tuple[str, str, str, str], called: dict) -> list[str]:
    """The settled forecasts by band: how many, their mean probability, the share met."""
    widths = [max(22, len(header[0])), len(header[1]), len(header[2]), len(header[3])]
    lines = ["  " + "  ".join(h.ljust(w) if i == 0 else h.rjust(w)
                              for i, (h, w) in enumerate(zip(header, widths)))]
    for b in tr["bands"]:
        if b["n"]:
            cells = (called[b["band"]], str(b["n"]), fmt_pct(b["mean_probability"], 0),
                     fmt_pct(b["share_met"], 0))
            lines.append("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                          for i, (c, w) in enumerate(zip(cells, widths))))
    return lines


def _format_track_record_local(tr: dict, lang: str) -> list[str]:
    """The track record block in ``lang`` other than English: the PDF page's sentences
    (:mod:`forecast.report.trackpage`) and the band table."""
    from .report import trackpage  # noqa: PLC0415  (report.trackpage imports plots: load late)

    lines = [("Rekam jejak: " if lang == "id" else "Track record: ")
             + trackpage.intro_sentence(tr, lang)]
    if tr.get("vintages") == []:
        return lines + [""]
    if tr["n"]:
        lines.append("  " + trackpage.brier_sentence(tr, lang))
        lines += _band_table(tr, ("Pita", "prakiraan", "rata-rata P", "bagian tercapai"),
                             BAND_SHORT[lang])
    lines.append("  " + trackpage.track_sentence(tr, lang))
    return lines + [""]


def format_track_record(tr: dict | None) -> list[str]:
    """The track record block (:mod:`forecast.trackrecord`), or nothing."""
    if not tr:
        return []
    if LANG.get() != "en" or tr.get("vintages") == []:  # nothing re-run: the reason alone
        return _format_track_record_local(tr, LANG.get())
    from .report.trackpage import basis_sentence  # noqa: PLC0415  (imports plots: load late)

    lines = [f"Track record: the engine as of {plural(len(tr['vintages']), 'past year-end')} "
             f"({tr['basis']} vintages, {plural(tr['n_paths'], 'path')} each), "
             f"{plural(tr['n'], 'forecast')} now settled"]
    kinds = tr.get("by_kind")
    if kinds:  # targets, and thresholds "reaches X by year Y" with X = the outcome x factor
        factors = ", ".join(f"{f:.2f}" for f in tr["threshold_factors"])
        lines[0] += (f": {kinds['target']['n']} on targets, {kinds['threshold']['n']} on "
                     f"thresholds (reaches X by year Y, X = the value now known x {factors}, "
                     f"1-{tr['threshold_horizon']} years ahead)")
    if basis_sentence(tr, "en"):
        lines.append(" " + basis_sentence(tr, "en"))
    if tr["n"]:
        lines.append(f"  Brier score        {tr['brier']:.3f} (0 is perfect; always 50% "
                     "scores 0.250)")
        if kinds and kinds["target"]["n"] and kinds["threshold"]["n"]:
            lines.append(f"    targets {kinds['target']['brier']:.3f}, thresholds "
                         f"{kinds['threshold']['brier']:.3f}")
        lines += _band_table(tr, ("Band", "forecasts", "mean P", "share met"), _BAND_CALLED)
    lines.append("  " + track_record_sentence(tr))
    lines.append("  A forecast settled after several year-ends is counted once per year-end.")
    return lines + [""]
