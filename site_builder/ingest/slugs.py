"""Slugs: readable, ASCII, unique across the archive, and frozen once written.

A slug is only ever [a-z0-9-]: no dots, slashes or separators, so a title like '../../etc/passwd' can never
name a path outside content/articles. Cyrillic (the region's other script) is transliterated; a title with
nothing left in Latin letters gets a stable slug from a hash of the title, never a shared 'article'.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection

from site_builder.model import RESERVED_NAMES as RESERVED

MAX_LENGTH = 80  # of a slug ingest makes (the contract allows editors up to model.MAX_SLUG_LENGTH)
CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
     "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "a", "g", "q", "ng", "o", "u", "u", "h", "i"],
    strict=True))


# Letters of the region's Latin alphabets that Unicode does not decompose to a base letter.
CYRILLIC.update({"ə": "e", "ı": "i", "ø": "o", "đ": "d", "ł": "l", "ß": "ss"})


def slugify(title: str) -> str:
    """'Pakistan’s Imran Khan Calls for...' -> 'pakistans-imran-khan-calls-for...' (at most 80 characters)."""
    text = "".join(CYRILLIC.get(ch, ch) for ch in title.lower())
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"['`]", "", ascii_text)
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0]  # at a word boundary (one long word is simply cut)
    if not slug:
        return "article-" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:10]
    return f"{slug}-article" if slug in RESERVED else slug


def unique_slug(base: str, taken: Collection[str]) -> str:
    """The base slug, or base-2, base-3... when another article already has it."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
