"""``forecast report`` shows its progress region by region, as ``forecast batch`` does."""

from __future__ import annotations

from forecast.report import render as rr


def test_each_rendered_region_is_reported_with_its_status(tmp_path, monkeypatch):
    monkeypatch.setattr(rr, "_read_manifest", lambda run_dir: {"regions": ["a", "b", "c"]})

    def region(self, name):  # "b" fails to render; the others go on
        self._rendered.add(name)
        if name == "b":
            self.failed[name] = "DataError: broken"

    monkeypatch.setattr(rr.RunReports, "region", region)
    monkeypatch.setattr(rr, "render_summary", lambda run_dir, out, lang: out)
    seen = []
    out = rr.render_run(tmp_path, "en", on_progress=lambda *a: seen.append(a))
    assert seen == [({"region": "a", "status": "ok", "error": None}, 1, 3),
                    ({"region": "b", "status": "failed", "error": "DataError: broken"}, 2, 3),
                    ({"region": "c", "status": "ok", "error": None}, 3, 3)]
    assert out["failed"] == {"b": "DataError: broken"}
