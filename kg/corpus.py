"""Load and check the curated corpus: articles, their sidecars, fact files and shared entities.

Everything a curator can get wrong is caught here, before any RDF exists, with the file, line and fix:
malformed YAML, schema violations, unknown ids, duplicate ids, quotes not in the text, ambiguous quotes,
numbers and dates that do not parse, unknown concepts, and articles whose bytes no longer match their hash.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import json
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from kg import iris
from kg.config import Paths
from kg.errors import DataError, KgError, UsageError, display_path, raise_collected
from kg.files import input_file
from kg.rdfio import decimal_text
from kg.yamlio import NON_XML_CHAR, LineDict, LineList, load_yaml, non_xml_char, not_utf8_at

if TYPE_CHECKING:
    from kg.figures import Figure, Sentence

FACT_SECTIONS = ("entities", "mentions", "tenures", "participations", "relations", "statements", "plans", "observations")
ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
PREFIX_LEN = 32  # characters of context kept around a quote (oa:prefix / oa:suffix)
_WS = re.compile(r"\s+")


# --- articles and quotes -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Quote:
    """Where a quote sits in the verbatim text (code points, end exclusive)."""

    exact: str  # the verbatim slice, no-break spaces kept
    start: int
    end: int
    line: int
    prefix: str
    suffix: str
    section: int | None  # number of the section whose heading precedes the quote


@dataclass(frozen=True)
class Section:
    number: int
    heading: str
    start: int
    line: int


@dataclass
class Article:
    id: str
    path: Path
    sidecar: Path
    text: str
    sha256: str
    language: str
    meta: dict[str, str]
    sections: list[Section]
    _norm: tuple[str, list[int]] | None = field(default=None, repr=False)
    _folds: dict[tuple[str, ...], tuple[str, list[int], list[int]]] = field(default_factory=dict, repr=False)
    _dateline: tuple[int, int] | None | bool = field(default=False, repr=False)

    def normalized(self) -> tuple[str, list[int]]:
        """The text with every whitespace run folded to one space, and a map back to original offsets."""
        if self._norm is None:
            self._norm = normalize_with_map(self.text)
        return self._norm

    def folded(self, folds: tuple[str, ...] = ()) -> tuple[str, list[int], list[int]]:
        """The text as ``fold_with_spans`` gives it (whitespace folded, canonically composed, and ``folds``), with
        each character's start and end in the original. An article in NFC (nearly all) is its normalized text."""
        if folds not in self._folds:
            if not folds and unicodedata.is_normalized("NFC", self.text):
                norm, back = self.normalized()
                self._folds[folds] = (norm, back, [b + 1 for b in back])
            else:
                self._folds[folds] = fold_with_spans(self.text, folds)
        return self._folds[folds]

    def spans(self, words: str, folds: tuple[str, ...] = ()) -> list[tuple[int, int]]:
        """Where ``words`` occur in the text (start, end exclusive, in code points of the original): whitespace
        folded, canonically equivalent forms alike ("ó" as one code point or as "o" and a combining accent,
        as text copied on macOS may write it), and ``folds`` ("marks", "accents", "case") if given."""
        return folded_spans(self.folded(folds), words, folds)

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def locate(self, quote: str, occurrence: int | None = None) -> Quote | None:
        """Find ``quote`` tolerating whitespace differences and canonically equivalent forms only; None if
        absent. The quote found is the article's own text (its code points, whatever the curator's were).

        Raises ``LookupError`` carrying the count when the quote is ambiguous and no occurrence is given,
        or when the occurrence asked for does not exist.
        """
        hits = self.spans(quote)
        if not hits:
            return None
        if occurrence is None:
            if len(hits) > 1:
                raise LookupError(len(hits))
            start, end = hits[0]
        else:
            if occurrence > len(hits):
                raise LookupError(len(hits))
            start, end = hits[occurrence - 1]
        return Quote(
            exact=self.text[start:end],
            start=start,
            end=end,
            line=self.line_of(start),
            # (context up to a character RDF text cannot hold, if the article has one: still the text
            # right before and after the quote, only shorter)
            prefix=NON_XML_CHAR.split(self.text[max(0, start - PREFIX_LEN):start])[-1],
            suffix=NON_XML_CHAR.split(self.text[end:end + PREFIX_LEN])[0],
            section=self.section_at(start),
        )

    def section_at(self, offset: int) -> int | None:
        current = None
        for section in self.sections:
            if section.start <= offset:
                current = section.number
        return current

    def dateline(self) -> tuple[int, int] | None:
        """Where the article's dateline ("Monterrey, Nuevo León, 12 de marzo de 2026.-") lies, from the start of
        its line to where the body begins, as `kg ingest` finds it; None when it has none."""
        if self._dateline is False:
            from kg.figures import extract_dates
            from kg.ingest import find_dateline  # (only for dated facts)

            head = self.text[:1000]  # (a dateline opens the text, or the paragraph after its headline lines)
            found = find_dateline(self.text, extract_dates(head, self.language.split("-")[0].lower()))
            self._dateline = None if found is None else \
                (self.text.rfind("\n", 0, found.date.start) + 1, found.end)
        return self._dateline  # type: ignore[return-value]

    def closest_passage(self, quote: str, width: int = 80) -> str:
        """The passage of the text most like ``quote``, to show a curator what they probably meant: whole
        words, without the punctuation around them that the quote does not start or end with."""
        norm = self.folded()[0]
        needle = fold_with_spans(quote, ())[0].strip()
        size = max(len(needle), 10)
        def score(start: int) -> float:
            matcher.set_seq1(norm[start:start + size])
            return matcher.ratio()

        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(needle)
        step = max(1, size // 6)
        starts = range(0, max(1, len(norm) - size + 1))
        best_start = max(starts[::step], key=score)
        # Refine around the coarse winner, one character at a time.
        start = max(range(max(0, best_start - step), min(len(starts), best_start + step + 1)), key=score)
        end = min(len(norm), start + size)
        while 0 < start < len(norm) and norm[start - 1].isalnum() and norm[start].isalnum():
            start -= 1  # (never a word cut in two)
        while 0 < end < len(norm) and norm[end - 1].isalnum() and norm[end].isalnum():
            end += 1
        best = norm[start:end].strip()
        if needle[:1].isalnum():
            best = re.sub(r"^\W+", "", best)
        if needle[-1:].isalnum():
            best = re.sub(r"\W+$", "", best)
        if len(best) > width:
            cut = best.rfind(" ", 0, width)
            best = best[:cut if cut > 0 else width] + "…"
        return best


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    back: list[int] = []
    in_ws = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_ws:
                out.append(" ")
                back.append(i)
            in_ws = True
        else:
            out.append(ch)
            back.append(i)
            in_ws = False
    return "".join(out), back


def folded_spans(folded: tuple[str, list[int], list[int]], words: str, folds: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Where ``words`` occur in a text ``folded`` by ``fold_with_spans`` (start, end exclusive, in the original),
    overlapping hits included: the loader's count of a quote's occurrences."""
    needle = fold_with_spans(words, folds)[0].strip()
    if not needle:
        return []
    hay, starts, ends = folded
    hits: list[tuple[int, int]] = []
    pos = hay.find(needle)
    while pos != -1:
        hits.append((starts[pos], ends[pos + len(needle) - 1]))
        pos = hay.find(needle, pos + 1)
    return hits


_MARK_FOLD = str.maketrans({"’": "'", "‘": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
                            "«": '"', "»": '"'})


def fold_with_spans(text: str, folds: tuple[str, ...] = ()) -> tuple[str, list[int], list[int]]:
    """``text`` with whitespace runs folded to one space and each character with the combining marks after it
    composed (NFC), and, as ``folds`` asks, quotation marks and apostrophes made straight ("marks"), accents
    dropped ("accents"), case folded ("case"); with the start and end (exclusive) in ``text`` of the
    character each one of the result comes from."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    in_ws = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            if not in_ws:
                out.append(" ")
                starts.append(i)
                ends.append(i + 1)
            in_ws = True
            i += 1
            continue
        in_ws = False
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        part = text[i:j]
        if j > i + 1 or ch >= "\x80":
            part = unicodedata.normalize("NFC", part)
            if "accents" in folds:
                part = "".join(c for c in unicodedata.normalize("NFD", part) if not unicodedata.combining(c))
        if "case" in folds:
            part = part.casefold()
        if "marks" in folds:
            part = part.translate(_MARK_FOLD)
        for c in part:
            out.append(c)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), starts, ends


# --- entities and facts --------------------------------------------------------------------------------

@dataclass
class Entity:
    id: str
    type: str
    data: LineDict
    file: Path
    article: str | None  # None: declared in data/entities.yaml

    @property
    def line(self) -> int:
        return self.data.line


@dataclass
class Fact:
    section: str  # one of FACT_SECTIONS
    id: str
    data: LineDict
    quote: Quote
    file: Path
    article: str
    parent: str | None = None  # for items: the id of the plan or statement
    position: int | None = None

    @property
    def line(self) -> int:
        return self.data.line

    @property
    def status(self) -> str:
        return str(self.data["status"])


@dataclass
class FactFile:
    path: Path
    article: str
    review: str
    data: LineDict
    facts: list[Fact]
    items: list[Fact]  # plan and statement items, in order


@dataclass
class Vocab:
    """Ids of the controlled values a fact file may use, read from ontology/vocab/*.ttl."""

    schemes: dict[str, set[str]]
    unit_codes: dict[str, str]  # code in fact files -> unit IRI
    classes: set[str]  # the classes of entities (kg:Entity and its subclasses), without the namespace
    relation_properties: dict[str, str] = field(default_factory=dict)  # relation slug -> direct property IRI
    declared: dict[str, tuple[Path, tuple[str, ...]]] = field(default_factory=dict)  # concept IRI -> (file, its schemes)
    problems: list[DataError] = field(default_factory=list)  # the vocabularies' own mistakes (check_vocab raises them)

    def has(self, scheme: str, slug: str) -> bool:
        return slug in self.schemes.get(scheme, set())


@dataclass
class Corpus:
    paths: Paths
    articles: dict[str, Article]
    fact_files: dict[str, FactFile]
    entities: dict[str, Entity]
    vocab: Vocab
    drafts: list[Path] = field(default_factory=list)

    @property
    def shared_entities(self) -> list[Entity]:
        return [e for e in self.entities.values() if e.article is None]

    def local_entities(self, article: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.article == article]

    def fact_count(self) -> int:
        return sum(len(ff.facts) + len(ff.items) for ff in self.fact_files.values())


# --- controlled vocabularies ---------------------------------------------------------------------------

VOCAB_BASE = "https://w3id.org/canieti-kg/vocab/"
KG_NS = "https://w3id.org/canieti-kg/ontology#"
_INSCHEME = re.compile(r"<" + re.escape(VOCAB_BASE) + r"([a-z-]+)/([a-z0-9-]+)>|kgv:([a-z-]+)/([a-z0-9-]+)")


def _vocab_fingerprint(folder: Path) -> tuple[tuple[str, float], ...]:
    files = sorted(folder.glob("vocab/*.ttl")) + [folder / "canieti.ttl"]
    return tuple((str(f), f.stat().st_mtime) for f in files if f.exists())


def load_vocab(paths: Paths) -> Vocab:
    assert paths.ontology is not None
    return _load_vocab_cached(_vocab_fingerprint(paths.ontology), str(paths.ontology))


@lru_cache(maxsize=4)
def _load_vocab_cached(_fingerprint: tuple[tuple[str, float], ...], ontology_dir: str) -> Vocab:
    import rdflib
    from rdflib.graph import ReadOnlyGraphAggregate
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    from kg.rdfio import turtle_syntax_error
    from kg.vocab_checks import declared_concepts, vocab_problems

    folder = Path(ontology_dir)
    if not (folder / "canieti.ttl").is_file():  # (else every class, concept and unit check passed unseen)
        raise DataError("the ontology file is missing", file=folder / "canieti.ttl",
                        hint="restore ontology/canieti.ttl from git, or point KG_ONTOLOGY at the ontology folder")
    files: list[tuple[Path, Any]] = []  # (each file's own graph: what a vocabulary's mistakes are reported at)
    for file in sorted(folder.glob("vocab/*.ttl")) + [folder / "canieti.ttl"]:
        own = rdflib.Graph()
        try:
            own.parse(file, format="turtle")
        except Exception as err:  # rdflib raises many parser-specific types
            raise turtle_syntax_error(file, err) from None
        files.append((file, own))
    # all of them, read through without a copy (copying the triples into one graph cost half a parse)
    graph = ReadOnlyGraphAggregate([own for _, own in files])
    files = files[:-1]  # (the vocabularies, without canieti.ttl)
    schemes: dict[str, set[str]] = {}
    for concept, scheme in graph.subject_objects(SKOS.inScheme):
        c, s = str(concept), str(scheme)
        if s.startswith(VOCAB_BASE) and c.startswith(s + "/"):
            schemes.setdefault(s[len(VOCAB_BASE):], set()).add(c[len(s) + 1:])
    unit_codes: dict[str, str] = {}
    for unit, code in graph.subject_objects(rdflib.URIRef(KG_NS + "code")):
        unit_codes[str(code)] = str(unit)
    # an entity's type is a class of entities (kg:Entity and below), never a fact's (Statement, Observation, ...)
    entity = rdflib.URIRef(KG_NS + "Entity")
    classes = {str(c)[len(KG_NS):] for c in graph.transitive_subjects(RDFS.subClassOf, entity)
               if str(c).startswith(KG_NS) and (c, RDF.type, OWL.Class) in graph}
    relation_properties = {}
    for concept, prop in graph.subject_objects(rdflib.URIRef(KG_NS + "directProperty")):
        prefix = VOCAB_BASE + "relation/"
        if str(concept).startswith(prefix):
            relation_properties[str(concept)[len(prefix):]] = str(prop)
    return Vocab(schemes=schemes, unit_codes=unit_codes, classes=classes, relation_properties=relation_properties,
                 declared=declared_concepts(files), problems=vocab_problems(files, graph))


def check_vocab(vocab: Vocab) -> None:
    """Raise the vocabularies' own mistakes (a concept without a label in es, a measure in no family), all of
    them, before any fact file is read: the facts that use such a concept are not at fault."""
    raise_collected(vocab.problems)


def _unknown_concept(vocab: Vocab, scheme: str, slug: str, file_name: str) -> tuple[str, str]:
    """(what, fix) for a fact's concept id its scheme does not hold: when a vocabulary file describes the id in
    another scheme or in none (a misspelt or missing `skos:inScheme`), that file, line and scheme; else the
    closest ids of the scheme."""
    from kg.vocab_checks import where_declared

    iri, scheme_iri = f"{VOCAB_BASE}{scheme}/{slug}", f"{VOCAB_BASE}{scheme}"
    found = (iri, vocab.declared[iri]) if iri in vocab.declared else next(
        ((term, where) for term, where in sorted(vocab.declared.items())
         if term.rsplit("/", 1)[-1] == slug and scheme_iri in where[1]), None)
    if found is not None:
        term, (path, schemes) = found
        line, written = where_declared(path, term)
        place = f"{display_path(str(path))}{f':{line}' if line else ''}"
        if term != iri:  # (in the scheme, under another IRI: the scheme's ids are the IRIs' last part below it)
            return (f"unknown {scheme} concept {slug!r}: {written} at {place} is in kgv:{scheme}, but its IRI is not "
                    f"<{iri}>", f"name it `{scheme}:{slug}` there, with `@prefix {scheme}: <{scheme_iri}/> .`")
        in_schemes = ", ".join("kgv:" + s[len(VOCAB_BASE):] if s.startswith(VOCAB_BASE) else f"<{s}>" for s in schemes)
        return (f"{scheme} concept {slug!r} is not in the scheme kgv:{scheme}: {written} at {place} is in "
                f"{'scheme ' + in_schemes if schemes else 'no scheme'}", f"write `skos:inScheme kgv:{scheme}` there")
    close = difflib.get_close_matches(slug, sorted(vocab.schemes.get(scheme, [])), n=3)
    return (f"unknown {scheme} concept {slug!r}", _unknown_concept_fix(scheme, slug, file_name, close))


def _unknown_topic_fix(vocab: Vocab, topic: Any) -> str:
    close = difflib.get_close_matches(str(topic), sorted(vocab.schemes.get("topic", [])), n=3)
    return _unknown_concept_fix("topic", str(topic), "topics.ttl", close)


def _unknown_concept_fix(scheme: str, slug: str, file_name: str, close: list[str]) -> str:
    """The fix for a concept id an open scheme (measure, per, topic) does not hold: the closest ids (a misspelling),
    or else the `kg vocab add` command that adds it (no Turtle to write), with the options it needs."""
    if close:  # (a misspelling, most likely)
        return f"use a concept of ontology/vocab/{file_name} such as {', '.join(close)}"
    family = " --broader FAMILY" if scheme == "measure" else ""
    return (f"use a concept of ontology/vocab/{file_name} (`kg vocab list {scheme}`), or add it: `kg vocab add {scheme} "
            f"{slug}{family} --label-en .. --label-es .. --definition-en .. --definition-es ..`")


# --- schema validation ---------------------------------------------------------------------------------

SCHEMA_DIR = "schema"


@lru_cache(maxsize=8)
def _validator(schema_path: str) -> Any:
    import jsonschema  # (only on the error path: it is a fifth of the start-up imports)

    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)

    def pattern(validator: Any, expected: str, instance: Any, _schema: Any) -> Iterator[Any]:
        # ``$`` at the end of text, as in jsonschema-rs (Python's ``re`` lets a final line feed by:
        # "id\n" passed, and minted an IRI no parser reads)
        if validator.is_type(instance, "string") and not re.search(re.sub(r"(?<!\\)\$$", r"\\Z", expected), instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {expected!r}")

    return jsonschema.validators.extend(cls, {"pattern": pattern})(schema)


@lru_cache(maxsize=8)
def _fast_validator(schema_path: str) -> Any:
    """jsonschema-rs (compiled, ~50x faster) answers "valid?" for every file of a build; the Python
    jsonschema is asked only when it says no, for the error path and message users get."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(json.loads(Path(schema_path).read_text(encoding="utf-8")))


def _node_at(doc: Any, path: list[Any]) -> Any:
    node = doc
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    return node


def _line_at(doc: Any, path: list[Any]) -> int | None:
    """Line of the deepest node on ``path`` that knows its line."""
    node, line = doc, getattr(doc, "line", None)
    for part in path:
        if isinstance(node, LineDict) and isinstance(part, str) and part in node:
            line = node.line_of(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line) if isinstance(node, (LineDict, LineList)) else line
    return line


def _fact_label(doc: Any, path: list[Any]) -> str:
    """`section[i] (id x)` for an error message, from a schema error path."""
    if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int):
        item = _node_at(doc, path[:2])
        ident = item.get("id") if isinstance(item, dict) else None
        return f"{path[0]}[{path[1]}]" + (f" (id {ident})" if ident else "")
    return ".".join(str(p) for p in path) or "top level"


def check_schema(doc: Any, schema_name: str, file: Path, paths: Paths) -> None:
    """``doc`` against its JSON Schema: every mistake a line (all of a fact's at once, each at its own line,
    with the fix), in the order of the file."""
    schema_path = paths.data / SCHEMA_DIR / schema_name  # type: ignore[operator]
    if not schema_path.exists():
        raise DataError("JSON Schema missing", file=schema_path, hint="restore data/schema/ from the repository")
    if _fast_validator(str(schema_path)).is_valid(doc):
        _check_rdf_terms(doc, schema_name, file)
        return
    validator = _validator(str(schema_path))
    errors = sorted(validator.iter_errors(doc), key=lambda e: (len(list(e.absolute_path)), list(map(str, e.absolute_path))))
    if not errors:  # (the two validators disagree: the compiled one is the stricter, and decides)
        raise DataError("schema: not valid (no detail available)", file=file,
                        hint=f"see data/schema/{schema_name}; look for a value ending in a line break")
    import jsonschema

    # Each error at its most specific (best_match looks inside a oneOf's branches); a misspelt required key
    # is named once, as a misspelling (not again as an unknown key).
    best = [jsonschema.exceptions.best_match([err]) or err for err in errors]
    renamed: set[tuple[Any, ...]] = set()
    found: list[DataError] = []
    for err in sorted(best, key=lambda e: e.validator != "required"):
        found += _schema_errors(doc, err, file, schema_name, renamed)
    raise_collected(sorted(found, key=lambda e: e.line or 0))


def _schema_errors(doc: Any, best: Any, file: Path, schema_name: str, renamed: set[tuple[Any, ...]]) -> list[DataError]:
    """One schema error as the curator's lines (an object's unknown keys, a line each at the key's line)."""
    path = list(best.absolute_path)
    label = f"{_fact_label(doc, path)}: " if len(path) >= 2 else ""  # (a top-level key is the field)
    field_name = ".".join(str(p) for p in path[2:]) if len(path) > 2 else (str(path[0]) if len(path) == 1 else None)
    message = best.message
    if len(message) > 300:  # (jsonschema quotes the whole value: a long list made a line of megabytes)
        message = message[:240] + " ... " + message[-50:]
    hint = f"see data/schema/{schema_name} and docs/data-model.md"
    line = _line_at(doc, path)
    if best.validator == "additionalProperties" and isinstance(best.instance, LineDict):
        known = best.schema.get("properties", {})
        out = []
        for key in (k for k in best.instance if k not in known and (*path, k) not in renamed):
            out.append(DataError(f"{label}schema: unknown key `{key}`", file=file, line=best.instance.line_of(key),
                                 field=".".join(map(str, [*path[2:], key])), hint=_key_hint(str(key), sorted(known), hint)))
        return out
    if best.validator == "oneOf" and "value" in str(best.instance):
        message = "give either `value`, or both `min` and `max`, not both"
    elif best.validator == "required":
        missing = re.match(r"'([^']+)' is a required property", best.message)
        if missing:
            name = missing.group(1)
            field_name = ".".join([*map(str, path[2:]), name])
            message = f"missing `{name}`"
            known = best.schema.get("properties", {})
            hint = _required_hint(name, known.get(name, {}), hint)
            strays = [k for k in best.instance if isinstance(k, str) and k not in known] \
                if isinstance(best.instance, dict) else []
            # (a `then: {required: [...]}` branch lists no keys: every key would look stray there)
            typo = difflib.get_close_matches(name, strays, n=1, cutoff=0.7) if known else []
            if typo:  # ("missing `quote`" alone hid the `qoute:` written a line below)
                message = f"missing `{name}`; `{typo[0]}` is not a key here"
                hint = f"rename `{typo[0]}:` to `{name}:`"
                renamed.add((*path, typo[0]))
                line = best.instance.line_of(typo[0]) if isinstance(best.instance, LineDict) else line
    elif best.validator == "type":
        message, hint = _type_problem(path, best)
    elif best.validator == "minLength" and best.instance == "":
        message, hint = f"`{field_name}` is empty", "write its value, or leave the key out"
    elif best.validator == "pattern":
        what = _PATTERN_WORDS.get(str(best.validator_value)) or best.schema.get("description")
        if what:
            message = f"{best.instance!r} is not in the expected form"
            hint = f"write {what}"
    elif best.validator == "enum" and isinstance(best.instance, str):
        near = [v for v in best.validator_value if isinstance(v, str) and v.casefold() == best.instance.casefold()]
        near = near or [v for v in [_ENUM_SYNONYMS.get(best.instance.casefold())] if v in best.validator_value]
        near = near or difflib.get_close_matches(best.instance, [v for v in best.validator_value if isinstance(v, str)], n=1)
        if near:
            hint = f"did you mean `{near[0]}`?"
        elif field_name:  # (the values allowed, where the message's list reads as Python's)
            hint = f"write `{path[-1]}:` with one of: {', '.join(map(str, best.validator_value))}"
    return [DataError(f"{label}schema: {message}", file=file, line=line, field=field_name, hint=hint)]


# Words a curator may write for an allowed value that spelling alone would not lead to ("mean" is not "median")
_ENUM_SYNONYMS = {"mean": "average", "avg": "average", "promedio": "average", "media": "average", "mediana": "median",
                  "sum": "total", "suma": "total",
                  # (a status: spelling alone leads "implicit" to explicit)
                  "implicit": "implied", "implícito": "implied", "implicito": "implied", "implícita": "implied",
                  "implicita": "implied", "context": "implied", "by context": "implied", "explícito": "explicit",
                  "explicito": "explicit", "explícita": "explicit", "explicita": "explicit", "ambiguo": "ambiguous",
                  "ambigua": "ambiguous"}
_TYPE_WORDS = {"array": "a list", "object": "a mapping", "string": "one string", "boolean": "true or false",
               "integer": "a whole number", "number": "a number", "null": "empty"}


def _type_problem(path: list[Any], err: Any) -> tuple[str, str]:
    """(message, fix) for a value of the wrong type, the fix written out for its key: `about: x` where a list is
    expected is "write `about: [x]`"; `time: 2028` where a mapping is, "write `time: {year: "2028"}`"."""
    key = str(path[-1]) if path else "the file"
    value = err.instance
    expected = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
    want = " or ".join(dict.fromkeys(_TYPE_WORDS.get(t, t) for t in expected))
    if value is None:
        return f"`{key}` is empty, where {want} is expected", f"give `{key}:` its value, or leave the key out"
    got = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else \
        "true or false" if isinstance(value, bool) else f"{value!r}"
    message = f"`{key}` must be {want}, not {got}"
    shown = value if isinstance(value, str) and len(value) <= 60 and not re.search(r"[:#\[\]{},\n]", value) else "..."
    if "array" in expected:
        return message, f"write `{key}: [{shown}]` (a list, even of one)" if not isinstance(value, dict) else \
            f"write `{key}` as a list: `{key}: [..., ...]`"
    if "object" in expected:
        props = err.schema.get("properties", {})
        if props:
            qualifier = "qualifier: ..., " if "qualifier" in props else ""
            if isinstance(value, str) and re.fullmatch(r"[0-9]{4}", value) and "year" in props:
                example = f'{{{qualifier}year: "{value}"}}'
            elif isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) and "date" in props:
                example = f'{{{qualifier}date: "{value}"}}'
            elif isinstance(value, str) and "text" in props:
                example = f"{{text: {shown}}}"
            else:
                example = "{" + ", ".join(f"{p}: ..." for p in list(props)[:2]) + "}"
            return message, f"write `{key}: {example}` (its keys: {', '.join(props)})"
        if "propertyNames" in err.schema:  # (name, aliases: values by language)
            inner = f"[{shown}]" if err.schema.get("additionalProperties", {}).get("type") == "array" else shown
            return message, f"write `{key}: {{es: {inner}}}` (or en:, the language of the words)"
        return message, f"write `{key}:` as a mapping (key: value)"
    if "string" in expected and isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        return message, f"write `{key}: {value[0]}` (one value, not a list)"
    if "boolean" in expected:
        return message, f"write `{key}: true`, or leave the key out"
    if "integer" in expected:
        return message, f"write `{key}:` as a whole number from 1, such as 2"
    return message, f"write `{key}:` as {want}"


