"""The line under the explore notebook's first heading: the scheme's top region by name.

A heading cell is static markdown, the same for every data folder (:mod:`forecast.notebookwords`),
so it names nothing a scheme names: "The top region". The run's own line below it says which
region that is, as the scheme names it: "Indonesia, the national run" where the scheme's top
level is ``national`` (the shipped data), else the region's name in regions.csv ("Land, the
top region"), never "national" (:mod:`forecast.topwords`).
"""

from __future__ import annotations

import html

from .styles import NO_MATH
from .tablewords import check
from .topwords import results_top_name

#: Who the region is ({name} its name), then what the table below shows of it.
WHO: dict[str, dict[str, str]] = {
    "en": {"national": "{name}, the national run", "other": "{name}, the top region"},
    "id": {"national": "{name}, run nasional", "other": "{name}, wilayah teratas"},
}
WHAT: dict[str, str] = {
    "en": (": every target due after its last observation under the calibrated projection "
           "of the trend models, with its probability, median and 10-90 % band, the growth "
           "it requires against the growth achieved, and its classifications (one column a "
           "target)."),
    "id": (": setiap target yang jatuh tempo setelah pengamatan terakhirnya menurut proyeksi "
           "terkalibrasi model tren, dengan probabilitas, median dan rentang 10-90 %-nya, "
           "pertumbuhan yang dibutuhkan dibandingkan yang tercapai, dan klasifikasinya (satu "
           "kolom per target)."),
}


class Lead(str):
    """A section's first line, its subject in bold: plain text as a ``str``, HTML (escaped:
    a region's name is data) in a notebook."""

    def __new__(cls, subject: str, rest: str):
        obj = super().__new__(cls, subject + rest)
        obj.subject, obj.rest = subject, rest
        return obj

    def _repr_html_(self) -> str:
        return (f'<p class="{NO_MATH}"><strong>{html.escape(self.subject)}</strong>'
                f'{html.escape(self.rest)}</p>')

    def __repr__(self) -> str:
        return str.__str__(self)


def top_section(results: dict, lang: str) -> Lead:
    """The line under the explore notebook's top-region heading, from the top region's
    results.json: the region by its name, "national" only where the scheme's top level is.

    Examples
    --------
    >>> run = {"region": "land", "region_name": "Land",
    ...        "scheme": {"top_region": "land", "levels": ["land", "county"]}}
    >>> str(top_section(run, "id"))[:29]
    'Land, wilayah teratas: setiap'
    >>> run["scheme"]["levels"][0] = "national"
    >>> str(top_section(run, "en"))[:24]
    'Land, the national run: '
    """
    words = WHO[check(lang)]
    named = results_top_name(results)
    name = named or str(results.get("region_name") or results.get("region") or "")
    who = words["other" if named else "national"].format(name=name)
    return Lead(who, WHAT[lang])
