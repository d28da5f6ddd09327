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
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise DataError("file not found", file=path) from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, where = not_utf8_at(data, err)
        raise DataError(f"not UTF-8 text: {where}", file=path, line=line,
                        hint="save the file as UTF-8 (an editor's \"Save with encoding\")") from err
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
        line, problem, hint = _syntax_error_spot(text, err)
        raise DataError(f"malformed YAML: {problem}", file=path, line=line, hint=hint) from err
    except yaml.YAMLError as err:  # (the reader's errors: a character YAML forbids, at a character position)
        position = getattr(err, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        problem = " ".join(str(err).split())
        raise DataError(f"malformed YAML: {problem}", file=path, line=line,
                        hint="remove the character, or save the file as UTF-8 text") from err


# A key written without the space after its colon (`acronym:UANL`): YAML reads it as text, not as a key
_KEY_WITHOUT_SPACE = re.compile(r"^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w.-]*):([^\s:/#][^\s]*)[ \t]*$")
_VALUE_QUOTE = re.compile(r'(?:^|[:\[{,-])[ \t]*"', re.MULTILINE)  # a double-quoted value begins
_QUOTED_REST = re.compile(r'(?:[^"\\]|\\.)*"')  # the rest of a double-quoted value, to its closing quote


def _syntax_error_spot(text: str, err: yaml.MarkedYAMLError) -> tuple[int | None, str, str]:
    """(line, problem, fix) of a YAML syntax error, at the line where the curator made it: the parser often
    stops lines after it (an unclosed quote swallows the lines after it; `key:value` without a space is read
    as text, and the parser complains at the next line)."""
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else None
    problem = err.problem or err.context or "malformed YAML"
    lines = text.split("\n")
    candidates = [err.context_mark.line + 1] if err.context == "while scanning a simple key" and err.context_mark else []
    candidates += list(range(line, max(0, line - 3), -1)) if line is not None else []
    for number in candidates:  # (where a simple key began, else the line the parser stopped at and two before)
        key = _KEY_WITHOUT_SPACE.match(lines[number - 1]) if 0 < number <= len(lines) else None
        if key is not None:
            return (number, f"`{key[1]}:{key[2]}` has no space after the colon, so YAML does not read a key "
                    f"(the parser stopped at line {line}: {problem})", f"write `{key[1]}: {key[2]}`")
    opened = _unclosed_quote(text, line) if line is not None else None
    if opened is not None:
        stopped = f" (the parser stopped at line {line}: {problem})" if opened != line else f": {problem}"
        return (opened, f"a quote (\") opened on this line is not closed{stopped}",
                'end the value with a " (a " inside it is written \\")')
    if err.context == "while scanning a simple key" and err.context_mark:
        line = err.context_mark.line + 1
    return line, problem, "check indentation, colons and quotes on that line"


def _unclosed_quote(text: str, stopped: int) -> int | None:
    """The line of a double-quoted value that runs on to line ``stopped`` (where the parser stopped), over lines
    that read as keys (`  status: explicit`): a quote left open, which swallowed them. None when there is none
    (a quoted value may span lines; one over text alone is not at fault)."""
    culprit, position = None, 0
    while True:
        start = _VALUE_QUOTE.search(text, position)
        if start is None:
            break
        line_start = text.rfind("\n", 0, start.start()) + 1
        opened = text.count("\n", 0, start.start()) + 1
        if opened > stopped:
            break
        if text[line_start:start.start()].lstrip().startswith("#"):  # (a comment's quote)
            position = text.find("\n", start.end()) if "\n" in text[start.end():] else len(text)
            continue
        end = _QUOTED_REST.match(text, start.end())
        swallowed = text[start.end():end.end() if end else len(text)]
        if (end is None or opened + swallowed.count("\n") >= stopped) and _KEY_LINE.search(swallowed):
            culprit = opened
        if end is None:
            break
        position = end.end()
    return culprit


_KEY_LINE = re.compile(r"\n[ \t]*(?:-[ \t]+)?\{?[ \t]*[A-Za-z_][\w.-]*:(?:[ \t]|$)", re.MULTILINE)


def not_utf8_at(data: bytes, err: UnicodeDecodeError) -> tuple[int, str]:
    """(line, "byte 0xE9 at line 3, column 12 (...)") of the first byte that is not UTF-8: a byte offset
    alone is of no use in an editor. The column counts characters, the line's text read as Latin-1 (what a
    file that is not UTF-8 mostly is)."""
    start = data.rfind(b"\n", 0, err.start) + 1
    line = data.count(b"\n", 0, err.start) + 1
    column = len(data[start:err.start].decode("utf-8", "replace")) + 1
    end = data.find(b"\n", err.start)
    shown = " ".join(data[start:end if end != -1 else len(data)].decode("cp1252", "replace").split())
    near = f", in `{shown[:60]}{'…' if len(shown) > 60 else ''}` read as Latin-1" if shown else ""
    return line, f"byte 0x{data[err.start]:02X} at line {line}, column {column} ({err.reason}){near}"


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
