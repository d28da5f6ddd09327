"""``kg entities share``: move an entity a second article uses from the fact files that declare it to
data/entities.yaml, with no YAML edited by hand.

An entity only one article uses is declared in that article's fact file, with the quote and status that are its
evidence; once a second article uses it, `kg check` refuses it there (each article must check and build on its
own). Moving it meant editing reviewed fact files by hand: cut the block, paste it into data/entities.yaml without
its evidence, and keep that evidence as a mention. Here the definition goes to data/entities.yaml and each
declaration becomes a mention (``men-<id>``) carrying its quote, occurrence, status, reason and readings, so the
build's graph keeps the same evidence (a mention the file already has of the same quote, occurrence and status
stands for its declaration: `kg ingest` drafts both, and a second would only be deleted by hand). The files are
edited as text: only the entity's block goes and only the new lines come, every other line byte for byte
(comments, order, style); the edit is refused unless the files then parse to exactly what was meant, and
`kg check` of the whole corpus must pass once they are written, else every file is put back as it was.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.config import Paths
from kg.corpus import ENTITY_PROP_REFS, FACT_SECTIONS
from kg.errors import DataError, EnvironmentProblem, ErrorList, KgError, UsageError, display_path, raise_collected
from kg.files import write_atomic
from kg.yamlio import LineDict, load_yaml, parse_yaml_text

EVIDENCE_KEYS = ("quote", "occurrence", "status", "reason", "readings")  # what becomes the mention
NOT_COMPARED = (*EVIDENCE_KEYS, "note")  # a declaration's own words: two files may differ in them
_STALE_NOTE = "kg entities share"  # a note telling to run this command (kg ingest writes one): done once it runs


@dataclass
class _File:
    """A YAML file being edited: the bytes read, the text as edited so far, and its parse."""

    path: Path
    old: bytes
    text: str
    doc: Any
    existed: bool = True

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    def lines(self) -> list[str]:
        return self.text.splitlines(keepends=True)

    def set_lines(self, lines: list[str]) -> None:
        self.text = "".join(lines)
        try:
            self.doc = parse_yaml_text(self.text)
        except yaml.YAMLError as err:  # (a bug of this module: the check below names it)
            raise DataError(f"the edited text would not be valid YAML ({' '.join(str(err).split())})", file=self.path,
                            hint="move the entity by hand and report it; nothing was written") from err


@dataclass(frozen=True)
class _Declaration:
    file: _File
    item: LineDict
    draft: bool


@dataclass
class Moved:
    """One entity moved: where its definition went and the mention each declaring file got."""

    id: str
    line: int  # of its block in data/entities.yaml
    mentions: list[tuple[Path, str]] = field(default_factory=list)  # (fact file, mention id)
    kept: set[Path] = field(default_factory=set)  # the files whose mention was already there (none written)


@dataclass
class Shared:
    moved: list[Moved]
    diff: str  # unified diff of every changed file
    entities_file: Path

    def summary(self) -> list[str]:
        lines = []
        for moved in self.moved:
            where = ", ".join(f"{display_path(str(path))} (mention {men}"
                              + (", already there" if path in moved.kept else "") + ")" for path, men in moved.mentions)
            lines.append(f"moved {moved.id} to {display_path(str(self.entities_file))}:{moved.line}; its evidence is now "
                         f"a mention in {where}")
        return lines

    @property
    def next_step(self) -> str:
        return "next: `kg build` (`kg check` passes: it ran on the whole corpus)"


def share_entities(paths: Paths, ids: Sequence[str], *, dry_run: bool = False) -> Shared:
    """Move each entity of ``ids`` from the fact files declaring it to data/entities.yaml, each declaration
    becoming a mention with its evidence; every mistake of the ids reported at once, nothing written then.
    ``dry_run``: the diff only."""
    ids = list(dict.fromkeys(ids))
    shared = _read(paths.entities_file, missing_ok=True)
    shared_items = {item["id"]: item for item in _items(shared.doc, "entities")}
    facts = [_read(path) for path in sorted(paths.facts.glob("*.yaml")) if _names_any(path, ids)]  # (others unparsed)
    declared = {item["id"]: f for f in facts for item in _items(f.doc, "entities")}
    errors: list[KgError] = []
    plan: list[tuple[str, list[_Declaration]]] = []
    for ident in ids:
        try:
            plan.append((ident, _declarations(paths, ident, shared_items, facts)))
        except KgError as err:
            errors.append(err)
    for ident, decls in plan:
        errors += _unshared_refs(ident, decls[0], shared_items, declared, ids)
    raise_collected(errors)

    moved = []
    for ident, decls in plan:
        primary = decls[0]
        note = _note(primary.item)
        record = Moved(id=ident, line=_append_definition(shared, primary, note is not None))
        for decl in decls:  # (another file's own note stays, on its mention)
            other = _note(decl.item) if decl is not primary else None
            men, written = _to_mention(decl, other if other != note else None)
            record.mentions.append((decl.file.path, men))
            if not written:
                record.kept.add(decl.file.path)
        moved.append(record)
    changed = [f for f in (shared, *facts) if f.text.encode("utf-8") != f.old]
    _verify(shared, facts, plan, moved)
    diff = "".join(_diff(f) for f in changed)
    if not dry_run:
        _write_checked(paths, changed)
    return Shared(moved=moved, diff=diff, entities_file=paths.entities_file)


# --- reading and planning --------------------------------------------------------------------------------

def _read(path: Path, *, missing_ok: bool = False) -> _File:
    if missing_ok and not path.exists():
        return _File(path=path, old=b"", text="", doc=None, existed=False)
    doc = load_yaml(path)  # (its syntax errors as `kg check` words them)
    old = path.read_bytes()
    return _File(path=path, old=old, text=old.decode("utf-8"), doc=doc)


def _note(item: LineDict) -> str | None:
    """The declaration's note, unless it only tells to run this command (as `kg ingest` writes)."""
    note = item.get("note")
    return note if isinstance(note, str) and _STALE_NOTE not in note else None


