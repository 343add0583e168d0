"""Authority files: canonical names, aliases gathered from every name key, clear errors for broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.authority import load_authority
from site_builder.config import BUILTIN_ENTITIES
from site_builder.errors import ConfigError
from site_builder.model import EntityKind

COUNTRIES = """\
- name: Kyrgyzstan
  slug: kyrgyzstan
  iso2: KG
  wikidata: Q813
  official_name: Kyrgyz Republic
  aliases: [Kirghizia, Kyrgyzstan]
  demonyms: [Kyrgyz]
  capitals: Bishkek
- name: Kazakhstan
  slug: kazakhstan
"""
ORGANISATIONS = """\
- name: SCO
  slug: sco
  full_name: Shanghai Cooperation Organisation
  misspellings: [Shanghai Cooperation Organization]
  former_names: [Shanghai Five]
"""


def write(directory: Path, name: str, text: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")


def test_loads_entities_with_every_alias(tmp_path: Path) -> None:
    write(tmp_path, "countries.yaml", COUNTRIES)
    write(tmp_path, "organisations.yaml", ORGANISATIONS)
    authority = load_authority(tmp_path)
    kyrgyzstan = authority.get(EntityKind.COUNTRY, "Kyrgyzstan")
    assert kyrgyzstan is not None
    assert (kyrgyzstan.slug, kyrgyzstan.iso2, kyrgyzstan.wikidata) == ("kyrgyzstan", "KG", "Q813")
    assert kyrgyzstan.aliases == ("Kirghizia", "Kyrgyz Republic")  # the canonical name is not its own alias
    assert kyrgyzstan.full_name == "Kyrgyz Republic"
    assert (kyrgyzstan.demonyms, kyrgyzstan.capitals) == (("Kyrgyz",), ("Bishkek",))
    sco = authority.get(EntityKind.ORGANISATION, "SCO")
    assert sco is not None
    assert sco.aliases == ("Shanghai Five", "Shanghai Cooperation Organization", "Shanghai Cooperation Organisation")
    assert [e.name for e in authority.all()] == ["Kyrgyzstan", "Kazakhstan", "SCO"]
    assert authority.people == ()


@pytest.mark.parametrize(("kind", "name"), [
    (EntityKind.COUNTRY, "Kyrgyz Republic"),  # aliases are not canonical names
    (EntityKind.ORGANISATION, "Kazakhstan"),  # lookups are per kind
    (EntityKind.COUNTRY, "kazakhstan"),
])
def test_get_only_finds_canonical_names_of_the_kind(tmp_path: Path, kind: EntityKind, name: str) -> None:
    write(tmp_path, "countries.yaml", COUNTRIES)
    assert load_authority(tmp_path).get(kind, name) is None


def test_missing_folder_or_files_mean_no_entities(tmp_path: Path) -> None:
    authority = load_authority(tmp_path / "nowhere")
    assert list(authority.all()) == []


@pytest.mark.parametrize(("text", "message"), [
    ("- name: Kazakhstan\n", "entry 1 needs at least 'name' and 'slug'"),
    ("- name: A\n  slug: a\n- just a string\n", "entry 2 needs at least 'name' and 'slug'"),
    ("name: Kazakhstan\nslug: kazakhstan\n", "expected a YAML list of entities, found dict"),
    ("- name: [unclosed\n", "cannot read authority file"),
    ("- name: Kazakhstan\n  slug: kazakhstan\n  founded: 2017-02-30\n", "cannot read authority file"),
    ("- name: Kazakhstan\n  slug: kazakhstan\n  ? {a: 1}\n  : x\n", "cannot read authority file"),
])
def test_broken_authority_file_is_a_configuration_error(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, "countries.yaml", text)
    with pytest.raises(ConfigError, match=r"countries\.yaml") as caught:
        load_authority(tmp_path)
    assert message in str(caught.value)
    assert caught.value.exit_code == 2


def test_non_utf8_authority_file_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "people.yaml").write_bytes("- name: Émile\n  slug: emile\n".encode("latin-1"))
    with pytest.raises(ConfigError, match=r"people\.yaml"):
        load_authority(tmp_path)


def test_wikidata_ids_are_well_formed_and_unique() -> None:
    """Every Wikidata id of the authority files is a Q-id (Q, then digits, no leading zero), and no two entities
    share one (issue 14: a wrong id is worse than none)."""
    import re
    from collections import Counter

    authority = load_authority(BUILTIN_ENTITIES)
    ids = [entity.wikidata for entity in authority.all() if entity.wikidata is not None]
    assert ids, "the project's authority files carry Wikidata ids"
    assert [i for i in ids if not re.fullmatch(r"Q[1-9][0-9]*", str(i))] == []
    assert [i for i, n in Counter(ids).items() if n > 1] == []
