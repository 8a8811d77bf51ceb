"""Other schemes through ``--data-dir``, ninth round: a count that collapses toward zero, a
share held at exactly 100 % for years, a provident fund whose units name South Asian
scales (lakh, crore) and whose year ends on 31 March.

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme. Each oracle is the data itself or a hand-written string, never the code under test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import write_rows, year_ends

from forecast.cli import main

#: A SYNTHETIC mutual fund whose top region is a 'crown' over cantons.
CROWN = '''# SYNTHETIC test scheme: every number is made up
[scheme]
name = { en = "Synthetic mutual fund", id = "Dana bersama sintetis" }
top_region = "crown"
levels = ["realm", "canton"]
currency = "CHF"

[units.people]
max = 10000000000
en = "people"
id = "jiwa"

[units.pct]
max = 100
en = "percent"
id = "persen"

[metrics.members]
unit = "people"
en = "Members"
id = "Anggota"
ceiling = "pop"

[metrics.pop]
unit = "people"
en = "Population"
id = "Penduduk"

[metrics.cov]
unit = "pct"
en = "Coverage"
id = "Cakupan"
numerator = "members"
denominator = "pop"
ceiling = "pop"
denominators = ["pop"]
'''
CROWN_REGIONS = (("crown", "Crown of Ærø", "realm", ""),
                 ("zug", "Zug", "canton", "crown"),
                 ("aoste", "Val d'Aoste", "canton", "crown"))
CROWN_UNITS = {"members": "people", "pop": "people", "cov": "pct"}
#: SYNTHETIC: Zug's members collapse from 50,000 to 40; Aoste counts everyone (100 %).
ZUG = [50000, 42000, 33000, 24000, 15000, 8000, 3500, 1200, 300, 40]
AOSTE = [80000 + 1000 * i for i in range(10)]


@pytest.fixture(scope="module")
def crown(tmp_path_factory) -> Path:
    obs = (year_ends("crown", "members", [9e5 + 2e4 * i for i in range(10)], 2015)
           + year_ends("crown", "pop", [2e6] * 10, 2015)
           + year_ends("zug", "members", ZUG, 2015)
           + year_ends("zug", "pop", [120000] * 10, 2015)
           + year_ends("aoste", "members", AOSTE, 2015)
           + year_ends("aoste", "pop", AOSTE, 2015)
           + year_ends("aoste", "cov", [100] * 10, 2015))
    targets = [("crown", "members", "2027-12-31", 1.2e6),
               ("zug", "members", "2027-12-31", 60000),
               ("aoste", "cov", "2026-12-31", 100)]
    return write_rows(tmp_path_factory.mktemp("crown") / "data", CROWN, CROWN_REGIONS,
                      CROWN_UNITS, obs, targets)


def _run(capsys, folder: Path, region: str, *extra) -> str:
    capsys.readouterr()
    assert main(["run", "--data-dir", str(folder), "--region", region, "--n-paths", "200",
                 *extra]) == 0
    return capsys.readouterr().out


def test_a_target_far_above_a_collapsed_count_keeps_its_own_digits(crown, capsys):
    # Members fell to 40, read and projected in whole people: no decimals could tell 39.6
    # from 40, and asking for them printed the target as "60.00000k people".
    for lang, want in (("en", "60.0k people"), ("id", "60,0 rb jiwa")):
        out = _run(capsys, crown, "zug", "--lang", lang)
        head = out.splitlines()[2]
        assert want in head, head
        assert not re.search(r"\d[.,]\d{3,} ?(k|rb)\b", out), out


def test_a_pair_of_counts_no_decimals_part_asks_for_none():
    from forecast.textnum import UNITS, extra_digits, fmt_value

    token = UNITS.set({"people": {"max": 1e10, "labels": {"en": "people"}, "count": True}})
    try:
        # A band end of 39.6 beside a reading of 40: both print "40 people" whatever the
        # decimals (a few people are whole), so the target beside them needs none.
        values = [60000, 40, 14.3, 4.4, 39.6]
        ex = extra_digits(values, "people")
        assert fmt_value(60000, "people", extra=ex) == "60.0k people"
        assert fmt_value(40, "people", extra=ex) == "40 people"
        # Values that decimals do part still get them: 60,000 and 60,040 people.
        ex = extra_digits([60000, 60040], "people")
        assert fmt_value(60000, "people", extra=ex) != fmt_value(60040, "people", extra=ex)
    finally:
        UNITS.reset(token)


def test_base_years_of_a_share_held_at_100_give_no_ratio_of_two_zero_paces(crown, capsys):
    # Coverage was 100 % in every year: no pace was achieved or needed from any base, yet
    # each row printed a ratio beside them ("0.0%  0.0%  1.22").
    out = _run(capsys, crown, "aoste")
    rows = [ln.split() for ln in out.splitlines()
            if re.match(r"\s+(Base-year sensitivity\s+)?20\d\d\s", ln)]
    assert len(rows) == 9, out
    for row in rows:  # then the classification's words ("above the target now")
        assert row[2 * (row[0] == "Base-year"):][1:4] == ["0.0%", "0.0%", "n/a"], row


#: A SYNTHETIC provident fund: subscribers in lakh persons (1 lakh = 100,000), its corpus
#: in INR crore (1 crore = 10 million rupees), fiscal years ending 31 March.
PROVIDENT = '''# SYNTHETIC test scheme: every number is made up
[scheme]
name = { en = "Synthetic provident fund", id = "Dana provident sintetis" }
top_region = "union"
levels = ["union", "zone"]
currency = "INR"
year_end = "03-31"

[units.lakh]
max = 1e6
en = "lakh persons"
id = "lakh orang"

[units.crore]
max = 1e9
en = "INR crore"
id = "crore rupee"

[metrics.subscribers]
unit = "lakh"
en = "Subscribers"
id = "Pelanggan"
ceiling = "workforce"

[metrics.workforce]
unit = "lakh"
en = "Workforce"
id = "Angkatan kerja"

[metrics.corpus]
unit = "crore"
en = "Corpus"
id = "Dana kelolaan"
'''


@pytest.fixture(scope="module")
def provident(tmp_path_factory) -> Path:
    # SYNTHETIC: 1,800 lakh subscribers in FY2014 (+150 a year) of a workforce of 4,500
    # lakh (+40 a year); a corpus of 700,000 crore
    # growing 12 %/yr (2.43 million crore by FY2025); targets for FY2030.
    obs = [("union", "subscribers", f"{2014 + i}-03-31", 1800 + 150 * i) for i in range(12)]
    obs += [("union", "corpus", f"{2014 + i}-03-31", round(700000 * 1.12 ** i))
            for i in range(12)]
    obs += [("union", "workforce", f"{2014 + i}-03-31", 4500 + 40 * i) for i in range(12)]
    targets = [("union", "subscribers", "2030-03-31", 5000),
               ("union", "corpus", "2030-03-31", 5000000)]
    folder = write_rows(tmp_path_factory.mktemp("provident") / "data", PROVIDENT,
                        (("union", "Union", "union", ""),),
                        {"subscribers": "lakh", "workforce": "lakh", "corpus": "crore"}, obs, targets)
    out = folder.parent / "r.json"
    assert main(["run", "--data-dir", str(folder), "--n-paths", "200", "--output",
                 str(out)]) == 0
    return folder


def _pdf_words(results: dict, lang: str) -> str:
    """The region PDF's verdicts and target table cells, as text."""
    from forecast.report.build import region_document

    doc = region_document(results, {}, lang, [])
    text = "\n".join("".join(s["text"] for s in v) for v in doc["verdicts"])
    return (text + "\n" + json.dumps(doc["rows"], ensure_ascii=False)).replace("\u00a0", " ")


