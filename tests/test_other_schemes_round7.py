"""Other schemes through ``--data-dir``, seventh round: a pension fund counted in a currency's
billions (values of millions of that unit), and a coverage that has fallen for years above
targets due long after.

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme. Each oracle is the data itself or a hand-written string, never the code under test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import write_scheme_folder

from forecast.cli import main

#: A SYNTHETIC national pension fund whose amounts are published in KRW billion: its assets
#: pass a million of them (a thousand trillion won), as a large fund's do.
KRW = '''# SYNTHETIC test scheme: every number is made up
[scheme]
name = { en = "Synthetic pension fund", id = "Dana pensiun sintetis" }
top_region = "land"
levels = ["nation"]
currency = "KRW"

[units.krwb]
max = 100000000000
en = "KRW billion"
id = "miliar KRW"

[metrics.assets]
unit = "krwb"
en = "Fund assets"
id = "Aset dana"
'''
LAND = (("land", "Synthland", "nation", ""),)


def _fund(folder: Path) -> Path:
    # SYNTHETIC: assets 400,000 KRW billion at end-2010 growing 8 %/yr (1.17M by 2024);
    # the target of 1,500,000 KRW billion by 2030 (a million and a half of the unit).
    obs = [("land", "assets", f"{y}-12-31", f"{400000 * 1.08 ** (y - 2010):.0f}", "krwb", "")
           for y in range(2010, 2025)]
    return write_scheme_folder(folder, KRW, LAND, obs,
                               [("land", "assets", "2030-12-31", "1500000", "krwb", "")])


def test_an_amount_in_a_unit_that_names_its_scale_is_not_scaled_again(tmp_path, capsys):
    # "1.50M KRW billion" (a million billion) and a band from "955,759.2 KRW billion to
    # 1.92M KRW billion" mixed two scales in one line; the unit already says "billion".
    folder = _fund(tmp_path / "krw")
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300",
                 "--output", str(tmp_path / "r.json")]) == 0
    out = capsys.readouterr().out
    assert "1,500,000 KRW billion by 2030-12-31" in out
    assert not re.search(r"\d(M|bn|T) KRW billion", out)
    for lang in ("en", "id"):
        text = _pdf_words(tmp_path / "r.json", lang)
        assert ("1,500,000 KRW billion" if lang == "en" else "1.500.000 miliar KRW") in text
        assert not re.search(r"(million|juta|billion|miliar|trillion|triliun) "
                             r"(KRW billion|miliar KRW)", text), text


def _pdf_words(results_json: Path, lang: str) -> str:
    """The region PDF's verdicts and target table cells, as text."""
    from forecast.report.build import region_document

    doc = region_document(json.loads(results_json.read_text(encoding="utf-8")), {}, lang, [])
    text = "\n".join("".join(s["text"] for s in v) for v in doc["verdicts"])
    return (text + "\n" + json.dumps(doc["rows"], ensure_ascii=False)).replace("\u00a0", " ")


def test_a_chart_of_an_amount_in_billions_has_no_second_scale_on_its_axis(tmp_path):
    # The fan chart's axis said "million KRW billion", then (unscaled) "1e6" over the ticks.
    from forecast.plots import drawn_in_scheme, fan_chart

    folder = _fund(tmp_path / "krw")
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300",
                 "--output", str(tmp_path / "r.json")]) == 0
    results = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    for lang, label in (("en", "KRW billion"), ("id", "miliar KRW")):
        fig = drawn_in_scheme(results["scheme"],
                              lambda: fan_chart(results["targets"][0], lang=lang))
        fig.canvas.draw()
        ax = fig.axes[0]
        assert ax.get_ylabel() == label
        assert ax.yaxis.get_offset_text().get_text() == ""
        ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert any(t.replace(".", "").replace(",", "") == "1000000" for t in ticks), ticks


#: A SYNTHETIC scheme that publishes only its coverage, in percent.
COVERAGE = '''# SYNTHETIC test scheme: every number is made up
[scheme]
name = { en = "Synthetic cover", id = "Cakupan sintetis" }
top_region = "land"
levels = ["nation"]
currency = "EUR"

[units.pct]
max = 100
en = "percent"
id = "persen"

[metrics.cov]
unit = "pct"
en = "Coverage"
id = "Cakupan"
'''


