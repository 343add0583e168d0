"""Ingest: raw sources -> one Markdown article per article, with metadata extracted once.

read -> clean -> split -> extract (title, author, date, entities) -> write, with a state file that makes
re-running cheap and keeps every article a person edited. See docs/ingest.md.
"""

from site_builder.ingest.read import SourceError, SourceText, decode_source, read_source
from site_builder.ingest.report import IngestReport
from site_builder.ingest.run import ingest_site

__all__ = ["IngestReport", "SourceError", "SourceText", "decode_source", "ingest_site", "read_source"]
