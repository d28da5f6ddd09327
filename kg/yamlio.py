"""YAML in and out for curated files: numbers stay strings, every mapping knows its line.

Curators write ``value: 16.2``; PyYAML would make that a float and lose the decimal's canonical form
(and ``1e3`` or ``0o17`` would silently change meaning), so only booleans and nulls are resolved.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from kg.errors import DataError


class LineDict(dict):
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses ten times faster


_STR = "tag:yaml.org,2002:str"

# What XML 1.0 allows in text, hence in an xsd:string literal: OWL reasoners and RDF/XML refuse the rest
# (control characters, U+FFFE, U+FFFF). YAML lets them in through escapes of double-quoted scalars only.
NON_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def non_xml_char(text: str) -> str | None:
    """The code point (as ``U+000C``) of the first character of ``text`` XML 1.0 does not allow, or None."""
    found = NON_XML_CHAR.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


class _BadCharacter(yaml.MarkedYAMLError):
    pass


class _Alias(yaml.MarkedYAMLError):
    pass


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader without int/float/timestamp resolution, keeping lines, refusing duplicate keys."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # Nine nodes in ten are strings: taken as they are, without the bookkeeping that anchors and
        # recursive collections need (a third of reading a fact file).
        if node.tag == _STR and node.__class__ is yaml.ScalarNode:
            if node.style == '"' and NON_XML_CHAR.search(node.value):
                raise _BadCharacter(None, None, f"the escape of {non_xml_char(node.value)}, a character RDF text cannot "
                                    "hold (XML 1.0 forbids it)", node.start_mark)
            return node.value
        if node in self.constructed_objects or node in self.recursive_objects:
            # an alias (*name) of a list or mapping: nested ones grow exponentially ("billion laughs"),
            # and curated files have no use for them
            raise _Alias(None, None, "the list or mapping anchored here (&name) is used again through an alias (*name)",
                         node.start_mark)
        return super().construct_object(node, deep)


# Drop the implicit resolvers that turn scalars into numbers or dates; keep bool and null.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml_text(text: str) -> Any:
    """YAML text read as curated files are (strings stay strings, lines kept); raises yaml's errors."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - our loader is a SafeLoader subclass


def load_yaml(path: Path) -> Any:
    """Read a curated YAML file; a syntax error becomes a one-line ``DataError`` with file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise DataError("file not found", file=path) from err
    except UnicodeDecodeError as err:
        raise DataError(f"not UTF-8 text ({err.reason} at byte {err.start})", file=path,
                        hint="save the file as UTF-8") from err
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - our loader is a SafeLoader subclass
    except _BadCharacter as err:
        raise DataError(str(err.problem), file=path, line=err.problem_mark.line + 1 if err.problem_mark else None,
                        hint="remove it, or write the character meant (a tab, a line feed, or printable text)") from err
    except _Alias as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise DataError(f"{err.problem}, which is not allowed", file=path, line=line,
                        hint="write the value out in full where it is used") from err
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        problem = err.problem or err.context or "malformed YAML"
        raise DataError(f"malformed YAML: {problem}", file=path, line=line,
                        hint="check indentation, colons and quotes on that line") from err
    except yaml.YAMLError as err:  # (the reader's errors: a character YAML forbids, at a character position)
        position = getattr(err, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        problem = " ".join(str(err).split())
        raise DataError(f"malformed YAML: {problem}", file=path, line=line,
                        hint="remove the character, or save the file as UTF-8 text") from err


class _Dumper(yaml.SafeDumper):
    """Block style, keys in the order given, strings that look like numbers stay quoted."""


def _repr_linedict(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    return dumper.represent_dict(data.items())


_Dumper.add_representer(LineDict, _repr_linedict)
_Dumper.add_representer(dict, _repr_linedict)
_Dumper.add_representer(LineList, yaml.SafeDumper.represent_list)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)


from kg.files import write_atomic  # noqa: E402,F401  re-exported for callers of kg.yamlio
