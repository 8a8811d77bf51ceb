"""The engine's notes in Bahasa Indonesia: how a segment was projected, why a model was not
used.

results.json keeps these two as English sentences (:mod:`forecast.segments` writes a
segment's ``reason``, :mod:`forecast.simulate` a model's "no ceiling series for ..."), made
from a fixed set of phrases; :func:`engine_text` puts each phrase in Indonesian for the
notebook's tables under ``lang="id"`` (the PDF's segment table says less, in its own words:
:func:`forecast.report.build.segment_note`). A phrase it does not know is left as written.
"""

from __future__ import annotations

import re

from .report.numbers import date as long_date


def _dec(text: str) -> str:
    """A decimal point as Indonesian writes it (0.008 -> 0,008)."""
    return text.replace(".", ",")


#: (pattern, Indonesian) of each phrase the engine writes; the groups are filled in order.
_PHRASES: list[tuple[re.Pattern, object]] = [
    (re.compile(r"only (\d+) year-end points? \(([^)]*)\), (\d+) needed for the models; "),
     lambda m: f"hanya {m[1]} titik akhir tahun ({m[2]}), {m[3]} dibutuhkan untuk model; "),
    (re.compile(r"the trend models failed on its (\d+) year-end points \(([^)]*)\): "),
     lambda m: f"model tren gagal pada {m[1]} titik akhir tahunnya ({m[2]}): "),
    (re.compile(r"own trend on (\d+) year-end points \(([^)]*)\); models "),
     lambda m: f"tren sendiri pada {m[1]} titik akhir tahun ({m[2]}); model "),
    (re.compile(r" \(too few points to backtest: equal weights\)"),
     lambda m: " (titik terlalu sedikit untuk uji balik: bobot sama)"),
    (re.compile(r"projected as its share of (\w+): ([0-9.]+)% at (\d{4}-\d{2}-\d{2}), "
                r"(\d+) shared dates?, "),
     lambda m: f"diproyeksikan sebagai bagiannya dari {m[1]}: {_dec(m[2])} % pada "
               f"{long_date(m[3], 'id')}, {m[4]} tanggal bersama, "),
    (re.compile(r"no share trend \(one shared date\)"),
     lambda m: "tanpa tren bagian (satu tanggal bersama)"),
    (re.compile(r"share trend ([+-][0-9.]+)/yr after shrinkage \(own ([+-][0-9.]+), "
                r"weight (\d+)%\)"),
     lambda m: f"tren bagian {_dec(m[1])}/thn setelah penyusutan (sendiri {_dec(m[2])}, "
               f"bobot {m[3]} %)"),
    (re.compile(r"^no ceiling series for (.+)$"),
     lambda m: f"tidak ada deret plafon untuk {m[1]}"),
    # The weights of "models linear 0.50, ets 0.50": decimals with a comma.
    (re.compile(r"(?<=[a-z_] )(\d+)\.(\d+)(?=,|$| \()"), lambda m: f"{m[1]},{m[2]}"),
]


def engine_text(text, lang: str):
    """``text`` (an engine's note) in ``lang``: as it is in English, its known phrases in
    Indonesian under ``"id"``; anything but a string is returned as it is.

    Examples
    --------
    >>> engine_text("no ceiling series for fund_investment", "id")
    'tidak ada deret plafon untuk fund_investment'
    """
    if lang != "id" or not isinstance(text, str):
        return text
    for pattern, words in _PHRASES:
        text = pattern.sub(words, text)
    return text
