"""Rebuilds equal clean builds: a site's output read as a comparable whole, and a clean build of the same content.

Every file of the output is compared byte for byte, except Pagefind's own index files, which are not byte-stable
(filters and word entries come out in a different order from run to run, and files are named by hashes of their
bytes): those are decoded and compared as what they say, page by page, keyed by each page's URL.
"""

from __future__ import annotations

import difflib
import gzip
import json
import re
import shutil
import struct
from pathlib import Path
from typing import Any

from site_builder import pipeline
from site_builder.config import load_config

Snapshot = dict[str, Any]
_SIGNATURE = b"pagefind_dcd"


def site_snapshot(public: Path) -> Snapshot:
    """Every file of the output, relative path -> bytes; a Pagefind bundle as one decoded entry."""
    files: Snapshot = {}
    bundles = {entry.parent for entry in public.glob("pagefind/*/pagefind-entry.json")}
    for bundle in sorted(bundles):
        files[bundle.relative_to(public).as_posix() + "/ (decoded)"] = decoded_bundle(bundle)
    for file in sorted(public.rglob("*")):
        if file.is_file() and not any(file.is_relative_to(bundle) for bundle in bundles):
            files[file.relative_to(public).as_posix()] = file.read_bytes()
    return files


def assert_same_site(rebuilt: Path, clean: Path) -> None:
    got, expected = site_snapshot(rebuilt), site_snapshot(clean)
    missing, extra = sorted(expected.keys() - got.keys()), sorted(got.keys() - expected.keys())
    assert not missing and not extra, f"the rebuild lacks {missing[:10]} and has {extra[:10]} more than a clean build"
    differing = [name for name in expected if got[name] != expected[name]]
    first = differing[0] if differing else ""
    assert not differing, f"files differ from a clean build: {differing[:10]}\n{_diff(got[first], expected[first])}"


def _diff(got: object, expected: object) -> str:
    """Where two files differ, briefly: the first differing entries of a decoded bundle, lines of a text."""
    if isinstance(got, dict) and isinstance(expected, dict):
        keys = [key for key in sorted(got.keys() | expected.keys(), key=str) if got.get(key) != expected.get(key)]
        return "\n".join(f"[{key}]: {_diff(got.get(key), expected.get(key))}" for key in keys[:3])
    if not isinstance(got, bytes | str) or not isinstance(expected, bytes | str):
        return f"rebuilt {str(got)[:400]}\n  clean {str(expected)[:400]}"
    if isinstance(got, bytes) and isinstance(expected, bytes) and (b"\0" in got or b"\0" in expected):
        return f"binary, {len(got)} bytes rebuilt, {len(expected)} clean"
    lines = [(text.decode("utf-8", "replace") if isinstance(text, bytes) else text).splitlines()[:2000]
             for text in (expected, got)]
    return "\n".join(list(difflib.unified_diff(*lines, "clean", "rebuilt", lineterm="", n=1))[:40])


def copy_inputs(site: Path, folder: Path) -> Path:
    """The site folder as an editor has it (content, templates, settings), less everything a build leaves."""
    output = load_config(site).paths.output
    shutil.copytree(site, folder, ignore=lambda parent, names: [
        name for name in names if Path(parent, name) == output or name.startswith(f".{output.name}.")])
    return folder


def assert_same_builds(site: Path, twin: Path) -> None:
    """Two site folders built from the same inputs have the same output, and their content (which the build
    writes to: ingest's articles, the permalink history) is the same too."""
    assert_same_site(load_config(site).paths.output, load_config(twin).paths.output)
    content = {file.relative_to(site).as_posix(): file.read_bytes() for file in sorted((site / "content").rglob("*"))
               if file.is_file()}
    twins = {file.relative_to(twin).as_posix(): file.read_bytes() for file in sorted((twin / "content").rglob("*"))
             if file.is_file()}
    assert content.keys() == twins.keys()
    differing = [name for name in content if content[name] != twins[name]]
    assert not differing, f"content differs: {differing}\n{_diff(content[differing[0]], twins[differing[0]])}"


def built(site: Path, *, errors: bool = False, **options: Any) -> pipeline.BuildResult:
    """A build as the command line runs it (ingest, render, search), which found no errors unless `errors`
    (an edit that breaks a link, such as a source removed while its articles stay)."""
    result = pipeline.build(load_config(site), **options)
    assert errors or not [p for p in result.problems if p.is_error], result.problems
    return result


def problems(result: pipeline.BuildResult) -> list[str]:
    """What a build reported, as text (timings aside): a rebuild reports what a clean build does."""
    return sorted(str(problem) for problem in result.problems)


# --- Pagefind bundles, decoded ------------------------------------------------------------------------------