# What the schemas' patterns without a description ask for, in a curator's words
_PATTERN_WORDS = {
    "^[0-9]{4}$": "a year of four digits, such as 2019",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date as YYYY-MM-DD, such as 2019-01-15",
    "^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$": "a year (2019) or a date as YYYY-MM-DD (2019-01-15)",
    "^[a-z0-9][a-z0-9-]*$": "an id of lower-case letters, digits and hyphens, such as obs-members",
    "^([A-Za-z0-9][A-Za-z0-9_.-]*#)?[a-z0-9][a-z0-9-]*$":
        "an id of this file, or <article id>#<id> for one of another article's file",
    "^https?://": "a web address starting with http:// or https://",
    "^[a-z]{2,3}(-[A-Za-z0-9]+)*$": "a language tag such as en or es",
    "^[A-Za-z0-9][A-Za-z0-9_.-]*$": "an article id of letters, digits, '.', '_' and '-'",
    "^[1-9][0-9]*$": "a whole number from 1, such as 2",
}


def _key_hint(unknown: str, allowed: list[str], default: str) -> str:
    """For an unknown key: the allowed key it is most likely a typo of, else the keys allowed."""
    near = difflib.get_close_matches(unknown, allowed, n=1, cutoff=0.7)
    if near:
        return f"did you mean `{near[0]}`?"
    return f"the keys allowed here: {', '.join(allowed)}" if allowed else default


