"""YAML as people write it by hand, read strictly: safe types only, no key given twice, impossible dates kept as
text (so they are reported with their key), and no anchors or aliases (`&a` / `*a`): nothing we write uses them,
and a kilobyte of nested aliases expands to gigabytes ("billion laughs")."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import yaml

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser: fast


class StrictLoader(_BASE):  # type: ignore[misc,valid-type]
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):  # "? {a: 1}" makes a mapping a key: YAML allows it, a dict does not
                raise yaml.constructor.ConstructorError(
                    None, None, f"a key should be a name, found {type(key).__name__}", key_node.start_mark)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key '{key}' is given twice", key_node.start_mark)
            seen.add(key)
        return dict(super().construct_mapping(node, deep=deep))

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)


class AliasError(yaml.YAMLError):
    """An anchor or alias: refused before anything is expanded."""

    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("YAML anchors and aliases (&name, *name) are not accepted: write the value out")
        self.problem = str(self)
        self.problem_mark = mark


SAFE_LOADER = _BASE


def refuse_aliases(text: str) -> None:
    """AliasError at the first anchor or alias in `text`, found by YAML's scanner before anything is built."""
    if "&" in text or "*" in text:  # cheap: most documents have neither character
        for token in yaml.scan(text, Loader=_BASE):
            if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
                raise AliasError(token.start_mark)


def load(text: str) -> object:
    """The document in `text`; yaml.YAMLError (with `problem_mark` where YAML knows the place) when it is not
    valid or uses anchors or aliases."""
    refuse_aliases(text)
    return yaml.load(text, Loader=StrictLoader)  # a SafeLoader subclass: safe


def excerpt(value: object, limit: int = 60) -> str:
    """repr(value), cut to `limit` characters: an error message never quotes a whole field."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"
