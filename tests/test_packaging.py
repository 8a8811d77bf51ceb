"""The project's own files install what it needs, and say the same thing."""

from __future__ import annotations

import re
import tomllib

import yaml

from forecast import config

ROOT = config.PROJECT_ROOT


def _requirement(spec: str) -> tuple[str, str]:
    m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", spec)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_lists_the_runtime_dependencies_of_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = dict(_requirement(d) for d in project["dependencies"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip.extend(dep.get("pip", []))
        else:
            name, bound = _requirement(dep.replace("=", "==", 1) if re.fullmatch(
                r"[a-z0-9\-]+=[0-9.]+", dep) else dep)
            conda[name] = bound
    assert conda.pop("python") == "==3.11"
    conda.pop("pip")
    assert "-e ." in pip, "environment.yml must install the package itself (pip: -e .)"
    listed = {**conda, **dict(_requirement(p) for p in pip if p != "-e .")}
    assert listed == runtime


def test_console_script_and_ci():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["forecast"] == "forecast.cli:main"
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
    assert "make test" in (ROOT / "README.md").read_text()
