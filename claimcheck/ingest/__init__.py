"""Reading articles in: files, folders with a manifest, globs, JSONL, standard input, web pages
and RSS/Atom feeds (paths.py, web.py); bytes to text (decode.py); Markdown and HTML to text
(markdown.py, html.py); publication dates (dates.py); titles without page furniture
(titles.py, furniture.txt); one Article from all that (article.py)."""
from claimcheck.ingest.dates import find_date, find_publication_date
from claimcheck.ingest.errors import InputError
from claimcheck.ingest.paths import iter_inputs, read_inputs

__all__ = ["InputError", "find_date", "find_publication_date", "iter_inputs", "read_inputs"]
