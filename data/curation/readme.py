"""Render data/README.md: the template plus tables computed from the curation.

The prose lives in data_README.template.md; the ``{{PLACEHOLDERS}}`` are filled here from the
curated tables and the accounting of research rows kept by build.Curation. The reasons printed
in the tables are decisions and live in specs.py.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd

import specs
from check import CurationError

TEMPLATE = Path(__file__).resolve().parent / 'data_README.template.md'

# Research files whose rows are accounted for in the appendix (raw/regions.csv is the region
# list itself, not data rows).
DATA_FILES = ('N', 'T', 'G', 'S')


def _raw_value(cur, f: str, line: int) -> str:
    """Research value as printed in the tables: IDR converted to IDR trillion."""
    r = cur.row(f, line)
    return str(float(r.value) / 1e12).rstrip('0').rstrip('.') if r.unit == 'IDR' else r.value


def _ref(f: str, line: int) -> str:
    return f'raw/{specs.RAW_FILES[f]}:{line}'


def conflict_tables(cur) -> tuple[list[str], list[str]]:
    """Conflict table lines and agreement items from the alternatives named by shipped rows.

    Returns
    -------
    lines : list of str
        Markdown table (header, rule, one line per conflict, then specs.EXTRA_CONFLICT_ROWS).
    agree : list of str
        Shipped rows whose alternatives only repeat the kept value.
    """
    lines = ['| file | region / metric / date | kept (source) | left in raw/ (value, source, raw row) | why |',
             '|---|---|---|---|---|']
    agree = []
    for kind, region, metric, date, value, sid, f, line, alts in cur.alts:
        key = f'{kind}|{region}|{metric}|{date}'
        conf, same = [], []
        for af, al in alts:
            rm = cur.row(af, al).metric.replace('target_coverage_pct', 'coverage_pct')
            if rm != metric:
                continue  # a denominator or other quantity mentioned in the note, not a rival value
            v = _raw_value(cur, af, al)
            item = f'{v} ({cur.source_id(af, al)}, {_ref(af, al)})'
            (same if float(v) == float(value) else conf).append(item)
        if conf:
            fname = 'observations' if kind == 'obs' else 'targets'
            extra = ('; same value also in ' + '; '.join(same)) if same else ''
            lines.append(f"| {fname} | {region} / {metric} / {date} | {value} ({sid}) | "
                         f"{'; '.join(conf)}{extra} | {specs.WHY.get(key, 'see note')} |")
        elif same and key not in specs.NOT_AN_AGREEMENT:
            agree.append(f'{region} / {metric} / {date}: {value} ({sid}) = ' + '; '.join(same))
    lines.extend(specs.EXTRA_CONFLICT_ROWS)
    return lines, agree


def left_out(cur, province_names: set[str]) -> dict[str, list[tuple[str, int]]]:
    """Every research data row not shipped, grouped by the reason it stays in raw/.

    Raises
    ------
    CurationError
        If a row has no reason (neither an alternative, nor in specs.LEFT_OUT, nor covered by
        a general rule).
    """
    groups = defaultdict(list)
    unclassified = []
    for f in DATA_FILES:
        frame = cur.raw[f]
        for i in range(len(frame)):
            line = i + 2
            status = cur.used.get((f, line))
            if status == 'primary':
                continue
            r = frame.iloc[i]
            name = r.get('region_name', 'Indonesia') if f in ('G', 'S') else 'Indonesia'
            if status == 'alternative':
                reason = 'alternative value or denominator of a shipped row (named in that row\'s note)'
            elif (f, line) in specs.LEFT_OUT:
                reason = specs.LEFT_OUT[(f, line)]
            elif r.metric in specs.OUTSIDE:
                reason = 'metric outside the list'
            elif name not in province_names and name not in specs.KANWIL_NAMES and name != 'Indonesia':
                reason = 'regency, city or branch office: no region id'
            elif r.metric == 'other':
                reason = "'other' quantity (non-active counts, denominators, ambiguous shares, branch counts, etc.)"
            else:
                unclassified.append(f'{_ref(f, line)} ({name}, {r.metric}, {r.value})')
                continue
            groups[reason].append((specs.RAW_FILES[f].split('.')[0], line))
    if unclassified:
        raise CurationError('research rows neither shipped nor given a reason in specs.LEFT_OUT: '
                            + '; '.join(unclassified))
    return groups


def render(cur, tables: dict[str, pd.DataFrame]) -> tuple[str, dict[str, int]]:
    """Text of data/README.md.

    Parameters
    ----------
    cur : build.Curation
        The curation after `specs.declare` ran.
    tables : dict of pandas.DataFrame
        The four curated tables by file name, as they are written (all cells text).

    Returns
    -------
    text : str
        The README.
    stats : dict
        ``conflicts``, ``agreements`` and ``raw_only`` counts for the summary line.
    """
    obs, tgt = tables['observations.csv'], tables['targets.csv']
    reg, src = tables['regions.csv'], tables['sources.csv']
    province_names = set(reg['name'][reg.level == 'province'])

    lines, agree = conflict_tables(cur)
    groups = left_out(cur, province_names)
    appendix = []
    # Largest groups first; ties keep first-seen order (sorted is stable).
    for reason in sorted(groups, key=lambda k: -len(groups[k])):
        byfile = defaultdict(list)
        for stem, line in groups[reason]:
            byfile[stem].append(str(line))
        refs = '; '.join(f"{stem} {', '.join(lns)}" for stem, lns in byfile.items())
        appendix.append(f'- **{reason}** ({len(groups[reason])} rows): {refs}')

    regencies = sorted({n for n in cur.raw['G'].region_name
                        if n not in province_names and n not in specs.KANWIL_NAMES
                        and n not in specs.REGENCY_NAMES and n != 'Indonesia'})

    counts = {m: int((obs.metric == m).sum()) for m in sorted(obs.metric.unique())}
    nat = obs[obs.region == 'national']

    def series(metric: str) -> str:
        s = nat[(nat.metric == metric) & nat.date.str.endswith('-12-31')].sort_values('date')
        return ', '.join(f'{d[:4]}: {v}' for d, v in zip(s.date, s.value))

    fills = [
        ('{{CONFLICT_TABLE}}', '\n'.join(lines)),
        ('{{AGREE}}', '\n'.join(f'- {a}' for a in agree)),
        ('{{APPENDIX}}', '\n'.join(appendix)),
        ('{{REGENCY_LIST}}', ', '.join(regencies)),
        ('{{INFERRED}}', '\n'.join(f'| {p} | {k} | {note.strip("[]")} |' for p, k, note in cur.inferred)),
        ('{{REGION_SOURCES}}', ', '.join(f'`{s}`' for s in cur.region_source_ids())),
        ('{{COUNTS}}', '\n'.join(f'| {m} | {n} | {int((nat.metric == m).sum())} |'
                                 for m, n in counts.items())),
        ('{{MOVED}}', '\n'.join(
            f'| {_ref(f, line)} | {region} | {date} | `{specs.MOVED[(f, line)][0]}` | '
            f'{specs.MOVED[(f, line)][1]} |'
            for f, line, region, date in sorted(cur.moved, key=lambda m: (m[2], m[3])))),
        ('{{DENOMINATORS}}', '\n'.join(f'| `{d}` | {text} |'
                                        for d, text in specs.DENOMINATORS.items())),
        ('{{N_OBS}}', str(len(obs))), ('{{N_TGT}}', str(len(tgt))),
        ('{{N_REG}}', str(len(reg))), ('{{N_SRC}}', str(len(src))),
        ('{{AT_SERIES}}', series('active_total')),
        ('{{FI_SERIES}}', series('fund_investment')),
    ]
    text = TEMPLATE.read_text(encoding='utf-8')
    for placeholder, value in fills:
        text = text.replace(placeholder, value)
    if '{{' in text:
        raise CurationError(f'{TEMPLATE.name}: placeholder left unfilled')
    stats = dict(conflicts=len(lines) - 2, agreements=len(agree),
                 raw_only=sum(len(v) for v in groups.values()))
    return text, stats
