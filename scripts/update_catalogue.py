#!/usr/bin/env python
"""Rewrite the sha256 digests of a built-in model's files in claimcheck/models/catalogue.json.

Run after training (scripts/train_nli.py) or calibrating (scripts/calibrate.py) a built-in
model: claimcheck refuses files whose digest does not match the catalogue.

    python scripts/update_catalogue.py claimcheck:nli-e5-small
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from claimcheck.models.catalogue import CATALOGUE_FILE, _builtin_file, builtin_models, sha256_of  # noqa: E402


def update(name: str) -> dict[str, str]:
    """The new digests of `name`'s files, written into the catalogue; a missing file is an error."""
    entry = builtin_models()[name]
    digests = {file: sha256_of(_builtin_file(entry, file)) for file in entry.files}
    data = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    data["models"][name]["files"] = digests
    tmp = CATALOGUE_FILE.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(CATALOGUE_FILE)
    builtin_models.cache_clear()
    return digests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="+", help="built-in model names, e.g. claimcheck:nli-e5-small")
    for name in parser.parse_args().names:
        for file, digest in update(name).items():
            print(f"{name}  {file}  {digest}")


if __name__ == "__main__":
    main()
