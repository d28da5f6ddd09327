"""Facts to RDF: one graph per article, one for shared entities (docs/data-model.md §2-§4).

Each article's graph is a pure function of the article, its fact file, the entities it uses and the
vocabularies, which is what lets the build cache it. IRIs come from curator ids only; no blank nodes.
"""

from __future__ import annotations

import functools
import os
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, TIME, XSD

from kg import iris
from kg.config import Paths
from kg.corpus import Article, Corpus, Entity, Fact, FactFile, Quote, canonical_decimal, normalize_with_map
from kg.iris import KG, OA, ORG, SCHEMA

STATUS = "status"
# Direct triples (org:holds, kg:party, ...) are shortcuts for simple queries. They are materialized only
# for what an article states or a curator decided; an implied or ambiguous fact stays on its qualified
# node, where its status can be seen.
DIRECT_STATUSES = {"explicit", "correction", "judgement"}
SECTION_OF = {  # fact-file section -> IRI section of docs/data-model.md §2
    "entities": "entity", "mentions": "mention", "tenures": "tenure", "participations": "participation",
    "relations": "relation", "statements": "statement", "plans": "plan", "observations": "observation",
}
FACT_CLASS = {
    "mentions": KG.Mention, "tenures": KG.Tenure, "participations": KG.Participation, "relations": KG.Relation,
    "statements": KG.Statement, "plans": KG.Mention, "observations": KG.Observation,
}
ENTITY_LINKS = {  # entity property key -> RDF property (values are entity ids)
    "organization": ORG.postIn, "parent": ORG.subOrganizationOf, "series": KG.inSeries, "part_of": KG.partOfEvent,
    "follows": KG.follows, "place": KG.place, "organizer": KG.organizer, "country": KG.inCountry,
}
ENTITY_LITERALS = {  # entity property key -> (RDF property, datatype)
    "time_text": (KG.timeText, XSD.string), "date": (KG.date, XSD.date), "start_date": (KG.startDate, XSD.date),
    "end_date": (KG.endDate, XSD.date), "purpose": (KG.purpose, XSD.string), "year": (KG.year, XSD.gYear),
    "gloss": (KG.gloss, XSD.string), "acronym": (KG.acronym, XSD.string),
}


def decimal_literal(text: str) -> Literal:
    return Literal(canonical_decimal(str(text)), datatype=XSD.decimal)


def integer_literal(value: int | str) -> Literal:
    return _integer(int(value))


@functools.lru_cache(maxsize=1 << 13)
def _integer(value: int) -> Literal:
    """Made once per value: an article's positions and lines recur, and rdflib's Literal costs 30 us."""
    return Literal(str(value), datatype=XSD.integer)


def string_literal(text: str) -> Literal:
    return _string(text) if type(text) is str else Literal(text, datatype=XSD.string)


@functools.lru_cache(maxsize=4096)
def _string(text: str) -> Literal:
    """Cached: seven in ten are repeats (the fact file's path on every fact, curator ids, statuses)."""
    return Literal(text, datatype=XSD.string)


def year_or_date(text: str) -> tuple[URIRef, Literal]:
    """An OWL-Time instant property and literal: years stay gYear, dates stay date (never mixed)."""
    if len(text) == 4:
        return TIME.inXSDgYear, Literal(text, datatype=XSD.gYear)
    return TIME.inXSDDate, Literal(text, datatype=XSD.date)


