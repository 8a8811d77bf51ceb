"""How the engine's combination was chosen: candidates scored on odd M3 series, reported on even.

Each candidate set of forecasters (:mod:`forecast.combine`; a name ending ``_level`` is applied
to the values themselves, the others to their logs) makes the centre; its error table comes
from the training parts of the *other* four fifths of the series (origins n-6, n-8, ... as in
``benchmarks/build_error_table.py``, before the per-horizon recalibration), and the 645
series' held-out 6 years are scored. The choice is the lowest CRPS on the odd-numbered series;
the even-numbered ones are the report. The scale of the errors was chosen the same way
(mean absolute yearly log change over the last 10 years, against a detrended and a 5-year
variant: both gave far wider tails).

Usage::

    .venv/bin/python benchmarks/choose_combination.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.m3data import load_m3_yearly  # noqa: E402
from forecast import calibration, combine  # noqa: E402

H = 6
FOLDS = 5
GRID = np.array([0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975])
#: (members, how they are combined): the first round chose the members with their median;
#: the fifth round scored the chosen five's trimmed mean beside it; the sixth added the
#: optimised Theta models (``autotheta``, :mod:`forecast.thetamodels`) in place of the
#: standard Theta method, on the values, on both scales, and as a sixth member.
CANDIDATES = [
    (("rw_drift", "theta", "damped"), "median"),
    (("rw_drift_level", "theta_level", "damped_level"), "median"),
    (("theta_level", "damped_level"), "median"),
    (("theta", "theta_level", "rw_drift_level"), "median"),
    (("theta", "theta_level", "damped_level"), "median"),
    (("theta", "damped", "theta_level", "damped_level", "rw_drift_level"), "median"),
    (("theta", "damped", "theta_level", "damped_level", "rw_drift_level"), "trimmed"),
    (("theta", "damped", "autotheta_level", "damped_level", "rw_drift_level"), "median"),
    (("theta", "damped", "theta_level", "damped_level", "rw_drift_level", "autotheta_level"),
     "median"),
    (("autotheta", "damped", "autotheta_level", "damped_level", "rw_drift_level"), "median"),
]


def run(data, members, how="median"):
    train, test = [], []
    for i, (_, x, _) in enumerate(data):
        for end in list(range(len(x) - H, 5, -2))[:4]:
            zc, _ = combine.combined(np.arange(end, dtype=float), x[:end], H, "log", members, how)
            train.append((i, (np.log(x[end:end + H]) - zc) / calibration.scale_of(np.log(x[:end]))))
        zc, _ = combine.combined(np.arange(len(x), dtype=float), x, H, "log", members, how)
        test.append((zc, calibration.scale_of(np.log(x))))
    return train, test


def score(data, train, test, which):
    who = np.array([i for i, _ in train])
    errors = np.array([e for _, e in train])
    out = []
    for i, (_, x, y) in enumerate(data):
        if i % 2 != which:
            continue
        q = np.quantile(errors[who % FOLDS != i % FOLDS], GRID, axis=0)
        zc, s = test[i]
        qq = np.exp(zc[None, :] + s * q)
        scale = np.mean(np.abs(np.diff(x)))
        crps = 2 * np.mean([np.maximum(g * (y - qq[j]), (g - 1) * (y - qq[j]))
                            for j, g in enumerate(GRID)]) / scale
        lo, hi = qq[0], qq[-1]
        msis = np.mean(hi - lo + 40 * (lo - y) * (y < lo) + 40 * (y - hi) * (y > hi)) / scale
        out.append((crps, np.mean(np.abs(qq[6] - y)) / scale, msis,
                    np.mean((y >= qq[2]) & (y <= qq[10]))))
    return np.mean(out, axis=0)


def main() -> int:
    data = load_m3_yearly()
    print("| members | combined by | odd: CRPS | MASE | MSIS | 80 % | even: CRPS | MASE | MSIS "
          "| 80 % |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for members, how in CANDIDATES:
        train, test = run(data, members, how)
        odd, even = score(data, train, test, 1), score(data, train, test, 0)
        cells = [f"{odd[0]:.3f}", f"{odd[1]:.3f}", f"{odd[2]:.1f}", f"{odd[3]:.1%}",
                 f"{even[0]:.3f}", f"{even[1]:.3f}", f"{even[2]:.1f}", f"{even[3]:.1%}"]
        print(f"| {', '.join(members)} | {how} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
