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
    """Source ids to publisher, title, URL and date (from ``sources.csv``)."""
    out = []
    for sid in ids:
        row = sources.get(sid)
        if row is None:
            out.append({"id": sid, "publisher": "", "title": t(lang, "source_missing"),
                        "url": "", "published": ""})
        else:
            out.append({"id": sid, "publisher": row.get("publisher", ""),
                        "title": row.get("title", ""), "url": _short_url(row.get("url", "")),
                        # A month or year (YYYY-MM, YYYY) when the source gives no day.
                        "published": fmt.date(row["published"], lang)
                        if len(row.get("published") or "") == 10 else row.get("published", "")})
    return out


def _short_url(url: str) -> str:
    """The address without its scheme and ``www.`` (the rest is kept whole)."""
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url or "")