def test_amounts_in_crore_are_not_scaled_again(provident, capsys):
    # "5.00M INR crore": a million of a unit that is itself ten million rupees.
    for lang, want in (("en", "5,000,000 INR crore"), ("id", "5.000.000 crore rupee")):
        out = _run(capsys, provident, "union", "--lang", lang)
        assert want in out, out
        assert not re.search(r"\d ?(M|jt|bn|miliar) (INR crore|crore rupee)", out), out
    results = json.loads((provident.parent / "r.json").read_text(encoding="utf-8"))
    for lang, want in (("en", "5,000,000 INR crore"), ("id", "5.000.000 crore rupee")):
        text = _pdf_words(results, lang)
        assert want in text, text
        assert not re.search(r"(million|juta|billion|miliar) (INR crore|crore rupee)", text)


def test_a_count_in_lakh_is_written_as_the_people_it_counts(provident):
    # 5,000 lakh persons are 500 million subscribers (a lakh is 100,000), not 5,000.
    results = json.loads((provident.parent / "r.json").read_text(encoding="utf-8"))
    for lang, want in (("en", "500 million subscribers"), ("id", "pelanggan 500 juta")):
        text = _pdf_words(results, lang)
        assert want in text, text


@pytest.fixture(scope="module")
def billion(tmp_path_factory) -> Path:
    """A SYNTHETIC scheme of a most populous nation: 850 million members in 2014 (+22
    million a year, 1.07 billion by 2024) of a population of 1.3 billion; a target of 1.2
    billion by 2028, and one of exactly the 2024 reading, due then."""
    members = [8.5e8 + 2.2e7 * i for i in range(11)]
    obs = (year_ends("crown", "members", members, 2014)
           + year_ends("crown", "pop", [1.3e9 + 2e6 * i for i in range(11)], 2014))
    targets = [("crown", "members", "2028-12-31", 1.2e9),
               ("crown", "members", "2024-12-31", 1.07e9)]
    folder = write_rows(tmp_path_factory.mktemp("billion") / "data", CROWN,
                        CROWN_REGIONS[:1], CROWN_UNITS, obs, targets)
    assert main(["run", "--data-dir", str(folder), "--n-paths", "200", "--output",
                 str(folder.parent / "r.json")]) == 0
    return folder


