#!/usr/bin/env bash
# Regenerates the pprof fixtures used by the tests:
#
#   testdata/profiles/<scenario>/{base,head}.<kind>.pb.gz
#   testdata/golden/<scenario>/<kind>.<sample_index>.<granularity>.txt
#   testdata/golden/<scenario>/heap-sampled.<sample_index>.functions.normalize.txt
#   testdata/golden/GO_VERSION
#
# base = healthy run of the scenario, head = leaking run (-leak).
# kind = heap (MemProfileRate=1), heap-sampled (default rate), goroutine.
# The goldens are `go tool pprof -top` diffs of head against base.
#
# Usage: scripts/gen-fixtures.sh   (from anywhere; paths are resolved
# relative to the repository root). Needs only the Go toolchain.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

program_dir="testdata/programs/leaky"
profiles_dir="testdata/profiles"
golden_dir="testdata/golden"

if ! command -v go >/dev/null 2>&1; then
  echo "gen-fixtures: 'go' was not found on PATH." >&2
  echo "gen-fixtures: install it first, e.g.: apt-get install -y golang-go" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/pprof-gate-fixtures.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Build and run with a fixed, offline, cgo-free configuration so that the
# profiles do not depend on the machine more than necessary.
export GOFLAGS="" GOPROXY=off GOWORK=off GO111MODULE=on GOTOOLCHAIN=local CGO_ENABLED=0

heap_indexes=(alloc_objects alloc_space inuse_objects inuse_space)
goroutine_indexes=(goroutine)
kinds=(heap heap-sampled goroutine)
granularities=(functions lines files)

indexes_for() {
  case "$1" in
    heap | heap-sampled) echo "${heap_indexes[@]}" ;;
    goroutine) echo "${goroutine_indexes[@]}" ;;
    *) echo "gen-fixtures: unknown kind $1" >&2; return 1 ;;
  esac
}

echo "gen-fixtures: $(go version)"

# --- build --------------------------------------------------------------
mkdir -p "$work/bin"
(cd "$program_dir" && go build -trimpath -o "$work/bin/leaky" .)
bin="$work/bin/leaky"

mapfile -t scenarios < <("$bin" -list)
if [ "${#scenarios[@]}" -eq 0 ]; then
  echo "gen-fixtures: the program lists no scenarios" >&2
  exit 1
fi

# --- profiles -------------------------------------------------------------
out_profiles="$work/out/profiles"
run_program() { # scenario side(base|head) -> writes into $out_profiles/<scenario>
  local scenario="$1" side="$2" run_dir="$work/run/$1/$2"
  local -a leak_flag=()
  [ "$side" = head ] && leak_flag=(-leak)
  mkdir -p "$run_dir" "$out_profiles/$scenario"
  GOMAXPROCS=4 "$bin" -scenario "$scenario" "${leak_flag[@]}" -out "$run_dir"
  GOMAXPROCS=4 "$bin" -scenario "$scenario" "${leak_flag[@]}" -sampled -out "$run_dir"
  local kind
  for kind in "${kinds[@]}"; do
    if [ ! -s "$run_dir/$kind.pb.gz" ]; then
      echo "gen-fixtures: $scenario/$side did not write $kind.pb.gz" >&2
      exit 1
    fi
    mv "$run_dir/$kind.pb.gz" "$out_profiles/$scenario/$side.$kind.pb.gz"
  done
}

for scenario in "${scenarios[@]}"; do
  echo "gen-fixtures: running $scenario (healthy -> base, leaking -> head)"
  run_program "$scenario" base
  run_program "$scenario" head
done

# The goldens must not depend on the binary being around for symbolization.
rm -rf "$work/bin"

# Install the profiles before computing the goldens so that the goldens are
# computed from exactly the committed files.
rm -rf "$profiles_dir"
mkdir -p "$(dirname "$profiles_dir")"
mv "$out_profiles" "$profiles_dir"

# --- goldens --------------------------------------------------------------
mkdir -p "$work/home" "$work/pprof-tmp" "$work/no-binaries"
pprof_env=(
  env HOME="$work/home" PPROF_TMPDIR="$work/pprof-tmp" PPROF_BINARY_PATH="$work/no-binaries"
  TERM=dumb TZ=UTC LC_ALL=C
)
pprof_flags=(-top -nodecount=0 -nodefraction=0 -edgefraction=0 -symbolize=none -unit=B)

# pprof TARGET ARGS... : runs go tool pprof, stdout to TARGET, fails loudly.
pprof_to() {
  local target="$1"
  shift
  local err="$work/pprof.stderr"
  if ! "${pprof_env[@]}" go tool pprof "$@" >"$target" 2>"$err"; then
    echo "gen-fixtures: go tool pprof $* failed:" >&2
    cat "$err" >&2
    exit 1
  fi
  if [ ! -s "$target" ]; then
    echo "gen-fixtures: go tool pprof $* wrote nothing" >&2
    cat "$err" >&2
    exit 1
  fi
}

# Check that each profile carries exactly the sample types we write goldens for.
check_sample_types() { # profile kind
  local want got
  want="$(indexes_for "$2")"
  pprof_to "$work/raw.txt" -raw -symbolize=none "$1"
  got="$(awk '/^Samples:/ { getline; print; exit }' "$work/raw.txt" | sed 's#/[^ ]*##g' | xargs)"
  if [ "$got" != "$want" ]; then
    echo "gen-fixtures: $1 has sample types '$got', expected '$want'" >&2
    exit 1
  fi
}

out_golden="$work/out/golden"
mkdir -p "$out_golden"
for scenario in "${scenarios[@]}"; do
  echo "gen-fixtures: goldens for $scenario"
  mkdir -p "$out_golden/$scenario"
  for kind in "${kinds[@]}"; do
    base="$profiles_dir/$scenario/base.$kind.pb.gz"
    head="$profiles_dir/$scenario/head.$kind.pb.gz"
    check_sample_types "$base" "$kind"
    check_sample_types "$head" "$kind"
    for index in $(indexes_for "$kind"); do
      for granularity in "${granularities[@]}"; do
        gran_flag=()
        case "$granularity" in
          lines) gran_flag=(-lines) ;;
          files) gran_flag=(-files) ;;
        esac
        pprof_to "$out_golden/$scenario/$kind.$index.$granularity.txt" \
          "${pprof_flags[@]}" -sample_index="$index" "${gran_flag[@]}" -diff_base="$base" "$head"
      done
      if [ "$kind" = heap-sampled ]; then
        pprof_to "$out_golden/$scenario/$kind.$index.functions.normalize.txt" \
          "${pprof_flags[@]}" -sample_index="$index" -normalize -diff_base="$base" "$head"
      fi
    done
  done
done
go version >"$out_golden/GO_VERSION"

rm -rf "$golden_dir"
mv "$out_golden" "$golden_dir"

echo "gen-fixtures: wrote $(find "$profiles_dir" -type f | wc -l) profiles and $(find "$golden_dir" -type f | wc -l) golden files"
