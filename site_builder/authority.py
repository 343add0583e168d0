"""Authority files (content/entities/*.yaml): canonical names, aliases and identifiers of entities."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from site_builder import strict_yaml
from site_builder.errors import ConfigError
from site_builder.model import MAX_SLUG_LENGTH, SLUG, Entity, EntityKind
from site_builder.strict_yaml import SAFE_LOADER, excerpt

FILES = {
    EntityKind.COUNTRY: "countries.yaml",
    EntityKind.ORGANISATION: "organisations.yaml",
    EntityKind.PERSON: "people.yaml",
}
# libyaml's loader when present: the authority files are large and read on every build.
# Keys of each file whose values are other names of the entity (all resolve to it).
NAME_KEYS = {
    EntityKind.COUNTRY: ("aliases", "former_names", "official_name"),
    EntityKind.ORGANISATION: ("aliases", "former_names", "misspellings", "full_name"),
    EntityKind.PERSON: ("aliases",),
}


@dataclass(frozen=True)
class Authority:
    """Every entity of the archive, by kind, with lookups by canonical name."""

    countries: tuple[Entity, ...]
    organisations: tuple[Entity, ...]
    people: tuple[Entity, ...]

    def of_kind(self, kind: EntityKind) -> tuple[Entity, ...]:
        return {EntityKind.COUNTRY: self.countries, EntityKind.ORGANISATION: self.organisations,
                EntityKind.PERSON: self.people}[kind]

    def get(self, kind: EntityKind, name: str) -> Entity | None:
        return self._by_name[kind].get(name)

    @cached_property
    def _by_name(self) -> dict[EntityKind, dict[str, Entity]]:
        return {kind: {entity.name: entity for entity in self.of_kind(kind)} for kind in EntityKind}

    def all(self) -> Iterator[Entity]:
        yield from self.countries
        yield from self.organisations
        yield from self.people


def load_authority(directory: Path) -> Authority:
    """Load the three authority files; a missing file means no entities of that kind."""
    loaded = {kind: tuple(_load_file(directory / name, kind)) for kind, name in FILES.items()}
    return Authority(loaded[EntityKind.COUNTRY], loaded[EntityKind.ORGANISATION], loaded[EntityKind.PERSON])


def _load_file(path: Path, kind: EntityKind) -> Iterable[Entity]:
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
        strict_yaml.refuse_aliases(text)
        records = yaml.load(text, Loader=SAFE_LOADER) or []
    except (yaml.YAMLError, UnicodeDecodeError, ValueError, TypeError) as error:  # ValueError: a date like 2017-02-30
        raise ConfigError(f"{path}: cannot read authority file: {error}",
                          hint="authority files are UTF-8 YAML lists of mappings; quote values YAML would "
                               "take for dates or numbers") from error
    if not isinstance(records, list):
        raise ConfigError(f"{path}: expected a YAML list of entities, found {type(records).__name__}")
    return [_to_entity(record, kind, path, number) for number, record in enumerate(records, start=1)]


def _to_entity(record: Any, kind: EntityKind, path: Path, number: int) -> Entity:
    if not isinstance(record, dict) or not record.get("name") or not record.get("slug"):
        raise ConfigError(f"{path}: entry {number} needs at least 'name' and 'slug', found {excerpt(record)}")
    slug = str(record["slug"])
    if not SLUG.match(slug) or len(slug) > MAX_SLUG_LENGTH:
        raise ConfigError(f"{path}: entry {number} ({excerpt(record['name'])}): slug should be lowercase letters, "
                          f"digits and single hyphens, at most {MAX_SLUG_LENGTH} characters, found {excerpt(slug)}",
                          hint="the slug is the entity's URL, /countries/<slug>/: change it to a plain one")
    names = [str(n) for key in NAME_KEYS[kind] for n in _as_list(record.get(key)) if n]
    return Entity(
        kind=kind, name=str(record["name"]), slug=str(record["slug"]),
        full_name=record.get("full_name") or record.get("official_name"),
        wikidata=record.get("wikidata"), iso2=record.get("iso2"),
        aliases=tuple(dict.fromkeys(n for n in names if n != record["name"])),
        demonyms=tuple(_as_list(record.get("demonyms"))), capitals=tuple(_as_list(record.get("capitals"))),
        country=record.get("country"), roles=tuple(_as_list(record.get("roles"))),
    )


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]
