# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
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
from forecast import config, tables

run_dir = run_dir or str(max(config.RUNS_DIR.glob("*/manifest.json"),
                             key=lambda p: p.stat().st_mtime).parent)
run_dir

# %% [markdown]
# ## Ranked probabilities, required against historical growth, data quality
# One row per region and target, most likely first; regions that failed or had no
# assessable target are listed with their status at the end.

# %%
tables.run_table(run_dir)
