#!/bin/bash
# Outputs of the untouched CLI for tests/tools/compare_results.py.
# usage: tests/tools/baseline.sh OUTDIR   (run from the project root; ~15 min on 2 cores)
set -u
out=$1; mkdir -p $out
F=.venv/bin/forecast
$F run --region national --as-of 2023 --format json > $out/national_asof_2023.json 2>$out/national_asof_2023.err
$F run --region national --as-of 2023 > $out/national_asof_2023.txt 2>>$out/national_asof_2023.err
$F run --region national --format json > $out/national.json 2>$out/national.err
for r in $(tail -n +2 data/regions.csv | cut -d, -f1); do
  [ "$r" = national ] && continue
  $F run --region $r --format json > $out/region_$r.json 2>$out/region_$r.err; echo $? > $out/region_$r.rc
done
echo finished > $out/DONE