def issued_literal(text: str) -> Literal:
    """A release date at the precision written: YYYY (xsd:gYear), YYYY-MM (xsd:gYearMonth) or YYYY-MM-DD (xsd:date)."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(text), XSD.date)
    return Literal(text, datatype=datatype)


class ArticleMapper:
    """Maps one article and its fact file into one graph."""

    def __init__(self, corpus: Corpus, article: Article, facts: FactFile | None) -> None:
        self.corpus = corpus
        self.article = article
        self.ff = facts
        self.triples: set[tuple[URIRef, URIRef, URIRef | Literal]] = set()  # a set: rdflib's Graph costs 3x more
        self.art = iris.article_iri(article.id)
        self.mentioned: set[URIRef] = set()
        self.fact_file = repo_relative(corpus.paths, facts.path) if facts else None
        # the language the curator's notes are written in: the fact file says so, English unless it does
        self.note_lang = str((facts.data.get("note_language") if facts else None) or "en")

    # -- helpers ----------------------------------------------------------------------------------
    def entity(self, ident: str) -> URIRef:
        entity = self.corpus.entities[ident]
        node = entity_node(entity)
        self.mentioned.add(node)
        return node

    def concept(self, scheme: str, slug: str) -> URIRef:
        return iris.concept_iri(scheme, slug)

    def fact_node(self, section: str, fact_id: str) -> URIRef:
        return iris.fact_iri(self.article.id, SECTION_OF[section], fact_id)

    def ref_fact(self, section: str, ref: str) -> URIRef:
        """A fact reference: `id` in this file or `<article>#<id>` in another."""
        if "#" in ref:
            other, fact_id = ref.split("#", 1)
            return iris.fact_iri(other, SECTION_OF[section], fact_id)
        return self.fact_node(section, ref)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.triples.add((s, p, o))

    def evidence(self, node: URIRef, fact: Fact) -> None:
        """Status, provenance back to the curator's file, and the Web Annotation evidence of one fact."""
        data = fact.data
        self.add(node, KG.status, self.concept(STATUS, data["status"]))
        if data.get("reason"):
            self.add(node, KG.statusReason, string_literal(data["reason"]))
        for reading in data.get("readings") or []:
            self.add(node, KG.reading, string_literal(str(reading)))
        if data.get("note"):
            self.add(node, RDFS.comment, Literal(data["note"], lang=self.note_lang))
        self.add(node, KG.curatorId, string_literal(fact.id))
        if self.fact_file:
            self.add(node, KG.factFile, string_literal(self.fact_file))
        self.add(node, KG.inArticle, self.art)
        self.quote_evidence(node, fact.quote)

    def attribution(self, node: URIRef, data: dict[str, Any]) -> None:
        """How the article gives a statement's speaker or a figure's source, when the curator says (apart from the
        fact's status: "By managing MX$456 million" is explicit, its source implied by the sentence before). Absent,
        the quote names them; the graph then holds no triple, and queries read the absence as explicit."""
        if data.get("attribution_status"):
            self.add(node, KG.attributionStatus, self.concept(STATUS, data["attribution_status"]))

    def quote_evidence(self, node: URIRef, quote: Quote) -> None:
        ev = iris.evidence_iri(node)
        qs, ps = iris.quote_selector_iri(node), iris.position_selector_iri(node)
        self.add(node, KG.hasEvidence, ev)
        self.add(ev, RDF.type, KG.Evidence)
        self.add(ev, OA.hasSource, self.art)
        self.add(ev, OA.hasSelector, qs)
        self.add(ev, OA.hasSelector, ps)
        self.add(ev, KG.line, integer_literal(quote.line))
        if quote.section is not None:
            self.add(ev, KG.inSection, iris.section_iri(self.article.id, quote.section))
        self.add(qs, RDF.type, OA.TextQuoteSelector)
        self.add(qs, OA.exact, string_literal(quote.exact))
        if quote.prefix:
            self.add(qs, OA.prefix, string_literal(quote.prefix))
        if quote.suffix:
            self.add(qs, OA.suffix, string_literal(quote.suffix))
        self.add(ps, RDF.type, OA.TextPositionSelector)
        self.add(ps, OA.start, integer_literal(quote.start))
        self.add(ps, OA.end, integer_literal(quote.end))

    def verbatim(self, quote: Quote, form: str) -> str:
        """``form`` as it stands in the text (no-break spaces kept), located inside the quote."""
        norm, back = normalize_with_map(quote.exact)
        needle = " ".join(form.split())
        index = norm.find(needle)
        if index < 0:
            return form
        return quote.exact[back[index]:back[index + len(needle) - 1] + 1]

    # -- the article ------------------------------------------------------------------------------
    def map_article(self) -> None:
        a, art = self.article, self.art
        self.add(art, RDF.type, KG.Article)
        self.add(art, DCTERMS.identifier, string_literal(a.id))
        self.add(art, DCTERMS.language, Literal(a.language, datatype=XSD.language))
        self.add(art, KG.sha256, string_literal(a.sha256))
        self.add(art, KG.fileName, string_literal(a.path.name))
        self.add(art, KG.characterCount, integer_literal(len(a.text)))
        if "title" in a.meta:
            self.add(art, DCTERMS.title, Literal(a.meta["title"], lang=a.language))
        if "published" in a.meta:
            self.add(art, DCTERMS.issued, Literal(a.meta["published"], datatype=XSD.date))
        if "source" in a.meta:
            self.add(art, DCTERMS.source, URIRef(a.meta["source"]))
        if "outlet" in a.meta:
            self.add(art, DCTERMS.publisher, string_literal(a.meta["outlet"]))
        if "author" in a.meta:
            self.add(art, DCTERMS.creator, string_literal(a.meta["author"]))
        for section in a.sections:
            sec = iris.section_iri(a.id, section.number)
            self.add(art, KG.hasSection, sec)
            self.add(sec, RDF.type, KG.Section)
            self.add(sec, KG.heading, string_literal(section.heading))
            self.add(sec, KG.sectionNumber, integer_literal(section.number))

    def map_facts(self) -> None:
        if self.ff is None:
            return
        for fact in self.ff.facts:
            getattr(self, "map_" + fact.section)(fact)
        items_by_parent: dict[str, list[Fact]] = {}
        for item in self.ff.items:
            items_by_parent.setdefault(item.parent or "", []).append(item)
        for fact in self.ff.facts:
            for item in items_by_parent.get(fact.id, []):
                self.map_item(fact, item)
        for node in sorted(self.mentioned):
            self.add(self.art, SCHEMA.mentions, node)

    # -- sections ---------------------------------------------------------------------------------
    def map_entities(self, fact: Fact) -> None:
        entity = self.corpus.entities[fact.id]
        node = entity_node(entity)
        self.mentioned.add(node)
        for s, p, o in entity_triples(self.corpus, entity):
            self.add(s, p, o)
        self.evidence(node, fact)

    def map_mentions(self, fact: Fact) -> None:
        node = self.fact_node("mentions", fact.id)
        d = fact.data
        self.add(node, RDF.type, KG.Mention)
        self.add(node, KG.mentionOf, self.entity(d["entity"]))
        form = self.verbatim(fact.quote, d.get("form") or fact.quote.exact)
        self.add(node, KG.surfaceForm, Literal(form, lang=self.article.language))
        if d.get("corrected_form"):
            # the curator's reading of a garbled name, on the mention whose status says it is a correction (not
            # on the entity: the article does not state it); name searches and entity parameters read it there
            self.add(node, KG.correctedForm, string_literal(" ".join(str(d["corrected_form"]).split())))
        self.evidence(node, fact)

    def map_tenures(self, fact: Fact) -> None:
        node = self.fact_node("tenures", fact.id)
        d = fact.data
        person, post = self.entity(d["person"]), self.entity(d["post"])
        post_entity = self.corpus.entities[d["post"]]
        self.add(node, RDF.type, KG.Tenure)
        self.add(node, ORG.member, person)
        self.add(node, KG.post, post)
        org_id = post_entity.data.get("organization")
        org = self.entity(org_id) if org_id else None
        if org is not None:
            self.add(node, ORG.organization, org)
        interval = iris.tenure_interval_iri(node)
        self.add(node, ORG.memberDuring, interval)
        self.add(interval, RDF.type, TIME.Interval)
        for key, prop, mint in (("start", TIME.hasBeginning, iris.tenure_start_iri),
                                ("end", TIME.hasEnd, iris.tenure_end_iri)):
            if d.get(key):
                instant = mint(node)
                self.add(interval, prop, instant)
                self.add(instant, RDF.type, TIME.Instant)
                self.add(instant, *year_or_date(str(d[key])))
        if d.get("previous"):
            prev = self.ref_fact("tenures", d["previous"])
            self.add(node, KG.previousTerm, prev)
            self.add(prev, KG.nextTerm, node)
        if d.get("predecessor"):
            pred = self.ref_fact("tenures", d["predecessor"])
            self.add(node, KG.predecessorTerm, pred)
            self.add(pred, KG.successorTerm, node)
        if "reelection" in d:
            self.add(node, KG.isReelection, Literal(bool(d["reelection"])))
        if d.get("announced_at"):
            self.add(node, KG.announcedAt, self.entity(d["announced_at"]))
        # Direct triples, materialized from the qualified node for simple queries.
        if d["status"] not in DIRECT_STATUSES:
            self.evidence(node, fact)
            return
        self.add(person, ORG.holds, post)
        if org is not None:
            self.add(person, ORG.memberOf, org)
            if post_entity.data.get("head"):
                self.add(person, ORG.headOf, org)
        self.evidence(node, fact)

    def map_participations(self, fact: Fact) -> None:
        node = self.fact_node("participations", fact.id)
        d = fact.data
        agent, event = self.entity(d["agent"]), self.entity(d["event"])
        self.add(node, RDF.type, KG.Participation)
        self.add(node, KG.participant, agent)
        self.add(node, KG.participationIn, event)
        self.add(node, KG.participantRole, self.concept("role", d["role"]))
        if d["status"] in DIRECT_STATUSES:
            self.add(event, KG.hasParticipant, agent)
        self.evidence(node, fact)

    def map_relations(self, fact: Fact) -> None:
        node = self.fact_node("relations", fact.id)
        d = fact.data
        subject, obj = self.entity(d["subject"]), self.entity(d["object"])
        self.add(node, RDF.type, KG.Relation)
        self.add(node, KG.relationSubject, subject)
        self.add(node, KG.relationType, self.concept("relation", d["relation"]))
        self.add(node, KG.relationObject, obj)
        direct = self.corpus.vocab.relation_properties.get(d["relation"])
        if direct and d["status"] in DIRECT_STATUSES:
            self.add(subject, URIRef(direct), obj)
        self.evidence(node, fact)

    def map_statements(self, fact: Fact) -> None:
        node = self.fact_node("statements", fact.id)
        d = fact.data
        self.add(node, RDF.type, KG.Statement)
        if d.get("speaker"):
            self.add(node, KG.saidBy, self.entity(d["speaker"]))
        self.attribution(node, d)
        if d.get("unattributed"):
            self.add(node, KG.unattributed, Literal(True))
        if d.get("verb"):
            self.add(node, KG.speechVerb, string_literal(d["verb"]))
        if d.get("at"):
            self.add(node, KG.statedAt, self.entity(d["at"]))
        if "direct" in d:
            self.add(node, KG.isDirectQuote, Literal(bool(d["direct"])))
        for topic in d.get("topics") or []:
            self.add(node, KG.topic, self.concept("topic", topic))
        for about in d.get("about") or []:
            self.add(node, KG.about, self.entity(about))
        self.add(node, KG.text, string_literal(fact.quote.exact))
        self.evidence(node, fact)

    def map_plans(self, fact: Fact) -> None:
        # The plan fact is where the article introduces the plan: a mention of it; its items hang on the plan.
        node = self.fact_node("plans", fact.id)
        self.add(node, RDF.type, KG.Mention)
        self.add(node, KG.mentionOf, self.entity(fact.data["plan"]))
        self.add(node, KG.surfaceForm, Literal(fact.quote.exact, lang=self.article.language))
        self.evidence(node, fact)

    def map_observations(self, fact: Fact) -> None:
        node = self.fact_node("observations", fact.id)
        d = fact.data
        self.add(node, RDF.type, KG.Observation)
        for about in d.get("about") or []:
            self.add(node, KG.about, self.entity(about))
        if d.get("measure"):
            self.add(node, KG.measure, self.concept("measure", d["measure"]))
        if "value" in d:
            self.add(node, KG.value, decimal_literal(d["value"]))
        else:
            self.add(node, KG.minValue, decimal_literal(d["min"]))
            self.add(node, KG.maxValue, decimal_literal(d["max"]))
        unit = self.corpus.vocab.unit_codes.get(d["unit"]) or str(iris.unit_iri(d["unit"]))
        self.add(node, KG.unit, URIRef(unit))
        self.add(node, KG.comparator, self.concept("comparator", d["comparator"]))
        self.add(node, KG.observationKind, self.concept("kind", d.get("kind") or "reported"))
        if d.get("per"):
            self.add(node, KG.perUnit, self.concept("per", d["per"]))
        if d.get("statistic"):
            self.add(node, KG.statistic, self.concept("statistic", d["statistic"]))
        time = d.get("time") or {}
        if time.get("qualifier"):
            self.add(node, KG.timeQualifier, self.concept("time", time["qualifier"]))
        if time.get("year"):
            self.add(node, KG.referenceYear, Literal(time["year"], datatype=XSD.gYear))
        if time.get("date"):
            self.add(node, KG.referenceDate, Literal(time["date"], datatype=XSD.date))
        if time.get("start"):
            self.add(node, KG.periodStart, Literal(time["start"], datatype=XSD.gYear))
        if time.get("end"):
            self.add(node, KG.periodEnd, Literal(time["end"], datatype=XSD.gYear))
        if time.get("text"):
            self.add(node, KG.timeText, string_literal(time["text"]))
        if d.get("attributed_to"):
            self.add(node, KG.attributedTo, self.entity(d["attributed_to"]))
        self.attribution(node, d)
        if d.get("unattributed"):
            self.add(node, KG.unattributed, Literal(True))
        if d.get("statement"):
            self.add(node, KG.statedIn, self.ref_fact("statements", d["statement"]))
        if d.get("at"):
            self.add(node, KG.statedAt, self.entity(d["at"]))
        if d.get("compared_with"):
            self.add(node, KG.comparedWith, self.ref_fact("observations", d["compared_with"]))
        if d.get("surface"):
            self.add(node, KG.surfaceText, string_literal(self.verbatim(fact.quote, d["surface"])))
        value = d.get("value")
        for reading in d.get("readings") or []:
            alternative = _as_decimal(reading)
            if alternative is not None and (value is None or Decimal(alternative) != Decimal(value)):
                self.add(node, KG.alternativeValue, decimal_literal(alternative))
        self.evidence(node, fact)

    def map_item(self, parent: Fact, item: Fact) -> None:
        parent_node = self.fact_node(parent.section, parent.id)
        node = iris.item_iri(parent_node, item.id)
        if parent.section == "plans":
            owner = self.entity(parent.data["plan"])
            self.add(node, RDF.type, KG.PlanItem)
        else:
            owner = parent_node
            self.add(node, RDF.type, KG.ListItem)
        self.add(owner, KG.hasItem, node)
        self.add(node, KG.position, integer_literal(item.position or 0))
        self.add(node, KG.text, string_literal(item.quote.exact))
        for ref in item.data.get("refers_to") or []:
            self.add(node, KG.refersTo, self.entity(ref))
        for topic in item.data.get("topics") or []:
            self.add(node, KG.topic, self.concept("topic", topic))
        self.evidence(node, item)


