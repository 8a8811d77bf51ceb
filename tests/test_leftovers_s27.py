"""Session 27's findings, each test failing on the code before its fix."""

import pytest

from conftest import one_line_error
from forecast.cli import main


@pytest.mark.parametrize("name", ["c.", ".png", "-", "c.png.", "..png", "chart", "c.pdf"])
def test_a_chart_name_that_is_not_a_png_file_is_refused(tiny_data_dir, tmp_path, capsys,
                                                          monkeypatch, name):
    """`compare --chart c.` wrote a PNG named 'c.', `--chart -` a file named '-' (not the
    standard output), `--chart .png` a hidden file: the name must end in .png after a stem."""
    monkeypatch.chdir(tmp_path)
    assert main(["compare", "--as-of", "2022", "2023", "--data-dir", str(tiny_data_dir),
                 "--n-paths", "100", "--chart", name]) == 2
    assert one_line_error(capsys).startswith(
        "forecast: error: --chart: expected a file name ending in .png (the chart is a PNG "
        "image), found ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_chart_named_in_capitals_is_written(tiny_data_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["compare", "--as-of", "2022", "2023", "--data-dir", str(tiny_data_dir),
                 "--n-paths", "100", "--chart", "Moved.PNG"]) == 0
    assert (tmp_path / "Moved.PNG").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