def _names_any(path: Path, ids: Sequence[str]) -> bool:
    data = path.read_bytes()
    return any(ident.encode("utf-8") in data for ident in ids)


def _items(doc: Any, section: str) -> list[LineDict]:
    found = doc.get(section) if isinstance(doc, dict) else None
    return [item for item in found if isinstance(item, LineDict) and isinstance(item.get("id"), str)] \
        if isinstance(found, list) else []


def _declarations(paths: Paths, ident: str, shared: dict[str, LineDict], facts: list[_File]) -> list[_Declaration]:
    """The fact files declaring ``ident``, the reviewed ones first (the first gives the definition's words);
    refused when none does, when data/entities.yaml has it, or when two definitions differ."""
    decls = [_Declaration(f, item, f.doc.get("review") == "draft") for f in facts for item in _items(f.doc, "entities")
             if item["id"] == ident]
    if ident in shared and decls:
        raise DataError(f"entity {ident!r} is already in data/entities.yaml, and this file declares it too",
                        file=decls[0].file.path, line=decls[0].item.line, field="id",
                        hint=f"delete the declaration here and quote it as a mention (`entity: {ident}`)")
    if ident in shared:
        raise DataError(f"entity {ident!r} is already in data/entities.yaml", file=paths.entities_file,
                        line=shared[ident].line, field="id", hint="nothing to move: every article may use it as it is")
    if not decls:
        close = difflib.get_close_matches(ident, sorted(_local_ids(paths)), n=3)
        raise UsageError(f"no fact file declares entity {ident!r} under `entities:`", file=paths.facts, field="ID",
                         hint=(f"did you mean {', '.join(close)}? " if close else "")
                         + "give the id of an entity declared in a fact file (data/facts/<article>.yaml)")
    same_file = [d for d in decls[1:] if d.file is decls[0].file]
    if same_file:
        raise DataError(f"entity {ident!r} is declared twice in this file (first at line {decls[0].item.line})",
                        file=same_file[0].file.path, line=same_file[0].item.line, field="id",
                        hint="delete one of the two declarations")
    decls.sort(key=lambda d: d.draft)  # (stable: file order within reviewed files and within drafts)
    noted = next((d for d in decls if _note(d.item) is not None), decls[0])
    decls.remove(noted)
    decls.insert(0, noted)  # (the one whose block is copied: its note goes along)
    first = decls[0]
    for other in decls[1:]:
        key = _first_difference(first.item, other.item, draft=other.draft and not first.draft)
        if key is not None:
            def said(item: LineDict) -> str:
                return f"{_flow(item[key])}" if key in item else "no " + key

            raise DataError(f"entity {ident!r} is defined differently here and in {first.file.path.name}:"
                            f"{first.item.line_of(key)}: {said(other.item)} here, {said(first.item)} there",
                            file=other.file.path, line=other.item.line_of(key), field=key,
                            hint="make the two declarations agree (only quote, occurrence, status, reason, readings and "
                                 "note may differ), then run the command again")
    return decls


