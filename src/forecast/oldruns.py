"""A run folder made before runs needed :data:`config.MIN_N_PATHS` paths.

``forecast verify``, ``forecast batch --resume`` and ``forecast compare`` re-run a run with
its manifest's parameters. A run made with fewer paths (older versions allowed 1) is still
read and reported, but cannot be re-run as it was: its manifest's ``n_paths`` is refused.
:func:`check_rerun_paths` says so in one line: what the run has, what this version needs,
and the command that makes the run again with enough paths.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from . import __version__, config
from .errors import DataError

#: Regions written out in the command; more are "the run's N regions".
_SHOWN_REGIONS = 5


def rerun_command(manifest: dict, run_dir: Path) -> str:
    """``forecast batch`` with the run's parameters and :data:`config.MIN_N_PATHS` paths,
    in a new run beside it.

    Examples
    --------
    >>> m = {"regions": ["national", "bali"], "parameters": {"as_of": "2023-12-31",
    ...      "vintage": "date", "n_paths": 50, "seed": 5, "models": "linear", "lang": "id",
    ...      "data_dir": "/d/my data", "track_record": False}}
    >>> rerun_command(m, Path("/r/runs/r1"))
    "forecast batch --data-dir '/d/my data' --runs-dir /r/runs --regions national,bali \
--n-paths 100 --seed 5 --as-of 2023-12-31 --vintage date --models linear --lang id \
--no-track-record"
    """
    p, regions = manifest["parameters"], manifest["regions"]
    shown = (",".join(regions) if len(regions) <= _SHOWN_REGIONS
             else f"ID,ID (its {len(regions):,} regions, listed in its manifest.json)")
    words = ["forecast", "batch", "--data-dir", shlex.quote(p["data_dir"]),
             "--runs-dir", shlex.quote(str(Path(run_dir).parent)), "--regions", shown,
             "--n-paths", str(config.MIN_N_PATHS), "--seed", str(p["seed"])]
    if p.get("as_of"):
        words += ["--as-of", p["as_of"]]
    # A run made before vintages had a default read its as-of by dates. Without an as-of
    # or a track record the vintage reads nothing, and the command refuses it.
    if p.get("as_of") or p.get("track_record") is not False:
        words += ["--vintage", p.get("vintage", "date")]
    if p.get("models"):
        words += ["--models", p["models"]]
    words += ["--lang", p["lang"]]
    if p.get("track_record") is False:
        words.append("--no-track-record")
    return " ".join(words)


def check_rerun_paths(manifest: dict, run_dir: str | Path, doing: str) -> None:
    """Refuse, in one line, to re-run (``doing``: "verified", "resumed", "compared") a run
    whose manifest (:func:`forecast.runfolder.read_manifest`, already checked) has fewer
    than :data:`config.MIN_N_PATHS` paths.

    Raises
    ------
    DataError
        Naming the manifest and its field, the run's paths, the floor and the command that
        makes the run again.
    """
    n_paths = manifest["parameters"]["n_paths"]
    if n_paths >= config.MIN_N_PATHS:
        return
    run_dir = Path(run_dir)
    raise DataError(
        f"{run_dir / 'manifest.json'}: field 'parameters.n_paths': this run was made with "
        f"{n_paths:,} path{'s' if n_paths != 1 else ''}, but forecast {__version__} needs at "
        f"least {config.MIN_N_PATHS:,} (a floor earlier versions did not have), so it cannot "
        f"be {doing}; make it again as a new run: {rerun_command(manifest, run_dir)}")
