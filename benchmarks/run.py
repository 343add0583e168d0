"""Performance benchmark of issue 6: our build against Hugo, Pelican and Pagefind, on one synthetic corpus.

    .venv/bin/python benchmarks/run.py                 # 4 000 articles; writes benchmarks/results/latest.json
    .venv/bin/python benchmarks/run.py --articles 200  # quick run; results go to benchmarks/work/

Not part of the test suite: it reports figures and the issue's targets, it does not pass or fail on them.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import corpus
import entities
import hugo_theme
import measure
import peers
import profiling
import report
from measure import Measurement

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
VENV_BIN = Path(sys.executable).parent
DEFAULT_ARTICLES = 4000


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, help="corpus size (default 4000)")
    parser.add_argument("--ingest-articles", type=int, help="articles in the raw digests (default: --articles)")
    parser.add_argument("--seed", type=int, default=corpus.SEED, help="corpus seed")
    parser.add_argument("--work", type=Path, default=BENCH / "work", help="scratch folder (git-ignored)")
    parser.add_argument("--results", type=Path,
                        help="JSON results (default: benchmarks/results/latest.json for 4000 articles, "
                             "else benchmarks/work/results-N.json)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each step this many times and keep the fastest (for a busy machine)")
    parser.add_argument("--only", nargs="+", choices=sorted(report.LABELS), help="run only these steps")
    parser.add_argument("--profile", action="store_true",
                        help="also profile our render-only build with pyinstrument (benchmarks/results/profile-N.txt)")
    parser.add_argument("--wait-entities", type=float, default=0.0,
                        help="seconds to wait for site_builder/defaults/entities/*.yaml to appear")
    return parser.parse_args(argv)


def site_builder() -> str:
    return str(VENV_BIN / "site-builder")


def prepare(args: argparse.Namespace) -> tuple[Path, entities.Entities, list[corpus.Spec]]:
    """Write the corpus in every format under work/corpus-N-SEED (reused when already complete)."""
    ents = entities.load_entities(ROOT / "site_builder" / "defaults" / "entities", args.wait_entities)
    specs = corpus.generate_specs(args.articles, args.seed)
    ingest_count = args.ingest_articles or args.articles
    base = args.work / f"corpus-{args.articles}-{args.seed}"
    digest = hashlib.sha256(repr((specs, ingest_count, ents.records, Path(peers.__file__).read_bytes(),
                                  Path(hugo_theme.__file__).read_bytes())).encode()).hexdigest()
    stamp = f"{len(specs)} articles, {ingest_count} in digests, {ents.origin}, {digest}"
    marker = base / "READY"
    if marker.exists() and marker.read_text(encoding="utf-8") == stamp:
        print(f"corpus: reusing {base}")
        return base, ents, specs
    shutil.rmtree(base, ignore_errors=True)
    started = time.perf_counter()
    corpus.write_our_site(specs, base / "ours", ents.name)
    ents.write(base / "ours" / "content" / "entities")
    peers.write_hugo_site(specs, base / "hugo", ents.name)
    peers.write_pelican_site(specs, base / "pelican", ents.name)
    raw = specs if ingest_count == len(specs) else corpus.generate_specs(ingest_count, args.seed + 1)
    digests = corpus.write_digest_sources(raw, base / "ingest")
    ents.write(base / "ingest" / "content" / "entities")
    marker.write_text(stamp, encoding="utf-8")
    print(f"corpus: wrote {len(specs)} articles x 3 formats and {digests} digests ({len(raw)} articles) "
          f"in {time.perf_counter() - started:.1f}s under {base}")
    return base, ents, specs


def fresh_copy(source: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return target


def build_phases(result: Measurement) -> str:
    """The step timings our build prints last ("built N articles into M files  [load 1.2s  render 3.4s]")."""
    found = re.findall(r"^built .*\[(.*)\]$", result.output_tail, flags=re.MULTILINE)
    return found[-1] if found else ""


def count_files(folder: Path, pattern: str) -> int:
    return sum(1 for _ in folder.rglob(pattern)) if folder.is_dir() else 0


PAGE_LIMIT_KB = 200  # issue 14: no page of the site over 200 KB of HTML (tests/render/test_page_size.py at 100 000)


def largest_page(folder: Path) -> str:
    """The biggest HTML page of a built site, against the 200 KB limit of issue 14."""
    pages = [(p.stat().st_size, p) for p in folder.rglob("*.html")] if folder.is_dir() else []
    if not pages:
        return "no pages"
    size, page = max(pages)
    verdict = "within" if size <= PAGE_LIMIT_KB * 1000 else "OVER"
    return f"largest page {page.relative_to(folder)} {size / 1000:.0f} KB ({verdict} {PAGE_LIMIT_KB} KB)"


class Suite:
    """Every measured step, in an order where each step's inputs exist."""

    def __init__(self, base: Path, run_dir: Path, specs: list[corpus.Spec], only: list[str] | None,
                 repeat: int = 1) -> None:
        self.base, self.run_dir, self.specs, self.repeat = base, run_dir, specs, max(1, repeat)
        self.only = set(only or report.LABELS)
        self.results: dict[str, Measurement] = {}
        self.notes: dict[str, str] = {}
        self.logs = run_dir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)

    def step(self, name: str, command: list[str], setup: Callable[[], object], cwd: Path | None = None) -> Measurement:
        """Run `setup` then the command, `repeat` times; keep the fastest run (the least disturbed by others)."""
        print(f"  {report.LABELS[name]} ...", end=" ", flush=True)
        runs = []
        for _ in range(self.repeat):
            setup()
            runs.append(measure.run(name, command, cwd=cwd, log=self.logs / f"{name}.log"))
        result = min(runs, key=lambda m: (not m.ok, m.seconds))
        status = "ok" if result.ok else f"FAILED (exit {result.returncode}, see {self.logs / name}.log)"
        print(f"{result.seconds:.2f}s, {result.peak_mb:.0f} MB, {status}", flush=True)
        self.results[name] = result
        return result

    def wanted(self, *names: str) -> bool:
        return bool(self.only & set(names))

    def ours(self) -> None:
        if self.wanted("ours_render"):
            self._ours_render()
        if self.wanted("ours_full", "ours_incremental"):
            self._ours_full_and_incremental()

    def _ours_render(self) -> None:
        site, out = self.run_dir / "ours-render", self.run_dir / "out-render"
        command = [site_builder(), "build", "--site", str(site), "--out", str(out), "--no-search"]
        result = self.step("ours_render", command, lambda: self._fresh_site(site, out))
        self.notes["ours_render"] = (f"{count_files(out, '*.html')} HTML pages, {largest_page(out)}; "
                                     f"{build_phases(result)}")

    def _ours_full_and_incremental(self) -> None:
        site, out = self.run_dir / "ours-full", self.run_dir / "out-full"
        command = [site_builder(), "build", "--site", str(site), "--out", str(out)]
        result = self.step("ours_full", command, lambda: self._fresh_site(site, out))
        self.notes["ours_full"] = (f"{count_files(out / 'pagefind', '*.pf_fragment')} pages indexed; "
                                   f"{build_phases(result)}")
        if self.wanted("ours_incremental"):
            result = self.step("ours_incremental", command, lambda: edit_one_article(site, self.specs))
            edited = corpus.article_path(self.specs[len(self.specs) // 2])
            self.notes["ours_incremental"] = f"edited {edited}; {build_phases(result)}"

    def _fresh_site(self, site: Path, out: Path) -> None:
        fresh_copy(self.base / "ours", site)
        shutil.rmtree(out, ignore_errors=True)

    def hugo(self) -> None:
        out = self.run_dir / "hugo-out"
        if self.wanted("hugo", "pagefind_hugo"):
            hugo = peers.ensure_hugo()
            self.step("hugo", [hugo, "--source", str(self.base / "hugo"), "--destination", str(out), "--quiet"],
                      lambda: shutil.rmtree(out, ignore_errors=True))
            hugo_version = " ".join(peers.version([hugo, "version"]).split()[:2])
            self.notes["hugo"] = f"{count_files(out, '*.html')} HTML pages; {hugo_version}"
        if self.wanted("pagefind_hugo"):
            self.step("pagefind_hugo", [sys.executable, "-m", "pagefind", "--site", str(out), "--silent"],
                      lambda: shutil.rmtree(out / "pagefind", ignore_errors=True))
            self.notes["pagefind_hugo"] = f"{count_files(out / 'pagefind', '*.pf_fragment')} pages indexed"

    def pelican(self) -> None:
        if not self.wanted("pelican"):
            return
        script = peers.ensure_pelican(self.run_dir.parent / "pelican-venv")
        out, site = self.run_dir / "pelican-out", self.base / "pelican"
        self.step("pelican", [str(script), str(site / "content"), "-o", str(out), "-s", str(site / "pelicanconf.py"),
                              "-q"], lambda: shutil.rmtree(out, ignore_errors=True), cwd=site)
        self.notes["pelican"] = f"{count_files(out, '*.html')} HTML pages; {peers.version([str(script), '--version'])}"

    def ingest(self) -> float | None:
        """Ingest the raw digests; returns articles per CPU-second (per core)."""
        if not self.wanted("ours_ingest"):
            return None
        site = self.run_dir / "ingest"
        result = self.step("ours_ingest", [site_builder(), "ingest", "--site", str(site)],
                           lambda: fresh_copy(self.base / "ingest", site))
        articles = count_files(site / "content" / "articles", "*.md")
        per_second = articles / result.seconds if result.seconds else 0.0
        per_core = articles / result.cpu_seconds if result.cpu_seconds else 0.0
        self.notes["ours_ingest"] = (f"{articles} articles from {count_files(site / 'content' / 'sources', '*.txt')}"
                                     f" digests: {per_second:.0f} articles/s, {per_core:.0f} per CPU-second")
        return per_core if result.ok and articles else None


def edit_one_article(site: Path, specs: list[corpus.Spec]) -> str:
    """Append a sentence to the body of the article in the middle of the corpus."""
    path = site / corpus.article_path(specs[len(specs) // 2])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + " The benchmark edited this sentence.\n", encoding="utf-8")
    return path.relative_to(site).as_posix()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    info = measure.machine()
    print(f"machine: {info['cores']} cores, {info['cpu']}, {info['memory_gb']} GB, Python {info['python']}")
    base, ents, specs = prepare(args)
    words = sum(s.word_count() for s in specs)
    print(f"N = {len(specs)} articles, {words / len(specs):.0f} words on average; entities {ents.origin}")
    measure.run("warm-up", [site_builder(), "--version"])
    suite = Suite(base, args.work / f"run-{args.articles}", specs, args.only, args.repeat)
    suite.ours()
    suite.hugo()
    suite.pelican()
    ingest_rate = suite.ingest()
    search = re.search(r"search ([0-9.]+)s", suite.notes.get("ours_full", ""))
    checks = report.targets(suite.results, ingest_rate, float(search.group(1)) if search else None)
    print()
    print(report.table(suite.results, suite.notes))
    print()
    print("\n".join(t.line() for t in checks))
    meta = {"machine": info, "articles": len(specs), "average_words": round(words / len(specs)),
            "seed": args.seed, "repeat": args.repeat, "entities": ents.origin,
            "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
            "versions": {"hugo": peers.version(["hugo", "version"])}}
    results_path = args.results or (BENCH / "results" / "latest.json" if args.articles == DEFAULT_ARTICLES
                                    else args.work / f"results-{args.articles}.json")
    report.write_json(results_path, report.payload(meta, suite.results, suite.notes, checks))
    print(f"\nresults written to {results_path}")
    if args.profile:
        profiling.profile_build(base / "ours", args.work / f"run-{args.articles}",
                                BENCH / "results" / f"profile-{args.articles}.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
