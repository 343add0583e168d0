"""The changes an editor makes to a built archive, as a table: each edits a site folder in place.

Sources come in kinds (SOURCE_KINDS): a kind is a function that writes a new source of that kind into a site
and returns its file name. Add one and every source case runs for it too.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from site_builder.config import BUILTIN_ENTITIES, BUILTIN_TEMPLATES

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "content" / "sources"
SMALL_SOURCES = ("000_7bc920b7a4ddbe51.txt", "001_b487eabd0bb1da54.txt", "002_75690c72a749e123.txt")
ONE_2018 = "central-asia-new-stage-for-strengthening-of-regional-partnership-and-trust"  # of 001, the only 2018 article
MINSK = "president-nazarbayev-visits-minsk-holds-talks-with-lukashenko-jeenbekov"  # of 002, 2017
SITE_TOML = 'title = "Regional Affairs Archive"\nbase_url = "https://example.org/archive/"\n'


def make_site(folder: Path, sources: tuple[str, ...] = SMALL_SOURCES) -> Path:
    """A site folder of its own: the seed sources named, the project's authority files and templates."""
    (folder / "content" / "sources").mkdir(parents=True)
    for name in sources:
        shutil.copy(SEEDS / name, folder / "content" / "sources" / name)
    shutil.copytree(BUILTIN_ENTITIES, folder / "content" / "entities")
    shutil.copytree(BUILTIN_TEMPLATES, folder / "templates")
    (folder / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    for kind in SOURCE_KINDS:
        kind_source(folder, kind)
    return folder


def replace_in(file: Path, old: str, new: str, count: int = 1) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    file.write_text(text.replace(old, new, count), encoding="utf-8")


def article(site: Path, slug: str) -> Path:
    found = list((site / "content" / "articles").glob(f"*/{slug}.md"))
    assert len(found) == 1, f"no article {slug} in {site}"
    return found[0]


def front_matter_line(site: Path, slug: str, key: str, value: str) -> None:
    file = article(site, slug)
    text = file.read_text(encoding="utf-8")
    start = text.index(f"\n{key}: ") + 1
    end = text.index("\n", start)
    file.write_text(text[:start] + f"{key}: {value}" + text[end:], encoding="utf-8")


# --- sources of each kind ------------------------------------------------------------------------------------

PLACES = (("Dushanbe", "Tajikistan", "Uzbekistan", "2019"), ("Astana", "Kazakhstan", "Kyrgyzstan", "2017"))


def _story(variant: int) -> tuple[str, list[str]]:
    city, one, other, year = PLACES[variant % len(PLACES)]
    return (f"{one} and {other} Open Border Crossing Number {variant}",
            [f"{city}, 12 May {year} – The presidents of {one} and {other} opened border crossing number {variant} "
             f"today and agreed to double trade within two years.",
             "The sides also discussed water sharing and a joint hydropower project."])


def txt_source(site: Path, name: str, variant: int) -> str:
    title, paragraphs = _story(variant)
    file = site / "content" / "sources" / f"{name}.txt"
    file.write_text("\n\n".join([title, *paragraphs]) + "\n", encoding="utf-8")
    return file.name


def html_source(site: Path, name: str, variant: int) -> str:
    title, paragraphs = _story(variant)
    file = site / "content" / "sources" / f"{name}.html"
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    file.write_text(f"<!DOCTYPE html><html lang='en'><head><title>{title} | Ministry</title></head><body>"
                    f"<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav><main><article><h1>{title}</h1>"
                    f"{body}</article></main><footer>Ministry of Foreign Affairs</footer></body></html>\n",
                    encoding="utf-8")
    return file.name


def pdf_source(site: Path, name: str, variant: int) -> str:
    """The same story as a one-page PDF bulletin (reportlab), as an archivist saves a ministry's release."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    title, paragraphs = _story(variant)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=True)  # invariant: the same bytes every time
    y = 800
    for line in [title, "", *(row for paragraph in paragraphs for row in _wrapped(paragraph)), ""]:
        page.drawString(60, y, line)
        y -= 16
    page.showPage()
    page.save()
    file = site / "content" / "sources" / f"{name}.pdf"
    file.write_bytes(buffer.getvalue())
    return file.name


def _wrapped(paragraph: str) -> list[str]:
    import textwrap

    return [*textwrap.wrap(paragraph, 80), ""]


# A kind of source: writes a source of that kind (name without suffix, a variant of the story) and returns its
# file name. Every kind is in the small site, and every source case runs for every kind.
SOURCE_KINDS: dict[str, Callable[[Path, str, int], str]] = {"txt": txt_source, "html": html_source,
                                                            "pdf": pdf_source}


def kind_source(site: Path, kind: str) -> Path:
    """The small site's own source of this kind."""
    return site / "content" / "sources" / SOURCE_KINDS[kind](site, f"010_{kind}_source", 0)


# --- the edits ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    name: str
    apply: Callable[[Path], None]

    def __str__(self) -> str:
        return self.name


def _source_edits(kind: str) -> tuple[Edit, ...]:
    def add(site: Path) -> None:
        SOURCE_KINDS[kind](site, f"020_{kind}_added", 1)

    def remove(site: Path) -> None:
        kind_source(site, kind).unlink()

    def rename(site: Path) -> None:
        file = kind_source(site, kind)
        file.rename(file.with_name(f"030_{kind}_renamed{file.suffix}"))

    def change(site: Path) -> None:
        file = kind_source(site, kind)
        SOURCE_KINDS[kind](site, file.stem, 2)

    return tuple(Edit(f"{verb}-{kind}-source", apply)
                 for verb, apply in (("add", add), ("remove", remove), ("rename", rename), ("change", change)))


def _edit_body(site: Path) -> None:
    file = article(site, MINSK)
    file.write_text(file.read_text(encoding="utf-8").rstrip("\n") + " The talks went on late.\n", encoding="utf-8")


def _add_article(site: Path) -> None:
    folder = site / "content" / "articles" / "2019"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "an-editor-wrote-this.md").write_text(
        "---\ntitle: An Editor Wrote This\nslug: an-editor-wrote-this\ndate: 2019-05\ndate_precision: month\n"
        "date_basis: manual\nauthor: null\ncountries: [Kazakhstan]\ncountries_mentioned: [Kazakhstan]\n"
        "organisations: [SCO]\npeople: []\nsummary: A note by hand.\n---\n\nKazakhstan hosted the SCO.\n",
        encoding="utf-8")


