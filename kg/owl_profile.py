"""OWL 2 DL profile check: checked, not assumed.

Two layers. ``structural_problems`` is our own Python check of the DL restrictions this project can
break (undeclared terms, a property typed two ways, FOAF, rdf:List outside OWL constructs, datatypes
outside the OWL 2 datatype map, punning of classes with properties, non-simple properties in
characteristics that need simple ones). ``owlapi_problems`` runs the OWL API's own ``OWL2DLProfile``
(the reference implementation, bundled in owlready2's HermiT.jar) through a small shipped Java class,
``kg/java/OwlProfileCheck.class``. No maintained Python package checks OWL profiles offline.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.errors import EnvironmentProblem

FOAF = "http://xmlns.com/foaf/0.1/"
JAVA_DIR = Path(__file__).resolve().parent / "java"

# The OWL 2 datatype map (OWL 2 Structural Specification §4), plus rdfs:Literal.
OWL2_DATATYPES = {
    RDFS.Literal, RDF.PlainLiteral, RDF.XMLLiteral, OWL.real, OWL.rational,
    XSD.decimal, XSD.integer, XSD.nonNegativeInteger, XSD.nonPositiveInteger, XSD.positiveInteger,
    XSD.negativeInteger, XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong, XSD.unsignedInt,
    XSD.unsignedShort, XSD.unsignedByte, XSD.double, XSD.float, XSD.string, XSD.normalizedString,
    XSD.token, XSD.language, XSD.Name, XSD.NCName, XSD.NMTOKEN, XSD.boolean, XSD.hexBinary,
    XSD.base64Binary, XSD.anyURI, XSD.dateTime, XSD.dateTimeStamp,
}

# Predicates of the RDF mapping of OWL 2 and RDFS that need no declaration.
BUILTIN_PREDICATES = {
    RDF.type, RDF.first, RDF.rest, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range,
    RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo, OWL.versionIRI, OWL.imports,
    OWL.priorVersion, OWL.backwardCompatibleWith, OWL.incompatibleWith, OWL.deprecated,
    OWL.equivalentClass, OWL.disjointWith, OWL.equivalentProperty, OWL.inverseOf, OWL.propertyDisjointWith,
    OWL.unionOf, OWL.intersectionOf, OWL.complementOf, OWL.oneOf, OWL.members, OWL.distinctMembers,
    OWL.onProperty, OWL.someValuesFrom, OWL.allValuesFrom, OWL.hasValue, OWL.hasSelf, OWL.minCardinality,
    OWL.maxCardinality, OWL.cardinality, OWL.minQualifiedCardinality, OWL.maxQualifiedCardinality,
    OWL.qualifiedCardinality, OWL.onClass, OWL.onDataRange, OWL.onDatatype, OWL.withRestrictions,
    OWL.propertyChainAxiom, OWL.hasKey, OWL.disjointUnionOf, OWL.sameAs, OWL.differentFrom,
    OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget, OWL.sourceIndividual,
    OWL.assertionProperty, OWL.targetIndividual, OWL.targetValue, OWL.datatypeComplementOf, OWL.onProperties,
}
# Predicates whose object may be an rdf:List in the RDF mapping of OWL 2.
LIST_PREDICATES = {
    OWL.unionOf, OWL.intersectionOf, OWL.oneOf, OWL.members, OWL.distinctMembers, OWL.propertyChainAxiom,
    OWL.hasKey, OWL.disjointUnionOf, OWL.withRestrictions, OWL.onProperties,
}
BUILTIN_CLASSES = {OWL.Thing, OWL.Nothing, RDFS.Literal}
TBOX_TYPES = {
    OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDFS.Datatype,
    OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.TransitiveProperty, OWL.SymmetricProperty,
    OWL.AsymmetricProperty, OWL.ReflexiveProperty, OWL.IrreflexiveProperty, OWL.Restriction,
    OWL.AllDisjointClasses, OWL.AllDisjointProperties, OWL.AllDifferent, OWL.Ontology, OWL.NamedIndividual,
    OWL.Axiom, OWL.Annotation, OWL.NegativePropertyAssertion, RDF.List, RDF.Property,
}
SIMPLE_ONLY = (OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.IrreflexiveProperty, OWL.AsymmetricProperty)


@dataclass
class ProfileReport:
    """Violations of OWL 2 DL, one line each; empty means in profile."""

    problems: list[str] = field(default_factory=list)
    checker: str = "structural"

    @property
    def in_profile(self) -> bool:
        return not self.problems


def _q(term: object, graph: Graph) -> str:
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:  # pragma: no cover - odd IRIs
            return f"<{term}>"
    return str(term)


def structural_problems(graph: Graph) -> list[str]:
    """Our own checks of the OWL 2 DL restrictions (see the module docstring)."""
    q = lambda t: _q(t, graph)  # noqa: E731
    problems: list[str] = []
    objp = set(graph.subjects(RDF.type, OWL.ObjectProperty))
    datap = set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    annp = set(graph.subjects(RDF.type, OWL.AnnotationProperty))
    classes = set(graph.subjects(RDF.type, OWL.Class))
    datatypes = set(graph.subjects(RDF.type, RDFS.Datatype))

    # FOAF: importing it (or using its terms) drags OWL Full axioms in.
    for o in graph.objects(None, OWL.imports):
        if str(o).startswith(FOAF.rstrip("/")):
            problems.append(f"imports FOAF ({o}), which makes the ontology OWL Full: declare the few terms you need instead")

    # A property typed two ways, or a class that is also a property.
    for term in sorted((objp & datap) | (objp & annp) | (datap & annp), key=str):
        problems.append(f"{q(term)} is declared as more than one kind of property (object, datatype, annotation)")
    for term in sorted(classes & (objp | datap | annp), key=str):
        problems.append(f"{q(term)} is declared both a class and a property (illegal punning)")
    for term in sorted(classes & datatypes, key=str):
        problems.append(f"{q(term)} is declared both a class and a datatype")

    # Reserved vocabulary must not be redefined.
    for s in set(graph.subjects()):
        if isinstance(s, URIRef) and (s in BUILTIN_CLASSES or s in BUILTIN_PREDICATES):
            problems.append(f"{q(s)} is OWL/RDFS built-in vocabulary and must not be given axioms")

    # Every predicate declared.
    props = objp | datap | annp
    for p in sorted(set(graph.predicates()), key=str):
        if p in BUILTIN_PREDICATES or p in props:
            continue
        problems.append(f"{q(p)} is used as a property but not declared (owl:ObjectProperty, owl:DatatypeProperty or owl:AnnotationProperty)")

    # Every class used declared.
    used_classes: set = set()
    for s, o in graph.subject_objects(RDF.type):
        if isinstance(o, URIRef) and o not in TBOX_TYPES:
            used_classes.add(o)
    for s, o in graph.subject_objects(RDFS.subClassOf):
        used_classes.update(t for t in (s, o) if isinstance(t, URIRef))
    for pred in (OWL.disjointWith, OWL.equivalentClass, OWL.onClass, OWL.someValuesFrom, OWL.allValuesFrom):
        for s, o in graph.subject_objects(pred):
            if pred in (OWL.someValuesFrom, OWL.allValuesFrom):
                prop = graph.value(s, OWL.onProperty)
                if prop in datap:
                    continue
            used_classes.update(t for t in (s, o) if isinstance(t, URIRef))
    for p, c in graph.subject_objects(RDFS.domain):
        if isinstance(c, URIRef):
            used_classes.add(c)
    for p, c in graph.subject_objects(RDFS.range):
        if isinstance(c, URIRef) and p in objp:
            used_classes.add(c)
    for c in sorted(used_classes - classes - BUILTIN_CLASSES, key=str):
        problems.append(f"{q(c)} is used as a class but not declared owl:Class")

    # Object property ranges are classes, datatype property ranges are datatypes in the OWL 2 map.
    for p, r in graph.subject_objects(RDFS.range):
        if p in datap and isinstance(r, URIRef) and r not in OWL2_DATATYPES and r not in datatypes:
            problems.append(f"{q(p)} has range {q(r)}, a datatype outside the OWL 2 datatype map "
                            "(use rdfs:Literal and check the datatype with SHACL)")
        if p in datap and r in classes:
            problems.append(f"{q(p)} is a datatype property with a class as range ({q(r)})")
        if p in objp and isinstance(r, URIRef) and (r in OWL2_DATATYPES or r in datatypes):
            problems.append(f"{q(p)} is an object property with a datatype as range ({q(r)})")
    for s, dt in graph.subject_objects(OWL.onDatatype):
        if dt not in OWL2_DATATYPES:
            problems.append(f"a datatype restriction uses {q(dt)}, outside the OWL 2 datatype map")

    # Literal objects of object properties, IRI objects of datatype properties.
    for p in objp:
        for s, o in graph.subject_objects(p):
            if isinstance(o, Literal):
                problems.append(f"{q(s)} {q(p)} has a literal value {o.n3()} but {q(p)} is an object property")
                break
    for p in datap:
        for s, o in graph.subject_objects(p):
            if not isinstance(o, Literal):
                problems.append(f"{q(s)} {q(p)} has a resource value but {q(p)} is a datatype property")
                break

    # rdf:List only inside OWL constructs (an ordered plan as an rdf:List is not DL: use kg:position).
    list_heads = {o for p in LIST_PREDICATES for o in graph.objects(None, p)}
    allowed = set()
    for head in list_heads:
        node = head
        while isinstance(node, BNode) and node not in allowed:
            allowed.add(node)
            node = graph.value(node, RDF.rest)
    for node in sorted(set(graph.subjects(RDF.first, None)) - allowed, key=str):
        problems.append(f"{q(node)} is an rdf:List outside an OWL construct (not OWL 2 DL: order items with a position property)")
    for head in list_heads:
        if isinstance(head, URIRef) and head != RDF.nil:
            problems.append(f"{q(head)}: lists in OWL axioms must be blank nodes")

    # Non-simple properties (transitive, or with a transitive sub-property or a chain) where only simple ones may go.
    nonsimple = set(graph.subjects(RDF.type, OWL.TransitiveProperty)) | set(graph.subjects(OWL.propertyChainAxiom, None))
    changed = True
    while changed:
        changed = False
        for s, o in graph.subject_objects(RDFS.subPropertyOf):
            if s in nonsimple and o not in nonsimple:
                nonsimple.add(o)
                changed = True
        for s, o in graph.subject_objects(OWL.inverseOf):
            for a, b in ((s, o), (o, s)):
                if a in nonsimple and b not in nonsimple:
                    nonsimple.add(b)
                    changed = True
    for kind in SIMPLE_ONLY:
        for p in sorted(set(graph.subjects(RDF.type, kind)) & nonsimple, key=str):
            problems.append(f"{q(p)} is {q(kind)} but not a simple property (it is transitive or has a transitive sub-property)")
    for r in graph.subjects(RDF.type, OWL.Restriction):
        has_card = any(graph.value(r, c) is not None for c in (
            OWL.minCardinality, OWL.maxCardinality, OWL.cardinality, OWL.minQualifiedCardinality,
            OWL.maxQualifiedCardinality, OWL.qualifiedCardinality))
        prop = graph.value(r, OWL.onProperty)
        if (has_card or graph.value(r, OWL.hasSelf) is not None) and prop in nonsimple:
            problems.append(f"a cardinality or self restriction uses the non-simple property {q(prop)}")
    return sorted(set(problems))


def _java() -> str:
    import shutil

    import owlready2

    java = shutil.which(owlready2.JAVA_EXE)
    if java is None:
        raise EnvironmentProblem("Java is needed for the OWL API profile check but was not found",
                                 hint="install Java 11+ (apt-get install default-jre-headless)")
    return java


def owlapi_problems(graph: Graph) -> list[str]:
    """Run the OWL API's OWL2DLProfile on the graph (converted to RDF/XML; imports must be merged in)."""
    import owlready2.reasoning as reasoning

    java = _java()
    classpath = reasoning._HERMIT_CLASSPATH  # noqa: SLF001 - the HermiT.jar (with the OWL API) owlready2 ships
    hermit_jar = next((Path(c) for c in classpath.split(os.pathsep) if c.endswith(".jar")), Path("HermiT.jar"))
    if not (JAVA_DIR / "OwlProfileCheck.class").is_file():
        raise EnvironmentProblem("kg/java/OwlProfileCheck.class is missing",
                                 hint=f"compile it: javac --release 8 -cp {hermit_jar} kg/java/OwlProfileCheck.java")
    clean = Graph()
    for s, p, o in graph:
        if p != OWL.imports:  # never let the OWL API fetch an import
            clean.add((s, p, o))
    with tempfile.TemporaryDirectory(prefix="kg-profile-") as tmp:
        owl_file = Path(tmp) / "ontology.owl"
        clean.serialize(owl_file, format="xml")
        try:
            done = subprocess.run([java, "-cp", f"{classpath}{os.pathsep}{JAVA_DIR}", "OwlProfileCheck", str(owl_file)],
                                  capture_output=True, text=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise EnvironmentProblem(f"the OWL API profile check could not run: {err}") from err
    if done.returncode == 2 or done.returncode not in (0, 1):
        detail = (done.stdout + done.stderr).strip().splitlines()
        raise EnvironmentProblem(f"the OWL API profile check failed: {detail[-1] if detail else done.returncode}")
    return [line.split("\t", 1)[-1] for line in done.stdout.splitlines() if line.strip()]


def check_profile(graph: Graph, *, owlapi: bool = True) -> ProfileReport:
    """Both layers when ``owlapi`` (needs Java), else the structural checks only."""
    problems = structural_problems(graph)
    checker = "structural"
    if owlapi:
        problems += [f"OWL API: {p}" for p in owlapi_problems(graph)]
        checker = "structural + OWL API OWL2DLProfile"
    return ProfileReport(problems=problems, checker=checker)
