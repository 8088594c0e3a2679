"""Reading articles in: files, folders, manifests, JSONL, stdin, web pages and feeds."""
from claimcheck.ingest.paths import InputError, find_date, find_publication_date, read_inputs

__all__ = ["InputError", "find_date", "find_publication_date", "read_inputs"]
