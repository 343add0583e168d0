"""Rebuilds render only what changed, and what they produce is what a clean build produces.

The archive's own content (14 seed articles, real entities) is copied into a scratch site with its own
templates, so a template can be edited without touching the repository.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from test_pipeline import hashes

from site_builder import pipeline, search_plan
from site_builder.config import BUILTIN_ENTITIES, BUILTIN_TEMPLATES, Config, load_config
from site_builder.render import pages, site
from site_builder.render.cache import cache_file

REPO = Path(__file__).resolve().parent.parent
EDITED = "content/articles/2018/central-asia-new-stage-for-strengthening-of-regional-partnership-and-trust.md"


def archive_copy(folder: Path) -> Config:
    for part in ("content/sources", "content/articles"):
        shutil.copytree(REPO / part, folder / part)
    shutil.copytree(BUILTIN_ENTITIES, folder / "content" / "entities")
    shutil.copytree(BUILTIN_TEMPLATES, folder / "templates")
    shutil.copy(REPO / "site.toml", folder / "site.toml")
    return load_config(folder)


def build(config: Config) -> pipeline.BuildResult:
    return pipeline.build(config, run_ingest=False, search=False)


def retitle(config: Config, relative: str, title: str) -> None:
    file = config.paths.site / relative
    text = file.read_text(encoding="utf-8")
    start = text.index("\ntitle: ") + 1
    end = text.index("\n", start)
    file.write_text(text[:start] + f"title: {title}" + text[end:], encoding="utf-8")


@pytest.fixture
def config(tmp_path: Path) -> Config:
    config = archive_copy(tmp_path / "site")
    assert (config.paths.site / EDITED).is_file(), "the edited article is one of the seeds"
    return config


def test_a_rebuild_of_nothing_changed_reuses_every_page(config: Config) -> None:
    first = build(config)
    before = hashes(config.paths.output)
    second = build(config)
    assert first.reused == 0
    assert second.reused == len(pages_of(config)) > 100
    assert hashes(config.paths.output) == before


def rerendered_and_as_clean(config: Config, tmp_path: Path, edit: Callable[[Config], None]) -> int:
    """Build, edit, build again: how many pages the rebuild rendered. Its output must be a clean build's."""
    build(config)
    total = len(pages_of(config))
    edit(config)
    rerendered = total - build(config).reused
    clean = archive_copy(tmp_path / "clean")
    edit(clean)
    build(clean)
    assert hashes(config.paths.output) == hashes(clean.paths.output)
    return rerendered


def edited_page(config: Config) -> str:
    return (config.paths.output / "articles" / "2018" / Path(EDITED).stem / "index.html").read_text(encoding="utf-8")


def test_an_edit_rerenders_its_dependents_only_and_matches_a_clean_build(config: Config, tmp_path: Path) -> None:
    rerendered = rerendered_and_as_clean(config, tmp_path, lambda c: retitle(c, EDITED, "Border treaty signed at last"))
    # The article, its neighbours, its entities' pages, its timeline year, its source, home...: a few dozen.
    assert 5 < rerendered < len(pages_of(config)) // 2
    assert ">Border treaty signed at last</h1>" in edited_page(config)


def rewrite_body(config: Config, relative: str, sentence: str) -> None:
    file = config.paths.site / relative
    file.write_text(file.read_text(encoding="utf-8").rstrip("\n") + f" {sentence}\n", encoding="utf-8")


def test_a_body_edit_rerenders_that_page_alone_and_matches_a_clean_build(config: Config, tmp_path: Path) -> None:
    sentence = "The treaty was ratified later."
    assert rerendered_and_as_clean(config, tmp_path, lambda c: rewrite_body(c, EDITED, sentence)) == 1
    assert sentence in edited_page(config)


def test_a_body_edit_with_a_published_file_gone_renders_it_again(config: Config) -> None:
    build(config)
    before = hashes(config.paths.output)
    (config.paths.output / "feed.xml").unlink()
    (config.paths.output / "index.html").unlink()
    rewrite_body(config, EDITED, "")  # a trailing space: the body as stored is the same, the file is not
    build(config)
    assert hashes(config.paths.output) == before


@pytest.fixture
def per_page_bundles(monkeypatch: pytest.MonkeyPatch) -> None:
    """A memory model under which every page is a bundle of its own (this archive would be one): how bundles
    are reused and dropped, as an archive of several would have it."""
    monkeypatch.setattr(search_plan, "MEMORY", search_plan.MemoryModel(budget_mb=0.0))


