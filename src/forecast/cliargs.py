"""argparse types of the command line whose refusals name the range allowed and the value
found, in one line (imported at start-up: argparse only)."""

from __future__ import annotations

import argparse


def whole(low: int, high: int | None = None):
    """argparse type: a whole number in [low, high], refused in one line naming the range."""
    expected = (f"an integer from {low:,} to {high:,}" if high is not None
                else "a non-negative integer" if low == 0 else f"an integer >= {low:,}")

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {expected}, found {text!r}") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"expected {expected}, found {text!r}")
        return value
    return parse