def _required_hint(name: str, schema: dict[str, Any], default: str) -> str:
    """How to add a missing key: its allowed values or what it holds."""
    if "enum" in schema:
        return f"add `{name}:` with one of: {', '.join(map(str, schema['enum']))}"
    if schema.get("description"):
        return f"add `{name}:`, {schema['description']}"
    return f"add `{name}:` ({default})"


# Where a file's values become IRIs, language tags or dates in the graph ("*": each item of a list,
# "<key>": each key of a mapping). The schemas check their shape; IRIs and language tags are checked by
# Oxigraph's own parser, the one every load of the graph uses, and dates against the calendar, so that
# a value the graph cannot hold is reported here, at its line, not by a parser or a shape later.
_ENTITY_TERMS = [(("entities", "*", "same_as", "*"), "iri"), (("entities", "*", "name", "<key>"), "language"),
                 (("entities", "*", "aliases", "<key>"), "language"), (("entities", "*", "date"), "date"),
                 (("entities", "*", "start_date"), "date"), (("entities", "*", "end_date"), "date"),
                 (("entities", "*", "published"), "issued")]
_RDF_TERMS: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "article.schema.json": [(("source",), "iri"), (("language",), "language"), (("published",), "date")],
    "entities.schema.json": _ENTITY_TERMS,
    "facts.schema.json": _ENTITY_TERMS + [(("tenures", "*", "start"), "date"), (("tenures", "*", "end"), "date")],
}
_YEAR = re.compile(r"[0-9]{4}")
_DECIMAL_LIMIT = Decimal(2 ** 127) / Decimal(10 ** 18)
_TERM_HINTS = {"iri": ("IRI", "write an absolute IRI, with spaces and other reserved characters percent-encoded"),
               "language": ("language tag", "write a BCP 47 tag such as en, es or es-MX (subtags of 1 to 8 letters or digits)"),
               "date": ("date", "write a date of the calendar, YYYY-MM-DD"),
               "issued": ("release date", "write the date as precisely as the quote writes it: YYYY, YYYY-MM or "
                          "YYYY-MM-DD, a month from 01 to 12 and a day of the calendar")}


def _term_problem(kind: str, value: str) -> str | None:
    if kind == "iri":
        return iris.iri_problem(value)
    if kind == "language":
        return iris.language_problem(value)
    if _YEAR.fullmatch(value):
        return None
    if kind == "issued" and re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        return None if 1 <= int(value[5:]) <= 12 else f"not a month of the calendar (month {value[5:]})"
    try:
        datetime.date.fromisoformat(value)  # (refuses "2024-02-01\n" too, which a schema pattern's $ lets by)
    except ValueError as err:
        return f"not a calendar date ({err})"
    return None


def _check_rdf_terms(doc: Any, schema_name: str, file: Path) -> None:
    for pattern, kind in _RDF_TERMS.get(schema_name, ()):
        for path, value in _values_at(doc, list(pattern), []):
            if not isinstance(value, str):
                continue  # (the schema reports it)
            problem = _term_problem(kind, value)
            if problem is not None:
                what, hint = _TERM_HINTS[kind]
                where = f"{_fact_label(doc, path)}: " if len(path) > 2 else ""
                raise DataError(f"{where}{problem} in the {what} {value!r}", file=file, line=_line_at(doc, path),
                                field=".".join(str(p) for p in path[2:]) or str(path[0]), hint=hint)


def _values_at(node: Any, pattern: list[str], path: list[Any]) -> Iterator[tuple[list[Any], Any]]:
    if not pattern:
        yield path, node
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for i, item in enumerate(node if isinstance(node, list) else ()):
            yield from _values_at(item, rest, path + [i])
    elif head == "<key>":
        for key in node if isinstance(node, dict) else ():
            yield path + [key], key
    elif isinstance(node, dict) and head in node:
        yield from _values_at(node[head], rest, path + [head])


# --- loading -------------------------------------------------------------------------------------------

def load_article(text_path: Path, paths: Paths) -> Article:
    article_id = text_path.stem
    sidecar = text_path.with_suffix(".yaml")
    if not ARTICLE_ID.match(article_id):
        raise DataError(f"bad article id {article_id!r}", file=text_path, hint="rename the file: letters, digits, _ . -")
    if not sidecar.exists():
        raise DataError("article has no sidecar", file=sidecar,
                        hint=f"create it with `id: {article_id}`, `language:` and `sha256:` (kg ingest does this)")
    meta = load_yaml(sidecar)
    if not isinstance(meta, dict):
        raise DataError("sidecar is empty" if meta is None else "sidecar must be a YAML mapping", file=sidecar,
                        line=getattr(meta, "line", 1),
                        hint="write `key: value` lines: id, language, sha256 (kg ingest writes one)")
    check_schema(meta, "article.schema.json", sidecar, paths)
    if meta["id"] != article_id:
        raise DataError(f"id {meta['id']!r} does not match the file name", file=sidecar, line=meta.line_of("id"),
                        field="id", hint=f"set id: {article_id}")
    raw = text_path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != meta["sha256"]:
        raise DataError(f"article text does not match its recorded sha256 (now {digest[:12]}…)", file=sidecar,
                        line=meta.line_of("sha256"), field="sha256",
                        hint=f"restore {text_path.name} to the bytes received; articles are never edited")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, where = not_utf8_at(raw, err)
        raise DataError(f"article is not UTF-8: {where}", file=text_path, line=line,
                        hint="save the text as UTF-8 (kg ingest refuses other encodings too)") from err
    article = Article(id=article_id, path=text_path, sidecar=sidecar, text=text, sha256=digest,
                      language=str(meta["language"]), sections=[],
                      meta={k: str(v) for k, v in meta.items() if k in ("title", "published", "source", "outlet", "author")})
    sections: list[Section] = []
    for number, sec in enumerate(meta.get("sections") or [], start=1):
        try:
            found = article.locate(sec["heading"], _occurrence(sec))
        except LookupError as err:
            raise DataError(f"section heading occurs {err.args[0]} times", file=sidecar, line=sec.line,
                            field="sections.heading", hint="add `occurrence: N`") from err
        if found is None:
            raise DataError(f"section heading {sec['heading']!r} is not in the article", file=sidecar, line=sec.line,
                            field="sections.heading", hint="copy the heading exactly from the text")
        bad = non_xml_char(found.exact)
        if bad is not None:  # (whitespace to the locator: the heading's words match across it)
            raise DataError(f"the heading's passage holds {bad}, a character RDF text cannot hold (XML 1.0 forbids it)",
                            file=sidecar, line=sec.line, field="sections.heading",
                            hint="leave this heading out of `sections`; the article is never edited")
        sections.append(Section(number=number, heading=found.exact, start=found.start, line=found.line))
    article.sections = sections
    return article


