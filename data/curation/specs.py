"""Curation decisions: what ships, from which research row, and what its note says.

Every curation decision lives here; build.py, readme.py and check.py only apply it, and
srclib.py holds only the mechanical rules that derive source titles and ids from URLs.

- `declare` makes one call per shipped row: ``O(file, line, region, metric, date, note, alts)``
  for an observation and ``T(file, line, region, metric, year, note, alts)`` for a target. The
  value is read from research row ``line`` (1-based, header = line 1) of ``file``, a key of
  `RAW_FILES`; ``alts`` are the research rows the note names as alternatives (they stay in
  raw/ only). ``value=`` is given only for a target quoted in the row's ``concept_note`` (it
  must appear there verbatim).
- The tables below fix units, accepted metric renames, seed sources, title overrides and the
  Kanwil mapping.
- `WHY`, `EXTRA_CONFLICT_ROWS`, `NOT_AN_AGREEMENT`, `LEFT_OUT` and related tables are the
  reasons printed in data/README.md.
"""

from __future__ import annotations

# Research file of each one-letter key used by the O/T calls (all under data/raw/).
RAW_FILES = {
    'N': 'national_observations.csv',
    'T': 'national_targets.csv',
    'G': 'regional_observations.csv',
    'S': 'seed_facts.csv',
    'P': 'regions.csv',
}

# Unit of each shipped metric (the unit column is fixed by the metric).
UNIT = {m: 'persons' for m in ('active_total', 'active_pu', 'active_bpu', 'active_jakon', 'active_pmi',
                               'registered_total', 'working_population', 'eligible_workers',
                               'active_total_office', 'active_total_local',
                               'participants_unlabelled')}
UNIT.update({m: 'IDR_trillion' for m in ('fund_investment', 'contributions', 'benefits_paid',
                                         'investment_income')})
UNIT['coverage_pct'] = 'percent'
# Participants whose contributions a regional budget pays (issue 15: Gianyar's vulnerable
# workers); shown, and a target of its own, never mixed into active_total.
UNIT['active_budget_funded'] = 'persons'

# Regencies and cities with a region id (issue 15): (id, name, parent province id). A
# regency's rows are its own; the research's branch (Cabang) areas span several regencies
# and stay in raw/.
REGENCIES = [('gianyar', 'Kabupaten Gianyar', 'bali')]
REGENCY_NAMES = {'Gianyar', 'Kab. Gianyar (Bali)'}

# (research metric, shipped metric) pairs accepted when they differ; any other mismatch between
# a research row and its O/T call is an error.
ALLOWED_METRIC_MAP = {
    ('other', 'eligible_workers'), ('target_coverage_pct', 'coverage_pct'),
    ('active_total', 'active_total_office'), ('active_total', 'active_total_local'),
    ('active_total', 'registered_total'), ('active_total', 'participants_unlabelled'),
    ('other', 'active_budget_funded'),
}

# One concept per fitted series (issue 13). A province's `active_total` is the Kemnaker Satu
# Data table of agency data (Dec 2023, republished for Feb 2025 by Databoks and GoodStats) and
# sources that count the same way. Other counts of a province's participants are another
# concept and ship under their own metric, shown but never fitted: (file, line) -> (metric,
# why). The O call keeps `active_total` (the research metric); build.observe applies this.
_OFFICE = 'active_total_office'
_LOCAL = 'active_total_local'
MOVED = {
    # Kanwil Sulama's Dec 2021 figures for its provinces (regional-office counting).
    **{('G', ln): (_OFFICE, 'Kanwil Sulama figure for the province (regional-office count)')
       for ln in (398, 401, 404, 407, 410, 413, 416)},
    # Kanwil Sumbagsel's Dec 2017 release: construction-heavy regional-office totals.
    **{('G', ln): (_OFFICE, 'Kanwil Sumbagsel 2017 total, construction-heavy (regional-office count)')
       for ln in (354, 358, 359, 360, 361)},
    ('G', 315): (_OFFICE, 'Kanwil Sumbagut statement, rounded'),
    ('G', 310): (_OFFICE, 'Kanwil Sumbagut statement, rounded'),
    ('G', 325): (_OFFICE, 'Kanwil Sumbar-Riau figure, PU + BPU only'),
    ('G', 363): (_OFFICE, 'regional-office statement'),
    ('G', 368): (_OFFICE, 'regional-office statement'),
    ('G', 346): (_OFFICE, 'press statement, rounded'),
    ('G', 347): (_OFFICE, 'PU + BPU only (no construction)'),
    ('G', 335): (_OFFICE, 'Cabang Tanjungpinang figure, rounded'),
    ('G', 243): (_OFFICE, 'press statement, formal + informal, rounded'),
    ('G', 278): (_OFFICE, 'Cabang Yogyakarta figure; may not cover the whole province'),
    ('G', 283): (_OFFICE, 'branch figures that the same article contradicts'),
    ('G', 295): (_OFFICE, "press statement ('pekerja yang terlindungi'), rounded"),
    ('G', 250): (_OFFICE, 'Kanwil Banten figure'),
    ('G', 134): (_OFFICE, 'Kanwil Kalimantan figure'),
    ('G', 421): (_OFFICE, 'regional-office figure by segment'),
    ('G', 429): (_OFFICE, 'press statement, rounded'),
    # Provincial governments and labour offices: UCJ counts, residence-based where stated.
    ('G', 175): (_LOCAL, 'UCJ participants'),
    ('G', 235): (_LOCAL, 'UCJ participants holding a DKI NIK (residence-based)'),
    ('G', 377): (_LOCAL, 'UCJ participants (provincial government)'),
    ('G', 149): (_LOCAL, 'UCJ participants (provincial government)'),
    ('G', 393): (_LOCAL, 'workers protected, UCJ (provincial labour office)'),
    ('G', 197): (_LOCAL, 'UCJ participants'),
    ('G', 189): (_LOCAL, 'provincial labour office (Disnakertrans NTB) figure'),
    ('G', 190): (_LOCAL, 'provincial labour office (Disnakertrans NTB) figure'),
    ('G', 137): (_LOCAL, 'provincial labour office (Disnakertrans Kaltim) figure'),
    ('G', 136): (_LOCAL, 'provincial labour office (Disnakertrans Kaltim) figure'),
    ('G', 256): (_LOCAL, 'provincial government statement, rounded'),
    # Not labelled active.
    ('G', 473): ('registered_total', 'described as registered'),
    ('G', 270): ('registered_total', 'described as registered (Kemnaker clipping)'),
    ('G', 201): ('registered_total', 'described as registered'),
    ('G', 433): ('participants_unlabelled', 'workers of registered companies; activity status not stated'),
}

# Denominator of every coverage_pct row (observations.csv and targets.csv `denominator`
# column; empty for other metrics). Vocabulary (documented in data/README.md):
DENOMINATORS = {
    'eligible_workers': 'workers eligible for membership as the agency reports them',
    'potential_workers': "a regional office's or labour office's 'potential' workers or participants",
    'labour_force': 'BPS labour force (angkatan kerja)',
    'working_population': 'BPS working population (penduduk bekerja)',
    'ucj_base': "the base of the Universal Coverage Jamsostek (UCJ) indicator; its size is rarely stated",
    'workers_unspecified': "'workers' with no definition (sometimes with a size)",
    'other': 'another stated base (formal workers as counted by the agency, residents, a branch area)',
    'not_stated': 'the source does not say',
}
# The text after "Denominator:" in a row's note (up to the first '.'), by how it begins;
# the first matching prefix wins, so longer prefixes come first.
DENOMINATOR_PHRASES = [
    ('not stated (UCJ base)', 'ucj_base'),
    ('not stated', 'not_stated'),
    ('potential workers (UCJ)', 'ucj_base'),
    ('potential workers', 'potential_workers'),
    ('potential participants', 'potential_workers'),
    ('labour force', 'labour_force'),
    ('eligible workers', 'eligible_workers'),
    ("the UCJ indicator's base", 'ucj_base'),
    ('working population as used for UCJ', 'ucj_base'),
    ('working population', 'working_population'),
    ('formal workers', 'other'),
    ('UCJ target workers', 'ucj_base'),
    ('workers excluding civil servants, military and police (UCJ)', 'ucj_base'),
    ('workers (UCJ base', 'ucj_base'),
    ('workers in the branch area', 'other'),
    ("described as 'penduduk'", 'other'),
    ('workers', 'workers_unspecified'),
]


def denominator_of(note: str) -> str:
    """Denominator id of a coverage row from its note.

    The note's "Denominator: ..." phrase decides (DENOMINATOR_PHRASES). A target note without
    one names its base in words: "labour force", or "UCJ" for a target of the UCJ indicator;
    otherwise the denominator is not stated.
    """
    marker = 'Denominator'
    if marker in note:
        text = note.split(marker, 1)[1].lstrip(': ').strip()
        for prefix, den in DENOMINATOR_PHRASES:
            if text.startswith(prefix):
                return den
        raise ValueError(f'denominator phrase not in specs.DENOMINATOR_PHRASES: {text!r}')
    if 'labour force' in note:
        return 'labour_force'
    if 'UCJ' in note:
        return 'ucj_base'
    return 'not_stated'


# Seed articles (raw/seed_facts.csv) have no URL; they get hand-written sources.
SEEDS = {
    # id: (publisher, title, published (the year the seed text states), match-prefixes)
    'seed-antara-denpasar-2023': (
        'ANTARA (Denpasar bureau)',
        'ANTARA, Denpasar, 2023, reporter Ni Luh Rhismawati, editor Sambas (BPJS Ketenagakerjaan '
        'Bali Denpasar / IKN head-office groundbreaking)',
        '2023', ('ANTARA, Denpasar',)),
    'seed-antara-jakarta-2023': (
        'ANTARA (Jakarta)',
        'ANTARA, Jakarta, 2023, reporter Erafzon Saptiyulda AS, editor Risbiani Fardaniah',
        '2023', ('ANTARA, Jakarta',)),
    'seed-insidepontianak-2024-11-15': (
        'insidepontianak.com', 'insidepontianak.com, 2024-11-15', '2024-11-15',
        ('insidepontianak.com',)),
    'seed-kaltengterkini-2024-11-07': (
        'kaltengterkini.co.id', 'kaltengterkini.co.id, 2024-11-07', '2024-11-07',
        ('kaltengterkini.co.id',)),
    'seed-gianyar-2024': (
        'Gianyar regency labour office (Disnaker) / BPJAMSOSTEK Gianyar branch',
        'Gianyar regency labour office (Disnaker) / BPJAMSOSTEK Gianyar branch, 2024', '2024',
        ('Gianyar regency',)),
}

