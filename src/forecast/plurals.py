"""Counts agreeing with their nouns in English text: "1 path", "5,000 paths" (light:
imported by the command line before pandas is). Indonesian nouns do not change after a
number; the Indonesian templates leave the ending out.
"""

from __future__ import annotations


def plural_s(n: int) -> str:
    """The English plural ending after the count ``n``: "" for 1, else "s" (a template's
    ``{s}``: "path{s}"; Indonesian nouns do not change after a number)."""
    return "" if n == 1 else "s"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the English ``word`` agreeing: "1 path", "5,000 paths", "1 series"
    (``many``: a plural other than word + s).

    Examples
    --------
    >>> plural(1, "path"), plural(5000, "path"), plural(0, "reading"), plural(2, "y", "z")
    ('1 path', '5,000 paths', '0 readings', '2 z')
    """
    return f"{n:,} " + (word if n == 1 else many or word + "s")