def _local_ids(paths: Paths) -> set[str]:
    """Every id under `entities:` of every fact file (for a close match to a misspelt id)."""
    found: set[str] = set()
    for path in sorted(paths.facts.glob("*.yaml")) if paths.facts.is_dir() else []:
        try:
            found |= {item["id"] for item in _items(load_yaml(path), "entities")}
        except KgError:
            continue
    return found


def _first_difference(one: LineDict, other: LineDict, *, draft: bool = False) -> str | None:
    """The first key the two declarations disagree on. A draft's copy (``draft``: `kg ingest` copies only the keys
    its quote can back) may leave out what ``one`` gives: leaving out is no disagreement, ``one``'s block moves."""
    keys = [k for k in [*one, *(k for k in other if k not in one)] if k not in NOT_COMPARED]
    return next((k for k in keys if (k in other or not draft)
                 and (_plain(one.get(k)) != _plain(other.get(k)) or (k in one) != (k in other))), None)


def _unshared_refs(ident: str, decl: _Declaration, shared: dict[str, LineDict], declared: dict[str, _File],
                   moving: Sequence[str]) -> list[KgError]:
    """An entity of data/entities.yaml may name (`organization`, `place`, ...) only entities there too."""
    errors: list[KgError] = []
    for key in ENTITY_PROP_REFS:
        ref = decl.item.get(key)
        if isinstance(ref, str) and ref not in shared and ref not in moving and ref in declared:
            errors.append(DataError(f"entity {ident!r}: {key} {ref!r} is declared in {declared[ref].path.name}, and data/"
                                    f"entities.yaml may name only its own entities", file=decl.file.path,
                                    line=decl.item.line_of(key), field=key,
                                    hint=f"share both: `kg entities share {ident} {ref}`"))
    return errors


# --- editing the text -----------------------------------------------------------------------------------

def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    return not line.strip()


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _item_span(f: _File, items: list[LineDict], index: int, bound: int) -> tuple[int, int, int]:
    """(first line, end, dash column) of a block list's item, 0-based, end exclusive: its dash line and the lines
    below it up to ``bound`` (the next item's line, or the next key's), trailing blank and comment lines left out."""
    lines = f.lines()
    start = items[index].line - 1
    if re.match(r"^ *-\s*$", lines[start - 1] if start > 0 else "") and not re.match(r"^ *- ", lines[start]):
        start -= 1  # (`-` alone on its line, the mapping below it)
    dash = re.match(r"^( *)- ", lines[start]) or re.match(r"^( *)-\s*$", lines[start])
    if dash is None:
        raise DataError(f"the item (id {items[index]['id']}) is not written as a block list item (`  - id: ...` or "
                        "`  - {id: ...}`), which this command cannot edit", file=f.path, line=items[index].line,
                        hint="write the section as a block list, one `- ` per item, or move the entity by hand")
    end = min(bound, len(lines))
    while end > start + 1 and (_blank(lines[end - 1]) or _comment(lines[end - 1])):
        end -= 1
    return start, end, len(dash.group(1))


def _bound(f: _File, section: str, items: list[LineDict], index: int) -> int:
    """The 0-based line the item's span stops before: the next item's, else the next top-level key's, else the end."""
    if index + 1 < len(items):
        start = items[index + 1].line - 1
        lines = f.lines()
        return start - 1 if start > 0 and re.match(r"^ *-\s*$", lines[start - 1]) else start
    later = [line for key, line in f.doc.key_lines.items() if line > f.doc.key_lines[section]]
    return min(later) - 1 if later else len(f.lines())


def _segments(lines: list[str], item: LineDict, start: int, end: int) -> list[tuple[str, list[str]]]:
    """A block item's lines, key by key, its dash turned to a space: each key's lines from its own to the next's."""
    first = lines[start]
    dash = first.index("-")
    body = [first[:dash] + " " + first[dash + 1:], *lines[start + 1:end]]
    starts = sorted((line - 1 - start, key) for key, line in item.key_lines.items())
    return [(key, body[at:starts[n + 1][0] if n + 1 < len(starts) else len(body)]) for n, (at, key) in enumerate(starts)]