def test_a_count_past_a_billion_is_written_in_billions(billion, capsys):
    # "1,070.00M people" and "1,200 million members": a billion is written as such, with
    # the digits that keep 1.07 billion from reading as 1.1 billion.
    for lang, want in (("en", ["1.20bn people by 2028-12-31", "met: 1.07bn people"]),
                       ("id", ["1,20 miliar jiwa pada 2028-12-31",
                               "tercapai: 1,07 miliar jiwa"])):
        out = _run(capsys, billion, "crown", "--lang", lang)
        for w in want:
            assert w in out, out
        assert not re.search(r"\d,\d{3}[.,]\d+ ?(M|jt)\b", out), out
    results = json.loads((billion.parent / "r.json").read_text(encoding="utf-8"))
    for lang, want in (("en", ["1.20 billion members by end-2028",
                               "1.07 billion people on 31 December 2024"]),
                       ("id", ["anggota 1,20 miliar pada akhir 2028",
                               "1,07 miliar jiwa pada 31 Desember 2024"])):
        text = _pdf_words(results, lang)
        for w in want:
            assert w in text, text
        assert not re.search(r"\d[,.]\d{3} (million|juta)", text), text


def test_a_chart_of_a_billion_members_is_in_billions(billion):
    from forecast.plots import drawn_in_scheme, fan_chart

    results = json.loads((billion.parent / "r.json").read_text(encoding="utf-8"))
    for lang, label in (("en", "billion people"), ("id", "miliar jiwa")):
        fig = drawn_in_scheme(results["scheme"],
                              lambda: fan_chart(results["targets"][0], lang=lang))
        fig.canvas.draw()
        assert fig.axes[0].get_ylabel() == label
        ticks = [float(t.get_text().replace(",", ".")) for t in
                 fig.axes[0].get_yticklabels() if t.get_text()]
        assert 0.5 < min(ticks) and max(ticks) < 1.5, ticks  # 0.85 to 1.2 billion


def test_a_region_id_with_an_accent_says_which_letters_and_where_the_name_goes(
        tmp_path, capsys, crown):
    # 'zürich' is lowercase letters: "expected a lowercase slug of letters" did not say
    # which, nor that the name column takes any script.
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(crown, folder)
    for name in ("regions.csv", "observations.csv", "targets.csv"):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace("zug,", "zürich,"),
                        encoding="utf-8")
    capsys.readouterr()
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "regions.csv:3: column 'id'" in err, err
    assert "a-z" in err and "other letters belong in the name column" in err, err
    assert "found 'zürich'" in err, err


