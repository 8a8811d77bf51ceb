"""Build the curated data files from data/raw/ alone.

Usage::

    python data/curation/build.py [OUTDIR]

Writes observations.csv, targets.csv, regions.csv, sources.csv and README.md to OUTDIR
(default: the data/ folder this script lives in), then checks them. Every value comes from a
row of data/raw/ (file + line number) chosen in specs.py; nothing is typed in by hand except
three targets quoted from a row's ``concept_note``, which must appear verbatim in that note.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pandas as pd

import check
from check import COLUMNS, CurationError
import readme
import specs
from srclib import (assign_ids, host_of, iso_or_empty, norm_url, published_of, slug_title,
                    year_of)

HERE = Path(__file__).resolve().parent
RAW_DIR = HERE.parent / 'raw'
DEFAULT_OUT = HERE.parent


def load_raw(raw_dir: Path = RAW_DIR) -> dict[str, pd.DataFrame]:
    """Research files by their specs.RAW_FILES key, every cell as text ('' when empty)."""
    return {k: pd.read_csv(raw_dir / name, dtype=str, keep_default_na=False)
            for k, name in specs.RAW_FILES.items()}


def year_end(year: int) -> str:
    """ISO year-end date of `year`."""
    return f'{year}-12-31'


def fmt_decimal(d: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros."""
    s = format(d.normalize(), 'f')
    if '.' in s:
        s = s.rstrip('0').rstrip('.')
    return s


def slugify(name: str) -> str:
    """Lowercase hyphen slug of a province name (its region id)."""
    return re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')


