"""A scheme names its headline targets in scheme.toml ([scheme] headline): every report
lists them first and the summary leads with them. They were a constant of the code
(config.HEADLINE_TARGETS), so another scheme could not name its own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from forecast.cli import main

EXAMPLE = Path(__file__).parent / "data" / "example_scheme"
N = "200"


def folder(tmp_path: Path, line: str | None) -> Path:
    """The fictional example scheme, with ``line`` added to its [scheme] table."""
    dest = tmp_path / "data"
    shutil.copytree(EXAMPLE, dest)
    if line is not None:
        toml = dest / "scheme.toml"
        text = toml.read_text(encoding="utf-8")
        assert "region_code_digits = []\n" in text
        toml.write_text(text.replace("region_code_digits = []\n",
                                     f"region_code_digits = []\n{line}\n", 1), encoding="utf-8")
    return dest


def run_json(capsys, data_dir: Path, region: str = "northland") -> dict:
    assert main(["run", "--n-paths", N, "--format", "json", "--region", region,
                 "--data-dir", str(data_dir)]) == 0
    return json.loads(capsys.readouterr().out)


def keys(entries) -> list[tuple[str, int]]:
    return [(e["metric"], int(e["target_date"][:4])) for e in entries]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Results of the example scheme's top region and a county, with and without a
    headline naming the 2028 coverage target (due after the 2027 ones)."""
    import contextlib
    import io

    out = {}
    for name, line in (("named", 'headline = [{ metric = "coverage_rate", year = 2028 }]'),
                       ("plain", None)):
        data_dir = folder(tmp_path_factory.mktemp(name), line)
        for region in ("northland", "east-county"):
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                assert main(["run", "--n-paths", N, "--format", "json", "--region", region,
                             "--data-dir", str(data_dir)]) == 0
            out[name, region] = json.loads(buf.getvalue())
    return out


def test_results_carry_the_named_headline(runs):
    assert runs["named", "northland"]["scheme"]["headline"] == [
        {"metric": "coverage_rate", "year": 2028}]
    assert runs["plain", "northland"]["scheme"]["headline"] == []


def test_the_named_target_comes_first_in_the_region_report(runs):
    from forecast.report.build import headline_targets, ordered_targets

    named, plain = runs["named", "northland"], runs["plain", "northland"]
    assert keys(ordered_targets(named)) == [("coverage_rate", 2028), ("members", 2027),
                                            ("reserve_fund", 2027)]
    assert keys(ordered_targets(plain)) == [("members", 2027), ("reserve_fund", 2027),
                                            ("coverage_rate", 2028)]
    assert keys(headline_targets(named)) == [("coverage_rate", 2028)]


def test_the_summary_leads_with_the_named_target_only(runs):
    from forecast.report.summary import summary_document

    def lead(name):
        run = [(r, runs[name, r], {"status": "ok"}) for r in ("northland", "east-county")]
        sources = {k: v for r in ("northland", "east-county")
                   for k, v in runs[name, r]["cited_sources"].items()}
        doc = summary_document({"parameters": {}}, run, sources, "en", None)
        return doc

    named, plain = lead("named"), lead("plain")
    assert len(named["verdicts"]) == 1, named["verdicts"]
    assert len(plain["verdicts"]) == 3  # a scheme naming none: every target
    assert "80" in json.dumps(named["verdicts"][0])
    assert len(named["national_rows"]) == len(plain["national_rows"]) == 3


def test_a_county_has_no_headline(runs):
    from forecast.report.build import ordered_targets
    from forecast.report.order import is_headline

    county = runs["named", "east-county"]
    assert county["targets"]
    assert not any(is_headline(e, county) for e in ordered_targets(county))


def test_a_run_written_before_schemes_named_headlines_keeps_the_shipped_ones():
    from forecast.report.build import ordered_targets

    def entry(metric, year, value):
        return {"metric": metric, "target_date": f"{year}-12-31", "target_value": value}

    targets = [entry("coverage_pct", 2025, 40.0), entry("fund_investment", 2026, 1001.0),
               entry("active_total", 2026, 70e6), entry("active_total", 2026, 71e6)]
    old = {"region": "national", "targets": targets,
           "scheme": {"top_region": "national"}}  # no "headline" key: an older run
    assert keys(ordered_targets(old))[:2] == [("active_total", 2026), ("fund_investment", 2026)]
    assert ordered_targets(old)[0]["target_value"] == 70e6
    new = dict(old, scheme={"top_region": "national", "headline": [
        {"metric": "fund_investment", "year": 2026}, {"metric": "coverage_pct", "year": 2025}]})
    assert keys(ordered_targets(new))[:2] == [("fund_investment", 2026), ("coverage_pct", 2025)]


def test_the_shipped_scheme_file_names_what_the_default_names():
    from forecast.scheme import default_scheme, load_scheme

    shipped = load_scheme(Path(__file__).parents[1] / "data")
    assert shipped.headline == default_scheme().headline == (
        ("active_total", 2026, None), ("fund_investment", 2026, None))


@pytest.mark.parametrize("line, said", [
    ('headline = "coverage_rate 2028"', "key 'scheme.headline': expected a list"),
    ('headline = [{ metric = "coverage", year = 2028 }]',
     "key 'scheme.headline[1].metric': expected one of the metrics"),
    ('headline = [{ metric = "members", year = "2027" }]',
     "key 'scheme.headline[1].year': expected a year"),
    ('headline = [{ metric = "members", year = 2027.0 }]',
     "key 'scheme.headline[1].year': expected a year"),
    ('headline = [{ metric = "members" }]',
     "key 'scheme.headline[1]': expected a table with metric and year"),
    ('headline = [{ metric = "members", year = 2027, colour = "red" }]',
     "key 'scheme.headline[1]': unknown key(s) colour; valid keys: metric, value, year"),
    ('headline = [{ metric = "members", year = 2027, vaule = 4 }]',
     "key 'scheme.headline[1]': unknown key(s) vaule (did you mean 'value'?); valid keys:"),
    ('headline = [{ metric = "members", year = 2027, value = -4 }]',
     "key 'scheme.headline[1].value': expected a positive number"),
    ('headline = [{ metric = "members", year = 2027 }, { metric = "members", year = 2027 }]',
     "key 'scheme.headline[2]': expected one entry per metric and year"),
    ("headline = [" + ", ".join(f'{{ metric = "members", year = {2020 + i} }}'
                                for i in range(7)) + "]",
     "key 'scheme.headline': expected a list of at most 6"),
])
def test_a_bad_headline_gets_one_line_and_exit_2(tmp_path, capsys, line, said):
    data_dir = folder(tmp_path, line)
    assert main(["data", "check", "--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0], err
    assert err[0].startswith(f"error: {data_dir / 'scheme.toml'}: {said}") or \
        f"{data_dir / 'scheme.toml'}: {said}" in err[0], err[0]
