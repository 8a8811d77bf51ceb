"""Every argument of a region run checked without the run (:func:`check_run`)."""

from __future__ import annotations

from . import config
from .apicheck import check_questions
from .national import resolve_scenario
from .run import _start


def check_run(panel, region: str, *, as_of=None, vintage_basis: str = "published", n_paths,
              seed, models=None, scenario=None, questions=None) -> None:
    """Every argument of :func:`forecast.run.run_region`, checked as it checks them but
    without its work: a notebook calls it first, so a wrong parameter stops its first cell
    with one line, not a later cell after tables were shown."""
    check_questions(questions)
    _start(panel, region, as_of, n_paths=n_paths, seed=seed, models=models,
           backtest_k=config.DEFAULT_BACKTEST_K, vintage_basis=vintage_basis)
    resolve_scenario(panel, region, scenario)
