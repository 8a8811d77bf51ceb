"""Hostile inputs, second round: file contents, parameters and OS faults the first round
(test_hostile_inputs.py) did not reach. Each refusal is one line naming the file, row or
parameter, what was expected and what was found, exit code 2, and nothing written."""

from __future__ import annotations

import pytest

from conftest import make_data_dir
from forecast.cli import main


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("forecast: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ------------------------------------------------------------ markup in the data's words


MARKUP = "<img src=x onerror=alert(1)> & <b>bold</b>"


def test_markup_in_a_note_is_shown_as_text_in_the_notebook_html(tmp_path):
    """The region notebook's tables are exported to region_forecast.html: a note or name
    typed as HTML was inserted as markup (a script in a note ran in the reader's browser)."""
    from forecast.data import load_panel
    from forecast.styles import styled
    from forecast.tables import observations_table

    folder = make_data_dir(tmp_path / "data")
    _replace(folder / "observations.csv", "Aug survey", MARKUP)
    html = styled(observations_table(load_panel(folder), "national")).to_html()
    assert "<img" not in html and "<b>" not in html, html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
