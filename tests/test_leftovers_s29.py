"""Session 29's findings: each test failed before its change."""

import json

from forecast.cli import main

# ------------------------------------- one date's coverage targets on two bases are two


def _add_rows(path, rows) -> None:
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([text[0] + ",denominator", *(t + "," for t in text[1:]), *rows])
                    + "\n", encoding="utf-8")


def _two_bases(folder, sources=("src-a", "src-a")):
    """The tiny folder with coverage readings of the working population (its counts'
    share) and two coverage targets of 2028: 40 % of the working population and 60 % of
    the UCJ base (no reading on it)."""
    from conftest import ACTIVE, WORKING

    _add_rows(folder / "observations.csv", [
        f"national,coverage_pct,{y}-12-31,{100 * ACTIVE[y] / WORKING[y]:.2f},percent,src-a,,"
        "working_population" for y in range(2015, 2025)])
    _add_rows(folder / "targets.csv", [
        f"national,coverage_pct,2028-12-31,40,percent,{sources[0]},,working_population",
        f"national,coverage_pct,2028-12-31,60,percent,{sources[1]},,ucj_base"])
    return folder


def _run_json(capsys, folder, *extra) -> dict:
    code = main(["run", "--data-dir", str(folder), "--format", "json", "--n-paths", "200",
                 *extra])
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


def test_one_source_may_state_a_coverage_target_on_two_bases(tiny_data_dir, capsys):
    """The same source stating both was refused as a 'duplicate row'."""
    res = _run_json(capsys, _two_bases(tiny_data_dir))
    cov = [e for e in res["targets"] if e["metric"] == "coverage_pct"]
    assert [(e["target_value"], e["denominator"]) for e in cov] == [
        (40.0, "working_population")]
    skipped = [s for s in res["skipped"] if s["metric"] == "coverage_pct"]
    assert [(s["target_value"], s["denominator"]) for s in skipped] == [(60.0, "ucj_base")]
    others = [e for e in res["targets"] if e["metric"] != "coverage_pct"]
    assert others and all(e["denominator"] is None for e in others)
    assert main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "200"]) == 0
    out = capsys.readouterr().out  # the base of the one not assessed is named
    assert "Coverage (UCJ indicator base) by 2028-12-31: coverage target on" in out, out


def test_two_sources_of_two_bases_keep_both_targets(tiny_data_dir, capsys):
    """From two sources, the later-published one's target was kept and the other became
    an 'other source' of it: 60 % of the UCJ base vanished from every output."""
    res = _run_json(capsys, _two_bases(tiny_data_dir, ("src-b", "src-a")))
    said = sorted((e["target_value"], e["denominator"]) for e in
                  res["targets"] + res["skipped"] if e["metric"] == "coverage_pct")
    assert said == [(40.0, "working_population"), (60.0, "ucj_base")]
    assert all(not e["other_sources"] for e in res["targets"])


def test_compare_keeps_two_bases_apart(tiny_data_dir, capsys):
    """Compare keyed a target by metric and date: the two read as one."""
    _two_bases(tiny_data_dir)
    code = main(["compare", "--as-of", "2022", "2024", "--data-dir", str(tiny_data_dir),
                 "--n-paths", "200", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0, out
    got = json.loads(out)
    cov = [t for t in got["targets"] if t["metric"] == "coverage_pct"]
    assert [t["denominator"] for t in cov] == ["working_population"]
    assert [t["denominator"] for t in got["not_assessed"]
            if t["metric"] == "coverage_pct"] == ["ucj_base"]
    code = main(["compare", "--as-of", "2022", "2024", "--data-dir", str(tiny_data_dir),
                 "--n-paths", "200"])
    out = capsys.readouterr().out
    assert code == 0 and "Coverage >= 40.0% (working population) by 2028-12-31" in out, out
