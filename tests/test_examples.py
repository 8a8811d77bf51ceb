"""The README's page images are the code's own output: page 1 of the national report is
rendered again from the results.json kept beside it and must match the committed image."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from forecast.report import examples

EXAMPLES = Path(__file__).resolve().parents[1] / "reports" / "examples"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_readme_national_image_is_rebuilt_identically_from_its_run():
    results = json.loads((EXAMPLES / examples.NATIONAL_RESULTS).read_text(encoding="utf-8"))
    rebuilt = examples.national_page(results, "en")
    committed = (EXAMPLES / "national_en.png").read_bytes()
    assert rebuilt == committed, ("reports/examples/national_en.png is stale: run "
                                  "`make report examples` and commit the images")


def test_examples_need_a_run_with_a_national_result(tmp_path):
    from forecast.errors import ParameterError

    with pytest.raises(ParameterError, match="national/results.json"):
        examples.rebuild(tmp_path, tmp_path / "out")
