"""The one mapping from objects to URLs and output paths. Every URL honours base_url's sub-path."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from site_builder.model import Article, Entity, EntityKind

SECTIONS = {EntityKind.COUNTRY: "countries", EntityKind.ORGANISATION: "organisations", EntityKind.PERSON: "people"}


@dataclass(frozen=True)
class Urls:
    base_url: str  # absolute, ends in '/'

    @cached_property  # asked for every URL made
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def _at(self, path: str) -> str:
        return self.base_path + path

    def home(self) -> str:
        return self._at("")

    def article(self, article: Article) -> str:
        return self.article_at(article.year_segment, article.slug)

    def article_at(self, year_segment: str, slug: str) -> str:
        return self._at(f"articles/{year_segment}/{slug}/")

    def section(self, kind: EntityKind) -> str:
        return self._at(f"{SECTIONS[kind]}/")

    def entity(self, entity: Entity) -> str:
        return self._at(f"{SECTIONS[entity.kind]}/{entity.slug}/")

    def entity_feed(self, entity: Entity) -> str:
        return self.entity(entity) + "feed.xml"

    def pair(self, first: Entity, second: Entity) -> str:
        a, b = sorted((first.slug, second.slug))
        return self._at(f"countries/{a}/{b}/")

    def pair_reversed(self, first: Entity, second: Entity) -> str:
        """The pair in the other order, /countries/kazakhstan/azerbaijan/: a redirect to the pair page."""
        a, b = sorted((first.slug, second.slug))
        return self._at(f"countries/{b}/{a}/")

    def entity_year(self, entity: Entity, year: int | None) -> str:
        """One entity's articles of one year, /countries/kazakhstan/2017/ (or .../undated/)."""
        return f"{self.entity(entity)}{year if year else 'undated'}/"

    @staticmethod
    def paged(url: str, number: int) -> str:
        """Page `number` of a long list whose first page is `url`: url, url/page/2/, ..."""
        return url if number <= 1 else f"{url}page/{number}/"

    def hand_page(self, name: str) -> str:
        """A hand-written page of content/pages: /about/, /methodology/."""
        return self._at(f"{name}/")

    def timeline(self) -> str:
        return self._at("timeline/")

    def timeline_year(self, year: int | None) -> str:
        return self._at(f"timeline/{year if year else 'undated'}/")

    def source(self, source_path: str) -> str:
        return self._at(f"sources/{PurePosixPath(source_path).stem}/")

    def search(self) -> str:
        return self._at("search/")

    def feed(self) -> str:
        return self._at("feed.xml")

    def static(self, name: str) -> str:
        return self._at(f"static/{name}")

    def special(self, name: str) -> str:
        """sitemap.xml, robots.txt, 404.html, data/articles.json, pagefind/..."""
        return self._at(name)

    @cached_property
    def _origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def absolute(self, url: str) -> str:
        return f"{self._origin}{url}"

    def output_file(self, url: str) -> str:
        """Where a URL's file lives inside the output folder, as a relative path; refuses anything outside it.
        A string, checked lexically: a rebuild asks this for every page of the site."""
        if not url.startswith(self.base_path):
            raise ValueError(f"URL {url!r} is outside the site's base path {self.base_path!r}")
        relative = url[len(self.base_path):]
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        parts = [part for part in relative.split("/") if part]
        if relative.startswith("/") or any(part.startswith(".") for part in parts):
            raise ValueError(f"URL {url!r} would write outside the output folder")
        return "/".join(parts)

    def output_path(self, url: str) -> PurePosixPath:
        return PurePosixPath(self.output_file(url))