TITLE_OVERRIDE = {
    # URLs whose last segment carries hash ids or no words; title = remaining words of the
    # slug, else '<host> page <id>' (see data/README.md). Keyed by srclib.norm_url.
    'alinea.id/bisnis/jumlah-pengangguran-di-indonesia-naik-jadi-705-juta-b1XpJ9oLG':
        'jumlah pengangguran di indonesia naik jadi 705 juta',
    '123dok.com/document/yerj08eq-berita-resmi-statistik.html': 'berita resmi statistik',
    '123dok.com/document/yj816jmq-berita-resmi-statistik.html': 'berita resmi statistik',
    'batamtoday.com/home/read/114722/Kepesertaan-BPJS-Ketenagakerjaan-di-Provinsi-Kepri-Belum-Capai-50-Persen':
        'kepesertaan bpjs ketenagakerjaan di provinsi kepri belum capai 50 persen',
    'gatra.com/news-426144-gaya-hidup-terbaik-penyelenggaran-jsk-jateng-raih-anugerah-paritrana.html':
        'gaya hidup terbaik penyelenggaran jsk jateng raih anugerah paritrana',
    'gatra.com/news-559750-kesehatan-ribuan-pekerja-rentan-di-sumbar-dilindungi-bpjasmsostek-hingga-menyasar-daerah-3t.html':
        'kesehatan ribuan pekerja rentan di sumbar dilindungi bpjasmsostek hingga menyasar daerah 3t',
    'goodstats.id/article/tingkat-pengangguran-terbuka-indonesia-turun-di-agustus-2024-qAoCW':
        'tingkat pengangguran terbuka indonesia turun di agustus 2024',
    'data.goodstats.id/statistic/7-provinsi-dengan-jumlah-peserta-aktif-bpjs-ketenagakerjaan-terbanyak-2025-ZyIVK':
        '7 provinsi dengan jumlah peserta aktif bpjs ketenagakerjaan terbanyak 2025',
    'data.goodstats.id/statistic/jakarta-jadi-provinsi-dengan-peserta-bpjs-ketenagakerjaan-terbanyak-2025-9oL0u':
        'jakarta jadi provinsi dengan peserta bpjs ketenagakerjaan terbanyak 2025',
    'idntimes.com/business/economy/peserta-aktif-jamsostek-ditargetkan-tembus-70-juta-di-00-gshdq-9mcqry/amp':
        'peserta aktif jamsostek ditargetkan tembus 70 juta di',
    'ntb.idntimes.com/news/ntb/9248-persen-pekerja-informal-di-ntb-belum-terlindungi-jaminan-sosial-00-ldn3d-jlyssd/amp':
        '9248 persen pekerja informal di ntb belum terlindungi jaminan sosial',
    'kaltim.idntimes.com/news/kalimantan-timur/bpjs-ketenagakerjaan-targetkan-lindungi-4-6-juta-pekerja-di-kalimantan-00-jjm39-0p5qf3':
        'bpjs ketenagakerjaan targetkan lindungi 4 6 juta pekerja di kalimantan',
    'tirto.id/bpjs-ketenagakerjaan-tembus-226-juta-orang-peserta-chdz':
        'bpjs ketenagakerjaan tembus 226 juta orang peserta',
    'planet.merdeka.com/hot-news/151371-pekerja-di-papua-barat-terdaftar-sebagai-peserta-aktif-jamsostek-368882-mvk.html':
        '151371 pekerja di papua barat terdaftar sebagai peserta aktif jamsostek',
    'text-id.123dok.com/document/wyekxxdey-rasio-rata-rata-upah-minimum-kabupatenkota-umk-dibanding-kebutuhan-hidup-layak-khl-jumlah-kepesertaan-jamsostek-dalam-hubungan-industrial-jumlah-pekerjaburuh-sektor-non-formal-yang-menjadi-peserta-program-jamsostek.html':
        'rasio rata rata upah minimum kabupatenkota umk dibanding kebutuhan hidup layak khl jumlah kepesertaan jamsostek',
    'money.kompas.com/read/2017/06/20/162957026/bpjs.ketenagakerjaan.targetkan.25.2.juta.peserta.tahun.ini':
        'bpjs ketenagakerjaan targetkan 25.2 juta peserta tahun ini',
    'nasional.kompas.com/read/2017/06/20/20253731/tahun.2019.kemenko.pmk.targetkan.86.juta.pekerja.ikut.jaminan.sosial':
        'tahun 2019 kemenko pmk targetkan 86 juta pekerja ikut jaminan sosial',
    'presnapress.com/regional/2025/07/13/10-provinsi-dengan-jumlah-angkatan-kerja-tertinggi-jawa-barat-nomor-1':
        '10 provinsi dengan jumlah angkatan kerja tertinggi jawa barat nomor 1',
    'id.scribd.com/document/547210330/BRSbrsInd-20210505134446': 'scribd.com page BRSbrsInd-20210505134446',
    'id.scribd.com/document/576857636/BRSbrsInd-20220509121851-2': 'scribd.com page BRSbrsInd-20220509121851-2',
    'github.com/riryrizkiyah/Labor-Classification': 'labor classification',
    'satudata.banjarmasinkota.go.id/data-statistik/87472466-695c-40c2-bedc-44c5084f3430':
        'satudata.banjarmasinkota.go.id page 87472466-695c-40c2-bedc-44c5084f3430',
    'harianbengkuluekspress.bacakoran.co/read/25986/harianbengkuluekspress.id':
        'harianbengkuluekspress.bacakoran.co page 25986',
    'economy.okezone.com/amp/2017/09/06/320/1770255/1': 'okezone.com page 1770255',
    'finansial.bisnis.com/read/20181105/9/856602/javascript': 'bisnis.com page 856602',
    'online.flipbuilder.com/plcl/njxr/files/basic-html/page409.html': 'flipbuilder.com page njxr 409',
    'online.flipbuilder.com/plcl/vjjx/files/basic-html/page77.html': 'flipbuilder.com page vjjx 77',
    'pasificpos.com/10049892-2': 'pasificpos.com page 10049892-2',
    'radarbanten.co.id/166694-2': 'radarbanten.co.id page 166694-2',
    'tv.kontan.co.id/video/nZXXCbxMg8E': 'kontan.co.id video nZXXCbxMg8E',
    'voi.id/en/amp/31397': 'voi.id page 31397',
    'voi.id/en/economy/55493': 'voi.id page 55493',
    'bantenraya.com?p=16025085': 'bantenraya.com page 16025085',
    'barometer.co.id?p=42338': 'barometer.co.id page 42338',
    'punca.co?p=26915': 'punca.co page 26915',
    'sbsinews.com?p=7146': 'sbsinews.com page 7146',
    'sinata.id?p=7790': 'sinata.id page 7790',
    'klikjo.id?p=20118': 'klikjo.id page 20118',
    'jatimpedia.id?p=29371': 'jatimpedia.id page 29371',
    'jurnalkalimantan.com/72235-2': 'jurnalkalimantan.com page 72235-2',
    'cnbcindonesia.com/market/20201230152536-17-212605/ini-rahasia-investasi-bp-jamsostek-tetap-aman-kala-pandemi/2':
        'ini rahasia investasi bp jamsostek tetap aman kala pandemi (page 2)',
    'bloombergtechnoz.com/detail-news/19963/pekerja-informal-masih-dominan-di-ri-di-atas-59/2':
        'pekerja informal masih dominan di ri di atas 59 (page 2)',
    'finance.detik.com/moneter/d-4909310/bp-jamsostek-siap-kelola-program-pensiun-taspen-dan-asabri?page=2':
        'bp jamsostek siap kelola program pensiun taspen dan asabri (page 2)',
    'jabar.antaranews.com/berita/499335/disnakertrans-jabar-siap-bantu-perusahaan-uji-riksa-alat-berkala-untuk-k3?page=2':
        'disnakertrans jabar siap bantu perusahaan uji riksa alat berkala untuk k3 (page 2)',
    'infojambi.com/bpjs-ketenagakerjaan-dan-pemprov-jambi-kolaborasi-lindungi-pekerja-rentan?page=2':
        'bpjs ketenagakerjaan dan pemprov jambi kolaborasi lindungi pekerja rentan (page 2)',
    'borneoflash.com/2023/02/02/tentang-kerisauan-pekerja-rentan-dengan-jaminan-sosial-ketenagakerjaan/4?pgrelated=18':
        'tentang kerisauan pekerja rentan dengan jaminan sosial ketenagakerjaan (page 4)',
    'topsatu.com/jokowi-teken-inpres-perintahkan-seluruh-elemen-pemerintahan-dukung-bpjs-ketenagakerjaan?page=2':
        'jokowi teken inpres perintahkan seluruh elemen pemerintahan dukung bpjs ketenagakerjaan (page 2)',
    'jatim1.com/2019/12/30/hingga-november-2019-bp-jamsostek-jatim-telah-salurkan-klaim-rp-28-triliun/2':
        'hingga november 2019 bp jamsostek jatim telah salurkan klaim rp 28 triliun (page 2)',
    'babeindonesia.com/read?id=6461332': 'babeindonesia.com page 6461332',
    'infopublik.id/kategori/nasional-sosial-budaya/142703/index.html': 'infopublik.id page 142703',
    'infofinance.biz.id/bpjs-ketenagakerjaan-mau-revisi-target-peserta-gegara-banyak-phk?noamp=mobile':
        'bpjs ketenagakerjaan mau revisi target peserta gegara banyak phk',
}

# Regional offices, matched to raw/regions.csv by the prefix of its 'kanwil' text.
KANWIL = [  # (research kanwil text prefix, id, name)
    ('Sumatera Bagian Utara', 'kanwil-sumbagut', 'Kanwil Sumatera Bagian Utara (Sumbagut)'),
    ('Sumatera Barat, Riau dan Kepulauan Riau', 'kanwil-sumbar-riau-kepri',
     'Kanwil Sumatera Barat, Riau dan Kepulauan Riau (Sumbar-Riau-Kepri; Sumbarriau in 2017-2019)'),
    ('Sumatera Bagian Selatan', 'kanwil-sumbagsel', 'Kanwil Sumatera Bagian Selatan (Sumbagsel)'),
    ('DKI Jakarta', 'kanwil-dki-jakarta', 'Kanwil DKI Jakarta'),
    ('Jawa Barat', 'kanwil-jawa-barat', 'Kanwil Jawa Barat'),
    ('Jawa Tengah dan DIY', 'kanwil-jateng-diy', 'Kanwil Jawa Tengah dan DIY'),
    ('Jawa Timur', 'kanwil-jawa-timur', 'Kanwil Jawa Timur'),
    ('Banten', 'kanwil-banten', 'Kanwil Banten'),
    ('Bali, Nusa Tenggara dan Papua', 'kanwil-banuspa', 'Kanwil Bali, Nusa Tenggara dan Papua (Banuspa)'),
    ('Kalimantan', 'kanwil-kalimantan', 'Kanwil Kalimantan'),
    ('Sulawesi dan Maluku', 'kanwil-sulama', 'Kanwil Sulawesi dan Maluku (Sulama)'),
]


