"""``kg vocab``: list the concepts of a controlled vocabulary, and add one, with no Turtle written by hand.

A new measure or topic was the one step of adding an article that took Turtle (a prefLabel and a definition in
en and es, ``skos:inScheme``, a measure's family) and rounds of ``kg check`` to find what was left out. Here the
curator gives the texts as options; the concept is refused for what would make it unusable (a taken id, a label
another concept has, a family that does not exist), checked as ``kg check`` checks the vocabularies
(``kg.vocab_checks``, on the new text before it is written and on the file after) and written in its file's own
style, atomically: a refused run leaves the file byte for byte as it was.

No scheme is listed here: their names, files and concepts are read from ontology/vocab/ (only the measures'
families are known, as kg.vocab_checks knows them), and a scheme takes new concepts when its file's header says
"Open scheme" (the closed ones are listed by the shapes and the code as well: a concept added to the file alone
would be refused by the build).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rdflib
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import RDF, SKOS

from kg.config import Paths
from kg.errors import DataError, EnvironmentProblem, KgError, UsageError, display_path, raise_collected
from kg.files import write_atomic
from kg.iris import SLUG
from kg.vocab_checks import LANGUAGES, MEASURE_SCHEME, VOCAB_BASE, measure_families, prefixes, short, term_line, \
    vocab_problems
from kg.yamlio import non_xml_char

if TYPE_CHECKING:
    from kg.queries import QueryResult

KG_CODE = URIRef("https://w3id.org/canieti-kg/ontology#code")  # a unit's id in fact files (units.ttl)
_OPEN = re.compile(r"\bopen scheme\b", re.IGNORECASE)
_KEY = re.compile(r"`([a-z][a-z_]*):")  # the fact-file key a header names: "a new `measure:` id"
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}


@dataclass(frozen=True)
class Scheme:
    name: str  # the last part of its IRI (measure): fact files' ids are below it
    iri: URIRef
    file: Path  # the file that declares it `a skos:ConceptScheme`: where a new concept goes
    open: bool  # the file's header says "Open scheme": curators add concepts
    key: str | None  # the fact-file key the header names (measure, topics), for the next step printed


@dataclass(frozen=True)
class Concept:
    iri: URIRef
    id: str  # as a fact file writes it: the IRI's last part below the scheme, else a unit's code
    labels: dict[str, str]  # skos:prefLabel by language
    alt_labels: dict[str, tuple[str, ...]]
    broader: tuple[URIRef, ...]
    file: Path
    line: int | None


@dataclass
class Vocabularies:
    """ontology/vocab/*.ttl, each parsed on its own (the vocabulary checks report at a file's own lines)."""

    files: list[tuple[Path, rdflib.Graph]]
    texts: dict[Path, str]
    graph: ReadOnlyGraphAggregate  # every vocabulary and canieti.ttl, which the checks read too
    schemes: dict[str, Scheme]

    def concepts(self, scheme: Scheme) -> list[Concept]:
        """The scheme's concepts, wherever they are described, in file and line order."""
        home: dict[URIRef, Path] = {}
        for path, own in self.files:
            for term in own.subjects(SKOS.inScheme, scheme.iri):
                if isinstance(term, URIRef):
                    home.setdefault(term, path)
        concepts = [Concept(iri=term, id=self.concept_id(term, scheme),
                            labels={lang: texts[0] for lang in LANGUAGES
                                    if (texts := sorted(self._texts(term, SKOS.prefLabel, lang)))},
                            alt_labels={lang: tuple(sorted(self._texts(term, SKOS.altLabel, lang))) for lang in LANGUAGES},
                            broader=tuple(sorted(b for b in self.graph.objects(term, SKOS.broader)
                                                 if isinstance(b, URIRef))),
                            file=path, line=term_line(self.texts[path], str(term), subject_only=True))
                    for term, path in home.items()]
        order = {path: i for i, (path, _) in enumerate(self.files)}
        return sorted(concepts, key=lambda c: (order[c.file], c.line or 0, str(c.iri)))

    def concept_id(self, term: URIRef, scheme: Scheme) -> str:
        below = str(scheme.iri) + "/"
        if str(term).startswith(below):
            return str(term)[len(below):]
        code = next(iter(self.graph.objects(term, KG_CODE)), None)
        return str(code) if code is not None else short(str(term), prefixes(self.texts[scheme.file]))

    def _texts(self, term: URIRef, predicate: URIRef, lang: str) -> list[str]:
        return [str(t) for t in self.graph.objects(term, predicate) if isinstance(t, Literal) and t.language == lang]


def read_vocabularies(ontology: Path, candidate: tuple[Path, str] | None = None) -> Vocabularies:
    """The vocabularies as ``kg check`` reads them; ``candidate`` (file, text) is read in place of that file:
    the text about to be written, checked before it is."""
    from kg.rdfio import turtle_syntax_error

    main = ontology / "canieti.ttl"
    if not main.is_file():  # (the checks read the ontology's classes and properties too)
        raise DataError("the ontology file is missing", file=main,
                        hint="restore ontology/canieti.ttl from git, or point KG_ONTOLOGY at the ontology folder")
    texts: dict[Path, str] = {}
    files: list[tuple[Path, rdflib.Graph]] = []
    for path in [*sorted((ontology / "vocab").glob("*.ttl")), main]:
        own = rdflib.Graph()
        try:
            text = candidate[1] if candidate and path == candidate[0] else path.read_bytes().decode("utf-8")
            own.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
        except Exception as err:  # rdflib raises many parser-specific types
            if candidate and path == candidate[0]:  # (a mistake of this module, not of the file)
                raise DataError(f"the concept written would not be valid Turtle: {' '.join(str(err).split())[:200]}",
                                file=path, hint="report it; the file is left as it was") from None
            raise turtle_syntax_error(path, err) from None
        texts[path] = text
        files.append((path, own))
    vocab = files[:-1]
    schemes: dict[str, Scheme] = {}
    for path, own in vocab:
        header = _header(texts[path])
        key = _KEY.search(header)
        for iri in sorted(own.subjects(RDF.type, SKOS.ConceptScheme)):
            if isinstance(iri, URIRef) and str(iri).startswith(VOCAB_BASE):
                name = str(iri)[len(VOCAB_BASE):]
                schemes.setdefault(name, Scheme(name=name, iri=iri, file=path, open=bool(_OPEN.search(header)),
                                                key=key.group(1) if key else None))
    return Vocabularies(files=vocab, texts=texts, graph=ReadOnlyGraphAggregate([own for _, own in files]),
                        schemes=dict(sorted(schemes.items())))


def _header(text: str) -> str:
    """The comment lines a Turtle file opens with: where it says what the scheme is and whether it is open."""
    lines = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line.lstrip("# "))
    return " ".join(lines)


def find_scheme(vocabs: Vocabularies, name: str) -> Scheme:
    """A scheme by the name fact files' ids are under (measure), its file's name (measures, measures.ttl) or
    its prefixed name (kgv:measure); a usage error naming them otherwise."""
    wanted = name.strip().lower().removeprefix("kgv:")
    for scheme in vocabs.schemes.values():
        if wanted in (scheme.name, scheme.file.stem, scheme.file.name):
            return scheme
    names = [f"{s.name} ({s.file.name})" for s in vocabs.schemes.values()]
    close = difflib.get_close_matches(wanted, [s.name for s in vocabs.schemes.values()] +
                                      [s.file.stem for s in vocabs.schemes.values()], n=1)
    raise UsageError(f"{name!r}: no such vocabulary in {display_path(str(vocabs.files[0][0].parent))}"
                     if vocabs.files else f"{name!r}: no vocabulary in the ontology folder", field="SCHEME",
                     hint=f"did you mean {close[0]}?" if close else f"name one of {', '.join(names) or 'none'}")


# --- kg vocab list -----------------------------------------------------------------------------------

def vocabulary_table(paths: Paths, name: str | None) -> QueryResult:
    """The rows ``kg vocab list`` prints (a query result, so every output format of ``kg query`` applies):
    the schemes, or the concepts of one with their labels and what they are narrower than."""
    from kg.queries import QueryResult

    vocabs = read_vocabularies(Path(paths.ontology))  # type: ignore[arg-type]
    if name is None:
        rows = [(Literal(s.name), Literal(display_path(str(s.file))), Literal(len(vocabs.concepts(s))),
                 Literal("yes" if s.open else "no")) for s in vocabs.schemes.values()]
        return QueryResult(form="SELECT", variables=["scheme", "file", "concepts", "open"], rows=rows)
    scheme = find_scheme(vocabs, name)
    concepts = vocabs.concepts(scheme)
    ids = {c.iri: c.id for c in concepts}
    rows = [(Literal(c.id), Literal(c.labels.get("en", "")), Literal(c.labels.get("es", "")),
             Literal(", ".join(ids.get(b) or short(str(b), prefixes(vocabs.texts[c.file])) for b in c.broader)))
            for c in concepts]
    return QueryResult(form="SELECT", variables=["id", "label_en", "label_es", "broader"], rows=rows)


# --- kg vocab add ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Added:
    concept: str  # as its file writes it: measure:computer-incidents
    file: Path
    line: int | None
    block: str  # the Turtle written
    summary: str
    next_step: str


def add_concept(paths: Paths, scheme_name: str, concept_id: str, *, labels: Mapping[str, str | None],
                definitions: Mapping[str, str | None], alt_labels: Mapping[str, Sequence[str]] | None = None,
                broader: Sequence[str] = (), dry_run: bool = False) -> Added:
    """Add a concept to an open scheme's file: every mistake of the options reported at once (usage errors),
    the vocabularies checked with the concept in them before anything is written, then written atomically and
    checked again as ``kg check`` reads them; on any failure the file is left, or put back, as it was."""
    ontology = Path(paths.ontology)  # type: ignore[arg-type]
    vocabs = read_vocabularies(ontology)
    scheme = find_scheme(vocabs, scheme_name)
    if not scheme.open:
        raise UsageError(f"kgv:{scheme.name} is not an open scheme: {display_path(str(scheme.file))} does not say "
                         "\"Open scheme\" in its header (its values are also listed by the shapes and the code)",
                         field="SCHEME", hint="use one of its concepts (`kg vocab list " + scheme.name + "`); open: "
                         + ", ".join(s.name for s in vocabs.schemes.values() if s.open))
    concepts = vocabs.concepts(scheme)
    errors: list[KgError] = []
    iri = _new_iri(vocabs, scheme, concepts, concept_id, errors)
    texts = {f"label-{lang}": labels.get(lang) for lang in LANGUAGES}
    texts.update({f"definition-{lang}": definitions.get(lang) for lang in LANGUAGES})
    clean = {option: _text(option, value, errors) for option, value in texts.items()}
    alts = {lang: _distinct([t for t in (_text(f"alt-label-{lang}", v, errors) for v in (alt_labels or {}).get(lang, ()))
                             if t is not None], clean[f"label-{lang}"]) for lang in LANGUAGES}
    given = [(f"label-{lang}", clean[f"label-{lang}"]) for lang in LANGUAGES]
    given += [(f"alt-label-{lang}", t) for lang in LANGUAGES for t in alts[lang]]
    _label_clashes(scheme, concepts, given, errors)
    parents = _broader(vocabs, scheme, concepts, broader, errors)
    raise_collected(errors)
    assert iri is not None

    text = vocabs.texts[scheme.file]
    declared = prefixes(text)
    top = not parents
    new_text, listed = _with_top_concept(text, scheme, iri, declared) if top else (text, False)
    newline = "\r\n" if "\r\n" in text else "\n"
    block = _block(iri, scheme, parents, clean, alts, top=top, declared=declared)
    ending = "" if new_text.endswith(2 * newline) else newline if new_text.endswith(newline) else 2 * newline
    new_text += ending + block.replace("\n", newline)

    after = read_vocabularies(ontology, candidate=(scheme.file, new_text))
    expected = dict(vocabs.files)[scheme.file] + _triples(iri, scheme, parents, clean, alts, top=top, listed=listed)
    if not isomorphic(dict(after.files)[scheme.file], expected):  # (the file's statements and the concept's, no more)
        raise DataError("the text written would not say exactly the new concept", file=scheme.file,
                        hint="report it; the file is left as it was")
    raise_collected(vocab_problems(after.files, after.graph))  # (a vocabulary `kg check` would refuse: nothing written)

    name = short(str(iri), declared)
    line = term_line(new_text, str(iri), declared, subject_only=True)
    added = Added(concept=name, file=scheme.file, line=line, block=block,
                  summary=_summary(name, scheme, line, clean, parents, declared),
                  next_step=_next_step(paths, scheme, concept_id))
    if not dry_run:
        _write_checked(paths, scheme, concept_id, text, new_text)
    return added


def _new_iri(vocabs: Vocabularies, scheme: Scheme, concepts: list[Concept], concept_id: str,
             errors: list[KgError]) -> URIRef | None:
    """The new concept's IRI, or None with the reason in ``errors``: an id fact files cannot write, or one taken."""
    if not SLUG.fullmatch(concept_id):
        from kg.queries import fold

        suggestion = re.sub(r"[^a-z0-9]+", "-", fold(concept_id)).strip("-")
        errors.append(UsageError(f"{concept_id!r} is not a concept id: lower-case letters, digits and hyphens, "
                                 "starting with a letter or digit", field="ID",
                                 hint=f"write {suggestion}" if suggestion else "e.g. computer-incidents"))
        return None
    iri = URIRef(f"{scheme.iri}/{concept_id}")
    taken = next((c for c in concepts if c.iri == iri or c.id == concept_id), None)
    if taken is not None:
        where = f"{display_path(str(taken.file))}{f':{taken.line}' if taken.line else ''}"
        labels = " / ".join(taken.labels.get(lang, "") for lang in LANGUAGES)
        errors.append(UsageError(f"{scheme.name} {concept_id!r} already exists at {where} ({labels})", field="ID",
                                 hint=f"write `{scheme.key or scheme.name}: {concept_id}` in the fact file as it "
                                      "is, or choose another id"))
    elif (iri, None, None) in vocabs.graph:  # (described, but in another scheme or none)
        errors.append(UsageError(f"<{iri}> is already described in the ontology, outside kgv:{scheme.name}",
                                 field="ID", hint="choose another id, or fix that description"))
    return iri


def _text(option: str, value: str | None, errors: list[KgError]) -> str | None:
    """An option's text on one line (labels and definitions are single lines in every vocabulary), or None with
    the reason in ``errors``: missing, or holding a character RDF cannot hold."""
    lang = option.rsplit("-", 1)[1]
    what = f"the {LANGUAGE_NAMES[lang]} {option.rsplit('-', 1)[0].replace('-', ' ')}"
    text = " ".join((value or "").split())
    if not text:
        errors.append(UsageError(f"missing: {what}" if value is None else f"empty: {what}", field=f"--{option}",
                                 hint=f'add --{option} "..."' + (", a sentence saying what is counted or measured"
                                                                 if option.startswith("definition") else "")))
        return None
    bad = non_xml_char(text)
    if bad:
        errors.append(UsageError(f"holds the control character {bad}, which RDF cannot hold", field=f"--{option}",
                                 hint="retype the text without it"))
        return None
    return text


def _distinct(alts: list[str], label: str | None) -> list[str]:
    """The alternative labels once each, none the preferred label again (case and accents aside), as a label
    the concept already has would only be written twice."""
    from kg.queries import fold

    seen = {fold(label)} if label else set()
    out = []
    for text in alts:
        if fold(text) not in seen:
            seen.add(fold(text))
            out.append(text)
    return out


def _label_clashes(scheme: Scheme, concepts: list[Concept], given: list[tuple[str, str | None]],
                   errors: list[KgError]) -> None:
    """A label (option, text) another concept of the scheme has in that language, case and accents aside: `-p
    measure=LABEL` and kg ingest's proposals could not tell the two apart."""
    from kg.queries import fold

    seen: set[tuple[str, str]] = set()
    for option, text in given:
        lang = option.rsplit("-", 1)[1]
        if text is None or (lang, fold(text)) in seen:
            continue
        seen.add((lang, fold(text)))
        other = next((c for c in concepts if any(fold(t) == fold(text) for t in
                                                 [c.labels.get(lang, ""), *c.alt_labels.get(lang, ())])), None)
        if other is not None:
            errors.append(UsageError(f"{text!r} is already a label in {lang} of {scheme.name} {other.id!r} "
                                     f"({display_path(str(other.file))}{f':{other.line}' if other.line else ''})",
                                     field=f"--{option}", hint=f"use {other.id!r} if it is the same thing, or write "
                                                               "a label that tells the two apart"))


def _broader(vocabs: Vocabularies, scheme: Scheme, concepts: list[Concept], given: Sequence[str],
             errors: list[KgError]) -> list[URIRef]:
    """The concepts ``--broader`` names (by id or by label), of the same scheme; a measure needs one that is, or is
    below, a family (what `kg query figures-by-measure` lists figures under)."""
    from kg.queries import fold

    families = measure_families(vocabs.graph) if scheme.iri == MEASURE_SCHEME else set()
    family_ids = sorted(c.id for c in concepts if c.iri in families)
    choices = ", ".join(family_ids) if families else ", ".join(c.id for c in concepts[:12])
    if not given and families:
        errors.append(UsageError("missing: the measure's family, which `kg query figures-by-measure` lists its "
                                 "figures under", field="--broader", hint=f"add --broader with one of {choices}"))
    found: list[URIRef] = []
    for value in given:
        wanted = value.strip()
        local = wanted.split(":", 1)[1] if wanted.startswith(f"{scheme.name}:") else wanted
        hits = [c for c in concepts if c.id == local.lower()] or \
            [c for c in concepts if any(fold(t) == fold(wanted) for t in c.labels.values())]
        if len(hits) != 1:
            close = difflib.get_close_matches(local.lower(), [c.id for c in concepts], n=3)
            errors.append(UsageError(f"{value!r}: no concept of kgv:{scheme.name} with this id or label"
                                     if not hits else f"{value!r}: the label of several concepts "
                                     f"({', '.join(c.id for c in hits)})", field="--broader",
                                     hint=f"did you mean {' or '.join(close)}?" if close and not hits else
                                     f"name one by its id: {', '.join(c.id for c in hits) if hits else choices}"))
            continue
        parent = hits[0].iri
        if families and not families & set(vocabs.graph.transitive_objects(parent, SKOS.broader)):  # (itself included)
            errors.append(UsageError(f"{value!r} is in no measure family", field="--broader",
                                     hint=f"name a family: {choices}"))
        elif parent not in found:
            found.append(parent)
    return found


def _with_top_concept(text: str, scheme: Scheme, iri: URIRef, declared: dict[str, str]) -> tuple[str, bool]:
    """The text with ``iri`` added to the scheme's ``skos:hasTopConcept`` list, as the file lists its other top
    concepts there; (the text unchanged, False) when the scheme's statement has no such list."""
    start_line = term_line(text, str(scheme.iri), declared, subject_only=True)
    if start_line is None:
        return text, False
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[:start_line - 1])
    following = re.compile(r"^[^\s#]", re.MULTILINE)  # the next statement: a line that starts at column 0
    nxt = following.search(text, start + len(lines[start_line - 1]))
    end = nxt.start() if nxt else len(text)
    term = r"(?:<[^>\s]*>|[A-Za-z_][\w.-]*:[\w.-]*[\w-]|:[\w.-]*[\w-])"
    predicate = "|".join(re.escape(s) for s in {short(str(SKOS.hasTopConcept), declared), f"<{SKOS.hasTopConcept}>"})
    listed = re.compile(rf"(?:{predicate})\s+{term}(?:\s*,\s*{term})*").search(text, start, end)
    if listed is None:
        return text, False
    return text[:listed.end()] + ", " + short(str(iri), declared) + text[listed.end():], True


def _literal(text: str, lang: str) -> str:
    return Literal(text, lang=lang).n3()  # (rdflib's own escaping; control characters were refused above)


def _block(iri: URIRef, scheme: Scheme, parents: list[URIRef], texts: Mapping[str, str | None],
           alts: Mapping[str, list[str]], *, top: bool, declared: dict[str, str]) -> str:
    """The concept in Turtle, as the vocabularies write theirs: subject, then one property a line, labels and
    definitions in English then Spanish, the Spanish definition on a line of its own."""
    s = lambda term: short(str(term), declared)  # noqa: E731
    lines = [f"{s(iri)} a {s(SKOS.Concept)} ;", f"    {s(SKOS.inScheme)} {s(scheme.iri)} ;"]
    if top:
        lines.append(f"    {s(SKOS.topConceptOf)} {s(scheme.iri)} ;")
    if parents:
        lines.append(f"    {s(SKOS.broader)} {', '.join(s(p) for p in parents)} ;")
    labels = [_literal(texts[f"label-{lang}"] or "", lang) for lang in LANGUAGES]
    lines.append(f"    {s(SKOS.prefLabel)} {', '.join(labels)} ;")
    alt = [_literal(t, lang) for lang in LANGUAGES for t in alts.get(lang, ())]
    if alt:
        lines.append(f"    {s(SKOS.altLabel)} {', '.join(alt)} ;")
    definitions = [_literal(texts[f"definition-{lang}"] or "", lang) for lang in LANGUAGES]
    lines.append(f"    {s(SKOS.definition)} {definitions[0]},")
    lines += [f"        {d}," for d in definitions[1:-1]] + [f"        {definitions[-1]} ."]
    return "\n".join(lines) + "\n"


def _triples(iri: URIRef, scheme: Scheme, parents: list[URIRef], texts: Mapping[str, str | None],
             alts: Mapping[str, list[str]], *, top: bool, listed: bool) -> rdflib.Graph:
    """What the block and the top-concept list must say, built without parsing them: what the text is held to."""
    graph = rdflib.Graph()
    graph.add((iri, RDF.type, SKOS.Concept))
    graph.add((iri, SKOS.inScheme, scheme.iri))
    if top:
        graph.add((iri, SKOS.topConceptOf, scheme.iri))
    if listed:
        graph.add((scheme.iri, SKOS.hasTopConcept, iri))
    for parent in parents:
        graph.add((iri, SKOS.broader, parent))
    for lang in LANGUAGES:
        graph.add((iri, SKOS.prefLabel, Literal(texts[f"label-{lang}"], lang=lang)))
        graph.add((iri, SKOS.definition, Literal(texts[f"definition-{lang}"], lang=lang)))
        for alt in alts.get(lang, ()):
            graph.add((iri, SKOS.altLabel, Literal(alt, lang=lang)))
    return graph


def _write_checked(paths: Paths, scheme: Scheme, concept_id: str, old: str, new: str) -> None:
    """Write the file atomically, then check the vocabularies as ``kg check`` reads them and that the id is one a
    fact file can use; on any failure put the old bytes back."""
    from kg.corpus import check_vocab, load_vocab

    if scheme.file.read_bytes() != old.encode("utf-8"):  # (edited since it was read: that edit would be lost)
        raise EnvironmentProblem("the file changed while the concept was being checked", file=scheme.file,
                                 hint="run the command again")
    write_atomic(scheme.file, new)
    try:
        vocab = load_vocab(paths)
        check_vocab(vocab)
        if not vocab.has(scheme.name, concept_id):
            raise DataError(f"{scheme.name} {concept_id!r} was written but `kg check` does not find it", file=scheme.file,
                            hint="report it; the file is put back as it was")
    except BaseException:
        write_atomic(scheme.file, old)
        raise


def _summary(name: str, scheme: Scheme, line: int | None, texts: Mapping[str, str | None], parents: list[URIRef],
             declared: dict[str, str]) -> str:
    where = f"{display_path(str(scheme.file))}{f':{line}' if line else ''}"
    labels = ", ".join(_literal(texts[f"label-{lang}"] or "", lang) for lang in LANGUAGES)
    under = f"below {', '.join(short(str(p), declared) for p in parents)}" if parents else \
        f"a top concept of kgv:{scheme.name}"
    return f"added {name} to {where}: {labels}, {under}"


def _next_step(paths: Paths, scheme: Scheme, concept_id: str) -> str:
    """What the curator does next, with the fact-file key the scheme's header names (`measure: x`, `topics: [x]`),
    and the fact files where they are (``--data`` or $KG_DATA may put them outside data/)."""
    key = scheme.key or scheme.name
    written = f"{key}: [{concept_id}]" if _is_list(paths, key) else f"{key}: {concept_id}"
    facts = display_path(str(paths.facts / "<article>.yaml"))
    return f"next: write `{written}` in the fact file ({facts}), then `kg check {facts}`, `kg check` and `kg build`"


def _is_list(paths: Paths, key: str) -> bool:
    """Whether fact files write ``key`` as a list (topics), read from the facts schema."""
    try:
        schema = json.loads((Path(paths.data) / "schema" / "facts.schema.json").read_text(  # type: ignore[arg-type]
            encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return any(p.get("type") == "array" for p in _properties(schema, key))


def _properties(node: Any, key: str) -> Iterable[dict[str, Any]]:
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict) and isinstance(props.get(key), dict):
            yield props[key]
        for value in node.values():
            yield from _properties(value, key)
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value, key)
