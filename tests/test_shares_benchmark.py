"""The coverage-shares benchmark (benchmarks/shares.py): its data, its reading of the series,
its scores, and that it scores the engine the product runs."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, stats

from forecast import calibration, config
from forecast.models import available_models
from forecast.simulate import project

if str(config.PROJECT_ROOT) not in sys.path:  # benchmarks/ is not installed with the package
    sys.path.insert(0, str(config.PROJECT_ROOT))

from benchmarks import shares  # noqa: E402


def test_the_data_file_is_the_cited_release_unchanged_in_shape():
    df = pd.read_csv(shares.DATA)
    assert list(df.columns) == ["iso3", "year", "vaccine", "coverage"]
    assert len(df) == 17348 and df.iso3.nunique() == 198
    assert set(df.vaccine) == {"dtp1", "dtp3", "mcv1", "pcv3"}
    assert (df.year.min(), df.year.max()) == (2000, 2021)
    assert df.coverage.between(0, 99).all()
    assert not df.duplicated(["iso3", "vaccine", "year"]).any()
    readme = (shares.DATA.parent / "README.md").read_text(encoding="utf-8")
    assert "WUENIC" in readme and "July" in readme and "2022" in readme
    assert "5c2b7028d9cb13922450bce800d37f7d0a8e6eacb937a3c6b256d134420b709e" in readme


def test_load_starts_after_the_last_zero_and_needs_seven_consecutive_years(tmp_path):
    rows = []
    # a: zeros until 2005, then 8 years -> kept from 2006
    rows += [("AAA", y, "pcv3", 0 if y <= 2005 else 40 + y - 2006) for y in range(2000, 2014)]
    # b: only 6 years -> dropped
    rows += [("BBB", y, "dtp3", 90) for y in range(2000, 2006)]
    # c: a gap -> dropped
    rows += [("CCC", y, "dtp3", 80) for y in (2000, 2001, 2002, 2004, 2005, 2006, 2007, 2008)]
    # d: a zero in the middle: only the years after it count (7) -> kept
    rows += [("DDD", y, "mcv1", 0 if y == 2003 else 70) for y in range(2000, 2011)]
    path = tmp_path / "c.csv"
    pd.DataFrame(rows, columns=["iso3", "year", "vaccine", "coverage"]).to_csv(path, index=False)
    out = shares.load(path)
    assert [(k, iso) for k, iso, *_ in out] == [(0, "AAA"), (3, "DDD")]
    assert out[0][3][0] == 2006 and out[0][4][0] == 40.0
    assert list(out[1][3]) == list(range(2004, 2011))


def test_load_names_the_missing_columns(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("iso3,year,value\nAAA,2000,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="coverage"):
        shares.load(path)


def test_the_benchmark_scores_the_paths_the_product_projects():
    years = list(range(2010, 2021))
    values = [61, 64, 66, 70, 71, 75, 78, 80, 79, 83, 85]
    series = shares._series(years, values)
    p = project(series, available_models(), horizon=4, n_paths=3000, seed=7)
    ours = shares.engine_paths(np.array(values, float), 4, np.random.default_rng(7),
                               n_paths=3000)
    np.testing.assert_allclose(ours, p.paths, rtol=1e-9)
    assert np.all(ours < 100)


def test_crps_of_a_sample_agrees_with_the_closed_form_and_with_a_point():
    rng = np.random.default_rng(0)
    sample = rng.normal(50, 4, 200_000)
    for actual in (50.0, 44.0, 61.0):
        assert shares.crps_sample(sample, actual) == pytest.approx(
            shares.crps_normal(50, 4, actual), rel=0.01)
    assert shares.crps_sample(np.full(10, 3.0), 5.0) == pytest.approx(2.0)
    assert shares.crps_normal(3.0, 0.0, 5.0) == 2.0
    # the closed form against numerical integration of (F(x) - 1{x >= a})^2
    x = np.linspace(0, 100, 200_001)
    integrand = (stats.norm.cdf(x, 50, 4) - (x >= 57)) ** 2
    assert shares.crps_normal(50, 4, 57) == pytest.approx(integrate.trapezoid(integrand, x), rel=1e-4)


def test_questions_stay_inside_the_bound_and_always_ask_the_fixed_levels():
    assert shares.questions(97.0) == [("relative", 92.0), ("relative", 95.0),
                                      ("relative", 99.0), ("fixed", 80.0), ("fixed", 90.0),
                                      ("fixed", 95.0)]
    assert [x for _, x in shares.questions(2.0)] == [4.0, 7.0, 80.0, 90.0, 95.0]
    assert len(shares.questions(50.0)) == 7


def test_the_share_table_standardises_errors_by_the_fitted_spread():
    rng = np.random.default_rng(1)
    n = 4000
    s, v = np.exp(rng.uniform(-4, 0, n)), np.exp(rng.uniform(-4, 0, n))
    unit = rng.standard_t(5, (n, shares.H))
    raw = unit * (s ** 0.6 * v ** 0.3)[:, None]
    raw[: n // 4, 3:] = np.nan  # origins near the end see fewer years
    rows = pd.DataFrame(raw, columns=[f"h{h}" for h in range(1, shares.H + 1)])
    rows.insert(0, "vol", v)
    rows.insert(0, "scale", s)
    rows.insert(0, "k", np.arange(n))
    table = shares.share_table(rows)
    np.testing.assert_allclose(table.exponents, 0.6, atol=0.05)
    np.testing.assert_allclose(table.vol_exponents, 0.3, atol=0.05)
    assert table.errors.shape == (n - n // 4, shares.H)
    assert np.all(np.isfinite(table.errors))
    # the standardised errors are the unit errors back (up to the fitted exponents)
    assert np.corrcoef(table.errors[:, 0], unit[n // 4:, 0])[0, 1] > 0.99


def test_summary_counts_band_misses_and_skill_against_the_random_walk():
    P = pd.DataFrame([
        ("ours", 1, "dtp3", 5, 1, 90, 91.0, 90, 89, 92, 88, 93, 0.5),
        ("ours", 1, "dtp3", 5, 2, 90, 95.0, 90, 89, 92, 88, 93, 2.0),
        ("RW drift", 1, "dtp3", 5, 1, 90, 91.0, 90, 85, 95, 80, 99, 1.0),
        ("RW drift", 1, "dtp3", 5, 2, 90, 95.0, 90, 85, 95, 80, 99, 1.5),
    ], columns=["method", "k", "vaccine", "origin", "step", "last", "actual", "median",
                "lo80", "hi80", "lo95", "hi95", "crps"])
    Q = pd.DataFrame([
        ("ours", 1, "dtp3", 5, 1, "fixed", 90.0, 0.9, True),
        ("RW drift", 1, "dtp3", 5, 1, "fixed", 90.0, 0.6, True),
        ("ours", 1, "dtp3", 5, 1, "relative", 93.0, 0.2, False),
        ("RW drift", 1, "dtp3", 5, 1, "relative", 93.0, 0.5, False),
    ], columns=["method", "k", "vaccine", "origin", "step", "kind", "x", "prob", "outcome"])
    S = shares.summary(P, Q)
    assert S.loc["ours", "80 % holds"] == 0.5 and S.loc["ours", "above"] == 0.5
    assert S.loc["ours", "95 % holds"] == 0.5 and S.loc["RW drift", "95 % holds"] == 1.0
    assert S.loc["ours", "CRPS"] == pytest.approx(1.25)
    assert S.loc["ours", "skill vs RW, fixed"] == pytest.approx(1 - 0.01 / 0.16)
    assert S.loc["ours", "skill vs RW, relative"] == pytest.approx(1 - 0.04 / 0.25)
    assert S.loc["ours", "80 % h2"] == 0.0 and S.loc["RW drift", "80 % h2"] == 1.0


def test_reliability_bins_predictions_and_counts_outcomes():
    Q = pd.DataFrame({"method": ["a"] * 5 + ["b"],
                      "prob": [0.05, 0.08, 0.55, 0.95, 1.0, 0.5],
                      "outcome": [False, True, True, True, True, False]})
    R = shares.reliability(Q)
    a = R[R.method == "a"].set_index("bin")
    assert list(a.index) == [0, 5, 9]
    assert a.loc[0, "predicted"] == pytest.approx(0.065) and a.loc[0, "observed"] == 0.5
    assert a.loc[9, "n"] == 2 and a.loc[9, "observed"] == 1.0
    assert R[R.method == "b"].bin.tolist() == [5]


def test_the_pdf_caveat_on_coverage_bands_quotes_the_benchmark():
    """The summary PDF's "What it does not mean" gives the shares benchmark's figure; a rerun
    that moves it must move the text too."""
    from forecast.report.words import TEXT

    text = (config.PROJECT_ROOT / "benchmarks" / "results" / "shares.md").read_text(
        encoding="utf-8")
    all_series = text.split("## All series", 1)[1].split("##", 1)[0]
    row = next(line for line in all_series.splitlines() if line.startswith("| ours |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    n_series = int(text.split(" series (data:", 1)[0].rsplit(" ", 1)[1])
    held = round(float(cells[2].rstrip("%")))
    en, ind = TEXT["en"]["method_not_text"], TEXT["id"]["method_not_text"]
    assert f"on {n_series} yearly immunization coverage series" in en
    assert f"80 % band held the actual value in {held} % of cases" in en
    assert f"pada {n_series} deret tahunan cakupan imunisasi" in ind
    assert f"hanya memuat nilai sebenarnya pada {held} % kasus" in ind


def test_the_pdf_caveat_quotes_the_electricity_benchmark_too():
    """The same caveat gives the stock's figures (access to electricity): held, above and
    below the 80 % band, read from ``shares_electricity.md``."""
    from forecast.report.words import TEXT

    text = (config.PROJECT_ROOT / "benchmarks" / "results" / "shares_electricity.md"
            ).read_text(encoding="utf-8")
    all_series = text.split("## All series", 1)[1].split("##", 1)[0]
    row = next(line for line in all_series.splitlines() if line.startswith("| ours |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    held, below, above = (round(float(cells[i].rstrip("%"))) for i in (2, 3, 4))
    n_series = int(text.split(" series (data:", 1)[0].rsplit(" ", 1)[1])
    en, ind = TEXT["en"]["method_not_text"], TEXT["id"]["method_not_text"]
    assert f"On {n_series} series of access to electricity" in en
    assert (f"it held {held} %, but the actual was above the band in {above} % of cases and "
            f"below it in {below} %") in en
    assert f"pada {n_series} deret akses listrik" in ind
    assert (f"rentang itu memuat {held} %, tetapi {above} % nilai sebenarnya di atas rentang "
            f"dan {below} % di bawahnya") in ind


def test_centred_moves_each_horizons_median_to_zero_and_keeps_the_spread():
    rng = np.random.default_rng(2)
    errors = rng.normal(0.3, 1.0, (1001, shares.H)) + np.arange(shares.H)[None, :]
    table = calibration.ErrorTable(errors=errors, exponents=np.ones(shares.H),
                                   vol_exponents=np.zeros(shares.H))
    out = shares.centred(table)
    np.testing.assert_allclose(np.median(out.errors, axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(np.std(out.errors, axis=0), np.std(errors, axis=0))
    assert out.exponents is table.exponents and out.vol_exponents is table.vol_exponents


def _tiny(tmp_path):
    # origins (5th to 7th-last year) on both sides of LEVEL_CUT in each series
    rows = [("AAA", y, "dtp3", 84 + (y - 2000)) for y in range(2000, 2014)]
    rows += [("BBB", y, "dtp3", 95 - (y - 2000)) for y in range(2000, 2014)]
    path = tmp_path / "c.csv"
    pd.DataFrame(rows, columns=["iso3", "year", "vaccine", "coverage"]).to_csv(path, index=False)
    return path


def test_bad_paths_and_an_output_under_a_file_get_one_line_and_exit_2(tmp_path, capsys):
    assert shares.main(["--paths", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["shares: error: --paths: expected an integer from 1 to 1,000,000, found 0"]
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert shares.main(["--data", str(_tiny(tmp_path)), "--paths", "50",
                        "--out", str(blocker / "out.md")]) == 2
    err = [line for line in capsys.readouterr().err.splitlines()
           if not line.startswith("shares: series")]
    assert len(err) == 1 and err[0].startswith(f"shares: error: {blocker}")
    assert not (blocker.parent / "out.md").exists()


def test_a_small_run_writes_the_report_and_its_diagram(tmp_path, capsys):
    out = tmp_path / "r" / "s.md"
    assert shares.main(["--data", str(_tiny(tmp_path)), "--paths", "50", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Coverage shares: 2 WHO/UNICEF immunization series")
    assert "## Reliability of the fixed-level questions" in text
    assert (tmp_path / "r" / "s_reliability.png").stat().st_size > 1000


def test_a_file_too_short_for_whole_trajectories_is_refused_in_one_line(tmp_path, capsys):
    rows = [("AAA", y, "dtp3", 60 + 3 * (y - 2000)) for y in range(2000, 2008)]
    rows += [("BBB", y, "dtp3", 90 - (y - 2000)) for y in range(2000, 2008)]
    path = tmp_path / "c.csv"
    pd.DataFrame(rows, columns=["iso3", "year", "vaccine", "coverage"]).to_csv(path, index=False)
    assert shares.main(["--data", str(path), "--paths", "50",
                        "--out", str(tmp_path / "s.md")]) == 2
    err = [line for line in capsys.readouterr().err.splitlines()
           if not line.startswith("shares: series")]
    assert len(err) == 1 and "expected series of at least 11 consecutive years" in err[0]
    assert not (tmp_path / "s.md").exists()


def test_the_electricity_file_is_the_cited_chart_countries_only():
    spec = shares.SETS["electricity"]
    df = pd.read_csv(spec.path)
    assert list(df.columns) == ["iso3", "year", "indicator", "coverage"]
    assert len(df) == 5635 and df.iso3.nunique() == 212 and set(df.indicator) == {"electricity"}
    assert df.iso3.str.fullmatch(r"[A-Z]{3}").all() and not df.iso3.str.startswith("OWID").any()
    assert (df.year.min(), df.year.max()) == (1990, 2016)
    assert df.coverage.between(0, 100).all()
    assert not df.duplicated(["iso3", "year"]).any()
    readme = (spec.path.parent / "README.md").read_text(encoding="utf-8")
    assert "976c85ee365d0f499d38cbda3603450da875d3736845dbf00905c93c5a1887f9" in readme
    assert "EG.ELC.ACCS.ZS" in readme and "inferred" in readme


def test_the_internet_file_is_the_cited_chart_countries_only():
    spec = shares.SETS["internet"]
    df = pd.read_csv(spec.path)
    assert list(df.columns) == ["iso3", "year", "indicator", "coverage"]
    assert len(df) == 4887 and df.iso3.nunique() == 211 and set(df.indicator) == {"internet"}
    assert df.iso3.str.fullmatch(r"[A-Z]{3}").all()
    assert (df.year.min(), df.year.max()) == (1960, 2017)
    assert df.coverage.between(0, 100).all()
    assert not df.duplicated(["iso3", "year"]).any()
    readme = (spec.path.parent / "README.md").read_text(encoding="utf-8")
    assert "1eb2a5565498691c43638af5fd5bf26724ada45b389818fdda38d2f1b9165fd0" in readme
    assert "IT.NET.USER.ZS" in readme


def test_load_reads_an_indicator_file_starts_above_one_percent_and_skips_saturated_origins(
        tmp_path):
    rows = []
    # a: the 0.01 floor until 1993, then a rise reaching 100 -> kept from 1994, clipped
    rows += [("AAA", y, "electricity", 0.01 if y <= 1993 else min(100.0, 40 + 8 * (y - 1994)))
             for y in range(1990, 2004)]
    # b: at 100 % throughout -> no origin to score -> dropped
    rows += [("BBB", y, "electricity", 100.0) for y in range(1990, 2004)]
    # c: 99.5 % until its last years: only origins at most 99 % count
    rows += [("CCC", y, "electricity", 99.5 if y < 2001 else 98.0) for y in range(1990, 2004)]
    path = tmp_path / "e.csv"
    pd.DataFrame(rows, columns=["iso3", "year", "indicator", "coverage"]).to_csv(
        path, index=False)
    out = shares.load(path)
    assert [(k, iso, g) for k, iso, g, *_ in out] == [(0, "AAA", "electricity"),
                                                      (2, "CCC", "electricity")]
    years, v = out[0][3], out[0][4]
    assert years[0] == 1994 and v[0] == 40.0
    assert v.max() == pytest.approx(99.99) and v.max() < 100
    assert shares.origins(v) == [4, 5, 6, 7]  # 72, 80, 88, 96 %; 100 % is not forecast from
    assert shares.origins(out[1][4]) == [11, 12]  # the years at 98 %, with a year ahead


def test_the_other_sets_table_is_scored_and_named_in_the_report(tmp_path):
    out = tmp_path / "e.md"
    tiny = _tiny(tmp_path)
    assert shares.main(["--set", "electricity", "--data", str(tiny), "--other-data", str(tiny),
                        "--paths", "50", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Coverage shares: 2 World Bank access-to-electricity series")
    assert "| other set's table, centred |" in text and "--set immunization" in text
    assert "2020 and 2021" not in text  # the pandemic's section is the immunization set's
    assert shares.main(["--data", str(tiny), "--no-other", "--paths", "50",
                        "--out", str(out)]) == 0
    assert "| other set's table" not in out.read_text(encoding="utf-8")


def test_a_missing_data_file_is_named_in_one_line(tmp_path, capsys):
    out = tmp_path / "s.md"
    for option in ("--data", "--other-data"):
        missing = tmp_path / f"no{option}.csv"
        assert shares.main([option, str(missing), "--paths", "50", "--out", str(out)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert err == [f"shares: error: {missing}: No such file or directory"]
    assert not out.exists()


def test_the_damping_sentence_for_a_share_states_the_benchmarks_signs():
    """"Why it slows" of a share says damping beat carrying the trend on immunization and
    Internet use and lost on electricity: the signs of ours' Brier skill against RW drift
    (fixed-level questions) in the three results files."""
    from forecast.reasonwords import SLOW_WHY

    def skill(name):
        text = (config.PROJECT_ROOT / "benchmarks" / "results" / name).read_text(
            encoding="utf-8")
        rows = text.split("## All series", 1)[1].split("##", 1)[0].splitlines()
        cells = [c.strip() for c in next(r for r in rows if r.startswith("| ours |"))
                 .strip("|").split("|")]
        return float(cells[-1])

    assert skill("shares.md") > 0 and skill("shares_internet.md") > 0
    assert skill("shares_electricity.md") < 0
    en = SLOW_WHY["en"][True]
    assert "better than carrying the trend on (a random walk with drift) for immunization and "\
        "Internet use, but worse for access to electricity" in en
    assert "untuk imunisasi dan penggunaan Internet, tetapi lebih buruk untuk akses listrik" \
        in SLOW_WHY["id"][True]