def declare(cur) -> None:
    """Declare every shipped observation and target, in the order they were decided.

    Parameters
    ----------
    cur : build.Curation
        Supplies ``observe`` (O), ``target`` (T), ``row`` (a research row by file key and
        line) and ``province_ids`` (province name -> region id).
    """
    O, T, row, P = cur.observe, cur.target, cur.row, cur.province_ids
    NAT = 'national'

    # ============================================================ national active_total
    O('N', 7, NAT, 'active_total', '2014-11-30', "Nov 2014 reading (stated 26 Nov 2014 by the CEO); 'jumlah peserta', concept not labelled active or registered.")
    O('N', 8, NAT, 'active_total', '2014-12-31', "Year-end 2014 ('hingga akhir Desember 2014'), rounded; concept not labelled active or registered. Only year-end 2014 figure found.")
    O('N', 13, NAT, 'active_total', '2015-03-31', "End of Q1 2015 reading; 'TK aktif' (active workers), +22.59% yoy.")
    O('N', 21, NAT, 'active_total', '2015-08-31', "Aug 2015 reading ('17,6 juta peserta' to Aug 2015); concept not labelled. No year-end 2015 figure found.")
    O('N', 32, NAT, 'active_total', '2016-03-31', "Mar 2016 reading (stated 23 Mar 2016); formal and informal participants, concept not labelled.")
    O('N', 33, NAT, 'active_total', '2016-06-30', "End of H1 2016 reading; 89.6% of the 2016 target of 21.9M.")
    O('N', 44, NAT, 'active_total', '2016-12-31', "Year-end 2016; agency 'kepesertaan aktif' at the close of 2016 (103% of target). Kept over 22,631,094 (Kemnaker JKK/JKM programme count, a different series; dppkspsi repost) and 21M (stated 8 Dec 2016, before the year closed; Ekbis).", alts=[('N', 45), ('N', 40)])
    O('N', 53, NAT, 'active_total', '2017-06-30', "Jun 2017 reading (stated 20 Jun 2017); participants paying contributions every month.")
    O('N', 59, NAT, 'active_total', '2017-09-30', "Sep 2017 reading (stated Oct 2017), rounded.")
    O('N', 62, NAT, 'active_total', '2017-11-30', "End of Nov 2017 reading, approximate; secondary blog source.")
    O('N', 68, NAT, 'active_total', '2017-12-31', "Year-end 2017; active participants, 104.08% of the RKAT target of 25.21M (agency annual results).")
    O('N', 76, NAT, 'active_total', '2018-08-31', "Aug 2018 reading; active (registered 48.4M = 28.6M active + 19.8M non-active).")
    O('N', 83, NAT, 'active_total', '2018-12-31', "Year-end 2018; active participants as stated by the CEO to DPR Komisi IX (15 Sep 2021). CNBC Indonesia gives the same 30.46M.", alts=[('N', 84)])
    O('N', 101, NAT, 'active_total', '2019-12-31', "Year-end 2019; active participants (CEO to DPR). CNBC Indonesia gives the same 34.17M. Kemnaker's JKK/JKM programme count 34,367,581 (a different series) left in raw/.", alts=[('N', 102), ('N', 103)])
    O('N', 124, NAT, 'active_total', '2020-12-31', "Year-end 2020; active participants (CEO to DPR). Kept over 30M (LK-LPP 2020 release, same figure rounded) and 31,018,686 (Kemnaker JKK/JKM programme count, a different series).", alts=[('N', 125), ('N', 126)])
    O('N', 140, NAT, 'active_total', '2021-03-31', "End of Mar 2021 reading; active participants.")
    O('N', 142, NAT, 'active_total', '2021-05-31', "May 2021 reading, approximate (35% of 48.64M registered).")
    O('N', 146, NAT, 'active_total', '2021-06-30', "End of Jun 2021 reading; active participants.")
    O('N', 147, NAT, 'active_total', '2021-08-31', "End of Aug 2021 reading; active participants.")
    O('N', 154, NAT, 'active_total', '2021-10-31', "End of Oct 2021 reading (DPR hearing 15 Nov 2021); PU 20.44M + BPU 3.04M + Jakon 7.16M.")
    O('N', 155, NAT, 'active_total', '2021-12-31', "Year-end 2021; active participants stated to DPR Komisi IX (20 Jan 2022), below the RKAT target of 33,673,202. Agrees with 30.66M (agency slide series, Bisnis 2025); 30.6M (golali.id, rounded) left in raw/.", alts=[('N', 156), ('G', 10)])
    O('N', 168, NAT, 'active_total', '2022-09-30', "End of Sep 2022 reading; active participants.")
    O('N', 169, NAT, 'active_total', '2022-12-31', "Year-end 2022; agency slide series (Bisnis 2025); Antara Ambon gives the same 35.86M. Left in raw/: 35.93M (Peta Jalan comparison, Antara Ambon) and about 35M (CEO statement in Dec 2022, golali.id).", alts=[('N', 170), ('N', 171), ('G', 11)])
    O('N', 176, NAT, 'active_total', '2023-02-28', "Feb 2023 reading (to Feb 2023, +14.01% yoy).")
    O('N', 177, NAT, 'active_total', '2023-05-31', "May 2023 reading, rounded.")
    O('N', 184, NAT, 'active_total', '2023-10-31', "Oct 2023 reading (stated 20 Oct 2023); of which BPU 7.1M. The 2023 ANTARA Denpasar seed article gives the same 40.2M; the 2023 ANTARA Jakarta seed article rounds it to 40M.", alts=[('S', 2), ('S', 7)])
    O('N', 190, NAT, 'active_total', '2023-12-31', "Year-end 2023; active (JKK & JKM) per the agency's Laporan Keuangan 2023 (annual report), the figure the project's seed analysis uses; Kemnaker Satu Data (spn.or.id, Databoks) gives the same 41.56M. Left in raw/: 41.55M (agency slide series, Bisnis 2025; rounding), 41.46M (Antara Ambon, published Jan-Feb 2024 before the audited accounts) and 42.92M (Infofinance, Oct 2025; unexplained outlier).", alts=[('N', 191), ('N', 192), ('N', 193), ('N', 194), ('G', 12)])
    O('N', 205, NAT, 'active_total', '2024-04-30', "Apr 2024 position as stated in an article of 3 Apr 2024 (dated month-end by convention).")
    O('N', 219, NAT, 'active_total', '2024-11-30', "Nov 2024 reading (as of 26 Nov 2024) = PU 25.8M + Jakon 5.6M + BPU 9.4M. Kept over 41.2M stated by the CEO a day earlier (Monitor Indonesia, 25 Nov 2024) as the more precise figure.", alts=[('N', 218)])
    O('N', 221, NAT, 'active_total', '2024-12-31', "Year-end 2024; active participants, Dec 2024 position (DPR hearing 20 May 2025). Kontan 8 May 2025 gives the same 45.22M (worded 'terdaftar'); 45.23M (agency slide series, Bisnis 2025; rounding) left in raw/.", alts=[('N', 222), ('N', 223)])
    O('N', 227, NAT, 'active_total', '2025-02-28', "Feb 2025 reading (Jan-Feb 2025, Kemnaker data) = PU 26.26M + BPU 9.58M + Jakon 5.53M.", alts=[('G', 14)])
    O('N', 228, NAT, 'active_total', '2025-03-31', "End of Mar 2025 reading; active participants.")
    O('N', 235, NAT, 'active_total', '2025-04-30', "End of Apr 2025 reading (DPR hearing 20 May 2025); PU 25.43M, BPU 8.99M, Jakon 4.64M, PMI 0.64M.")
    O('N', 237, NAT, 'active_total', '2025-06-30', "End of Jun 2025 reading (agency slide series).")
    O('N', 243, NAT, 'active_total', '2025-10-31', "Oct 2025 reading (stated 23 Oct 2025); worded 'terdaftar' but the active series. Kept over 'masih 42 juta' (CEO, same day, Infofinance; rounded).", alts=[('N', 242)])

    # ============================================================ national fund_investment
    O('N', 5, NAT, 'fund_investment', '2014-09-30', "End of Sep 2014 'dana investasi' (97% of the 2014 target of Rp181T).")
    O('N', 11, NAT, 'fund_investment', '2014-12-31', "About year-end 2014: 'social security funds' managed, from an early-2015 Jakarta Post text reprinted by Kontan (article undated); approximately dana kelolaan. Only year-end 2014 figure found.")
    O('N', 16, NAT, 'fund_investment', '2015-03-31', "End of Q1 2015 'total dana investasi' (+22.93% yoy).")
    O('N', 19, NAT, 'fund_investment', '2015-06-30', "Jun 2015 'aset pekerja' managed (stated 30 Jun 2015); approximately dana kelolaan, a wider wording than the Aug 2015 figure.")
    O('N', 24, NAT, 'fund_investment', '2015-08-31', "Aug 2015 'dana kelolaan' (+21% yoy).")
    O('N', 30, NAT, 'fund_investment', '2015-12-31', "Year-end 2015 'total dana kelolaan hingga Desember 2015'.")
    O('N', 35, NAT, 'fund_investment', '2016-06-30', "End of H1 2016 'posisi dana investasi'.")
    O('N', 39, NAT, 'fund_investment', '2016-11-30', "End of Nov 2016 'total dana kelolaan' (social-security funds plus the agency's own funds).")
    O('N', 47, NAT, 'fund_investment', '2016-12-31', "Year-end 2016 'dana investasi' realisation (cited by Databoks in 2022). Kept over Rp250.3T stated on 8 Dec 2016 (Ekbis), before the year closed.", alts=[('N', 41)])
    O('N', 49, NAT, 'fund_investment', '2017-02-28', "Feb 2017 'dana kelola'.")
    O('N', 56, NAT, 'fund_investment', '2017-07-31', "Jul 2017 'dana investasi'.")
    O('N', 60, NAT, 'fund_investment', '2017-09-30', "Sep 2017 'dana kelolaan' (+24.5% yoy).")
    O('N', 63, NAT, 'fund_investment', '2017-11-30', "End of Nov 2017 'dana kelolaan'; secondary blog source.")
    O('N', 71, NAT, 'fund_investment', '2017-12-31', "Year-end 2017 'total dana investasi' (agency annual results). Rp317T (Liputan6/Merdeka, Mar 2018) is the same figure rounded.", alts=[('N', 72)])
    O('N', 75, NAT, 'fund_investment', '2018-01-31', "End of Jan 2018 'total dana kelolaan'.")
    O('N', 87, NAT, 'fund_investment', '2018-12-31', "Year-end 2018 'dana kelolaan', rounded.")
    O('N', 98, NAT, 'fund_investment', '2019-09-30', "Sep 2019 'total dana yang dikelola' (comparator in an Oct 2020 clipping).")
    O('N', 106, NAT, 'fund_investment', '2019-12-31', "Year-end 2019 'total dana yang dikelola'. Kept over Rp431.9T (comparator in a Jan 2021 release, kumparan) as the more precise figure.", alts=[('N', 105)])
    O('N', 114, NAT, 'fund_investment', '2020-09-30', "Sep 2020 'total dana yang dikelola'.")
    O('N', 132, NAT, 'fund_investment', '2020-12-31', "Year-end 2020 'dana investasi' (2020 comparator of the 2021 results, Databoks). Kept over the unaudited Rp486.38T of the Jan 2021 release (kumparan).", alts=[('N', 131)])
    O('N', 144, NAT, 'fund_investment', '2021-05-31', "May 2021 'dana pekerja yang dikelola', approximate and rounded.")
    O('N', 161, NAT, 'fund_investment', '2021-12-31', "Year-end 2021 'dana investasi' as restated in the audited 2022 report. Kept over Rp553.5T (Databoks, early 2022, before the audit).", alts=[('N', 160)])
    O('N', 173, NAT, 'fund_investment', '2022-12-31', "Year-end 2022 'dana investasi', audited (+13.25%).")
    O('N', 178, NAT, 'fund_investment', '2023-05-31', "May 2023 'total dana investasi' (+12.61% yoy).")
    O('N', 185, NAT, 'fund_investment', '2023-10-31', "Oct 2023 'dana kelola' (stated 20 Oct 2023). The 2023 ANTARA Jakarta seed article gives Rp686T (+12.9% yoy) without a month; read as the same late-2023 reading and kept Harian Jogja's dated figure.", alts=[('S', 9)])
    O('N', 196, NAT, 'fund_investment', '2023-12-31', "Year-end 2023 'dana investasi' (+13.47% from Rp627.69T), agency annual results.")
    O('N', 201, NAT, 'fund_investment', '2024-01-31', "End of Jan 2024 'total dana investasi'.")
    O('N', 213, NAT, 'fund_investment', '2024-10-31', "End of Oct 2024 'total dana investasi'.")
    O('N', 230, NAT, 'fund_investment', '2025-03-31', "31 Mar 2025 'dana peserta yang dikelola' (programmes plus the agency's own funds).")
    O('N', 245, NAT, 'fund_investment', '2025-10-31', "Oct 2025 'sekitar Rp860 triliun' (approximate; stated 23 Oct 2025).")

    # ============================================================ national segments
    O('N', 43, NAT, 'active_bpu', '2016-12-31', "Year-end 2016 BPU (informal) participants, +378% yoy; 'kepesertaan sektor BPU' (active implied).")
    O('S', 5, NAT, 'active_bpu', '2020-12-31', "About 2020: informal (BPU) participants 'three years' before the 2023 ANTARA Jakarta seed article; month not stated, so dated at year-end 2020. Approximate.")
    O('N', 151, NAT, 'active_bpu', '2021-10-31', "End of Oct 2021 BPU active.")
    O('N', 183, NAT, 'active_bpu', '2023-10-31', "Oct 2023 BPU active (stated 20 Oct 2023). The 2023 ANTARA Jakarta seed article says 7.6M (tripled from 2.5M in three years) without a month; kept the dated figure.", alts=[('S', 6)])
    O('N', 186, NAT, 'active_bpu', '2023-12-31', "Year-end 2023 BPU active per the agency's Laporan Keuangan 2023.")
    O('N', 204, NAT, 'active_bpu', '2024-04-30', "Apr 2024 position as stated on 3 Apr 2024 ('9 juta', rounded).")
    O('N', 215, NAT, 'active_bpu', '2024-11-30', "Nov 2024 reading (as of 26 Nov 2024); informal workers protected.")
    O('N', 224, NAT, 'active_bpu', '2025-02-28', "Feb 2025 reading (Kemnaker data).")
    O('N', 231, NAT, 'active_bpu', '2025-04-30', "End of Apr 2025 reading.")

    O('N', 153, NAT, 'active_pu', '2021-10-31', "End of Oct 2021 PU (wage earners) active.")
    O('N', 167, NAT, 'active_pu', '2022-09-30', "End of Sep 2022 PU active; appears to exclude the non-ASN segment (3,889,075 active, reported separately), so low against neighbouring values.")
    O('N', 189, NAT, 'active_pu', '2023-12-31', "Year-end 2023 PU active (JKK/JKM) per Laporan Keuangan 2023; JHT-active 18.27M.")
    O('N', 202, NAT, 'active_pu', '2024-03-31', "Mar 2024 PU active (JKK/JKM) per the Minister of Manpower (DPR hearing 20 May 2024).")
    O('N', 217, NAT, 'active_pu', '2024-11-30', "Nov 2024 reading (as of 26 Nov 2024); formal workers protected.")
    O('N', 226, NAT, 'active_pu', '2025-02-28', "Feb 2025 reading (Kemnaker data).")
    O('N', 234, NAT, 'active_pu', '2025-04-30', "End of Apr 2025 reading.")

    O('N', 152, NAT, 'active_jakon', '2021-10-31', "End of Oct 2021 construction-worker (Jakon) active.")
    O('N', 188, NAT, 'active_jakon', '2023-12-31', "Year-end 2023 Jakon active per Laporan Keuangan 2023.")
    O('N', 216, NAT, 'active_jakon', '2024-11-30', "Nov 2024 reading (as of 26 Nov 2024).")
    O('N', 225, NAT, 'active_jakon', '2025-02-28', "Feb 2025 reading (Kemnaker data).")
    O('N', 232, NAT, 'active_jakon', '2025-04-30', "End of Apr 2025 reading.")

    O('N', 67, NAT, 'active_pmi', '2017-12-31', "Year-end 2017 migrant-worker (PMI) active participants (cited in 2022).")
    O('N', 123, NAT, 'active_pmi', '2020-12-31', "Dec 2020 PMI participants ('terhitung Desember 2020'); active or registered not specified.")
    O('N', 166, NAT, 'active_pmi', '2022-09-30', "Sep 2022 PMI active.")
    O('N', 233, NAT, 'active_pmi', '2025-04-30', "End of Apr 2025 PMI active.")

    # ============================================================ national registered_total
    O('N', 48, NAT, 'registered_total', '2016-12-31', "Year-end 2016 registered ('teregistrasi', incl. inactive), rounded. Kept over 46M stated on 8 Dec 2016 (Ekbis), before the year closed.", alts=[('N', 42)])
    O('N', 51, NAT, 'registered_total', '2017-04-30', "Apr 2017 registered (stated 20 Apr 2017), rounded.")
    O('N', 52, NAT, 'registered_total', '2017-05-31', "To May 2017: active and non-active participants (Kompas, stated 20 Jun 2017).")
    O('N', 55, NAT, 'registered_total', '2017-06-30', "Jun 2017 (stated 20 Jun 2017): active and non-active participants, as printed; inconsistent with 47M (to May 2017, Kompas the same day) and 44.99M at year-end 2017.")
    O('N', 65, NAT, 'registered_total', '2017-11-30', "End of Nov 2017 registered; secondary blog source.")
    O('N', 74, NAT, 'registered_total', '2017-12-31', "Year-end 2017 'total pekerja yang terdaftar' (agency annual results).")
    O('N', 80, NAT, 'registered_total', '2018-08-31', "Aug 2018: 28.6M active + 19.8M non-active.")
    O('N', 92, NAT, 'registered_total', '2019-04-30', "Apr 2019 registered ('terdaftar').")
    O('N', 99, NAT, 'registered_total', '2019-09-30', "Sep 2019 'kepesertaan' (comparator in an Oct 2020 clipping).")
    O('N', 108, NAT, 'registered_total', '2019-12-31', "Year-end 2019 registered participants (CNBC Indonesia). Kept over 54.45M (Minister of Manpower to DPR, 18 Jan 2021; kumparan) as the agency figure.", alts=[('N', 109)])
    O('N', 115, NAT, 'registered_total', '2020-09-30', "Sep 2020 'kepesertaan'.")
    O('N', 120, NAT, 'registered_total', '2020-11-30', "Nov 2020 registered = 57.51% of about 90M eligible workers.")
    O('N', 138, NAT, 'registered_total', '2020-12-31', "Year-end 2020 registered ('hingga akhir Desember 2020'); agrees with 50.7M (LK-LPP 2020, rounded) and kept as the more precise agency figure. 51,759,507 (Minister of Manpower to DPR, 18 Jan 2021) conflicts and matches the Nov 2020 level.", alts=[('N', 137), ('N', 139)])
    O('N', 145, NAT, 'registered_total', '2021-05-31', "May 2021 'total jumlah peserta', approximate.")
    O('N', 175, NAT, 'registered_total', '2022-12-31', "Dec 2022 registered (Kemnaker Satu Data).")
    O('N', 198, NAT, 'registered_total', '2023-12-31', "Year-end 2023 registered per Laporan Keuangan 2023. 61.08M (Kemnaker Satu Data: 41.56M active + 19.51M non-active) left in raw/ (rounding difference).", alts=[('N', 199), ('G', 13)])

    # ============================================================ national working population (BPS Aug)
    for ln, yr, extra in [(27, 2015, ''), (37, 2016, ''), (58, 2017, ''), (82, 2018, ''),
                          (97, 2019, ' As first published.'), (112, 2020, ''), (150, 2021, ''),
                          (165, 2022, " 'BPS 2022' 135.61M (month not stated; IDN Times) left in raw/."),
                          (182, 2023, ''),
                          (210, 2024, " '142 juta' in 2024 (Vice-President's speech, rounded, month not stated) left in raw/."),
                          (241, 2025, '')]:
        alts = {165: [('N', 163)], 182: [('G', 7)], 210: [('N', 200)]}.get(ln, [])
        O('N', ln, NAT, 'working_population', f'{yr}-08-31',
          f"Aug Sakernas {yr} (BPS): employed population ('penduduk bekerja').{extra}", alts=alts)

    # ============================================================ national eligible workers
    O('N', 23, NAT, 'eligible_workers', '2015-08-31', "Aug 2015: about 40M formal workers, the base BPJS TK used for its 42% coverage (not a BPS figure).")
    O('N', 50, NAT, 'eligible_workers', '2017-04-30', "Apr 2017: about 87.8M of about 118M workers eligible to join (agency director).")
    O('N', 54, NAT, 'eligible_workers', '2017-06-30', "Jun 2017: 'potensi kepesertaan pekerja' 86M (CEO, 20 Jun 2017).")
    O('N', 79, NAT, 'eligible_workers', '2018-08-31', "Aug 2018: eligible workers (also given as 87.8M in the same article) of about 100M workers.")
    O('N', 91, NAT, 'eligible_workers', '2019-04-30', "Apr 2019: eligible workers, excluding civil servants, military, police and out-of-age workers.")
    O('N', 119, NAT, 'eligible_workers', '2020-11-30', "Nov 2020: about 90M eligible (excluding civil servants, military, police and out-of-age).")
    O('N', 143, NAT, 'eligible_workers', '2021-05-31', "May 2021: about 90M eligible of 128.45M working.")
    O('N', 238, NAT, 'eligible_workers', '2025-07-31', "Jul 2025: '101,81 juta potensi pekerja eligible' (agency membership director); 40% formal, 60% informal.")

    # ============================================================ national flows
    O('N', 15, NAT, 'contributions', '2015-03-31', "Year-to-date Jan-Mar 2015 (Q1), not annual.")
    O('N', 29, NAT, 'contributions', '2015-12-31', "Full year 2015 (to Dec 2015).")
    O('N', 34, NAT, 'contributions', '2016-06-30', "Year-to-date Jan-Jun 2016 (H1); 51.6% of the annual target.")
    O('N', 70, NAT, 'contributions', '2017-12-31', "Full year 2017 (101.88% of target).")
    O('N', 89, NAT, 'contributions', '2019-04-30', "Year-to-date Jan-Apr 2019 (+11%).")
    O('N', 100, NAT, 'contributions', '2019-11-30', "Year-to-date Jan-Nov 2019 (comparator in a Dec 2020 article).")
    O('N', 104, NAT, 'contributions', '2019-12-31', "Full year 2019 (comparator in a Jan 2021 release).")
    O('N', 113, NAT, 'contributions', '2020-09-30', "Year-to-date Jan-Sep 2020 (67.25% of target).")
    O('N', 117, NAT, 'contributions', '2020-11-30', "Year-to-date Jan-Nov 2020 (+1.21% yoy).")
    O('N', 128, NAT, 'contributions', '2020-12-31', "Full year 2020, audited (LK-LPP 2020). Kept over the unaudited Rp73.31T of the Jan 2021 release (kumparan).", alts=[('N', 129)])
    O('N', 212, NAT, 'contributions', '2024-10-31', "Year-to-date Jan-Oct 2024 (+7.96%).")

    O('N', 14, NAT, 'benefits_paid', '2015-03-31', "Year-to-date Jan-Mar 2015.")
    O('N', 46, NAT, 'benefits_paid', '2016-12-31', "Full year 2016, as read by the research: 'klaim yang dibayarkan pada Desember 2016' taken as the 2016 total (77% of the estimate).")
    O('N', 69, NAT, 'benefits_paid', '2017-12-31', "Full year 2017: claims and benefits in 4 programmes (2.04M claims).")
    O('N', 85, NAT, 'benefits_paid', '2018-12-31', "Full year 2018, rounded (of which JHT Rp22T). Kontan gives the same Rp24T.", alts=[('N', 86)])
    O('N', 116, NAT, 'benefits_paid', '2020-11-30', "Year-to-date Jan-Nov 2020 (2.4M claims).")
    O('N', 127, NAT, 'benefits_paid', '2020-12-31', "Full year 2020, all programmes (+20.01%).")
    O('N', 141, NAT, 'benefits_paid', '2021-03-31', "Year-to-date Jan-Mar 2021.")
    O('N', 158, NAT, 'benefits_paid', '2021-12-31', "Full year 2021 as restated in the 2022 Public Expose. Kept over Rp42.89T (DPR hearing, Jan 2022, before the audit).", alts=[('N', 157)])
    O('N', 172, NAT, 'benefits_paid', '2022-12-31', "Full year 2022 (JHT Rp43.24T).")
    O('N', 195, NAT, 'benefits_paid', '2023-12-31', "Full year 2023 (4M claims).")
    O('N', 206, NAT, 'benefits_paid', '2024-06-30', "Year-to-date Jan-Jun 2024 (1.6M claims).")
    O('N', 211, NAT, 'benefits_paid', '2024-10-31', "Year-to-date Jan-Oct 2024 (3.52M workers and heirs).")

    O('N', 6, NAT, 'investment_income', '2014-09-30', "Year-to-date Jan-Sep 2014.")
    O('N', 9, NAT, 'investment_income', '2014-12-31', "Full year 2014, realised (excludes Rp5.18T unrealised gains). Kontan/Jakarta Post gives the same Rp18.1T.", alts=[('N', 10)])
    O('N', 17, NAT, 'investment_income', '2015-03-31', "Year-to-date Jan-Mar 2015.")
    O('N', 20, NAT, 'investment_income', '2015-06-30', "Year-to-date Jan-Jun 2015 (-9.76% yoy).")
    O('N', 31, NAT, 'investment_income', '2015-12-31', "Full year 2015.")
    O('N', 36, NAT, 'investment_income', '2016-06-30', "Year-to-date Jan-Jun 2016 (H1).")
    O('N', 73, NAT, 'investment_income', '2017-12-31', "Full year 2017; yield on investment 9.4%.")
    O('N', 135, NAT, 'investment_income', '2020-12-31', "Full year 2020, realised (LK-LPP 2020). The unaudited Jan 2021 figure (Rp32.3T, excerpt truncated; kumparan) left in raw/.", alts=[('N', 136)])
    O('N', 179, NAT, 'investment_income', '2023-05-31', "Year-to-date Jan-May 2023 (+28.11%), rounded.")
    O('N', 197, NAT, 'investment_income', '2023-12-31', "Full year 2023, all programmes and the agency's own funds.")
    O('N', 207, NAT, 'investment_income', '2024-06-30', "Year-to-date Jan-Jun 2024 (from a related-article headline on Kontan).")
    O('N', 214, NAT, 'investment_income', '2024-10-31', "Year-to-date Jan-Oct 2024.")

    # ============================================================ national coverage_pct
    O('N', 22, NAT, 'coverage_pct', '2015-08-31', "Aug 2015: participants (17.6M) as % of about 40M formal workers. Denominator: formal workers as counted by BPJS TK (not BPS).")
    O('N', 78, NAT, 'coverage_pct', '2018-08-31', "Aug 2018: active participants as % of eligible workers (about 87.9M). Denominator: eligible workers. The same article's 54% uses registered participants (left in raw/).", alts=[('N', 77)])
    O('S', 8, NAT, 'coverage_pct', '2023-10-31', "Late 2023 (seed article, month not stated; placed with the Oct 2023 readings it matches): about 40M participants as % of the eligible-worker ecosystem. Denominator: eligible workers.")
    O('N', 236, NAT, 'coverage_pct', '2025-04-30', "Apr 2025: national UCJ (Universal Coverage Jamsostek) achievement, Kemendagri indicator; no province reached its target (52.15% for the period). Denominator: the UCJ indicator's base (size not stated).", alts=[('G', 16)])
    O('N', 244, NAT, 'coverage_pct', '2025-10-31', "Oct 2025: national coverage 'baru mencapai 37,01 persen' (agency membership director), UCJ concept. Denominator: the UCJ indicator's base (size not stated). Kept over 42% (Supervisory Board chair, same week; ruzkaindonesia.id).", alts=[('G', 20), ('G', 21)])

    # ============================================================ regional
    SDK = ("Year-end 2023 (Dec 2023) active participants, all segments; Kemnaker Satu Data table of "
           "agency data, counted by place of registration (employer/branch), not residence.")
    for ln in range(23, 78, 2):
        name = row('G', ln).region_name
        extra, alts = '', []
        if name == 'Bengkulu':
            extra, alts = ' Cabang Bengkulu gives the same 212,266.', [('G', 390)]
        elif name == 'Sulawesi Tenggara':
            extra, alts = ' 284,207 (Cabang Kendari, stated 5 Dec 2023) left in raw/.', [('G', 444)]
        elif name == 'Jawa Timur':
            extra, alts = (' 5.07M UCJ participants (residence-based UCJ count, Dec 2023; Mojokerto Disway) '
                           'left in raw/.'), [('G', 297)]
        O('G', ln, P[name], 'active_total', '2023-12-31', SDK + extra, alts=alts)

    FEB25 = ("Feb 2025 active participants, all segments; Kemnaker data republished by Databoks "
             "(place of registration), published rounded.")
    for ln in range(79, 92):
        name = row('G', ln).region_name
        if name == 'Maluku':
            continue
        extra, alts = '', []
        if name == 'DKI Jakarta':
            extra, alts = ' GoodStats republishes the same table as 8.02M.', [('G', 92)]
        elif name == 'Jawa Tengah':
            extra, alts = ' GoodStats rounds it to 4.00M.', [('G', 93)]
        elif name == 'Sulawesi Barat':
            extra, alts = ' GoodStats gives 65,340.', [('G', 94)]
        O('G', ln, P[name], 'active_total', '2025-02-28', FEB25 + extra, alts=alts)
    O('G', 95, P['Maluku'], 'active_total', '2025-02-28', "Feb 2025 active participants, all segments; Kemnaker data as republished by GoodStats. Kept over Databoks' rounded 156K as the more precise figure.", alts=[('G', 90)])

    # --- Kanwil Kalimantan
    KK = 'kanwil-kalimantan'
    O('G', 103, KK, 'active_pu', '2021-10-31', "End of Oct 2021 PU active, 5 Kalimantan provinces (30 branches).")
    O('G', 104, KK, 'active_bpu', '2021-10-31', "End of Oct 2021 BPU active, 5 Kalimantan provinces.")
    O('G', 109, KK, 'coverage_pct', '2023-12-31', "Year-end 2023: about 2.5M active of 5.4M 'angkatan kerja' (BPJS TK potential). Denominator: labour force (5.4M).")
    O('G', 110, KK, 'active_total', '2023-12-31', "Year-end 2023, rounded; PU+PMI, BPU and Jakon.")
    O('G', 113, KK, 'coverage_pct', '2024-11-30', "Nov 2024 (stated at a 7 Nov 2024 event): UCJ coverage of the Kalimantan office. Denominator not stated. The seed articles (kaltengterkini, insidepontianak) give the same 45.34%.", alts=[('S', 17)])
    O('G', 114, KK, 'active_total', '2024-11-30', "Nov 2024 reading (7 Nov 2024 event), rounded '3,2 juta'. The kaltengterkini seed article gives the same figure.", alts=[('S', 18)])
    O('G', 115, KK, 'active_pu', '2024-11-30', "Nov 2024 reading (7 Nov 2024 event), formal workers. Kept over the rounded 1.95M (prokalteng; kaltengterkini seed article).", alts=[('G', 119), ('S', 19)])
    O('G', 116, KK, 'active_bpu', '2024-11-30', "Nov 2024 reading (7 Nov 2024 event), informal workers. The kaltengterkini seed article gives the same figure.", alts=[('S', 20)])
    O('G', 117, KK, 'active_jakon', '2024-11-30', "Nov 2024 reading (7 Nov 2024 event); 17,580 construction projects. The kaltengterkini seed article gives the same figure.", alts=[('S', 21)])
    O('G', 118, KK, 'contributions', '2024-11-30', "Year-to-date Jan-Nov 2024 as stated at a 7 Nov 2024 event (exact cut-off not given); Rp5,060,579,420,000 per the kaltengterkini seed article, +11.72% on 2023.", alts=[('S', 22)])
    O('G', 120, KK, 'coverage_pct', '2025-12-31', "Full year 2025 (reported 2 Feb 2026): 3,302,762 participants of 7,996,826 'penduduk bekerja'. Denominator: working population as used for UCJ (much larger than the 5.4M of 2023). Kept over the rounded 41% (IDN Times).", alts=[('G', 122), ('G', 123)])
    O('G', 121, KK, 'active_total', '2025-12-31', "Full year 2025 (reported 2 Feb 2026); participants, Kalimantan.")

    # --- Kanwil Jawa Timur
    KJ = 'kanwil-jawa-timur'
    O('G', 285, KJ, 'active_total', '2018-04-30', "Apr 2018 reading: PU 1.67M, BPU 257K, Jakon 720K; 63,195 active employers.")
    O('G', 286, KJ, 'active_pu', '2018-04-30', "Apr 2018 reading.")
    O('G', 287, KJ, 'active_bpu', '2018-04-30', "Apr 2018 reading.")
    O('G', 288, KJ, 'active_jakon', '2018-04-30', "Apr 2018 reading.")
    O('G', 289, KJ, 'active_pu', '2019-11-30', "Nov 2019 reading (PMI 100K reported separately).")
    O('G', 290, KJ, 'active_bpu', '2019-11-30', "Nov 2019 reading.")
    O('G', 291, KJ, 'active_jakon', '2019-11-30', "Nov 2019 reading.")

    # --- Kanwil Sumbagut
    KS = 'kanwil-sumbagut'
    O('G', 300, KS, 'active_pu', '2017-09-30', "30 Sep 2017 formal (PU) active, Aceh + Sumut; 37,249 active companies.")
    O('G', 301, KS, 'active_bpu', '2017-09-30', "30 Sep 2017 informal (BPU) active, Aceh + Sumut.")
    O('G', 302, KS, 'active_total', '2017-09-30', "30 Sep 2017 active, PU + BPU, Aceh + Sumut.")
    O('G', 303, KS, 'working_population', '2017-02-28', "Feb Sakernas 2017 (BPS), Sumut + Aceh combined, as printed by Bisnis.")
    O('G', 306, KS, 'active_total', '2019-09-30', "Sep 2019: Sumut about 1.4M + Aceh about 300K.")
    O('G', 307, KS, 'coverage_pct', '2025-12-31', "Dec 2025 (stated 16 Dec 2025): given as a range '41-42%'; lower bound recorded. Denominator not stated.")

    # --- Kanwil Sulama and its provinces, Dec 2021 (one Tribun Makassar article, 13 Dec 2021)
    KM = 'kanwil-sulama'
    O('G', 395, KM, 'coverage_pct', '2021-12-31', "Dec 2021 (stated 13 Dec 2021): 2.9M of 7.2M potential participants, 8 provinces. Denominator: potential participants.")
    O('G', 396, KM, 'active_total', '2021-12-31', "Dec 2021 (stated 13 Dec 2021); participants in the 8 provinces of Kanwil Sulama.")
    O('G', 397, KM, 'eligible_workers', '2021-12-31', "Dec 2021 (stated 13 Dec 2021): potential participants, the coverage denominator.")
    for a, c, e in [(398, 399, 400), (401, 402, 403), (404, 405, 406), (407, 408, 409), (410, 411, 412),
                    (413, 414, 415), (416, 417, 418)]:
        name = row('G', a).region_name
        pid = P[name]
        extra, alts = '', []
        if name == 'Sulawesi Tengah':
            extra = (" Kept the regional-office figure over Cabang Palu's year-end 2021 count (231,145 active, "
                     "24.22% of 946,261; VOI, Feb 2022).")
            alts = [('G', 419), ('G', 420)]
        O('G', a, pid, 'active_total', '2021-12-31', "Dec 2021 (stated 13 Dec 2021), Kanwil Sulama participants." + extra, alts=alts)
        O('G', c, pid, 'coverage_pct', '2021-12-31', f"Dec 2021 (stated 13 Dec 2021): {row('G', a).value} of {row('G', e).value} potential participants. Denominator: potential participants (Kanwil Sulama)." + extra, alts=alts)
        O('G', e, pid, 'eligible_workers', '2021-12-31', "Dec 2021 (stated 13 Dec 2021): potential participants, the coverage denominator (Kanwil Sulama).")

    # --- Aceh
    O('G', 315, P['Aceh'], 'active_total', '2019-09-30', "Sep 2019, 'sekitar 300 ribuan' (about 300K).")
    O('G', 316, P['Aceh'], 'coverage_pct', '2023-09-30', "Sep 2023: 651K participants (described as registered) of 1.7M potential workers, all segments. Denominator: potential workers. Segment rates (wage 48%, BPU 8.5%) left in raw/.", alts=[('G', 317), ('G', 318)])
    O('G', 319, P['Aceh'], 'eligible_workers', '2023-09-30', "Sep 2023: potential workers, all segments (the coverage denominator).")
    O('G', 320, P['Aceh'], 'coverage_pct', '2024-12-31', "Full year 2024 (reported May 2025): 'total coverage' of the labour force (PU, BPU, PMI). Denominator: labour force (angkatan kerja).")
    O('G', 322, P['Aceh'], 'coverage_pct', '2025-06-30', "Jun 2025 UCJ: 408,974 workers, 19.59 points below target; much lower than 2024, so the denominator was likely re-based. Denominator not stated.")

    # --- Sumatera Utara
    SU = P['Sumatera Utara']
    O('G', 473, SU, 'active_total', '2018-12-31', "Year 2018 (reported Oct 2019): '1,25 juta lebih', described as registered; about 25% of 5M+ workers.")
    O('G', 310, SU, 'active_total', '2019-09-30', "Sep 2019, '1,4 juta', formal + informal.")
    O('G', 311, SU, 'coverage_pct', '2024-12-31', "Full year 2024 (reported May 2025): 'total coverage' of the labour force (PU, BPU, PMI). Denominator: labour force (angkatan kerja).")
    O('G', 312, SU, 'working_population', '2025-02-28', "Feb Sakernas 2025 (BPS Sumut).")
    O('G', 313, SU, 'coverage_pct', '2025-04-30', "Apr 2025 (stated 2 Apr 2025 by the Sumbar-Riau-Kepri office head as a comparator; riauonline frames these figures as vulnerable-worker coverage). Denominator not stated.")

    # --- Sumatera Barat
    SB = P['Sumatera Barat']
    O('G', 346, SB, 'active_total', '2021-03-31', "Mar 2021, '+/- 400 ribu' active of about 2.4M workers.")
    O('G', 347, SB, 'active_total', '2025-08-31', "Aug 2025: PU 411,791 + BPU 198,924.")
    O('G', 348, SB, 'active_pu', '2025-08-31', "Aug 2025, from 16,422 companies.")
    O('G', 349, SB, 'active_bpu', '2025-08-31', "Aug 2025.")
    O('G', 332, SB, 'coverage_pct', '2025-04-30', "Apr 2025 (stated 2 Apr 2025 by the Kanwil Sumbar-Riau-Kepri head; riauonline frames it as vulnerable-worker coverage). Denominator not stated.")

    # --- Riau
    RI = P['Riau']
    O('G', 325, RI, 'active_total', '2017-08-31', "Aug 2017 (stated 12 Aug 2017, Kanwil Sumbar-Riau): PU 778,468 + BPU 46,549.")
    O('G', 326, RI, 'active_pu', '2017-08-31', "Aug 2017 (Kanwil Sumbar-Riau).")
    O('G', 327, RI, 'active_bpu', '2017-08-31', "Aug 2017 (Kanwil Sumbar-Riau).")
    O('G', 329, RI, 'working_population', '2021-02-28', "Feb Sakernas 2021 (BPS Riau).")
    O('G', 331, RI, 'coverage_pct', '2025-04-30', "Apr 2025 (stated 2 Apr 2025): 'cakupan perlindungan tenaga kerja' per the Kanwil; riauonline frames it as vulnerable-worker coverage. Denominator not stated.")

    # --- Jambi
    JA = P['Jambi']
    O('G', 360, JA, 'active_total', '2017-12-31', "Dec 2017 total participants (Kanwil Sumbagsel release, 2018; construction-heavy).")
    O('G', 376, JA, 'coverage_pct', '2024-08-12', "12 Aug 2024: 518,632 of 1,312,370 potential workers (sumseldaily: 40%). Denominator: potential workers.")
    O('G', 377, JA, 'active_total', '2024-08-12', "12 Aug 2024 UCJ participants.")
    O('G', 378, JA, 'eligible_workers', '2024-08-12', "Aug 2024 potential workers, the UCJ denominator (same release as the 12 Aug 2024 figures).")
    O('G', 379, JA, 'coverage_pct', '2025-03-31', "Mar 2025: about 580K of more than 1.3M workers. Denominator: potential workers (about 1.3M).")

    # --- Sumatera Selatan
    SS = P['Sumatera Selatan']
    O('G', 354, SS, 'active_total', '2017-12-31', "Dec 2017 (Kanwil Sumbagsel release, 2018): Jakon 689,970 + PU 287,210 + BPU 52,912.")
    O('G', 355, SS, 'active_jakon', '2017-12-31', "Dec 2017 (Kanwil Sumbagsel release, 2018); 399.10% of the BPS-mapped Jakon potential.")
    O('G', 356, SS, 'active_pu', '2017-12-31', "Dec 2017 (Kanwil Sumbagsel release, 2018).")
    O('G', 357, SS, 'active_bpu', '2017-12-31', "Dec 2017 (Kanwil Sumbagsel release, 2018).")
    O('G', 362, SS, 'coverage_pct', '2018-10-31', "31 Oct 2018: 753,088 of 2.81M potential participants. Denominator: potential participants.")
    O('G', 363, SS, 'active_total', '2018-10-31', "31 Oct 2018.")
    O('G', 364, SS, 'active_jakon', '2018-10-31', "31 Oct 2018; 201.66% of the Jakon potential.")
    O('G', 365, SS, 'active_pu', '2018-10-31', "31 Oct 2018; 22.48% of about 1.3M PU potential.")
    O('G', 366, SS, 'active_bpu', '2018-10-31', "31 Oct 2018; about 2% of 1.3M informal workers.")
    O('G', 367, SS, 'coverage_pct', '2024-08-31', "Aug 2024 (stated 1 Aug 2024): 1,033,000 protected of about 3M workers. Denominator: workers (about 3M). A later 2024 article's '1,3 juta or about 34%' (period unclear) left in raw/.", alts=[('G', 370)])
    O('G', 368, SS, 'active_total', '2024-08-31', "Aug 2024 (stated 1 Aug 2024); 690,000 formal.")

    # --- Bengkulu
    BE = P['Bengkulu']
    O('G', 358, BE, 'active_total', '2017-12-31', "Dec 2017 total participants (Kanwil Sumbagsel release, 2018; construction-heavy).")
    O('G', 385, BE, 'active_total', '2024-12-31', "Dec 2024 (Cabang Bengkulu, Jan 2025): PU 142,786 + BPU 82,900 + Jakon 36,128.")
    O('G', 386, BE, 'active_pu', '2024-12-31', "Dec 2024 (Cabang Bengkulu).")
    O('G', 387, BE, 'active_bpu', '2024-12-31', "Dec 2024 (Cabang Bengkulu).")
    O('G', 388, BE, 'active_jakon', '2024-12-31', "Dec 2024 (Cabang Bengkulu).")
    O('G', 389, BE, 'coverage_pct', '2024-12-31', "Dec 2024 UCJ. Denominator not stated.")

    # --- Lampung
    LA = P['Lampung']
    O('G', 359, LA, 'active_total', '2017-12-31', "Dec 2017 total participants (Kanwil Sumbagsel release, 2018; construction-heavy).")
    O('G', 371, LA, 'coverage_pct', '2023-12-31', "Dec 2023 (stated 22 Dec 2023, Cabang Bandar Lampung): 824,714 of 2,982,642 working people (BPS-based potential). Denominator: working population. The numerator differs from the Kemnaker table's 578,889 for the same month.", alts=[('G', 372)])
    LAMP = " (stated 22 Dec 2023, Cabang Bandar Lampung); PU + BPU + Jakon = 824,714, against 578,889 all segments in the Kemnaker table."
    O('G', 373, LA, 'active_pu', '2023-12-31', "Dec 2023" + LAMP)
    O('G', 374, LA, 'active_bpu', '2023-12-31', "Dec 2023" + LAMP)
    O('G', 375, LA, 'active_jakon', '2023-12-31', "Dec 2023" + LAMP)

    # --- Bangka Belitung
    BB = P['Kepulauan Bangka Belitung']
    O('G', 361, BB, 'active_total', '2017-12-31', "Dec 2017 total participants (Kanwil Sumbagsel release, 2018; construction-heavy).")
    O('G', 391, BB, 'coverage_pct', '2024-12-31', "Dec 2024 UCJ including construction (Jakon); 35% excluding Jakon left in raw/. Denominator not stated.", alts=[('G', 392)])
    O('G', 393, BB, 'active_total', '2024-12-31', "Dec 2024: workers protected (UCJ).")

    # --- Kepulauan Riau
    KR = P['Kepulauan Riau']
    O('G', 335, KR, 'active_total', '2018-07-31', "End of Jul 2018 (Cabang Tanjungpinang): about 400 thousand ('400 ribu') covered of about 900 thousand workers in Kepri.", alts=[('G', 336)])
    O('G', 342, KR, 'working_population', '2022-02-28', "Feb Sakernas 2022 (BPS Kepri).")
    O('G', 333, KR, 'coverage_pct', '2025-04-30', "Apr 2025 (stated 2 Apr 2025; Sabang Merauke News). riauonline's report of the same event gives 58%, a figure Sabang Merauke News gives as national; kept 49%. Denominator not stated.", alts=[('G', 334)])

    # --- DKI Jakarta
    DK = P['DKI Jakarta']
    O('G', 231, DK, 'working_population', '2014-08-31', "Aug Sakernas 2014 (BPS DKI).")
    O('G', 232, DK, 'working_population', '2015-08-31', "Aug Sakernas 2015 (BPS DKI).")
    O('G', 233, DK, 'active_bpu', '2022-10-04', "4 Oct 2022: BPU participants (22% of national BPU).")
    O('G', 234, DK, 'coverage_pct', '2024-07-31', "Jul 2024 UCJ by DKI residents' NIK: 2.4M protected, about 3.1M PU+BPU uncovered (residence-based). Denominator not stated (UCJ base).")
    O('G', 235, DK, 'active_total', '2024-07-31', "Jul 2024: UCJ participants holding a DKI NIK (residence-based); not comparable with the Kemnaker employer-based 7.5-8M counts.")
    O('G', 238, DK, 'coverage_pct', '2025-07-31', "Jul 2025 (Kanwil DKI head, Paritrana 2025); 115,446 employers. Denominator not stated.")

    # --- Jawa Barat
    JB = P['Jawa Barat']
    O('G', 242, JB, 'coverage_pct', '2024-08-31', "Aug 2024: 5.9M protected of 18.9M eligible ('berhak') workers out of 23.5M working. Denominator: eligible workers.", alts=[('G', 247)])
    O('G', 243, JB, 'active_total', '2024-08-31', "Aug 2024: 5M formal + 923,000 informal.")
    O('G', 244, JB, 'active_pu', '2024-08-31', "Aug 2024 'sektor formal', rounded.")
    O('G', 245, JB, 'active_bpu', '2024-08-31', "Aug 2024 'sektor informal'.")
    O('G', 246, JB, 'eligible_workers', '2024-08-31', "Aug 2024: eligible ('berhak') workers, the UCJ denominator.")
    O('G', 248, JB, 'working_population', '2025-02-28', "Feb Sakernas 2025 (BPS).")

    # --- Jawa Tengah
    JT = P['Jawa Tengah']
    O('G', 264, JT, 'active_pu', '2015-06-30', "Jun 2015 (stated 10 Jun 2015): formal participants, 21.11% of 5,237,730 formal workers.")
    O('G', 265, JT, 'active_bpu', '2015-06-30', "Jun 2015 (stated 10 Jun 2015): informal participants, 0.75% of 11,862,270 informal workers.")
    O('G', 269, JT, 'coverage_pct', '2021-11-30', "Nov 2021: 2,924,520 registered participants of 17,536,934 labour force (Aug 2021). Denominator: labour force (angkatan kerja).", alts=[('G', 271)])
    O('G', 270, JT, 'active_total', '2021-11-30', "Nov 2021, described as registered Jamsostek participants (Kemnaker clipping).")
    O('G', 272, JT, 'working_population', '2024-08-31', "Aug Sakernas 2024 (BPS Jateng, given in thousands).")

    # --- DI Yogyakarta
    DY = P['DI Yogyakarta']
    CY = " (Cabang Yogyakarta; may not cover the whole province)."
    O('G', 278, DY, 'active_total', '2018-08-31', "Aug 2018" + CY)
    O('G', 279, DY, 'active_pu', '2018-08-31', "Aug 2018" + CY)
    O('G', 280, DY, 'active_bpu', '2018-08-31', "Aug 2018" + CY)
    O('G', 281, DY, 'active_jakon', '2018-08-31', "Aug 2018" + CY)
    O('G', 282, DY, 'coverage_pct', '2022-12-31', "Year 2022 (reported 5 Jan 2023): 328,119 active of 1,614,923 DIY labour force (BPJS TK Yogyakarta). Denominator: labour force (angkatan kerja).")
    O('G', 283, DY, 'active_total', '2022-12-31', "Year 2022 (reported 5 Jan 2023): PU 126,293 + BPU 120,469 + Jakon 81,357; the article text gives different early-Jan-2023 segment figures.")

    # --- Jawa Timur
    JI = P['Jawa Timur']
    O('G', 292, JI, 'coverage_pct', '2021-12-31', "Year-end 2021 (Governor, Dec 2022). Denominator not stated.")
    O('G', 293, JI, 'coverage_pct', '2022-07-31', "Jul 2022: 26% of 'penduduk bekerja'. Denominator: working population.")
    O('G', 294, JI, 'coverage_pct', '2022-12-31', "Year-end 2022 (Governor, Paritrana 2022, 27 Dec 2022). Denominator not stated.")
    O('G', 295, JI, 'active_total', '2023-01-31', "Jan 2023: 'baru 4,3 juta pekerja yang terlindungi'.")
    O('G', 296, JI, 'coverage_pct', '2023-12-31', "Dec 2023: 5.07M protected of 14.8M potential (BPS data processed by Bappenas); figures as printed (5.07/14.8 is 34%). Denominator: potential participants.")
    O('G', 298, JI, 'eligible_workers', '2023-12-31', "Dec 2023: 'penduduk potensi peserta' (BPS via Bappenas), the UCJ denominator.")
    O('G', 299, JI, 'working_population', '2025-02-28', "Feb Sakernas 2025 (BPS).")

    # --- Banten
    BA = P['Banten']
    O('G', 250, BA, 'active_total', '2019-08-31', "Aug 2019 (Kanwil Banten; stated 19 Sep 2019); 25,658 employers.")
    O('G', 251, BA, 'contributions', '2019-08-31', "Year-to-date Jan-Aug 2019 (Kanwil Banten); 2019 target Rp5.6T.")
    O('G', 254, BA, 'coverage_pct', '2025-10-31', "Oct 2025: about 2.7M active of about 6M workers. Denominator: workers (about 6M).", alts=[('G', 258)])
    O('G', 255, BA, 'coverage_pct', '2025-11-30', "Nov 2025 (stated 6 Nov 2025): about 2.7M; slightly different from the 44% reported in Oct. Denominator not stated.")
    O('G', 256, BA, 'active_total', '2025-10-31', "Oct 2025 (stated 4 Oct 2025), about 2.7M.")
    O('G', 257, BA, 'active_pu', '2025-10-31', "Oct 2025: 'sekitar 1,1 juta pekerja formal' as quoted; the split looks implausible against Kemnaker data.")

    # --- Bali
    BL = P['Bali']
    O('G', 170, BL, 'active_pu', '2023-11-30', "Nov 2023 PU (formal) active (stated Dec 2023); 538,504 of 1,214,028 formal workers (BPS 2022).")
    O('G', 172, BL, 'active_bpu', '2023-11-30', "Nov 2023 BPU participants (stated Dec 2023); 298,595 of 1,393,042 informal workers (BPS 2022).")
    O('G', 174, BL, 'coverage_pct', '2025-03-31', "31 Mar 2025 UCJ: 935,079 participants of 1,873,899 'penduduk bekerja' (UCJ denominator, below BPS employment). Denominator: working population as used for UCJ. The two counts give 49.90 %, not the 50.88 % the article states; the stated percentage is kept (the counts' dates or scope may differ; inferred, not stated).", alts=[('G', 176)])
    O('G', 175, BL, 'active_total', '2025-03-31', "31 Mar 2025 UCJ participants.")

    # --- Nusa Tenggara Barat
    NB = P['Nusa Tenggara Barat']
    O('G', 190, NB, 'active_total', '2020-08-31', "Aug 2020 (Disnakertrans NTB, same-period comparator in 2021).")
    O('G', 189, NB, 'active_total', '2021-08-31', "Aug 2021 (Disnakertrans NTB): PU 122,417 + BPU 22,307 + Jakon 121,186.")
    O('G', 191, NB, 'active_pu', '2021-08-31', "Aug 2021 (Disnakertrans NTB), in 6,718 employers.")
    O('G', 192, NB, 'active_bpu', '2021-08-31', "Aug 2021 (Disnakertrans NTB).")
    O('G', 193, NB, 'active_jakon', '2021-08-31', "Aug 2021 (Disnakertrans NTB).")
    O('G', 196, NB, 'coverage_pct', '2025-06-30', "Jun 2025 UCJ: 555,276 of 1,808,432 potential workers. Denominator: potential workers.")
    O('G', 197, NB, 'active_total', '2025-06-30', "Jun 2025 UCJ participants.")
    O('G', 198, NB, 'eligible_workers', '2025-06-30', "Jun 2025 'potensi tenaga kerja', the UCJ denominator.")

    # --- Nusa Tenggara Timur
    NT = P['Nusa Tenggara Timur']
    O('G', 201, NT, 'active_total', '2017-09-30', "Sep 2017 (stated 6 Sep 2017, Cabang NTT): about 42 ribu workers, described as registered (about 5K more BUMN staff are registered in Jakarta).")
    O('G', 202, NT, 'coverage_pct', '2024-06-30', "Jun 2024 UCJ; about 1.1M of 1.6M labour force unprotected. Denominator: labour force (1.6M). Segment rates (formal 65.9%, informal 13.6%) left in raw/.", alts=[('G', 203), ('G', 204), ('G', 205)])
    O('G', 206, NT, 'coverage_pct', '2025-04-30', "Apr 2025 (stated 28 Apr 2025), 'sekitar 35 persen', 500-600K participants; labour force given as about 3M (BPS), unlike the 1.6M used in 2024. Denominator: labour force.")

    # --- Kalimantan provinces
    KB = P['Kalimantan Barat']
    O('G', 133, KB, 'coverage_pct', '2023-03-31', "Mar 2023: active / labour force (Kanwil Kalimantan). Denominator: labour force. An undated 'early 2023' 35% (antaranews Kalbar) left in raw/.", alts=[('G', 140), ('G', 142)])
    O('S', 14, KB, 'coverage_pct', '2024-11-30', "Provisional 2024 UCJ achievement as stated on 15 Nov 2024 (insidepontianak seed article). Denominator not stated.")
    O('G', 143, KB, 'coverage_pct', '2025-09-30', "Sep 2025: about 31% of about 1.8M workers (provincial secretary). Denominator: workers (about 1.8M).")
    O('G', 128, KB, 'coverage_pct', '2025-12-31', "Full year 2025 (reported 2 Feb 2026 with the Kalimantan office's 2025 results). Kept over 37% (Governor and Kanwil head, 24 Dec 2025; jurnalis.co.id) as the figure reported after the year closed; denominators were re-based during 2025. Denominator not stated.", alts=[('G', 144)])
    KT = P['Kalimantan Tengah']
    O('G', 131, KT, 'coverage_pct', '2023-03-31', "Mar 2023: active / labour force (Kanwil Kalimantan). Denominator: labour force.")
    O('G', 148, KT, 'coverage_pct', '2024-12-31', "Full year 2024 UCJ (reported Mar 2025); 466,286 workers. Denominator not stated.")
    O('G', 149, KT, 'active_total', '2024-12-31', "Full year 2024 UCJ participants (reported Mar 2025).")
    O('G', 150, KT, 'coverage_pct', '2025-03-31', "Mar 2025: 465,940 of 1,009,250 eligible ('berhak') workers. Denominator: eligible workers.")
    O('G', 151, KT, 'eligible_workers', '2025-03-31', "Mar 2025: eligible workers, the UCJ denominator.")
    O('G', 127, KT, 'coverage_pct', '2025-12-31', "Full year 2025 (reported 2 Feb 2026), 'sekitar 42 persen'. Denominator not stated.")
    O('G', 152, KT, 'coverage_pct', '2026-02-28', "Feb 2026: 'sekitar 40 persen' of 1.7-1.8M potential workers (denominator re-based from 2025). Denominator: potential workers.")
    KL = P['Kalimantan Selatan']
    O('G', 132, KL, 'coverage_pct', '2023-03-31', "Mar 2023: active / labour force (Kanwil Kalimantan). Denominator: labour force.")
    O('G', 126, KL, 'coverage_pct', '2025-12-31', "Full year 2025 (reported 2 Feb 2026), 'sekitar 42 persen'. Denominator not stated.")
    KI = P['Kalimantan Timur']
    O('G', 137, KI, 'active_total', '2021-12-31', "Year 2021 ('tahun sebelumnya' in a Feb 2023 article; year-end implied), Disnakertrans Kaltim.")
    O('G', 136, KI, 'active_total', '2022-11-30', "Nov 2022: workers covered (Disnakertrans Kaltim).")
    O('G', 129, KI, 'coverage_pct', '2023-03-31', "Mar 2023: 962,711 active of 1.35M labour force (Kanwil Kalimantan). Denominator: labour force.", alts=[('G', 135)])
    O('G', 134, KI, 'active_total', '2023-03-31', "Mar 2023 active participants (Kanwil Kalimantan).")
    O('G', 124, KI, 'coverage_pct', '2025-12-31', "Full year 2025 (reported 2 Feb 2026), 'lebih dari 50 persen': lower bound. Denominator not stated.")
    KU = P['Kalimantan Utara']
    O('G', 130, KU, 'coverage_pct', '2023-03-31', "Mar 2023: active / labour force (Kanwil Kalimantan). Denominator: labour force.")
    O('G', 125, KU, 'coverage_pct', '2025-12-31', "Full year 2025 (reported 2 Feb 2026), 'sekitar 46 persen'. Denominator not stated.")

    # --- Sulawesi Utara
    SW = P['Sulawesi Utara']
    O('G', 433, SW, 'active_total', '2014-08-31', "Aug 2014 (Cabang Sulut): workers of 2,825 registered companies; activity status not stated.")
    O('G', 436, SW, 'working_population', '2023-02-28', "Feb Sakernas 2023 (BPS Sulut).")
    O('G', 438, SW, 'coverage_pct', '2024-12-31', "Full year 2024 UCJ (reported Dec 2025). Denominator not stated.")
    O('G', 439, SW, 'coverage_pct', '2025-12-16', "16 Dec 2025 UCJ: about 573,000 of about 843,000 workers; fell after election-worker contracts ended. Denominator: workers (UCJ base, about 843,000).", alts=[('G', 440)])

    # --- Sulawesi Tengah
    ST = P['Sulawesi Tengah']
    O('G', 421, ST, 'active_total', '2025-05-31', "May 2025 (stated 28 May 2025): PU+PMI 337,420, BPU 76,757, Jakon 45,278, of about 1.5M workers.")
    O('G', 422, ST, 'active_pu', '2025-05-31', "May 2025 (stated 28 May 2025); PU including PMI.")
    O('G', 423, ST, 'active_bpu', '2025-05-31', "May 2025 (stated 28 May 2025).")
    O('G', 424, ST, 'active_jakon', '2025-05-31', "May 2025 (stated 28 May 2025).")

    # --- Sulawesi Selatan
    SL = P['Sulawesi Selatan']
    O('G', 425, SL, 'coverage_pct', '2015-08-31', "Aug 2015: 481,910 of 3.57M workers ('tenaga kerja'). Denominator: workers.")
    O('G', 426, SL, 'active_pu', '2015-08-31', "Aug 2015: 16.3% of 994,347 PU workers.")
    O('G', 427, SL, 'active_bpu', '2015-08-31', "Aug 2015: 13.4% of 2.37M non-wage workers.")
    O('G', 428, SL, 'coverage_pct', '2025-06-30', "Jun 2025 UCJ: about 1.32-1.327M of 2,801,936 potential workers. Denominator: potential workers.")
    O('G', 429, SL, 'active_total', '2025-06-30', "Jun 2025: '1,327 juta' active participants.")
    O('G', 430, SL, 'eligible_workers', '2025-06-30', "Jun 2025 potential workers, the UCJ denominator.")

    # --- Sulawesi Tenggara
    SG = P['Sulawesi Tenggara']
    O('G', 442, SG, 'coverage_pct', '2022-05-31', "May 2022: about 192K workers of 'jutaan' (millions), about 20%. Denominator: workers (not stated precisely).")
    O('G', 443, SG, 'coverage_pct', '2023-12-31', "Dec 2023 (stated 5 Dec 2023, Cabang Kendari): 284,207 active of '1 juta lebih' labour force; the numerator differs from the Kemnaker year-end count 323,070. Denominator: labour force.")
    O('G', 445, SG, 'active_pu', '2023-12-31', "Dec 2023 (stated 5 Dec 2023, Cabang Kendari); 79.20% of PU potential.")

    # --- Gorontalo
    GO = P['Gorontalo']
    O('G', 447, GO, 'coverage_pct', '2024-09-30', "Sep 2024 (stated 3 Sep 2024): 254,675 of 466,368 target workers; rank 6 of 38. Denominator: UCJ target workers.")
    O('G', 448, GO, 'coverage_pct', '2025-12-16', "16 Dec 2025: about 314K of about 582K potential workers (denominator up from 466K). Denominator: potential workers.")

    # --- Maluku
    MA = P['Maluku']
    O('G', 450, MA, 'coverage_pct', '2024-04-30', "Apr 2024: 229,405 workers, 4,819 companies. Denominator not stated.")
    O('G', 452, MA, 'coverage_pct', '2024-12-31', "31 Dec 2024: 191,618 workers. Denominator: workers excluding civil servants, military and police (UCJ).")
    O('G', 454, MA, 'coverage_pct', '2025-10-31', "Oct 2025 UCJ. Denominator not stated.")

    # --- Maluku Utara
    MU = P['Maluku Utara']
    O('G', 460, MU, 'working_population', '2019-08-31', "Aug Sakernas 2019 (BPS Malut) as quoted in a GitHub project README (secondary).")
    O('G', 459, MU, 'working_population', '2020-08-31', "Aug Sakernas 2020 (BPS Malut) as quoted in a GitHub project README (secondary).")
    O('G', 455, MU, 'coverage_pct', '2025-05-31', "31 May 2025: 176,604 registered of 424,131 potential workers. Denominator: potential workers (UCJ).")
    O('G', 456, MU, 'eligible_workers', '2025-05-31', "31 May 2025 UCJ potential workers, the coverage denominator.")

    # --- Papua (BPS 94) and Papua Tengah, Papua Barat
    PA = P['Papua']
    JPR = " Cabang Papua Jayapura area, which also covers Papua Selatan and Papua Pegunungan."
    O('G', 210, PA, 'coverage_pct', '2023-09-30', "Sep 2023: about 10% of 1.8M workers (BPS)." + JPR + " Denominator: workers in the branch area.", alts=[('G', 211)])
    O('G', 212, PA, 'active_pu', '2023-09-30', "Sep 2023 PU participants." + JPR)
    O('G', 213, PA, 'active_bpu', '2023-09-30', "Sep 2023 BPU (self-paying) participants." + JPR)
    O('G', 215, PA, 'active_total', '2022-12-31', "Year 2022 (reported Jan 2024), area includes Papua Selatan and Papua Pegunungan.")
    O('G', 214, PA, 'active_total', '2023-12-31', "Year 2023 (reported Jan 2024), area includes Papua Selatan and Papua Pegunungan; more than half BPU; inconsistent with PU+BPU of about 129K in Sep 2023.")
    O('G', 216, PA, 'coverage_pct', '2024-08-31', "Aug 2024 (year inferred by the research from the weekday of 26 Aug): 141,984 of 240,009 in the post-2022 Papua province. Denominator: described as 'penduduk' (residents/workers).")
    O('G', 217, P['Papua Tengah'], 'coverage_pct', '2025-08-31', "Aug 2025 (stated 17 Aug 2025 by the Kanwil Banuspa head). Denominator not stated.")
    PB = P['Papua Barat']
    O('G', 471, PB, 'working_population', '2017-08-31', "Aug Sakernas 2017 (BPS Papua Barat), before the 2022 split (includes today's Papua Barat Daya).")
    O('G', 219, PB, 'coverage_pct', '2023-08-31', "Jan-Aug 2023: 128,358 of 155,222 potential labour force (age 17-65, BPJS TK definition). Denominator: potential workers.")
    O('G', 220, PB, 'eligible_workers', '2023-08-31', "Aug 2023 potential labour force (age 17-65, BPJS TK definition), the UCJ denominator.")

    # ============================================================ targets
    T('T', 2, NAT, 'active_total', 2014, "RKAT 2014 participant target ('jumlah peserta', concept not labelled active); exceeded by 16.2M in Nov 2014.")
    T('T', 3, NAT, 'fund_investment', 2014, "2014 dana investasi target (Sep 2014 actual Rp177.4T = 97%).")
    T('T', 4, NAT, 'active_total', 2015, "BPJS TK end-2015 participant target (stated Nov 2014 and Apr 2015). The CEO's Sep 2015 projection of 19M (not a formal target) left in raw/.", alts=[('T', 5)])
    T('T', 6, NAT, 'fund_investment', 2015, "2015 target for funds managed (VP Communication, Apr 2015). A Sep 2015 statement by the CEO gives Rp230T; kept the earlier plan figure.", alts=[('T', 7)])
    T('T', 8, NAT, 'investment_income', 2015, "2015 hasil investasi target.")
    T('T', 9, NAT, 'active_total', 2016, "2016 participant target against which the agency measured H1 (89.6%) and year-end (103%). A Jan 2016 aspiration of 23.2M (membership director) left in raw/.", alts=[('T', 10)])
    T('T', 12, NAT, 'contributions', 2016, "2016 contributions target (blog repost of a May 2016 article).")
    T('T', 13, NAT, 'active_total', 2017, "RKAT 2017 active participant target (realised 26.24M = 104.08%). Other statements left in raw/: 25.5M (CEO, Dec 2016) and 26.2M (membership director, Apr 2017).", alts=[('T', 14), ('T', 15)])
    T('T', 17, NAT, 'contributions', 2017, "2017 contributions target.")
    T('T', 18, NAT, 'fund_investment', 2017, "RKAT 2017 dana investasi target, original. Revised up to Rp315T in Sep 2017 (investment director); kept the RKAT figure.", alts=[('T', 19)])
    T('T', 20, NAT, 'investment_income', 2017, "RKAT 2017 hasil investasi target, original. Revised to Rp27-28T in Sep 2017; kept the RKAT figure.", alts=[('T', 21)])
    T('T', 22, NAT, 'active_total', 2018, "2018 active target (+13.03% on 2017), stated Mar 2018. 29.6M (membership director, Sep 2018) is the same target rounded.", alts=[('T', 23)])
    T('T', 24, NAT, 'fund_investment', 2018, "2018 dana kelolaan target (+Rp70T). The 2015 long-range aspiration of Rp500T by 2018 left in raw/.", alts=[('T', 25)])
    T('T', 26, NAT, 'coverage_pct', 2018, "Aspiration (membership director, 2016; blog repost): 80% of formal workers by 2018. Denominator: formal workers.")
    T('T', 27, NAT, 'fund_investment', 2019, "2019 dana kelolaan target (+Rp76T on Rp365T). The Jun 2015 aspiration of Rp500T 'aset pekerja' by 2019 left in raw/.", alts=[('T', 28)])
    T('T', 29, NAT, 'active_pu', 2019, "Aspiration stated Jun 2015 by the CEO: 45M formal-worker participants by 2019.")
    T('T', 30, NAT, 'active_bpu', 2019, "Aspiration stated Jun 2015: 2.2M informal participants by 2019.")
    T('T', 31, NAT, 'registered_total', 2019, "Kemenko PMK target (Jun 2017): 86M (formal-sector) workers in employment social security by 2019.")
    T('T', 32, NAT, 'contributions', 2020, "2020 contributions target.")
    T('T', 33, NAT, 'fund_investment', 2020, "2020 end-year dana kelolaan target.")
    T('T', 35, NAT, 'active_total', 2021, "RKAT 2021 active participant target (realised 30,660,901). The roadmap's long-term 48.5M by 2021 (stated 2017-2018) left in raw/.", alts=[('T', 38)])
    T('T', 36, NAT, 'fund_investment', 2021, "2021 dana investasi target (Databoks rounds to Rp542.4T).")
    T('T', 37, NAT, 'investment_income', 2021, "2021 hasil investasi target.")
    T('T', 39, NAT, 'coverage_pct', 2021, "Peta Jalan Jaminan Sosial Ketenagakerjaan (Bappenas): active participants 51.71% of eligible workers by 2021. Denominator: eligible workers. Left in raw/: segment targets (PU 80%, BPU 15%, Jakon 100%) and RKP 2021's 29.44% (PU participants / total working population, Kemnaker).", alts=[('T', 40), ('T', 41), ('T', 42), ('T', 43)])
    T('T', 44, NAT, 'fund_investment', 2023, "Peta Jalan JSK 2023 dana kelolaan target (realised Rp712.3T).")
    T('T', 45, NAT, 'active_total', 2023, "Peta Jalan JSK 2023 target for workers covered (realised 41.56M).")
    T('T', 46, NAT, 'active_total', 2024, "2024 BPJS TK active target (+12.40M), stated Apr 2024. Left in raw/: 53.52M (Peta Jalan JSK 2024) and 46M ('target awal' per the CEO, Nov 2024).", alts=[('T', 47), ('T', 48)])
    T('T', 49, NAT, 'fund_investment', 2024, "2024 dana investasi target (+14.62% yoy; Kontan rounds to Rp812T). Left in raw/: Peta Jalan JSK 2024 Rp781.81T (Jatimpedia) / Rp781.77T (Antara) and Rp800T ('target awal' per the CEO, Nov 2024).", alts=[('T', 50), ('T', 51), ('T', 52)])
    T('T', 53, NAT, 'investment_income', 2024, "'Target awal' (initial target) for 2024 hasil investasi, per the CEO in Nov 2024.")
    T('T', 54, NAT, 'coverage_pct', 2024, "2024 target: participants as % of the total working population (Minister of Manpower, 2021; RPJMN 2020-2024 / Renstra Kemnaker context). Denominator: working population. A draft RPJMN study's 30% of the labour force (BPJS Watch, about 2019) left in raw/.", alts=[('T', 55)])
    T('T', 56, NAT, 'active_total', 2025, "2025 active participant target (membership director, Jul 2025). 54M (Kontan, May 2025, worded 'terdaftar') left in raw/.", alts=[('T', 57)])
    T('T', 58, NAT, 'coverage_pct', 2025, "RPJMN 2025-2029 target for 2025, UCJ indicator. Denominator: the UCJ indicator's base. Left in raw/: 52.15% (Kemendagri UCJ target in the 2025 regional evaluation, same article) and 56% (agency's stated confidence for 2025; insidepontianak seed article, Nov 2024).", alts=[('T', 59), ('S', 13), ('G', 17)])
    T('S', 3, NAT, 'active_total', 2026, "Universal Coverage Jamsostek target: 70M workers protected by end of 2026 (seed article; also Harian Jogja 20 Oct 2023 and Bisnis 25 Oct 2022). Reported under review in Oct 2025: the CEO said it may be revised (Media Asuransi News, 23 Oct 2025).", alts=[('T', 61)])
    T('T', 60, NAT, 'active_total', 2026, "The same 70M target, stated 20 Oct 2023 (Harian Jogja): the earliest dated statement of it in the research, so a vintage from then on knows the target (the seed article is dated only by its year, read as its end).")
    T('S', 4, NAT, 'fund_investment', 2026, "Managed-funds target 'Rp1.001 triliun' by end of 2026 per the seed articles (ANTARA Denpasar and ANTARA Jakarta, 2023). Other sources round it to Rp1,000T (Harian Jogja 20 Oct 2023; Infofinance 23 Oct 2025, 'still on track').", alts=[('T', 64)])
    T('T', 63, NAT, 'fund_investment', 2026, "The same target as 'Rp1.000 triliun', stated 20 Oct 2023 (Harian Jogja): the earliest dated statement of it in the research, so a vintage from then on knows it, at Rp1,000T until the seed articles (dated only by their year, read as its end) state Rp1,001T.")
    T('T', 65, NAT, 'coverage_pct', 2026, "RKP 2026 target, UCJ indicator. Denominator: the UCJ indicator's base. Kept over '65 persen atau 70 juta pekerja' (Bisnis, Oct 2022), which uses a different denominator.", alts=[('T', 62), ('G', 19)])
    T('T', 66, NAT, 'coverage_pct', 2029, "RPJMN 2025-2029 end-period target, UCJ indicator. Denominator: the UCJ indicator's base.", alts=[('G', 18)])
    T('T', 67, NAT, 'coverage_pct', 2045, "RPJPN 2025-2045 target, employment social-security coverage (UCJ). Denominator: the UCJ indicator's base.")

    # regional coverage targets
    T('G', 308, KS, 'coverage_pct', 2025, "Kanwil Sumbagut UCJ target for 2025 (stated 16 Dec 2025).")
    T('G', 308, KS, 'coverage_pct', 2026, "Kanwil Sumbagut UCJ target for 2026 (stated 16 Dec 2025; from the note of the 2025 target row).", value='55')
    T('G', 323, P['Aceh'], 'coverage_pct', 2025, "UCJ target for 2025 (stated 3 Jun 2025).")
    T('G', 351, SB, 'coverage_pct', 2025, "Target of 1M participants = 34% of 2.9M labour force by end-2025. Denominator: labour force.")
    T('G', 369, SS, 'coverage_pct', 2025, "Coverage target stated by Kanwil Sumbagsel (1 Aug 2024) in an article about Sumatera Selatan.")
    T('G', 380, JA, 'coverage_pct', 2025, "2025 target (Mar 2025); the implied headcount differs between sources (782K infoekonomi, about 674K sumseldaily).")
    T('G', 394, BB, 'coverage_pct', 2025, "Dec 2025 UCJ target = 397,336 workers (+20 points rule, Permendagri 15/2024).")
    T('G', 236, DK, 'coverage_pct', 2024, "Kanwil DKI target for Dec 2024.")
    T('G', 237, DK, 'coverage_pct', 2025, "Kemendagri UCJ target for DKI 2025 (about +508K participants).")
    T('G', 284, DY, 'coverage_pct', 2023, "BPJS TK Yogyakarta coverage target for 2023.")
    T('G', 177, BL, 'coverage_pct', 2025, "Kemendagri UCJ target for Bali 2025.")
    T('G', 200, NB, 'coverage_pct', 2025, "Disnakertrans NTB 2025 UCJ target; 62% (mpp.mataramkota.go.id) is the same target rounded.", alts=[('G', 199)])
    T('G', 200, NB, 'coverage_pct', 2045, "UCJ 99.5% by 2045 (from the note of the 2025 target row; mirrors the national RPJPN target).", value='99.5')
    T('G', 207, NT, 'coverage_pct', 2025, "Cabang NTT target of 1M participants, about 60% of the labour force.")
    T('G', 141, KB, 'coverage_pct', 2023, "Cabang Pontianak coverage target for 2023.")
    T('S', 15, KB, 'coverage_pct', 2024, "RPJMN 2024 target for Kalimantan Barat UCJ (insidepontianak seed article, 15 Nov 2024).")
    T('G', 145, KB, 'coverage_pct', 2026, "Target per provincial regulation (Perda), stated 24 Dec 2025. Kept over 72% by 2026 stated by Cabang Pontianak in 2023 (antaranews Kalbar), the older statement.")
    T('G', 155, KL, 'coverage_pct', 2026, "Provincial government target for 2026 (stated Sep 2025).")
    T('G', 431, SL, 'coverage_pct', 2025, "2025 UCJ target = 1,763,259 workers, which is 62.93% of the 2,801,936 potential workers of the Jun 2025 reading (Bisnis, 16 Jul 2025): the same base, inferred from the arithmetic (the source does not name it). Denominator: potential workers.")
    T('G', 431, SL, 'coverage_pct', 2045, "RPJPD 2045 target (from the note of the 2025 target row).", value='79.22')
    T('G', 453, MA, 'coverage_pct', 2025, "2025 UCJ target = 395,239 workers; the 'final' target of 72.74% (474,287) has no year. Both imply a base of about 620-650 thousand workers, where the end-2024 UCJ reading (39.45 % = 191,618 workers) implies 486 thousand: both are called UCJ, yet their bases differ by about a quarter (inferred from the stated counts), so the gap between them may be overstated.")
    T('G', 457, MU, 'coverage_pct', 2025, "UCJ target for 2025.")

    # ============================================================ regency: Gianyar (Bali)
    GI = 'gianyar'
    O('S', 25, GI, 'coverage_pct', '2024-06-30', "Participation coverage of Kabupaten Gianyar in June 2024 (seed facts: Gianyar labour office / BPJAMSOSTEK Gianyar branch). Denominator not stated.")
    O('G', 182, GI, 'coverage_pct', '2025-09-30', "Sep 2025: 130,300 workers protected against a 100 % base of 198,628 workers (ANTARA Bali). Denominator: workers (198,628 'pekerja', base not defined further).")
    O('S', 26, GI, 'active_budget_funded', '2023-12-31', "Vulnerable workers whose contributions the regency budget paid in 2023 (seed facts; year stated, month not: dated at year-end 2023).")
    T('S', 27, GI, 'active_budget_funded', 2024, "Vulnerable workers to be covered by the regency budget in 2024, doubled from 6,400 (policy: 100 vulnerable workers per village for six months; seed facts).")


