"""Nowcast: an outlying year-end replaced, the year in progress estimated from its reading."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from forecast.data import load_panel, select
from forecast.nowcast import SPIKE_LOG, nowcast, outlying_year_end, prepare, widen
from forecast.run import run_region
from forecast.series import Series, decimal_year


def _series(dates, values, metric="active_total"):
    return Series(region="x", metric=metric, unit="persons",
                  t=np.array([decimal_year(d) for d in dates]), values=np.array(values, float),
                  dates=tuple(dates), source_ids=tuple("s" for _ in dates))


YEARS = [f"{y}-12-31" for y in range(2015, 2021)]


def test_a_single_outlying_year_end_is_replaced_by_its_neighbours_line():
    ends = [100.0, 110, 121, 150, 146, 160]  # 2018 is 150, between 130 (Nov) and 132 (Feb)
    annual = _series(YEARS, ends)
    points = _series(YEARS[:3] + ["2018-11-30", "2018-12-31", "2019-02-28"] + YEARS[4:],
                     ends[:3] + [130, 150, 132] + ends[4:])
    fitted, rec = outlying_year_end(annual, points)
    assert rec["date"] == "2018-12-31" and rec["neighbours"] == ["2018-11-30", "2019-02-28"]
    # Log-linear between 130 at 2018-11-30 and 132 at 2019-02-28, 31 of 90 days in.
    w = (decimal_year("2018-12-31") - decimal_year("2018-11-30")) / \
        (decimal_year("2019-02-28") - decimal_year("2018-11-30"))
    assert fitted.values[3] == pytest.approx(130 ** (1 - w) * 132 ** w)
    assert rec["log_deviation"] > SPIKE_LOG


def test_a_year_end_within_the_threshold_is_kept():
    annual = _series(YEARS, [100.0, 110, 121, 133, 146, 160])
    points = _series(YEARS[:3] + ["2018-11-30", "2018-12-31", "2019-02-28"] + YEARS[4:],
                     [100, 110, 121, 130, 133, 134, 146, 160])
    fitted, rec = outlying_year_end(annual, points)
    assert rec is None and fitted is annual


def test_seasonal_ratio_nowcast():
    # Each year-end is exp(0.05) times the October reading of its year, give or take 0.01.
    ratios = {2016: 0.04, 2017: 0.06, 2019: 0.05}
    ends = [100.0, 110, 121, 133, 146, 160]
    octs = [(f"{y}-10-31", ends[y - 2015] / np.exp(r)) for y, r in ratios.items()]
    annual = _series(YEARS, ends)
    points = _series(sorted(YEARS + [d for d, _ in octs] + ["2021-10-31"]),
                     [v for _, v in sorted([(d, v) for d, v in zip(YEARS, ends)] + octs
                                           + [("2021-10-31", 170.0)])])
    fitted, rec = nowcast(annual, points)
    assert rec["method"] == "seasonal_ratio" and rec["year_end"] == "2021-12-31"
    assert rec["value"] == pytest.approx(170 * np.exp(0.05))
    assert rec["sd_log"] == pytest.approx(0.01 * np.sqrt(1 + 1 / 3))
    assert fitted.dates[-1] == "2021-12-31" and len(fitted) == len(annual) + 1


def test_too_few_pairs_no_nowcast():
    annual = _series(YEARS, [100.0, 110, 121, 133, 146, 160])
    points = _series(YEARS + ["2021-10-31"], [100.0, 110, 121, 133, 146, 160, 170])
    fitted, rec = nowcast(annual, points)
    assert fitted is annual and rec["reason"] == "too_few_pairs"


def test_fund_growth_nowcast():
    ends = [100 * np.exp(0.1 * i) for i in range(6)]  # 10 log points a year, exactly
    annual = _series(YEARS, ends, metric="fund_investment")
    points = _series(YEARS + ["2021-06-30"], ends + [ends[-1] * np.exp(0.05)],
                     metric="fund_investment")
    fitted, rec = nowcast(annual, points)
    left = decimal_year("2021-12-31") - decimal_year("2021-06-30")
    assert rec["value"] == pytest.approx(ends[-1] * np.exp(0.05 + 0.1 * left))
    assert rec["sd_log"] == pytest.approx(0.0, abs=1e-12)


def test_national_run_starts_from_the_latest_readings():
    panel = load_panel()
    annual = select(panel, "national", "active_total")
    points = select(panel, "national", "active_total", annual=False)
    fitted, fields = prepare(annual, points)
    # End-2024 45.22M is +9.8 log % over the line from 40.83M (Nov 2024) to 41.38M (Feb 2025).
    assert fields["outlier"]["date"] == "2024-12-31"
    assert fields["outlier"]["value"] == 45220000.0
    assert fields["nowcast"]["from_date"] == "2025-10-31"  # 42.7M
    assert fitted.dates[-1] == "2025-12-31"
    r = run_region(panel, "national", n_paths=200)
    fund = next(e for e in r["targets"] if e["metric"] == "fund_investment")
    assert fund["data_quality"]["nowcast"]["from_value"] == 860.0
    assert fund["last_observed"] == {"date": "2025-10-31", "value": 860.0}
    assert fund["data_quality"]["nowcast"]["year_end"] == "2025-12-31"


@dataclasses.dataclass
class _Paths:
    """The part of a Projection that :func:`widen` reads (a bound of 10.5 at every date)."""

    paths: np.ndarray
    model_paths: dict
    t: np.ndarray
    bound: object = None

    def bound_at(self, t):
        return 10.5


def test_widen_is_seeded_and_bounded():
    p = _Paths(paths=np.full((4, 2), 10.0), model_paths={"m": np.full((4, 2), 10.0)},
          t=np.array([1.0, 2.0]), bound=object())
    a, b = widen(p, 0.1, 7), widen(p, 0.1, 7)
    assert np.array_equal(a.paths, b.paths) and a.paths.max() <= 10.5
    assert widen(p, None, 7) is p


def test_widen_draws_one_scale_in_each_stratum_of_the_normal_among_neighbours():
    # 1,000 paths at 1.0, no bound: the log of each path is its draw / sd. The draws are
    # stratified among paths of similar rank (here all alike, so in their order): each
    # block of 16 holds one draw in each sixteenth of the normal's probability, whatever
    # the seed; plain draws would leave about a third of those strata empty.
    from scipy.special import ndtr

    from forecast.calibration import JITTER_BLOCK

    n = 1000
    for seed in (1, 2):
        w = widen(_Paths(paths=np.ones((n, 1)), model_paths={}, t=np.array([1.0])), 0.05, seed)
        u = ndtr(np.log(w.paths[:, 0]) / 0.05)
        for start in range(0, n, JITTER_BLOCK):
            part = u[start:start + JITTER_BLOCK]
            assert sorted(np.floor(part * len(part)).astype(int)) == list(range(len(part)))


def test_a_flow_over_the_year_is_neither_judged_nor_nowcast_by_its_year_to_date_readings():
    # Investment income: 18.1 for the year 2014, with year-to-date sums of 12 (Sep 2014) and
    # 4 (Mar 2015) beside it. The same numbers as a level would replace 18.1 by the line
    # between the readings; as a flow, the year-end is kept and nothing is nowcast.
    dates = ["2013-12-31", "2014-12-31", "2015-12-31", "2016-12-31"]
    ends = [15.0, 18.1, 20.0, 22.0]
    readings = ["2013-12-31", "2014-09-30", "2014-12-31", "2015-03-31", "2015-12-31",
                "2016-12-31", "2017-03-31"]
    values = [15.0, 12.0, 18.1, 4.0, 20.0, 22.0, 6.0]
    as_level = prepare(_series(dates, ends), _series(readings, values))
    assert as_level[1]  # a level: the year-end is judged by the readings around it
    fitted, fields = prepare(_series(dates, ends, "investment_income"),
                             _series(readings, values, "investment_income"))
    assert fields == {} and list(fitted.values) == ends


def test_another_scheme_naming_its_count_active_total_gets_its_own_rule(tmp_path):
    # A scheme that names its members active_total (to have the fund model) got the
    # shipped rule: with too few October pairs its March reading was "not used", where
    # any other id falls back to the growth. Its own scheme's rule is the same for both.
    from conftest import SYNTHETIC_SCHEME_HEAD, write_rows

    from forecast.nowcast import method_of
    from forecast.scheme import default_scheme, load_scheme

    head = SYNTHETIC_SCHEME_HEAD.format(what="pension", level="county")
    folder = write_rows(tmp_path / "d", head + '[metrics.active_total]\nunit = "people"\n'
                        'en = "Members"\nid = "Anggota"\n', [("land", "Land", "land", "")],
                        {"active_total": "people"},
                        [("land", "active_total", y, v) for y, v in zip(
                            YEARS + ["2021-03-31"], [100.0, 110, 121, 133, 146, 160, 165])],
                        [])
    scheme = load_scheme(folder)
    assert method_of("active_total", scheme) == "auto"
    assert method_of("active_total", default_scheme()) == "seasonal_ratio"  # shipped: kept
    annual = _series(YEARS, [100.0, 110, 121, 133, 146, 160])
    points = _series(YEARS + ["2021-03-31"], [100.0, 110, 121, 133, 146, 160, 165])
    fitted, rec = nowcast(annual, points, scheme)
    assert fitted.dates[-1] == "2021-12-31" and rec["method"] == "growth", rec
    assert rec["value"] > 165
