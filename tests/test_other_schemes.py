"""Other schemes through ``--data-dir``: metric ids, regions and words of their own.

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme. Each test names the shape it needs (a coverage metric not called ``coverage_pct``,
coverage only as a percentage, a top region not called ``national``).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import SYNTHETIC_SCHEME_HEAD, write_scheme_folder

from forecast.cli import main

SCHEME = SYNTHETIC_SCHEME_HEAD.format(what="test", level="district").replace("{", "{{").replace(
    "}", "}}") + '''
[metrics.members]
unit = "people"
en = "Members"
id = "Anggota"

[metrics.residents]
unit = "people"
en = "Residents"
id = "Penduduk"

[metrics.cover]
unit = "pct"
en = "Resident coverage"
id = "Cakupan penduduk"
numerator = "members"
denominator = "residents"
ceiling = "residents"
denominators = [{denominators}]
'''


def write_scheme(folder: Path, observations, targets, *, denominators=("residents",),
                 regions=(("land", "Synthland", "land", ""),)) -> Path:
    """A SYNTHETIC data folder: ``observations`` and ``targets`` are rows (region, metric,
    date, value, denominator); units follow the metric; every source published early."""
    unit = {"members": "people", "residents": "people", "cover": "pct"}

    def whole(v, m):  # people are counted whole: 1e6 * 1.36 is 1359999.9999999998
        return round(v) if unit[m] == "people" and isinstance(v, float) else v

    return write_scheme_folder(
        folder, SCHEME.format(denominators=", ".join(f'"{d}"' for d in denominators)), regions,
        [(r, m, d, whole(v, m), unit[m], den) for r, m, d, v, den in observations],
        [(r, m, d, whole(v, m), unit[m], den) for r, m, d, v, den in targets])


def _run_json(capsys, folder: Path, *extra) -> dict:
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300", "--format", "json",
                 *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_coverage_target_is_settled_on_its_own_base_whatever_the_metric_is_called(
        tmp_path, capsys):
    # Two bases of one coverage metric (not named coverage_pct): the year-end 2020 reading
    # is on 'adults' (95 %), so the 2020 target on 'residents' is not settled by it.
    obs = [("land", "cover", "2019-12-31", 70.0, "residents"),
           ("land", "cover", "2020-12-31", 95.0, "adults")]
    obs += [("land", "members", f"{y}-12-31", 1e6 + 1e5 * i, "")
            for i, y in enumerate(range(2014, 2024))]
    obs += [("land", "residents", f"{y}-12-31", 2e6, "") for y in range(2014, 2024)]
    folder = write_scheme(tmp_path / "d", obs,
                          [("land", "cover", "2020-12-31", 90.0, "residents")],
                          denominators=("residents", "adults"))
    out = _run_json(capsys, folder)
    (outcome,) = out["outcomes"]
    assert outcome["status"] == "not_in_data"
    assert outcome["latest"] == {"date": "2019-12-31", "value": 70.0, "source_id": "syn"}
    assert outcome["denominator"] == "residents"


def test_compare_defaults_to_the_schemes_top_region_and_its_units(tmp_path, capsys):
    obs = [("land", "members", f"{y}-12-31", 1e6 * (1 + 0.05 * i), "")
           for i, y in enumerate(range(2012, 2025))]
    obs += [("land", "residents", f"{y}-12-31", 3e6, "") for y in range(2012, 2025)]
    folder = write_scheme(tmp_path / "d", obs, [("land", "members", "2030-12-31", 2.5e6, "")])
    assert main(["compare", "--as-of", "2020", "2024", "--data-dir", str(folder),
                 "--n-paths", "200"]) == 0
    out = capsys.readouterr().out
    assert "Members >= 2.50M people by 2030-12-31" in out


#: A SYNTHETIC coverage history that rises, then falls for six years (made-up numbers).
FALLING = {2011: 48.0, 2012: 50.5, 2013: 53.0, 2014: 55.2, 2015: 57.1, 2016: 58.9,
           2017: 60.2, 2018: 61.0, 2019: 60.1, 2020: 58.3, 2021: 56.9, 2022: 55.0,
           2023: 53.8, 2024: 52.6}


def test_coverage_published_only_as_a_percentage_is_projected_on_its_own(tmp_path, capsys):
    # No member or resident counts at all: the readings themselves carry the projection,
    # bounded by 100 % though the percent unit is called 'pct', not 'percent'.
    obs = [("land", "cover", f"{y}-12-31", v, "residents") for y, v in FALLING.items()]
    folder = write_scheme(tmp_path / "d", obs, [
        ("land", "cover", "2030-12-31", 75.0, "residents"),
        ("land", "cover", "2032-12-31", 100.0, "residents")])
    out = _run_json(capsys, folder)
    assert out["skipped"] == []
    far, full = out["targets"]
    assert far["data_quality"]["coverage_alone"]["denominator"] == "residents"
    assert far["probability"] < 0.05  # 75 % from 52.6 % and falling
    assert full["p90"] < 100.0 and all(f["p90"] < 100.0 for f in full["fan"])
    assert full["probability"] == 0.0
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300"]) == 0
    table = capsys.readouterr().out
    assert "projected on their own: no members or residents counts" in table
    if any(n.get("code") == "rise_carried_by" for n in far["engine"]["notes"]):
        # A falling series whose median rises says what carries the rise.
        assert "Why it rises" in table and "has been falling" in table


def test_coverage_with_too_few_readings_and_no_counts_says_what_is_missing(tmp_path, capsys):
    obs = [("land", "cover", f"{y}-12-31", FALLING[y], "residents") for y in (2023, 2024)]
    folder = write_scheme(tmp_path / "d", obs,
                          [("land", "cover", "2030-12-31", 75.0, "residents")])
    (skip,) = _run_json(capsys, folder)["skipped"]
    assert skip["reason"]["code"] == "coverage_alone_too_few"
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300"]) == 0
    assert ("only 2 year-end readings of resident coverage on one base for Synthland and no "
            "members and residents counts to move it with" in capsys.readouterr().out)


def test_coverage_near_full_agrees_with_the_members_it_counts(tmp_path, capsys):
    # SYNTHETIC: residents grow exactly 1 %/yr; members close in on them; coverage is
    # members over residents. 'Coverage >= 95 % by 2030' and 'members >= 95 % of the
    # residents of 2030' are one question, so their probabilities must agree.
    years = range(2010, 2025)
    residents = {y: 100e6 * 1.01 ** (y - 2010) for y in years}
    share = {y: 0.55 + 0.03 * (y - 2010) for y in years}  # 55 % to 97 %
    obs = [("land", "residents", f"{y}-12-31", round(residents[y]), "") for y in years]
    obs += [("land", "members", f"{y}-12-31", round(share[y] * residents[y]), "")
            for y in years]
    obs += [("land", "cover", f"{y}-12-31", round(100 * share[y], 2), "residents")
            for y in years]
    r2030 = 100e6 * 1.01 ** 20
    folder = write_scheme(tmp_path / "d", obs, [
        ("land", "cover", "2030-12-31", 95.0, "residents"),
        ("land", "members", "2030-12-31", round(0.95 * r2030), "")])
    out = _run_json(capsys, folder, "--as-of", "2019")
    by = {t["metric"]: t for t in out["targets"]}
    assert abs(by["cover"]["probability"] - by["members"]["probability"]) < 0.1
    assert abs(by["cover"]["median"] - 100 * by["members"]["median"] / r2030) < 1.0


def test_a_target_in_a_gap_year_names_the_readings_around_it_not_the_latest(tmp_path,
                                                                              capsys):
    # SYNTHETIC: no 2016 reading; the 2016 target is neither met nor missed in the data,
    # and the readings around the gap say more than the latest one (2024).
    values = {2012: 12.0, 2013: 12.6, 2014: 13.3, 2015: 13.9, 2017: 15.2, 2024: 21.0}
    obs = [("land", "members", f"{y}-12-31", v * 1e6, "") for y, v in values.items()]
    folder = write_scheme(tmp_path / "d", obs,
                          [("land", "members", "2016-12-31", 14.5e6, "")])
    (outcome,) = _run_json(capsys, folder)["outcomes"]
    assert outcome["status"] == "not_in_data"
    assert (outcome["before"]["date"], outcome["after"]["date"]) == ("2015-12-31",
                                                                     "2017-12-31")
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300"]) == 0
    assert ("Members >= 14.50M people by 2016-12-31: no reading at the target date in the "
            "data; nearest 13.90M people on 2015-12-31 and 15.20M people on 2017-12-31"
            in capsys.readouterr().out)


def test_report_sentences_use_the_schemes_words_in_both_languages(tmp_path, capsys):
    from forecast.reasons import quality_text
    from forecast.report import i18n
    from forecast.report.words import set_scheme

    years = range(2012, 2025)
    obs = [("land", "members", f"{y}-12-31", 1e6 * (1 + 0.04 * (y - 2012)), "")
           for y in years]
    obs += [("land", "residents", f"{y}-12-31", 3e6, "") for y in years]
    obs += [("land", "cover", "2024-12-31", 48.0, "residents")]
    folder = write_scheme(tmp_path / "d", obs, [
        ("land", "members", "2030-12-31", 2.5e6, ""),
        ("land", "cover", "2030-12-31", 70.0, "residents")])
    out = _run_json(capsys, folder)
    set_scheme(out["scheme"])
    try:
        by = {t["metric"]: t for t in out["targets"]}
        en = "".join(s["text"] for s in i18n.verdict(by["members"], "en"))
        id_ = "".join(s["text"] for s in i18n.verdict(by["members"], "id"))
    finally:
        set_scheme(None)
    assert "net new members a month" in en and "participants" not in en
    assert "anggota baru bersih per bulan" in id_ and "peserta" not in id_
    quality = quality_text(by["cover"]["data_quality"], "id")
    assert "proyeksi anggota wilayah ini dengan penduduk tumbuh" in quality
    assert "penyebut: penduduk" in quality
    assert "peserta" not in quality and "lapangan kerja" not in quality


def test_fan_chart_speaks_the_schemes_units(tmp_path, capsys):
    from forecast.plots import fan_chart, fan_chart_png, drawn_in_scheme

    years = range(2012, 2025)
    obs = [("land", "members", f"{y}-12-31", 1e8 * (1 + 0.04 * (y - 2012)), "")
           for y in years]
    obs += [("land", "residents", f"{y}-12-31", 3e8, "") for y in years]
    folder = write_scheme(tmp_path / "d", obs, [("land", "members", "2030-12-31", 2.5e8, "")])
    out = _run_json(capsys, folder)
    (entry,) = out["targets"]
    fig = drawn_in_scheme(out["scheme"], lambda: fan_chart(entry, lang="en"))
    ax = fig.axes[0]
    assert ax.get_ylabel() == "million people"
    assert ax.get_ylim()[1] < 1000  # in millions, not 1e8 with an offset
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "target: 250\u00a0million people" in labels
    id_fig = drawn_in_scheme(out["scheme"], lambda: fan_chart(entry, lang="id"))
    assert id_fig.axes[0].get_ylabel() == "juta jiwa"
    # The PNG the notebook shows and the run saves is drawn in the scheme's words.
    assert fan_chart_png(entry, scheme=out["scheme"]) != fan_chart_png(entry)


def test_full_coverage_and_a_target_at_the_bound_get_an_honest_answer(tmp_path, capsys):
    from forecast.report import i18n
    from forecast.report.words import set_scheme

    # SYNTHETIC: members reach the (constant) residents in 2022 and stay there; the
    # target is 100 % coverage by 2026. A bounded projection only approaches 100 %: a
    # path within rounding of it (from 99.95 %) meets it, so the answer is not '<0.1 %'.
    years = range(2010, 2025)
    share = {y: min(1.0, 0.5 + 0.04 * (y - 2010)) for y in years}
    obs = [("land", "residents", f"{y}-12-31", 4e6, "") for y in years]
    obs += [("land", "members", f"{y}-12-31", round(4e6 * share[y]), "") for y in years]
    obs += [("land", "cover", f"{y}-12-31", round(100 * share[y], 1), "residents")
            for y in years]
    folder = write_scheme(tmp_path / "d", obs, [
        ("land", "cover", "2026-12-31", 100.0, "residents"),
        ("land", "members", "2026-12-31", 4.4e6, "")])  # 110 % of the residents
    out = _run_json(capsys, folder)
    by = {t["metric"]: t for t in out["targets"]}
    cover, members = by["cover"], by["members"]
    assert cover["bound_note"] == "target_at_bound" and cover["probability"] > 0.5
    assert all(0 < f["p10"] <= f["p90"] < 100.0 for f in cover["fan"])
    assert members["bound_note"] == "target_at_or_above_bound"
    assert members["probability"] == 0.0
    assert all(f["p90"] <= 4e6 for f in members["fan"])  # never above the ceiling
    set_scheme(out["scheme"])
    try:
        words = i18n.verdict_text(members, "en")
    finally:
        set_scheme(None)
    # The bound is the residents' trend, and the sentence says so (the assumption it rests on).
    assert ("above the trend projection of the residents (4\u00a0million people), the most "
            "the quantity can be") in words
    assert members["required_growth"] == "not_meaningful" and members["required_cagr"] is None
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300"]) == 0
    assert "a path from 99.95% counts as reaching it" in capsys.readouterr().out


def test_the_what_if_says_it_needs_the_shipped_participants_and_fund(tmp_path):
    from forecast import results, whatif
    from forecast.data import load_panel

    obs = [("land", "members", f"{y}-12-31", 1e6 * (1 + 0.05 * (y - 2015)), "")
           for y in range(2015, 2025)]
    panel = load_panel(write_scheme(tmp_path / "d", obs,
                                    [("land", "members", "2030-12-31", 2e6, "")]))
    context = results.national_context(panel, panel.scheme.top_region, n_paths=100)
    assert context is None
    assert "not available for this data folder" in whatif.interactive(context)
    assert "not available" in whatif.what_if_table(context)


@pytest.mark.slow
def test_notebooks_run_on_another_scheme_with_only_its_data_dir(tmp_path):
    papermill = pytest.importorskip("papermill")
    notebooks = Path(__file__).parents[1] / "notebooks"
    obs = [("land", "cover", f"{y}-12-31", v, "residents") for y, v in FALLING.items()]
    folder = write_scheme(tmp_path / "d", obs,
                          [("land", "cover", "2030-12-31", 75.0, "residents")])
    for name in ("region_forecast", "explore"):
        # No region parameter: the scheme's top region ('land'), not 'national'.
        papermill.execute_notebook(
            str(notebooks / f"{name}.ipynb"), str(tmp_path / f"{name}.ipynb"),
            parameters={"data_dir": str(folder), "n_paths": 200,
                        **({"output_dir": str(tmp_path / "out")}
                           if name == "region_forecast" else {})},
            kernel_name="python3", progress_bar=False)
    saved = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert saved["region"] == "land" and saved["targets"][0]["metric"] == "cover"


def test_net_additions_of_a_share_are_points_and_none_once_reached(tmp_path, capsys):
    # SYNTHETIC coverage only, already above its target: nothing is needed, and a share
    # moves by percentage points (its unit is called 'pct', not 'percent').
    obs = [("land", "cover", f"{y}-12-31", 60.0 + 2 * (y - 2015), "residents")
           for y in range(2015, 2025)]
    folder = write_scheme(tmp_path / "d", obs,
                          [("land", "cover", "2030-12-31", 70.0, "residents")])
    assert main(["run", "--data-dir", str(folder), "--n-paths", "200"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Net additions" in x)
    assert "none needed (already reached) vs +0.17 pp/month in the last year" in line


def test_compare_moves_a_shares_median_in_points(tmp_path, capsys):
    obs = [("land", "cover", f"{y}-12-31", v, "residents") for y, v in FALLING.items()]
    folder = write_scheme(tmp_path / "d", obs,
                          [("land", "cover", "2030-12-31", 75.0, "residents")])
    assert main(["compare", "--as-of", "2019", "2024", "--data-dir", str(folder),
                 "--n-paths", "200"]) == 0
    steps = [x for x in capsys.readouterr().out.splitlines() if "new observations" in x
             and "pp" in x]
    assert steps and steps[-1].rstrip().endswith(" pp")  # the median's change too


def test_a_pdf_verdict_says_what_carries_the_rise_of_a_falling_series(tmp_path, capsys):
    from forecast.reasons import quality_text
    from forecast.report import i18n
    from forecast.report.words import set_scheme

    obs = [("land", "cover", f"{y}-12-31", v, "residents") for y, v in FALLING.items()]
    folder = write_scheme(tmp_path / "d", obs,
                          [("land", "cover", "2030-12-31", 75.0, "residents")])
    out = _run_json(capsys, folder)
    (entry,) = out["targets"]
    set_scheme(out["scheme"])
    try:
        en, id_ = (i18n.verdict_text(entry, lang) for lang in ("en", "id"))
    finally:
        set_scheme(None)
    rises = any(n.get("code") == "rise_carried_by" for n in entry["engine"]["notes"])
    assert rises == (entry["median"] > entry["last_observed"]["value"])
    if rises:
        assert "has been falling" in en and "yet its median rises" in en
        assert "terus menurun" in id_
    # The base of coverage projected alone is named in the scheme's words.
    assert "(penyebut: penduduk)" in quality_text(entry["data_quality"], "id")


def test_a_count_near_its_ceiling_says_the_ceiling_decides(tmp_path, capsys):
    from forecast.report import i18n
    from forecast.report.words import set_scheme

    # SYNTHETIC: members grow 4 %/yr toward residents that barely grow; the 2028 target
    # is about 95 % of the residents then, so the ceiling, not the pace, rules it out.
    years = range(2012, 2025)
    obs = [("land", "residents", f"{y}-12-31", round(25e6 * 1.002 ** (y - 2012)), "")
           for y in years]
    obs += [("land", "members", f"{y}-12-31", round(13e6 * 1.04 ** (y - 2012)), "")
            for y in years]
    folder = write_scheme(tmp_path / "d", obs, [("land", "members", "2028-12-31", 24e6, "")])
    out = _run_json(capsys, folder)
    (entry,) = out["targets"]
    assert entry["ceiling"]["metric"] == "residents"
    assert entry["target_value"] / entry["bound_value"] > 0.9
    set_scheme(out["scheme"])
    try:
        en = i18n.verdict_text(entry, "en")
    finally:
        set_scheme(None)
    assert "of the projected residents" in en and "the most it can reach" in en
    assert main(["run", "--data-dir", str(folder), "--n-paths", "200"]) == 0
    assert "Residents projected at" in capsys.readouterr().out


def test_a_rise_note_names_the_schemes_count_and_base():
    from forecast.reasons import reason_text

    labels = {"cover": "Resident coverage", "members": "Members", "residents": "Residents"}
    name = lambda metric, lang: labels[metric]  # noqa: E731
    note = {"code": "rise_carried_by", "metric": "cover", "region": "land",
            "assumption": "region_participants", "historical_growth": -0.02,
            "numerator": "members", "denominator": "residents"}
    en = reason_text(note, "en", name)
    assert "moved with the region's projected members over residents" in en
    assert "participants" not in en and "employment" not in en
    assert "proyeksi members wilayah terhadap residents" in reason_text(note, "id", name)
    pooled = {**note, "metric": "members", "assumption": "national_growth", "named": True}
    assert "pooled with the national members' growth" in reason_text(pooled, "en", name)
    # Older results (no count named) keep the shipped words.
    old = {k: v for k, v in note.items() if k not in ("numerator", "denominator")}
    assert "projected participants over employment" in reason_text(old, "en", name)


def test_indonesian_lines_name_the_base_and_scale_in_the_schemes_words(tmp_path, capsys):
    obs = [("land", "members", f"{y}-12-31", 1e6 * (1 + 0.05 * (y - 2012)), "")
           for y in range(2012, 2025)]
    obs += [("land", "residents", f"{y}-12-31", 3e6, "") for y in range(2012, 2025)]
    obs += [("land", "cover", f"{y}-12-31", 33.3 + 1.7 * (y - 2012), "residents")
            for y in range(2012, 2025)]
    folder = write_scheme(tmp_path / "d", obs, [
        ("land", "cover", "2020-12-31", 50.0, "residents"),
        ("land", "members", "2016-12-31", 1.1e6, "")])
    assert main(["run", "--data-dir", str(folder), "--n-paths", "200", "--lang", "id"]) == 0
    out = capsys.readouterr().out
    assert "Cakupan penduduk >= 50,0% (penduduk) pada 2020-12-31: tidak tercapai" in out
    assert "Anggota >= 1,10 jt jiwa pada 2016-12-31: tercapai: 1,20 jt jiwa" in out


def test_a_flow_in_a_gap_is_set_beside_full_years_only(capsys):
    # Shipped data: no full-year 2016 contributions; the Jun 2016 reading is a
    # year-to-date sum, no level to set beside a full-year target.
    out = _run_json(capsys, Path(__file__).parents[1] / "data", "--as-of", "2023")
    got = {(o["metric"], o["target_date"]): o for o in out["outcomes"]}
    o = got["contributions", "2016-12-31"]
    assert o["status"] == "not_in_data"
    assert (o["before"]["date"], o["after"]["date"]) == ("2015-12-31", "2017-12-31")


def test_a_percentage_that_is_not_coverage_stays_under_100_whatever_its_unit_is_called(
        tmp_path, capsys):
    # A scheme's own percent unit ('pct', max 100) on a metric that is not a coverage (no
    # numerator, no ceiling): rising fast toward 100, it is still a share of a whole, so no
    # path may pass 100 (a log-scale projection of this pace would).
    folder = write_scheme(tmp_path / "d", [], [])
    with open(folder / "scheme.toml", "a", encoding="utf-8") as f:
        f.write('\n[metrics.compliance]\nunit = "pct"\nen = "Compliance rate"\n'
                'id = "Tingkat kepatuhan"\n')
    pace = {2015: 60.0, 2016: 70.0, 2017: 80.0, 2018: 88.0, 2019: 94.0, 2020: 97.0}
    with open(folder / "observations.csv", "a", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["land", "compliance", f"{y}-12-31", v, "pct", "syn",
                                  "SYNTHETIC", ""] for y, v in pace.items()])
    with open(folder / "targets.csv", "a", newline="", encoding="utf-8") as f:
        csv.writer(f).writerow(["land", "compliance", "2030-12-31", 99.9, "pct", "syn",
                                "SYNTHETIC", ""])
    out = _run_json(capsys, folder)
    (entry,) = out["targets"]
    assert all(f["p90"] < 100.0 for f in entry["fan"])
    assert entry["p90"] < 100.0 and entry["median"] > 97.0


def test_the_sources_of_the_ceiling_and_of_a_coverages_base_are_cited(tmp_path, capsys):
    # The residents bound every path of members and move the coverage from its anchor, so
    # their source is behind both answers and in the report's list; it used to be left out.
    years = range(2012, 2024)
    obs = [("land", "members", f"{y}-12-31", 1e6 * 1.05 ** i, "") for i, y in enumerate(years)]
    obs += [("land", "residents", f"{y}-12-31", 3e6 * 1.01 ** i, "")
            for i, y in enumerate(years)]
    obs += [("land", "cover", "2023-12-31", 56.0, "residents")]
    folder = write_scheme(tmp_path / "d", obs, [("land", "members", "2028-12-31", 2.2e6, ""),
                                                ("land", "cover", "2028-12-31", 70.0,
                                                 "residents")])
    with open(folder / "sources.csv", "a", encoding="utf-8") as f:
        f.write("census,SYNTHETIC census office,residents counted,,2000-01-01\n")
    lines = (folder / "observations.csv").read_text(encoding="utf-8").splitlines()
    (folder / "observations.csv").write_text("\n".join(
        line.replace(",syn,", ",census,") if line.startswith("land,residents,") else line
        for line in lines) + "\n",
        encoding="utf-8")
    out = _run_json(capsys, folder)
    by = {t["metric"]: t for t in out["targets"]}
    assert by["members"]["ceiling"]["metric"] == "residents"
    assert not by["members"]["ceiling"]["reason"]  # the ceiling is used
    assert "census" in by["members"]["sources"] and "census" in by["cover"]["sources"]
    assert out["cited_sources"]["census"]["publisher"] == "SYNTHETIC census office"