# ---------------------------------------------------------------------------- data/README.md
# Why the kept value won, per (kind|region|metric|date) of a row with rival values; printed in
# the conflict table of data/README.md.
WHY = {
    'obs|national|active_total|2016-12-31': "agency year-end figure; Kemnaker JKK/JKM programme count is another series; the 8 Dec statement predates the year close",
    'obs|national|active_total|2019-12-31': "agency figure (two sources); Kemnaker programme count is another series",
    'obs|national|active_total|2020-12-31': "agency (CEO) figure, most precise; 30M is it rounded; Kemnaker programme count is another series",
    'obs|national|active_total|2021-12-31': "most precise agency year-end figure (DPR hearing); the others are roundings",
    'obs|national|active_total|2022-12-31': "agency slide series, confirmed by a second source; Peta Jalan comparison and a pre-close CEO remark differ",
    'obs|national|active_total|2023-10-31': "dated Oct 2023 reading; the seed articles agree (40.2M) or round (40M)",
    'obs|national|active_total|2023-12-31': "agency audited annual report (LK 2023), used by the seed analysis; 41.55M is a rounding, 41.46M was published before the audit, 42.92M is an unexplained outlier",
    'obs|national|active_total|2024-11-30': "more precise (sum of segments, 26 Nov) over a rounded CEO remark a day earlier",
    'obs|national|active_total|2024-12-31': "agency figure at a DPR hearing; 45.23M is a rounding",
    'obs|national|active_total|2025-10-31': "more precise (42.7M) over a rounded 42M the same day",
    'obs|national|fund_investment|2016-12-31': "year-end realisation over a statement of 8 Dec",
    'obs|national|fund_investment|2017-12-31': "more precise (317.26 vs rounded 317)",
    'obs|national|fund_investment|2019-12-31': "more precise, stated as end-Dec 2019",
    'obs|national|fund_investment|2020-12-31': "later (post-audit) comparator over the unaudited Jan 2021 release",
    'obs|national|fund_investment|2021-12-31': "audited restatement over the pre-audit figure",
    'obs|national|fund_investment|2023-10-31': "dated Oct 2023 reading over the seed article's undated Rp686T (same period)",
    'obs|national|active_bpu|2023-10-31': "dated Oct 2023 reading over the seed article's undated 7.6M",
    'obs|national|registered_total|2016-12-31': "year-end figure over a statement of 8 Dec",
    'obs|national|registered_total|2019-12-31': "agency figure over the Minister's figure",
    'obs|national|registered_total|2020-12-31': "most precise agency year-end figure; 50.7M is it rounded; the Minister's 51.76M matches the Nov 2020 level",
    'obs|national|registered_total|2023-12-31': "agency annual report over Kemnaker Satu Data (rounding)",
    'obs|national|working_population|2022-08-31': "BPS August Sakernas over a 'BPS 2022' figure without a month",
    'obs|national|working_population|2024-08-31': "BPS August Sakernas over a rounded speech figure without a month",
    'obs|national|contributions|2020-12-31': "audited over unaudited",
    'obs|national|benefits_paid|2021-12-31': "audited restatement (2022 Public Expose) over the pre-audit figure",
    'obs|national|investment_income|2020-12-31': "audited and more precise",
    'obs|national|coverage_pct|2018-08-31': "active-based rate; 54% uses registered participants (other concept)",
    'obs|national|coverage_pct|2025-10-31': "agency membership director's precise figure; the Supervisory Board chair's 42% the same week conflicts",
    'obs|jawa-timur|active_total|2023-12-31': "Kemnaker place-of-registration series (consistent across provinces) over a residence-based UCJ count",
    'obs|sulawesi-tenggara|active_total|2023-12-31': "Kemnaker year-end table over a branch figure stated on 5 Dec",
    'obs|dki-jakarta|active_total|2025-02-28': "Databoks republication of the Kemnaker table over GoodStats' rounding",
    'obs|jawa-tengah|active_total|2025-02-28': "Databoks republication of the Kemnaker table over GoodStats' rounding",
    'obs|sulawesi-barat|active_total|2025-02-28': "Databoks republication of the Kemnaker table over GoodStats' rounding",
    'obs|maluku|active_total|2025-02-28': "more precise (156,030 vs 156K)",
    'obs|kanwil-kalimantan|active_pu|2024-11-30': "more precise over the rounded 1.95M",
    'obs|kanwil-kalimantan|coverage_pct|2025-12-31': "more precise (41.3 vs 41)",
    'obs|sulawesi-tengah|active_total|2021-12-31': "regional-office figure for the province over a branch-office (Cabang Palu) figure",
    'obs|sulawesi-tengah|coverage_pct|2021-12-31': "regional-office figure for the province over a branch-office (Cabang Palu) figure",
    'obs|aceh|coverage_pct|2023-09-30': "all-segment rate; the wage (48%) and BPU (8.5%) rates are segment rates",
    'obs|kepulauan-bangka-belitung|coverage_pct|2024-12-31': "all-segment UCJ (incl. construction) over the rate excluding construction",
    'obs|kepulauan-riau|coverage_pct|2025-04-30': "Sabang Merauke News' 49%; riauonline's 58% is given as the national figure in the other report",
    'obs|nusa-tenggara-timur|coverage_pct|2024-06-30': "all-segment UCJ rate; formal and informal rates are segment rates",
    'obs|kalimantan-barat|coverage_pct|2023-03-31': "dated Mar 2023 figure; the undated 'early 2023' 35% is a vague duplicate",
    'obs|kalimantan-barat|coverage_pct|2025-12-31': "full-year figure reported after the year closed over a 24 Dec statement (denominators re-based in 2025)",
    'target|national|active_total|2015-12-31': "formal target over a projection",
    'target|national|fund_investment|2015-12-31': "earlier (plan) figure over a later statement",
    'target|national|active_total|2016-12-31': "the target realisation was measured against, over an aspiration",
    'target|national|active_total|2017-12-31': "RKAT target over other statements",
    'target|national|fund_investment|2017-12-31': "original RKAT over an in-year revision",
    'target|national|investment_income|2017-12-31': "original RKAT over an in-year revision",
    'target|national|active_total|2018-12-31': "more precise (29.65M vs 29.6M)",
    'target|national|fund_investment|2018-12-31': "annual target over a 2015 long-range aspiration",
    'target|national|fund_investment|2019-12-31': "annual target over a 2015 long-range aspiration",
    'target|national|active_total|2021-12-31': "RKAT over the long-range roadmap",
    'target|national|coverage_pct|2021-12-31': "all-segment Peta Jalan target; segment targets and RKP's PU-only 29.44% are other concepts",
    'target|national|active_total|2024-12-31': "agency's in-year target over Peta Jalan and a 'target awal' recalled in Nov 2024",
    'target|national|fund_investment|2024-12-31': "agency's annual target over Peta Jalan figures and a 'target awal'",
    'target|national|coverage_pct|2024-12-31': "Minister's RPJMN-context target over a draft study",
    'target|national|active_total|2025-12-31': "explicitly active target over a 'terdaftar' target",
    'target|national|coverage_pct|2025-12-31': "RPJMN (official plan) over the Kemendagri evaluation target and the agency's aspiration",
    'target|national|fund_investment|2026-12-31': "the seed articles' 'Rp1.001 triliun', the figure the project tests; other sources round it to Rp1,000T",
    'target|national|coverage_pct|2026-12-31': "RKP 2026 (UCJ indicator, comparable with UCJ readings) over '65% or 70M' (other denominator)",
    'target|nusa-tenggara-barat|coverage_pct|2025-12-31': "more precise (62.22 vs 62)",
}

