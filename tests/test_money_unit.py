"""The fund model's money in a scheme's own unit and currency (forecast.money).

Every folder here is SYNTHETIC, written by the test: made-up numbers in a made-up Thai
baht scheme. The contributions are chosen so that the contribution per active participant
is known by hand: 23, 27.5 and 32.4 THB billion over mean participants of 11.5, 12.5 and
13.5 million give 2,000, 2,200 and 2,400 THB a head (mean 2,200, sd 200).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from conftest import write_scheme_folder

from forecast import funds
from forecast.cli import main
from forecast.data import load_panel
from forecast.errors import ModelError, ParameterError
from forecast.money import missing_scale, suffix_scale, unit_scale
from forecast.scheme import load_scheme
from forecast.series import Series

HEAD = '''# SYNTHETIC test scheme: every number is made up
[scheme]
name = { en = "Synthetic baht fund", id = "Dana baht sintetis" }
top_region = "national"
levels = ["national"]
currency = "THB"

[units.people]
max = 10000000000
en = "persons"
id = "orang"

[units.MONEY]
max = 1000000
en = "THB billion"
id = "miliar THB"
SCALE
'''
METRICS = "".join(f'''
[metrics.{m}]
unit = "{u}"
en = "{en}"
id = "{id_}"
{extra}''' for m, u, en, id_, extra in (
    ("active_total", "people", "Active participants", "Peserta aktif",
     'ceiling = "working_population"\n'),
    ("working_population", "people", "Working population", "Penduduk bekerja", ""),
    ("fund_investment", "MONEY", "Investment funds", "Dana investasi", ""),
    ("contributions", "MONEY", "Contributions", "Iuran", "flow = true\n"),
    ("benefits_paid", "MONEY", "Benefits paid", "Klaim dibayar", "flow = true\n"),
    ("investment_income", "MONEY", "Investment income", "Hasil investasi", "flow = true\n")))

ACTIVE = {2016: 8e6, 2017: 9e6, 2018: 10e6, 2019: 11e6, 2020: 12e6, 2021: 13e6, 2022: 14e6,
          2023: 15e6}
FUND = {2016: 80.0, 2017: 88.0, 2018: 96.0, 2019: 105.0, 2020: 115.0, 2021: 126.0,
        2022: 138.0, 2023: 151.0}
#: THB billion in the year: 2,000 / 2,200 / 2,400 THB a head of the mean participants.
CONTRIBUTIONS = {2020: 23.0, 2021: 27.5, 2022: 32.4}
ROT = ("rupiah", "Rp", "triliun", "trillion", "IDR", " jt")


def _folder(root: Path, unit: str = "THB_billion", scale: str = "",
            contributions_unit: str | None = None) -> Path:
    scheme = HEAD.replace("MONEY", unit).replace("SCALE", scale) + METRICS.replace(
        "MONEY", unit)
    if contributions_unit:
        scheme += f'\n[units.{contributions_unit}]\nmax = 1000000000\nen = "x"\nid = "x"\n'
        scheme = scheme.replace('[metrics.contributions]\nunit = "' + unit,
                                '[metrics.contributions]\nunit = "' + contributions_unit)
    obs = [("national", "active_total", f"{y}-12-31", int(v), "people", "")
           for y, v in ACTIVE.items()]
    obs += [("national", "working_population", f"{y}-12-31", 40_000_000, "people", "")
            for y in ACTIVE]
    obs += [("national", "fund_investment", f"{y}-12-31", v, unit, "") for y, v in FUND.items()]
    obs += [("national", "contributions", f"{y}-12-31", v, contributions_unit or unit, "")
            for y, v in CONTRIBUTIONS.items()]
    obs += [("national", "benefits_paid", f"{y}-12-31", round(0.05 * FUND[y - 1], 3), unit, "")
            for y in (2020, 2021, 2022)]
    obs += [("national", "investment_income", f"{y}-12-31", round(0.08 * FUND[y - 1], 3), unit,
             "") for y in (2020, 2021, 2022)]
    targets = [("national", "active_total", "2026-12-31", 20_000_000, "people", ""),
               ("national", "fund_investment", "2026-12-31", 250.0, unit, "")]
    return write_scheme_folder(root, scheme, [("national", "Synthland", "national", "")], obs, targets)


def _run(folder: Path, capsys) -> dict:
    assert main(["run", "--data-dir", str(folder), "--n-paths", "200", "--format", "json",
                 "--models", "linear,rw_drift"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def thb(tmp_path_factory) -> Path:
    return _folder(tmp_path_factory.mktemp("thb") / "d")


@pytest.fixture(scope="module")
def thb_results(thb) -> dict:
    # capsys is function-scoped: read the results.json the run writes with --output.
    out = thb.parent / "results.json"
    assert main(["run", "--data-dir", str(thb), "--n-paths", "200", "--output", str(out),
                 "--models", "linear,rw_drift"]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _no_rupiah(text: str) -> None:
    found = [w for w in ROT if w in text]
    assert not found, f"{found} in {text!r}"


# ---------------------------------------------------------------------------- the scale


def test_a_units_scale_is_its_key_else_its_suffix_else_unknown(tmp_path):
    assert suffix_scale("THB_billion") == 1e9 and suffix_scale("EUR_Million") == 1e6
    assert suffix_scale("IDR_trillion") == 1e12 and suffix_scale("NGN_thousand") == 1e3
    assert suffix_scale("THB_bn") is None and suffix_scale("baht") is None
    stated = load_scheme(_folder(tmp_path / "a", unit="THB_bn", scale="scale = 1e9"))
    assert unit_scale(stated.units["THB_bn"]) == 1e9
    # The key wins over the suffix: a unit called _billion that holds crores (1e7).
    crore = load_scheme(_folder(tmp_path / "b", scale="scale = 10000000"))
    assert unit_scale(crore.units["THB_billion"]) == 1e7
    plain = load_scheme(_folder(tmp_path / "c", unit="THB_bn"))
    assert unit_scale(plain.units["THB_bn"]) is None


@pytest.mark.parametrize("bad", ['"1e9"', "0", "-5", "true", "inf", "nan", "2e18", "[1e9]"])
def test_a_bad_scale_is_one_line_and_exit_2(tmp_path, capsys, bad):
    folder = _folder(tmp_path / "d", scale=f"scale = {bad}")
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "key 'units.THB_billion.scale': expected a positive number up to 1e18" in err


# ---------------------------------------------------------------------------- the engine


def test_the_contribution_per_participant_is_in_the_schemes_currency_and_scale(thb):
    inputs = funds.calibrate(load_panel(thb), "national")
    c = inputs.contribution_per_participant
    # By hand: 23e9 / 11.5e6, 27.5e9 / 12.5e6, 32.4e9 / 13.5e6 THB a head.
    assert c.years == (2020, 2021, 2022)
    np.testing.assert_allclose(c.yearly, [2000.0, 2200.0, 2400.0])
    assert c.value == pytest.approx(2200.0) and c.sd == pytest.approx(200.0)
    assert c.unit == "THB_per_participant_year"
    assert "2020 2,000 THB" in c.how and "mean 2,200 THB, year-to-year sd 200 THB" in c.how
    assert (inputs.unit, inputs.currency, inputs.scale) == ("THB_billion", "THB", 1e9)
    assert "(THB billion)" in inputs.inputs()[0]["how"]


def _thb_inputs(c_per_head: float) -> funds.FundInputs:
    fund = Series.from_years([2020], [100.0], region="national", metric="fund_investment",
                             unit="THB_billion")
    active = Series.from_years([2020, 2021, 2022], [10e6, 12e6, 14e6], region="national")

    def est(name, value, unit="fraction"):
        return funds.Estimate(name=name, value=value, sd=0.0, years=(1, 2, 3),
                              yearly=(value,) * 3, unit=unit, how="toy")
    return funds.FundInputs(region="national", fund=fund, active=active,
                            investment_return=est("investment_return", 0.10),
                            contribution_per_participant=est(
                                "contribution_per_participant", c_per_head,
                                "THB_per_participant_year"),
                            benefit_share=est("benefit_share", 0.05), unit="THB_billion",
                            currency="THB", scale=1e9, unit_words="THB billion")


def test_the_recursion_turns_baht_a_head_into_billions_by_hand():
    # 2,000 THB a head; mean participants 11M in 2021, 13M in 2022 -> 22 and 26 THB billion.
    # 2021: 100 * 1.1 + 22 - 5 = 127;  2022: 127 * 1.1 + 26 - 6.35 = 159.35
    fp = funds.simulate_funds(_thb_inputs(2000.0), None, end_year=2022, seed=1, n_paths=100)
    np.testing.assert_allclose(fp.paths[0], [127.0, 159.35])


def test_flows_in_another_unit_than_the_fund_are_not_added_up(tmp_path):
    folder = _folder(tmp_path / "d", contributions_unit="THB_million")
    with pytest.raises(ModelError, match=r"need its unit THB_billion; found contributions in "
                                         r"THB_million"):
        funds.calibrate(load_panel(folder), "national")


@pytest.mark.parametrize("n", [99, 1, 0, -5, True, 150.0, "200"])
def test_simulate_funds_refuses_fewer_paths_than_the_floor(n):
    with pytest.raises(ParameterError, match=r"^n_paths: expected a whole number of at least "
                                             r"100 simulated paths, found "):
        funds.simulate_funds(_thb_inputs(2000.0), None, end_year=2022, seed=1, n_paths=n)


def test_simulate_funds_takes_the_floor_and_refuses_a_thin_projection():
    fp = funds.simulate_funds(_thb_inputs(2000.0), None, end_year=2021, seed=1, n_paths=100)
    assert fp.paths.shape == (100 * funds.INPUT_COPIES, 1)

    class Thin:  # a projection of 10 paths, as forecast.simulate.project allows
        paths = np.ones((10, 3))
        series = None
    with pytest.raises(ParameterError, match=r"^active_projection \(its paths\): expected a "
                                             r"whole number of at least 100 .*found 10"):
        funds.simulate_funds(_thb_inputs(2000.0), Thin(), end_year=2021, seed=1)


# ---------------------------------------------------------------------------- what is shown


def test_the_run_text_names_baht_in_both_languages(thb_results):
    from forecast.textfmt import format_results

    fm = thb_results["funds_model"]
    assert fm["unit"] == "THB_billion" and "scale_missing" not in fm
    for lang, words in (("en", ["Structural fund model: Investment funds >= 250.0 THB billion",
                                # the value names its currency: the name does not
                                "Contributions per active participant a year "
                                "2,200 THB (sd 200 THB)"]),
                        ("id", ["Model dana struktural: Dana investasi >= 250,0 miliar THB",
                                "Iuran per peserta aktif per tahun 2.200 THB "
                                "(simpangan baku 200 THB)"])):
        text = format_results(thb_results, lang)
        block = text[text.index(words[0][:20]):]
        block = block[:block.index("\n\n")]
        for w in words:
            assert w in re.sub(r" {2,}", " ", block), (w, block)
        assert "(THB) " not in block
        _no_rupiah(block)


def test_the_notebook_fund_inputs_table_names_baht(thb_results):
    from forecast.tables import funds_inputs_table

    for lang, start, per_head in (("en", "Fund at the start (THB billion)",
                                   "Contributions per active participant a year (THB)"),
                                  ("id", "Dana awal (miliar THB)",
                                   "Iuran per peserta aktif per tahun (THB)")):
        table = funds_inputs_table(thb_results, lang)
        text = table.to_string()
        assert start in text and per_head in text
        assert ("2,000 THB" if lang == "en" else "2.000 THB") in text  # 2020, in "how"
        _no_rupiah(text)


def test_the_pdf_cross_check_names_baht(thb_results):
    from forecast.report.build import optional_sections
    from forecast.report.words import set_scheme

    set_scheme(thb_results["scheme"])
    try:
        en = optional_sections(thb_results, "en")["funds_model"]
        id_ = optional_sections(thb_results, "id")["funds_model"]
    finally:
        set_scheme(None)
    assert "250 THB billion by end-2026" in en["line"].replace("\u00a0", " ")
    assert "250 miliar THB pada akhir 2026" in id_["line"].replace("\u00a0", " ")
    rows = {name: value for name, value in en["rows"]}
    assert rows["Fund at the start (THB billion)"] == "151.0 (31 December 2023)"  # its date
    assert rows["Contributions per active participant a year (THB)"] == "2,200"
    assert dict(id_["rows"])["Iuran per peserta aktif per tahun (THB)"] == "2.200"
    for section in (en, id_):
        _no_rupiah(section["line"] + " ".join(" ".join(r) for r in section["rows"]))


def test_the_what_if_names_baht(thb):
    from forecast import whatif, whatif_chart
    from forecast.run import national_context

    ctx = national_context(load_panel(thb), "national", n_paths=200, models=["linear", "rw_drift"])
    base = whatif_chart.fans(ctx, None)
    for lang, heading, axis in (("en", "Investment funds, median (THB billion)", "THB billion"),
                                ("id", "Dana investasi, median (miliar THB)", "miliar THB")):
        table = whatif.what_if_table(ctx, extra_monthly=(0, 100_000), lang=lang)
        assert heading in table.columns
        _no_rupiah(" ".join(table.columns))
        fig = whatif_chart.chart(base, base, lang)
        assert fig.axes[1].get_ylabel() == axis
        line = whatif._fund_amount(ctx, 250.0, whatif.words_for(lang, ctx), lang)
        assert line == ("250.0\u00a0THB billion" if lang == "en" else "250,0\u00a0miliar THB")


def test_without_a_scale_the_model_runs_and_says_what_is_missing(tmp_path, capsys,
                                                               thb_results):
    from forecast.report.build import optional_sections
    from forecast.report.words import set_scheme
    from forecast.tables import funds_inputs_table
    from forecast.textfmt import format_results

    out = _run(_folder(tmp_path / "d", unit="THB_bn"), capsys)
    fm = out["funds_model"]
    assert fm["scale_missing"] == {"unit": "THB_bn", "currency": "THB"}
    # The scale cancels out of the recursion: the same fund as with THB_billion.
    assert fm["median"] == pytest.approx(thb_results["funds_model"]["median"], rel=1e-9)
    line = ("not shown: the unit THB_bn of fund_investment has no scale in scheme.toml; add "
            "scale = 1e9 to [units.THB_bn] if it counts billions of THB (or end its id in "
            "_thousand, _million, _billion or _trillion)")
    assert missing_scale(fm["scale_missing"]) == line
    text = format_results(out, "en")
    assert f"Contributions per active participant a year  {line}; years 2020, 2021, 2022" in text
    assert "tidak ditampilkan: satuan THB_bn" in format_results(out, "id")
    table = funds_inputs_table(out, "en")
    assert line in set(table.iloc[:, 1])
    set_scheme(out["scheme"])
    try:
        rows = dict(optional_sections(out, "en")["funds_model"]["rows"])
    finally:
        set_scheme(None)
    assert rows["Contributions per active participant a year"] == line
    _no_rupiah(text[text.index("Structural fund model"):].replace(line, ""))


def test_data_check_warns_of_a_missing_scale_and_of_flows_in_another_unit(tmp_path, capsys):
    assert main(["data", "check", "--data-dir", str(_folder(tmp_path / "a", unit="THB_bn"))]) == 0
    out = capsys.readouterr().out
    assert ("scheme.toml: warning: contribution per participant not shown: the unit THB_bn "
            "of fund_investment has no scale in scheme.toml; add scale = 1e9 to "
            "[units.THB_bn]") in out
    folder = _folder(tmp_path / "b", contributions_unit="THB_million")
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    assert ("so they need its unit THB_billion; found contributions in THB_million (the model "
            "is skipped)") in capsys.readouterr().out
    assert main(["data", "check", "--data-dir", str(_folder(tmp_path / "c"))]) == 0
    # No warning on the units (the synthetic fund's flows do not add up to its change,
    # which the check says of its observations, not of scheme.toml).
    assert "scheme.toml: warning" not in capsys.readouterr().out
