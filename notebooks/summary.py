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
# # A batch run, every region side by side · Satu run batch, semua wilayah berdampingan
#
# `lang` below is the language of every text and table: "en" English, "id" Bahasa Indonesia
# (the headings show both). / `lang` di bawah adalah bahasa setiap teks dan tabel: "en"
# Inggris, "id" Bahasa Indonesia (judul memuat keduanya).

# %% tags=["parameters"]
run_dir: str = ""  # folder of one batch run (reports/runs/RUN_ID); empty for the newest run
lang: str = "en"  # language of the texts and tables: "en" or "id"

# %%
# %matplotlib inline
from IPython.display import display

from forecast import tables
from forecast.notebookwords import note, section
from forecast.params import check_language
from forecast.report.readcheck import check_run_readable
from forecast.styles import styled

check_language(lang)  # before any file is read: a wrong lang is one line about lang
run_dir = run_dir or str(tables.newest_run())
_ = check_run_readable(run_dir)  # as `forecast report` checks it: a damaged file in one line

# %% [markdown] tags=["heading"]
# ## The run read: its manifest and each region's results · Run yang dibaca: manifes dan hasil setiap wilayah

# %%
display(section("summary", lang))
note("run_read", lang, run_dir=run_dir)

# %% [markdown] tags=["heading"]
# ## Ranked probabilities, required against historical growth, data quality · Probabilitas berurutan, pertumbuhan dibutuhkan dibandingkan yang tercapai, kualitas data

# %%
section("ranked", lang)

# %%
styled(tables.run_table(run_dir, lang))

# %% [markdown] tags=["heading"]
# ## Do the regions add up to the whole? · Apakah jumlah wilayah sama dengan keseluruhan?

# %%
section("reconciliation", lang)

# %%
styled(tables.reconciliation_table(run_dir, lang))

# %%
# A region projected below the sum of its own regions (no level sets them against each other).
from forecast.report.summary import reconciliation_section  # noqa: E402 (after the table)

for _line in (reconciliation_section(run_dir, None, lang) or {}).get("below", []):
    print("- " + _line)
