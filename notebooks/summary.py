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
# # A batch run, every region side by side
#
# Reads the `manifest.json` and each region's `results.json` of one `forecast batch` run.

# %% tags=["parameters"]
run_dir: str = ""  # folder of one batch run (reports/runs/RUN_ID); empty for the newest run

# %%
# %matplotlib inline
from forecast import tables
from forecast.styles import Note, styled

run_dir = run_dir or str(tables.newest_run())
Note(f"The run read here: {run_dir}")

# %% [markdown]
# ## Ranked probabilities, required against historical growth, data quality
# One row per region and target, most likely first; regions that failed or had no
# assessable target are listed with their status at the end.

# %%
styled(tables.run_table(run_dir))

# %% [markdown]
# ## Do the regions add up to the whole?
# Each region's count is projected on its own (or pooled) path; here each level of regions
# below the top region (for the shipped data: the provinces and the regional offices, kanwil)
# is set against the top region's projection. *Sum of the regions' medians* is before
# reconciliation; the *factor* scales every region so the parts equal the whole, and the
# *adjustment* is the difference in the count's unit. Regional tables may count members by
# place of registration and mix concepts, so a factor far from 1 says more about the data
# than about the models.

# %%
styled(tables.reconciliation_table(run_dir))
