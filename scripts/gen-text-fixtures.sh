#!/usr/bin/env bash
# Regenerates the text-profile fixtures (issue 12) without touching testdata/profiles or
# testdata/golden:
#
#   testdata/text/<scenario>/{base,head}.<form>   the binary and text forms of the same instant:
#       heap.pb.gz heap.debug1 heap-sampled.pb.gz heap-sampled.debug1
#       goroutine.pb.gz goroutine.debug1 goroutine.debug2 goroutine.stack
#   testdata/text/<scenario>/{base,head}.<heap form>.debug1.raw.txt
#       `go tool pprof -raw` of each heap debug=1 file (pprof's own reading of the values)
#   testdata/text/dumps/gotest-timeout.txt   the log of a real `go test -timeout 1s` hang
#   testdata/text/legacy/*.heap.raw.txt       pprof's reading of the hand-written legacy heaps
#   testdata/text/GO_VERSION
#
# base = healthy run of the scenario, head = leaking run (-leak); every file of one run is
# written at the same instant (leaky -text). Usage: scripts/gen-text-fixtures.sh. Needs only Go.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v go >/dev/null || { echo "gen-text-fixtures: go not found: apt-get install -y golang-go" >&2; exit 1; }

export GOFLAGS="" GOPROXY=off GOWORK=off GO111MODULE=on GOTOOLCHAIN=local CGO_ENABLED=0
scenarios=(chanrecv timeout waitgroup mapcache)
out=testdata/text

work="$(mktemp -d "${TMPDIR:-/tmp}/pprof-gate-text.XXXXXX")"
trap 'rm -rf "$work"' EXIT
(cd testdata/programs/leaky && go build -trimpath -o "$work/leaky" .)

for scenario in "${scenarios[@]}"; do
  echo "gen-text-fixtures: $scenario"
  rm -rf "${out:?}/$scenario"
  mkdir -p "$out/$scenario"
  for side in base head; do
    flags=()
    [ "$side" = head ] && flags=(-leak)
    dir="$work/$scenario-$side"
    GOMAXPROCS=4 "$work/leaky" -scenario "$scenario" "${flags[@]}" -text -out "$dir"
    GOMAXPROCS=4 "$work/leaky" -scenario "$scenario" "${flags[@]}" -text -sampled -out "$dir"
    for f in heap.pb.gz heap.debug1 heap-sampled.pb.gz heap-sampled.debug1 goroutine.pb.gz goroutine.debug1 goroutine.debug2 goroutine.stack; do
      [ -s "$dir/$f" ] || { echo "gen-text-fixtures: $scenario/$side wrote no $f" >&2; exit 1; }
      cp "$dir/$f" "$out/$scenario/$side.$f"
    done
  done
done

echo "gen-text-fixtures: a hung go test"
mkdir -p "$out/dumps"
set +e
(cd testdata/programs/leaky && LEAKY_HANG=1 go test -trimpath -run TestHang -timeout 1s . >"$work/hang.txt" 2>&1)
status=$?
set -e
if [ "$status" -eq 0 ] || ! grep -q '^panic: test timed out' "$work/hang.txt"; then
  echo "gen-text-fixtures: go test did not time out:" >&2
  cat "$work/hang.txt" >&2
  exit 1
fi
cp "$work/hang.txt" "$out/dumps/gotest-timeout.txt"

# pprof's reading of every heap debug=1 file, without the binary (it ignores the # lines anyway).
rm -rf "$work/leaky"
mkdir -p "$work/home" "$work/pprof-tmp" "$work/no-binaries"
raw() { # file -> file.raw.txt
  env HOME="$work/home" PPROF_TMPDIR="$work/pprof-tmp" PPROF_BINARY_PATH="$work/no-binaries" TERM=dumb TZ=UTC LC_ALL=C \
    go tool pprof -raw -symbolize=none "$1" >"$1.raw.txt" 2>"$work/pprof.err" || { cat "$work/pprof.err" >&2; exit 1; }
  [ -s "$1.raw.txt" ] || { echo "gen-text-fixtures: pprof read nothing from $1" >&2; exit 1; }
}
for f in "$out"/*/*.debug1 "$out"/legacy/*.heap; do
  case "$f" in *goroutine*) continue ;; esac
  raw "$f"
done
go version >"$out/GO_VERSION"
echo "gen-text-fixtures: wrote $(find "$out" -type f | wc -l) files"