def _is_flow(lines: list[str], start: int) -> bool:
    return lines[start].lstrip()[1:].lstrip().startswith("{")


def _reindent(lines: list[str], shift: int, newline: str) -> list[str]:
    out = []
    for line in lines:
        content = line.rstrip("\r\n")
        if _blank(content):
            out.append(newline)
        else:
            out.append(" " * max(0, _indent(content) + shift) + content.lstrip(" ") + newline)
    return out


def _as_item(lines: list[str], dash: int, key: int) -> list[str]:
    """Key-indented lines made a list item: the first line's indentation becomes ``dash`` spaces and `- `."""
    first = lines[0]
    return [" " * dash + "- " + " " * max(0, key - dash - 2) + first.lstrip(" "), *lines[1:]]


def _key_column(lines: list[str], start: int) -> int:
    line = lines[start]
    after = line.index("-") + 1
    rest = line[after:]
    return after + len(rest) - len(rest.lstrip(" ")) if rest.strip() else _indent(lines[start + 1])


def _flow(value: Any) -> str:
    """A value as a flow scalar, list or mapping on one line (`{en: Mexico}`, `[a, b]`, `"x: y"`)."""
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        return json.dumps(value, ensure_ascii=False)
    text = yaml.safe_dump(_plain(value), default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**9)
    return text[:-5] if text.endswith("\n...\n") else text.rstrip("\n")


def _value(key: str, value: Any) -> str:
    """A value as fact files write it: a quote always in double quotes, the rest as `_flow` writes it."""
    return json.dumps(value, ensure_ascii=False) if key == "quote" and isinstance(value, str) else _flow(value)


def _flow_item(data: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_value(k, v)}" for k, v in data.items()) + "}"


def _emit_block(data: dict[str, Any], dash: int, key: int, newline: str) -> list[str]:
    lines = [" " * key + f"{k}: {_value(k, v)}{newline}" for k, v in data.items()]
    return _as_item(lines, dash, key)


def _item_style(f: _File, section: str) -> tuple[int, int, bool, bool] | None:
    """(dash column, key column, flow items, blank lines between items) of a section's items, None without items."""
    items = _items(f.doc, section)
    if not items:
        return None
    lines = f.lines()
    last = len(items) - 1
    start, end, dash = _item_span(f, items, last, _bound(f, section, items, last))
    spaced = False
    if last > 0:
        prev_start, prev_end, _ = _item_span(f, items, last - 1, start)
        spaced = any(_blank(line) for line in lines[prev_end:start])
    return dash, _key_column(lines, start), _is_flow(lines, start), spaced


def _insert_after_last(f: _File, section: str, new: list[str], spaced: bool) -> int:
    """Put ``new`` after the section's last item; the 1-based line it starts at."""
    lines = f.lines()
    items = _items(f.doc, section)
    last = len(items) - 1
    _, end, _ = _item_span(f, items, last, _bound(f, section, items, last))
    if end > 0 and not lines[end - 1].endswith("\n"):
        lines[end - 1] += f.newline
    added = ([f.newline] if spaced else []) + new
    f.set_lines(lines[:end] + added + lines[end:])
    return end + len(added) - len(new) + 1


def _append_definition(shared: _File, decl: _Declaration, keep_note: bool) -> int:
    """The declaration, less its evidence (and its note unless ``keep_note``), at the end of data/entities.yaml in
    that file's style; the 1-based line it starts at."""
    style = _item_style(shared, "entities") if shared.doc is not None else None
    dash, key, _, spaced = style if style is not None else (2, 4, False, False)
    newline = shared.newline if shared.text else "\n"
    dropped = (*EVIDENCE_KEYS, *(() if keep_note else ("note",)))
    src = decl.file
    lines = src.lines()
    items, index = _current(src, decl.item["id"])
    start, end, _ = _item_span(src, items, index, _bound(src, "entities", items, index))
    if _is_flow(lines, start):
        block = _emit_block({k: v for k, v in decl.item.items() if k not in dropped}, dash, key, newline)
    else:
        kept = [line for name, part in _segments(lines, items[index], start, end) if name not in dropped for line in part]
        block = _as_item(_reindent(kept, key - _key_column(lines, start), newline), dash, key)
    if shared.doc is None or not isinstance(shared.doc.get("entities"), list):
        if shared.doc is not None and "entities" in shared.doc:
            raise DataError("`entities:` is not a block list this command can add to", file=shared.path,
                            line=shared.doc.line_of("entities"), field="entities",
                            hint="write it as `entities:` followed by `  - id: ...` items, or move the entity by hand")
        head = shared.text + ("" if not shared.text or shared.text.endswith("\n") else newline)
        shared.set_lines([*(head.splitlines(keepends=True)), f"entities:{newline}", *block])
        return len(head.splitlines()) + 2
    return _insert_after_last(shared, "entities", block, spaced)


