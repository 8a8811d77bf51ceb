"""Source mechanics: URL keys, titles derived from URLs, publisher slugs and source ids.

The research rows record a URL but no page title, so `sources.csv` derives its titles and ids
from the URL by the fixed rules below (documented in data/README.md). Hand-made exceptions
(titles of URLs without words, seed articles) are curation decisions and live in specs.py.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

# Path segments that are site furniture (sections, languages, "amp", "read", ...) rather than
# the article slug; skipped when looking for the title segment.
STOP_SEG = {'amp', 'index', 'all', 'read', 'berita', 'news', 'basic-html', 'files', 'javascript',
            'link', 'home', 'detail-news', 'statistik', 'document', 'hot-news', 'beritaamp', 'posts',
            'post', 'web', 'propolek', 'ekobis', 'prometro', 'kalbar', 'sultra-raya', 'baca',
            'mataram', 'regional', 'asuransi', 'ekonomi', 'bisnis', 'nasional', 'serba-serbi',
            'makassar-city', 'metro', 'kota-pekanbaru', 'kalimantan-timur', 'ntb', 'economy',
            'kategori', 'nasional-sosial-budaya', 'video', 'moneter', 'market', 'finansial',
            'data-statistik', 'keuangan', 'pemerintahan', 'goverment', 'kesehatan', 'sumatra',
            'article', 'statistic', 'kanal', 'hh', 'ekbis', 'ketenagakerjaan', 'makro', 'content',
            'bisnis-news', 'nasional-news', 'id', 'en', 'plcl', 'vjjx', 'njxr', 'slideshow', 'm',
            'index.php', 'kumparanbisnis', 'the', 'dki-jakarta', 'news-97831'}

# Publisher slug of an id, keyed by the registrable label of the URL host.
SHORT = {
    'antaranews': 'antara', 'bisnis-cdn': 'bisnis', 'katadata': 'katadata', 'tribunnews': 'tribun',
    'harianjogja': 'harianjogja', 'kompas': 'kompas', 'idntimes': 'idntimes',
    'cnbcindonesia': 'cnbc', 'republika': 'republika', 'okezone': 'okezone', 'liputan6': 'liputan6',
    'mediaasuransinews': 'mediaasuransi', 'monitorindonesia': 'monitorindonesia',
}

# Title words that say nothing about the article (the agency's names, stop words, the host's
# own words); skipped when picking the id's keyword(s).
KW_STOP = {'bpjs', 'ketenagakerjaan', 'bp', 'jamsostek', 'bpjamsostek', 'bpjstk', 'tk', 'di', 'dan',
           'yang', 'ini', 'the', 'page', 'com', 'co', 'id', 'ke', 'untuk', 'dari', 'pada', 'rp',
           'bps', 'a', 'of', 'in', 'by', 'jadi', 'baru', 'ada', 'bpjasmsostek', 'news', 'berita'}

# Labels treated as public suffixes when finding the registrable label of a host.
_SUFFIXES = {'com', 'id', 'co', 'go', 'or', 'net', 'org', 'info', 'biz', 'pub', 'site', 'news'}


def norm_url(url: str) -> str:
    """Key under which URLs count as one source.

    Parameters
    ----------
    url : str
        A research ``source_url``.

    Returns
    -------
    str
        Lowercase host without ``www.``, path without trailing slash, and the query if any;
        the scheme is dropped so http and https copies of a page are one source.
    """
    s = urlsplit(url.strip())
    host = (s.hostname or '').lower()
    if host.startswith('www.'):
        host = host[4:]
    query = ('?' + s.query) if s.query else ''
    return host + s.path.rstrip('/') + query


def slug_title(url: str) -> str:
    """Readable title from the URL's last meaningful path segment.

    Dashes become spaces; file extensions and numeric or hash ids are dropped. Returns ``''``
    when the URL carries no words (the caller then needs a title override).

    Parameters
    ----------
    url : str
        A research ``source_url``.

    Returns
    -------
    str
        The title words, case as in the URL.
    """
    s = urlsplit(url)
    if 'search.bisnis.com' in url and 'url=' in url:
        # A search-redirect link: the article is the URL in its query.
        return slug_title(unquote(parse_qs(s.query)['url'][0]))
    cand = []
    for seg in (x for x in s.path.split('/') if x):
        seg = re.sub(r'\.(html?|php|aspx?)$', '', seg, flags=re.I)
        if seg.lower() in STOP_SEG or re.fullmatch(r'[0-9]+', seg):
            continue
        cand.append(seg)
    # The article slug is the last segment with at least two words.
    pick = None
    for seg in reversed(cand):
        if len([w for w in re.split(r'[-_+]+', seg) if w]) >= 2:
            pick = seg
            break
    if pick is None:
        if {'p', 'id'} & set(parse_qs(s.query)):
            return ''
        pick = cand[-1] if cand else ''
    words = [w for w in re.split(r'[-_+]+', pick) if w]
    # Leading id tokens: a long number, or a short letter prefix followed by a number
    # (e.g. d-2880861).
    while words and (re.fullmatch(r'[0-9]+', words[0]) and len(words[0]) >= 5
                     or re.fullmatch(r'[a-z]{1,3}', words[0]) and len(words) > 1
                     and re.fullmatch(r'[0-9]+', words[1])):
        if re.fullmatch(r'[a-z]{1,3}', words[0]):
            words = words[2:]
        else:
            words = words[1:]
    # Trailing id tokens: letters mixed with digits, long numbers, '00', mixed-case hashes, and
    # a single trailing digit after a word.
    while words and (re.search(r'[0-9]', words[-1]) and re.search(r'[a-zA-Z]', words[-1])
                     or re.fullmatch(r'[0-9]{5,}', words[-1]) or words[-1] in ('00',)
                     or re.fullmatch(r'[A-Za-z0-9]{5,}', words[-1]) and re.search(r'[A-Z]', words[-1])
                     or re.fullmatch(r'[0-9]+', words[-1]) and len(words) > 1
                     and re.fullmatch(r'[0-9]+', words[-2]) is None and len(words[-1]) <= 1):
        words = words[:-1]
    return ' '.join(words)


def host_of(url: str) -> str:
    """Lowercase host of `url` without ``www.``."""
    h = (urlsplit(url).hostname or '').lower()
    return h[4:] if h.startswith('www.') else h


def pub_slug(url: str) -> str:
    """Publisher slug of a source id: the registrable label of the host, shortened via SHORT."""
    parts = host_of(url).split('.')
    labels = [p for p in parts if p not in _SUFFIXES]
    main = labels[-1] if labels else parts[0]
    # Two sub-brands publish their own data pages and are cited as such.
    if main == 'katadata' and parts[0] == 'databoks':
        return 'databoks'
    if main == 'goodstats' and parts[0] == 'data':
        return 'goodstats'
    return SHORT.get(main, main)


def iso_or_empty(date_text: str) -> str:
    """ISO day of a research ``source_date``; ``''`` for a month, a year or an inferred date."""
    m = re.match(r'^(\d{4}-\d{2}-\d{2})(.*)$', (date_text or '').strip())
    if not m or re.search(r'infer|approx', m.group(2), re.I):
        return ''
    return m.group(1)


def published_of(date_text: str) -> str:
    """Publication date of a research ``source_date`` at the precision the research gives.

    ``YYYY-MM-DD`` for a plain day, ``YYYY-MM`` for a plain month (a note in brackets such as
    "citing ..." or "Raker ..." is kept at that precision), and only ``YYYY`` when the day or
    month is marked approximate, inferred, undated, early or mid-year; ``''`` without a year.
    The vintage cut (``forecast.data.vintage``) treats a partial date as known at the end of
    its month or year, so a source is never used before it surely existed.
    """
    text = (date_text or '').strip()
    m = re.match(r'^(\d{4})(-\d{2})?(-\d{2})?(.*)$', text)
    if not m:
        return ''
    year, month, day, rest = m.groups()
    if re.search(r'infer|approx|undated|early|mid', rest, re.I):
        return year
    return year + (month or '') + ((day or '') if month else '')


def year_of(date_text: str) -> str:
    """Leading year of a research ``source_date``, or ``''``."""
    m = re.match(r'^(\d{4})', (date_text or '').strip())
    return m.group(1) if m else ''


def assign_ids(sources: list[dict]) -> None:
    """Give each source a unique id ``<publisher>-<date or year or nd>-<title keyword(s)>``.

    Keywords are added one at a time until the id is unique; ids are assigned in first-seen
    order, so an earlier source keeps the shorter id.

    Parameters
    ----------
    sources : list of dict
        Sources in first-seen order with keys ``url``, ``title``, ``published`` and ``year``;
        an ``id`` key is added to each.
    """
    used = set()
    for s in sources:
        date = s['published'] or s['year'] or 'nd'
        slug = pub_slug(s['url'])
        hostwords = set(re.split(r'[^a-z0-9]+', host_of(s['url']))) | {slug}
        words = [w for w in re.split(r'[^a-z0-9]+', s['title'].lower())
                 if w and w not in KW_STOP and w not in hostwords]
        base = f'{slug}-{date}'
        sid = None
        for n in range(1, len(words) + 1):
            cand = base + '-' + '-'.join(words[:n])
            if cand not in used:
                sid = cand
                break
        if sid is None:
            i = 2
            while f'{base}-{i}' in used:
                i += 1
            sid = f'{base}-{i}'
        used.add(sid)
        s['id'] = sid
