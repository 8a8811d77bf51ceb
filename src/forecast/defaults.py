"""Defaults of a run, without imports: the CLI builds its parser from these and stays fast.

:mod:`forecast.config` re-exports them; use that module elsewhere.
"""

DEFAULT_REGION = "national"
DEFAULT_N_PATHS = 5_000
DEFAULT_SEED = 20261231
#: Languages of the reports, the CLI words and the charts (the one list of them).
LANGUAGES = ("en", "id")
#: Fewest simulated paths of a run: below it a probability written to 0.1 point is noise
#: (its sampling error at 50 % is 5 points at 100 paths); the CLI checks it at parse time.
MIN_N_PATHS = 100
#: Largest number of simulated paths of a run (the CLI checks it at parse time).
MAX_N_PATHS = 1_000_000
#: The largest seed: 38 digits (a results.json keeps it as a JSON number every reader takes;
#: 400 digits were written, then refused on reading as past the largest float).
MAX_SEED = 10**38 - 1

#: Within one source, a series "breaks" when it moves by this factor or more in a year
#: (annualised, up or down): x3 is +200 %/yr, never a pace of enrolment but a change of
#: counting (or a typo of a digit), which would then set the speed records and the fit
#: (forecast data check warns of it; the data quality label counts it).
BREAK_FACTOR = 3.0