def _falling(folder: Path) -> Path:
    # SYNTHETIC: coverage falls 1.8 points a year, 70.0 % (2005) to 62.8 % (2009); targets
    # of 60 % by 2026 and 55 % by 2030, both below the last reading and years ahead.
    obs = [("land", "cov", f"{y}-12-31", f"{70 - 1.8 * (y - 2005):.1f}", "pct", "")
           for y in range(2005, 2010)]
    return write_scheme_folder(folder, COVERAGE, LAND, obs,
                               [("land", "cov", "2026-12-31", "60", "pct", ""),
                                ("land", "cov", "2030-12-31", "55", "pct", "")])


def test_a_falling_series_above_a_later_target_says_it_falls_below_it(tmp_path, capsys):
    # At 62.8 % and falling 2.7 %/yr, 60 % by 2026 was "unlikely (probability 5 %)" and, in
    # the same block, "already reached", "Target reached 50% by 2009-12-31, 80% by
    # 2009-12-31" and (PDF) "The target was already met at the last observation": nothing
    # said that a target is a level on its date, nor that the fall takes it below.
    folder = _falling(tmp_path / "cov")
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300",
                 "--output", str(tmp_path / "r.json")]) == 0
    out = capsys.readouterr().out
    block = out[out.index("Coverage >= 60.0% by 2026"):out.index("Coverage >= 55")]
    assert "Probability         " in block and "Why it falls" in block
    assert "its median falls below it in 20" in block
    assert "(it has fallen 2.7%/yr since 2005)" in block
    assert "Target reached" not in block
    results = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert all(t["probability"] < 0.5 for t in results["targets"])
    en, id_ = (_pdf_words(tmp_path / "r.json", lang) for lang in ("en", "id"))
    assert "already met" not in en and "sudah tercapai pada pengamatan terakhir" not in id_
    assert "already at or above it, but its median falls below it in 20" in en
    assert "sudah mencapai atau melampauinya, tetapi mediannya turun di bawahnya pada 20" in id_
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300", "--lang", "id"]) == 0
    assert "Mengapa turun" in capsys.readouterr().out


def test_a_series_above_its_target_that_stays_above_it_has_no_fall_note(tmp_path, capsys):
    # SYNTHETIC: coverage rising 1 point a year to 64 % (2024); 60 % by 2030 stays met.
    obs = [("land", "cov", f"{y}-12-31", f"{50 + (y - 2010):.1f}", "pct", "")
           for y in range(2010, 2025)]
    folder = write_scheme_folder(tmp_path / "up", COVERAGE, LAND, obs,
                                 [("land", "cov", "2030-12-31", "60", "pct", "")])
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300"]) == 0
    out = capsys.readouterr().out
    assert "Why it falls" not in out and "Target reached" in out


#: A SYNTHETIC scheme of a nation and its provinces, members over residents.
PROVINCES = '''# SYNTHETIC test scheme: every number is made up
[scheme]
name = { en = "Synthetic provinces", id = "Provinsi sintetis" }
top_region = "nat"
levels = ["nation", "province"]
currency = "THB"

[units.people]
max = 10000000000
en = "people"
id = "jiwa"

[metrics.members]
unit = "people"
en = "Members"
id = "Anggota"
'''


def test_two_seeds_move_a_region_read_once_by_less_than_a_point(tmp_path):
    # SYNTHETIC: the nation's members grow 5 %/yr from 6M (2012-2024); Khon Kaen (a Thai
    # name) has one reading, 1.2M at end-2024, and a target of 1.5M by 2030. Its pooled
    # projection drew its share's slope and walk as plain normal draws: six seeds moved its
    # probability by 2.0 points (0.476 to 0.496), where the models' stratified draws move
    # theirs by a few tenths (now 0.481 to 0.488).
    from forecast.data import load_panel
    from forecast.run import run_region

    obs = [("nat", "members", f"{y}-12-31", f"{6e6 * 1.05 ** (y - 2012):.0f}", "people", "")
           for y in range(2012, 2025)] + [("kkn", "members", "2024-12-31", "1200000",
                                            "people", "")]
    folder = write_scheme_folder(
        tmp_path / "prov", PROVINCES,
        (("nat", "Synthland", "nation", ""), ("kkn", "ขอนแก่น", "province", "nat")), obs,
        [("kkn", "members", "2030-12-31", "1500000", "people", "")])
    panel = load_panel(folder)
    probs = [run_region(panel, "kkn", n_paths=5000, seed=s)["targets"][0]["probability"]
             for s in range(1, 7)]
    assert 0.05 < min(probs) and max(probs) < 0.95  # a probability the seed can move
    assert max(probs) - min(probs) <= 0.01, probs


