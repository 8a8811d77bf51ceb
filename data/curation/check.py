"""Checks of the curated data files and of the raw/ inputs.

build.py runs `check_raw` before reading raw/ and `check_outputs` after writing. Standalone::

    python data/curation/check.py [DATADIR]

checks the four curated files of DATADIR (default: the data/ folder) and exits non-zero,
listing every problem with its file and line, if any check fails.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pandas as pd

import specs

HERE = Path(__file__).resolve().parent

COLUMNS = {
    'observations.csv': ['region', 'metric', 'date', 'value', 'unit', 'source_id', 'note',
                         'denominator'],
    'targets.csv': ['region', 'metric', 'target_date', 'value', 'unit', 'source_id', 'note',
                    'denominator'],
    'regions.csv': ['id', 'name', 'level', 'parent', 'bps_code'],
    'sources.csv': ['id', 'publisher', 'title', 'url', 'published'],
}

# SHA-256 of every raw/ file. raw/ is a byte-for-byte copy of the research files and is never
# edited; specs.py addresses research rows by line number, so any change to these files could
# silently shift every decision onto another row. After a deliberate refresh of raw/, re-check
# every line reference in specs.py before updating these sums.
RAW_SHA256 = {
    'README.md': '929f1e4627a562faaf71647f505180b5c3af5fb481f1286cd9132c067b6f16d3',
    'national_observations.csv': 'e82b086c54abd44981f7a589e2eb7593284633fe4c4e2b4a62eb1caae4699bf9',
    'national_targets.csv': '26202e4d1954a71bc0fd1741a4ef52bd11a90cd5b20951d09f7838c730fa82b0',
    'regional_observations.csv': '5e127ce774625136bbd7cdec60e042b5ee70aee4c70e0310ebbb1f191fd3dbab',
    'regions.csv': '2ccdab2dc73267490a7f29d5d451013cd119f82d578e924781ad82ce0f544d5e',
    'seed_facts.csv': 'bdbc3a2d722036f04723e40a5631cd901aea94f549644559aef96dde4ce86a7d',
}


class CurationError(Exception):
    """A research row does not support a decision of specs.py, or a check failed."""


def _fail(problems: list[str]) -> None:
    if problems:
        raise CurationError(f'{len(problems)} problem(s):\n  - ' + '\n  - '.join(problems))


def check_raw(raw_dir: Path) -> None:
    """Fail unless `raw_dir` holds exactly the expected research files, unchanged.

    Raises
    ------
    CurationError
        Listing missing, changed or unexpected files.
    """
    problems = []
    for name, digest in RAW_SHA256.items():
        path = raw_dir / name
        if not path.is_file():
            problems.append(f'raw/{name}: missing')
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f'raw/{name}: differs from the research copy (checksum)')
    for path in sorted(raw_dir.iterdir()):
        if path.name not in RAW_SHA256:
            problems.append(f'raw/{path.name}: not a research file')
    _fail(problems)


def _iso_ok(s: str) -> bool:
    if not re.fullmatch(r'\d{4}-\d{2}-\d{2}', s):
        return False
    try:
        return pd.Timestamp(s).strftime('%Y-%m-%d') == s
    except ValueError:
        return False


def check_outputs(datadir: Path) -> None:
    """Check the four curated files of `datadir` for schema, references and value formats.

    Line numbers in messages are file lines (header = line 1).

    Raises
    ------
    CurationError
        Listing every problem found.
    """
    problems = []
    err = problems.append
    df = {}
    for name, cols in COLUMNS.items():
        with open(datadir / name, encoding='utf-8') as fh:
            header = fh.readline().rstrip('\n')
        if header != ','.join(cols):
            err(f'{name}: header {header!r}')
        df[name] = pd.read_csv(datadir / name, dtype=str, keep_default_na=False)
    obs, tgt, reg, src = (df[k] for k in COLUMNS)

    # sources
    if src.id.duplicated().any():
        err(f'sources.csv: duplicate ids {src.id[src.id.duplicated()].tolist()}')
    for i, r in src.iterrows():
        where = f'sources.csv line {i + 2}'
        if not re.fullmatch(r'[a-z0-9]+(-[a-z0-9]+)*', r.id):
            err(f'{where}: id not a lowercase slug: {r.id}')
        if r.published and not (_iso_ok(r.published)
                                or re.fullmatch(r'\d{4}(-(0[1-9]|1[0-2]))?', r.published)):
            err(f'{where}: published {r.published!r}')
        if not r.publisher:
            err(f'{where}: empty publisher')
    urls = src.url[src.url != '']
    if urls.duplicated().any():
        err(f'sources.csv: duplicate urls {urls[urls.duplicated()].tolist()}')

    # regions
    if reg.id.duplicated().any():
        err(f'regions.csv: duplicate ids {reg.id[reg.id.duplicated()].tolist()}')
    ids = set(reg.id)
    level = dict(zip(reg.id, reg.level))
    for i, r in reg.iterrows():
        where = f'regions.csv line {i + 2}'
        if r.level not in ('national', 'kanwil', 'province', 'regency'):
            err(f'{where}: level {r.level}')
        if r.level == 'national' and (r.parent or r.bps_code != '00'):
            err(f'{where}: national row needs no parent and bps_code 00')
        if r.level != 'national' and r.parent not in ids:
            err(f'{where}: parent {r.parent!r} missing')
        if r.level == 'province':
            if not re.fullmatch(r'\d{2}', r.bps_code):
                err(f'{where}: bps_code {r.bps_code!r}')
            if level.get(r.parent) != 'kanwil':
                err(f'{where}: province parent is not a kanwil')
        if r.level == 'regency' and level.get(r.parent) != 'province':
            err(f'{where}: regency parent is not a province')
        if r.level == 'kanwil' and (r.parent != 'national' or r.bps_code):
            err(f'{where}: kanwil parent/bps_code')
    nprov = (reg.level == 'province').sum()
    if nprov != 38:
        err(f'regions.csv: {nprov} provinces, expected 38')
    if reg.bps_code[reg.level == 'province'].duplicated().any():
        err('regions.csv: duplicate bps codes')

    # observations and targets
    source_ids = set(src.id)
    for name, frame, datecol in (('observations.csv', obs, 'date'),
                                 ('targets.csv', tgt, 'target_date')):
        for i, r in frame.iterrows():
            where = f'{name} line {i + 2}'
            if r.region not in ids:
                err(f'{where}: region {r.region!r} not in regions.csv')
            if r.metric not in specs.UNIT:
                err(f'{where}: metric {r.metric!r}')
            elif r.unit != specs.UNIT[r.metric]:
                err(f'{where}: unit {r.unit!r} for {r.metric}')
            if not _iso_ok(r[datecol]):
                err(f'{where}: {datecol} {r[datecol]!r}')
            if name == 'targets.csv' and not r[datecol].endswith('-12-31'):
                err(f'{where}: target date not year-end')
            try:
                if not float(r.value) >= 0:
                    err(f'{where}: negative value')
            except ValueError:
                err(f'{where}: value {r.value!r}')
                continue
            if r.unit == 'persons' and not re.fullmatch(r'\d+', r.value):
                err(f'{where}: persons not a plain integer: {r.value!r}')
            if r.unit != 'persons' and not re.fullmatch(r'\d+(\.\d+)?', r.value):
                err(f'{where}: value format {r.value!r}')
            if r.source_id not in source_ids:
                err(f'{where}: source_id {r.source_id!r} not in sources.csv')
            if (r.metric == 'coverage_pct') != (r.denominator in specs.DENOMINATORS):
                err(f'{where}: denominator {r.denominator!r} for {r.metric}')
            if not r.note.strip():
                err(f'{where}: empty note')
        # A target stated by several sources is one row each (the loader keeps the latest
        # published, forecast.data.choose_statements; a vintage reads the earlier ones).
        key = ['region', 'metric', datecol] + (
            ['denominator', 'source_id'] if name == 'targets.csv' else [])
        dup = frame[frame.duplicated(key, keep=False)]
        for i, r in dup.iterrows():
            err(f'{name} line {i + 2}: duplicate key {tuple(r[key])}')
    _fail(problems)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: ``check.py [DATADIR]``."""
    argv = sys.argv[1:] if argv is None else argv
    datadir = Path(argv[0]) if argv else HERE.parent
    try:
        check_raw(HERE.parent / 'raw')
        check_outputs(datadir)
    except CurationError as e:
        print(f'check failed: {e}', file=sys.stderr)
        return 1
    print(f'{datadir}: all checks passed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
