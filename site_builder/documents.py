"""The one module that knows front matter: Article <-> Markdown file with YAML front matter."""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import hashlib
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from site_builder import article_cache, limits, model, strict_yaml
from site_builder.errors import ContentError, Problem, display_path
from site_builder.model import MAX_SLUG_LENGTH, RESERVED_NAMES, SLUG, Article, PartialDate, SourceRef
from site_builder.strict_yaml import excerpt

FRONT_MATTER_KEYS = (
    "title", "slug", "date", "date_precision", "date_basis", "author", "countries", "countries_mentioned",
    "organisations", "people", "summary", "date_note", "cite_key", "source",
)
SOURCE_KEYS = ("path", "sha256", "part", "parts", "lines", "pages", "url", "outlet")
OPTIONAL_KEYS = ("date_note", "cite_key")  # written only when set
DATE_BASES = ("stated", "metadata", "inferred", "manual")
LIST_KEYS = ("countries", "countries_mentioned", "organisations", "people")


class FrontMatterError(ContentError):
    def __init__(self, path: str, line: int | None, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.path, self.line = path, line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {super().__str__()}"


class _StrictYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler reading with strict_yaml (libyaml, safe types, no aliases, no key twice)."""

    def load(self, fm: str, **kwargs: object) -> Any:
        return strict_yaml.load(fm)


_HANDLER = _StrictYAMLHandler()


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: several times faster, same text


def render_article(article: Article) -> str:
    """The Markdown file for an article: every contract key, in contract order."""
    data: dict[str, Any] = {
        "title": article.title,
        "slug": article.slug,
        "date": _date_value(article.date),
        "date_precision": article.date.precision,
        "date_basis": article.date_basis,
        "author": article.author,
        **{key: list(getattr(article, key)) for key in LIST_KEYS},
        "summary": article.summary,
        **{key: getattr(article, key) for key in OPTIONAL_KEYS if getattr(article, key) is not None},
        "source": _source_value(article.source),
    }
    body = article.body.strip()
    text = frontmatter.dumps(frontmatter.Post(body, handler=_HANDLER, **data), handler=_HANDLER, Dumper=_Dumper,
                             sort_keys=False, allow_unicode=True, default_flow_style=None, width=100_000)
    return f"{text}\n" if body else f"{text}\n\n\n"  # the library strips the blank line an empty body leaves


def parse_article(text: str, path: str) -> Article:
    """Parse and validate one article file; errors name the file and the line."""
    header, first_line, body, body_line = _split(text, path)
    data = _load_yaml(header, first_line, path)
    _check_keys(data, header, first_line, path)
    _check_nesting(body, path, body_line)
    try:
        return _to_article(data, body, path)
    except (ValueError, TypeError, KeyError) as error:
        key = getattr(error, "key", None)
        raise FrontMatterError(path, _line_of(header, first_line, key), str(error),
                               hint="see the front-matter contract in docs/front-matter.md") from error


def read_article(file: Path, root: Path) -> Article:
    rel = _relative(file, root)
    text = _read_text(file)
    if text is None:  # unreadable or not UTF-8: read it again the usual way, for the very same error
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            line = error.object[:error.start].count(b"\n") + 1
            raise FrontMatterError(rel, line, f"not UTF-8 text ({error.reason} at byte {error.start})",
                                   hint="articles are UTF-8 Markdown; re-save the file as UTF-8") from error
    return parse_article(text, rel)


def _relative(file: Path, root: Path) -> str:
    """`file` relative to `root` when inside it (as posix), else as given; a string prefix where it settles it."""
    prefix, name = f"{root.as_posix().rstrip('/')}/", file.as_posix()
    if name.startswith(prefix):
        return name[len(prefix):]
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()


def _read_text(file: Path) -> str | None:
    """What Path.read_text gives (UTF-8, universal newlines) from one read of the bytes, or None on any failure:
    about twice as fast as a text-mode file object."""
    try:
        descriptor = os.open(file, os.O_RDONLY)
        try:
            chunks = []
            while chunk := os.read(descriptor, 1 << 20):
                chunks.append(chunk)
        finally:
            os.close(descriptor)
        text = b"".join(chunks).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _split(text: str, path: str) -> tuple[str, int, str, int]:
    """python-frontmatter's split of the header from the body, with the file line each starts on."""
    text = text.lstrip("\ufeff")
    opening = _HANDLER.FM_BOUNDARY.match(text)
    if opening is None:
        raise FrontMatterError(path, 1, "no front matter: the file should start with a '---' line",
                               hint="did you forget the '---' fences around the YAML header?")
    try:
        header, body = _HANDLER.split(text)
    except ValueError as error:
        raise FrontMatterError(path, 1, "front matter is not closed",
                               hint="add a '---' line after the YAML header") from error
    body_start = len(text) - len(body)
    if body.startswith("\n"):  # the end of the closing fence's line
        body, body_start = body[1:], body_start + 1
    return header, text.count("\n", 0, opening.end()) + 1, body, text.count("\n", 0, body_start) + 1


def _load_yaml(header: str, first_line: int, path: str) -> dict[str, Any]:
    try:
        data = _HANDLER.load(header)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark is not None else None
        problem = str(getattr(error, "problem", error))
        hint = "remove one of the two" if "given twice" in problem else "check indentation and quote values with ': '"
        raise FrontMatterError(path, line, f"front matter is not valid YAML: {problem}", hint=hint) from error
    if not isinstance(data, dict):
        raise FrontMatterError(path, first_line + 1,
                               f"front matter should be a mapping of keys, found {type(data).__name__}")
    return data


def _check_keys(data: dict[str, Any], header: str, first_line: int, path: str) -> None:
    for key in data:
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(FRONT_MATTER_KEYS)}"
            raise FrontMatterError(path, _line_of(header, first_line, str(key)), f"unknown front-matter key '{key}'",
                                   hint=hint)
    for key in ("title", "slug"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise FrontMatterError(path, _line_of(header, first_line, key), f"'{key}' is required and should be text")


def _check_sizes(data: dict[str, Any], body: str) -> None:
    found = limits.oversized(data, LIST_KEYS, body)
    if found is not None:
        raise _KeyedError(*found)


def _check_nesting(body: str, path: str, body_line: int) -> None:
    line = limits.too_deep(body)
    if line is not None:
        raise FrontMatterError(path, body_line + line, f"the body nests more than {limits.MAX_NESTING} levels deep "
                               "(brackets, quotes or indented lists)",
                               hint="no article needs that: flatten it, or escape the brackets with a backslash")


class _KeyedError(ValueError):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _to_article(data: dict[str, Any], body: str, path: str) -> Article:
    slug = data["slug"]
    if not SLUG.match(slug):
        raise _KeyedError("slug", "slug should be lowercase letters, digits and single hyphens, "
                                  f"found {excerpt(slug)}")
    if len(slug) > MAX_SLUG_LENGTH or slug in RESERVED_NAMES:
        raise _KeyedError("slug", f"slug should be at most {MAX_SLUG_LENGTH} characters and not a name that Windows "
                                  f"reserves for devices (con, aux, nul...), found {excerpt(slug)}")
    date = _parse_date(data.get("date"))
    basis = data.get("date_basis") or ("stated" if date.year else "inferred")
    if basis not in DATE_BASES:
        raise _KeyedError("date_basis", f"date_basis should be one of {DATE_BASES}, found {excerpt(basis)}")
    _check_sizes(data, body)
    precision = data.get("date_precision")
    if precision is not None and precision != date.precision:
        raise _KeyedError("date_precision", f"date_precision '{precision}' does not match date {date.iso!r}"
                                            f" (expected '{date.precision}')")
    return Article(
        title=data["title"].strip(), slug=slug, date=date, date_basis=basis, author=_optional_text(data, "author"),
        **{key: _text_list(data, key) for key in LIST_KEYS},
        summary=_optional_text(data, "summary"), source=_parse_source(data.get("source")), body=body.strip(),
        path=path, date_note=_optional_text(data, "date_note"), cite_key=_cite_key(data),
    )


CITE_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_:.-]{0,79}$")