_FOLDINGS = (("marks",), ("accents",), ("case",), ("marks", "accents"), ("marks", "case"), ("accents", "case"),
             ("marks", "accents", "case"))
_FOLD_WORDS = {"marks": "apostrophes and quotation marks", "accents": "accents", "case": "upper and lower case"}


def _differs_only_in(article: Article, quote: str) -> tuple[str, str, str] | None:
    """(the article's passage, what differs, how) when ``quote`` is in the article once its apostrophes and
    quotation marks, its accents or its case are set aside (the fewest of these that find it): "Canieti's"
    against "Canieti’s", "afirmo" against "afirmó", "De la Cruz" against "de la Cruz" look alike, and the
    curator is told which, with the characters that differ."""
    for folds in _FOLDINGS:
        hits = article.spans(quote, folds)
        if not hits:
            continue
        start, end = hits[0]
        passage = article.text[start:end]
        written, asked = fold_with_spans(passage)[0], fold_with_spans(quote)[0].strip()
        pairs = [(w, q) for w, q in zip(written, asked) if w != q] if len(written) == len(asked) else []
        shown = ", ".join(f"{w} (U+{ord(w):04X}) where the quote has {q} (U+{ord(q):04X})"
                          for w, q in dict.fromkeys(pairs))
        what = " and ".join(_FOLD_WORDS[f] for f in folds)
        return " ".join(passage.split()), what, shown
    return None


def _locate_fact(article: Article, item: LineDict, file: Path, label: str) -> Quote:
    quote = item.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        raise DataError(f"{label}: missing quote", file=file, line=item.line, field="quote",
                        hint="copy the supporting words verbatim from the article")
    occurrence = _occurrence(item)
    try:
        found = article.locate(quote, occurrence)
    except LookupError as err:
        count = err.args[0]
        if occurrence is not None:
            raise DataError(f"{label}: occurrence {occurrence} asked, but the quote occurs {count} time(s)",
                            file=file, line=item.line_of("occurrence"), field="occurrence",
                            hint=f"use a number from 1 to {count}") from err
        raise DataError(f"{label}: quote occurs {count} times in the article", file=file, line=item.line_of("quote"),
                        field="quote", hint=f"lengthen the quote, or add `occurrence: N` (1..{count})") from err
    if found is None:
        differs = _differs_only_in(article, quote)
        if differs is not None:
            passage, what, shown = differs
            raise DataError(f"{label}: quote not found in {article.path.name} as written: the article writes "
                            f"\"{passage[:120]}\", which differs only in {what}" + (f" ({shown})" if shown else ""),
                            file=file, line=item.line_of("quote"), field="quote",
                            hint=f"write {what} as the article does")
        closest = article.closest_passage(quote)
        raise DataError(f"{label}: quote not found in {article.path.name}; closest passage: \"{closest}\"",
                        file=file, line=item.line_of("quote"), field="quote",
                        hint="copy the words exactly; only whitespace may differ")
    bad = non_xml_char(found.exact)
    if bad is not None:  # (in the article's own text, which is never edited)
        raise DataError(f"{label}: the quoted passage holds {bad}, a character RDF text cannot hold (XML 1.0 "
                        "forbids it)", file=file, line=item.line_of("quote"), field="quote",
                        hint="quote the words before or after it")
    return found


def _occurrence(item: dict[str, Any]) -> int | None:
    """``occurrence: 2`` as a number (the YAML loader keeps numbers as the curator's text; the schema
    allows digits only)."""
    value = item.get("occurrence")
    return None if value is None else int(value)


def _iter_section_items(doc: LineDict) -> Iterator[tuple[str, int, LineDict]]:
    for section in FACT_SECTIONS:
        for index, item in enumerate(doc.get(section) or []):
            yield section, index, item


def _read_entities_file(paths: Paths, vocab: Vocab) -> dict[str, Entity]:
    file = paths.entities_file
    entities: dict[str, Entity] = {}
    if not file.exists():
        return entities
    doc = load_yaml(file)
    if doc is None:
        return entities
    check_schema(doc, "entities.schema.json", file, paths)
    for item in doc.get("entities") or []:
        _check_entity_type(item, file, vocab)
        if item["id"] in entities:
            raise DataError(f"duplicate entity id {item['id']!r} (first at line {entities[item['id']].line})",
                            file=file, line=item.line, field="id", hint="give each entity one id")
        entities[item["id"]] = Entity(id=item["id"], type=item["type"], data=item, file=file, article=None)
    return entities


def _check_entity_type(item: LineDict, file: Path, vocab: Vocab) -> None:
    if vocab.classes and item["type"] not in vocab.classes:
        close = difflib.get_close_matches(item["type"], sorted(vocab.classes), n=3)
        raise DataError(f"entity {item['id']}: unknown type {item['type']!r}", file=file, line=item.line_of("type"),
                        field="type", hint=f"use a class of entities of ontology/canieti.ttl (kg:Entity and below)"
                                           f"{', e.g. ' + ', '.join(close) if close else ''}")


def read_fact_file(path: Path, paths: Paths, articles: dict[str, Article], vocab: Vocab) -> FactFile:
    """Parse and check one fact file on its own (schema, quotes, values); cross-file ids are checked later.

    Every fact is checked and the mistakes of all are raised together (a mistake in the file's schema or
    its article stops it at once)."""
    doc = load_yaml(path)
    if not isinstance(doc, LineDict):
        hint = f"write `article: {path.stem}` and `review: draft` (`reviewed` once checked), then the facts (`kg ingest` drafts a file)"
        if doc is None:
            raise DataError("the fact file is empty", file=path, line=1, hint=hint)
        raise DataError("a fact file must be a YAML mapping with `article:` and `review:`", file=path,
                        line=getattr(doc, "line", 1), hint=hint)
    check_schema(doc, "facts.schema.json", path, paths)
    article_id = doc["article"]
    if article_id != path.stem:
        raise DataError(f"article {article_id!r} does not match the file name", file=path, line=doc.line_of("article"),
                        field="article", hint=f"set article: {path.stem}")
    article = articles.get(article_id)
    if article is None:
        raise DataError(f"no article {article_id!r} in {paths.articles}", file=path, line=doc.line_of("article"),
                        field="article", hint="add the article text and sidecar, e.g. with `kg ingest`")
    review = doc["review"]
    facts: list[Fact] = []
    items: list[Fact] = []
    seen: dict[str, int] = {}

    def claim(ident: str, item: LineDict, label: str) -> None:
        if ident in seen:
            raise DataError(f"{label}: duplicate fact id {ident!r} (first at line {seen[ident]})", file=path,
                            line=item.line_of("id"), field="id", hint="fact ids must be unique within the file")
        seen[ident] = item.line

    found: list[KgError] = []
    for section, index, item in _iter_section_items(doc):
        try:
            _read_fact(section, index, item, claim, article, path, review, vocab, facts, items, found)
        except DataError as err:
            found.append(err)
    raise_collected(found)
    return FactFile(path=path, article=article_id, review=review, data=doc, facts=facts, items=items)


def _read_fact(section: str, index: int, item: LineDict, claim: Any, article: Article, path: Path, review: str,
               vocab: Vocab, facts: list[Fact], items: list[Fact], found: list[KgError]) -> None:
    """One fact, appended to ``facts`` once it checks, then each of its items (their mistakes go to ``found``)."""
    article_id = article.id
    label = f"{section}[{index}] (id {item['id']})"
    claim(item["id"], item, label)
    if item["status"] == "unreviewed" and review != "draft":
        raise DataError(f"{label}: status unreviewed in a reviewed file", file=path, line=item.line_of("status"),
                        field="status", hint="set the status you checked (explicit, implied, ...) or mark the file `review: draft`")
    problems: list[KgError] = []
    try:
        quote: Quote | None = _locate_fact(article, item, path, label)
    except DataError as err:
        problems.append(err)
        quote = None
    time_text = (item.get("time") or {}).get("text") if section == "observations" else None
    if isinstance(time_text, str) and not _in_article(article, item["time"], "text"):
        # (a time text is the article's words, as a quote is: what `kg check` reads the time's year from)
        problems.append(DataError(
            f"{label}: time text {time_text[:80]!r} is not in the article's text", file=path,
            line=item["time"].line_of("text") if isinstance(item["time"], LineDict) else item.line_of("time"),
            field="time.text", hint="copy the words of the article that state the time (only whitespace may differ), "
                                    "or leave `text` out"))
    else:
        problems += _check_values(section, item, quote, path, label, vocab, review, article.language, article)
    purpose = item.get("purpose")
    if section == "entities" and isinstance(purpose, str) and purpose and not _in_article(article, item, "purpose"):
        problems.append(DataError(f"{label}: purpose {purpose[:80]!r} is not in the article's text", file=path,
                                  line=item.line_of("purpose"), field="purpose",
                                  hint="copy the purpose as the article words it (a purpose is a quote, never a summary)"))
    time_text = item.get("time_text") if section == "entities" else None
    if isinstance(time_text, str) and not _in_article(article, item, "time_text"):
        # (an event's time text is the article's words, as an observation's is: its dates are read from it.
        # Checked after the dates, so that a date neither writes is reported as such.)
        problems.append(DataError(f"{label}: time_text {time_text[:80]!r} is not in the article's text", file=path,
                                  line=item.line_of("time_text"), field="time_text",
                                  hint="copy the words of the article that state the time (only whitespace may differ), "
                                       "or leave `time_text` out"))
    if problems:
        found.extend(problems[:-1])
        raise problems[-1]
    facts.append(Fact(section=section, id=item["id"], data=item, quote=quote, file=path, article=article_id))
    for position, sub in enumerate(item.get("items") or [], start=1):
        sub_label = f"{label} item {position} (id {sub['id']})"
        try:
            claim(sub["id"], sub, sub_label)
            sub_quote = _locate_fact(article, sub, path, sub_label)
        except DataError as err:
            found.append(err)
            continue
        items.append(Fact(section="items", id=sub["id"], data=sub, quote=sub_quote, file=path, article=article_id,
                          parent=item["id"], position=position))


