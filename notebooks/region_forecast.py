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

# %% [markdown]
# # Will the region meet its coverage targets?
#
# One region, every target due after its last observation: the data and its sources, the
# growth models on their own and their backtest, the projection against the target, and what it
# would take. Change a parameter below and rerun; papermill sets them in batch.

# %% tags=["parameters"]
region: str = ""  # region id from regions.csv; empty for the scheme's top region (national for the shipped data)
as_of: str = ""  # use only data known by then: a year like 2023 or a date; empty for all data
vintage: str = "published"  # reading of as_of: "published" (as known then) or "date" (values dated by then)
n_paths: int = 5000  # simulated paths per model and in the mixture
seed: int = 20261231  # random seed: the same seed gives the same numbers
models: str = ""  # comma-separated model names; empty for every registered model
lang: str = "en"  # language of the tables and charts shown and saved: "en" or "id"
data_dir: str = ""  # folder with the four data files; empty for the shipped data/
output_dir: str = ""  # where results.json and figures are written; empty to write nothing
scenario: str = ""  # path of a hypothetical scenario TOML (national only); empty for none
track_record: bool = False  # also re-run as of each past year-end and score the settled targets (the batch: top region only)
compare_as_of: str = "2023,2024"  # why the probability moved: two as-of dates "A,B" compared step by step (forecast compare --as-of A B); empty to skip (the batch skips it)

# %%
# %matplotlib inline
from IPython.display import display

from forecast import compare_cmd, data, plots, reach, records, results, tables
from forecast.report import comparepage
from forecast.styles import Collapsed, Note, styled, written

panel = data.load_panel(data_dir or None)
region = region or panel.scheme.top_region

# %% [markdown]
# ## The data and its sources
# Every observation of the region as known at `as_of`, with the source it comes from: one
# line a metric, then every reading with its source and note (click to unfold).
# Year-end values (dated 31 December) are fitted; month readings are shown, not fitted.

# %%
observations = tables.observations_table(panel, region, as_of or None, lang)
display(styled(tables.observations_summary(observations)))
Collapsed(styled(observations),
          f"All {len(observations):,} readings, with their sources and notes")

# %%
run = results.run_region(panel, region, as_of=as_of or None, vintage_basis=vintage,
                         n_paths=n_paths, seed=seed,
                         models=models or None,
                         scenario=scenario or None)

# %% [markdown]
# ## Our track record
# With `track_record`: the region re-run as of each past year-end (300 paths each, on what
# was known then) and scored on the targets settled since; the PDF charts it.

# %%
styled(tables.track_record_table(results.add_track_record(run, panel), lang)) if track_record else Note("track_record is not set.")

# %% [markdown]
# ## Reachability of each target
# Probability of reaching the target by its date, the median and 10-90 % band there, the
# growth required from the last observation against the growth achieved, and the
# UNSD / Statistics Canada classifications.

# %%
styled(tables.reachability_table(run, lang))

# %% [markdown]
# ## What is reachable
# From the same paths: the level reached with 90 %, 50 % and 10 % probability at each
# target's date, and the date by which the target is reached with 50 % and 80 % probability.

# %%
styled(reach.reach_table(run, lang))

# %% [markdown]
# ## How fast has anyone gone
# The growth each target requires against the fastest growth over as many years that any
# region or segment of the same kind has achieved in the data, with who and when.

# %%
styled(records.speed_table(run, lang))

# %% [markdown]
# ## Why the probability moved
# The region as of the two dates of `compare_as_of`, read as `vintage` says, and each
# target's change in probability between them split into steps by substituting one thing at
# a time, in this order: new observations, revised observations, new or changed targets,
# method, scenario (`forecast compare --as-of A B`; at most 1,000 paths a step). The steps
# add up to the change (in percentage points); "left to the order" is the change minus each
# step applied alone.

# %%
moved = compare_cmd.compare_as_of(panel, region, compare_as_of, vintage_basis=vintage, n_paths=min(n_paths, 1000), seed=seed) if compare_as_of else None
styled(comparepage.compare_table(moved, lang)) if moved else Note("compare_as_of is not set.")

# %%
comparepage.waterfall_png(moved, lang) if moved and moved["targets"] else Note("No target to compare.")

# %% [markdown]
# ## The projection against the target
# Observed year-end values, sub-annual readings, the median projection and its 10-90 % band.

# %%
for entry in run["targets"]:
    display(plots.fan_chart_png(entry, lang=lang, scheme=run.get("scheme")))

# %% [markdown]
# ## Each model on its own, and its backtest
# Seven growth models are fitted on their own, each with its own probability and median, to
# show where they disagree. They do not vote: the headline is the calibrated projection's
# (the median of five fast forecasters, its spread from the errors of 1,344 competition
# series). Each model is refitted without the last one to three years and scored on them
# (`backtest_mape`).

# %%
styled(tables.models_table(run, lang))

# %% [markdown]
# ## Required versus historical growth

# %%
plots.growth_chart_png(run["targets"], lang=lang, scheme=run.get("scheme")) if run["targets"] else Note("No target assessed.")

# %% [markdown]
# ## Base-year sensitivity
# The growth achieved since each possible base year against the growth that was required
# from it: how much the verdict depends on where the baseline is put.

# %%
styled(tables.base_year_table(run, lang))

# %% [markdown]
# ## The fund by its accounting (the shipped data's national run)
# For BPJS Ketenagakerjaan's investment funds, besides the trend curves, the fund is projected
# by its accounting: next year's fund is this year's grown by the investment return, plus
# contributions (active participants times an average contribution per head) minus benefits
# (a share of the fund). Each path uses the active participants of the same path, so the
# joint probability of both targets is counted path by path. A scenario, if one is given,
# applies here and in the segments below. Other regions and other schemes have no such model:
# the cells below then say why.

# %%
styled(tables.funds_summary_table(run, lang))

# %% [markdown]
# How each input of the fund model was estimated, and on which years.

# %%
styled(tables.funds_inputs_table(run, lang))

# %% [markdown]
# Backtest: the fund projected 1 to 3 years ahead from earlier years, by the structural model
# and by the trend models, against what was observed (mean absolute percentage error).

# %%
styled(tables.funds_backtest_table(run, lang))

# %% [markdown]
# ## Where the coverage gap must close (the shipped data's national run)
# For BPJS Ketenagakerjaan's participants target: each membership segment (formal, informal,
# construction, migrant workers) on its own trend, or as its share of the total where it has
# too few year-end points; how much of the target each delivers at its median, and the
# growth informal participation would need if the others keep their pace. Other regions and
# other schemes have no segment decomposition: the cell below then says why.

# %%
styled(tables.segments_table(run, lang))

# %% [markdown]
# ## Data quality
# How much history supports each projection, and which targets could not be assessed.

# %%
styled(tables.quality_table(run, lang))

# %% [markdown]
# ## Outputs
# `results.json` (the contract shared with the batch, the PDFs and the CLI) and the figures.

# %%
(written(results.write_run(run, output_dir, lang=lang), output_dir) if output_dir
 else Note("Nothing written: output_dir is not set."))
