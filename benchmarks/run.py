"""Performance benchmark of issue 17: a real-shaped archive (raw sources ingested, then built), its full build
and the editor's loop, beside Hugo and Pagefind on the same Markdown, in one run.

    .venv/bin/python benchmarks/run.py                 # 4 000 articles; writes benchmarks/results/latest.json
    .venv/bin/python benchmarks/run.py --articles 200  # quick run; results go to benchmarks/work/
    .venv/bin/python benchmarks/run.py --articles 100000   # writes benchmarks/results/latest-100000.json

Not part of the test suite: it reports figures and the issue's targets, it does not pass or fail on them.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import corpus
import density
import entities
import hugo_theme
import loop
import measure
import peers
import profiling
import report
import sources
from measure import Measurement

from site_builder.documents import read_article
from site_builder.ingest.read import decode_source

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
VENV_BIN = Path(sys.executable).parent
DEFAULT_ARTICLES = 4000
# One Pagefind index holds every page in memory (about 200 KB a page): beyond this, Pagefind over Hugo's
# single bundle would not fit the machine.
PAGEFIND_MAX_PAGES = 20_000


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, help="corpus size (default 4000)")
    parser.add_argument("--seed", type=int, default=corpus.SEED, help="corpus seed")
    parser.add_argument("--work", type=Path, default=BENCH / "work", help="scratch folder (git-ignored)")
    parser.add_argument("--results", type=Path,
                        help="JSON results (default: benchmarks/results/latest.json for 4000 articles, "
                             "latest-100000.json for 100 000, else benchmarks/work/results-N.json)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each step this many times and keep the fastest (not the editor's loop)")
    parser.add_argument("--only", nargs="+", choices=sorted(report.LABELS),
                        help=f"run only these steps (default: {' '.join(report.DEFAULT_STEPS)})")
    parser.add_argument("--profile", action="store_true",
                        help="also profile (cProfile, CPU time) a full build and two rebuilds "
                             "(benchmarks/results/profile-N.txt)")
    parser.add_argument("--wait-entities", type=float, default=0.0,
                        help="seconds to wait for site_builder/defaults/entities/*.yaml to appear")
    return parser.parse_args(argv)


def site_builder() -> str:
    return str(VENV_BIN / "site-builder")


class Corpus:
    """The raw archive under work/corpus-N-SEED/raw (reused while unchanged) and what it was made from."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.ents = entities.load_entities(ROOT / "site_builder" / "defaults" / "entities", args.wait_entities)
        self.density = density.load()
        self.pools = corpus.Pools(self.ents.records, self.density)
        self.specs = corpus.generate_specs(args.articles, self.pools, args.seed)
        self.plan = sources.plan_sources(self.specs, self.pools, args.seed)
        self.base = args.work / f"corpus-{args.articles}-{args.seed}"
        self.raw = self.base / "raw"
        code = b"".join(Path(m.__file__).read_bytes() for m in (corpus, sources, hugo_theme, peers) if m.__file__)
        self.stamp = hashlib.sha256(repr((self.specs, self.plan, self.ents.records)).encode() + code).hexdigest()
        self.counts: dict[str, int] = {}

    def prepare(self) -> None:
        marker = self.base / "READY"
        if marker.exists() and marker.read_text(encoding="utf-8").startswith(self.stamp):
            print(f"corpus: reusing {self.raw}")
            self.counts = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", marker.read_text(encoding="utf-8"))}
            return
        shutil.rmtree(self.base, ignore_errors=True)
        started = time.perf_counter()
        self.counts = sources.write_sources(self.plan, self.pools, self.raw)
        self.ents.write(self.raw / "content" / "entities")
        marker.write_text(self.stamp + " " + " ".join(f"{k}={v}" for k, v in self.counts.items()), encoding="utf-8")
        print(f"corpus: wrote {len(self.specs)} articles as {len(self.plan)} raw sources {self.counts} in "
              f"{time.perf_counter() - started:.1f}s under {self.raw}")

    def new_source(self) -> tuple[str, str, str]:
        """The source the editor's loop adds: one more single page, like the others."""
        spec = corpus.generate_specs(1, self.pools, self.specs[0].index + 991)[0]
        text = sources.text_page(spec, self.pools, sources.OUTLETS[0])
        return "999999_added_by_the_benchmark.txt", text, spec.title


