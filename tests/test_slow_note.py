"""A rising series whose median falls short of a target its past pace would reach says why.

Without the note, "required is 0.6x the historical pace" and "UNSD: on track" sat beside a
probability of a few per cent with nothing to reconcile them. The folders are SYNTHETIC
(made-up numbers); the oracles are the data (the pace it grew at, the rate a target needs)
and sentences written by hand, never the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SYNTHETIC_SCHEME_HEAD, write_scheme_folder

from forecast.cli import main
from forecast.reasons import reason, reason_text

SCHEME = SYNTHETIC_SCHEME_HEAD.format(what="slowing", level="state") + '''
[metrics.members]
unit = "people"
en = "Members"
id = "Anggota"
'''
# Fast early growth, slow lately: 30 %/yr for five years, then 2 %/yr for five.
VALUES = [1e6 * 1.3 ** i for i in range(6)] + [1e6 * 1.3 ** 5 * 1.02 ** i for i in range(1, 6)]
SINCE, LAST = 2012, 2022


def folder_with(tmp_path: Path, targets) -> Path:
    obs = [("land", "members", f"{SINCE + i}-12-31", round(v), "people", "")
           for i, v in enumerate(VALUES)]
    return write_scheme_folder(tmp_path / "scheme", SCHEME, (("land", "Land", "land", ""),),
                               obs, [("land", "members", d, v, "people", "") for d, v in targets])


def entries(capsys, folder: Path) -> list[dict]:
    assert main(["run", "--data-dir", str(folder), "--region", "land", "--n-paths", "500",
                 "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)["targets"]


def slow_notes(entry: dict) -> list[dict]:
    return [n for n in entry["engine"]["notes"]
            if isinstance(n, dict) and n.get("code") == "slows_down"]


def test_a_target_within_the_past_pace_whose_median_falls_short_says_why(tmp_path, capsys):
    pace = (VALUES[-1] / VALUES[0]) ** (1 / (LAST - SINCE)) - 1  # 15.2 %/yr, from the data
    needed = VALUES[-1] * (1 + 0.8 * pace) ** 8  # 0.8x the past pace, due in eight years
    (entry,) = entries(capsys, folder_with(tmp_path, [("2030-12-31", round(needed))]))
    assert entry["median"] < needed  # the recent 2 %/yr carries the median, not the 15 %
    (note,) = slow_notes(entry)
    assert note["since"] == SINCE and abs(note["historical_growth"] - pace) < 1e-6
    grows = (entry["median"] / VALUES[-1]) ** (1 / 8) - 1
    assert abs(note["median_growth"] - grows) < 1e-3 and not note["bounded"]
    assert main(["run", "--data-dir", str(tmp_path / "scheme"), "--region", "land",
                 "--n-paths", "500"]) == 0
    text = capsys.readouterr().out
    assert (f"Why it slows        growing at its average rate since {SINCE} (15.2%/yr) it "
            f"would reach the target") in text


def test_no_note_where_the_past_pace_would_not_reach_it_or_the_median_does(tmp_path, capsys):
    far = VALUES[-1] * 1.25 ** 8  # 25 %/yr: beyond the past pace
    near = VALUES[-1] * 1.005 ** 9  # 0.5 %/yr: the median reaches it
    got = entries(capsys, folder_with(tmp_path, [("2030-12-31", round(far)),
                                                 ("2031-12-31", round(near))]))
    assert len(got) == 2 and not any(slow_notes(e) for e in got)


def test_the_note_reads_in_both_languages():
    note = reason("slows_down", metric="members", region="land", since=2014,
                  historical_growth=0.1586, median_growth=0.089, bounded=True)
    assert reason_text(note, "en") == (
        "growing at its average rate since 2014 (15.9%/yr) it would reach the target, but its "
        "median grows 8.9%/yr, because the forecasters (Theta and the damped trend) damp a "
        "trend (and a share's rise slows near its bound): on yearly coverage series that "
        "scored better than carrying the trend on (a random walk with drift) for immunization "
        "and Internet use, but worse for access to electricity")
    assert reason_text({**note, "bounded": False}, "id") == (
        "dengan rata-rata pertumbuhannya sejak 2014 (15,9 %/tahun) target akan tercapai, "
        "tetapi mediannya tumbuh 8,9 %/tahun, karena peramalnya (Theta dan tren teredam) meredam tren: pada "
        "1.344 deret tahunan kompetisi, probabilitasnya memberi skor lebih baik daripada "
        "meneruskan tren (langkah acak dengan drift)")
