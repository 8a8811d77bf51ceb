# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] tags=["cover"]
# # Will the region meet its coverage targets? · Apakah wilayah ini akan mencapai target cakupannya?
#
# Change a parameter below and rerun; papermill sets them in batch. `lang` is the language of
# every text, table and chart below: "en" English, "id" Bahasa Indonesia (the headings show
# both; the run's HTML page only its own).
#
# Ubah parameter di bawah lalu jalankan ulang; papermill mengaturnya dalam batch. `lang`
# adalah bahasa setiap teks, tabel dan grafik di bawah: "en" Inggris, "id" Bahasa Indonesia
# (judul memuat keduanya; halaman HTML run hanya bahasanya sendiri).

# %% tags=["parameters"]
region: str = ""  # region id from regions.csv; empty for the scheme's top region (national for the shipped data)
as_of: str = ""  # use only data known by then: a year like 2023 or a date; empty for all data
vintage: str = "published"  # reading of as_of: "published" (as known then) or "date" (values dated by then)
n_paths: int = 5000  # simulated paths of the projection and of each model
seed: int = 20261231  # random seed: the same seed gives the same numbers
models: str = ""  # comma-separated model names; empty for every registered model
lang: str = "en"  # language of the tables and charts shown and saved: "en" or "id"
data_dir: str = ""  # folder with the four data files; empty for the shipped data/
output_dir: str = ""  # where results.json and figures are written; empty to write nothing
scenario: str = ""  # path of a hypothetical scenario TOML (the top region only); empty for none
track_record: bool = False  # also re-run as of each past year-end, score the settled targets (batch: top only)
compare_as_of: str = "2023,2024"  # why the probability moved between as-of dates "A,B"; empty to skip (batch: skipped)

# %%
# %matplotlib inline
from IPython.display import display

from forecast import compare_cmd, data, plots, reach, records, results, tables
from forecast.notebookwords import note, section
from forecast.params import check_flag, check_language
from forecast.safepath import check_output_dir
from forecast.report import comparepage, pastdue
from forecast.styles import Collapsed, styled, written

check_language(lang)  # before any work: a wrong lang is one line about lang
track_record = check_flag(track_record, "track_record")  # papermill -p passes "false" as text
panel = data.load_panel(data_dir or None)
region = region or panel.scheme.top_region
# Every parameter checked before any work:
results.check_run(panel, region, as_of=as_of or None, vintage_basis=vintage,
                  n_paths=n_paths, seed=seed, models=models or None,
                  scenario=scenario or None)
if compare_as_of:
    compare_cmd.check_dates(panel, compare_as_of)
if output_dir:
    check_output_dir(output_dir, "output_dir")

# %% [markdown] tags=["heading"]
# ## Verdict: each target at the pace seen so far · Kesimpulan: setiap target pada laju sejauh ini

# %%
section("region", lang)

# %% [markdown] tags=["heading"]
# ## The data and its sources · Data dan sumbernya

# %%
section("data", lang)

# %%
observations = tables.observations_table(panel, region, as_of or None, lang)
display(styled(tables.observations_summary(observations)))
Collapsed(styled(observations),
          note("readings", lang, n=len(observations)))

# %%
run = results.run_region(panel, region, as_of=as_of or None, vintage_basis=vintage,
                         n_paths=n_paths, seed=seed,
                         models=models or None,
                         scenario=scenario or None)

# %% [markdown] tags=["heading"]
# ## Our track record · Rekam jejak kami

# %%
section("track_record", lang)

# %%
styled(tables.track_record_table(results.add_track_record(run, panel), lang)) if track_record else note("no_track_record", lang)

# %% [markdown] tags=["heading"]
# ## Reachability of each target · Keterjangkauan setiap target

# %%
section("reachability", lang)

# %%
styled(tables.reachability_table(run, lang))

# %% [markdown] tags=["heading"]
# ## Targets already due · Target yang sudah jatuh tempo

# %%
section("outcomes", lang)

# %%
styled(pastdue.outcomes_table(run, lang))

# %% [markdown] tags=["heading"]
# ## What is reachable · Apa yang dapat dicapai

# %%
section("reach", lang)

# %%
styled(reach.reach_table(run, lang))

# %% [markdown] tags=["heading"]
# ## How fast has anyone gone · Seberapa cepat pertumbuhan tercepat

# %%
section("speed", lang)

# %%
styled(records.speed_table(run, lang))

# %% [markdown] tags=["heading"]
# ## Why the probability moved · Mengapa probabilitasnya berubah

# %%
section("moved", lang)

# %%
moved = compare_cmd.compare_as_of(panel, region, compare_as_of, vintage_basis=vintage, n_paths=min(n_paths, 1000), seed=seed) if compare_as_of else None
styled(comparepage.compare_table(moved, lang)) if moved else note("no_compare", lang)

# %%
comparepage.waterfall_png(moved, lang) if moved and moved["targets"] else note("nothing_to_compare", lang)

# %% [markdown] tags=["heading"]
# ## The projection against the target · Proyeksi terhadap target

# %%
section("fan", lang)

# %%
for entry in run["targets"]:
    display(plots.fan_chart_png(entry, lang=lang, scheme=run.get("scheme")))
if not run["targets"]:
    display(note("no_target", lang))

# %% [markdown] tags=["heading"]
# ## Each model on its own, and its backtest · Setiap model sendiri-sendiri, dan uji baliknya

# %%
section("models", lang)

# %%
styled(tables.models_table(run, lang))

# %% [markdown] tags=["heading"]
# ## Required versus historical growth · Pertumbuhan yang dibutuhkan dibandingkan yang tercapai

# %%
plots.growth_chart_png(run["targets"], lang=lang, scheme=run.get("scheme")) if run["targets"] else note("no_target", lang)

# %% [markdown] tags=["heading"]
# ## Base-year sensitivity · Kepekaan terhadap tahun dasar

# %%
section("base_year", lang)

# %%
styled(tables.base_year_table(run, lang))

# %% [markdown] tags=["heading"]
# ## The fund model: the fund by its accounting · Model dana: dana menurut pembukuannya

# %%
section("funds", lang, panel.scheme)

# %%
styled(tables.funds_summary_table(run, lang))

# %%
section("fund_inputs", lang)

# %%
styled(tables.funds_inputs_table(run, lang))

# %%
section("fund_backtest", lang)

# %%
styled(tables.funds_backtest_table(run, lang))

# %% [markdown] tags=["heading"]
# ## Segment decomposition: where the coverage gap must close · Dekomposisi segmen: di mana kesenjangan cakupan harus ditutup

# %%
section("segments", lang, panel.scheme)

# %%
styled(tables.segments_table(run, lang))

# %% [markdown] tags=["heading"]
# ## Data quality · Kualitas data

# %%
section("quality", lang)

# %%
styled(tables.quality_table(run, lang))

# %% [markdown] tags=["heading"]
# ## Outputs · Keluaran

# %%
section("outputs", lang)

# %%
(written(results.write_run(run, output_dir, lang=lang), output_dir, lang) if output_dir
 else note("nothing_written", lang))
