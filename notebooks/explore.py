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
# # Explore: targets, segments and the fund side by side · Jelajah: target, segmen dan dana berdampingan
#
# For researchers. The scheme's top region (the shipped data: the national run) under the
# trend models, and where the data folder has them (the shipped scheme's participants, their
# segments and the fund with its flows) the membership segments and the structural fund
# model next to it, then controls that move the assumptions (extra monthly enrolments, the
# investment return) and show the probabilities moving. Everything the controls set is
# **hypothetical**: an assumption to explore, not data. `lang` below is the language of
# every text and table: "en" English, "id" Bahasa Indonesia (the headings show both).
#
# Untuk peneliti. Wilayah teratas skema (data bawaan: run nasional) menurut model tren, dan
# bila folder data memilikinya (peserta skema bawaan, segmennya, serta dana dan arusnya)
# segmen kepesertaan dan model dana struktural di sampingnya, lalu kontrol yang menggeser
# asumsi (tambahan pendaftaran per bulan, imbal hasil investasi) dan menunjukkan
# probabilitasnya bergerak. Semua yang diatur kontrol adalah **hipotetis**: asumsi untuk
# dijelajahi, bukan data. `lang` di bawah adalah bahasa setiap teks dan tabel: "en" Inggris,
# "id" Bahasa Indonesia (judul memuat keduanya).

# %% tags=["parameters"]
as_of: str = ""  # use only data known by then: a year like 2023 or a date; empty for all data
vintage: str = "published"  # reading of as_of: "published" (as known then) or "date" (values dated by then)
n_paths: int = 2000  # simulated paths of the projection and of each model
seed: int = 20261231  # random seed: the same seed gives the same numbers
models: str = ""  # comma-separated model names; empty for every registered model
lang: str = "en"  # language of the texts, tables and controls: "en" or "id"
data_dir: str = ""  # folder with the four data files; empty for the shipped data/
scenario: str = ""  # path of a hypothetical scenario TOML; empty for none

# %%
from forecast import data, results, tables, whatif
from forecast.explorewords import top_section
from forecast.notebookwords import section
from forecast.params import check_language
from forecast.report import pastdue
from forecast.styles import styled

check_language(lang)  # before any work: a wrong lang is one line about lang
panel = data.load_panel(data_dir or None)

# %%
top = panel.scheme.top_region  # national for the shipped data
run = results.run_region(panel, top, as_of=as_of or None, vintage_basis=vintage,
                         n_paths=n_paths, seed=seed,
                         models=models or None,
                         scenario=scenario or None)

# %% [markdown] tags=["heading"]
# ## The top region: every target under the trend models · Wilayah teratas: setiap target menurut model tren

# %%
top_section(run, lang)

# %%
styled(tables.reachability_table(run, lang))

# %% [markdown] tags=["heading"]
# ## Targets already due · Target yang sudah jatuh tempo

# %%
section("outcomes", lang)

# %%
styled(pastdue.outcomes_table(run, lang))

# %% [markdown] tags=["heading"]
# ## Segment decomposition: what each segment delivers towards its target · Dekomposisi segmen: sumbangan setiap segmen terhadap targetnya

# %%
styled(tables.segments_table(run, lang))

# %% [markdown] tags=["heading"]
# ## The fund model: the accounting beside the trend curves, and the targets' joint probability · Model dana: pembukuan di samping kurva tren, dan probabilitas gabungan target

# %%
styled(tables.funds_summary_table(run, lang))

# %%
styled(tables.funds_inputs_table(run, lang))

# %%
styled(tables.funds_backtest_table(run, lang))

# %% [markdown] tags=["heading"]
# ## What would change it? (hypothetical what-if) · Apa yang akan mengubahnya? (pengandaian hipotetis)

# %%
section("what_if", lang, panel.scheme)

# %%
context = results.national_context(panel, top, as_of=as_of or None, vintage_basis=vintage,
                                   n_paths=n_paths, seed=seed,
                                   models=models or None)

# %%
section("what_if_levels", lang)

# %%
styled(whatif.what_if_table(context, lang=lang))

# %%
whatif.interactive(context, lang=lang)
