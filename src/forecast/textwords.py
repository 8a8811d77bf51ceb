"""The words of the ``forecast run`` table in English and Bahasa Indonesia: data only.

:mod:`forecast.textfmt` lays the table out; the names of metrics, models, fund inputs,
classifications, data-quality labels and scenario adjustments come from the report's word
tables (:mod:`forecast.report.words`, :mod:`forecast.report.explain`), and the reasons from
:mod:`forecast.reasons`, so the terminal and the PDFs say the same thing.
"""

from __future__ import annotations

#: The row (a LABEL key) of each engine note a target block explains itself with.
ROW_OF_NOTE = {"rise_carried_by": "rises", "slows_down": "slows", "falls_below": "falls"}

#: Row labels of a target block, by key (the table pads them to one width per language).
LABEL = {
    "en": {"last": "Last observed", "projection": "Projection", "probability": "Probability",
           "required": "Growth required", "achieved": "Growth achieved", "bound": "Bound",
           "rises": "Why it rises", "slows": "Why it slows", "falls": "Why it falls",
           "ceiling": "Ceiling",
           "median_reaches": "Median reaches it", "reachable": "Reachable",
           "reached": "Target reached", "fastest": "Fastest {w}-year",
           "similar": "At similar coverage", "vs_record": "Required vs record",
           "net": "Net additions", "class": "Classification", "models_w": "Models (weight)",
           "models_alone": "Each model alone", "quality": "Data quality",
           "adjustments": "Adjustments", "recursion": "Recursion", "backtest": "Backtest MAPE",
           "sum": "Sum of medians", "informal_needs": "Informal needs",
           "informal_achieved": "Informal achieved"},
    "id": {"last": "Nilai terakhir", "projection": "Proyeksi", "probability": "Probabilitas",
           "required": "Pertumbuhan dibutuhkan", "achieved": "Pertumbuhan tercapai",
           "bound": "Batas", "rises": "Mengapa naik", "slows": "Mengapa melambat",
           "falls": "Mengapa turun",
           "ceiling": "Plafon", "median_reaches": "Median mencapainya",
           "reachable": "Dapat dicapai", "reached": "Target tercapai",
           "fastest": "Tercepat {w} tahun", "similar": "Pada cakupan serupa",
           "vs_record": "Dibutuhkan vs rekor", "net": "Tambahan bersih",
           "class": "Klasifikasi", "models_w": "Model (bobot)",
           "models_alone": "Tiap model sendiri", "quality": "Kualitas data",
           "adjustments": "Penyesuaian", "recursion": "Rekursi", "backtest": "MAPE uji balik",
           "sum": "Jumlah median", "informal_needs": "Informal perlu",
           "informal_achieved": "Informal tercapai"},
}

