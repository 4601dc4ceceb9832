#!/usr/bin/env bash
# Regenerates the drop_frames / keep_frames fixtures from the committed profiles:
#
#   testdata/frame-rules/<case>.{base,head}.pb.gz
#   testdata/frame-rules/<case>.<sample_index>.<granularity>.txt   (go tool pprof -top -diff_base)
#
# Each case is a scenario's base and head from testdata/profiles with the rules set on one side
# (scripts/set-frame-rules.mjs). pprof applies the head's rules to both sides; the basedrop case,
# with rules on the base only, shows that a base's own are not applied; re2 and nested use RE2
# syntax and repetitions a backtracking engine would choke on; invalid does not compile, and pprof
# then prunes nothing.
#
# Usage: scripts/gen-frame-rules.sh   (needs Go and Node).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
out="testdata/frame-rules"
work="$(mktemp -d "${TMPDIR:-/tmp}/pprof-gate-frame-rules.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/pprof-tmp" "$work/no-binaries" "$work/out"

# case;scenario;kind;side with the rules;drop_frames;keep_frames
cases=(
  'mapcache-drop;mapcache;heap;head;main\.getSession|strconv\..*;'
  'mapcache-keep;mapcache;heap;head;main\..*;main\.main|main\.runMapcache'
  'chanrecv-runtime;chanrecv;heap;head;runtime\..*|sync\..*;'
  'timeout-runtime;timeout;goroutine;head;runtime\..*;'
  'mapcache-basedrop;mapcache;heap;base;main\.getSession|strconv\..*;'
  'mapcache-re2;mapcache;heap;head;(?i)MAIN\.GETSESSION|strconv\.[[:alpha:]]+;'
  'mapcache-nested;mapcache;heap;head;(m+)+ain\.(get|h)[a-zA-Z]*|(a|aa)*x;'
  'mapcache-invalid;mapcache;heap;head;main\.(;'
)

pprof_flags=(-top -nodecount=0 -nodefraction=0 -edgefraction=0 -symbolize=none -unit=B)
for spec in "${cases[@]}"; do
  IFS=';' read -r name scenario kind side drop keep <<<"$spec"
  src="testdata/profiles/$scenario"
  for s in base head; do
    if [ "$s" = "$side" ]; then
      node scripts/set-frame-rules.mjs "$src/$s.$kind.pb.gz" "$work/out/$name.$s.pb.gz" "$drop" "$keep"
    else
      cp "$src/$s.$kind.pb.gz" "$work/out/$name.$s.pb.gz"
    fi
  done
  case "$kind" in
    heap) indexes=(alloc_space inuse_space) ;;
    goroutine) indexes=(goroutine) ;;
  esac
  for index in "${indexes[@]}"; do
    for granularity in functions lines; do
      flag=()
      [ "$granularity" = lines ] && flag=(-lines)
      env HOME="$work/home" PPROF_TMPDIR="$work/pprof-tmp" PPROF_BINARY_PATH="$work/no-binaries" TERM=dumb TZ=UTC LC_ALL=C \
        go tool pprof "${pprof_flags[@]}" -sample_index="$index" "${flag[@]}" \
        -diff_base="$work/out/$name.base.pb.gz" "$work/out/$name.head.pb.gz" >"$work/out/$name.$index.$granularity.txt"
    done
  done
done
go version >"$work/out/GO_VERSION"
rm -rf "$out"
mv "$work/out" "$out"
echo "gen-frame-rules: wrote $(find "$out" -name '*.txt' | wc -l) goldens in $out"
