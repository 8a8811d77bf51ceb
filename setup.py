"""Build hook: the wheel carries the shipped data and notebooks inside the package.

Everything else is in pyproject.toml. A checkout (or an editable install) reads data/ and
notebooks/ in place; an installed wheel has no checkout around it, so ``build_py`` copies
them to ``forecast/shipped/`` and ``forecast.config`` finds them there.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: Folder of the checkout -> file patterns the package needs at run time.
SHIPPED = {
    "data": ("observations.csv", "targets.csv", "regions.csv", "sources.csv", "scheme.toml",
             "README.md",
             "scenarios/*.toml", "scenarios/README.md"),
    "notebooks": ("*.ipynb",),
}


class BuildWithShippedFiles(build_py):
    """``build_py`` that also copies the shipped data and notebooks into the package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's own files
        target = Path(self.build_lib) / "forecast" / "shipped"
        for folder, patterns in SHIPPED.items():
            for pattern in patterns:
                for src in sorted((ROOT / folder).glob(pattern)):
                    dest = target / folder / src.relative_to(ROOT / folder)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(src, dest)


setup(cmdclass={"build_py": BuildWithShippedFiles})
