"""The render cache's record: a rebuild that changed nothing need not write it again."""

from __future__ import annotations

import pickle
from dataclasses import replace

from site_builder.check import scan_page
from site_builder.render.cache import ContentDigests, RenderCache, RenderedPage, unchanged


def _record() -> RenderCache:
    page = RenderedPage("/a/", "article", "f1", scan_page("/a/", '<a href="/b/">b</a>'), False, 2020, "s1")
    other = RenderedPage("/b/", "list", "f2", scan_page("/b/", '<p id="x">b</p>'), False, None, "")
    return RenderCache("key", {"/a/": page, "/b/": other}, ("/feed.xml",), ContentDigests("sk", {"/a/": "d1"}))


def test_a_record_equal_but_for_the_reused_flags_is_unchanged() -> None:
    loaded = pickle.loads(pickle.dumps(_record()))  # as the next build loads it: equal objects, not the same
    now = _record()
    now.pages["/a/"] = replace(now.pages["/a/"], reused=True)
    assert unchanged(now, loaded)


def test_any_difference_is_a_change() -> None:
    loaded = _record()
    for changed in (replace(_record(), key="other"), replace(_record(), other_files=()),
                    replace(_record(), content=ContentDigests("sk", {"/a/": "d2"})),
                    replace(_record(), pages={"/a/": _record().pages["/a/"]})):
        assert not unchanged(changed, loaded)
    edited = _record()
    edited.pages["/a/"] = replace(edited.pages["/a/"], fingerprint="f9")
    assert not unchanged(edited, loaded)
    relinked = _record()
    relinked.pages["/b/"] = replace(relinked.pages["/b/"], links=scan_page("/b/", '<p id="y">b</p>'))
    assert not unchanged(relinked, loaded)