class Curation:
    """The curated tables and the accounting of which research rows they use.

    Sources and regions are derived from the research files on construction; observations and
    targets are added by `specs.declare` through `observe` and `target`.

    Parameters
    ----------
    raw : dict of pandas.DataFrame
        Research files as returned by `load_raw`.
    """

    def __init__(self, raw: dict[str, pd.DataFrame]):
        self.raw = raw
        self.observations: list[dict] = []
        self.targets: list[dict] = []
        # (kind, region, metric, date, value, source_id, file, line, alternative rows) of every
        # shipped row that names alternatives; data/README.md tabulates them.
        self.alts: list[tuple] = []
        # (file, line) -> 'primary' | 'alternative'.
        self.used: dict[tuple[str, int], str] = {}
        # (file, line, region, date) of rows shipped under their specs.MOVED metric.
        self.moved: list[tuple] = []
        self._collect_sources()
        self._build_regions()

    def row(self, f: str, line: int) -> pd.Series:
        """Research row by file key and 1-based line number (header = line 1)."""
        return self.raw[f].iloc[line - 2]

    # ------------------------------------------------------------------------- sources
    def _add_source(self, url: str, publisher: str, date_text: str) -> None:
        k = norm_url(url)
        if k in self.sources:
            # A later row citing the same page fills what the first one lacked.
            src = self.sources[k]
            if not src['published']:
                src['published'] = iso_or_empty(date_text)
            if len(published_of(date_text)) > len(src['published_text']):
                src['published_text'] = published_of(date_text)
            if not src['year']:
                src['year'] = year_of(date_text)
            if src['pub_from_host'] and publisher:
                src['publisher'] = publisher
                src['pub_from_host'] = False
            return
        title = specs.TITLE_OVERRIDE.get(k)
        if title is None:
            title = slug_title(url).lower()
        if not title:
            raise CurationError(f'no title for {url} ({k}): add it to specs.TITLE_OVERRIDE')
        self.sources[k] = dict(url=url, publisher=publisher or host_of(url), title=title,
                               published=iso_or_empty(date_text), year=year_of(date_text),
                               published_text=published_of(date_text),
                               pub_from_host=not publisher)

    def _collect_sources(self) -> None:
        # Only national observations record a publisher; the others fall back to the URL host.
        self.sources: dict[str, dict] = {}
        raw = self.raw
        for _, r in raw['N'].iterrows():
            self._add_source(r.source_url, r.source_publisher, r.source_date)
        for f in ('T', 'G'):
            for _, r in raw[f].iterrows():
                self._add_source(r.source_url, '', r.source_date)
        # The Kanwil mapping cites its sources inside free text; they are listed too so any raw
        # row can be cited.
        self.region_urls = []
        for _, r in raw['P'].iterrows():
            for u in re.findall(r'https?://[^\s;|)]+', r.source_url):
                u = u.rstrip('.,')
                self.region_urls.append(u)
                self._add_source(u, '', '')
        assign_ids(list(self.sources.values()))

    def seed_source_id(self, text: str) -> str:
        """Seed source of a seed row: the first article its ``source`` text names."""
        best = None
        for sid, (_, _, _, prefixes) in specs.SEEDS.items():
            for p in prefixes:
                pos = text.find(p)
                if pos >= 0 and (best is None or pos < best[0]):
                    best = (pos, sid)
        if best is None:
            raise CurationError(f'seed source not in specs.SEEDS: {text!r}')
        return best[1]

    def source_id(self, f: str, line: int) -> str:
        """Source id of research row (f, line)."""
        r = self.row(f, line)
        if f == 'S':
            return self.seed_source_id(r.source)
        return self.sources[norm_url(r.source_url)]['id']

    def source_rows(self) -> list[dict]:
        """Rows of sources.csv: URL sources in first-seen order, then the seed articles."""
        # The research records no page titles and the URL slugs lose decimals ("896 persen"
        # for 89.6 %), so a URL source has no title: readers get its publisher, date and URL.
        # The slug words only make the id. `published` keeps the precision the research gives.
        rows = [dict(id=s['id'], publisher=s['publisher'], title='', url=s['url'],
                     published=s['published_text']) for s in self.sources.values()]
        for sid, (pub, title, published, _) in specs.SEEDS.items():
            rows.append(dict(id=sid, publisher=pub, title=title, url='', published=published))
        return rows

    # ------------------------------------------------------------------------- regions
    def _build_regions(self) -> None:
        self.regions = [dict(id='national', name='Indonesia', level='national', parent='',
                             bps_code='00')]
        for _, kid, kname in specs.KANWIL:
            self.regions.append(dict(id=kid, name=kname, level='kanwil', parent='national',
                                     bps_code=''))
        self.province_ids: dict[str, str] = {}
        # (province id, kanwil id, bracketed research note) of mappings the research marks.
        self.inferred: list[tuple[str, str, str]] = []
        for _, r in self.raw['P'].iterrows():
            kid = next((k for p, k, _ in specs.KANWIL if r.kanwil.startswith(p)), None)
            if kid is None:
                raise CurationError(f'raw/regions.csv: no Kanwil in specs.KANWIL for {r.kanwil!r}')
            pid = slugify(r.province_name)
            self.province_ids[r.province_name] = pid
            if '[' in r.kanwil:
                self.inferred.append((pid, kid, r.kanwil[r.kanwil.index('['):]))
            self.regions.append(dict(id=pid, name=r.province_name, level='province', parent=kid,
                                     bps_code=r.bps_code.zfill(2)))
        if len(self.province_ids) != 38:
            raise CurationError(f'raw/regions.csv: {len(self.province_ids)} provinces, expected 38')
        # Regencies and cities (fourth level), each under its province (specs.REGENCIES).
        provinces = set(self.province_ids.values())
        for rid, name, parent in specs.REGENCIES:
            if parent not in provinces:
                raise CurationError(f'specs.REGENCIES: {rid}: parent {parent!r} is not a province')
            self.regions.append(dict(id=rid, name=name, level='regency', parent=parent,
                                     bps_code=''))

    # ------------------------------------------------------------------------- values
    def _where(self, f: str, line: int) -> str:
        return f'raw/{specs.RAW_FILES[f]}:{line}'

    def _value(self, f: str, line: int, metric: str, value: str | None) -> str:
        r = self.row(f, line)
        unit = specs.UNIT[metric]
        if value is not None:
            if value not in r.concept_note:
                raise CurationError(f'{self._where(f, line)}: {value!r} not in its concept_note')
            v = Decimal(value)
        else:
            v = Decimal(r.value)
            if unit == 'IDR_trillion' and r.unit == 'IDR':
                v = v / Decimal(10) ** 12
            elif r.unit != unit:
                raise CurationError(f'{self._where(f, line)}: unit {r.unit} vs {unit}')
        if unit == 'persons':
            if v != v.to_integral_value():
                raise CurationError(f'{self._where(f, line)}: {v} persons is not an integer')
            return str(int(v))
        return fmt_decimal(v)

    def _check_metric(self, f: str, line: int, metric: str) -> None:
        rm = self.row(f, line).metric
        if rm != metric and (rm, metric) not in specs.ALLOWED_METRIC_MAP:
            raise CurationError(f'{self._where(f, line)}: metric {rm} shipped as {metric}')

    def _record(self, kind: str, rec: dict, date: str, f: str, line: int, alts) -> None:
        self.used[(f, line)] = 'primary'
        for a in alts:
            self.used.setdefault(a, 'alternative')
        if alts:
            self.alts.append((kind, rec['region'], rec['metric'], date, rec['value'],
                              rec['source_id'], f, line, list(alts)))

    def _denominator(self, f: str, line: int, metric: str, note: str) -> str:
        if metric != 'coverage_pct':
            return ''
        try:
            return specs.denominator_of(note)
        except ValueError as e:
            raise CurationError(f'{self._where(f, line)}: {e}') from None

    def observe(self, f: str, line: int, region: str, metric: str, date: str, note: str,
                alts=(), value: str | None = None) -> None:
        """Ship research row (f, line) as an observation (``O`` in specs.py)."""
        self._check_metric(f, line, metric)
        if (f, line) in specs.MOVED:
            # Another concept than the fitted series: its own metric (specs.MOVED).
            metric = specs.MOVED[(f, line)][0]
            self.moved.append((f, line, region, date))
        rec = dict(region=region, metric=metric, date=date,
                   value=self._value(f, line, metric, value), unit=specs.UNIT[metric],
                   source_id=self.source_id(f, line), note=note,
                   denominator=self._denominator(f, line, metric, note))
        self.observations.append(rec)
        self._record('obs', rec, date, f, line, alts)

    def target(self, f: str, line: int, region: str, metric: str, year: int, note: str,
               alts=(), value: str | None = None) -> None:
        """Ship research row (f, line) as a target for `year` (``T`` in specs.py)."""
        # A value quoted from a note belongs to a row about another quantity or year.
        if value is None:
            self._check_metric(f, line, metric)
        rec = dict(region=region, metric=metric, target_date=year_end(year),
                   value=self._value(f, line, metric, value), unit=specs.UNIT[metric],
                   source_id=self.source_id(f, line), note=note,
                   denominator=self._denominator(f, line, metric, note))
        self.targets.append(rec)
        self._record('target', rec, rec['target_date'], f, line, alts)

    def region_source_ids(self) -> list[str]:
        """Sorted ids of the sources cited by raw/regions.csv."""
        return sorted({self.sources[norm_url(u)]['id'] for u in self.region_urls})


