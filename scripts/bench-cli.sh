#!/usr/bin/env bash
# `scripts/bench-cli.sh LVZHI FILE` times `LVZHI verify FILE` (the shipped staff tool) and
# prints the median and MB/s (MB = 10^6 bytes of the file). hyperfine when installed
# (3 warm-ups, 10 runs), else the median of 5 runs timed here. `make bench-cli` runs it.
set -euo pipefail
bin=$1
file=$2
bytes=$(stat -c %s "$file")
"$bin" verify "$file" >/dev/null
if command -v hyperfine >/dev/null; then
    json=$(mktemp)
    hyperfine --warmup 3 --runs 10 --export-json "$json" "$bin verify $file" >&2
    median=$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).results[0];console.log(r.median)' "$json")
    rm -f "$json"
    how="hyperfine, 10 runs after 3 warm-ups"
else
    times=()
    for _ in 1 2 3 4 5; do
        start=$(date +%s.%N)
        "$bin" verify "$file" >/dev/null
        times+=("$(echo "$(date +%s.%N) - $start" | bc -l)")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 3p)
    how="median of 5 runs"
fi
node -e 'const [b,m,how]=process.argv.slice(1);console.log(`lvzhi verify: ${(b/1e6).toFixed(1)} MB in ${(m*1e3).toFixed(0)} ms (median, ${how}) = ${(b/1e6/m).toFixed(1)} MB/s`)' "$bytes" "$median" "$how"
