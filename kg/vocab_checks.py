"""What ``kg check`` holds the controlled vocabularies (ontology/vocab/*.ttl) to, before a fact uses them.

A concept without a label or definition in English and Spanish failed only ``kg build``, through a check that
names an IRI and no file; a measure without a family (``skos:broader``) passed everything and dropped out of
the queries by family; a concept in a misspelt scheme was only "unknown" to the facts that used it. Each is
found here, at the concept's line of its file, with the fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import DataError
from kg.iris import BASE

VOCAB_BASE = BASE + "vocab/"
MEASURE_SCHEME = rdflib.URIRef(VOCAB_BASE + "measure")
LANGUAGES = ("en", "es")  # (as queries/checks/missing-label-violation.rq asks)
_PREFIX = re.compile(r"^[ \t]*@?prefix[ \t]+([A-Za-z][\w.-]*)?:[ \t]*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


def prefixes(text: str) -> dict[str, str]:
    """The prefixes a Turtle text declares (``@prefix`` or ``PREFIX``): name -> namespace."""
    return {name or "": ns for name, ns in _PREFIX.findall(text)}


def short(iri: str, declared: dict[str, str]) -> str:
    """``iri`` as the file would write it: with its longest declared namespace as a prefix, else in ``<>``."""
    best = max(_prefixed(iri, declared), key=lambda name: len(declared[name]), default=None)
    return f"<{iri}>" if best is None else f"{best}:{iri[len(declared[best]):]}"


def _prefixed(iri: str, declared: dict[str, str]) -> list[str]:
    """The declared prefixes ``iri`` can be written with (``name:local``)."""
    return [name for name, ns in declared.items() if iri.startswith(ns) and re.fullmatch(r"[\w.-]+", iri[len(ns):])]


def term_line(text: str, iri: str, declared: dict[str, str] | None = None, *, subject_only: bool = False) -> int | None:
    """The line where ``text`` describes ``iri``: where it starts a statement as subject, else (unless
    ``subject_only``) where it is first written; None when it is not written."""
    declared = prefixes(text) if declared is None else declared
    spellings = [f"<{iri}>"] + [f"{name}:{iri[len(declared[name]):]}" for name in _prefixed(iri, declared)]
    written = "|".join(re.escape(s) for s in spellings)
    found = re.search(rf"^[ \t]*(?:{written})(?=[\s;,.])", text, re.MULTILINE)
    if found is None and not subject_only:
        found = re.search(rf"(?<![\w:/.-])(?:{written})(?=[\s;,.])", text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def describing_file(files: Iterable[Path], iri: str) -> tuple[Path, int, str] | None:
    """(file, line, short form) of the first of ``files`` that describes ``iri`` as a subject, or None."""
    for file in files:
        line, written = where_declared(file, iri, subject_only=True)
        if line is not None:
            return file, line, written
    return None


def missing_text_fix(term: str, missing: str) -> str:
    """How to add what the missing-label check finds missing ("label in es") to ``term``: the annotation a
    concept or scheme takes (skos:prefLabel), or a class or property (rdfs:label)."""
    what, _, langs = missing.partition(" in ")
    predicate = "skos:definition" if what == "definition" else \
        "skos:prefLabel" if term.startswith(VOCAB_BASE) else "rdfs:label"
    return f"{predicate} " + ", ".join(f'"..."@{lang}' for lang in langs.split(", "))


def where_declared(file: Path, iri: str, *, subject_only: bool = False) -> tuple[int | None, str]:
    """(line, short form) of ``iri`` in the Turtle ``file``, for a message about it (see ``term_line``)."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, f"<{iri}>"
    declared = prefixes(text)
    return term_line(text, iri, declared, subject_only=subject_only), short(iri, declared)


def declared_concepts(files: Iterable[tuple[Path, rdflib.Graph]]) -> dict[str, tuple[Path, tuple[str, ...]]]:
    """Every concept of ours (a ``skos:Concept``, or a term in a scheme, below the vocab namespace) -> the file
    that describes it and the schemes it is in (maybe none, or one misspelt): what tells a fact's "unknown
    concept" that the id is there, in another scheme."""
    found: dict[str, tuple[Path, tuple[str, ...]]] = {}
    for path, graph in files:
        terms = set(graph.subjects(RDF.type, SKOS.Concept)) | set(graph.subjects(SKOS.inScheme, None))
        for term in terms:
            if isinstance(term, rdflib.URIRef) and str(term).startswith(VOCAB_BASE):
                schemes = tuple(sorted(str(s) for s in graph.objects(term, SKOS.inScheme)))
                if str(term) not in found or schemes:
                    found[str(term)] = (path, schemes)
    return found


