"""Where a batch run's reports went, for the command line (``forecast batch`` and
``forecast report``): rendered with a progress bar when not rendered yet, then one line per
kind of report and one per failed region. Imported only by those two commands, so that
``forecast --help`` does not pay for it."""

from __future__ import annotations

import sys

from .plurals import plural


def skip_iri_grammars() -> None:
    """Keep jsonschema from compiling the IRI grammars of ``rfc3987_syntax`` on import.

    papermill and nbconvert import nbformat, which imports jsonschema, which compiles 38
    Lark grammars for its "iri" format check if that package is installed (JupyterLab's
    event schemas pull it in): 1.3 s of every ``forecast batch`` and ``forecast report``.
    Nothing here checks an IRI (nbformat validates with fastjsonschema and its schema has
    no "format" keyword), so only the command line's own process blocks the import; the
    library, used from a user's kernel, leaves it alone.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # None: "import" raises ImportError


def render_reports(run_dir, lang: str, out: dict | None = None) -> int:
    """Render a run's reports (unless ``out`` says what was rendered); print where they
    are. 1 if a region's report failed."""
    # The report machinery (typst, matplotlib, pandas) loads here, off --help's path;
    from pathlib import Path  # pathlib too (2 ms of the start-up that --help pays for)

    from .report import render_run, summary_name
    from .runfolder import read_manifest, read_results  # (the same reason)
    from .textsafe import escape  # (the same reason)

    if out is None:
        from .progress import Progress  # only when something is left to render

        bar = Progress(sys.stderr)  # a region's PDF takes a few tenths of a second
        out = render_run(run_dir, lang, on_progress=bar.update)
        bar.close()
    pdfs = [Path(p) for p in out["written"] if str(p).endswith(".pdf")]
    summary_pdf = Path(run_dir) / summary_name(lang)
    # The scheme's top region ("national" for the shipped data), as the summary names it:
    # from the results, as the reports were; the data folder may have moved or changed
    # (a damaged manifest data_dir failed here, after every PDF was written).
    top = "national"  # a results.json from before the scheme was written into it
    for region in read_manifest(run_dir)["regions"]:
        path = Path(run_dir) / region / "results.json"
        if path.is_file():
            top = (read_results(path, region).get("scheme") or {}).get("top_region", top)
            break
    tops = [p for p in pdfs if p.parent.name == top]
    others = [p for p in pdfs if p not in tops and p != summary_pdf]
    w = max(len("summary"), len(top)) + 1  # the paths start in one column
    print(f"reports ({lang}): {plural(len(out['written']), 'file')}")
    # Paths escaped like a message's: a runs folder named with a line feed printed raw.
    print(f"  {'summary:':<{w}} {escape(summary_pdf)}")
    for p in tops:
        print(f"  {top + ':':<{w}} {escape(p)}")
    if others:
        print(f"  {'regions:':<{w}} {len(others)} PDF{'s' * (len(others) != 1)}, "
              f"{escape(Path(run_dir) / '<region>' / others[0].name)}")
    for region, error in out["failed"].items():
        print(f"report for {region} failed: {escape(' '.join(str(error).split()), 2000)}",
              file=sys.stderr)
    return 1 if out["failed"] else 0
