#!/usr/bin/env bash
# Regenerates the soak-test fixtures: snapshot series of the bundled Go program
# (testdata/programs/leaky, `leaky soak`, see soak.go) under a constant load,
# one heap and one goroutine snapshot per interval, 16 intervals:
#
#   testdata/soak/healthy/{heap,goroutine}-N.pb.gz        flat after warm-up
#   testdata/soak/plateau/heap-N.pb.gz                    a cache fills, then stays full
#   testdata/soak/slowleak/heap-N.pb.gz                   3% of the working set kept per interval
#   testdata/soak/goroutineleak/goroutine-N.pb.gz         3 goroutines stuck per interval
#
# The heap is sampled at the default MemProfileRate, so every run differs; the
# tests assert what holds for any run (verified over many in scripts/soak-accuracy.mjs).
# Usage: scripts/gen-soak-fixtures.sh   (needs only the Go toolchain)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
if ! command -v go >/dev/null 2>&1; then
  echo "gen-soak-fixtures: 'go' was not found on PATH (apt-get install -y golang-go)" >&2
  exit 1
fi
export GOFLAGS="" GOPROXY=off GOWORK=off GO111MODULE=on GOTOOLCHAIN=local CGO_ENABLED=0

work="$(mktemp -d "${TMPDIR:-/tmp}/pprof-gate-soak.XXXXXX")"
trap 'rm -rf "$work"' EXIT
(cd testdata/programs/leaky && go build -o "$work/leaky" .)

out=testdata/soak
rm -rf "$out"
mkdir -p "$out"
run() { # scenario, destination, kinds to keep
  local scenario="$1" dest="$2"
  shift 2
  "$work/leaky" soak -scenario "$scenario" -out "$work/$dest"
  mkdir -p "$out/$dest"
  for kind in "$@"; do cp "$work/$dest/$kind"-*.pb.gz "$out/$dest/"; done
}
run healthy healthy heap goroutine
run plateau plateau heap
run slowleak slowleak heap
run goroutineleak goroutineleak goroutine
go version | awk '{print $3}' > "$out/GO_VERSION"
du -sh "$out"