def write_csv(path: Path, cols: list[str], rows: list[dict]) -> None:
    """Write `rows` as UTF-8 CSV with LF line ends (minimal quoting)."""
    with open(path, 'w', newline='', encoding='utf-8') as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator='\n', extrasaction='ignore')
        w.writeheader()
        w.writerows(rows)


def build(outdir: Path) -> str:
    """Build the five files into `outdir`, check them, and return a one-line summary.

    Parameters
    ----------
    outdir : pathlib.Path
        Output folder; created if missing.

    Returns
    -------
    str
        Summary line (row counts and README statistics).
    """
    check.check_raw(RAW_DIR)
    cur = Curation(load_raw(RAW_DIR))
    specs.declare(cur)
    unused = sorted(set(specs.MOVED) - {(f, line) for f, line, *_ in cur.moved})
    if unused:
        raise CurationError(f'specs.MOVED names rows no O call ships: {unused}')

    obs = sorted(cur.observations,
                 key=lambda r: (r['region'] != 'national', r['region'], r['metric'], r['date']))
    tgt = sorted(cur.targets,
                 key=lambda r: (r['region'] != 'national', r['region'], r['metric'], r['target_date']))
    src = cur.source_rows()
    tables = {'observations.csv': obs, 'targets.csv': tgt, 'regions.csv': cur.regions,
              'sources.csv': src}
    text, stats = readme.render(cur, {name: pd.DataFrame(rows, columns=COLUMNS[name], dtype=str)
                                      for name, rows in tables.items()})

    # Build and check in a staging folder, then move the files in: a failed check leaves
    # the previous files untouched instead of half-rewritten ones.
    outdir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix='.curation-', dir=outdir))
    try:
        for name, rows in tables.items():
            write_csv(staging / name, COLUMNS[name], rows)
        with open(staging / 'README.md', 'w', encoding='utf-8', newline='\n') as fh:
            fh.write(text)
        check.check_outputs(staging)
        for name in [*tables, 'README.md']:
            os.replace(staging / name, outdir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return (f'{outdir}: {len(obs)} observations, {len(tgt)} targets, {len(cur.regions)} regions, '
            f'{len(src)} sources; README with {stats["conflicts"]} conflicts and '
            f'{stats["raw_only"]} raw-only rows; checks passed')


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: ``build.py [OUTDIR]``."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ('-h', '--help'):
        print(__doc__.strip())
        return 0
    if len(argv) > 1:
        print('usage: python data/curation/build.py [OUTDIR]', file=sys.stderr)
        return 2
    outdir = Path(argv[0]) if argv else DEFAULT_OUT
    try:
        print(build(outdir))
    except CurationError as e:
        print(f'curation failed: {e}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
