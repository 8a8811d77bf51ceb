"""The scheme's top region in words: "national" where the scheme calls its top level so,
else the top region's name.

The shipped data's top region is Indonesia, a nation, and its words say "the national
projection" / "proyeksi nasional". Another scheme's top region may be a province, a company
or a fund: "the national projection" would then name something the scheme does not have.
Every object of results.json whose words refer to the top region (a pooled projection's
data quality, coverage moved with the top region's count, too few year-end points with no
top-region series to borrow from, a rise carried by the top region, a speed record beside
the top region's) carries ``top_region_name`` (regions.csv ``name``) where the scheme's top
level is not ``national`` (:func:`name_top`); its words then name it (:func:`top_of`).
Objects without the field (the shipped data, results written before it) keep the national
words.
"""

from __future__ import annotations

#: The top level whose region the words call "national" (the shipped scheme's).
NATIONAL_LEVEL = "national"


def top_region_name(scheme, region_name) -> str | None:
    """The top region's name where the scheme's top level is not ``national``, else None.

    ``scheme`` is a :class:`forecast.scheme.Scheme`, ``region_name(id)`` gives a region's
    name (regions.csv).
    """
    if not scheme.levels or scheme.levels[0] == NATIONAL_LEVEL:
        return None
    return str(region_name(scheme.top_region))


def results_top_name(results: dict | None) -> str | None:
    """:func:`top_region_name` of the top region's results.json (its ``scheme`` and
    ``region_name``); None for the shipped data and results written before scheme files."""
    scheme = (results or {}).get("scheme") or {}
    levels = scheme.get("levels") or [NATIONAL_LEVEL]
    return None if levels[0] == NATIONAL_LEVEL else str(results.get("region_name")
                                                        or scheme.get("top_region"))


def top_of(thing: str, lang: str, name: str | None) -> str:
    """``thing`` of the top region: "the national projection" / "the projection of Acme
    Group"; in Indonesian "proyeksi nasional" / "proyeksi Acme Group".

    Examples
    --------
    >>> top_of("projection", "en", None), top_of("projection", "en", "Acme Group")
    ('the national projection', 'the projection of Acme Group')
    >>> top_of("proyeksi", "id", None), top_of("proyeksi", "id", "Acme Group")
    ('proyeksi nasional', 'proyeksi Acme Group')
    """
    if lang == "id":
        return f"{thing} {name or 'nasional'}"
    return f"the national {thing}" if name is None else f"the {thing} of {name}"


def no_top_series(r: dict, lang: str) -> str:
    """The tail of a too-few-points reason of a region under the top region: nothing to
    borrow from ("and no national series to borrow from" / "and no series of Acme Group
    (the top region) to borrow from")."""
    name = r.get("top_region_name")
    if lang == "id":
        return (f"dan tidak ada deret {name} (wilayah teratas) untuk dipinjam" if name
                else "dan tidak ada deret nasional untuk dipinjam")
    return (f"and no series of {name} (the top region) to borrow from" if name
            else "and no national series to borrow from")


def _refers_to_top(obj: dict) -> bool:
    """Whether ``obj`` (a results.json dict) is one whose words name the top region."""
    code = obj.get("code")
    if code == "too_few_points":
        return not obj.get("top")
    if code == "rise_carried_by":
        return str(obj.get("assumption", "")).startswith("national_")
    if "annual_points" in obj:  # a data-quality object
        cov = obj.get("coverage") or {}
        return (obj.get("pooled") is not None or obj.get("label") == "pooled"
                or cov.get("moved_with") == "national")
    return "national_record" in obj  # a speed record (forecast.records)


def name_top(obj, name: str | None):
    """Add ``top_region_name`` = ``name`` to every dict inside ``obj`` whose words refer to
    the top region, in place; nothing where ``name`` is None (a national top level).
    Returns ``obj``.

    Examples
    --------
    >>> name_top({"reason": {"code": "too_few_points", "top": False}}, "Acme Group")
    {'reason': {'code': 'too_few_points', 'top': False, 'top_region_name': 'Acme Group'}}
    """
    if name is None:
        return obj
    if isinstance(obj, dict):
        if _refers_to_top(obj):
            obj["top_region_name"] = name
        for value in obj.values():
            name_top(value, name)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            name_top(value, name)
    return obj