def _cite_key(data: dict[str, Any]) -> str | None:
    key = _optional_text(data, "cite_key")
    if key is not None and not CITE_KEY.match(key):
        raise _KeyedError("cite_key", "cite_key should start with a letter and hold only letters, digits and "
                                      f"_ : . - (at most 80), found {excerpt(key)}")
    return key


def _parse_date(value: object) -> PartialDate:
    if value is None or value == "":
        return PartialDate()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    try:
        return PartialDate.parse(str(value))
    except ValueError as error:
        raise _KeyedError("date", str(error)) from error


def _optional_text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _KeyedError(key, f"'{key}' should be text or null, found {excerpt(value)}")
    return value.strip() or None


def _text_list(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _KeyedError(key, f"'{key}' should be a list of names, found {excerpt(value)}")
    return tuple(value)


def _parse_source(value: object) -> SourceRef | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - set(SOURCE_KEYS):
        raise _KeyedError("source", f"'source' should be a mapping with keys {SOURCE_KEYS}, "
                                    f"found {excerpt(value)}")
    lines = value.get("lines") or [0, 0]
    if not (isinstance(lines, list) and len(lines) == 2 and all(isinstance(n, int) for n in lines)):
        raise _KeyedError("source", f"'source.lines' should be [first, last], found {excerpt(lines)}")
    part, parts = value.get("part", 1), value.get("parts", 1)
    if not (isinstance(part, int) and isinstance(parts, int)):
        raise _KeyedError("source", "'source.part' and 'source.parts' should be numbers, "
                                    f"found {excerpt(part)}, {excerpt(parts)}")
    pages = value.get("pages")
    if pages is not None and not (isinstance(pages, list) and len(pages) == 2
                                  and all(isinstance(n, int) and n >= 1 for n in pages)):
        raise _KeyedError("source", f"'source.pages' should be [first, last] page numbers, "
                                    f"found {excerpt(pages)}")
    for key in ("url", "outlet"):
        if value.get(key) is not None and not isinstance(value.get(key), str):
            raise _KeyedError("source", f"'source.{key}' should be text or null, found {excerpt(value.get(key))}")
    source_path = str(value.get("path"))
    if not limits.SAFE_RELATIVE_PATH.match(source_path) or ".." in source_path.split("/"):
        raise _KeyedError("source", "'source.path' should be the source's path inside the site (like "
                                    f"content/sources/x.txt), found {excerpt(source_path)}")
    return SourceRef(path=str(value.get("path")), sha256=str(value.get("sha256")), part=part, parts=parts,
                     lines=(lines[0], lines[1]), url=value.get("url") or None, outlet=value.get("outlet") or None,
                     pages=None if pages is None else (pages[0], pages[1]))


def _date_value(date: PartialDate) -> object:
    if date.precision == "day":
        return dt.date(date.year or 1, date.month or 1, date.day or 1)
    return date.iso


def _source_value(source: SourceRef | None) -> dict[str, Any] | None:
    if source is None:
        return None
    value: dict[str, Any] = {"path": source.path, "sha256": source.sha256, "part": source.part,
                             "parts": source.parts, "lines": list(source.lines)}
    if source.pages is not None:
        value["pages"] = list(source.pages)
    value["url"], value["outlet"] = source.url, source.outlet
    return value


def key_line(file: Path, key: str) -> int | None:
    """The line of a top-level front-matter key in an article file, for a problem found after loading it (None
    when the file cannot be read or split any more)."""
    try:
        header, first_line, _, _ = _split(file.read_text(encoding="utf-8"), str(file))
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return None
    return _line_of(header, first_line, key)


def _line_of(header: str, first_line: int, key: str | None) -> int | None:
    """Line number in the file of a top-level key (the header starts on `first_line`)."""
    if key is None:
        return None
    for number, line in enumerate(header.split("\n"), start=first_line):
        if line.startswith(f"{key}:"):
            return number
    return first_line + 1


@contextmanager
def paused_collector() -> Iterator[None]:
    """Python's cyclic garbage collector paused: loading creates tens of thousands of objects that all stay alive,
    and each collection they trigger walks every object (full ones included) to find no garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@paused_collector()
def load_articles(directory: Path, root: Path, cache: Path | None = None) -> tuple[list[Article], list[Problem]]:
    """Every article under a folder; a broken file becomes a Problem and the rest still load.

    With `cache` (a file of ours beside the output), an article whose file has the same size and modification
    time as at the last load is taken from it instead of parsed again: parsing is most of a rebuild's load."""
    read_at = time.time_ns()  # before the first stat: what was modified after it may be racy
    known, stored = article_cache.read(cache, _CACHE_KEY)
    alive: article_cache.Entries = {}
    fresh: article_cache.Entries = {}
    articles: list[Article] = []
    problems: list[Problem] = []
    for file in sorted(directory.rglob("*.md")):
        try:
            status, name = file.stat(), file.as_posix()
            entry = known.get(name)
            if entry is None or entry[0] != status.st_size or entry[1] != status.st_mtime_ns:
                entry = fresh[name] = (status.st_size, status.st_mtime_ns, read_article(file, root))
            alive[name] = entry
            articles.append(entry[2])
        except FrontMatterError as error:
            problems.append(Problem(error.path, error.line, error.message, error.hint))
        except OSError as error:
            problems.append(Problem(display_path(file, root), None, f"cannot read the file: {error.strerror}",
                                    hint="check the file's permissions"))
    article_cache.write(cache, _CACHE_KEY, known, alive, fresh, stored, read_at)
    return articles, problems


# The cache holds articles as this code parsed them, for this Python's marshal format.
_CACHE_KEY = hashlib.sha256(b"".join(Path(code).read_bytes() for code in (
    __file__, model.__file__ or "", strict_yaml.__file__ or "", article_cache.__file__ or "",
)) + sys.version.encode()).hexdigest()