def test_an_indonesian_base_year_without_a_ratio_says_t_a(crown, capsys):
    # Aoste's share, held at 100 %, has no ratio in any base year; the Indonesian table
    # printed the English "n/a" there.
    out = _run(capsys, crown, "aoste", "--lang", "id")
    rows = [ln.split() for ln in out.splitlines()
            if re.match(r"\s+(Kepekaan tahun dasar\s+)?20\d\d\s", ln)]
    assert len(rows) == 9, out
    assert all(row[1:4] == ["0,0%", "0,0%", "t/a"] for row in rows), rows
    assert "n/a" not in out, out


def test_a_count_with_a_target_is_not_listed_as_having_none(tmp_path, capsys):
    # Two readings in all: the members' target is not assessed (too few year-ends), and
    # the members were also listed under "Projected at the pace seen so far (no target
    # to compare against)", the same reason twice, under a heading that denies the target.
    folder = write_rows(tmp_path / "data", CROWN, CROWN_REGIONS[:1], CROWN_UNITS,
                        [("crown", "members", "2022-12-31", 420),
                         ("crown", "members", "2024-12-31", 510)],
                        [("crown", "members", "2027-12-31", 800)])
    for lang, heading, reason in (("en", "no target to compare against", "only 2 year-end"),
                                  ("id", "tanpa target sebagai pembanding", "hanya 2 ")):
        out = _run(capsys, folder, "crown", "--lang", lang)
        assert heading not in out, out
        assert out.count(reason) == 1, out


def test_a_share_read_at_100_every_year_is_charted_flat_with_its_readings(crown, tmp_path):
    # Aoste read 100 % at every year-end. Its past implied from the members (99.99 %)
    # hid the readings of the same dates, and an axis of 0.01 points drew a cliff from
    # 99.99 % up to the last reading and back down to the projection.
    from forecast.plots import drawn_in_scheme, fan_chart

    out = tmp_path / "r.json"
    assert main(["run", "--data-dir", str(crown), "--region", "aoste", "--n-paths", "200",
                 "--output", str(out)]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    entry = results["targets"][0]
    # Read at every year-end the members were, the readings are its history.
    shown = {s["date"]: s["value"] for s in entry["history"]}
    assert shown == {f"{y}-12-31": 100.0 for y in range(2015, 2025)}, shown
    for lang in ("en", "id"):
        fig = drawn_in_scheme(results["scheme"], lambda: fan_chart(entry, lang=lang))
        lo, hi = fig.axes[0].get_ylim()
        assert hi - lo >= 1.0 and 100.0 <= hi < 100.1, (lo, hi)


def test_an_amount_in_a_unit_glued_to_its_scale_is_not_scaled_again():
    from forecast.textnum import UNITS, fmt_value

    # Annual reports write "EURm" and "US$bn": "2.50M EURm" would be a million millions.
    token = UNITS.set({"eurm": {"max": 1e12, "labels": {"en": "EURm"}},
                       "usdbn": {"max": 1e12, "labels": {"en": "US$bn"}},
                       "cm": {"max": 1e12, "labels": {"en": "cm"}}})
    try:
        assert fmt_value(2.5e6, "eurm") == "2,500,000 EURm"
        assert fmt_value(1.5e6, "usdbn") == "1,500,000 US$bn"
        assert fmt_value(2.5e6, "cm") == "2.50M cm"  # a unit, not a scale
    finally:
        UNITS.reset(token)


def test_one_region_of_a_level_projected_has_a_projection_in_the_singular():
    from forecast.reasons import reason
    from forecast.reconwords import recon_text

    # A scheme with one province read: "1 of 1 province regions have a projection".
    one = reason("recon_need_two", n_projected=1, n=1, level="province", metric="members")
    assert recon_text(one, "en") == ("1 of 1 province region has a projection of members; "
                                     "at least 2 are needed")
    two = reason("recon_too_few", n_projected=2, n=5, level="district", metric="members",
                 whole="land")
    assert recon_text(two, "en").startswith("only 2 of 5 district regions have a projection")
