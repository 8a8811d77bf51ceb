"""The sources behind a region's assessments, as the PDFs list them (publisher, title,
short address, date). Split from :mod:`.build`, which re-exports them."""

from __future__ import annotations

import re
from typing import Iterable

from . import numbers as fmt
from .i18n import t


def source_ids(results: dict) -> list[str]:
    """Every source id behind a region's assessments, in a stable order."""
    ids: list[str] = []
    for entry in results.get("targets", []):
        ids.extend(entry.get("sources") or [])
        if entry.get("target_source_id"):
            ids.append(entry["target_source_id"])
    return sorted(set(ids))


def resolve_sources(ids: Iterable[str], sources: dict[str, dict], lang: str) -> list[dict]:
    """Source ids to publisher, title, URL and date (from ``sources.csv``), in the order a
    reader looks a source up: by publisher, then date (not by id: "seed-antara-..." listed
    ANTARA after Republika); an unknown id last."""
    out, order = [], []
    for sid in ids:
        row = sources.get(sid)
        if row is None:
            out.append({"id": sid, "publisher": "", "title": t(lang, "source_missing"),
                        "url": "", "published": ""})
            order.append((1, "", "", sid))
        else:
            out.append({"id": sid, "publisher": row.get("publisher", ""),
                        "title": row.get("title", ""), "url": _short_url(row.get("url", "")),
                        "published": _published(row.get("published") or "", lang)})
            order.append((0, str(row.get("publisher", "")).casefold(),
                          row.get("published") or "", sid))
    return [entry for _, entry in sorted(zip(order, out), key=lambda pair: pair[0])]


def _published(iso: str, lang: str) -> str:
    """A source's date in words: ``31 July 2025``; a month alone (YYYY-MM, when the source
    gives no day) ``April 2025``, not ``2025-04``; a year as it is."""
    if len(iso) == 10:
        return fmt.date(iso, lang)
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        return fmt.date(f"{iso}-01", lang).split(" ", 1)[1]
    return iso


def _short_url(url: str) -> str:
    """The address without its scheme and ``www.`` (the rest is kept whole)."""
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url or "")
