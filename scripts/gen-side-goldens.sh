#!/usr/bin/env bash
# Regenerates testdata/side-golden/: `go tool pprof -top` of single head profiles (no diff), the
# reference for what main's history records per commit (each row's flat value and the total).
# Needs only a Go toolchain; reads the committed fixtures under testdata/profiles.
set -euo pipefail
cd "$(dirname "$0")/.."
out=testdata/side-golden
work="$(mktemp -d "${TMPDIR:-/tmp}/pprof-gate-side.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/tmp" "$work/no-binaries" "$out"
rm -f "$out"/*.txt
flags=(-top -nodecount=0 -nodefraction=0 -edgefraction=0 -symbolize=none -unit=B)
cases=(
  "mapcache heap inuse_space"
  "mapcache heap alloc_space"
  "mapcache heap-sampled inuse_space"
  "timeout goroutine goroutine"
  "closure heap inuse_space"
)
for c in "${cases[@]}"; do
  read -r scenario kind index <<<"$c"
  env HOME="$work/home" PPROF_TMPDIR="$work/tmp" PPROF_BINARY_PATH="$work/no-binaries" TERM=dumb TZ=UTC LC_ALL=C \
    go tool pprof "${flags[@]}" -sample_index="$index" "testdata/profiles/$scenario/head.$kind.pb.gz" \
    >"$out/$scenario.$kind.$index.txt"
done
go version | awk '{print $3}' >"$out/GO_VERSION"