def _current(f: _File, ident: str) -> tuple[list[LineDict], int]:
    """The file's entities as it now reads (an earlier move may have edited it), and the index of ``ident``."""
    items = _items(f.doc, "entities")
    return items, next(n for n, item in enumerate(items) if item["id"] == ident)


def _mention_id(f: _File, ident: str) -> str:
    taken = {item["id"] for section in FACT_SECTIONS for item in _items(f.doc, section)}
    taken |= {sub["id"] for section in FACT_SECTIONS for item in _items(f.doc, section)
              for sub in item.get("items") or [] if isinstance(sub, dict) and isinstance(sub.get("id"), str)}
    candidate, n = f"men-{ident}", 2
    while candidate in taken:
        candidate, n = f"men-{ident}-{n}", n + 1
    return candidate


def _form(item: LineDict) -> str | None:
    """The longest of the entity's names, acronym and aliases written in its quote: the mention's `form` (without
    one, a mention's surface form is its whole quote)."""
    forms = [*(item.get("name") or {}).values(), item.get("acronym"),
             *(a for names in (item.get("aliases") or {}).values() for a in names or [])]
    quote = " ".join(str(item.get("quote", "")).split())
    found = [f for f in forms if isinstance(f, str) and f.strip() and " ".join(f.split()) in quote]
    return max(found, key=len) if found else None


def _mention_data(decl: _Declaration, men_id: str, note: str | None) -> dict[str, Any]:
    item = decl.item
    data: dict[str, Any] = {"id": men_id, "entity": item["id"]}
    form = _form(item)
    if form is not None and " ".join(form.split()) != " ".join(str(item["quote"]).split()):
        data["form"] = form
    data.update({k: item[k] for k in EVIDENCE_KEYS if k in item})
    if note is not None:
        data["note"] = note
    return data


def _quoted_at(item: dict[str, Any]) -> tuple[str, str]:
    """A quote and occurrence as `kg check` locates them: whitespace and canonically equivalent forms aside, and
    no occurrence the same as the first (a quote without one must occur once)."""
    quote = unicodedata.normalize("NFC", " ".join(str(item.get("quote", "")).split()))
    return quote, str(item.get("occurrence", 1)).strip()


def _same_mention(decl: _Declaration, note: str | None) -> str | None:
    """The id of a mention the file already has that carries all the declaration's evidence: the same entity,
    quote, occurrence, status, reason and readings, and its note if one would go along. `kg ingest` drafts both a
    declaration and a mention of one quote; a second mention of it would only be deleted by hand."""
    item = decl.item
    rest = [k for k in EVIDENCE_KEYS if k not in ("quote", "occurrence")]
    for men in _items(decl.file.doc, "mentions"):
        if men.get("entity") == item["id"] and _quoted_at(men) == _quoted_at(item) \
                and all(_plain(men.get(k)) == _plain(item.get(k)) for k in rest) \
                and (note is None or men.get("note") == note):
            return men["id"]
    return None


