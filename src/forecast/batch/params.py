"""The parameters of a batch run, validated once before any notebook starts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .. import config
from ..data import check_as_of, load_panel, near_region
from ..fiscal import to_real
from ..errors import ParameterError
from ..params import check_language, check_run_parameters
from ..textsafe import check_text, shown, shown_list
from ..models import available_models
from ..scheme import load_scheme
from ..vintage import check_vintage_basis

#: The parameterised notebook every region runs.
TEMPLATE = config.NOTEBOOKS_DIR / "region_forecast.ipynb"
LANGS = ("en", "id")


@dataclass(frozen=True)
class BatchParams:
    """Validated parameters shared by every region of a run."""

    as_of: str
    n_paths: int
    seed: int
    models: str
    lang: str
    data_dir: str
    vintage: str = "published"
    #: The scheme's top region gets a track record (``--no-track-record``: none). False
    #: for runs made before it existed, so a resumed run stays as it was started.
    track_record: bool = False

    def wants_track_record(self, region: str) -> bool:
        """Whether ``region``'s run carries a track record: only the scheme's top region
        (the national report), because it re-runs the region once per past year-end."""
        return self.track_record and region == load_scheme(self.data_dir).top_region

    def notebook_parameters(self, region: str, output_dir: Path) -> dict:
        return {"region": region, "as_of": self.as_of, "vintage": self.vintage,
                "n_paths": self.n_paths,
                "seed": self.seed, "models": self.models, "lang": self.lang,
                "data_dir": self.data_dir, "output_dir": str(output_dir),
                "track_record": self.wants_track_record(region),
                # The notebook's "why it moved" section re-runs the region 11 times: the
                # batch leaves it out (the summary has its own, with --previous).
                "compare_as_of": ""}


def validate(*, regions: str | Sequence[str], as_of, n_paths, seed, models, lang, jobs,
             data_dir, vintage: str = "published",
             track_record: bool = False) -> tuple[list[str], BatchParams]:
    """Check every parameter before any notebook starts; return the region list and params.

    Raises
    ------
    ParameterError
        Naming the parameter, the value found and the valid choices.
    """
    panel = load_panel(data_dir)
    if isinstance(regions, str):
        wanted = panel.region_ids if regions.strip() == "all" else \
            [r.strip() for r in regions.split(",") if r.strip()]
    else:
        wanted = list(regions)
    if not wanted:
        raise ParameterError("regions: expected 'all' or comma-separated region ids, found none")
    unknown = [r for r in wanted if r not in set(panel.region_ids)]
    if any(r.lower() == "all" for r in unknown):  # 'all,national', 'ALL': listed as valid
        raise ParameterError(f"regions: expected 'all' alone (in lower case) or "
                             f"comma-separated region ids, found {regions!r}")
    if unknown:
        ids = panel.region_ids
        raise ParameterError(f"regions: unknown region(s) {shown_list(unknown)}"
                             f"{near_region(panel, unknown[0])}; "
                             f"valid choices: all, {', '.join(ids[:10])}"
                             f"{', ...' if len(ids) > 10 else ''} (see {config.REGIONS_FILE})")
    twice = list(dict.fromkeys(r for r in wanted if wanted.count(r) > 1))
    if twice:  # 'national,national' ran national once without a word: a typo for another?
        raise ParameterError(f"regions: expected each region once, found "
                             f"{shown_list(twice)} more than once")
    cut = check_as_of(panel, as_of)
    check_vintage_basis(vintage)
    for name, value, low, high in (("n_paths", n_paths, config.MIN_N_PATHS, config.MAX_N_PATHS),
                                   ("jobs", jobs, 1, 256)):
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ParameterError(f"{name}: expected an integer from {low} to {high:,}, "
                                 f"found {value!r}")
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ParameterError(f"seed: expected a non-negative integer, found {seed!r}")
    check_run_parameters(n_paths=n_paths, seed=seed)  # the run's own range
    names = list(dict.fromkeys(m.strip() for m in (models or "").split(",") if m.strip()))
    bad = [m for m in names if m not in available_models()]
    if bad or not names and (models or "").strip():  # ',,': no name, not all of them
        raise ParameterError(f"models: unknown model(s) {shown_list(bad) or repr(models)}; "
                             f"valid choices: {', '.join(available_models())}")
    check_language(lang)  # a list or a long string: one short line
    # The notebooks read as_of as a user's day: the calendar's, not fiscal time.
    shown = to_real(cut, panel.scheme.shift_days) if cut is not None else None
    folder = str(Path(data_dir).resolve()) if data_dir else str(config.DATA_DIR)
    # The manifest records it, and its reader refuses a tab or a bidirectional mark: after
    # every region had run, and for good (report, resume and verify read the manifest).
    check_text(folder, "data_dir", limit=4096, allow="\n")
    params = BatchParams(as_of=shown.strftime("%Y-%m-%d") if shown is not None else "",
                         n_paths=n_paths, seed=seed, models=",".join(names), lang=lang,
                         data_dir=folder, vintage=vintage, track_record=bool(track_record))
    return list(dict.fromkeys(wanted)), params


#: What a resumed run keeps from its start. Given again, each must be what it was.
RESUMED = ("regions", "as_of", "vintage", "n_paths", "seed", "models", "lang", "data_dir")


def check_as_resumed(asked: dict, regions: list[str], params: BatchParams, *, jobs: int,
                     run_id: str, track_record: bool = True) -> None:
    """Refuse a parameter given to a resumed run that differs from the run's own.

    ``--resume R --n-paths 200`` on a run of 100 paths went on with 100, and ``--lang
    id`` rendered English, without a word. ``asked`` holds the parameters given (by
    their keyword names); the rest keep the run's values. Each given one is read as a new
    run would read it ('2023' is the as-of 2023-12-31, 'all' every region) and compared.
    """
    if not track_record and params.track_record:  # the default is True: given on purpose
        raise ParameterError(f"track_record: run {run_id} was started with a track record; "
                             f"a resumed run keeps its own (start a new run without one)")
    asked = {k: v for k, v in asked.items() if k in RESUMED and v is not None}
    if not asked:
        return
    own = {"regions": regions, "as_of": params.as_of or None, "vintage": params.vintage,
           "n_paths": params.n_paths, "seed": params.seed, "models": params.models,
           "lang": params.lang, "data_dir": params.data_dir}
    wanted, again = validate(**{**own, **asked}, jobs=jobs, track_record=params.track_record)
    for name in RESUMED:
        if name not in asked:
            continue
        before, now = ((set(regions), set(wanted)) if name == "regions" else
                       (getattr(params, name), getattr(again, name)))
        if before != now:
            width = 1000 if name == "data_dir" else 40  # a path in full
            was = (shown_list(regions) if name == "regions" else shown(
                getattr(params, name) or {"as_of": "all data", "models": "every model"}[name],
                width))
            other = (f"; `forecast report {run_id} --lang {now}` renders its reports in it"
                     if name == "lang" else "")
            raise ParameterError(f"{name}: run {run_id} was started with {was}"
                                 f", found {shown(asked[name], width)}; a resumed run keeps "
                                 f"its own (leave the option out, or start a new run){other}")