def decoded_bundle(bundle: Path) -> dict[str, Any]:
    """What a Pagefind bundle says, independent of file names and of the order Pagefind wrote things in:
    each page's fragment, its word count, the words that find it (with positions), its filter values and its
    place in each sort; plus the bundle's other files (scripts, wasm) as they are."""
    fragments = {file.stem: json.loads(_payload(file)) for file in bundle.glob("fragment/*.pf_fragment")}
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    decoded: dict[str, Any] = {"version": entry["version"], "include_characters": entry.get("include_characters"),
                               "languages": {}}
    for language, about in sorted(entry["languages"].items()):
        meta = _cbor(_payload(bundle / f"pagefind.{about['hash']}.pf_meta"))
        version, pages, chunks, filters, sorts = meta[:5]
        url = [fragments[fragment]["url"] for fragment, _ in pages]
        words: dict[str, list[Any]] = {}
        for _, _, chunk in chunks:
            for word, hits, *more in _cbor(_payload(bundle / "index" / f"{chunk}.pf_index"))[0]:
                page = 0  # a word's pages are numbered by the difference from the one before
                found = words.setdefault(word, [])  # a word may have no page hits of its own, only its variants'
                for hit in hits:
                    page += hit[0]
                    found.append(json.dumps([url[page], *hit[1:]]))
                for form, form_hits in (more[0] if more else []):  # variants ('erdoğan' under 'erdogan'): the same
                    page = 0
                    for hit in form_hits:
                        page += hit[0]
                        found.append(json.dumps([form, url[page], *hit[1:]]))
                found.extend(json.dumps(rest) for rest in more[1:])
        filtered: dict[str, dict[str, list[str]]] = {}
        for _name, file in filters:
            found_name, values = _cbor(_payload(bundle / "filter" / f"{file}.pf_filter"))
            filtered[found_name] = {value: sorted(url[p] for p in at) for value, at in values}
        decoded["languages"][language] = {
            "wasm": about.get("wasm"), "page_count": about["page_count"], "version": version,
            "pages": {url[i]: (fragments[fragment], count) for i, (fragment, count) in enumerate(pages)},
            "words": {word: sorted(hits) for word, hits in sorted(words.items())},
            "filters": filtered, "sorts": {name: _sort_groups(name, [url[p] for p in order], bundle.parent.parent)
                      for name, order in sorts},
            "rest": [sorted(item) if isinstance(item, list) else item for item in meta[5:]]}
    decoded["files"] = {file.relative_to(bundle).as_posix(): file.read_bytes() for file in sorted(bundle.iterdir())
                        if file.is_file() and not file.name.endswith((".pf_meta", "pagefind-entry.json"))}
    return decoded


def _sort_groups(name: str, ordered: list[str], site: Path) -> list[tuple[str, list[str]]]:
    """A sort as Pagefind wrote it, pages of equal keys taken as a set: it orders ties as it read the pages."""
    groups: list[tuple[str, list[str]]] = []
    for page in ordered:
        html = (site / page.lstrip("/") / "index.html").read_text(encoding="utf-8")
        found = re.search(f'data-pagefind-sort="{re.escape(name)}">([^<]*)<', html)
        key = found.group(1) if found else page
        if groups and groups[-1][0] == key:
            groups[-1][1].append(page)
            groups[-1][1].sort()
        else:
            groups.append((key, [page]))
    return groups


def _payload(file: Path) -> bytes:
    data = gzip.decompress(file.read_bytes())
    assert data.startswith(_SIGNATURE), f"{file} is not a Pagefind file"
    return data[len(_SIGNATURE):]


def _cbor(data: bytes) -> Any:
    value, end = _item(data, 0)
    assert end == len(data), "trailing bytes after the CBOR item"
    return value


def _item(data: bytes, at: int) -> tuple[Any, int]:
    """One CBOR item (RFC 8949: the subset Pagefind writes) from `at`: the value and where the next starts."""
    head = data[at]
    major, info, at = head >> 5, head & 31, at + 1
    if major == 7 and info in (26, 27):
        width = 4 if info == 26 else 8
        return struct.unpack(">f" if width == 4 else ">d", data[at:at + width])[0], at + width
    if info < 24:
        argument = info
    elif info <= 27:
        width = 1 << (info - 24)
        argument, at = int.from_bytes(data[at:at + width], "big"), at + width
    else:
        raise ValueError(f"unsupported CBOR item {head:#x}")
    if major in (0, 1):
        return (argument if major == 0 else -1 - argument), at
    if major in (2, 3):
        raw = data[at:at + argument]
        return (raw if major == 2 else raw.decode("utf-8")), at + argument
    if major in (4, 5):
        items = []
        for _ in range(argument * (2 if major == 5 else 1)):
            value, at = _item(data, at)
            items.append(value)
        return (items if major == 4 else dict(zip(items[::2], items[1::2], strict=True))), at
    if major == 7 and argument in (20, 21, 22):
        return {20: False, 21: True, 22: None}[argument], at
    raise ValueError(f"unsupported CBOR item {head:#x}")