# Conflicts settled without an alternative row (the rival value is quoted in a note), appended
# to the conflict table verbatim.
EXTRA_CONFLICT_ROWS = [
    "| targets | kalimantan-barat / coverage_pct / 2026-12-31 | 61 (jurnalis-2025-12-24-gubernur) | 72 (quoted in the note of antara-2023-targetkan, raw/regional_observations.csv:141) | newer target set by provincial regulation over an older branch aspiration |",
]

# Rows whose alternative repeats the kept value without being the same reading: Sumatera
# Selatan's later 34% comes from a different count (1.3M vs 1.033M) and an unclear period, so
# it is named in the row's note but not listed as an agreement.
NOT_AN_AGREEMENT = {'obs|sumatera-selatan|coverage_pct|2024-08-31'}

# Research region names that are Kanwil rather than provinces (not regencies, cities, branches).
KANWIL_NAMES = {'Kanwil Kalimantan', 'Kanwil Jawa Timur', 'Kanwil Sumbagut (Aceh+Sumut)', 'Kanwil Sulawesi Maluku'}

# Research metrics that are not shipped at all.
OUTSIDE = {'active_employers', 'fund_djs_assets', 'fund_total_assets', 'working_formal', 'working_informal',
           'formal_share_pct', 'informal_share_pct', 'new_bpu_participants_increment',
           'new_participants_increment'}

