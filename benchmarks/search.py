"""Search benchmark of issue 13: our index (bundles decided by the memory model, search_plan.py) beside one
Pagefind bundle of the same pages, at several archive sizes, in one run.

    .venv/bin/python benchmarks/search.py                        # 2 000, 20 000 and 100 000 articles
    .venv/bin/python benchmarks/search.py --articles 2000 20000  # a subset
    .venv/bin/python benchmarks/search.py --single-max 20000     # one bundle only up to this size (default)

For each size it prints and writes to benchmarks/work/search-results.json:
- ours: the full build (`site-builder build`: render and search), its wall time, the seconds of its search step,
  the number of bundles, and the peak memory of the whole process tree (the 4 GB target);
- one bundle: `python -m pagefind --site OUT` over the same pages, its time and peak memory (above
  --single-max it is not run: the memory model's prediction is printed instead, as it would not fit);
- the reader's first query in Debian's Chromium, a fresh browser context each time: bytes and requests
  fetched from opening the search page to the first results drawn, WebAssembly fetches, and the time. Ours is
  our search page; one bundle is a bare page that loads its pagefind.js, its filters, searches and loads the
  first ten results, which is the least any interface with filters does.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import markdown_site
import measure

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
QUERY = "Kazakhstan border"
SUB_PATH = "archive"
SINGLE_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>one bundle</title></head>
<body><script type="module">
const started = performance.now();
const pagefind = await import("./pagefind/pagefind.js");
await pagefind.options({ baseUrl: "/archive/", excerptLength: 24 });
await pagefind.filters();
const query = new URLSearchParams(location.search).get("q");
const answer = await pagefind.search(query, { filters: { page: "article" } });
await Promise.all(answer.results.slice(0, 10).map((result) => result.data()));
document.body.dataset.count = answer.results.length;
document.body.dataset.ms = Math.round(performance.now() - started);
document.body.dataset.state = "done";
</script></body></html>
"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[2000, 20_000, 100_000])
    parser.add_argument("--single-max", type=int, default=20_000,
                        help="index one Pagefind bundle only up to this many articles (it needs ~0.2 MB a page)")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work")
    return parser.parse_args(argv)


def corpus_site(count: int, work: Path) -> Path:
    """The benchmark's corpus as our site (reused while complete)."""
    site = work / f"search-corpus-{count}"
    marker = site / "READY"
    if marker.exists():
        return site
    shutil.rmtree(site, ignore_errors=True)
    names, items = markdown_site.generate(count)
    markdown_site.write_site(names, items, site)
    marker.write_text(str(count), encoding="utf-8")
    return site


def build_ours(site: Path, root: Path, log: Path) -> tuple[measure.Measurement, dict[str, Any]]:
    out = root / SUB_PATH
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    result = measure.run("ours", [str(VENV_BIN / "site-builder"), "build", "--site", str(site), "--out", str(out),
                                  "--base-url", f"http://127.0.0.1/{SUB_PATH}/"], log=log)
    if not result.ok:
        raise SystemExit(f"our build failed:\n{result.output_tail}")
    phases = dict(re.findall(r"(\w+) ([\d.]+)s", result.output_tail.rsplit("[", 1)[-1]))
    shards = json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    return result, {"search_seconds": float(phases.get("search", "nan")), "bundles": len(shards)}


def build_single(root: Path, log: Path) -> measure.Measurement:
    """One Pagefind bundle of every page with a Pagefind body (the article and entity pages) of our output."""
    target = root / "single"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    (target / "index.html").write_text(SINGLE_PAGE, encoding="utf-8")
    return measure.run("one bundle", [sys.executable, "-m", "pagefind", "--site", str(root / SUB_PATH),
                                      "--output-path", str(target / "pagefind"), "--silent"], log=log)


def first_queries(root: Path, urls: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Each page's first query in a fresh Chromium context, served from `root` on 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
                               "--directory", str(root)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert server.stdout is not None
        port = int(re.search(r"port (\d+)", server.stdout.readline()).group(1))  # type: ignore[union-attr]
        figures = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for name, path in urls.items():
                figures[name] = _first_query(browser, f"http://127.0.0.1:{port}/{path}")
            browser.close()
        return figures
    finally:
        server.terminate()
        server.wait(timeout=10)


def _first_query(browser: Any, url: str) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    fetched: list[tuple[str, int]] = []
    try:
        page = context.new_page()
        page.on("requestfinished", lambda r: fetched.append((r.url, r.sizes()["responseBodySize"])))
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("[data-state=done]", timeout=120_000, state="attached")
        seconds = time.perf_counter() - started
        status = page.evaluate("() => (document.getElementById('search-status') || {}).textContent"
                               " || document.body.dataset.count")
    finally:
        context.close()
    index = [size for address, size in fetched if "/pagefind/" in address]
    return {"seconds": round(seconds, 3), "bytes": sum(size for _, size in fetched), "requests": len(fetched),
            "index_bytes": sum(index), "index_requests": len(index), "answer": status,
            "wasm_fetches": sum(1 for address, _ in fetched if re.search(r"/wasm\.[^/]*\.pagefind$", address))}


def predicted_single_mb(root: Path) -> float:
    from site_builder.search_plan import MEMORY

    html = sum(p.stat().st_size for kind in ("articles", "countries", "organisations", "people")
               for p in (root / SUB_PATH / kind).rglob("index.html"))
    return round(MEMORY.peak_mb(html), 1)


def run_size(count: int, args: argparse.Namespace) -> dict[str, Any]:
    work = args.work
    site = corpus_site(count, work)
    root = work / f"search-root-{count}"
    ours, facts = build_ours(site, root, work / f"search-ours-{count}.log")
    row: dict[str, Any] = {"articles": count, "ours": {**ours.as_json(), **facts}}
    urls = {"ours": f"{SUB_PATH}/search/?q={QUERY.replace(' ', '+')}"}
    if count <= args.single_max:
        single = build_single(root, work / f"search-single-{count}.log")
        row["single"] = single.as_json()
        urls["single"] = f"single/?q={QUERY.replace(' ', '+')}"
    else:
        row["single"] = {"not_run": True, "predicted_peak_mb": predicted_single_mb(root)}
    row["first_query"] = first_queries(root, urls)
    return row


def report(row: dict[str, Any]) -> str:
    ours, single, first = row["ours"], row["single"], row["first_query"]
    lines = [f"{row['articles']} articles",
             f"  ours: build {ours['seconds']:.1f} s (search step {ours['search_seconds']:.1f} s), "
             f"{ours['bundles']} bundle(s), peak {ours['peak_mb']:.0f} MB (tree PSS {ours['peak_tree_pss_mb']:.0f})"]
    if single.get("not_run"):
        lines.append(f"  one bundle: not run (the model predicts {single['predicted_peak_mb']:.0f} MB)")
    else:
        lines.append(f"  one bundle: index {single['seconds']:.1f} s, peak {single['peak_mb']:.0f} MB")
    for name, figures in first.items():
        lines.append(f"  first query ({name}): {figures['bytes'] / 1000:.0f} KB in {figures['requests']} requests "
                     f"(index {figures['index_bytes'] / 1000:.0f} KB, {figures['index_requests']}), "
                     f"{figures['wasm_fetches']} wasm, {figures['seconds']:.2f} s; {figures['answer']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results_file = args.work / "search-results.json"
    results = json.loads(results_file.read_text(encoding="utf-8")) if results_file.exists() else {}
    for count in args.articles:
        row = run_size(count, args)
        results[str(count)] = {**row, "machine": measure.machine()}
        results_file.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        print(report(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
