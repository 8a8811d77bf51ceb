"""A unit's scale, said once: the labels of both languages and, for a count of people,
no second scale beside them.

A count's scale is in its labels ("thousand people" / "ribu jiwa": 22,000 thousand is 22
million, :func:`forecast.textnum.label_factor`); a money unit's in its ``scale`` key or
its id's suffix (:func:`forecast.money.unit_scale`). Labels naming two scales ("thousand
people" and "jiwa") printed one count as "17,5 juta" above "17,5 ribu jiwa" in one PDF;
a count unit with ``scale = 1e3`` (or an id ending ``_thousand``) and plain labels read
its thousands as persons ("17.5k persons" for 17.5 million). Both are refused.
"""

from __future__ import annotations

from .errors import DataError
from .money import unit_scale
from .textnum import label_factor
from .tomlshown import toml_shown

#: The words of a label's factor in the messages.
_NAMES = {1e12: "trillion", 1e9: "billion", 1e7: "crore", 1e6: "million", 1e5: "lakh",
          1e3: "thousand", 1.0: "no scale"}


def _fail(path, key: str, expected: str, found) -> DataError:
    return DataError(f"{path}: key '{key}': expected {expected}, found {toml_shown(found)}")


def check_unit_scales(scheme, path) -> None:
    """Raise DataError naming the unit (other than money, named with the scheme's
    currency) whose labels name different scales, or which carries a scale its labels do
    not name."""
    for uid, unit in scheme.units.items():
        en, id_ = unit.labels["en"], unit.labels["id"]
        # Money names its scale its own way (EURm, juta EUR); any other unit in its labels:
        # a 'registered' count in "thousand people" and "orang" was as wrong as members.
        if (scheme.currency or "").lower() in f"{uid} {en} {id_}".lower() or \
                "rp" in f"{en} {id_}".lower().split():
            continue
        if label_factor(en) != label_factor(id_):
            raise _fail(path, f"units.{uid}.id", f"a label naming the scale its en label "
                        f"{en!r} names ({_NAMES.get(label_factor(en), 'a scale')})", id_)
        own = unit_scale(unit)
        if own is not None and own != label_factor(en):
            where = f"units.{uid}.scale" if unit.scale is not None else f"units.{uid}"
            raise _fail(path, where, "a count of people to name its scale in its labels "
                        "(en 'thousand people', id 'ribu jiwa'), not in a scale key or its "
                        f"id (labels {en!r} and {id_!r} name "
                        f"{_NAMES.get(label_factor(en), 'a scale')})",
                        unit.scale if unit.scale is not None else uid)
