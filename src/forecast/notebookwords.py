"""The notebooks' headings, explanations and notes, in English and Bahasa Indonesia.

A markdown cell is static: it cannot follow the notebook's ``lang`` parameter, yet a notebook
opened without running it needs its headings (JupyterLab's table of contents is built from
markdown cells). So each section has a markdown cell tagged ``heading`` with its title in
both languages on one line, ``## English · Indonesia`` (:data:`HEADINGS`, :func:`heading`),
and below it a code cell that shows :func:`section`, the section's explanation in ``lang``
only (no second heading); the notes shown in place of a table come from :func:`note`. The
HTML page of a run keeps only the half of each heading in the run's language
(:func:`one_language`).
"""

from __future__ import annotations

from .schemesections import NEEDS, worded
from .styles import Note
from .tablewords import check

#: Each section's title: (English, Indonesian). The notebooks' ``heading`` cells are
#: ``## {en} · {id}`` (tests/test_notebook_structure.py checks them against this).
HEADINGS: dict[str, tuple[str, str]] = {
    # region_forecast
    # Not the notebook's title again (the contents listed the question twice): the verdicts.
    "region": ("Verdict: each target at the pace seen so far",
               "Kesimpulan: setiap target pada laju sejauh ini"),
    "data": ("The data and its sources", "Data dan sumbernya"),
    "track_record": ("Our track record", "Rekam jejak kami"),
    "reachability": ("Reachability of each target", "Keterjangkauan setiap target"),
    "outcomes": ("Targets already due", "Target yang sudah jatuh tempo"),
    "reach": ("What is reachable", "Apa yang dapat dicapai"),
    "speed": ("How fast has anyone gone", "Seberapa cepat pertumbuhan tercepat"),
    "moved": ("Why the probability moved", "Mengapa probabilitasnya berubah"),
    "fan": ("The projection against the target", "Proyeksi terhadap target"),
    "models": ("Each model on its own, and its backtest",
               "Setiap model sendiri-sendiri, dan uji baliknya"),
    "growth": ("Required versus historical growth",
               "Pertumbuhan yang dibutuhkan dibandingkan yang tercapai"),
    "base_year": ("Base-year sensitivity", "Kepekaan terhadap tahun dasar"),
    # What the section is (the cells below say when a data folder has none), not whose:
    # "the shipped data's national run" named a level another scheme does not have.
    "funds": ("The fund model: the fund by its accounting",
              "Model dana: dana menurut pembukuannya"),
    "segments": ("Segment decomposition: where the coverage gap must close",
                 "Dekomposisi segmen: di mana kesenjangan cakupan harus ditutup"),
    "quality": ("Data quality", "Kualitas data"),
    "outputs": ("Outputs", "Keluaran"),
    # summary
    "summary": ("The run read: its manifest and each region's results",
                "Run yang dibaca: manifes dan hasil setiap wilayah"),
    "ranked": ("Ranked probabilities, required against historical growth, data quality",
               "Probabilitas berurutan, pertumbuhan dibutuhkan dibandingkan yang tercapai, "
               "kualitas data"),
    "reconciliation": ("Do the regions add up to the whole?",
                       "Apakah jumlah wilayah sama dengan keseluruhan?"),
    # explore: the same for every scheme; the line below the first names the top region
    # (forecast.explorewords), and the cells below the others say what a folder lacks.
    "top": ("The top region: every target under the trend models",
            "Wilayah teratas: setiap target menurut model tren"),
    "explore_segments": ("Segment decomposition: what each segment delivers towards its target",
                         "Dekomposisi segmen: sumbangan setiap segmen terhadap targetnya"),
    "explore_funds": ("The fund model: the accounting beside the trend curves, and the "
                      "targets' joint probability",
                      "Model dana: pembukuan di samping kurva tren, dan probabilitas gabungan "
                      "target"),
    "what_if": ("What would change it? (hypothetical what-if)",
                "Apa yang akan mengubahnya? (pengandaian hipotetis)"),
}

#: Between the two halves of a bilingual heading (and of the covers' titles).
BETWEEN = " · "

#: The sections of each notebook, in order: its ``heading`` cells follow this list.
ORDER: dict[str, tuple[str, ...]] = {
    "region_forecast": ("region", "data", "track_record", "reachability", "outcomes", "reach",
                        "speed",
                        "moved", "fan", "models", "growth", "base_year", "funds", "segments",
                        "quality", "outputs"),
    "summary": ("summary", "ranked", "reconciliation"),
    "explore": ("top", "outcomes", "explore_segments", "explore_funds", "what_if"),
}

