"""Run parameters: one check, one message style, for the CLI, the batch and the library."""

from __future__ import annotations

import numpy as np

from . import config
from .errors import ParameterError


def _whole(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def check_n_paths(n_paths) -> int:
    """``n_paths`` of anything that draws a projection's paths: an integer from
    :data:`config.MIN_N_PATHS` (fewer make a "band" of a handful of paths, and a probability
    in steps of 1 %) to :data:`config.MAX_N_PATHS`.

    Examples
    --------
    >>> check_n_paths(1)
    Traceback (most recent call last):
    ...
    forecast.errors.ParameterError: n_paths: expected an integer from 100 to 1,000,000, found 1
    """
    if not _whole(n_paths) or not config.MIN_N_PATHS <= n_paths <= config.MAX_N_PATHS:
        raise ParameterError(f"n_paths: expected an integer from {config.MIN_N_PATHS:,} to "
                             f"{config.MAX_N_PATHS:,}, found {n_paths!r}")
    return int(n_paths)


def check_run_parameters(*, n_paths, seed, backtest_k=config.DEFAULT_BACKTEST_K) -> None:
    """Reject simulation parameters of the wrong type or range before any work starts.

    Raises
    ------
    ParameterError
        Naming the parameter, what was expected and what was found.
    """
    check_n_paths(n_paths)
    if not _whole(seed) or seed < 0:
        raise ParameterError(f"seed: expected a non-negative integer, found {_short(seed)}")
    if seed > config.MAX_SEED:  # 400 digits were written, then refused on reading
        raise ParameterError(f"seed: expected a non-negative integer of at most "
                             f"{len(str(config.MAX_SEED))} digits, found {_short(seed)}")
    if not _whole(backtest_k) or not 0 <= backtest_k <= 20:
        raise ParameterError(f"backtest_k: expected an integer from 0 to 20, found "
                             f"{backtest_k!r}")


def _short(value) -> str:
    """``value`` as found, a long integer by its count of digits."""
    text = repr(value)
    if len(text) <= 40:
        return text
    return f"a number of {len(str(abs(value))):,} digits" if _whole(value) else \
        text[:37] + "..."


def check_language(lang) -> str:
    """Return ``lang`` if it is one of :data:`forecast.config.LANGUAGES`, else raise."""
    if not isinstance(lang, str) or lang not in config.LANGUAGES:
        # A notebook's parameter may be anything papermill was given (-p lang 5, a
        # 10,000-character string, -y 'lang: [en]'): shown short, on one line.
        from .textsafe import escape, shown

        found = shown(lang) if isinstance(lang, str) else escape(repr(lang), 60)
        raise ParameterError(f"lang: expected one of {', '.join(config.LANGUAGES)}, "
                             f"found {found}")
    return lang


def seed_sequence(seed) -> np.random.SeedSequence:
    """The run's root of randomness: ``np.random.SeedSequence(seed)`` (made once, at the
    entry; a SeedSequence is returned as it is).

    A Generator made from the root draws exactly what ``np.random.default_rng(seed)``
    draws, so the consumers that read the root directly (the trend projections, the fund
    model) give the numbers an integer seed gives.
    """
    if isinstance(seed, np.random.SeedSequence):
        return seed
    return np.random.SeedSequence(int(seed))


def spawn(root: np.random.SeedSequence, *key: int) -> np.random.SeedSequence:
    """The child stream ``key`` of ``root``: what ``root.spawn`` gives, but addressed by
    key, so a consumer's stream does not depend on the order the others were made in.

    Streams of a run: the root for the trend projections and the fund model; ``(k,)`` for
    the ``k``-th membership segment (:func:`forecast.segments.project_segments`).
    """
    return np.random.SeedSequence(root.entropy, spawn_key=tuple(root.spawn_key) + key)


def recorded_seed(seed) -> int | None:
    """The integer a projection records for its seed: the int itself, a SeedSequence's
    entropy (its root seed), or None for a Generator passed in."""
    if isinstance(seed, np.random.SeedSequence):
        return int(seed.entropy)
    if isinstance(seed, np.random.Generator):
        return None
    return int(seed)


def check_flag(value, name: str) -> bool:
    """Return a yes/no parameter as a bool, else raise naming ``name``.

    papermill passes ``-p track_record false`` as the text ``'false'`` (only ``True`` and
    ``False`` become booleans), which a notebook's ``if track_record`` reads as yes.

    Examples
    --------
    >>> check_flag(False, "track_record")
    False
    >>> check_flag("false", "track_record")
    Traceback (most recent call last):
    ...
    forecast.errors.ParameterError: track_record: expected True or False (papermill: -p track_record True), found 'false'
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    from .textsafe import escape, shown  # as in check_language: only for a refusal

    found = shown(value) if isinstance(value, str) else escape(repr(value), 60)
    raise ParameterError(f"{name}: expected True or False (papermill: -p {name} True), "
                         f"found {found}")
