#!/usr/bin/env bash
# Release: check that dist/ is the fresh bundle of a clean tree, tag vX.Y.Z (immutable) and move
# the major tag vX to it, then push both. Usage: scripts/release.sh 1.2.3
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:-}
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "usage: scripts/release.sh X.Y.Z" >&2
  exit 2
fi
tag="v$version"
major="v${version%%.*}"

if [ -n "$(git status --porcelain)" ]; then
  echo "the working tree has uncommitted changes; commit or stash them first" >&2
  exit 1
fi
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
  echo "$tag exists already; release tags are never moved" >&2
  exit 1
fi
if [ "$(node -p 'require("./package.json").version')" != "$version" ]; then
  echo "package.json's version is not $version: update it (and CHANGELOG.md) first" >&2
  exit 1
fi

npm ci
npm run build
if [ -n "$(git status --porcelain -- dist/)" ]; then
  echo "dist/ is stale: commit the fresh bundle first" >&2
  exit 1
fi
bash .ci/run

git tag -a "$tag" -m "pprof-gate $tag"
git tag -fa "$major" -m "pprof-gate $major (→ $tag)"
git push origin "$tag"
git push --force origin "$major"
echo "released $tag; $major now points to it"
