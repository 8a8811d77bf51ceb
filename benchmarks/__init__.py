"""Reproducible measurements of forecast accuracy, batch speed and scale (``make bench``).

Run ``python benchmarks/run.py --help``. The helpers here are plain functions, so the
scoring and the synthetic-region generator are unit-tested in ``tests/test_benchmarks.py``;
nothing is timed in tests.
"""