@pytest.mark.parametrize("edit", [
    lambda config: retitle(config, EDITED, "Border treaty signed at last"),
    lambda config: rewrite_body(config, EDITED, "The treaty was ratified later."),
], ids=["title", "body"])
def test_an_edit_reindexes_only_its_search_shard(config: Config, edit: Callable[[Config], None],
                                                 per_page_bundles: None) -> None:
    first = pipeline.build(config, run_ingest=False)
    assert first.search is not None and first.search.reindexed == first.search.shards >= 3
    edit(config)
    second = pipeline.build(config, run_ingest=False)
    assert second.search is not None
    assert (second.search.reindexed, second.search.reused) == (1, first.search.shards - 1)
    fragments = list((config.paths.output / "pagefind" / "2018").rglob("*.pf_fragment"))
    assert len(fragments) == len(list((config.paths.articles / "2018").glob("*.md"))), "one per page, none stale"
    manifest = json.loads((config.paths.output / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert len(manifest["shards"]) == first.search.shards
    assert all((config.paths.output / "pagefind" / s["name"] / "pagefind-entry.json").is_file()
               for s in manifest["shards"])


def test_a_removed_article_leaves_the_patched_site_as_a_clean_build_would_be(
        config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patches: list[object] = []

    class Recorded(pipeline.PatchedOutput):
        def commit(self, *, background: bool = False) -> None:
            patches.append(self)
            super().commit(background=background)

    def remove(site: Config) -> None:
        (site.paths.site / EDITED).unlink()

    monkeypatch.setattr(pipeline, "PatchedOutput", Recorded)
    rerendered_and_as_clean(config, tmp_path, remove)
    assert len(patches) == 1, "the rebuild patched the published site (the first and the clean build are new sites)"
    assert not (config.paths.output / "articles" / "2018" / Path(EDITED).stem).exists()


def test_an_added_article_is_patched_in_as_a_clean_build_would_have_it(config: Config, tmp_path: Path) -> None:
    def add(site: Config) -> None:
        copy = site.paths.site / "content" / "articles" / "2018" / "a-second-border-treaty.md"
        text = (site.paths.site / EDITED).read_text(encoding="utf-8")
        copy.write_text(text.replace(f"slug: {Path(EDITED).stem}", "slug: a-second-border-treaty"), encoding="utf-8")

    rerendered = rerendered_and_as_clean(config, tmp_path, add)
    assert 5 < rerendered < len(pages_of(config)) // 2
    assert (config.paths.output / "articles" / "2018" / "a-second-border-treaty" / "index.html").is_file()


def test_a_year_emptied_drops_its_search_shard_from_the_patched_site(config: Config, per_page_bundles: None) -> None:
    first = pipeline.build(config, run_ingest=False)
    assert (config.paths.output / "pagefind" / "2018").is_dir()
    (config.paths.site / EDITED).unlink()  # the only article of 2018
    second = pipeline.build(config, run_ingest=False)
    assert first.search is not None and second.search is not None
    assert second.search.shards < first.search.shards and "pagefind/2018" in second.search.dropped
    assert not (config.paths.output / "pagefind" / "2018").exists()
    manifest = json.loads((config.paths.output / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert "2018" not in {s["name"] for s in manifest["shards"]}
    assert not list(config.paths.site.glob(".public.patch*")) and not list(config.paths.site.glob(".public.staging*"))


def test_a_template_change_rerenders_everything(config: Config) -> None:
    build(config)
    base = config.paths.templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<p>Edited.</p></footer>"), "utf-8")
    result = build(config)
    assert result.reused == 0
    assert "<p>Edited.</p>" in (config.paths.output / "index.html").read_text(encoding="utf-8")


def test_a_damaged_cache_means_a_full_render_not_a_wrong_one(config: Config) -> None:
    build(config)
    before = hashes(config.paths.output)
    cache_file(config.paths.output).write_text('{"key": 3, "pages": [', encoding="utf-8")
    assert build(config).reused == 0
    assert hashes(config.paths.output) == before


def test_a_deleted_published_page_is_rendered_again(config: Config) -> None:
    build(config)
    home = config.paths.output / "index.html"
    expected = home.read_bytes()
    home.unlink()
    build(config)
    assert home.read_bytes() == expected


def test_parallel_render_writes_what_a_serial_render_writes(config: Config, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site, "plan_chunks", lambda catalogue, sources: pages.plan_chunks(catalogue, sources, 7))
    monkeypatch.setattr(site, "PARALLEL_FROM_CHUNKS", 10_000)
    build(config)
    serial = hashes(config.paths.output)
    parallel = archive_copy(tmp_path / "parallel")
    monkeypatch.setattr(site, "PARALLEL_FROM_CHUNKS", 2)
    monkeypatch.setattr(site.os, "cpu_count", lambda: 2)
    build(parallel)
    assert hashes(parallel.paths.output) == serial


def pages_of(config: Config) -> list[Path]:
    return list(config.paths.output.rglob("*.html"))