def _in_article(article: Article, holder: dict[str, Any], key: str) -> bool:
    """Whether ``holder[key]`` is words of the article, found as a quote is: whitespace folded (a line break or
    a no-break space in the article matches a space), canonically equivalent forms alike, case kept. A time or
    a purpose is the article's words, never a curator's paraphrase. Found only once its accents are composed
    as the article writes them (text copied on macOS), ``holder[key]`` becomes the article's own words."""
    text = holder[key]
    needle = _WS.sub(" ", text).strip()
    if needle and needle in article.normalized()[0]:
        return True
    hits = article.spans(text)
    if hits:
        holder[key] = article.text[hits[0][0]:hits[0][1]]
    return bool(hits)


def _own_words(item: dict[str, Any], key: str, within: str) -> bool:
    """Whether ``item[key]`` is words of ``within`` (a quote's text), whitespace folded, canonically equivalent
    forms alike; when it is so only once its accents are composed as ``within`` writes them (text copied on
    macOS), ``item[key]`` becomes those words of ``within``, which the graph then holds."""
    value = item[key]
    if _WS.sub(" ", value).strip() in _WS.sub(" ", within):
        return True
    folded, starts, ends = fold_with_spans(within)
    needle = fold_with_spans(value)[0].strip()
    index = folded.find(needle) if needle else -1
    if index < 0:
        return False
    item[key] = within[starts[index]:ends[index + len(needle) - 1]]
    return True


def canonical_decimal(text: str) -> str:
    """xsd:decimal canonical form as Oxigraph writes it: no exponent, no trailing zeros, no trailing point."""
    return decimal_text(Decimal(text))


_FRACTION_WORD = re.compile(r"halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|eighths?|tenths?|mitad|tercios?|cuartos?"
                            r"|quintos?|décimos?|decimos?|parte|partes")


def _surface_disagrees(surface: str, item: LineDict, lang: str) -> tuple[str, str, str] | None:
    """(field, message, fix) when the reader of figures understands ``surface`` whole and the observation
    says otherwise: ``value`` (or ``min`` and ``max``) is not what it writes, its currency or percent differs
    from ``unit``, a rank ("third place") is not a rank, a multiplier ("3 veces", "tripled") is not ``times``,
    a range ("between 5% and 7%") is not a min/max range, or the comparator its words write ("more than",
    "más de", "about", "hasta") is not ``comparator``: a typed figure the quote does not back. Not judged: a
    surface with a number the reader leaves out ("US$1.2bn", "one in five"), two figures for one value ("2 de
    cada 10"), a surface that writes no comparator (the quote around it may), and a curator's correction or
    judgement."""
    from kg.figures import NUM_WORDS, RANK_WORD, Sentence, find_figures, pair_figures  # (only for observations with a surface)

    if item.get("status") in ("correction", "judgement"):
        return None
    # Read as written, and with the decimal and thousands separators swapped ("16,2 %" from Spain reads
    # 16 in the Mexican convention the reader follows): a value either reading gives is backed.
    swapped = surface.translate(str.maketrans({",": ".", ".": ","}))
    tokens = [m.span() for m in re.finditer(r"\d(?:[\d.,]*\d)?|[^\W\d_]+", surface)
              if m.group()[0].isdigit() or (m.group().lower() in NUM_WORDS and m.group().lower() not in ("un", "una"))
              or _FRACTION_WORD.fullmatch(m.group().lower())]  # (a fraction is read whole by no figure: never judged)
    declared = {abs(Decimal(item[k])) for k in ("value", "min", "max") if k in item}
    readings: list[tuple[str, list[Figure]]] = []  # (the text read, its figures)
    for text in dict.fromkeys((surface, swapped)):  # (one reading when the surface has no separator to swap)
        figures = find_figures(text, lang, Sentence(0, len(text), text), [])
        whole = all(any(f.start <= a and b <= f.end for f in figures) for a, b in tokens)
        if figures and whole:
            paired = pair_figures(text, figures, 0)  # ("between 375 and 575 billion": the scale is shared, as ingest drafts it)
            # a rank the words say is one ("third place", "lugar 17"), written for the declared value
            ranks = {f.value for f in paired if f.rank_cued and (f.ordinal or RANK_WORD.search(text))}
            if item.get("unit") != "rank" and declared & ranks and not declared & {f.value for f in paired if not f.rank_cued}:
                return "unit", f"unit {item.get('unit')} is not what its surface {surface!r} writes (a rank)", "set `unit: rank`"
            # an ordinal read as a figure is a rank ("a fifth of companies" is a share): judged for ranks only
            if any(f.ordinal for f in paired) and item.get("unit") != "rank":
                continue
            readings.append((text, figures + paired))
    if not readings:
        return None
    problem = _range_disagrees(surface, item, readings, declared)
    if problem is not None:
        return problem
    if "value" in item and all(len({f.value for f in r}) > 1 for _, r in readings):
        return None  # two figures for one value ("2 de cada 10" as 20 percent): the curator's reading
    figures = [f for _, reading in readings for f in reading]
    written = {f.value for f in figures} | {f.minimum for f in figures if f.minimum is not None}
    for key in ("value", "min", "max"):
        if key in item and abs(Decimal(item[key])) not in written:  # (a sign is the curator's: "fell 3.5%")
            shown = ", ".join(decimal_text(v) for v in sorted({f.value for f in readings[0][1]}))
            return key, f"{key} {item[key]} is not the figure its surface {surface!r} writes ({shown})", \
                "give the figure the surface writes (scale words such as million included)"
    # a multiplier the surface writes ("3 veces", "tripled", "threefold", "se triplicó"): a factor, never a count
    if item.get("unit") != "times" and any(f.unit == "times" and f.value in declared for f in figures) \
            and not any(f.unit != "times" and f.value in declared for f in figures):
        return "unit", f"unit {item.get('unit')} is not what its surface {surface!r} writes (a multiplier: times)", \
            ("set `unit: times` (a factor of change or comparison, stated as a percent change is; not a count of things); "
             "a count of occasions ('met three times') keeps `unit: count` with the number alone as its surface")
    # a currency the surface states (not one presumed from a bare "$")
    units = {f.unit for f in figures if f.unit in ("USD", "MXN", "EUR", "percent") and not any("presumed" in n for n in f.notes)}
    unit_fix = "give the unit or currency the surface writes"
    if units and item.get("unit") not in units:
        return "unit", f"unit {item.get('unit')} is not what its surface {surface!r} writes ({', '.join(sorted(units))})", unit_fix
    # a bare "dollars" may be another country's dollars, never pesos or euros
    if item.get("unit") in ("MXN", "EUR") and any(re.search(r"currency written '(?:dollars?|d[óo]lar(?:es)?)'", n)
                                                for f in figures for n in f.notes):
        return "unit", f"unit {item.get('unit')} is not what its surface {surface!r} writes (dollars)", unit_fix
    return _comparator_disagrees(surface, item, readings)


@lru_cache(maxsize=4)
def _sentences(text: str) -> list[Sentence]:
    """An article's sentences, split once for all its rank observations."""
    from kg.figures import split_sentences

    return split_sentences(text)


def _rank_unsaid(item: LineDict, quote: Quote, lang: str, article: Article | None = None) -> tuple[str, str, str] | None:
    """(field, message, fix) when a `unit: rank` observation's surface (else its quote) writes the figure as a
    number and names no rank: no ordinal, rank noun, "No. 1", "top" or superlative (kg.figures.RANK_NAMED), and the
    figure reader, reading the quote's sentence as `kg ingest` does, reads no rank there, or one whose words in the
    quote the surface leaves out. "12 entre", cut from "ocupa el lugar 12 entre los países", is the surface of a
    count, as "3 veces" is no count but `times`; "9" of "del lugar 15 al 9" shares the noun of the change, and a
    quote "al 9 en el índice" follows the words that name it. Not judged: words that write no figure of the value
    ("the largest" as rank 1, "US$1.2bn", which the reader leaves out), a correction, judgement or implied
    observation (the curator's reading: "México es el 12 exportador de autos" ranks with no rank word)."""
    from kg.figures import RANK_NAMED, Sentence, find_figures, pair_figures

    if item.get("unit") != "rank" or item.get("status") in ("correction", "judgement", "implied"):
        return None
    surface = item.get("surface")
    if RANK_NAMED.search(_WS.sub(" ", surface or quote.exact)):
        return None
    start, end = quote.start, quote.end  # (the sentences the quote is in: a rank noun before it may be its figure's)
    if article is not None:
        around = [s for s in _sentences(article.text) if s.start < quote.end and quote.start < s.end]
        start, end = min([start, *(s.start for s in around)]), max([end, *(s.end for s in around)])
    text = article.text[start:end] if article is not None else quote.exact
    q0, q1 = quote.start - start, quote.end - start
    words = r"\s+".join(map(re.escape, surface.split())) if surface else None
    spans = [(q0 + m.start(), q0 + m.end()) for m in re.finditer(words, text[q0:q1])] if words else [(q0, q1)]
    declared = {abs(Decimal(item[k])) for k in ("value", "min", "max") if k in item}
    figures = pair_figures(text, find_figures(text, lang, Sentence(0, len(text), text), []), 0)
    written = [(f, a, b) for f in figures for a, b in spans  # (a number the words begin: "11" cut from "11th")
               if a <= f.start < b and (f.value in declared or f.minimum in declared)]
    if not written or any(f.rank_cued and a <= max(f.surface_start, q0) and min(f.surface_end, q1) <= b
                          for f, a, b in written):
        return None
    if surface is None:
        figure = decimal_text(min(declared))
        return "unit", (f"unit rank is not what its quote writes (the figure {figure} with no rank named: no ordinal, "
                        "and no place, lugar or puesto)"), \
            "give the unit the figure is (count, percent, ...), or quote the words that name its rank ('lugar 12', " \
            "'12th place', 'third', 'No. 1'); a rank the text gives with no such words ('el 12 exportador'): " \
            "`status: implied`"
    ranked = next((" ".join(text[max(f.surface_start, q0):min(f.surface_end, q1)].split()) for f, _, _ in written
                   if f.rank_cued), None)
    if ranked is not None:  # (the quote names the rank, the surface leaves its words out)
        return "surface", f"unit rank is not what its surface {surface!r} writes (no rank named; the quote's rank is " \
            f"{ranked!r})", f"set `surface: {ranked}`"
    return "unit", (f"unit rank is not what its surface {surface!r} writes (a number with no rank named: no ordinal, "
                    "and no place, lugar or puesto)"), \
        "give the unit the figure is (count, percent, ...), or make the surface the words that name its rank " \
        "('lugar 12', '12th place', 'third', 'No. 1'); a rank the text gives with no such words ('el 12 " \
        "exportador'): `status: implied`"


def _range_disagrees(surface: str, item: LineDict, readings: list[tuple[str, list[Figure]]],
                     declared: set[Decimal]) -> tuple[str, str, str] | None:
    """A range the surface writes ("between 5% and 7%", "entre 5 y 7%", "5-7%"), whole or at the figures
    declared, given as one value or with another comparator than between: its ends are both the article's."""
    for _, reading in readings:
        singles = [f for f in reading if f.minimum is None]
        for rng in (f for f in reading if f.minimum is not None):
            alone = all(rng.start <= f.start and f.end <= rng.end for f in singles)  # (the surface is the range)
            if not (alone or declared & {rng.minimum, rng.value}):
                continue
            ends = f"{decimal_text(rng.minimum)} to {decimal_text(rng.value)}"
            fix = f"give the range as `min: \"{decimal_text(rng.minimum)}\"` and `max: \"{decimal_text(rng.value)}\"`, " \
                  "with `comparator: between`"
            if "value" in item:
                return "value", f"value {item['value']} is given for the range its surface {surface!r} writes ({ends})", fix
            if item.get("comparator") not in (None, "between"):
                return "comparator", (f"comparator {item['comparator']} is not what its surface {surface!r} writes "
                                      f"(between: a range, {ends})"), "set `comparator: between`"
    return None


