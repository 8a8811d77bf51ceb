"""The line under the segments table, in English and Bahasa Indonesia.

"Informal participants need 55.8 % a year against 54.3 % achieved." said neither to what
and by when, nor over which years: a manager read two near-equal rates as nearly on track,
while the readings since had fallen. The line names the level, the dates and the years.
"""

from __future__ import annotations

#: ``{req}``/``{hist}`` rates, ``{since}`` the informal count's base reading, ``{v}`` the level
#: it must reach ``{by}`` the target date, ``{years}`` the span of the achieved rate.
INFORMAL = {
    "en": ("Informal participants need {req} a year from {since} to reach {v} {by} (the "
           "target less the other segments' medians), against {hist} a year in {years}."),
    "id": ("Peserta informal membutuhkan {req} per tahun sejak {since} untuk mencapai {v} "
           "{by} (target dikurangi median segmen lain), dibandingkan {hist} per tahun pada "
           "{years}."),
}
#: Where the other segments' medians reach the target on their own.
INFORMAL_NONE = {
    "en": "Informal participants need no growth: the other segments' medians reach the target "
          "{by} with {v} to spare.",
    "id": "Peserta informal tidak perlu tumbuh: median segmen lain mencapai target {by}, "
          "lebih {v}.",
}
