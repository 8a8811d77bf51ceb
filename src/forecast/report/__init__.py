"""Management reports: a PDF per region, a summary PDF per run, HTML notebooks.

PDFs are rendered by typst from the templates in ``templates/``, filled from results.json
and the run's figures, in English (``en``) or Bahasa Indonesia (``id``). Text from data is
passed to typst as JSON and is never evaluated as markup.
"""

from .render import (
                     RunReports,
                     export_html,
                     known_runs,
                     read_run,
                     render_region,
                     render_run,
                     render_summary,
                     report_name,
                     summary_name,
)

__all__ = ["RunReports", "export_html", "known_runs", "read_run", "render_region",
           "render_run", "render_summary", "report_name", "summary_name"]
