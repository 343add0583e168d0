"""Long lists cut into pages of a fixed size, so no page grows with the archive (the size model of
tests/render/test_page_size.py holds every list page under 200 KB at 100 000 articles)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from site_builder.render.views import PAGE_SIZE, Link
from site_builder.urls import Urls

T = TypeVar("T")


@dataclass(frozen=True)
class Pager:
    number: int
    count: int
    previous: Link | None
    next: Link | None
    pages: tuple[Link, ...]  # every page, in order; the current one too (a template marks it)


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def pages_of(items: Sequence[T], first_url: str, size: int = PAGE_SIZE) -> list[tuple[str, Sequence[T], Pager]]:
    """(url, items, pager) for each page of `items`; the first page is `first_url` itself."""
    count = page_count(len(items), size)
    links = tuple(Link(str(n), Urls.paged(first_url, n)) for n in range(1, count + 1))
    return [(links[n - 1].url, items[(n - 1) * size: n * size],
             Pager(n, count, links[n - 2] if n > 1 else None, links[n] if n < count else None, links))
            for n in range(1, count + 1)]


