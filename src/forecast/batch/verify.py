"""``forecast verify``: re-run one region of a batch run in-process and compare."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..data import load_panel
from ..errors import ParameterError
from ..oldruns import check_rerun_paths
from ..results import add_track_record, run_region
from ..report.readcheck import read_readable
from ..runfolder import parameters_of, read_manifest, run_data_dir
from ..scheme import load_scheme
from .runs import code_hash


def first_difference(a, b, path: str = "") -> str | None:
    """The first place two JSON values differ, as ``path: a != b``; None if equal.

    Examples
    --------
    >>> first_difference({"a": [1, 2]}, {"a": [1, 3]}, "results")
    'results.a[1]: 2 != 3'
    >>> first_difference({"a": 1}, {"a": 1}) is None
    True
    """
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                return f"{path}.{key}: present in only one"
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"


def verify_region(run_dir: str | Path, region: str | None = None) -> dict:
    """Re-run one region of a batch run in this process and compare with its results.json.

    Parameters
    ----------
    run_dir : path
        A run folder (with ``manifest.json``).
    region : str, optional
        Default the scheme's top region if the run has it, else the run's first region.

    Returns
    -------
    dict
        ``region``, ``reproduced`` (bool), ``difference`` (None or where the first
        difference is), ``data_hash_run`` and ``data_hash_now``, ``code_hash_run`` (None
        for a run made before it was recorded) and ``code_hash_now``.

    Raises
    ------
    ParameterError
        If the region is not in the run or has no results.json.
    """
    run_dir = Path(run_dir)
    manifest = read_manifest(run_dir, need=("data_hash",))
    check_rerun_paths(manifest, run_dir, "verified")  # an older version's run of 50 paths
    regions = manifest["regions"]
    data_dir = run_data_dir(run_dir, manifest)  # gone: named as the manifest's field
    if region is None:  # the scheme's top region (data folder's scheme.toml), else the first
        top = load_scheme(data_dir).top_region
        region = top if top in regions else regions[0]
    saved_path = run_dir / region / "results.json"
    if region not in regions or not os.path.lexists(saved_path):  # a pipe: read_results
        have = [r for r in regions if (run_dir / r / "results.json").is_file()]
        raise ParameterError(f"region: {region!r} has no results.json in run "
                             f"{manifest['run_id']}; valid choices: "
                             + (f"{', '.join(have[:10])}{', ...' if len(have) > 10 else ''}"
                                if have else "none (no region of this run has results: "
                                "see its manifest.json)"))
    saved = read_readable(saved_path, region)  # damaged: say so before the long re-run
    p = manifest["parameters"]
    panel = load_panel(p["data_dir"])
    with parameters_of(run_dir):  # refused by the re-run: named in the manifest
        now = run_region(panel, region, as_of=p["as_of"] or None, n_paths=p["n_paths"],
                         vintage_basis=p.get("vintage", "date"), seed=p["seed"],
                         models=[m for m in p["models"].split(",") if m] or None)
    if p.get("track_record") and region == load_scheme(p["data_dir"]).top_region:
        add_track_record(now, panel)  # as the batch's notebook did (BatchParams)
    fresh = json.loads(json.dumps(now, allow_nan=False))
    diff = first_difference(saved, fresh, "results")
    return {"region": region, "reproduced": diff is None, "difference": diff,
            "data_hash_run": manifest["data_hash"], "data_hash_now": panel.data_hash,
            "code_hash_run": manifest.get("code_hash"), "code_hash_now": code_hash()}


def not_reproduced_words(out: dict) -> str:
    """Why a region was not reproduced, in words: the first difference, then what changed
    since the run, the data or the code (a run made before the code hash was recorded
    says nothing of the code)."""
    why = out["difference"]
    for what in ("data", "code"):
        then, now = out.get(f"{what}_hash_run"), out.get(f"{what}_hash_now")
        if then and now and then != now:
            why += (f"; the {what} changed since the run (hash {then[:12]} then, "
                    f"{now[:12]} now)")
    return why
