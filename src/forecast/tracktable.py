"""The track record as a notebook table (``forecast.tables.track_record_table``): the
probability bands, under the sentences the PDF's section says of the same record."""

from __future__ import annotations

import pandas as pd

from .report.words import BAND_SHORT
from .tablewords import worded


def track_record_table(results: dict, lang: str = "en") -> pd.DataFrame:
    """The track record's probability bands (``results["track_record"]``): how many
    settled forecasts fell in each band, how many of them were met, and the mean
    probability against the share met. ``attrs["caption"]`` holds the PDF's sentences
    (:mod:`forecast.report.trackpage`): how the record was made, on which reading of the
    past (the values dated up to each year-end where nothing had been published then),
    and what it found; :func:`forecast.styles.styled` shows them above the table."""
    record = results.get("track_record") or {}
    frame = pd.DataFrame(record.get("bands") or [],
                         columns=["band", "n", "met", "missed", "mean_probability",
                                  "share_met"])
    frame["band"] = [BAND_SHORT[lang].get(b, b) for b in frame["band"]]
    frame = worded(frame.astype({"n": "Int64", "met": "Int64", "missed": "Int64"}), lang)
    if record.get("vintages") is not None:
        # Here, not at the top: report.trackpage imports the plots.
        from .report import trackpage  # noqa: PLC0415

        frame.attrs["caption"] = " ".join(
            text for text in (trackpage.intro_sentence(record, lang),
                              trackpage.brier_sentence(record, lang),
                              trackpage.track_sentence(record, lang)) if text)
    return frame
