"""Fast readers, without YAML, for the front matter our own emitter writes (documents.render_article) and for
the plain authority files (load_records, at the end).

It knows one strict subset of YAML: one `key: value` line per key, in column 0, a value that is a plain scalar,
a single-quoted scalar or a flow list of those, and one nested mapping (`source:` with two-space indented
`key: value` lines). Plain scalars are resolved with the YAML loader's own table of implicit types. Anything
outside the subset (comments, blank lines, double quotes, block scalars, unusual characters, a key given twice,
an unknown key...) gives None, and the caller parses with YAML: the result is the same dict or no result, never
a different one (tests/test_front_matter_fast.py compares the two on generated headers).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

# Characters YAML reads as printable, less tab, the other line breaks (NEL, U+2028/9) and the byte-order mark.
_UNSAFE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_NESTED_LINE = re.compile(r" {2}([a-z0-9_]+): (.+)")
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
# A plain scalar that starts with no indicator and ends with no blank; block context allows ',[]{}' inside.
_BLOCK_PLAIN = re.compile(rf"[^\s{re.escape(_INDICATORS)}](?:.*[^\s:])?")
_FLOW_PLAIN = re.compile(rf"[^\s{re.escape(_INDICATORS)}](?:[^,\[\]{{}}:#]*[^\s,\[\]{{}}:#])?")
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TAG = "tag:yaml.org,2002:"
_NO_RESOLVERS = tuple(Resolver.yaml_implicit_resolvers.get(None, ()))
# The table SafeLoader (and libyaml's CSafeLoader) resolves plain scalars with, by first character; most names
# start with a character that has no entry and are text at once.
_RESOLVERS = {first: (*resolvers, *Resolver.yaml_implicit_resolvers.get(None, ()))
              for first, resolvers in Resolver.yaml_implicit_resolvers.items() if first is not None}


_SEEN: dict[str, object] = {}  # value text -> value, for the short texts that repeat (names, lists, `null`)
_SEEN_MAX, _SEEN_LONGEST = 50_000, 80  # titles and summaries, longer and never repeated, are not kept


class _Unrecognised(Exception):
    """The text leaves the subset this module reads exactly."""


def load(header: str, keys: Collection[str], nested_keys: Collection[str]) -> dict[str, object] | None:
    """The mapping YAML would load from `header`, or None when the header is not in the subset."""
    if not header.endswith("\n") or _UNSAFE.search(header):
        return None
    try:
        return _mapping(header[:-1].split("\n"), keys, nested_keys)
    except _Unrecognised:
        return None


def _mapping(lines: list[str], keys: Collection[str], nested_keys: Collection[str]) -> dict[str, object]:
    """`keys` are lowercase identifiers, so a line that starts with one of them and ': ' is that key's entry."""
    data: dict[str, object] = {}
    number = 0
    while number < len(lines):
        line = lines[number]
        key, separator, text = line.partition(": ")
        number += 1
        if not separator:  # `key:` alone: null, or the nested mapping on the indented lines that follow
            key = line[:-1] if line.endswith(":") else ""
            nested: dict[str, object] = {}
            while number < len(lines) and lines[number].startswith(" "):
                _nested_entry(lines[number], nested, nested_keys)
                number += 1
        if key not in keys or key in data or (separator and not text):
            raise _Unrecognised
        data[key] = _value(text) if separator else (nested or None)
    return data


def _nested_entry(line: str, nested: dict[str, object], nested_keys: Collection[str]) -> None:
    match = _NESTED_LINE.fullmatch(line)
    if match is None or match[1] not in nested_keys or match[1] in nested:
        raise _Unrecognised
    nested[match[1]] = _value(match[2])


def _value(text: str) -> object:
    """Values repeat across articles (names, `null`, `day`, `stated`): each distinct text is read once."""
    found = _SEEN.get(text, _SEEN)
    if found is _SEEN:
        found = _read_value(text)
        if len(text) <= _SEEN_LONGEST and len(_SEEN) < _SEEN_MAX:
            _SEEN[text] = tuple(found) if isinstance(found, list) else found  # stored immutable, handed out new
    return list(found) if isinstance(found, tuple) else found