def fresh_copy(source: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, symlinks=True)
    return target


def build_phases(result: Measurement) -> dict[str, float]:
    """The step timings our build prints last ("built N articles into M files ...  [load 1.2s  render 3.4s]")."""
    found = re.findall(r"^built .*\[(.*)\]$", result.output_tail, flags=re.MULTILINE)
    return {name: float(value) for name, value in re.findall(r"(\w+) ([0-9.]+)s", found[-1])} if found else {}


def page_kinds(out: Path) -> str:
    """What a built site holds, by URL shape: 'articles/*/* 4000, countries/* 60, ...' (HTML pages)."""
    kinds: dict[str, int] = {}
    for folder, _, files in os.walk(out):
        rel = Path(folder).relative_to(out).parts
        if rel[:1] == ("pagefind",):
            continue
        for name in files:
            if name.endswith(".html"):
                parts = rel if name == "index.html" else (*rel, name)
                key = "/".join((parts[0], *["*"] * (len(parts) - 1))) if parts else "home"
                kinds[key] = kinds.get(key, 0) + 1
    total = sum(kinds.values())
    shown = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda item: -item[1]) if v > 1)
    return f"{total} HTML pages ({shown})"


class Suite:
    """Every measured step, in an order where each step's inputs exist."""

    def __init__(self, data: Corpus, run_dir: Path, only: list[str] | None, repeat: int = 1) -> None:
        self.data, self.run_dir, self.repeat = data, run_dir, max(1, repeat)
        self.only = set(only or report.DEFAULT_STEPS)
        self.results: dict[str, Measurement] = {}
        self.notes: dict[str, str] = {}
        self.failures: dict[str, str] = {}
        self.phases: dict[str, dict[str, float]] = {}
        self.logs = run_dir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.ingested = run_dir / "ingested"
        self.after_step: Callable[[], None] = lambda: None  # saves the results so far (a cut-short run keeps them)

    def wanted(self, *names: str) -> bool:
        return bool(self.only & set(names))

    def step(self, name: str, command: list[str], setup: object = None, repeat: int | None = None) -> Measurement:
        """Run `setup` then the command, `repeat` times; keep the fastest run (the least disturbed by others)."""
        print(f"  {report.LABELS[name]} ...", end=" ", flush=True)
        runs = []
        for _ in range(repeat or self.repeat):
            if callable(setup):
                setup()
            runs.append(measure.run(name, command, log=self.logs / f"{name}.log"))
        result = min(runs, key=lambda m: (not m.ok, m.seconds))
        if not result.ok:
            errors = [line for line in result.output_tail.splitlines() if line.startswith("error:")]
            self.failures[name] = f"exit {result.returncode}: {errors[-1][:300] if errors else 'no error line'}; " \
                                  f"see {self.logs / name}.log"
        print(f"{result.seconds:.2f}s, {result.peak_mb:.0f} MB, {self.failures.get(name, 'ok')}", flush=True)
        self.results[name] = result
        if command[:2] == [site_builder(), "build"]:
            self.phases[name] = build_phases(result)
        self.after_step()
        return result

    def ingest(self) -> float | None:
        """Ingest the raw sources into run/ingested (the archive every build starts from); returns articles
        written per CPU-second (per core) when measured."""
        command = [site_builder(), "ingest", "--site", str(self.ingested)]
        ready = self.run_dir / "ingested.READY"
        if not self.wanted("ours_ingest") and ready.is_file() and ready.read_text() == self.data.stamp:
            return None
        ready.unlink(missing_ok=True)
        result = self.step("ours_ingest", command, lambda: fresh_copy(self.data.raw, self.ingested))
        if not result.ok:
            raise SystemExit(f"ingest failed; see {self.logs / 'ours_ingest.log'}")
        ready.write_text(self.data.stamp)
        articles = sum(1 for _ in (self.ingested / "content" / "articles").glob("*/*.md"))
        per_core = articles / result.cpu_seconds if result.cpu_seconds else 0.0
        self.notes["ours_ingest"] = (f"{articles} articles from {len(self.data.plan)} sources {self.data.counts}: "
                                     f"{articles / result.seconds:.0f} articles/s, {per_core:.0f} per CPU-second")
        if "ours_ingest" not in self.only:
            del self.results["ours_ingest"]
        return per_core

    def ours(self) -> None:
        if self.wanted("ours_render"):
            site, out = self.run_dir / "ours-render", self.run_dir / "out-render"
            self.step("ours_render", [site_builder(), "build", "--site", str(site), "--out", str(out), "--no-search"],
                      lambda: self._fresh(site, out))
            self.notes["ours_render"] = _phase_text(self.phases.get("ours_render", {}))
        if not self.wanted("ours_full", *report.LOOP):
            return
        site, out = self.run_dir / "ours-full", self.run_dir / "out-full"
        command = [site_builder(), "build", "--site", str(site), "--out", str(out)]
        self.step("ours_full", command, lambda: self._fresh(site, out))
        self.notes["ours_full"] = f"{page_kinds(out)}; {_phase_text(self.phases.get('ours_full', {}))}"
        if self.wanted(*report.LOOP):
            self.editors_loop(site, out, command)

    def _fresh(self, site: Path, out: Path) -> None:
        fresh_copy(self.ingested, site)
        shutil.rmtree(out, ignore_errors=True)

    def editors_loop(self, site: Path, out: Path, command: list[str]) -> None:
        """Each edit, then a build with search, on the site the full build made; a failed step is reported
        and the loop goes on."""
        for edit in loop.edits(self.data.new_source):
            if not self.wanted(edit.name):
                continue
            try:
                did = edit.apply(site)
            except Exception as error:  # a broken edit is this step's failure, not the run's
                self.failures[edit.name] = f"the edit failed: {type(error).__name__}: {error}"
                print(f"  {report.LABELS[edit.name]} ... {self.failures[edit.name]}")
                continue
            result = self.step(edit.name, command, repeat=1)
            if result.ok:
                wrong = edit.check(site, out)
                if wrong:
                    self.failures[edit.name] = f"the site does not show the edit: {wrong}"
                    print(f"    {self.failures[edit.name]}")
            self.notes[edit.name] = f"{did}; {_phase_text(self.phases.get(edit.name, {}))}"

    def hugo(self) -> None:
        if not self.wanted("hugo", "pagefind_hugo"):
            return
        site, out = self.run_dir / "hugo", self.run_dir / "hugo-out"
        written = self._write_hugo(site)
        hugo = peers.ensure_hugo()
        self.step("hugo", [hugo, "--source", str(site), "--destination", str(out), "--quiet"],
                  lambda: shutil.rmtree(out, ignore_errors=True))
        hugo_version = " ".join(peers.version([hugo, "version"]).split()[:2])
        self.notes["hugo"] = f"{hugo_version}; {written}; {page_kinds(out)}"
        if not self.wanted("pagefind_hugo"):
            return
        articles = sum(1 for _ in (site / "content" / "posts").glob("*.md"))
        if articles > PAGEFIND_MAX_PAGES:
            self.notes["pagefind_hugo"] = (f"not run: one Pagefind index of {articles} pages needs about "
                                           f"{articles * 0.2 / 1024:.0f} GB")
            print(f"  {report.LABELS['pagefind_hugo']} ... {self.notes['pagefind_hugo']}")
            return
        self.step("pagefind_hugo", [sys.executable, "-m", "pagefind", "--site", str(out), "--silent"],
                  lambda: shutil.rmtree(out / "pagefind", ignore_errors=True))
        indexed = sum(1 for _ in (out / "pagefind").rglob("*.pf_fragment"))
        self.notes["pagefind_hugo"] = f"{indexed} pages indexed (the articles: their <article> is the body)"

    def _write_hugo(self, site: Path) -> str:
        """Hugo's site from the very Markdown ingest wrote, and the sources' text for the source pages."""
        shutil.rmtree(site, ignore_errors=True)
        root = self.ingested
        articles = [read_article(f, root) for f in sorted((root / "content" / "articles").glob("*/*.md"))]
        texts = {}
        for path in sorted({a.source.path for a in articles if a.source}):
            texts[path] = decode_source((root / path).read_bytes(), path).text
        counts = peers.write_hugo_site(articles, texts, site)
        return f"{counts['posts']} posts, {counts['sources']} source pages"