def _to_mention(decl: _Declaration, note: str | None) -> tuple[str, bool]:
    """Take the entity's block out of its fact file and add a mention carrying its evidence, unless one already
    does; (the mention's id, whether it was written)."""
    f = decl.file
    same = _same_mention(decl, note)
    if same is not None:
        _remove_entity(f, decl.item["id"])
        return same, False
    men_id = _mention_id(f, decl.item["id"])
    data = _mention_data(decl, men_id, note)
    lines = f.lines()
    items, index = _current(f, decl.item["id"])
    start, end, src_dash = _item_span(f, items, index, _bound(f, "entities", items, index))
    src_key = _key_column(lines, start)
    src_flow = _is_flow(lines, start)
    evidence = [] if src_flow else [line for name, part in _segments(lines, items[index], start, end)
                                    if name in EVIDENCE_KEYS for line in part]
    style = _item_style(f, "mentions")
    if "mentions" in f.doc and f.doc["mentions"] is not None and style is None:
        raise DataError("`mentions:` is not written as a block list this command can add to", file=f.path,
                        line=f.doc.line_of("mentions"), field="mentions",
                        hint="write `mentions:` alone on its line, its items below it (`  - {id: ...}`), or move the "
                             "entity by hand")
    dash, key, flow, spaced = style if style is not None else (src_dash, src_key, False, False)
    newline = f.newline
    if flow:
        new = [" " * dash + "- " + _flow_item(data) + newline]
    elif src_flow:
        new = _emit_block(data, dash, key, newline)
    else:
        head = {k: v for k, v in data.items() if k not in (*EVIDENCE_KEYS, "note")}
        tail = {"note": data["note"]} if "note" in data else {}
        body = [" " * key + f"{k}: {_value(k, v)}{newline}" for k, v in head.items()]
        body += _reindent(evidence, key - src_key, newline)
        body += [" " * key + f"{k}: {_value(k, v)}{newline}" for k, v in tail.items()]
        new = _as_item(body, dash, key)
    if style is not None:
        _insert_after_last(f, "mentions", new, spaced)
    elif "mentions" in f.doc:  # (`mentions:` with no items yet)
        at = f.doc.line_of("mentions")
        f.set_lines(lines[:at] + new + lines[at:])
    else:
        _new_section(f, "mentions", new)
    _remove_entity(f, decl.item["id"])
    return men_id, True


def _new_section(f: _File, section: str, new: list[str]) -> None:
    """``section:`` and its items, before the first section that comes after it in a fact file's order (and the
    comment lines right above that one), else at the end; spaced as the file spaces its sections."""
    lines = f.lines()
    order = FACT_SECTIONS.index(section)
    later = [f.doc.key_lines[s] - 1 for s in FACT_SECTIONS[order + 1:] if s in f.doc]
    header = [f"{section}:{f.newline}", *new]
    if later:
        at = min(later)
        while at > 0 and _comment(lines[at - 1]):
            at -= 1
        spaced = at > 0 and _blank(lines[at - 1])
        f.set_lines(lines[:at] + header + ([f.newline] if spaced else []) + lines[at:])
        return
    spaced = any(key_line > 1 and _blank(lines[key_line - 2]) for key_line in f.doc.key_lines.values())
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += f.newline
    f.set_lines(lines + ([f.newline] if spaced and lines and not _blank(lines[-1]) else []) + header)


def _remove_entity(f: _File, ident: str) -> None:
    """Delete the entity's lines (and the `entities:` section when it was its only one), keeping the blank lines
    between what remains as they were between items and sections."""
    lines = f.lines()
    items, index = _current(f, ident)
    start, end, _ = _item_span(f, items, index, _bound(f, "entities", items, index))
    if len(items) == 1 and re.match(r"^entities:\s*(#.*)?$", lines[f.doc.line_of("entities") - 1].rstrip("\r\n")):
        header = f.doc.line_of("entities") - 1
        if all(_blank(line) or _comment(line) for line in lines[header + 1:start]):
            # The section goes with the comments inside it (`  # --- events ---`): left alone they would follow the
            # key before, and an indented comment after a top-level `note: >-` would be read as words of the note.
            for at in range(end, len(lines)):
                if not (_blank(lines[at]) or (_comment(lines[at]) and _indent(lines[at]) > 0)):
                    break
                end = at + 1 if not _blank(lines[at]) else end
            del lines[header:end]
            _join_blanks(lines, header)
            f.set_lines(lines)
            return
    before = start
    while before > 0 and _blank(lines[before - 1]):
        before -= 1
    after = end
    while after < len(lines) and _blank(lines[after]):
        after += 1
    next_is_item = index + 1 < len(items) and after == _item_span(f, items, index + 1, _bound(f, "entities", items,
                                                                                               index + 1))[0]
    prev_is_item = index > 0 and _item_span(f, items, index - 1, start)[1] == before
    leading, trailing = start - before, after - end
    if leading and trailing:
        if next_is_item:
            end = after  # (the blank lines after it separated it from the next item)
        else:
            start = before  # (the last item: those before it now end the previous one)
    elif trailing and next_is_item and not prev_is_item:
        end = after  # (the first item under a header or comment: the next one takes its place)
    del lines[start:end]
    f.set_lines(lines)