def _comparator_disagrees(surface: str, item: LineDict, readings: list[tuple[str, list[Figure]]]) -> tuple[str, str, str] | None:
    """The comparator the surface writes before the declared value ("more than 1,500", "más de 1,500",
    "about", "hasta", "or more"), when it writes one and ``comparator`` is another; none written, no verdict."""
    from kg.figures import comparators_written

    comparator = item.get("comparator")
    if comparator is None or "value" not in item:  # (a range's comparator: _range_disagrees)
        return None
    value = abs(Decimal(item["value"]))
    allowed = [(f.comparator, comparators_written(f, text)) for text, reading in readings
               for f in reading if f.minimum is None and f.value == value]
    if not allowed or any("exact" in also for _, also in allowed) or any(comparator in also for _, also in allowed):
        return None
    written = sorted({c for c, _ in allowed})
    also = sorted({c for _, cs in allowed for c in cs} - set(written))
    return "comparator", f"comparator {comparator} is not what its surface {surface!r} writes ({', '.join(written)})", \
        f"set `comparator: {written[0]}`" + (f" (or {', '.join(written[1:] + also)})" if len(written) > 1 or also else "")


# The key naming who said a statement or gave a figure, which a fact's `attribution_status` qualifies
_ATTRIBUTED_BY = {"statements": "speaker", "observations": "attributed_to"}


def _check_values(section: str, item: LineDict, quote: Quote | None, file: Path, label: str, vocab: Vocab,
                  review: str, lang: str = "en", article: Article | None = None) -> list[DataError]:
    """The fact's mistakes in its values, each a line (all of them: a curator fixes a fact in one round). Without
    its ``quote`` (not found), what the quote decides is left for the next round."""
    problems: list[DataError] = []

    def fail(field_name: str, message: str, hint: str) -> None:
        problems.append(DataError(f"{label}: {message}", file=file, line=item.line_of(field_name), field=field_name,
                                  hint=hint))

    said = quote.exact if quote is not None else None
    if section == "entities":
        try:
            _check_entity_type(item, file, vocab)
        except DataError as err:
            problems.append(err)
        for key in unwritten_dates(item, said) if said is not None else ():  # (the schema checked form and calendar)
            fail(key, f"{key} {item[key]} is not written in the quote" + (" or time_text" if item.get("time_text") else ""),
                 "quote the words that state the date (not the dateline's, nor another clause's), or leave the date out")
    if section == "tenures" and said is not None:
        problem = _tenure_day_unwritten(item, said, lang)
        if problem is not None:
            fail(*problem)
    dated = ("date", "start_date", "end_date", "published") if section == "entities" else ("start", "end") \
        if section == "tenures" else ()
    for key in dated if article is not None and quote is not None else ():
        value = item.get(key)
        if isinstance(value, str) and (len(value) == 10 or key == "published") \
                and _dated_by_dateline(article, quote, value, item.get("time_text")):
            start, end = article.dateline()  # type: ignore[union-attr, misc]
            fail(key, f"{key} {value} is written in the quote only in the article's dateline "
                 f"({' '.join(article.text[start:end].split())!r}), the day the item was filed, not the day of what it reports",
                 f"leave `{key}` out, or quote a sentence of the article that states {value}")
    if section == "mentions" and said is not None:
        form = item.get("form")
        if form and not _own_words(item, "form", said):
            fail("form", f"form {form!r} is not inside the quote", "the form must be the name as written in the quote")
    if section == "relations" and vocab.schemes and not vocab.has("relation", item["relation"]):
        close = difflib.get_close_matches(item["relation"], sorted(vocab.schemes.get("relation", [])), n=3)
        fail("relation", f"unknown relation type {item['relation']!r}",
             f"use one of ontology/vocab/relations.ttl{': ' + ', '.join(close) if close else ''}")
    if section == "statements" and not item.get("speaker") and not item.get("unattributed"):
        fail("speaker", "a statement needs `speaker:` or `unattributed: true`", "name who said it, or mark it unattributed")
    who = _ATTRIBUTED_BY.get(section)
    if who and item.get("attribution_status") and not item.get(who):
        fail("attribution_status", f"attribution_status {item['attribution_status']} says how the article gives the "
             f"`{who}`, and this {section[:-1]} has none",
             f"leave `attribution_status` out of an unattributed {section[:-1]}, or give `{who}:`")
    if section != "observations":
        return problems
    for key in ("value", "min", "max"):
        if key in item:
            try:
                number = Decimal(str(item[key]))
            except InvalidOperation:
                fail(key, f"{key} {item[key]!r} is not a number", 'write a plain decimal string such as "456000000" or "16.2"')
                continue
            # Oxigraph's xsd:decimal (128 bits, 18 decimal places) keeps larger ones as text its comparisons skip
            if abs(number) >= _DECIMAL_LIMIT or len(decimal_text(number).partition(".")[2]) > 18:
                fail(key, f"{key} {item[key]} is beyond the decimals the graph compares (below 1.7e20, at most 18 "
                     "decimal places)", "write the figure at the precision the article gives, within those bounds")
    numbers_ok = not problems
    if numbers_ok and "min" in item and Decimal(item["min"]) > Decimal(item["max"]):
        fail("min", f"min {item['min']} is above max {item['max']}", "swap min and max")
    if item["comparator"] == "between" and "value" in item:
        fail("comparator", "comparator between needs `min` and `max`", "give the range as min/max")
    if vocab.unit_codes and item["unit"] not in vocab.unit_codes:
        fail("unit", f"unknown unit or currency {item['unit']!r}",
             f"use one of {', '.join(sorted(vocab.unit_codes))} (ontology/vocab/units.ttl)")
    measure = item.get("measure")
    if measure is None and review != "draft":
        fail("measure", "missing measure", "name a concept of ontology/vocab/measures.ttl (add one there if none fits)")
    if measure is not None and vocab.schemes and not vocab.has("measure", measure):
        fail("measure", *_unknown_concept(vocab, "measure", measure, "measures.ttl"))
    per = item.get("per")
    if per in _PER_YEAR:  # (one way to state a yearly amount: the time qualifier the checks and queries read)
        fail("per", f"per {per} is the time qualifier per-year, not a `per` concept",
             "write `time: {qualifier: per-year}` (with the year, if the quote states one) and leave `per` out")
    elif per is not None and vocab.schemes and not vocab.has("per", per):
        fail("per", *_unknown_concept(vocab, "per", per, "per.ttl"))
    if not item.get("attributed_to") and not item.get("unattributed") and review != "draft":
        fail("attributed_to", "an observation needs `attributed_to:` or `unattributed: true`",
             "name the source, or mark it unattributed (the article's own voice)")
    if not item.get("about") and review != "draft":  # (the shapes' rule too, which ran only once the rest passed)
        fail("about", "an observation needs `about`: the ids of the entities the figure is about",
             "add `about: [<entity id>]` (one or more ids)")
    if said is None:
        return problems
    surface = item.get("surface")
    if surface and not _own_words(item, "surface", said):
        fail("surface", f"surface {surface!r} is not inside the quote", "copy the figure as written in the quote")
    elif numbers_ok and quote is not None:
        problem = (_surface_disagrees(item["surface"], item, lang) if surface else None) \
            or _rank_unsaid(item, quote, lang, article)
        if problem is not None:
            fail(*problem)
    statistic = item.get("statistic")
    if statistic in _STATISTIC_WORDS and item.get("status") == "explicit" \
            and not re.search(_STATISTIC_WORDS[statistic], _WS.sub(" ", said), re.IGNORECASE):
        fail("statistic", f"statistic {statistic} is not written in the quote (an explicit fact states it in so many "
             f"words: {_STATISTIC_EXAMPLES[statistic]})",
             f"quote the words that say it is {'an' if statistic == 'average' else 'the' if statistic == 'median' else 'a'} "
             f"{statistic}, mark the fact `status: implied`, or leave `statistic` out")
    if isinstance(per, str) and item.get("status") == "explicit" and _per_written(per, _WS.sub(" ", said)) is False:
        fail("per", f"per {per} is not written in the quote (an explicit fact states it in so many words: "
             f"{_PER_EXAMPLES[per]})",
             "quote the words that say what the figure is per, mark the fact `status: implied`, or leave `per` out")
    time = item.get("time") or {}
    for key in ("date", "start", "end"):
        if key in time and len(time[key]) == 10:
            _check_date(time[key], fail, "time")
    problem = _time_disagrees(item, f"{said} {time.get('text') or ''}") if numbers_ok else None
    if problem is not None:
        key, message, hint = problem
        line = time.line_of(key) if isinstance(time, LineDict) else item.line_of("time")
        problems.append(DataError(f"{label}: {message}", file=file, line=line, field=f"time.{key}", hint=hint))
    return problems


_PER_YEAR = {"year", "per-year", "annual", "yearly", "anual", "ano", "año"}
# The words that state what a figure is per (ontology/vocab/per.ttl), English and Spanish: a noun after "per",
# "por", "each", "cada" ("por empresa", "each company", "per capita"), a period's also after "a", "al", "a la"
# ("a week", "al mes"), or a period's adjective ("mensuales", "weekly"). ``kg ingest`` drafts `per` from them; ``kg check`` requires them in an explicit
# fact's quote (a concept added to the open scheme without words here is not judged).
PER_NOUNS = {
    "company": "company|companies|firm|firms|business|businesses|SME|SMEs|startup|startups|empresa|empresas|compañía|"
               "compañia|negocio|pyme|pymes|mipyme|mipymes",
    "person": "person|persons|people|capita|cápita|inhabitant|inhabitants|habitante|habitantes|user|users|usuario|"
              "usuarios|persona|personas|head|individuo|student|students|estudiante|estudiantes|alumno|alumnos|alumna|"
              "alumnas|pupil|pupils|trainee|trainees|becario|becarios|becaria|becarias|scholar|scholars|beneficiary|"
              "beneficiaries|beneficiario|beneficiarios|beneficiaria|beneficiarias|participant|participants|"
              "participante|participantes|attendee|attendees|asistente|asistentes|graduate|graduates|egresado|"
              "egresados|egresada|egresadas|child|children|niño|niños|niña|niñas|joven|jóvenes|youth",
    "employee": "employee|employees|worker|workers|empleado|empleados|trabajador|trabajadores|colaborador|colaboradores",
    "applicant": "applicant|applicants|solicitante|solicitantes",
    "project": "project|projects|proyecto|proyectos",
    "month": "month|mes", "week": "week|semana", "day": "day|día|dia", "hour": "hour|hora",
}
_PER_EXAMPLES = {"company": "'per company', 'por empresa', 'each firm'", "person": "'per person', 'per capita', 'por persona'",
                 "employee": "'per employee', 'por trabajador'", "applicant": "'per applicant', 'por solicitante'",
                 "project": "'per project', 'por cada proyecto'", "month": "'a month', 'monthly', 'al mes', 'mensuales'",
                 "week": "'a week', 'weekly', 'por semana', 'semanales'", "day": "'a day', 'daily', 'al día', 'diarios'",
                 "hour": "'an hour', 'per hour', 'por hora'"}