#: Every other phrase of the table, by key (``str.format`` fields in braces).
PHRASE = {
    "en": {
        "head": "{name} ({region}), {vintage}; data {hash}, seed {seed}, {paths} path{s}",
        "published_later": ("{n} reading{s} of {name} dated by {as_of} came from sources "
                            "published after it and are left out (`--vintage date` reads "
                            "them)."),
        "outcomes": "Past due at {date} (outcomes, not forecasts):",
        "target": "Target: {metric} >= {value} by {date}",
        "band": "median {m}, 80% band {lo} to {hi}",
        "req_reached": "none: already reached at the last observation",
        "req_cushion": "; it stays met if it falls no faster than {r}/yr",
        "req_no_fall": "; it stays met only if it does not fall",
        "req_meaningless": ("not meaningful as a yearly rate (under a year left, or over "
                            "100 %/yr needed)"),
        "req_beyond_bound": "not meaningful: no pace reaches a target at or above the bound",
        "req_rate": "{r}/yr from the last observation",
        "achieved": "{a}/yr ({years})",
        # The recent growth, from the reading nearest 3 years back (forecast.targets).
        "recent": ", {b}/yr ({y3}-{y1})",
        "recent_na": ", n/a over the last 3 years (no reading 2 to 4 years before {y1})",
        "ratio": "; required is {x}x the historical pace",
        "bound": ("the target is at or above the most the quantity can be ({v}), so no path "
                  "reaches it"),
        # A projected ceiling is the bound: the assumption that carries the answer is named.
        "bound_ceiling": ("the target is at or above the trend projection of the {m} ({v} "
                          "by {d}), the most the quantity can be: no path reaches it, short "
                          "of the {m} growing faster than that trend"),
        "bound_at": ("the target is the most the quantity can be ({v}): a path from {w} "
                     "counts as reaching it (the projection approaches the bound, never "
                     "touches it)"),
        "bound_near": ("the target is within rounding of the most the quantity can be ({v}): "
                       "a path from {w} counts as reaching it (the projection approaches the "
                       "bound, never touches it)"),
        "not_by": "not by {y}",
        "reach_by": "by {date}: {levels}", "level": "{v} with {p}",
        "reached_by": "{p} by {date}",
        "reached_not": "{p} not within the projection (to {y})",
        "no_window": "no series of this kind has year-ends {w} year{s} apart",
        "windows": "{window} of {n} window{s} in {m} series", "national": "; national {window}",
        "top": "; top region {window}",  # a top region that is no nation (forecast.topwords)
        "similar": "{window}, starting within {b} points of {c}",
        "fell": "no series of this kind grew over {w} year{s} (the least fall: {window})",
        "similar_fell": ("no series starting within {b} points of {c} grew (the least fall: "
                         "{window})"),
        "above": "{r}/yr is ABOVE the record", "within": "{r}/yr is within the record",
        "needed": "{x}/month needed", "last_year": " vs {y}/month in the last year",
        "none_needed": "none needed (already reached)",
        "net_bound": "not meaningful: the target is at or above the bound",
        "ceiling": ("{m} projected at {v} by {d}, the most it can reach: the target is {s} "
                    "of it"),
        "average": ", {z}/month on average", "per_year": "/yr",
        "base_years": ("Base-year sensitivity", "base", "achieved", "required", "ratio"),
        "base_years_more": "... {n} base years between, in results.json",
        "none_assessable": "No target of this region can be assessed (see below).",
        "none_yet": ("No target of this region had been stated by {as_of} ({n} stated later; "
                     "`--vintage date` counts them)."),
        "none": "This region has no targets in targets.csv; nothing to assess.",
        # A region without targets: its counts projected all the same (the PDF's table).
        "projected": "Projected at the pace seen so far (no target to compare against):",
        "proj_metric": "{metric}: last {v} ({date})",
        "proj_year": "{y}: median {m}, 80% band {lo} to {hi}",
        "proj_not": "{metric}: not projected ({why})",
        "not_assessed": "Not assessed:", "skipped": "{metric} by {date}: {reason}",
        "scenario": "Scenario: {name} (HYPOTHETICAL, from {file})",
        "with_without": "{a} without it, {b} with it",
        "fund": "Structural fund model: {metric} >= {v} by {date}",
        "recursion": "F[y+1] = F[y](1+r) + C[y+1] - B[y+1], from {v} ({date})",
        "input": "{value}; years {years}", "sd": "sd",
        "origins": " (origins {o}, 1-3 years ahead)",
        "joint": ("Joint probability: {names} by {date}  {p} (each alone: {each}; the funds "
                  "from the structural model, whose contributions follow each path's "
                  "participants)"),
        "and": " AND ",
        "segments": ("Segments: who delivers {v} by {date} (medians; own trend or share of "
                     "the total)"),
        "of_target": "of target", "share": "share of total", "own": "own trend",
        "gap": "{v}; gap {g}",
        "unassigned": " and {u} of the total in no segment",
        "scaled": ", scaled to the total's median (the segments' own share trends summed to "
                  "{p} of it)",
        "informal_needs": "{v} by {y} if the others keep their pace: {r}/yr from {f} ({d})",
        "informal_none": "none by {y}: the others' medians reach the target with {v} to spare",
        "informal_achieved": "{r}/yr ({a} {da} to {b} {db}); {full}/yr over the whole history",
        "not_computed": "Not computed: {what}: {reason}",
        "extras": {"funds_model": "structural fund model", "joint": "joint probability",
                   "segments": "segments", "scenario": "scenario"},
    },
    "id": {
        "head": "{name} ({region}), {vintage}; data {hash}, seed {seed}, {paths} jalur",
        "published_later": ("{n} pembacaan {name} bertanggal sampai {as_of} berasal dari "
                            "sumber yang terbit sesudahnya dan tidak dipakai "
                            "(`--vintage date` membacanya)."),
        "outcomes": "Sudah jatuh tempo pada {date} (hasil, bukan proyeksi):",
        "target": "Target: {metric} >= {value} pada {date}",
        "band": "median {m}, rentang 80% {lo} sampai {hi}",
        "req_reached": "tidak ada: sudah tercapai pada pengamatan terakhir",
        "req_cushion": "; tetap tercapai bila turunnya tidak lebih cepat dari {r}/tahun",
        "req_no_fall": "; tetap tercapai hanya bila tidak turun",
        "req_meaningless": ("tidak bermakna sebagai laju tahunan (sisa waktu kurang dari "
                            "setahun, atau dibutuhkan lebih dari 100 %/tahun)"),
        "req_beyond_bound": ("tidak bermakna: tidak ada laju yang mencapai target pada atau di atas "
                             "batas"),
        "req_rate": "{r}/tahun dari pengamatan terakhir",
        "achieved": "{a}/tahun ({years})",
        "recent": ", {b}/tahun ({y3}-{y1})",
        "recent_na": (", t/a untuk 3 tahun terakhir (tidak ada pembacaan 2 sampai 4 tahun "
                      "sebelum {y1})"),
        "ratio": "; yang dibutuhkan {x}x laju historis",
        "bound": ("target sama dengan atau di atas nilai terbesar yang mungkin ({v}), "
                  "sehingga tidak ada jalur yang mencapainya"),
        "bound_ceiling": ("target sama dengan atau di atas proyeksi tren {m} ({v} pada {d}), "
                          "nilai terbesar yang mungkin: tidak ada jalur yang mencapainya "
                          "kecuali {m} tumbuh lebih cepat dari tren itu"),
        "bound_at": ("target adalah nilai terbesar yang mungkin ({v}): jalur mulai {w} "
                     "dihitung mencapainya (proyeksi mendekati batas, tidak pernah "
                     "menyentuhnya)"),
        "bound_near": ("target hanya selisih pembulatan dari nilai terbesar yang mungkin "
                       "({v}): jalur mulai {w} dihitung mencapainya (proyeksi mendekati batas, "
                       "tidak pernah menyentuhnya)"),
        "not_by": "tidak sampai {y}",
        "reach_by": "pada {date}: {levels}", "level": "{v} dengan {p}",
        "reached_by": "{p} pada {date}",
        "reached_not": "{p} tidak dalam proyeksi (sampai {y})",
        "no_window": "tidak ada deret jenis ini dengan akhir tahun berjarak {w} tahun",
        "windows": "{window} dari {n} jendela dalam {m} deret",
        "national": "; nasional {window}",
        "top": "; wilayah teratas {window}",
        "similar": "{window}, mulai dalam {b} poin dari {c}",
        "fell": ("tidak ada deret jenis ini yang tumbuh dalam {w} tahun (penurunan terkecil: "
                 "{window})"),
        "similar_fell": ("tidak ada deret yang mulai dalam {b} poin dari {c} yang tumbuh "
                         "(penurunan terkecil: {window})"),
        "above": "{r}/tahun DI ATAS rekor", "within": "{r}/tahun masih dalam rekor",
        "needed": "{x}/bulan dibutuhkan", "last_year": " vs {y}/bulan pada tahun terakhir",
        "none_needed": "tidak dibutuhkan (sudah tercapai)",
        "net_bound": "tidak bermakna: target pada atau di atas batas",
        "ceiling": ("{m} diproyeksikan {v} pada {d}, nilai terbesar yang dapat dicapai: "
                    "target adalah {s} darinya"),
        "average": ", {z}/bulan rata-rata", "per_year": "/tahun",
        "base_years": ("Kepekaan tahun dasar", "dasar", "tercapai", "dibutuhkan", "rasio"),
        "base_years_more": "... {n} tahun dasar di antaranya, di results.json",
        "none_assessable": "Tidak ada target wilayah ini yang dapat dinilai (lihat di bawah).",
        "none_yet": ("Belum ada target wilayah ini yang dinyatakan hingga {as_of} ({n} "
                     "dinyatakan kemudian; `--vintage date` menyertakannya)."),
        "none": "Wilayah ini tidak memiliki target di targets.csv; tidak ada yang dinilai.",
        "projected": "Proyeksi dengan laju sejauh ini (tanpa target sebagai pembanding):",
        "proj_metric": "{metric}: terakhir {v} ({date})",
        "proj_year": "{y}: median {m}, rentang 80% {lo} sampai {hi}",
        "proj_not": "{metric}: tidak diproyeksikan ({why})",
        "not_assessed": "Tidak dinilai:", "skipped": "{metric} pada {date}: {reason}",
        "scenario": "Skenario: {name} (HIPOTETIS, dari {file})",
        "with_without": "{a} tanpa skenario, {b} dengan skenario",
        "fund": "Model dana struktural: {metric} >= {v} pada {date}",
        "recursion": "F[y+1] = F[y](1+r) + C[y+1] - B[y+1], dari {v} ({date})",
        "input": "{value}; tahun {years}", "sd": "simpangan baku",
        "origins": " (titik awal {o}, 1-3 tahun ke depan)",
        "joint": ("Probabilitas gabungan: {names} pada {date}  {p} (masing-masing: {each}; "
                  "dana dari model struktural, yang iurannya mengikuti peserta di setiap "
                  "jalur)"),
        "and": " DAN ",
        "segments": ("Segmen: siapa yang menyumbang {v} pada {date} (median; tren sendiri "
                     "atau bagian dari total)"),
        "of_target": "dari target", "share": "bagian dari total", "own": "tren sendiri",
        "gap": "{v}; selisih {g}",
        "unassigned": " dan {u} dari total di luar segmen",
        "scaled": ", diskalakan ke median total (tren bagian masing-masing segmen berjumlah "
                  "{p} darinya)",
        "informal_needs": ("{v} pada {y} jika segmen lain tetap pada lajunya: {r}/tahun dari "
                           "{f} ({d})"),
        "informal_none": "tidak ada pada {y}: median segmen lain mencapai target, lebih {v}",
        "informal_achieved": ("{r}/tahun ({a} {da} sampai {b} {db}); {full}/tahun sepanjang "
                              "riwayat"),
        "not_computed": "Tidak dihitung: {what}: {reason}",
        "extras": {"funds_model": "model dana struktural", "joint": "probabilitas gabungan",
                   "segments": "segmen", "scenario": "skenario"},
    },
}