def _phase_text(phases: dict[str, float]) -> str:
    return "  ".join(f"{name} {seconds:.2f}s" for name, seconds in phases.items())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    info = measure.machine()
    print(f"machine: {info['cores']} cores, {info['cpu']}, {info['memory_gb']} GB, Python {info['python']}; "
          f"load {os.getloadavg()}")
    data = Corpus(args)
    print(f"density of the labelled pages: {data.density.summary()}")
    data.prepare()
    words = sum(s.word_count() for s in data.specs)
    print(f"N = {len(data.specs)} articles, {words / len(data.specs):.0f} words on average; entities "
          f"{data.ents.origin}")
    measure.run("warm-up", [site_builder(), "--version"])
    suite = Suite(data, args.work / f"run-{args.articles}", args.only, args.repeat)
    named = {DEFAULT_ARTICLES: "latest.json", 100_000: "latest-100000.json"}
    results_path = args.results or (BENCH / "results" / named[args.articles] if args.articles in named
                                    else args.work / f"results-{args.articles}.json")
    started_load = os.getloadavg()
    meta = {"machine": info, "articles": len(data.specs), "average_words": round(words / len(data.specs)),
            "seed": args.seed, "repeat": args.repeat, "entities": data.ents.origin,
            "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "load_average_at_start": started_load,
            "density_labelled": data.density.summary(), "sources": data.counts,
            "versions": {"hugo": peers.version(["hugo", "version"])}}
    ingest_rate: list[float | None] = [None]

    def save(final: bool = False) -> list[report.Target]:
        checks = report.targets(suite.results, suite.phases, suite.failures, len(data.specs), ingest_rate[0])
        meta.update({"load_average_now": os.getloadavg(), "complete": final})
        report.write_json(results_path, report.payload(meta, suite.results, suite.notes, suite.failures, checks))
        return checks

    suite.after_step = save
    ingest_rate[0] = suite.ingest()
    meta["density_ingested"] = density_of(suite.ingested)
    suite.ours()
    suite.hugo()
    checks = save(final=True)
    print()
    print(report.table(suite.results, suite.notes, suite.failures))
    print()
    print("\n".join(t.line() for t in checks))
    print(f"\ndensity of the ingested archive: {meta['density_ingested']}")
    print(f"load average at start {started_load}, at end {os.getloadavg()}")
    print(f"results written to {results_path}")
    if args.profile:
        profiling.profile_build(suite.ingested, suite.run_dir, BENCH / "results" / f"profile-{args.articles}.txt",
                                search=True)
    return 0


def density_of(site: Path) -> str:
    """Names per article in the front matter ingest wrote (what the build sees)."""
    files = sorted((site / "content" / "articles").glob("*/*.md"))
    if not files:
        return "no articles"
    articles = [read_article(f, site) for f in files]
    parts = []
    for kind in density.KINDS:
        names = [n for a in articles for n in getattr(a, kind)]
        parts.append(f"{kind} {len(names) / len(articles):.2f} an article ({len(set(names))} distinct)")
    return f"{len(articles)} articles: " + ", ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