def _read_value(text: str) -> object:
    if not text:
        raise _Unrecognised  # an empty value is YAML's null: left to YAML, as is a blank after the indicator
    if text[0] == "'":
        match = _SINGLE_QUOTED.fullmatch(text)
        if match is None:
            raise _Unrecognised
        return match[1].replace("''", "'")
    if text[0] == "[":
        return _flow_list(text)
    if _BLOCK_PLAIN.fullmatch(text) is None or ": " in text or " #" in text:
        raise _Unrecognised
    return _plain(text)


def _flow_list(text: str) -> list[object]:
    """`[a, 'b c', 2]`: items separated by exactly ', ', closed by the line's last character."""
    if text == "[]":
        return []
    if "'" not in text and text[-1] == "]":  # the usual list of plain names: split at once
        names = text[1:-1].split(", ")
        if all(_FLOW_PLAIN.fullmatch(name) for name in names):
            return [_plain(name) for name in names]
    items: list[object] = []
    at = 1
    while True:
        quoted = text.startswith("'", at)  # past the end, no pattern matches: unrecognised
        match = (_SINGLE_QUOTED if quoted else _FLOW_PLAIN).match(text, at)
        if match is None:
            raise _Unrecognised
        items.append(match[1].replace("''", "'") if quoted else _plain(match[0]))
        at = match.end()
        if text[at:] == "]":
            return items
        if not text.startswith(", ", at):
            raise _Unrecognised
        at += 2


def _plain(text: str) -> object:
    """A plain scalar as YAML types it: the first implicit resolver that matches decides."""
    for tag, regexp in _RESOLVERS.get(text[0], _NO_RESOLVERS):
        if regexp.match(text):
            return _construct(tag.removeprefix(_TAG), text)
    return text


def _construct(kind: str, text: str) -> object:
    """The few implicit types our emitter writes, built as the SafeLoader builds them; others are not read here."""
    if kind == "null":
        return None
    if kind == "bool":
        return SafeConstructor.bool_values[text.lower()]
    if kind == "int" and _DECIMAL.fullmatch(text):
        return int(text)
    day = _DAY.fullmatch(text) if kind == "timestamp" else None
    if day is None:
        raise _Unrecognised
    try:
        return dt.date(int(day[1]), int(day[2]), int(day[3]))
    except ValueError:
        return text  # an impossible date stays text, as documents._Loader keeps it


_RECORD_KEY = re.compile(r"[a-z_][a-z0-9_]*")
_DAY_ANYWHERE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def load_records(text: str) -> list[dict[str, object]] | None:
    """The list SafeLoader loads from an authority file, or None when the file is not in this subset: a sequence
    of mappings (`- key: value`, then `  key: value` lines), each value a scalar or flow list as in front matter,
    or a list of `  - item` lines under `  key:`. A date in it leaves the file to YAML (which rejects 2017-02-30,
    where front matter keeps it as text)."""
    if not text.endswith("\n") or _UNSAFE.search(text) or _DAY_ANYWHERE.search(text):
        return None
    try:
        return _records(text[:-1].split("\n")) or None  # no record at all: YAML says null or an empty list
    except _Unrecognised:
        return None


def _records(lines: list[str]) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    listed: str | None = None  # the key whose `  - item` lines may follow
    for line in lines:
        if not line.strip(" ") or line.lstrip(" ").startswith("#"):
            continue  # blank lines and whole-line comments: nothing to YAML
        if line.startswith("  - ") and listed is not None:
            items = records[-1][listed]
            if items is None:
                items = records[-1][listed] = []
            assert isinstance(items, list)  # only _records puts a key's items there
            items.append(_value(line[4:]))
            continue
        if line.startswith("- "):
            records.append({})
        elif not (line.startswith("  ") and records):
            raise _Unrecognised
        listed = _record_entry(line[2:], records[-1])
    return records


def _record_entry(entry: str, record: dict[str, object]) -> str | None:
    """Read `key: value` or `key:` into the record; the key, when a list of items may follow."""
    key, separator, text = entry.partition(": ")
    if not separator:
        key = entry[:-1] if entry.endswith(":") else ""
    if not _RECORD_KEY.fullmatch(key) or type(_plain(key)) is not str or key in record or (separator and not text):
        raise _Unrecognised  # keys such as `yes` or `null` are not text to YAML
    record[key] = _value(text) if separator else None
    return None if separator else key
