"""Public pages with ground truth, fetched from PyPI at benchmark time (nothing large is committed).

- newspaper4k 0.9.6 (MIT): tests/data/html/*.html, real news pages (CNN, Time, Wired, Fox 13, cleveland.com,
  Yonhap, China Daily, Xinhua, Nikkei, AFP...), with the expected article text (tests/data/txt) and the
  expected metadata, publish_date among it (tests/data/metadata).
- htmldate 1.2.0 (Apache-2.0 code; the pages are the sites' own): tests/cache/*.html, the pages of htmldate's
  unit tests, with the dates its tests assert (parsed from tests/unit_tests.py; the original_date=True answer
  when the test has one, pages asserted to have no date kept as undated).
- trafilatura 0.9.3 (its tests/cache/*.html, the pages of trafilatura's own evaluation) with the "with" and
  "without" snippets of trafilatura's tests/evaldata.py for those pages (copied into trafilatura_eval.json).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE.parent / "work" / "extraction"  # git-ignored (benchmarks/work/)
PACKAGES = {"newspaper4k": "0.9.6", "htmldate": "1.2.0", "trafilatura": "0.9.3"}


@dataclass(frozen=True)
class Page:
    id: str
    html: bytes
    text: str | None = None  # the expected article text
    date: str | None = None  # the expected publication day (YYYY-MM-DD), when `dated`
    dated: bool | None = None  # None: the set does not say; False: the page has no publication date
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()


def unpacked(package: str) -> Path:
    """The package's source distribution from PyPI, unpacked under benchmarks/work/extraction/."""
    version = PACKAGES[package]
    folder = CACHE / f"{package}-{version}"
    if folder.is_dir():
        return folder
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                    f"{package}=={version}", "-d", str(CACHE)], check=True)
    archive = next(CACHE.glob(f"{package.replace('-', '_')}-{version}.tar.gz"), None) or \
        next(CACHE.glob(f"{package}-{version}.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(CACHE, filter="data")
    return folder


def newspaper_pages() -> list[Page]:
    data = unpacked("newspaper4k") / "tests" / "data"
    pages = []
    for html in sorted((data / "html").glob("*.html")):
        text_file, meta_file = data / "txt" / f"{html.stem}.txt", data / "metadata" / f"{html.stem}.json"
        if not text_file.is_file():
            continue
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
        published = meta.get("publish_date")
        date = published[:10] if isinstance(published, str) and published else None
        pages.append(Page(f"newspaper4k/{html.stem}", html.read_bytes(), text_file.read_text(encoding="utf-8"),
                          date, True if date else None))  # no publish_date: newspaper found none, not "undated"
    return pages


ASSERTION = re.compile(r"assert find_date\(load_mock_page\('([^']+)'\)(?:,\s*([^)]*))?\)\s*(?:==\s*'([\d-]+)'|is None)")
MOCK = re.compile(r"^'([^']+)':\s*'([^']+)',?\s*$", re.M)


def htmldate_pages() -> list[Page]:
    root = unpacked("htmldate") / "tests"
    source = (root / "unit_tests.py").read_text(encoding="utf-8")
    files = dict(MOCK.findall(source))
    answers: dict[str, dict[str, str | None]] = {}
    for url, args, date in ASSERTION.findall(source):
        answers.setdefault(url, {})[args.replace(" ", "") or "default"] = date or None
    pages = []
    for url, found in sorted(answers.items()):
        if url not in files or not (root / "cache" / files[url]).is_file():
            continue
        if "original_date=True" in found:
            date = found["original_date=True"]
        elif "default" in found or "extensive_search=True" in found:
            date = found.get("default", found.get("extensive_search=True"))
        else:
            continue  # only the updated date is asserted: not a publication date
        pages.append(Page(f"htmldate/{files[url]}", (root / "cache" / files[url]).read_bytes(), None, date or None,
                          bool(date)))
    return pages


def trafilatura_pages() -> list[Page]:
    cache = unpacked("trafilatura") / "tests" / "cache"
    truth = json.loads((HERE / "trafilatura_eval.json").read_text(encoding="utf-8"))
    pages = []
    for name, entry in sorted(truth.items()):
        file = cache / name
        if file.is_file():
            pages.append(Page(f"trafilatura/{name}", file.read_bytes(), with_snippets=tuple(entry["with"]),
                              without_snippets=tuple(entry["without"])))
    return pages
