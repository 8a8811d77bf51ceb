"""The explore notebook's what-if in English and Bahasa Indonesia: the sliders, the line
under them, the table's headings and the chart's labels (:mod:`forecast.whatif`,
:mod:`forecast.whatif_chart`)."""

from __future__ import annotations

WORDS = {
    "en": {
        "not_available": ("not available for this data folder: the what-if moves the top "
                          "region's active participants (active_total), their segments and "
                          "the fund, which its scheme.toml does not have"),
        "enrol": "extra enrolments a month",
        "segment": "segment they join",
        "return": "investment return (% a year)",
        "line": ("<b>Hypothetical what-if</b> (not data): P(workers target) {workers}, "
                 "P(fund target, structural) {fund}, P(both) {both}; fund median {median}; "
                 "informal growth needed {informal}/yr"),
        "na": "n/a",
        "baseline": "baseline", "what_if": "what-if", "p_target": "P(target)",
        "target": "target", "end_of_year": "end of year",
        "active_total": ("Active participants", "million persons"),
        "fund_investment": ("Investment funds", "Rp trillion"),
        "extra": "Extra net enrolments a month (hypothetical)",
        "p_workers": "Probability: active participants target",
        "p_fund": "Probability: investment funds target",
        "p_both": "Probability: both targets",
        "fund_median": "Investment funds, median (Rp trillion)",
        "informal": "Growth of informal participants needed (per year)",
    },
    "id": {
        "not_available": ("tidak tersedia untuk folder data ini: pengandaian "
                          "menggeser peserta aktif wilayah teratas (active_total), segmennya dan "
                          "dananya, yang tidak ada di scheme.toml folder ini"),
        "enrol": "tambahan kepesertaan per bulan",
        "segment": "segmen yang diikuti",
        "return": "imbal hasil investasi (% per tahun)",
        "line": ("<b>Pengandaian hipotetis</b> (bukan data): P(target pekerja) "
                 "{workers}, P(target dana, struktural) {fund}, P(keduanya) {both}; median "
                 "dana {median}; pertumbuhan peserta informal yang dibutuhkan "
                 "{informal}/tahun"),
        "na": "t/a",
        "baseline": "dasar", "what_if": "pengandaian", "p_target": "P(target)",
        "target": "target", "end_of_year": "akhir tahun",
        "active_total": ("Peserta aktif", "juta jiwa"),
        "fund_investment": ("Dana investasi", "Rp triliun"),
        "extra": "Tambahan kepesertaan neto per bulan (hipotetis)",
        "p_workers": "Probabilitas: target peserta aktif",
        "p_fund": "Probabilitas: target dana investasi",
        "p_both": "Probabilitas: kedua target",
        "fund_median": "Dana investasi, median (Rp triliun)",
        "informal": "Pertumbuhan peserta informal yang dibutuhkan (per tahun)",
    },
}


#: The fund's unit in :data:`WORDS` (the shipped scheme's), replaced for another scheme.
_SHIPPED_FUND_UNIT = {"en": "Rp trillion", "id": "Rp triliun"}


def words_for(lang: str, ctx=None) -> dict:
    """:data:`WORDS` in ``lang`` with the fund in the unit of the context's scheme
    (``Investment funds, median (THB billion)``); the shipped words for rupiah."""
    words = WORDS[lang]
    inputs = getattr(ctx, "fund_inputs", None)
    if inputs is None or inputs.unit == "IDR_trillion":
        return words
    unit = ctx.panel.scheme.units[inputs.unit]
    label = unit.labels.get(lang) or unit.labels.get("en") or inputs.unit
    name = words["fund_investment"][0]
    return {**words, "fund_investment": (name, label),
            "fund_median": words["fund_median"].replace(_SHIPPED_FUND_UNIT[lang], label)}
