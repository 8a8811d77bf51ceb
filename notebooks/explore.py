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
# # Explore: workers, segments and funds side by side
#
# For researchers. The national picture from the trend models, the membership segments and
# the structural fund model next to each other, then controls that move the assumptions
# (extra monthly enrolments, the investment return) and show the probabilities moving.
# Everything the controls set is **hypothetical**: an assumption to explore, not data.

# %% tags=["parameters"]
as_of: str = ""  # use only data known by then: a year like 2023 or a date; empty for all data
vintage: str = "published"  # reading of as_of: "published" (as known then) or "date" (values dated by then)
n_paths: int = 2000  # simulated paths per model and in the mixture
seed: int = 20261231  # random seed: the same seed gives the same numbers
models: str = ""  # comma-separated model names; empty for every registered model
data_dir: str = ""  # folder with the four data files; empty for the shipped data/
scenario: str = ""  # path of a hypothetical scenario TOML; empty for none

# %%
from forecast import data, results, tables, whatif
from forecast.styles import styled

panel = data.load_panel(data_dir or None)

# %%
top = panel.scheme.top_region  # national for the shipped data
run = results.run_region(panel, top, as_of=as_of or None, vintage_basis=vintage,
                         n_paths=n_paths, seed=seed,
                         models=models or None,
                         scenario=scenario or None)

# %% [markdown]
# ## The national picture: every target under the trend models

# %%
styled(tables.reachability_table(run))

# %% [markdown]
# ## Segments: who delivers the workers target

# %%
styled(tables.segments_table(run))

# %% [markdown]
# ## Funds: the accounting beside the trend curves, and both targets together

# %%
styled(tables.funds_summary_table(run))

# %%
styled(tables.funds_inputs_table(run))

# %%
styled(tables.funds_backtest_table(run))

# %% [markdown]
# ## What would change it? (hypothetical what-if)
# Move the sliders: extra net enrolments a month (and the segment they join) and the mean
# investment return, in percent a year as shown (type 12 for 12 %). The projections are
# computed once; each change reapplies the adjustment to the same paths, so the numbers
# and the workers and funds fan charts (what-if against the baseline, the probabilities
# in the legend) are redrawn within about a second, with the same seed.

# %%
context = results.national_context(panel, top, as_of=as_of or None, vintage_basis=vintage,
                                   n_paths=n_paths, seed=seed,
                                   models=models or None)

# %% [markdown]
# The same what-if at a few fixed levels (kept in the saved notebook and in batch runs).

# %%
styled(whatif.what_if_table(context))

# %%
whatif.interactive(context)
