"""``forecast compare A B``: the command's options (the work is :mod:`.compare_cmd`).

A and B are run ids (folders of ``forecast batch`` under ``--runs-dir``: their as-of,
paths, seed and models from the manifest; the data read from the run's data folder as it is
now) or, with ``--as-of``, two dates (the same method for both). The steps and their order
are :mod:`forecast.compare`'s.
"""

from __future__ import annotations

from . import defaults
from .cliargs import RUNS_DIR_HELP, SEED, file_path, given, whole


# Light at import: the CLI's parser imports this module; the library loads in compare_cmd.

STEP_WORDS = {"new_observations": "new observations",
              "revised_observations": "revised observations",
              "targets": "new or changed targets", "method": "method (models, paths, seed)",
              "scenario": "scenario"}


def add_compare_parser(sub, path_type, add_data_dir) -> None:
    """The ``compare`` subcommand's options."""
    p = sub.add_parser("compare", help="explain why each target's probability and median "
                                       "moved between two runs, step by step",
                       description="Split each target's change in probability and median "
                                   "between two batch runs (or, with --as-of, two dates) into "
                                   "steps: new observations, revised observations, new or "
                                   "changed targets, method, scenario. The steps sum to the "
                                   "total. Example: forecast compare --as-of 2023 2025")
    side = given("a run id, or a year or date YYYY-MM-DD with --as-of", option=False)
    p.add_argument("a", metavar="A", type=side,
                   help="run id (or a date with --as-of): the earlier run")
    p.add_argument("b", metavar="B", type=side,
                   help="run id (or a date with --as-of): the later run")
    p.add_argument("--as-of", action="store_true",
                   help="A and B are as-of dates (YEAR or YYYY-MM-DD), not run ids")
    add_data_dir(p)
    p.add_argument("--region", type=given("a region id"), default=None,
                   help="region id (default: the scheme's top region, national for the "
                        "shipped data)")
    p.add_argument("--vintage", default="published", choices=("published", "date"),
                   help="reading of an as-of date with --as-of: what was published by then, "
                        "or the values dated up to it (default: %(default)s; runs keep their "
                        "own)")
    p.add_argument("--n-paths", type=whole(defaults.MIN_N_PATHS, defaults.MAX_N_PATHS),
                   default=1000, metavar="N", help=f"paths of each step's run with --as-of, "
                   f"at least {defaults.MIN_N_PATHS} (default: %(default)s)")
    p.add_argument("--seed", type=SEED, default=defaults.DEFAULT_SEED,
                   help="seed of each step's run with --as-of (default: %(default)s)")
    p.add_argument("--runs-dir", type=path_type, default=None, metavar="DIR",
                   help=RUNS_DIR_HELP)
    p.add_argument("--chart", type=file_path, default=None, metavar="FILE",
                   help="also write the waterfall chart (PNG) to FILE, a name ending in .png")
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="output format (default: %(default)s)")
