"""Limits no real article comes near: past them a file is a mistake (or an attack) and would cost every page that
lists it, or Python-Markdown minutes (nested brackets) or its recursion limit (nested lists)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

MAX_FIELD = {"title": 500, "summary": 5_000, "author": 500, "date_note": 1_000}  # characters
MAX_NAMES = 500  # names in one list
MAX_BODY = 5 * 1024 * 1024  # characters
MAX_NESTING = 32  # levels of brackets, quotes or indentation (four columns a level) in a body
# A relative path without empty parts or backslashes: with no '..' part, it names a file inside the site.
SAFE_RELATIVE_PATH = re.compile(r"^(?:[^/\\\x00\n]+/)*[^/\\\x00\n]+$")


def oversized(data: Mapping[str, object], list_keys: Iterable[str], body: str) -> tuple[str, str] | None:
    """(key, message) for the first field past its limit, or None."""
    for key, limit in MAX_FIELD.items():
        value = data.get(key)
        if isinstance(value, str) and len(value) > limit:
            return key, f"'{key}' is {len(value)} characters, more than the {limit} allowed"
    for key in list_keys:
        names = data.get(key)
        if isinstance(names, list) and len(names) > MAX_NAMES:
            return key, f"'{key}' names {len(names)} entities, more than the {MAX_NAMES} allowed"
    if len(body) > MAX_BODY:
        return "title", f"the body is {len(body)} characters, more than the {MAX_BODY} allowed: split the article"
    return None


def too_deep(body: str) -> int | None:
    """The index of the first line of `body` that nests past MAX_NESTING, or None. Cheap searches first: most
    bodies nest nothing."""
    if body.count("[") <= MAX_NESTING and ">" * MAX_NESTING not in body \
            and "\n" + " " * (4 * MAX_NESTING) not in body and "\t" * MAX_NESTING not in body:
        return None
    depth = 0
    for number, line in enumerate(body.split("\n")):
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        quotes = line[:len(line) - len(line.lstrip("> "))].count(">")
        for character in line:
            depth = max(depth + (character == "[") - (character == "]"), 0)
            if depth > MAX_NESTING:
                break
        if max(depth, indent // 4, quotes) > MAX_NESTING:
            return number
    return None