#: A SYNTHETIC health insurance: members under residents, read monthly in its last year.
HEALTH = PROVINCES.replace('id = "Anggota"\n', 'id = "Anggota"\nceiling = "pop"\n') + '''
[metrics.pop]
unit = "people"
en = "Residents"
id = "Penduduk"
'''


def test_a_year_in_progress_is_not_nowcast_above_the_ceiling(tmp_path, capsys):
    # SYNTHETIC: residents 250M growing 1 %/yr; members 130M rising 16M a year to 258M at
    # end-2022, then held at 98.5 % of the residents, read every month of 2023 and 2024.
    # As of June 2024 the year-end was nowcast at the members' recent yearly growth
    # (6 %/yr): 281.6M members at end-2024, above the 276.2M residents there.
    pop = {y: 250e6 * 1.01 ** (y - 2014) for y in range(2014, 2025)}
    obs = [("nat", "pop", f"{y}-12-31", f"{p:.0f}", "people", "") for y, p in pop.items()]
    obs += [("nat", "members", f"{y}-12-31", f"{130e6 + 16e6 * (y - 2014):.0f}", "people", "")
            for y in range(2014, 2023)]
    for y in (2023, 2024):
        obs += [("nat", "members", f"{y}-{m:02d}-28", f"{0.985 * pop[y]:.0f}", "people", "")
                for m in range(1, 13)]
    folder = write_scheme_folder(tmp_path / "health", HEALTH, (("nat", "Synthland", "nation",
                                                                ""),), obs,
                                 [("nat", "members", "2026-12-31", "280000000", "people", "")])
    assert main(["run", "--data-dir", str(folder), "--as-of", "2024-06-30", "--vintage", "date",
                 "--n-paths", "300", "--output", str(tmp_path / "r.json")]) == 0
    out = capsys.readouterr().out
    entry = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["targets"][0]
    now = entry["data_quality"]["nowcast"]
    assert now["year_end"] == "2024-12-31"
    residents_end_2024 = pop[2023] * 1.01  # the residents' own 1 %/yr, a year on
    assert now["from_value"] <= now["value"] < residents_end_2024
    assert "of its share of its ceiling" in out


def test_a_target_above_the_projected_ceiling_names_the_ceilings_trend(tmp_path, capsys):
    # SYNTHETIC: residents 250M growing 1 %/yr to 2024 (about 276M), members at 98 % of
    # them; a target of 300M members by 2026 lies above the residents' trend (about 282M).
    # "The most the quantity can be" read as a fact; it is the residents' trend, and says so.
    from forecast.data import load_panel
    from forecast.report.i18n import verdict_text
    from forecast.report.words import set_scheme
    from forecast.run import run_region

    pop = {y: 250e6 * 1.01 ** (y - 2014) for y in range(2014, 2025)}
    obs = [("nat", "pop", f"{y}-12-31", f"{p:.0f}", "people", "") for y, p in pop.items()]
    obs += [("nat", "members", f"{y}-12-31", f"{0.98 * p:.0f}", "people", "")
            for y, p in pop.items()]
    folder = write_scheme_folder(tmp_path / "health", HEALTH, (("nat", "Synthland", "nation",
                                                                ""),), obs,
                                 [("nat", "members", "2026-12-31", "300000000", "people", "")])
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300"]) == 0
    out = capsys.readouterr().out
    assert "the trend projection of the residents" in out
    assert "short of the residents growing faster than that trend" in out
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300", "--lang", "id"]) == 0
    assert "kecuali penduduk tumbuh lebih cepat dari tren itu" in capsys.readouterr().out
    results = run_region(load_panel(folder), "nat", n_paths=300)
    entry = results["targets"][0]
    assert entry["bound_note"] == "target_at_or_above_bound" and entry["probability"] == 0
    set_scheme(results["scheme"])  # the PDF's words read the run's scheme, as render does
    try:
        for lang, words in (("en", "trend projection of the residents"),
                            ("id", "proyeksi tren penduduk")):
            assert words in " ".join(verdict_text(entry, lang).split()), lang
    finally:
        set_scheme(None)