#: Section explanations, in each language: the text under each heading, shown by a code
#: cell (a section with its title only, like ``growth``, has none).
SECTIONS: dict[str, dict[str, str]] = {
    "en": {
        # region_forecast
        "region": (
            "One region, every target due after its last observation: the data and its "
            "sources, the growth models on their own and their backtest, the projection "
            "against the target, and what it would take."),
        "data": (
            "Every observation of the region as known at `as_of`, with the source it comes "
            "from: one line a metric, then every reading with its source and note (click to "
            "unfold). Year-end values (dated 31 December) are fitted; month readings are "
            "shown, not fitted."),
        "track_record": (
            "With `track_record`: the region re-run as of each past year-end (300 paths each, "
            "on what was known then, or on the values dated up to it where nothing had been "
            "published by then: the sentences above the table say which) and scored on the "
            "targets settled since; the PDF charts it."),
        "reachability": (
            "Probability of reaching the target by its date, the median and 10-90 % band "
            "there, the growth required from the last observation against the growth "
            "achieved, and the UNSD / Statistics Canada classifications."),
        "outcomes": (
            "Targets due by the run's date, oldest first: met or missed by the reading at the "
            "target date, or not settled by the data (the nearest readings, or the latest "
            "one); outcomes, never forecasts."),
        "reach": (
            "From the same paths: the level reached with 90 %, 50 % and 10 % probability at "
            "each target's date, and the date by which the target is reached with 50 % and "
            "80 % probability."),
        "speed": (
            "The growth each target requires against the fastest growth over as many years "
            "that any region or segment of the same kind has achieved in the data, with who "
            "and when."),
        "moved": (
            "The region as of the two dates of `compare_as_of`, read as `vintage` says, and "
            "each target's change in probability between them split into steps by "
            "substituting one thing at a time, in this order: new observations, revised "
            "observations, new or changed targets, method, scenario (`forecast compare "
            "--as-of A B`; at most 1,000 paths a step). The steps add up to the change (in "
            "percentage points); \"left to the order\" is the change minus each step applied "
            "alone."),
        "fan": (
            "Year-end values, other readings (during the year, or a coverage's own readings "
            "beside the year-ends its count implies: each legend says which), the median "
            "projection and its 10-90 % band."),
        "models": (
            "Seven growth models are fitted on their own, each with its own probability and "
            "median, to show where they disagree. They do not vote: the headline is the "
            "calibrated projection's (the median of five fast forecasters, its spread from "
            "the errors of 1,344 competition series). Each model is refitted without the "
            "last one to three years and scored on them (backtest error)."),
                "base_year": (
            "The growth achieved since each possible base year against the growth that was "
            "required from it: how much the verdict depends on where the baseline is put."),
        "funds": (
            "For the investment funds of {scheme}, besides the trend curves, the fund is "
            "projected by its accounting: next year's fund is this year's grown by the "
            "investment return, plus contributions (active participants times an average "
            "contribution per head) minus benefits (a share of the fund). Each path uses the "
            "active participants of the same path, so the joint probability of both targets "
            "is counted path by path. A scenario, if one is given, applies here and in the "
            "segments below. Other regions have no such model: the cells below then say "
            "why."),
        "fund_inputs": "How each input of the fund model was estimated, and on which years.",
        "fund_backtest": (
            "Backtest: the fund projected 1 to 3 years ahead from earlier years, by the "
            "structural model and by the trend models, against what was observed (mean "
            "absolute percentage error)."),
        "segments": (
            "For the participants target of {scheme}: each membership segment "
            "(formal, informal, construction, migrant workers) on its own trend, or as its "
            "share of the total where it has too few year-end points; how much of the "
            "target each delivers at its median, and the growth informal participation "
            "would need if the others keep their pace. Other regions have no segment "
            "decomposition: the cell below then says why."),
        "quality": (
            "How much history supports each projection, and which targets could not be "
            "assessed."),
        "outputs": (
            "`results.json` (the contract shared with the batch, the PDFs and the CLI) and "
            "the figures."),
        # summary
        "summary": (
            "Reads the `manifest.json` and each region's `results.json` of one "
            "`forecast batch` run."),
        "ranked": (
            "One row per region and target, most likely first; regions that failed or had "
            "no assessable target are listed with their status at the end."),
        "reconciliation": (
            "Each region's count is projected on its own (or pooled) path; here each level "
            "of regions below the top region (for the shipped data: the provinces and the "
            "regional offices, kanwil) is set against the top region's projection, and a level "
            "within one region against that region's. *Sum of "
            "the regions' medians* is before reconciliation; the *factor* scales every "
            "region so the parts equal the whole (a level within one region, which need not "
            "cover all of it, only down), and the *adjustment* is what it adds, in the "
            "count's unit. Regional tables may count members by place of registration "
            "and mix concepts, so a factor far from 1 says more about the data than about "
            "the models."),
        # explore
        "what_if": (
            "Move the sliders: extra net enrolments a month (and the segment they join) and "
            "the mean investment return, in percent a year as shown (type 12 for 12 %). The "
            "projections are computed once; each change reapplies the adjustment to the same "
            "paths, so the numbers and the workers and funds fan charts (what-if against the "
            "baseline, the probabilities in the legend) are redrawn within about a second, "
            "with the same seed. It moves the participants of {scheme}, their segments and "
            "the fund: where the data folder lacks one of them, the cells below say so."),
        "what_if_levels": ("The same what-if at a few fixed levels (kept in the saved notebook "
                           "and in batch runs)."),
    },
    "id": {
        "region": (
            "Satu wilayah, setiap target yang jatuh tempo setelah pengamatan terakhirnya: "
            "data dan sumbernya, setiap model pertumbuhan sendiri-sendiri beserta uji "
            "baliknya, proyeksi terhadap target, dan apa yang dibutuhkan untuk mencapainya."),
        "data": (
            "Setiap pengamatan wilayah ini sebagaimana diketahui pada `as_of`, dengan "
            "sumbernya: satu baris per metrik, lalu setiap pembacaan dengan sumber dan "
            "catatannya (klik untuk membuka). Nilai akhir tahun (bertanggal 31 Desember) "
            "dipakai model; pembacaan bulanan ditampilkan, tidak dipakai model."),
        "track_record": (
            "Dengan `track_record`: wilayah ini dijalankan ulang per setiap akhir tahun lalu "
            "(300 jalur masing-masing, dengan data yang diketahui saat itu, atau dengan nilai "
            "bertanggal sampai saat itu bila belum ada yang terbit: kalimat di atas tabel "
            "menyebutkan yang mana) dan dinilai pada target yang hasilnya sudah diketahui; "
            "PDF menampilkannya sebagai grafik."),
        "reachability": (
            "Probabilitas mencapai target pada tanggalnya, median dan rentang 10-90 % pada "
            "tanggal itu, pertumbuhan yang dibutuhkan dari pengamatan terakhir dibandingkan "
            "pertumbuhan yang tercapai, serta klasifikasi UNSD / Statistics Canada."),
        "outcomes": (
            "Target yang jatuh tempo hingga tanggal run, yang terlama lebih dulu: tercapai "
            "atau tidak menurut pembacaan pada tanggal target, atau belum dapat dipastikan "
            "dari data (pembacaan terdekat, atau yang terakhir); hasil, bukan peramalan."),
        "reach": (
            "Dari jalur yang sama: tingkat yang dicapai dengan probabilitas 90 %, 50 % dan "
            "10 % pada tanggal setiap target, dan tanggal target tercapai dengan probabilitas "
            "50 % dan 80 %."),
        "speed": (
            "Pertumbuhan yang dibutuhkan setiap target dibandingkan pertumbuhan tercepat "
            "dalam jangka waktu yang sama yang pernah dicapai wilayah atau segmen sejenis "
            "dalam data, dengan siapa dan kapan."),
        "moved": (
            "Wilayah ini per dua tanggal `compare_as_of`, dibaca sesuai `vintage`, dan "
            "perubahan probabilitas setiap target di antara keduanya dipecah menjadi "
            "langkah-langkah dengan mengganti satu hal setiap kali, dengan urutan: "
            "observasi baru, observasi yang direvisi, target baru atau berubah, metode, "
            "skenario (`forecast compare --as-of A B`; paling banyak 1.000 jalur per "
            "langkah). Jumlah langkahnya sama dengan perubahannya (dalam poin persentase); "
            "\"Ditentukan urutan\" adalah perubahan dikurangi setiap langkah yang "
            "diterapkan sendiri."),
        "fan": (
            "Nilai akhir tahun, pembacaan lain (dalam tahun berjalan, atau pembacaan "
            "cakupan itu sendiri di samping nilai akhir tahun yang tersirat dari jumlahnya: "
            "keterangan tiap grafik menyebutnya), proyeksi median dan rentang 10-90 %-nya."),
        "models": (
            "Tujuh model pertumbuhan dipasang sendiri-sendiri, masing-masing dengan "
            "probabilitas dan mediannya sendiri, untuk menunjukkan di mana mereka berbeda. "
            "Model-model ini tidak memberi suara: angka utama berasal dari proyeksi "
            "terkalibrasi (median lima peramal cepat, sebarannya dari galat 1.344 deret "
            "kompetisi). Setiap model dipasang ulang tanpa satu sampai tiga tahun terakhir "
            "dan dinilai pada tahun-tahun itu (galat uji balik)."),
                "base_year": (
            "Pertumbuhan yang tercapai sejak setiap tahun dasar yang mungkin dibandingkan "
            "pertumbuhan yang dibutuhkan darinya: seberapa jauh kesimpulannya bergantung pada "
            "letak garis dasarnya."),
        "funds": (
            "Untuk dana investasi {scheme}, selain kurva tren, dana "
            "diproyeksikan menurut pembukuannya: dana tahun depan adalah dana tahun ini yang "
            "tumbuh dengan imbal hasil investasi, ditambah iuran (peserta aktif dikali "
            "rata-rata iuran per orang) dikurangi manfaat (sebagian dari dana). Setiap jalur "
            "memakai peserta aktif dari jalur yang sama, sehingga probabilitas kedua target "
            "sekaligus dihitung jalur demi jalur. Skenario, bila ada, berlaku di sini dan "
            "pada segmen di bawah. Wilayah lain tidak memiliki model ini: sel-sel di bawah "
            "lalu menjelaskan alasannya."),
        "fund_inputs": ("Bagaimana setiap masukan model dana ditaksir, dan dari tahun-tahun "
                        "mana."),
        "fund_backtest": (
            "Uji balik: dana diproyeksikan 1 sampai 3 tahun ke depan dari tahun-tahun "
            "sebelumnya, oleh model struktural dan oleh model tren, dibandingkan dengan yang "
            "teramati (rata-rata galat persentase absolut)."),
        "segments": (
            "Untuk target peserta {scheme}: setiap segmen kepesertaan (formal, "
            "informal, jasa konstruksi, pekerja migran) pada trennya sendiri, atau sebagai "
            "bagiannya dari total bila titik akhir tahunnya terlalu sedikit; seberapa banyak "
            "target yang dipenuhi masing-masing pada mediannya, dan pertumbuhan yang "
            "dibutuhkan kepesertaan informal bila yang lain tetap pada lajunya. Wilayah lain "
            "tidak memiliki dekomposisi segmen: sel di bawah lalu menjelaskan alasannya."),
        "quality": (
            "Seberapa panjang riwayat yang mendukung setiap proyeksi, dan target mana yang "
            "tidak dapat dinilai."),
        "outputs": (
            "`results.json` (kontrak bersama dengan batch, PDF dan CLI) dan gambar-gambarnya."),
        "summary": (
            "Membaca `manifest.json` dan `results.json` setiap wilayah dari satu run "
            "`forecast batch`."),
        "ranked": (
            "Satu baris per wilayah dan target, dari yang paling mungkin; wilayah yang gagal "
            "atau tanpa target yang dapat dinilai dicantumkan dengan statusnya di akhir."),
        "reconciliation": (
            "Jumlah setiap wilayah diproyeksikan pada jalurnya sendiri (atau gabungan); di "
            "sini setiap tingkat wilayah di bawah wilayah teratas (untuk data bawaan: "
            "provinsi dan kantor wilayah, kanwil) dibandingkan dengan proyeksi wilayah "
            "teratas, dan tingkat di dalam satu wilayah dengan "
            "proyeksi wilayah itu. *Jumlah median wilayah* adalah sebelum rekonsiliasi; "
            "*faktor* menskalakan setiap wilayah agar jumlah bagian sama dengan keseluruhan "
            "(tingkat di dalam satu wilayah, yang tidak harus mencakup seluruhnya, hanya "
            "turun), dan *penyesuaian* adalah tambahannya dalam satuan jumlah itu. Tabel regional dapat "
            "menghitung peserta menurut tempat pendaftaran dan mencampur konsep, sehingga "
            "faktor yang jauh dari 1 lebih banyak menjelaskan datanya daripada modelnya."),
        # explore
        "what_if": (
            "Geser penggeser: tambahan pendaftaran bersih per bulan (dan segmen yang "
            "dimasukinya) serta rata-rata imbal hasil investasi, dalam persen per tahun "
            "seperti yang ditampilkan di sampingnya. Proyeksi dihitung sekali; setiap "
            "perubahan menerapkan ulang penyesuaian pada jalur yang sama, sehingga angka dan "
            "grafik kipas pekerja dan dana (pengandaian dibandingkan dasar, probabilitasnya "
            "di legenda) digambar ulang dalam sekitar satu detik, dengan benih yang sama. "
            "Pengandaian ini menggeser peserta {scheme}, segmennya dan dananya: bila folder "
            "data tidak memiliki salah satunya, sel di bawah menyatakannya."),
        "what_if_levels": ("Pengandaian yang sama pada beberapa tingkat tetap (tersimpan di "
                           "notebook dan dalam run batch)."),
    },
}

