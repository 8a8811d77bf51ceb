"""The summary's page on why the national probabilities moved since a previous run
(issue 18), when the run's manifest names one (``previous_run``: a run id beside it).

The comparison is :func:`forecast.compare.compare` of the two runs (their parameters from
their manifests, the data from their data folders as they are now); the page shows, per
national target, the probability at each end and the change of each step in order, with a
waterfall chart.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .. import config
from ..compare import compare
from ..compare_cmd import side_from_run
from ..compareplot import waterfall_chart
from ..errors import DataError
from ..params import check_language
from ..plots import PNG, localised, to_png
from ..run import run_region
from ..safepath import check_run_id
from . import numbers as fmt
from .build import target_label
from .words import scheme_metric, scheme_top_region

COMPARE_WORDS = {
    "en": {"title": "Why the national probabilities moved since run {run}",
           "title_top": "Why the probabilities of {top} moved since run {run}",
           "intro": "Each change is split by substituting one thing at a time, in this "
                    "order: new observations, revised observations, new or changed targets, "
                    "method, scenario (changes in percentage points); the steps add up to the change. 'Left to the order' "
                    "is the change minus each step applied alone: how much the order decides.",
           "changed": "The data folder has changed since run {run} (its data hash differs "
                      "from the run's record): both sides are recomputed from the data as it "
                      "is now, so 'Then' may not match what that run said.",
           "empty": "No target is assessed on both sides: nothing to decompose.",
           "target": "Target", "a": "Then", "b": "Now", "left": "Left to the order",
           "appears": "appears", "drops": "drops out", "ylabel": "probability (%)",
           "now": "now",
           "steps": {"new_observations": "New observations",
                     "revised_observations": "Revised observations",
                     "targets": "New or changed targets", "method": "Method",
                     "scenario": "Scenario"}},
    "id": {"title": "Mengapa probabilitas nasional berubah sejak run {run}",
           "title_top": "Mengapa probabilitas {top} berubah sejak run {run}",
           "intro": "Setiap perubahan diuraikan dengan mengganti satu hal setiap kali, dengan "
                    "urutan: observasi baru, observasi yang direvisi, target baru atau "
                    "berubah, metode, skenario (perubahan dalam poin persentase); jumlah langkahnya sama dengan perubahannya. "
                    "'Ditentukan urutan' adalah perubahan dikurangi setiap langkah yang "
                    "diterapkan sendiri: seberapa besar urutan menentukan.",
           "changed": "Folder data telah berubah sejak run {run} (hash datanya berbeda dari "
                      "catatan run itu): kedua sisi dihitung ulang dari data saat ini, "
                      "sehingga 'Dulu' mungkin tidak sama dengan yang dikatakan run itu.",
           "empty": "Tidak ada target yang dinilai di kedua sisi: tidak ada yang diuraikan.",
           "target": "Target", "a": "Dulu", "b": "Kini", "left": "Ditentukan urutan",
           "appears": "muncul", "drops": "keluar", "ylabel": "probabilitas (%)",
           "now": "kini",
           "steps": {"new_observations": "Observasi baru",
                     "revised_observations": "Observasi yang direvisi",
                     "targets": "Target baru atau berubah", "method": "Metode",
                     "scenario": "Skenario"}},
}


def _pp(x: float | None, lang: str) -> str:
    if x is None:
        return ""
    return f"{'+' if x >= 0 else '−'}{fmt.number(abs(100 * x), 1, lang)}"


def side_name(label, lang: str) -> str:
    """A side of the comparison as the page writes it: an as-of date in words ("31 December
    2023" / "31 Desember 2023", not the ISO "2023-12-31" the notebook's table was headed
    with), "now" for all data, a run id as it is.

    Examples
    --------
    >>> side_name("2023-12-31", "id"), side_name("now", "id"), side_name("20250101-1", "en")
    ('31 Desember 2023', 'kini', '20250101-1')
    """
    text = str(label)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return fmt.date(text, lang)
    return COMPARE_WORDS[check_language(lang)]["now"] if text == "now" else text


def compare_rows(comparison: dict, lang: str) -> list[list[str]]:
    """One table row per national target: label, then, each step (pp), now, left."""
    w = COMPARE_WORDS[check_language(lang)]
    rows = []
    for t in comparison["targets"]:
        p = t["probability"]
        value = t["target_value"]["b"] if t["target_value"]["b"] is not None \
            else t["target_value"]["a"]
        unit = scheme_metric(t["metric"]).get("unit") or config.METRICS.get(t["metric"],
                                                                              ("",))[0]
        label = target_label({"metric": t["metric"], "target_value": value,
                              "target_date": t["target_date"], "unit": unit,
                              "denominator": t.get("denominator")}, lang)
        cells = []
        for i, change in enumerate(p["steps"]):
            before, after = p["assessed"][i], p["assessed"][i + 1]
            cells.append(_pp(change, lang) if before and after else
                         w["appears"] if after else w["drops"] if before else "")
        rows.append([label, fmt.probability(p["a"], lang), *cells,
                     fmt.probability(p["b"], lang), _pp(p["interaction"], lang)])
    return rows


def compare_table(comparison: dict, lang: str) -> pd.DataFrame:
    """The decomposition as a table in ``lang`` (the notebooks): one row per target, its
    probability at A (``comparison["a"]`` names the column), each step's change in
    percentage points, at B, and what the order leaves undetermined."""
    w = COMPARE_WORDS[fmt.check_lang(lang)]
    headers = [w["target"], side_name(comparison["a"], lang),
               *[w["steps"][s] for s in comparison["steps"]], side_name(comparison["b"], lang),
               w["left"]]
    table = pd.DataFrame(compare_rows(comparison, lang), columns=headers)
    table.attrs["lang"] = lang  # a region with nothing to compare: the sentence in ``lang``
    return table


def waterfall_png(comparison: dict, lang: str) -> PNG:
    """The waterfall of each target assessed on both sides, its words in ``lang``."""
    w = COMPARE_WORDS[fmt.check_lang(lang)]
    drawn = [row[0] for t, row in zip(comparison["targets"], compare_rows(comparison, lang))
             if t["probability"]["a"] is not None and t["probability"]["b"] is not None]
    # Its ticks as the page writes numbers (0,5 in Indonesian), its ends as the table's.
    ends = {"a": side_name(comparison["a"], lang), "b": side_name(comparison["b"], lang)}
    return to_png(localised(waterfall_chart({**comparison, **ends}, w["steps"], ylabel=w["ylabel"],
                                            titles=drawn, number=lambda d: _pp(d / 100, lang),
                                            empty=w["empty"]), lang))


def compare_section(manifest: dict, run_dir: Path, lang: str, workdir: Path,
                    top_name: str | None = None) -> dict | None:
    """The page's data (None when the run names no previous run), its chart drawn into
    ``workdir``; ``top_name`` the top region's name where it is no nation
    (:func:`forecast.topwords.results_top_name`: the title says "national" otherwise)."""
    previous = manifest.get("previous_run")
    if not previous:
        return None
    prev_dir = Path(run_dir).parent / check_run_id(str(previous))
    if not (prev_dir / "manifest.json").is_file():
        raise DataError(f"{Path(run_dir) / 'manifest.json'}: field 'previous_run': expected "
                        f"a run beside this one, found '{previous}' (no such run)")
    comparison = compare(side_from_run(prev_dir, "published"),
                         side_from_run(Path(run_dir), "published"), scheme_top_region(),
                         run_region)
    w = COMPARE_WORDS[check_language(lang)]
    comparison["steps_words"] = [w["steps"][s] for s in comparison["steps"]]
    rows = compare_rows(comparison, lang)
    # The chart's ends are named as the table's columns (then, now), in the page's language.
    (workdir / "compare.png").write_bytes(waterfall_png({**comparison, "a": w["a"],
                                                         "b": w["b"]}, lang))
    intro = w["intro"]
    if comparison.get("data_changed"):
        intro += " " + w["changed"].format(run=previous)
    title = w["title_top" if top_name else "title"].format(run=previous, top=top_name)
    return {"title": title, "intro": intro,
            "headers": [w["target"], w["a"], *comparison["steps_words"], w["b"], w["left"]],
            "rows": rows, "figure": "compare.png"}
