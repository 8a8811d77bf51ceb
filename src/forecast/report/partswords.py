"""The summary's words for a region projected below its own regions
(:func:`forecast.parentsum.below_parts`), in English and Bahasa Indonesia."""

from __future__ import annotations

from . import numbers as fmt
from ..textnum import digits_apart

TITLE = {"en": "Below its own regions", "id": "Di bawah wilayahnya sendiri"}
LINE = {
    "en": ("{parent}, {year}: median {m}, below the {s} its regions add up to ({names}); "
           "its last reading is of {date}. Their counts are on different bases, or its "
           "readings are old: the two do not compare as they stand."),
    "id": ("{parent}, {year}: median {m}, di bawah jumlah wilayahnya, {s} ({names}); "
           "pembacaan terakhirnya {date}. Hitungannya berbeda basis, atau pembacaannya "
           "sudah lama: keduanya tidak dapat dibandingkan begitu saja."),
}


def below_parts_lines(recon: dict, name, unit: str, lang: str) -> list[str]:
    """One sentence per entry of ``recon["below_parts"]`` (``name(region id)`` its name)."""
    out = []
    for b in recon.get("below_parts") or []:
        m, s = float(b["median"]), float(b["parts_sum"])
        ex = digits_apart(lambda v, e: fmt.value(v, unit, "en", extra=e), [m, s])
        last = b.get("last_observed") or {}
        out.append(LINE[lang].format(
            parent=name(b["parent"]), year=int(b["year"]),
            m=fmt.value(m, unit, lang, extra=ex), s=fmt.value(s, unit, lang, extra=ex),
            names=", ".join(name(r) for r in b["parts"]), date=fmt.date(last.get("date"), lang)))
    return out
