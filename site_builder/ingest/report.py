"""The ingest report: what happened to every source and article, printed at the end of ingest."""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.errors import Problem

SHOWN_NAMES = 40


@dataclass(frozen=True)
class IngestReport:
    sources_read: int
    written: tuple[str, ...]  # article paths (relative to the site) newly written
    updated: tuple[str, ...]  # re-ingested because their source changed
    kept: tuple[str, ...]  # unchanged, or edited by a person (those also get a warning Problem)
    failed: tuple[Problem, ...]  # sources or parts that could not be ingested
    warnings: tuple[Problem, ...]
    inferred_dates: tuple[str, ...]
    unknown_names: tuple[str, ...]  # capitalised names that look like entities but are in no authority file
    # (source, outcome) for every source: "3 articles", "unchanged: 1 article", "failed: <reason>"
    sources: tuple[tuple[str, str], ...] = ()
    hashes: tuple[tuple[str, str], ...] = ()  # (source, sha256 of its bytes) for every source read or stamped

    def summary(self) -> str:
        lines = [f"ingest: {self.sources_read} source(s) read; {len(self.written)} article(s) written, "
                 f"{len(self.updated)} updated, {len(self.kept)} kept, {len(self.failed)} failed"]
        # Every source is accounted for; unchanged ones (most, on a routine build) are counted, not listed.
        unchanged = sum(outcome.startswith("unchanged") for _, outcome in self.sources)
        lines += [f"  source   {path}: {outcome}" for path, outcome in self.sources
                  if not outcome.startswith("unchanged")]
        lines += [f"  {unchanged} source(s) unchanged"] if unchanged else []
        lines += [f"  written  {path}" for path in self.written]
        lines += [f"  updated  {path}" for path in self.updated]
        lines += [f"  {problem}" for problem in (*self.failed, *self.warnings)]
        if self.inferred_dates:
            lines.append(f"dates inferred from context ({len(self.inferred_dates)}), check them:")
            lines += [f"  {entry}" for entry in self.inferred_dates]
        if self.unknown_names:
            shown = self.unknown_names[:SHOWN_NAMES]
            more = len(self.unknown_names) - len(shown)
            lines.append(f"names in no authority file ({len(self.unknown_names)}); add them to the site's "
                         "content/entities/ (a copy of the built-in authority files) if they are entities:")
            lines.append("  " + ", ".join(shown) + (f" ... and {more} more" if more > 0 else ""))
        return "\n".join(lines)