# Why a research row with a shipped metric and region was left in raw/, by (file key, line).
# Rows not listed here, not alternatives and not covered by the general reasons (metric outside
# the list, no region id, 'other' quantity) make the build fail.
LEFT_OUT = {
    ('N', 18): 'concept ambiguous',
    ('N', 28): 'programme-only flow (JHT only)', ('N', 159): 'programme-only flow (JHT only)',
    ('N', 229): 'programme-only flow (JHT only)',
    ('N', 90): 'coverage of registered (not active) participants',
    ('G', 309): 'coverage of registered (not active) participants',
    ('N', 118): 'coverage of registered (not active) participants',
    ('N', 203): 'segment-only coverage rate', ('N', 220): 'segment-only coverage rate',
    ('G', 15): 'coverage with ambiguous concept / no denominator', ('S', 12): 'coverage with ambiguous concept / no denominator',
    ('G', 22): 'coverage with ambiguous concept / no denominator',
    ('S', 11): 'year-to-date flow without its cut-off month',
    ('G', 435): 'vague period duplicating a clear row',
    ('G', 259): "'Jumlah Tenaga Kerja', concept and month unclear", ('G', 260): "'Jumlah Tenaga Kerja', concept and month unclear",
    ('G', 261): "'Jumlah Tenaga Kerja', concept and month unclear", ('G', 262): "'Jumlah Tenaga Kerja', concept and month unclear",
    ('G', 263): "'Jumlah Tenaga Kerja', concept and month unclear",
}
for ln in range(96, 103):
    LEFT_OUT[('G', ln)] = 'reference month not shown'
for ln in (105, 106, 171, 173, 194, 195, 252, 266, 267, 350):
    LEFT_OUT[('G', ln)] = 'segment-only coverage rate'
for ln in (228, 229, 230, 240, 241, 434, 449, 451):
    LEFT_OUT[('G', ln)] = 'year unknown or uncertain'
