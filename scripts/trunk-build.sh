#!/usr/bin/env bash
# `scripts/trunk-build.sh LOGNAME ARGS…` runs `trunk build ARGS…` and keeps its output in
# build-output/LOGNAME.log. A failed Trunk build ends with Trunk's own backtrace, which
# pushes cargo's real error out of a short CI tail; so on failure the compiler's error
# lines and the free disk space (a full disk once failed CI) are repeated last.
set -uo pipefail
name=$1
shift
mkdir -p build-output
log="build-output/$name.log"
trunk build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
    echo "── trunk build $* failed (exit $status); the causes it printed:"
    grep -E '^error|error:|error\[|ERROR |No space left|SIGKILL|signal: 9|could not compile|failed to (download|select|load)' "$log" \
        | grep -v '^\s*[0-9]*: ' | head -20
    echo "── free disk: $(df -h . | tail -1)"
fi
exit "$status"
