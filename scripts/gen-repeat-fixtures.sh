#!/usr/bin/env bash
# Repeated runs of the example program at the default heap sampling rate, for the noise tests of
# the statistical gate: testdata/repeat/<scenario>/healthy-NN.pb.gz (unchanged code, run after
# run) and leaking-NN.pb.gz (the leaking build). Needs Go (apt-get install -y golang-go).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v go >/dev/null || { echo "go not found: apt-get install -y golang-go" >&2; exit 1; }

runs_healthy=${RUNS_HEALTHY:-24}
runs_leaking=${RUNS_LEAKING:-12}
scenarios=(mapcache closure)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd testdata/programs/leaky && GOPROXY=off CGO_ENABLED=0 go build -trimpath -o "$work/leaky" .)

for scenario in "${scenarios[@]}"; do
  out="testdata/repeat/$scenario"
  rm -rf "$out"
  mkdir -p "$out"
  for variant in healthy leaking; do
    n=$runs_healthy
    flags=()
    if [ "$variant" = leaking ]; then n=$runs_leaking; flags=(-leak); fi
    for i in $(seq -w 1 "$n"); do
      dir="$work/$scenario-$variant-$i"
      mkdir -p "$dir"
      GOMAXPROCS=4 "$work/leaky" -scenario "$scenario" "${flags[@]}" -sampled -out "$dir"
      cp "$dir/heap-sampled.pb.gz" "$out/$variant-$i.pb.gz"
    done
  done
done
echo "wrote testdata/repeat/"