#: After a classification of "on track" or "above the target now" beside a probability
#: under even odds: the two verdicts measure different things (the PDFs' "Classification
#: and probability differ for", forecast.report.build.class_notes), said where the reader
#: sees both. "Above the target now" is the last reading's, not the past pace's: a falling
#: count above it now may miss later.
CLASS_CAVEAT = {
    "on_track": {"en": " (both by the past pace carried on; the projection gives it under 50%)",
                 "id": " (keduanya menurut laju masa lalu yang berlanjut; proyeksi memberinya "
                       "di bawah 50%)"},
    "target_met": {"en": " (both at the last reading; the projection gives under 50% that it "
                         "still holds at the target date)",
                   "id": " (keduanya pada pembacaan terakhir; proyeksi memberi di bawah 50% "
                         "bahwa target masih tercapai pada tanggal target)"}}


def class_caveat(t: dict, lang: str) -> str:
    """The caveat of the Classification row of target ``t`` (see :data:`CLASS_CAVEAT`),
    else ''."""
    q = t.get("classifications") or {}
    p = t.get("probability")
    odd = q.get("unsd") in CLASS_CAVEAT and p is not None and p < 0.5
    return CLASS_CAVEAT[q["unsd"]][lang] if odd else ""


def cushion(t: dict, lang: str, pct) -> str:
    """After "none: already reached": how fast target ``t`` may fall and still be met on its
    date (``decline_allowed``; ``pct(rate, decimals)`` writes the rate), else '' (results
    written before it was recorded)."""
    d = t.get("decline_allowed")
    if d is None:
        return ""
    return PHRASE[lang]["req_cushion"].format(r=pct(d, 2)) if d > 0 else \
        PHRASE[lang]["req_no_fall"]


