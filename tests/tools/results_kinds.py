"""Write ``src/forecast/_data/results_kinds.csv``: the kind of every results.json field.

Usage::

    python tests/tools/results_kinds.py OUT.csv RESULTS.json [RESULTS.json ...]

The files are results.json objects of varied runs; the table of 2026-11-30 was made from
``forecast run --output`` of the shipped data (national with ``--track-record``, national
``--as-of 2023`` with ``--scenario data/scenarios/hypothetical_informal_drive.toml``,
national ``--as-of 2019 --vintage date --track-record``, ``kanwil-kalimantan``, ``bali``),
the three regions of a ``forecast batch`` of the tests' tiny folder, and a SYNTHETIC
coverage scheme with ``--track-record``.

A row is ``path,kinds,required``: ``targets[].last_observed.value,number,yes``; a mapping
whose keys are ids (``cited_sources``) has one row for all of them (``cited_sources.*``).
The kinds are those seen (``number`` for any number, ``date`` for text that is always an
ISO date); a field only ever seen null is not listed, and ``null`` is added to every other
one except :data:`NEVER_NULL` and the items of a list. ``required`` marks the fields of
the results contract (:data:`REQUIRED`) and the fields every item of a list (other than
``targets``, whose newer fields an older file lacks) was seen with. The inside of a reason
(``reason``, ``notes``) is free and not listed. :mod:`forecast.runkinds` checks a
results.json read back against the table.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict

#: Mappings whose keys are ids, not field names.
FREE = {"cited_sources", "scheme.metrics", "scheme.units", "joint.marginals",
        "funds_model.backtest.mape", "funds_model.backtest.n", "funds_model.backtest.rows[]"}
#: Fields whose contents vary with a reason code: only their own kind is listed.
OPEN = {"reason", "notes", "message"}
#: Fields a reader takes as written (null stopped it with a TypeError).
NEVER_NULL = {"targets[].last_observed", "targets[].last_observed.date",
              "targets[].last_observed.value", "targets[].target_date",
              "targets[].metric", "targets[].unit", "targets[].target_value",
              "targets[].probability", "targets[].data_quality", "targets[].models",
              "targets[].models[].name", "targets[].data_quality.label",
              "targets[].reachable.levels", "targets[].reachable.dates",
              "targets[].reachable.levels[].probability", "targets[].reachable.levels[].value",
              "targets[].reachable.dates[].probability", "targets[].fan[].year",
              "targets[].history[].date", "targets[].sub_annual[].date",
              "projections[].fan[].year", "targets[].speed.record.region",
              "targets[].speed.record.start_date", "targets[].speed.record.end_date",
              "generated_with.parameters.n_paths", "cited_sources.*"}
#: The fields of a target in the results contract (DESIGN.md), and the parts of its
#: objects the readers subscript.
REQUIRED = {"targets[].metric", "targets[].target_value", "targets[].target_date",
            "targets[].unit", "targets[].last_observed", "targets[].probability",
            "targets[].median", "targets[].p10", "targets[].p90", "targets[].required_cagr",
            "targets[].historical_cagr", "targets[].classification", "targets[].models",
            "targets[].data_quality", "targets[].last_observed.date",
            "targets[].last_observed.value", "targets[].data_quality.label",
            "targets[].reachable.levels", "targets[].reachable.dates",
            "targets[].reachable.projection_end_year", "targets[].speed.record.region",
            "targets[].speed.record.start_date", "targets[].speed.record.end_date"}
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "date" if _DATE.match(value) else "text"
    return "list" if isinstance(value, list) else "object"


def _walk(value, path: str, kinds: dict, seen_in: dict) -> None:
    kinds[path].add(_kind(value))
    if path.rsplit(".", 1)[-1] in OPEN:
        kinds[path] |= {"object", "text", "list"}
        return
    if isinstance(value, dict):
        seen_in[path]["n"] += 1
        for key, item in value.items():
            sub = f"{path}.*" if path in FREE else f"{path}.{key}".lstrip(".")
            seen_in[path][sub] += 1
            _walk(item, sub, kinds, seen_in)
    elif isinstance(value, list):
        for item in value:
            _walk(item, f"{path}[]", kinds, seen_in)


def table(objects: list) -> list[tuple[str, str, str]]:
    kinds: dict[str, set] = defaultdict(set)
    seen_in: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for obj in objects:
        _walk(obj, "", kinds, seen_in)
    always = {sub for parent, counts in seen_in.items()
              if parent.endswith("[]") and parent != "targets[]"
              for sub, n in counts.items() if sub != "n" and n == counts["n"]}
    rows = []
    for path, seen in sorted(kinds.items()):
        if not path or seen == {"null"}:  # never seen filled in: its kind is unknown
            continue
        if path.endswith(".published"):  # a day, a month or a year (sources.csv)
            seen = (seen - {"date", "text"}) | {"published"}
        if "date" in seen and "text" in seen:
            seen.discard("date")
        if path not in NEVER_NULL and not path.endswith("[]"):
            seen.add("null")
        required = "yes" if path in REQUIRED or path in always else ""
        rows.append((path, "|".join(sorted(seen)), required))
    return rows


def main(argv: list[str]) -> int:
    out, *files = argv
    objects = [json.load(open(f, encoding="utf-8")) for f in files]
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# The kind of every results.json field, from tests/tools/results_kinds.py "
                 "(see its docstring).\n# number: any number; date: YYYY-MM-DD text; "
                 "path.*: every key of an id mapping; required: never absent.\n"
                 "path,kinds,required\n")
        for row in table(objects):
            fh.write(",".join(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