def _as_decimal(text: object) -> str | None:
    try:
        value = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        return None
    return str(text).strip() if value.is_finite() else None


def repo_relative(paths: Paths, path: os.PathLike[str] | str) -> str:
    """A file of the data folder as a curator would type it: relative to the repository, or
    ``<data folder's name>/...`` when the data lives elsewhere. Graphs name fact files so (kg:factFile)
    and findings name entities.yaml so: the build's cache key covers the prefix (``global_fingerprint``)."""
    root, data = paths.root, paths.data
    path = os.fspath(path)
    try:
        rel = os.path.relpath(path, root)
        if not rel.startswith(".."):
            return rel.replace(os.sep, "/")
    except ValueError:
        pass
    return f"{data.name}/{os.path.relpath(path, data)}".replace(os.sep, "/")  # type: ignore[union-attr]


def entity_node(entity: Entity) -> URIRef:
    return iris.entity_iri(entity.type, entity.id)


def entity_triples(corpus: Corpus, entity: Entity) -> Iterable[tuple[URIRef, URIRef, URIRef | Literal]]:
    """The description of an entity, wherever it is declared."""
    node = entity_node(entity)
    d = entity.data
    yield node, RDF.type, KG[entity.type]
    for lang, name in sorted((d.get("name") or {}).items()):
        yield node, SKOS.prefLabel, Literal(name, lang=lang)
    for lang, names in sorted((d.get("aliases") or {}).items()):
        for alias in names:
            yield node, SKOS.altLabel, Literal(alias, lang=lang)
    for iri in d.get("same_as") or []:
        yield node, OWL.sameAs, URIRef(iri)
    for key, prop in ENTITY_LINKS.items():
        if d.get(key):
            yield node, prop, entity_node(corpus.entities[d[key]])
    for key, (prop, datatype) in ENTITY_LITERALS.items():
        if d.get(key) is not None:
            yield node, prop, Literal(str(d[key]), datatype=datatype)
    if d.get("head") is not None:
        yield node, KG.isHeadPost, Literal(bool(d["head"]))
    if d.get("edition") is not None:
        yield node, KG.edition, integer_literal(d["edition"])
    if d.get("day") is not None:
        yield node, KG.dayNumber, integer_literal(d["day"])
    period = d.get("period") or {}
    if period.get("start"):
        yield node, KG.periodStart, Literal(period["start"], datatype=XSD.gYear)
    if period.get("end"):
        yield node, KG.periodEnd, Literal(period["end"], datatype=XSD.gYear)
    for topic in d.get("topics") or []:
        yield node, KG.topic, iris.concept_iri("topic", topic)
    if d.get("published"):
        # as precise as the words: "publicado en marzo de 2026" is 2026-03, never a day the article does not write
        yield node, DCTERMS.issued, issued_literal(str(d["published"]))
    if d.get("event_status"):
        yield node, KG.eventStatus, iris.concept_iri("event-status", d["event_status"])
    if entity.article is None and d.get("note"):
        yield node, RDFS.comment, Literal(d["note"], lang="en")


def article_triples(corpus: Corpus, article_id: str) -> set[tuple[URIRef, URIRef, URIRef | Literal]]:
    """The triples of one article's graph (what the build writes as N-Quads)."""
    mapper = ArticleMapper(corpus, corpus.articles[article_id], corpus.fact_files.get(article_id))
    mapper.map_article()
    mapper.map_facts()
    return mapper.triples


def map_article(corpus: Corpus, article_id: str) -> Graph:
    g = Graph()
    for triple in article_triples(corpus, article_id):
        g.add(triple)
    return g


def map_shared_entities(corpus: Corpus) -> Graph:
    g = Graph()
    for entity in corpus.shared_entities:
        for triple in entity_triples(corpus, entity):
            g.add(triple)
    return g


def map_corpus(corpus: Corpus) -> dict[str, Graph]:
    """Every data graph of the corpus, keyed by graph IRI (the ontology graph is added by the build)."""
    graphs = {str(iris.ENTITIES_GRAPH): map_shared_entities(corpus)}
    for article_id in sorted(corpus.articles):
        graphs[str(iris.article_graph(article_id))] = map_article(corpus, article_id)
    return graphs
