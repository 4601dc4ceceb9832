#!/usr/bin/env bash
# Regenerates the fixtures of diffs against a base whose values sum to 0:
#
#   testdata/zero-base/<case>.{base,head}.pb.gz
#   testdata/zero-base/<case>.<sample_index>.functions.txt   (go tool pprof -top -diff_base)
#
# The base is a scenario's base profile with its samples dropped (scripts/drop-samples.mjs), the
# head its leaking head. pprof's "of X total" is then Σ|v| over both profiles, not the base's 0.
#
# Usage: scripts/gen-zero-base.sh   (needs Go and Node).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
out="testdata/zero-base"
work="$(mktemp -d "${TMPDIR:-/tmp}/pprof-gate-zero-base.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/pprof-tmp" "$work/no-binaries" "$work/out"

# case;scenario;kind
cases=('mapcache;mapcache;heap' 'timeout;timeout;goroutine')
pprof_flags=(-top -nodecount=0 -nodefraction=0 -edgefraction=0 -symbolize=none -unit=B)
for spec in "${cases[@]}"; do
  IFS=';' read -r name scenario kind <<<"$spec"
  src="testdata/profiles/$scenario"
  node scripts/drop-samples.mjs "$src/base.$kind.pb.gz" "$work/out/$name.base.pb.gz"
  cp "$src/head.$kind.pb.gz" "$work/out/$name.head.pb.gz"
  case "$kind" in
    heap) indexes=(alloc_objects alloc_space inuse_objects inuse_space) ;;
    goroutine) indexes=(goroutine) ;;
  esac
  for index in "${indexes[@]}"; do
    env HOME="$work/home" PPROF_TMPDIR="$work/pprof-tmp" PPROF_BINARY_PATH="$work/no-binaries" TERM=dumb TZ=UTC LC_ALL=C \
      go tool pprof "${pprof_flags[@]}" -sample_index="$index" \
      -diff_base="$work/out/$name.base.pb.gz" "$work/out/$name.head.pb.gz" >"$work/out/$name.$index.functions.txt"
  done
done
go version >"$work/out/GO_VERSION"
rm -rf "$out"
mv "$work/out" "$out"
echo "gen-zero-base: wrote $(find "$out" -name '*.txt' | wc -l) goldens in $out"
