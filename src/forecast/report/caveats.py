"""What a probability in the reports does not mean: the summary PDF's caveat, in English and
Bahasa Indonesia (``method_not_text`` of :data:`.words.TEXT`).

Its figures are the coverage-shares benchmark's (``benchmarks/results/shares.md`` and
``shares_electricity.md``); a test reads them there, so a rerun that moves them fails until
this text moves too.
"""

from __future__ import annotations

METHOD_NOT: dict[str, str] = {
    "en": (
        "It is not a forecast of policy: it does not know about new programmes, rules "
        "or campaigns that could change the pace. With about ten annual points its own "
        "uncertainty is large, and a region whose data is poor or pooled says more "
        "about {top_trend} than about the region. Bands of coverage (a share of its bound) "
        "are less sure than they look: on 706 yearly immunization coverage series of WHO and "
        "UNICEF, the 80 % band held the actual value in 66 % of cases. On 139 series of "
        "access to electricity, which grows as insurance coverage does, it held 79 %, but "
        "the actual was above the band in 16 % of cases and below it in 4 %: where policy "
        "keeps pushing coverage up, the chance of a high target is understated."),
    "id": (
        "Ini bukan ramalan kebijakan: program, aturan atau kampanye baru tidak "
        "diperhitungkan. Dengan sekitar sepuluh titik tahunan, ketidakpastiannya besar, dan "
        "wilayah dengan data kurang atau gabungan lebih mencerminkan {top_trend} daripada "
        "wilayah itu sendiri. Rentang cakupan kurang pasti daripada kelihatannya: pada 706 "
        "deret tahunan cakupan imunisasi, rentang 80 % hanya memuat nilai sebenarnya pada "
        "66 % kasus; pada 139 deret akses listrik, yang tumbuh seperti cakupan jaminan "
        "sosial, rentang itu memuat 79 %, tetapi 16 % nilai sebenarnya di atas rentang dan "
        "4 % di bawahnya: peluang target cakupan yang tinggi dinilai terlalu rendah."),
}