def _join_blanks(lines: list[str], at: int) -> None:
    """Two runs of blank lines made adjacent at ``at`` become one run, the longer."""
    if 0 < at < len(lines) and _blank(lines[at - 1]) and _blank(lines[at]):
        del lines[at]


# --- checking and writing -------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _verify(shared: _File, facts: list[_File], plan: list[tuple[str, list[_Declaration]]], moved: list[Moved]) -> None:
    """The edited texts must read as exactly the move: data/entities.yaml as before plus the definitions, each
    fact file as before less the declarations plus the mentions; else nothing is written."""
    problems: list[KgError] = []
    want = dict(_plain(parse_yaml_text(shared.old.decode("utf-8"))) or {})
    want["entities"] = list(want.get("entities") or []) + [
        {k: _plain(v) for k, v in decls[0].item.items() if k not in NOT_COMPARED
         or (k == "note" and _note(decls[0].item) is not None)} for _, decls in plan]
    if _plain(shared.doc) != want:
        problems.append(DataError("the edited data/entities.yaml would not read as before plus the entities moved",
                                  file=shared.path, hint="move the entities by hand and report it; nothing was written"))
    mentions: dict[Path, dict[str, str]] = {}  # a fact file's mention id of each entity moved
    written: dict[Path, set[str]] = {}  # the ids of those written (not already there)
    for record in moved:
        for path, men in record.mentions:
            mentions.setdefault(path, {})[record.id] = men
            written.setdefault(path, set()).update(() if path in record.kept else (men,))
    gone = {ident for ident, _ in plan}
    for f in facts:
        if f.path not in mentions:
            continue
        want = _plain(parse_yaml_text(f.old.decode("utf-8")))
        kept = [e for e in want.get("entities") or [] if e.get("id") not in gone]
        if kept:
            want["entities"] = kept
        else:
            want.pop("entities", None)
        got = _plain(f.doc)
        new_mentions = [m for m in got.get("mentions") or [] if m.get("id") in written[f.path]]
        want["mentions"] = list(want.get("mentions") or []) + new_mentions
        ok = len(new_mentions) == len(written[f.path]) and got == want
        for ident, decls in plan:  # (each mention carries its declaration's evidence)
            for decl in (d for d in decls if d.file is f):
                men = next((m for m in got.get("mentions") or [] if m.get("id") == mentions[f.path][ident]), {})
                ok = ok and men.get("entity") == ident and _quoted_at(men) == _quoted_at(decl.item) and all(
                    men.get(k) == _plain(decl.item[k]) for k in EVIDENCE_KEYS if k in decl.item
                    and k not in ("quote", "occurrence"))
        if not ok:
            problems.append(DataError("the edited fact file would not read as before less the entity plus its mention",
                                      file=f.path, hint="move the entities by hand and report it; nothing was written"))
    raise_collected(problems)


def _diff(f: _File) -> str:
    name = display_path(str(f.path))
    old, new = (name, name) if Path(name).is_absolute() else (f"a/{name}", f"b/{name}")  # (as git names them)
    return "".join(difflib.unified_diff(f.old.decode("utf-8").splitlines(keepends=True), f.text.splitlines(keepends=True),
                                        fromfile=old, tofile=new))


def _write_checked(paths: Paths, changed: list[_File]) -> None:
    """Write every file atomically, then check the whole corpus as `kg check` does; on any failure put every file
    back byte for byte (a file that did not exist is removed again)."""
    from kg.corpus import load_corpus

    for f in changed:  # (one edited since it was read: that edit would be lost)
        if (f.path.read_bytes() if f.path.exists() else None) != (f.old if f.existed else None):
            raise EnvironmentProblem("the file changed while the entities were being moved", file=f.path,
                                     hint="run the command again")
    written: list[_File] = []
    try:
        for f in changed:
            write_atomic(f.path, f.text)
            written.append(f)
        load_corpus(paths, include_drafts=True)
    except KgError as err:
        _restore(written)
        raise ErrorList([err, DataError("`kg check` refuses the corpus with the entities moved, so every file is put "
                                        "back as it was", hint="fix the mistakes above, then run the command again")]) \
            from err
    except BaseException:
        _restore(written)
        raise


def _restore(written: list[_File]) -> None:
    for f in written:
        if f.existed:
            write_atomic(f.path, f.old)
        else:
            f.path.unlink(missing_ok=True)