PER_LEAD, PER_TIME_LEAD = "per|por|each|every|cada", r"a[ \u00a0]+la|al|an?"  # (the second for periods only)
# a period's "a"/"al" that is a point in time, not a rate: "al día de hoy", "al mes de junio", "a day before", "a month ago"
PER_NOT_RATE = r"(?![ \u00a0]+(?:de|del|siguiente|anterior|previo|previa|pasad[oa]|ago|before|after|earlier|later|of)\b)"
PER_ADJECTIVES = {"month": "monthly|mensual|mensuales|mensualmente", "week": "weekly|semanal|semanales|semanalmente",
                  "day": "daily|diario|diaria|diarios|diarias|diariamente", "hour": "hourly"}


def _per_pattern(per: str) -> re.Pattern[str]:
    """The words of ``per`` (a concept of PER_NOUNS) as a pattern."""
    nouns = PER_NOUNS[per]
    # "per company", "por cada una de las empresas", "each of the 50 companies", "per participating company",
    # "a per-company subsidy", "the 50 companies each"; a period also "a week", "al mes", "a la semana" (but "a la
    # empresa", "to a company" say no per, nor "al mes de junio" a rate), and its adjective ("monthly")
    pattern = (rf"\b(?:{PER_LEAD})(?:-|[ \u00a0]+(?:[\w,.]+[ \u00a0]+){{0,3}}?)(?:{nouns})\b"
               rf"|\b(?:{nouns})[ \u00a0]+(?:each|every one)\b")
    if per in PER_ADJECTIVES:
        pattern += rf"|\b(?:{PER_TIME_LEAD})[ \u00a0]+(?:{nouns})\b{PER_NOT_RATE}|\b(?:{PER_ADJECTIVES[per]})\b"
    return re.compile(pattern, re.IGNORECASE)


_PER_WRITTEN = {per: _per_pattern(per) for per in PER_NOUNS}


def _per_written(per: str, said: str) -> bool | None:
    """Whether ``said`` writes the words of ``per`` (None: a concept with no words known here)."""
    pattern = _PER_WRITTEN.get(per)
    return None if pattern is None else pattern.search(said) is not None
# The words that state a statistic, English and Spanish ("an average of", "el salario promedio", "la mediana", "en total")
_STATISTIC_WORDS = {
    "average": r"\b(?:averages?|averaged|mean|promedios?|promedia(?:n|ba|ron)?|media)\b",
    # ("pequeñas y medianas empresas", "la mediana industria": medium-sized firms, no median)
    "median": r"\b(?:medians?|medianas?(?![ \u00a0]+(?:empresas?|compañías?|companias?|industrias?|negocios?|emprendedores)\b))\b",
    "total": r"\b(?:total(?:es|s|ed|ing|iza|izan|izaron|izó)?|in all|altogether|combined|en conjunto|sumad[oa]s?|suman?|sumaron)\b",
}
_STATISTIC_EXAMPLES = {"average": "'average', 'mean', 'promedio', 'media'", "median": "'median', 'mediana'",
                       "total": "'total', 'in all', 'combined', 'en total', 'en conjunto', 'sumados'"}


def _time_disagrees(item: LineDict, said: str) -> tuple[str, str, str] | None:
    """(key of ``time``, message, fix) when the year an observation's ``time`` states (``year``, ``start``,
    ``end``, a ``date``'s) is not written in ``said`` (its quote and ``time.text``) though a year is, or its
    ``qualifier`` is not what the words written with that year say ("by 2027", "desde 2012", "a finales de
    2016"): a time the article does not state there is invented. Not judged: a text that writes no year
    ("by the same year") or no qualifier word, per-year and year-on-year (a rate, beside any year: "annual
    losses in 2016"), and a curator's correction or judgement."""
    from kg.figures import QUALIFIER_AGREES, qualifiers_written, years_written  # (only for observations with a time)

    time = item.get("time")
    if not isinstance(time, dict) or item.get("status") in ("correction", "judgement"):
        return None
    said = _WS.sub(" ", said)
    figures = {abs(Decimal(item[k])) for k in ("value", "min", "max") if k in item}  # ("about 2000 companies")
    written = {y for y in years_written(said) if Decimal(y) not in figures}
    stated = [(key, time[key][:4]) for key in ("year", "date", "start", "end") if isinstance(time.get(key), str)]
    for key, year in stated:
        if written and year not in written:
            what = f"the year of date {time[key]}" if key == "date" else f"{key} {year}"
            return key, (f"{what} is not written in its quote or time text (they write {', '.join(sorted(written))})"), \
                f"give the year the quote states, or quote the words that state {year} (in `quote` or `time.text`)"
    qualifier = time.get("qualifier")
    if qualifier not in QUALIFIER_AGREES:  # (per-year, year-on-year, or none)
        return None
    hits = [(q, y, words) for q, y, words in qualifiers_written(said) if q in QUALIFIER_AGREES]
    keyed = [year for key, year in stated if key in ("year", "date")]
    if keyed:
        hits = [h for h in hits if h[1] in keyed]
    elif stated:
        return None  # (a period's words, "del 2012 al 2018", are not its qualifier's)
    if not hits or any(qualifier in QUALIFIER_AGREES[q] for q, _, _ in hits):
        return None
    allowed = sorted({a for q, _, _ in hits for a in QUALIFIER_AGREES[q]}, key=lambda a: (a != hits[0][0], a))
    shown = ", ".join(f"{words!r} ({q})" for q, _, words in hits)
    return "qualifier", f"qualifier {qualifier} is not what its quote or time text writes: {shown}", \
        f"set `qualifier: {allowed[0]}`" + (f" (or {', '.join(allowed[1:])})" if len(allowed) > 1 else "")


def unwritten_dates(data: dict[str, Any], quote: str) -> list[str]:
    """The keys of an entity's dates (``date``, ``start_date``, ``end_date``, a release date ``published`` at
    its precision) that its quote, or its ``time_text``, does not write: a date the article does not state there is not the article's."""
    keys = [key for key in ("date", "start_date", "end_date", "published") if isinstance(data.get(key), str)]
    if not keys:
        return []
    from kg.figures import date_written, issued_written  # (only for dated entities)

    said = _WS.sub(" ", f"{quote} {data.get('time_text') or ''}")
    return [key for key in keys if not (issued_written if key == "published" else date_written)(data[key], said)]


def _dated_by_dateline(article: Article, quote: Quote, value: str, time_text: Any = None) -> bool:
    """Whether the date ``value`` (YYYY-MM-DD) is written in ``quote`` (and ``time_text``) only inside the
    article's dateline ("Monterrey, Nuevo León, 12 de marzo de 2026.-"): the day the item was filed, which
    the README says is never an event's, nor a term's start. A date the quote writes in its body too, or a
    quote that leaves the dateline out, decides nothing here."""
    if quote.start > 1200:  # (no dateline lies so far into the text: nothing to read)
        return False
    dateline = article.dateline()
    if dateline is None or quote.end <= dateline[0] or quote.start >= dateline[1]:
        return False
    from kg.figures import issued_written  # (a day as date_written reads it; a year or a month, a release date's)

    text = article.text
    said = f"{quote.exact} {time_text}" if isinstance(time_text, str) else quote.exact
    if not issued_written(value, _WS.sub(" ", said)):
        return False  # (a date neither writes: another check's)
    body = f"{text[quote.start:max(quote.start, dateline[0])]} {text[max(quote.start, dateline[1]):quote.end]}"
    if isinstance(time_text, str) and not all(dateline[0] <= a and b <= dateline[1] for a, b in article.spans(time_text)):
        body += f" {time_text}"  # (a time text is the article's words: the dateline's own, or the body's)
    return not issued_written(value, _WS.sub(" ", body))


def _tenure_day_unwritten(item: dict[str, Any], quote: str, lang: str) -> tuple[str, str, str] | None:
    """(field, message, fix) when an explicit tenure's ``start`` or ``end`` is a date its quote does not write,
    as an event's date is held to its words: a day the quote does not write though it writes one ("took office
    on March 3, 2012" given as 2012-03-04), a day in a quote that writes none, or a year in a quote that writes
    no year at all. A correction or a judgement is the curator's, and an implied term's dates come from
    elsewhere in the article. Years are not held to the words when the quote writes one: its other numbers
    ("2000 empresas"), names ("Agenda 2030") and a predecessor's years ("hasta 2012, cuando la sucedió") would
    refuse good facts."""
    dated = [(key, item[key]) for key in ("start", "end") if isinstance(item.get(key), str)]
    if not dated or item.get("status") in ("correction", "judgement"):
        return None
    from kg.figures import date_written, extract_dates, years_written

    said = _WS.sub(" ", quote)
    days = [d.surface for d in extract_dates(said, lang) if d.iso or d.year is None]  # (a day, with or without year)
    explicit = item.get("status") == "explicit"
    for key, value in dated:
        if len(value) == 10 and days and not date_written(value, said):
            return key, f"{key} {value} is not the date its quote writes ({', '.join(map(repr, days))})", \
                f"give the date the quote writes, or quote the words that state {value}"
        if explicit and len(value) == 10 and not days:
            return key, f"{key} {value} is a day its quote does not write (it writes no date)", \
                f"quote the words that state {value}, give only the year they state, or leave `{key}` out"
        if explicit and not years_written(said):
            return key, f"{key} {value} is not written in its quote (it writes no year)", \
                f"quote the words that state {value[:4]}, or leave `{key}` out (an article that does not state it " \
                "leaves it unknown)"
    return None


def _check_date(text: str, fail: Any, field_name: str) -> None:
    problem = _term_problem("date", text)
    if problem is not None:
        fail(field_name, f"{text!r} is {problem}", _TERM_HINTS["date"][1])


