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
from ..textsafe import shown_list
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
    params = BatchParams(as_of=shown.strftime("%Y-%m-%d") if shown is not None else "",
                         n_paths=n_paths, seed=seed, models=",".join(names), lang=lang,
                         data_dir=str(Path(data_dir).resolve()) if data_dir
                         else str(config.DATA_DIR), vintage=vintage,
                         track_record=bool(track_record))
    return list(dict.fromkeys(wanted)), params
