"""The exception tree of the project.

Every error a user can cause is a :class:`ForecastError`; the CLI turns one into a single
line on stderr and exit code 2. Third-party failures are re-raised as one of these with
our context (which file, which model, which series) attached.
"""

from __future__ import annotations


class ForecastError(Exception):
    """Root of every error the project raises on purpose."""


class DataError(ForecastError):
    """Input data is missing, malformed or inconsistent (names file, row, column)."""


class ParameterError(ForecastError, ValueError):
    """A parameter has a value outside its valid choices (names it and lists them)."""


class ModelError(ForecastError):
    """A model cannot be fitted to a series (names the model, the series and why)."""


class RunError(ForecastError):
    """A run (notebook, batch, report) failed; names what failed and where."""