NOTES: dict[str, dict[str, str]] = {
    "en": {"run_read": "The run read here: {run_dir}",
           "readings": "All {n:,} readings, with their sources and notes",
           "readings_one": "The one reading, with its source and note",
           "no_track_record": "track_record is not set.",
           "no_compare": "compare_as_of is not set.",
           "nothing_to_compare": "No target to compare.",
           "no_target": "No target assessed.",
           "nothing_written": "Nothing written: output_dir is not set."},
    "id": {"run_read": "Run yang dibaca di sini: {run_dir}",
           "readings": "Semua {n} pembacaan, dengan sumber dan catatannya",
           "readings_one": "Satu-satunya pembacaan, dengan sumber dan catatannya",
           "no_track_record": "track_record tidak diatur.",
           "no_compare": "compare_as_of tidak diatur.",
           "nothing_to_compare": "Tidak ada target untuk dibandingkan.",
           "no_target": "Tidak ada target yang dinilai.",
           "nothing_written": "Tidak ada yang ditulis: output_dir tidak diatur."},
}


class Section(str):
    """A notebook section's explanation, shown as Markdown (a ``str`` still).

    Examples
    --------
    >>> section("outputs", "id")._repr_markdown_()
    '`results.json` (kontrak bersama dengan batch, PDF dan CLI) dan gambar-gambarnya.'
    """

    def _repr_markdown_(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return str.__str__(self)


def section(key: str, lang: str, scheme=None) -> Section:
    """The explanation of section ``key`` in ``lang``, shown below its heading (one line
    naming the parameter for a language without words). The fund, segments and what-if
    sections name ``scheme`` (a :class:`forecast.scheme.Scheme`, or a results.json's
    ``scheme``; None: the shipped one), or say what it lacks (:mod:`.schemesections`)."""
    text = SECTIONS[check(lang)][key]
    return Section(worded(key, lang, text, scheme) if key in NEEDS else text)


def heading(key: str) -> str:
    """The source of section ``key``'s heading cell: its title in both languages.

    Examples
    --------
    >>> heading("data")
    '## The data and its sources · Data dan sumbernya'
    """
    return "## " + BETWEEN.join(HEADINGS[key])


def one_language(source: str, lang: str) -> str:
    """A bilingual heading cell's source with only the half in ``lang`` (for the HTML page
    of a run, which is in one language); a source without the two halves is returned as is.

    Examples
    --------
    >>> one_language("## The data and its sources · Data dan sumbernya", "id")
    '## Data dan sumbernya'
    >>> one_language("## Outputs", "id")
    '## Outputs'
    """
    marks, _, title = source.partition(" ")
    halves = title.split(BETWEEN)
    if not marks.startswith("#") or len(halves) != 2:
        return source
    return f"{marks} {halves[('en', 'id').index(check(lang))].strip()}"


def note(key: str, lang: str, **fields) -> Note:
    """A sentence shown in place of a table or a figure, in ``lang``."""
    text = NOTES[check(lang)].get(key + "_one" if fields.get("n") == 1 else key) \
        or NOTES[lang][key]  # "The one reading", not "All 1 readings"
    if lang == "id":  # a count with the Indonesian thousands separator: 1.234
        fields = {k: f"{v:,}".replace(",", ".") if isinstance(v, int) else v
                  for k, v in fields.items()}
    return Note(text.format(**fields) if fields else text)