def _remove_article(site: Path) -> None:
    article(site, MINSK).unlink()


def _new_alias(site: Path) -> None:
    replace_in(site / "content" / "entities" / "countries.yaml", "aliases: [Apsny, Abkhaziya]",
               "aliases: [Apsny, Abkhaziya, Abkhazeti]")


def _new_entity(site: Path) -> None:
    with (site / "content" / "entities" / "people.yaml").open("a", encoding="utf-8") as file:
        file.write("\n- name: Ainash Tokbayeva\n  slug: ainash-tokbayeva\n  country: Kazakhstan\n")


def _removed_entity(site: Path) -> None:
    file = site / "content" / "entities" / "countries.yaml"
    text = file.read_text(encoding="utf-8")
    start = text.index("- name: Abkhazia\n")
    file.write_text(text[:start] + text[text.index("\n- name: ", start + 1) + 1:], encoding="utf-8")


def _template(site: Path) -> None:
    replace_in(site / "templates" / "base.html", "</footer>", "<p>Edited by hand.</p></footer>")


def _static(site: Path) -> None:
    with (site / "templates" / "static" / "style.css").open("a", encoding="utf-8") as file:
        file.write("\n.edited { color: teal; }\n")


def _setting(key: str, value: str) -> Callable[[Path], None]:
    def change(site: Path) -> None:
        toml = site / "site.toml"
        lines = [line for line in toml.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{key} =")]
        toml.write_text("\n".join([*lines, f'{key} = "{value}"']) + "\n", encoding="utf-8")

    return change


EDITS: tuple[Edit, ...] = (
    Edit("nothing", lambda site: None),
    *(edit for kind in SOURCE_KINDS for edit in _source_edits(kind)),
    Edit("remove-seed-source", lambda site: (site / "content" / "sources" / SMALL_SOURCES[2]).unlink()),
    Edit("change-seed-source", lambda site: replace_in(site / "content" / "sources" / SMALL_SOURCES[2], "Minsk",
                                                        "Minsk (Belarus)")),
    Edit("article-body", _edit_body),
    Edit("article-title", lambda site: front_matter_line(site, MINSK, "title", "Nazarbayev in Minsk")),
    Edit("article-date-same-year", lambda site: front_matter_line(site, MINSK, "date", "2017-12-01")),
    Edit("article-date-other-year", lambda site: front_matter_line(site, ONE_2018, "date", "2019-03-15")),
    Edit("article-slug", lambda site: front_matter_line(site, MINSK, "slug", "nazarbayev-in-minsk")),
    Edit("article-entities", lambda site: front_matter_line(site, MINSK, "countries", "[Kazakhstan, Belarus, Russia]")),
    Edit("add-article-by-hand", _add_article),
    Edit("remove-article-by-hand", _remove_article),
    Edit("authority-new-alias", _new_alias),
    Edit("authority-new-entity", _new_entity),
    Edit("authority-removed-entity", _removed_entity),
    Edit("template", _template),
    Edit("static-asset", _static),
    Edit("setting-base-url", _setting("base_url", "https://archive.example.net/")),
    Edit("setting-title", _setting("title", "Caucasus and Central Asia Archive")),
)
EDITS_BY_NAME = {edit.name: edit for edit in EDITS}
