"""The parsed-articles cache: what it gives back is exactly what parsing gives; it only saves work."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder import article_cache, documents
from site_builder.documents import load_articles, read_article, render_article
from site_builder.model import Article, PartialDate, SourceRef

ArticleFactory = Callable[..., Article]


@pytest.mark.parametrize("overrides", [
    {},
    {"source": None, "author": "A. Correspondent", "summary": None, "date": None},
    {"date": "2017-04", "countries": (), "people": ("Émile Zola", "O'Neil"), "body": ""},
    {"source": SourceRef("content/sources/x.txt", "0" * 64, 3, 3, (100, 180)), "date": PartialDate(2017)},
])
def test_an_article_comes_back_equal(make_article: ArticleFactory, tmp_path: Path,
                                     overrides: dict[str, object]) -> None:
    article = make_article(**overrides)
    file = tmp_path / "cache"
    article_cache.write(file, "key", {}, {"a.md": (1, 2, article)}, {"a.md": (1, 2, article)}, 0)
    entries, stored = article_cache.read(file, "key")
    assert entries == {"a.md": (1, 2, article)} and stored == 1
    assert all(type(getattr(entries["a.md"][2], name)) is type(getattr(article, name)) for name in vars(article))
    assert article_cache.read(file, "other code") == ({}, 0)


def site(tmp_path: Path, make_article: ArticleFactory, count: int) -> tuple[Path, Path, list[Path]]:
    folder, cache = tmp_path / "content" / "articles", tmp_path / ".public.articles.cache"
    files = []
    for n in range(count):
        file = folder / "2017" / f"a{n}.md"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(render_article(make_article(path=f"content/articles/2017/a{n}.md", slug=f"a{n}")), "utf-8")
        settle(file)
        files.append(file)
    return folder, cache, files


def settle(file: Path, seconds_ago: float = 3600) -> None:
    """Date a file's modification well before the next load, as an editor's files are (not racy)."""
    then = time.time_ns() - int(seconds_ago * 1e9)
    os.utime(file, ns=(then, then))


def edit(file: Path, title: str) -> None:
    file.write_text(file.read_text("utf-8").replace("title: ", f"title: {title} ", 1), "utf-8")
    settle(file, 60)


def test_a_file_modified_just_before_the_load_is_parsed_again_next_time(tmp_path: Path,
                                                                        make_article: ArticleFactory) -> None:
    """Edited twice within the file system's time resolution, keeping its size, a file keeps its stamp: a file
    modified less than RACY_NS before the load is not taken from the cache next time."""
    folder, cache, files = site(tmp_path, make_article, 3)
    load_articles(folder, tmp_path, cache)
    first = files[1].read_text("utf-8").replace("title: ", "title: AAAA ", 1)
    files[1].write_text(first, "utf-8")
    stamp = files[1].stat()
    assert load_articles(folder, tmp_path, cache)[0][1].title.startswith("AAAA ")
    files[1].write_text(first.replace("AAAA", "BBBB", 1), "utf-8")  # same size; the same time, as if in one tick
    os.utime(files[1], ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert load_articles(folder, tmp_path, cache)[0][1].title.startswith("BBBB ")


def test_an_edit_appends_one_row_and_later_rows_win(tmp_path: Path, make_article: ArticleFactory) -> None:
    folder, cache, files = site(tmp_path, make_article, 10)
    load_articles(folder, tmp_path, cache)
    size = cache.stat().st_size
    edit(files[3], "Edited")
    edited, _ = load_articles(folder, tmp_path, cache)
    assert size < cache.stat().st_size < size * 1.2  # one small record appended, the rest not written again
    entries, stored = article_cache.read(cache, documents._CACHE_KEY)
    assert stored == 11 and entries[files[3].as_posix()][2].title.startswith("Edited ")
    assert load_articles(folder, tmp_path, cache)[0] == edited == load_articles(folder, tmp_path)[0]


def test_nothing_parsed_nothing_written(tmp_path: Path, make_article: ArticleFactory) -> None:
    folder, cache, _ = site(tmp_path, make_article, 3)
    load_articles(folder, tmp_path, cache)
    os.utime(cache, ns=(0, 0))
    load_articles(folder, tmp_path, cache)
    assert cache.stat().st_mtime_ns == 0


def test_a_deleted_file_leaves_the_cache(tmp_path: Path, make_article: ArticleFactory) -> None:
    folder, cache, files = site(tmp_path, make_article, 3)
    load_articles(folder, tmp_path, cache)
    stamp = files[1].stat()
    content = files[1].read_text("utf-8")
    files[1].unlink()
    assert [a.slug for a in load_articles(folder, tmp_path, cache)[0]] == ["a0", "a2"]
    assert files[1].as_posix() not in article_cache.read(cache, documents._CACHE_KEY)[0]
    # Written again with another title but the same size and time: a stale row would have brought the old back.
    files[1].write_text(content.replace("title: K", "title: X", 1), "utf-8")
    os.utime(files[1], ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert load_articles(folder, tmp_path, cache)[0][1].title.startswith("X")


def test_many_superseded_rows_mean_writing_it_whole(tmp_path: Path, make_article: ArticleFactory) -> None:
    folder, cache, files = site(tmp_path, make_article, 8)
    load_articles(folder, tmp_path, cache)
    for round_ in range(4):
        edit(files[round_], "Edited")
        load_articles(folder, tmp_path, cache)
    stored = article_cache.read(cache, documents._CACHE_KEY)[1]
    assert 8 <= stored <= 8 * 1.25


@pytest.mark.parametrize("damage", [lambda data: data[:-3], lambda data: data + b"\x01",
                                    lambda data: data[:8] + b"\xff" * (len(data) - 8), lambda data: b""])
def test_a_damaged_cache_means_parsing_everything(tmp_path: Path, make_article: ArticleFactory,
                                                  damage: Callable[[bytes], bytes],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder, cache, _ = site(tmp_path, make_article, 3)
    expected, _ = load_articles(folder, tmp_path, cache)
    cache.write_bytes(damage(cache.read_bytes()))
    parsed: list[str] = []
    monkeypatch.setattr(documents, "read_article", lambda file, root: parsed.append(file.name) or
                        read_article(file, root))
    assert load_articles(folder, tmp_path, cache)[0] == expected
    assert parsed == ["a0.md", "a1.md", "a2.md"]


def test_a_cache_removed_before_the_write_is_written_whole(tmp_path: Path, make_article: ArticleFactory) -> None:
    article = make_article()
    file = tmp_path / "cache"
    article_cache.write(file, "key", {}, {"a.md": (1, 2, article)}, {"a.md": (1, 2, article)}, 0)
    known, stored = article_cache.read(file, "key")
    file.unlink()
    alive = {"a.md": (1, 2, article), "b.md": (3, 4, article)}
    article_cache.write(file, "key", known, alive, {"b.md": (3, 4, article)}, stored)
    assert article_cache.read(file, "key") == (alive, 2)