def unassigned(seg: dict, lang: str, fmt) -> str:
    """After the sum of the segments' medians: the total's extras in no segment (a
    scenario's enrolments of the total itself), which the gap counts, and the scaling of
    share-projected segments to the total's median (``scaled_to_total``); else ''."""
    more, scaled, out = seg.get("unassigned"), seg.get("scaled_to_total"), ""
    if scaled and scaled.get("factor"):
        pct = f"{100 / scaled['factor']:.1f}%"  # the run's text: "0,1%", no space
        out = PHRASE[lang]["scaled"].format(p=pct if lang == "en" else pct.replace(".", ","))
    return out + (PHRASE[lang]["unassigned"].format(u=fmt(more, "persons")) if more else "")


def recursion_start(fm: dict, lang: str, fmt) -> dict:
    """Where the structural fund model's recursion starts (``funds_model``): ``v`` and
    ``date``, a nowcast named as one with the reading it is made from (``fmt`` formats a
    value in a unit). Runs made before ``start`` start at ``last_observed``."""
    start, last = fm.get("start") or fm["last_observed"], fm["last_observed"]
    date = start["date"]
    if start["date"] != last["date"]:
        date += (f", nowcast from {fmt(last['value'], fm['unit'])} on {last['date']}"
                 if lang == "en" else
                 f", diperkirakan dari {fmt(last['value'], fm['unit'])} pada {last['date']}")
    return {"v": fmt(start["value"], fm["unit"]), "date": date}


def skipped_head(s: dict, lang: str, name, other_base) -> str:
    """A target not assessed (``skipped``) by its metric's words (``name``), and its base
    (``other_base``) where two coverage targets of one date would read alike; not where
    the reason names the base already (``different_denominator``)."""
    reason = s.get("reason")
    said = isinstance(reason, dict) and reason.get("code") == "different_denominator"
    return name(s["metric"]) + ("" if said else other_base(s, lang))


def informal_need(seg: dict, lang: str, value, pct) -> str | None:
    """The segments' informal need (``value`` and ``pct`` format a count and a rate): its
    rate from its last reading, or none where the others' medians reach the target (the
    line was left out, and a negative need sat in results.json alone); None without one."""
    need, words = seg.get("informal_required_value"), PHRASE[lang]
    if need is not None and need <= 0:
        return words["informal_none"].format(y=seg["target_date"][:4],
                                             v=value(-need, "persons"))
    if seg.get("informal_required_cagr") is None:
        return None
    frm = seg["informal_required_from"]
    return words["informal_needs"].format(
        v=value(need, "persons"), y=seg["target_date"][:4],
        r=pct(seg["informal_required_cagr"], 1), f=value(frm["value"], "persons"),
        d=frm["date"])

