"""Other schemes through ``--data-dir``, sixth round: counts published in thousands, a
count without a ceiling, a region read once, many regions, targets long past due.

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme. Each oracle is the data itself or a hand-written string, never the code under test.
"""

from __future__ import annotations

from pathlib import Path

from conftest import write_rows
from conftest import year_ends as conftest_year_ends

from forecast.cli import main

#: A SYNTHETIC social insurance publishing its counts in thousands (as many statistics
#: offices do): contributors over a labour force, both in thousand persons.
THOUSANDS = '''# SYNTHETIC test scheme: every number is made up
[scheme]
name = { en = "Synthetic social insurance", id = "Asuransi sosial sintetis" }
top_region = "land"
levels = ["country", "department"]
currency = "COP"

[units.kp]
max = 10000000
en = "thousand persons"
id = "ribu orang"

[units.pct]
max = 100
en = "percent"
id = "persen"

[metrics.contrib]
unit = "kp"
en = "Contributors"
id = "Peserta pembayar"

[metrics.lf]
unit = "kp"
en = "Labour force"
id = "Angkatan kerja"

[metrics.cov]
unit = "pct"
en = "Coverage of the labour force"
id = "Cakupan angkatan kerja"
numerator = "contrib"
denominator = "lf"
ceiling = "lf"
denominators = ["lf"]
'''
LAND = (("land", "Synthland", "country", ""),)


def year_ends(region, metric, values, first=2012):
    return conftest_year_ends(region, metric, values, first)


def _verdicts(folder: Path, region: str, lang: str) -> str:
    from forecast.data import load_panel
    from forecast.report.build import region_document
    from forecast.run import run_region

    results = run_region(load_panel(folder), region, n_paths=200)
    doc = region_document(results, {}, lang, [])
    text = "\n".join("".join(s["text"] for s in v) for v in doc["verdicts"])
    return text.replace("\u00a0", " ")  # the PDFs' no-break spaces, read as spaces


def test_a_count_published_in_thousands_keeps_its_scale_in_the_verdicts(tmp_path):
    # SYNTHETIC: 12.0 to 20.6 million contributors, written in thousands; the target of
    # 22,000 thousand is 22 million contributors, 1,400 thousand above the last reading.
    lf = [round(22000 * 1.012 ** i, 1) for i in range(13)]
    con = [12000, 12600, 13100, 13900, 14500, 15100, 15600, 16200, 14800, 16900, 18400,
           19600, 20600]
    obs = (year_ends("land", "lf", lf) + year_ends("land", "contrib", con)
           + year_ends("land", "cov", [round(100 * c / v, 1) for c, v in zip(con, lf)]))
    folder = write_rows(tmp_path / "d", THOUSANDS, LAND, {"contrib": "kp", "lf": "kp",
                                                          "cov": "pct"},
                        obs, [("land", "contrib", "2026-12-31", 22000)], base="lf")
    en = _verdicts(folder, "land", "en")
    assert "22 million contributors by end-2026" in en, en
    # 1,400 thousand in 24 months: about 58 thousand a month, against 1,000 thousand in
    # 2024 (83 thousand a month): thousands of people, not 58 people.
    assert " thousand net new contributors a month against " in en, en
    assert " thousand achieved in 2024" in en, en
    idn = _verdicts(folder, "land", "id")
    assert "peserta pembayar 22 juta pada akhir 2026" in idn, idn
    assert " ribu peserta pembayar baru bersih per bulan" in idn, idn
