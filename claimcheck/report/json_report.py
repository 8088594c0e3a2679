"""The JSON report: the report data itself, plus validation against the versioned schema."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "report-1.4.schema.json"


@cache
def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def validate(data: dict) -> None:
    """Raise jsonschema.ValidationError (the most relevant error) if `data` breaks the schema.

    Formats ("date", "date-time") stay annotations; the patterns in the schema do the checking,
    so the result does not depend on which optional format checkers are installed.
    """
    # Imported here so rendering the other formats never pays for jsonschema's import.
    import jsonschema

    jsonschema.validate(data, _schema(), cls=jsonschema.Draft202012Validator)