def _check_references(corpus: Corpus, entities: Iterable[Entity] | None = None,
                      declared_elsewhere: Callable[[str], Path | None] | None = None) -> None:
    """Every entity id, event id and fact reference in a fact file must resolve; and the references of
    ``entities`` (default: all of the corpus's; an article checked alone passes only its own, the
    shared ones being checked once per build, not once per article). Every mistake is reported.
    ``declared_elsewhere`` names the fact file of an id the corpus does not hold (a file checked alone)."""
    errors: list[KgError] = []
    for ff in corpus.fact_files.values():
        for fact in ff.facts + ff.items:
            label = f"{fact.section} (id {fact.id})"
            for key, value in fact.data.items():
                if key in ENTITY_REF_KEYS.get(fact.section, ()):
                    for ref in value if isinstance(value, list) else [value]:
                        entity = corpus.entities.get(ref)
                        # (the fact file of another article that declares it: checked alone, the corpus lacks it)
                        other = entity.file if entity is not None and entity.article not in (None, ff.article) else \
                            declared_elsewhere(ref) if entity is None and declared_elsewhere else None
                        if other is not None:
                            # Keeping each article self-contained is what lets the build cache and validate it alone.
                            errors.append(DataError(
                                f"{label}: entity {ref!r} is declared in another article's fact file ({other.name})",
                                file=ff.path, line=fact.data.line_of(key), field=key,
                                hint="an entity used by several articles belongs in data/entities.yaml: run "
                                     f"`kg entities share {ref}` to move it there"))
                        elif entity is None:
                            close = difflib.get_close_matches(ref, sorted(corpus.entities), n=3)
                            errors.append(DataError(f"{label}: unknown entity id {ref!r}", file=ff.path,
                                                    line=fact.data.line_of(key), field=key,
                                                    hint=("did you mean " + ", ".join(close) + "? " if close else "")
                                                    + "declare it in data/entities.yaml or this file's entities"))
                elif key in FACT_REF_KEYS.get(fact.section, ()):
                    try:
                        _check_fact_ref(corpus, ff, value, fact, key)
                    except DataError as err:
                        errors.append(err)
            if fact.section in ("statements", "entities", "items"):
                for topic in fact.data.get("topics") or []:
                    if corpus.vocab.schemes and not corpus.vocab.has("topic", topic):
                        errors.append(DataError(f"{label}: unknown topic {topic!r}", file=ff.path,
                                                line=fact.data.line_of("topics"), field="topics",
                                                hint=_unknown_topic_fix(corpus.vocab, topic)))
    for entity in corpus.entities.values() if entities is None else entities:
        for key in ENTITY_PROP_REFS:
            ref = entity.data.get(key)
            if ref is not None and ref not in corpus.entities:
                errors.append(DataError(f"entity {entity.id}: unknown entity id {ref!r}", file=entity.file,
                                        line=entity.data.line_of(key), field=key, hint="declare it first"))
                continue
            owner = corpus.entities[ref].article if ref is not None else None
            if owner is not None and owner != entity.article:
                errors.append(DataError(f"entity {entity.id}: {key} {ref!r} is declared in another article's fact file",
                                        file=entity.file, line=entity.data.line_of(key), field=key,
                                        hint=f"move {ref!r} to data/entities.yaml"))
        for topic in entity.data.get("topics") or []:
            if corpus.vocab.schemes and not corpus.vocab.has("topic", topic):
                errors.append(DataError(f"entity {entity.id}: unknown topic {topic!r}", file=entity.file,
                                        line=entity.data.line_of("topics"), field="topics",
                                        hint=_unknown_topic_fix(corpus.vocab, topic)))
    raise_collected(errors)


ENTITY_REF_KEYS: dict[str, tuple[str, ...]] = {
    "mentions": ("entity",),
    "tenures": ("person", "post", "announced_at"),
    "participations": ("agent", "event"),
    "relations": ("subject", "object"),
    "statements": ("speaker", "at", "about"),
    "plans": ("plan",),
    "observations": ("about", "attributed_to", "at"),
    "items": ("refers_to",),
}
FACT_REF_KEYS: dict[str, tuple[str, ...]] = {
    "tenures": ("previous", "predecessor"),
    "observations": ("statement", "compared_with"),
}
ENTITY_PROP_REFS = ("organization", "parent", "series", "part_of", "follows", "place", "organizer", "country")


REF_TARGET_SECTION = {"previous": "tenures", "predecessor": "tenures", "statement": "statements",
                      "compared_with": "observations"}  # (what each fact reference must name)


def _check_fact_ref(corpus: Corpus, ff: FactFile, value: str, fact: Fact, key: str) -> None:
    wanted = REF_TARGET_SECTION[key]
    if "#" in value:
        other_article, other_id = value.split("#", 1)
        other = corpus.fact_files.get(other_article)
        candidates = [f for f in other.facts if f.id == other_id] if other is not None else []
    else:
        candidates = [f for f in ff.facts if f.id == value]
    if not candidates:
        raise DataError(f"{fact.section} (id {fact.id}): {key} names unknown fact {value!r}", file=ff.path,
                        line=fact.data.line_of(key), field=key,
                        hint="use a fact id of this file, or <article-id>#<fact-id> for another article")
    target = candidates[0]
    if target is fact:
        raise DataError(f"{fact.section} (id {fact.id}): {key} names the fact itself", file=ff.path,
                        line=fact.data.line_of(key), field=key, hint=f"name another of the {wanted}")
    if target.section != wanted:
        raise DataError(f"{fact.section} (id {fact.id}): {key} must name one of the {wanted}, and {value!r} is one "
                        f"of the {target.section}", file=ff.path, line=fact.data.line_of(key), field=key,
                        hint=f"use the id of a fact under `{wanted}:`")


def check_yaml_names(folder: Path, names: Iterable[str]) -> None:
    """A sidecar or fact file named ``x.yml`` (or ``x.YAML``) would be left out without a word: refused."""
    for name in names:
        stem, dot, ext = name.rpartition(".")
        if stem and not name.startswith(".") and dot and ext.lower() in ("yml", "yaml") and ext != "yaml":
            raise DataError("a data file in YAML must end in .yaml, or the build leaves it out", file=folder / name,
                            hint=f"rename it to {stem}.yaml")


def load_corpus(paths: Paths, *, include_drafts: bool = False) -> Corpus:
    """Read and check everything under data/; raises the mistakes of every fact file, else of every reference."""
    vocab = load_vocab(paths)
    check_vocab(vocab)
    articles: dict[str, Article] = {}
    if not paths.articles.is_dir():
        raise DataError("no articles folder", file=paths.articles, hint="create data/articles/ or pass --data")
    check_yaml_names(paths.articles, (p.name for p in paths.articles.iterdir()))
    if paths.facts.is_dir():
        check_yaml_names(paths.facts, (p.name for p in paths.facts.iterdir()))
    for text_path in sorted(paths.articles.glob("*.txt")):
        articles[text_path.stem] = load_article(text_path, paths)
    for sidecar in sorted(paths.articles.glob("*.yaml")):
        if sidecar.stem not in articles:
            raise DataError("sidecar without article text", file=sidecar, hint=f"add {sidecar.stem}.txt or remove the sidecar")
    entities = _read_entities_file(paths, vocab)
    fact_files: dict[str, FactFile] = {}
    drafts: list[Path] = []
    errors: list[KgError] = []
    for path in sorted(paths.facts.glob("*.yaml")) if paths.facts.is_dir() else []:
        try:
            ff = read_fact_file(path, paths, articles, vocab)
        except DataError as err:  # every file is read: its mistakes are reported with the others'
            errors.append(err)
            continue
        if ff.review == "draft" and not include_drafts:
            drafts.append(path)
            continue
        fact_files[ff.article] = ff
        for fact in ff.facts:
            if fact.section != "entities":
                continue
            if fact.id in entities:
                first = entities[fact.id]
                errors.append(DataError(f"entity id {fact.id!r} is already declared in {first.file.name}:{first.line}",
                                        file=path, line=fact.line, field="id",
                                        hint=f"an entity used by several articles belongs once in data/entities.yaml: "
                                             f"run `kg entities share {fact.id}`" if first.article is not None else
                                             f"delete this declaration and quote it as a mention (`entity: {fact.id}`)"))
                continue
            entities[fact.id] = Entity(id=fact.id, type=fact.data["type"], data=fact.data, file=path, article=ff.article)
    # (ids are resolved once every file reads: a fact left out for its own mistake would be reported again
    # by each reference to it)
    raise_collected(errors)
    corpus = Corpus(paths=paths, articles=articles, fact_files=fact_files, entities=entities, vocab=vocab, drafts=drafts)
    _check_references(corpus)
    return corpus


def check_fact_file(path: Path, paths: Paths) -> FactFile:
    """The curator's edit loop: one fact file against its article, the schema, the vocabularies and the ids."""
    corpus = fact_file_corpus(path, paths)
    return next(iter(corpus.fact_files.values()))


def fact_file_corpus(path: Path, paths: Paths) -> Corpus:
    """``check_fact_file``'s corpus: the article, its fact file (checked, a draft too) and the entities of
    data/entities.yaml and of the file; what the shapes of ``kg check`` then see."""
    path = input_file(path, "give the path of a fact file, e.g. data/facts/<id>.yaml")
    if paths.data is not None and path.resolve() == (paths.data / "entities.yaml").resolve():
        raise UsageError("this is the shared entities file, not a fact file", file=path,
                         hint="run `kg check` without arguments: it checks the entities with the whole corpus")
    if path.resolve().parent == paths.articles.resolve():
        raise UsageError("this is an article's " + ("sidecar (its metadata)" if path.suffix == ".yaml" else "text")
                         + ", not a fact file", file=path,
                         hint=f"check its fact file, `kg check {display_path(str(paths.facts / (path.stem + '.yaml')))}`, "
                              "or run `kg check` without arguments: it checks every article and sidecar")
    vocab = load_vocab(paths)
    check_vocab(vocab)
    article_id = path.stem
    text_path = paths.articles / f"{article_id}.txt"
    if not text_path.exists():
        raise DataError(f"no article text {text_path.name}", file=path, hint=f"put the article at {text_path}")
    articles = {article_id: load_article(text_path, paths)}
    ff = read_fact_file(path, paths, articles, vocab)
    entities = _read_entities_file(paths, vocab)
    for fact in ff.facts:
        if fact.section == "entities":
            entities[fact.id] = Entity(id=fact.id, type=fact.data["type"], data=fact.data, file=path, article=ff.article)
    # Other articles' fact files are not read here: references into them are checked by `kg build`.
    corpus = Corpus(paths=paths, articles=articles, fact_files={ff.article: ff}, entities=entities, vocab=vocab)
    _check_references_lenient(corpus)
    return corpus


def _check_references_lenient(corpus: Corpus) -> None:
    """As _check_references, but a reference to another article's fact is accepted unchecked; an entity id
    declared only in another article's fact file is reported as such, as the whole corpus's check does."""
    ff = next(iter(corpus.fact_files.values()))
    with cross_article_refs_aside(ff):
        _check_references(corpus, declared_elsewhere=_other_fact_files(corpus.paths, ff.path))


def _other_fact_files(paths: Paths, checked: Path) -> Callable[[str], Path | None]:
    """Which other fact file declares an entity id under its `entities:` (read only for an id that does not
    resolve, and each file once)."""
    declared: dict[Path, set[str]] = {}

    def find(ident: str) -> Path | None:
        for path in sorted(paths.facts.glob("*.yaml")) if paths.facts.is_dir() else []:
            if path.resolve() == checked.resolve():
                continue
            if path not in declared:
                try:
                    if ident.encode("utf-8") not in path.read_bytes():  # (most files: not parsed at all)
                        continue
                    doc = load_yaml(path)
                except (KgError, OSError):
                    doc = None
                items = doc.get("entities") if isinstance(doc, dict) else None
                declared[path] = {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)} \
                    if isinstance(items, list) else set()
            if ident in declared[path]:
                return path
        return None

    return find


@contextmanager
def cross_article_refs_aside(ff: FactFile) -> Iterator[None]:
    """The file's references to another article's facts (``<article>#<id>``) taken out for the block, then put
    back: what is checked or mapped without the other articles cannot see them."""
    saved = []
    for fact in ff.facts:
        for key in FACT_REF_KEYS.get(fact.section, ()):
            value = fact.data.get(key)
            if isinstance(value, str) and "#" in value:
                saved.append((fact.data, key, value))
                del fact.data[key]
    try:
        yield
    finally:
        for data, key, value in saved:
            data[key] = value


def fold(text: str) -> str:
    """Case- and accent-insensitive form used to match names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return _WS.sub(" ", "".join(ch for ch in decomposed if not unicodedata.combining(ch))).strip().casefold()