def vocab_problems(files: list[tuple[Path, rdflib.Graph]], graph: rdflib.Graph) -> list[DataError]:
    """The mistakes of the vocabulary ``files`` (each with its own graph; ``graph`` is all of them with the
    ontology): a concept of ours without a label or definition in English and Spanish, in a scheme no file
    declares or in none, and a measure in no family. One line each, at the concept's line."""
    schemes = {s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if str(s).startswith(VOCAB_BASE)}
    languages, families = _text_languages(graph), measure_families(graph)
    problems: list[DataError] = []
    for path, own in files:
        text = path.read_text(encoding="utf-8")
        declared = prefixes(text)

        def problem(term: rdflib.term.Node, message: str, hint: str) -> None:
            problems.append(DataError(f"{short(str(term), declared)}: {message}", file=path,
                                      line=term_line(text, str(term), declared), hint=hint))

        def texts_problem(term: rdflib.term.Node, of: str) -> None:
            missing = _missing_texts(languages, term)
            if missing:
                problem(term, f"no {' and no '.join(missing)}",
                        "add " + " and ".join(missing_text_fix(str(term), m) for m in missing) + f" to the {of}")

        in_scheme: set[rdflib.term.Node] = set()
        for term, scheme in sorted(own.subject_objects(SKOS.inScheme)):
            if str(scheme).startswith(VOCAB_BASE) and scheme not in schemes:
                close = difflib.get_close_matches(short(str(scheme), declared),
                                                  [short(str(s), declared) for s in schemes], n=1)
                problem(term, f"skos:inScheme {short(str(scheme), declared)} names no concept scheme",
                        f"write `skos:inScheme {close[0]}`" if close else
                        "name a scheme declared `a skos:ConceptScheme` in ontology/vocab/ "
                        f"({', '.join(sorted(short(str(s), declared) for s in schemes))})")
            elif scheme in schemes and term not in in_scheme:
                in_scheme.add(term)
                texts_problem(term, "concept")
        for term in sorted(s for s in own.subjects(RDF.type, SKOS.ConceptScheme) if s in schemes):
            texts_problem(term, "scheme")
        for term in sorted(set(own.subjects(RDF.type, SKOS.Concept)) - set(own.subjects(SKOS.inScheme, None))):
            if str(term).startswith(VOCAB_BASE) and not any(graph.objects(term, SKOS.inScheme)):
                scheme = rdflib.URIRef(str(term).rsplit("/", 1)[0])
                problem(term, "the concept is in no scheme (no skos:inScheme): fact files cannot use it",
                        f"add `skos:inScheme {short(str(scheme), declared)} ;`" if scheme in schemes else
                        "add `skos:inScheme <its scheme> ;`")
        for term in sorted(t for t in in_scheme if (t, SKOS.inScheme, MEASURE_SCHEME) in own):
            family = _family_problem(graph, term, declared, families)
            if family is not None:
                problem(term, *family)
    return problems


_TEXTS = (("label", (SKOS.prefLabel, RDFS.label)), ("definition", (SKOS.definition,)))


def _text_languages(graph: rdflib.Graph) -> dict[tuple[str, rdflib.term.Node], set[str | None]]:
    """(label or definition, term) -> the languages the term has it in, read in one pass over each predicate."""
    languages: dict[tuple[str, rdflib.term.Node], set[str | None]] = {}
    for what, predicates in _TEXTS:
        for predicate in predicates:
            for term, text in graph.subject_objects(predicate):
                if isinstance(text, rdflib.Literal):
                    languages.setdefault((what, term), set()).add(text.language)
    return languages


def _missing_texts(languages: dict[tuple[str, rdflib.term.Node], set[str | None]], term: rdflib.term.Node) -> list[str]:
    """What the build's missing-label check would find missing: ["label in es", "definition in en, es"]."""
    missing = []
    for what, _ in _TEXTS:
        langs = languages.get((what, term), set())
        absent = [lang for lang in LANGUAGES if lang not in langs]
        if absent:
            missing.append(f"{what} in {', '.join(absent)}")
    return missing


def measure_families(graph: rdflib.Graph) -> set[rdflib.term.Node]:
    """The top concepts of the measure scheme: the families that figures-by-measure lists figures under."""
    return set(graph.subjects(SKOS.topConceptOf, MEASURE_SCHEME)) | set(graph.objects(MEASURE_SCHEME, SKOS.hasTopConcept))


def _family_problem(graph: rdflib.Graph, term: rdflib.term.Node, declared: dict[str, str],
                    families: set[rdflib.term.Node]) -> tuple[str, str] | None:
    """Why the measure ``term`` is in no family (none of its ``skos:broader`` leads to one of ``families``), or None."""
    if term in families:
        return None
    names = ", ".join(sorted(short(str(f), declared) for f in families)) or "none declared"
    broader = list(graph.objects(term, SKOS.broader))
    if not broader:
        return ("a measure in no family (no skos:broader): `kg query figures-by-measure` would leave its figures "
                "out of every family",
                f"add `skos:broader <family> ;`, one or more of the top concepts of kgv:measure ({names})")
    if families & set(graph.transitive_objects(term, SKOS.broader)):
        return None
    wrong = ", ".join(short(str(b), declared) for b in broader)
    return (f"skos:broader {wrong} leads to no measure family: `kg query figures-by-measure` would leave its "
            "figures out of every family", f"name a top concept of kgv:measure ({names}), or a measure below one")
