"""What a figure is per, which statistic it is, who coordinates a program, when a study was released.

"MX$3,000 per company", "20 horas por semana" (`per:`, with the unit hour); "an average of 35 employees",
"el salario promedio" (`statistic:`); "el programa, coordinado por la Secretaría de Economía" (relation
`coordinated-by`); "el estudio, publicado en febrero de 2026" (an entity's `published`, as precise as the
quote writes it). Each maps to its triples; `kg check` refuses what the words do not back, on one line at
its file and line with the fix; the shapes refuse what the ontology does not allow. English and Spanish.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from kg import iris
from kg.config import Paths
from kg.corpus import load_corpus
from kg.mapping import article_triples, map_corpus
from minicorpus import check_errors, line_of, replace_in, with_articles

KG = iris.KG
ART_EN = ("The Digital Talent program, coordinated by the Ministry of Economy, grants MX$3,000 per company. "
          "Member firms employ an average of 35 employees. The Cyber Outlook study, published in March 2026, "
          "estimates losses of US$2 million per company per year.")
ART_ES = ("Monterrey, Nuevo León, 12 de marzo de 2026.- La CANIETI presentó el estudio Panorama TIC ante sus socios. "
          "El programa Talento Digital, coordinado por la Secretaría de Economía, ofrece 20 horas por semana de "
          "capacitación. El salario promedio del sector es de 18 mil pesos. El estudio, publicado en febrero de 2026, "
          "estima pérdidas anuales de 2 millones de dólares por empresa.")

FACTS_EN = """\
article: q-en
review: reviewed
entities:
  - id: digital-talent
    type: Program
    name: {en: Digital Talent program}
    quote: The Digital Talent program
    status: explicit
  - id: ministry-of-economy
    type: GovernmentBody
    name: {en: Ministry of Economy}
    quote: the Ministry of Economy
    status: explicit
  - id: cyber-outlook
    type: Study
    name: {en: Cyber Outlook study}
    published: "2026-03"
    quote: The Cyber Outlook study, published in March 2026
    status: explicit
relations:
  - id: rel-coordinated
    subject: digital-talent
    relation: coordinated-by
    object: ministry-of-economy
    quote: The Digital Talent program, coordinated by the Ministry of Economy
    status: explicit
observations:
  - id: o-grant
    about: [digital-talent]
    measure: test-losses
    value: "3000"
    unit: MXN
    comparator: exact
    per: company
    unattributed: true
    surface: MX$3,000
    quote: grants MX$3,000 per company
    status: explicit
  - id: o-employees
    about: [acme]
    measure: test-members
    value: "35"
    unit: count
    comparator: exact
    statistic: average
    unattributed: true
    surface: 35 employees
    quote: Member firms employ an average of 35 employees
    status: explicit
  - id: o-losses
    about: [cyber-outlook]
    measure: test-losses
    value: "2000000"
    unit: USD
    comparator: exact
    per: company
    time: {qualifier: per-year}
    unattributed: true
    surface: US$2 million
    quote: estimates losses of US$2 million per company per year
    status: explicit
"""

FACTS_ES = """\
article: q-es
review: reviewed
entities:
  - id: talento-digital
    type: Program
    name: {es: Talento Digital}
    quote: El programa Talento Digital
    status: explicit
  - id: secretaria-economia
    type: GovernmentBody
    name: {es: Secretaría de Economía}
    quote: la Secretaría de Economía
    status: explicit
  - id: panorama-tic
    type: Study
    name: {es: Panorama TIC}
    published: "2026-02"
    quote: El estudio, publicado en febrero de 2026
    status: explicit
relations:
  - id: rel-coordinado
    subject: talento-digital
    relation: coordinated-by
    object: secretaria-economia
    quote: El programa Talento Digital, coordinado por la Secretaría de Economía
    status: explicit
observations:
  - id: o-horas
    about: [talento-digital]
    measure: test-members
    value: "20"
    unit: hour
    comparator: exact
    per: week
    unattributed: true
    quote: ofrece 20 horas por semana de capacitación
    status: explicit
  - id: o-salario
    about: [acme]
    measure: test-losses
    value: "18000"
    unit: MXN
    comparator: exact
    statistic: average
    unattributed: true
    surface: 18 mil pesos
    quote: El salario promedio del sector es de 18 mil pesos
    status: explicit
  - id: o-perdidas
    about: [panorama-tic]
    measure: test-losses
    value: "2000000"
    unit: USD
    comparator: exact
    per: company
    time: {qualifier: per-year}
    unattributed: true
    surface: 2 millones de dólares
    quote: estima pérdidas anuales de 2 millones de dólares por empresa
    status: explicit
"""


@pytest.fixture()
def qualified(tmp_path: Path) -> Paths:
    return with_articles(tmp_path, [("q-en", ART_EN, "en", FACTS_EN), ("q-es", ART_ES, "es", FACTS_ES)])


def _obs(article: str, ident: str) -> URIRef:
    return iris.fact_iri(article, "observation", ident)


def test_the_new_qualifiers_map_to_their_triples_in_english_and_spanish(qualified: Paths) -> None:
    assert check_errors(qualified) == (0, [])
    corpus = load_corpus(qualified)
    en, es = article_triples(corpus, "q-en"), article_triples(corpus, "q-es")
    per, statistic = (lambda slug: iris.concept_iri("per", slug)), (lambda slug: iris.concept_iri("statistic", slug))
    assert (_obs("q-en", "o-grant"), KG.perUnit, per("company")) in en
    assert (_obs("q-en", "o-employees"), KG.statistic, statistic("average")) in en
    assert (_obs("q-es", "o-horas"), KG.perUnit, per("week")) in es
    assert (_obs("q-es", "o-horas"), KG.unit, URIRef("http://qudt.org/vocab/unit/HR")) in es
    assert (_obs("q-es", "o-salario"), KG.statistic, statistic("average")) in es
    # per company per year: the per concept and the time qualifier, side by side
    losses = {(p, o) for s, p, o in es if s == _obs("q-es", "o-perdidas")}
    assert {(KG.perUnit, per("company")), (KG.timeQualifier, iris.concept_iri("time", "per-year"))} <= losses
    # a figure stated with neither has neither
    assert not [t for t in en if t[0] == _obs("q-en", "o-employees") and t[1] == KG.perUnit]
    # coordinated-by: the qualified relation and its direct triple
    program, ministry = iris.entity_iri("Program", "digital-talent"), iris.entity_iri("GovernmentBody", "ministry-of-economy")
    assert (program, KG.coordinatedBy, ministry) in en
    assert (iris.fact_iri("q-en", "relation", "rel-coordinated"), KG.relationType,
            iris.concept_iri("relation", "coordinated-by")) in en
    assert (iris.entity_iri("Program", "talento-digital"), KG.coordinatedBy,
            iris.entity_iri("GovernmentBody", "secretaria-economia")) in es
    # a release date at the precision written: a month is a gYearMonth, never a made-up day
    assert (iris.entity_iri("Study", "cyber-outlook"), DCTERMS.issued, Literal("2026-03", datatype=XSD.gYearMonth)) in en
    assert (iris.entity_iri("Study", "panorama-tic"), DCTERMS.issued, Literal("2026-02", datatype=XSD.gYearMonth)) in es


def test_a_release_date_keeps_the_precision_written() -> None:
    from kg.mapping import issued_literal

    assert issued_literal("2026") == Literal("2026", datatype=XSD.gYear)
    assert issued_literal("2026-03") == Literal("2026-03", datatype=XSD.gYearMonth)
    assert issued_literal("2026-03-12") == Literal("2026-03-12", datatype=XSD.date)


# (article, old text, new text, the field's line (text, after), words of the one-line error)
REFUSED = [
    # a yearly amount is the time qualifier per-year, stated one way only
    ("q-en", "    per: company\n    time: {qualifier: per-year}", "    per: year", ("per: year", "id: o-losses"),
     ["per: observations[2] (id o-losses): per year is the time qualifier per-year, not a `per` concept",
      "(fix: write `time: {qualifier: per-year}` (with the year, if the quote states one) and leave `per` out)"]),
    ("q-es", "    per: company\n    time: {qualifier: per-year}", "    per: anual", ("per: anual", "id: o-perdidas"),
     ["per: observations[2] (id o-perdidas): per anual is the time qualifier per-year"]),
    # a per concept the scheme does not have
    ("q-en", "    per: company\n    unattributed", "    per: compnay\n    unattributed", ("per: compnay", "id: o-grant"),
     ["per: observations[0] (id o-grant): unknown per concept 'compnay'",
      "(fix: use a concept of ontology/vocab/per.ttl such as company)"]),
    # an explicit per the quote does not write
    ("q-en", "    per: company\n    unattributed", "    per: employee\n    unattributed", ("per: employee", "id: o-grant"),
     ["per: observations[0] (id o-grant): per employee is not written in the quote (an explicit fact states it in so "
      "many words: 'per employee', 'por trabajador')",
      "(fix: quote the words that say what the figure is per, mark the fact `status: implied`, or leave `per` out)"]),
    ("q-es", "    per: week", "    per: day", ("per: day", "id: o-horas"),
     ["per: observations[0] (id o-horas): per day is not written in the quote"]),
    # an explicit statistic the quote does not write
    ("q-en", "    per: company\n    unattributed", "    statistic: median\n    unattributed", ("statistic:", "id: o-grant"),
     ["statistic: observations[0] (id o-grant): statistic median is not written in the quote",
      "(fix: quote the words that say it is the median, mark the fact `status: implied`, or leave `statistic` out)"]),
    ("q-es", "    statistic: average", "    statistic: median", ("statistic:", "id: o-salario"),
     ["statistic: observations[1] (id o-salario): statistic median is not written in the quote"]),
    # a release date its quote does not write, or only its dateline does
    ("q-en", 'published: "2026-03"', 'published: "2026-04"', ("published:", "id: cyber-outlook"),
     ["published: entities[2] (id cyber-outlook): published 2026-04 is not written in the quote"]),
    ("q-es", 'published: "2026-02"\n    quote: El estudio, publicado en febrero de 2026',
     'published: "2026-03"\n    quote: "Monterrey, Nuevo León, 12 de marzo de 2026.- La CANIETI presentó el estudio Panorama TIC"',
     ("published:", "id: panorama-tic"),
     ["published: entities[2] (id panorama-tic): published 2026-03 is written in the quote only in the article's dateline",
      "(fix: leave `published` out, or quote a sentence of the article that states 2026-03)"]),
    # a month the calendar does not have
    ("q-es", 'published: "2026-02"', 'published: "2026-14"', ("published:", "id: panorama-tic"),
     ["not a month of the calendar (month 14) in the release date '2026-14'"]),
]


@pytest.mark.parametrize("article, old, new, where, words", REFUSED, ids=lambda v: v if isinstance(v, str) and len(v) < 8 else "")
def test_kg_check_refuses_what_the_words_do_not_back_on_one_line_with_the_fix(
        qualified: Paths, article: str, old: str, new: str, where: tuple[str, str], words: list[str]) -> None:
    facts = qualified.data / "facts" / f"{article}.yaml"
    replace_in(facts, old, new)
    code, errors = check_errors(qualified)
    assert code == 1 and len(errors) == 1, errors
    assert f"{article}.yaml:{line_of(facts, *where)}:" in errors[0], errors
    for word in words:
        assert word in errors[0], errors


def test_a_statistic_the_schema_does_not_know_is_refused_with_its_synonym(qualified: Paths) -> None:
    facts = qualified.data / "facts" / "q-en.yaml"
    replace_in(facts, "statistic: average", "statistic: mean")
    code, errors = check_errors(qualified)
    assert code == 1 and len(errors) == 1, errors
    assert f"q-en.yaml:{line_of(facts, 'statistic:', 'id: o-employees')}: statistic: observations[1] (id o-employees): " \
           "schema: 'mean' is not one of ['average', 'median', 'total'] (fix: did you mean `average`?)" in errors[0], errors


def test_an_implied_statistic_need_not_be_written(qualified: Paths) -> None:
    facts = qualified.data / "facts" / "q-en.yaml"
    replace_in(facts, "    per: company\n    unattributed", "    statistic: total\n    unattributed")
    assert check_errors(qualified)[0] == 1
    replace_in(facts, "quote: grants MX$3,000 per company\n    status: explicit", "quote: grants MX$3,000 per company\n    status: implied")
    assert check_errors(qualified) == (0, [])


def _validate(paths: Paths) -> list[tuple[str, str, str | None]]:
    from kg import validation
    from kg.ontology import ontology_graph

    ds = rdflib.Dataset()
    for name, graph in map_corpus(load_corpus(paths)).items():
        target = ds.graph(URIRef(name))
        for triple in graph:
            target.add(triple)
    onto = ds.graph(iris.ONTOLOGY_GRAPH)
    for triple in ontology_graph(paths):
        onto.add(triple)
    report = validation.validate(ds, paths, workers=1)
    return sorted((r.shape.rsplit("#", 1)[-1], r.focus.rsplit("/", 1)[-1], r.curator_id)
                  for r in report.results if r.severity == "Violation")


def test_the_shapes_accept_the_new_terms_and_refuse_them_on_the_wrong_things(qualified: Paths) -> None:
    assert _validate(qualified) == []
    facts = qualified.data / "facts" / "q-en.yaml"
    # a person is not coordinated, a program is not coordinated by a study; a program is not published
    replace_in(facts, "    subject: digital-talent\n    relation: coordinated-by\n    object: ministry-of-economy",
               "    subject: digital-talent\n    relation: coordinated-by\n    object: cyber-outlook")
    replace_in(facts, "    name: {en: Digital Talent program}\n", "    name: {en: Digital Talent program}\n"
               "    published: \"2026\"\n")
    replace_in(facts, "quote: The Digital Talent program\n", "quote: The Digital Talent program, coordinated by the "
               "Ministry of Economy, grants MX$3,000 per company. Member firms employ an average of 35 employees. "
               "The Cyber Outlook study, published in March 2026\n")
    assert _validate(qualified) == [("CoordinatedBy-agent", "digital-talent", "digital-talent"),
                                    ("IssuedSubjectShape", "digital-talent", "digital-talent")]


def test_the_figure_queries_show_per_and_statistic(qualified: Paths) -> None:
    from kg import queries as Q
    from kg.build import build_project

    build_project(qualified, validate=False, reason=False)
    engine = Q.open_engine(qualified, "oxigraph")
    res = Q.run_stored(qualified, "figures-by-measure", {"measure": "test-losses"}, opened=engine)
    rows = {str(row[res.variables.index("observation")]).rsplit("/", 1)[1]:
            (row[res.variables.index("per")], row[res.variables.index("statistic")]) for row in res.rows}
    per, statistic = (lambda slug: iris.concept_iri("per", slug)), (lambda slug: iris.concept_iri("statistic", slug))
    assert rows["o-grant"] == (per("company"), None)
    assert rows["o-perdidas"] == (per("company"), None)
    assert rows["o-salario"] == (None, statistic("average"))
    # a program's coordinator and a study's release date are in what the graph states about them
    res = Q.run_stored(qualified, "entity-properties", {"entity": "panorama-tic"}, opened=engine)
    assert [str(v) for _, p, v in res.rows if p == DCTERMS.issued] == ["2026-02"]
    res = Q.run_stored(qualified, "entity-properties", {"entity": "talento-digital"}, opened=engine)
    assert [v for _, p, v in res.rows if p == KG.coordinatedBy] == [iris.entity_iri("GovernmentBody", "secretaria-economia")]


# --- kg ingest drafts them -----------------------------------------------------------------------------------------

DRAFTED = [  # (text, language, per, statistic, words the quote must hold)
    ("El programa otorga 3 mil pesos por empresa participante.", "es", "company", None, ["por empresa"]),
    ("Each company receives US$5,000 per applicant in the program.", "en", "applicant", None, ["per applicant"]),
    ("The average salary in the sector was 25,000 pesos per month.", "en", "month", "average", ["average", "per month"]),
    ("El salario promedio del sector fue de 25 mil pesos mensuales.", "es", "month", "average", ["promedio", "mensuales"]),
    ("The median investment in the sector was US$2 million.", "en", None, "median", ["median"]),
    ("Los becarios recibieron 4 mil pesos por cada proyecto.", "es", "project", None, ["por cada proyecto"]),
    ("The chamber spent US$40 per capita on training.", "en", "person", None, ["per capita"]),
    ("Each firm gets US$10,000 per participating company.", "en", "company", None, ["per participating company"]),
    ("Interns earn 20,000 pesos a month.", "en", "month", None, ["a month"]),
    # "mean" after a determiner; an average set off by commas beside the figure's clause
    ("The mean salary in the sector was 25,000 pesos.", "en", None, "average", ["mean"]),
    ("The sector paid a mean of 25,000 pesos.", "en", None, "average", ["a mean of"]),
    ("Cada empresa invirtió, en promedio, 3 millones de pesos.", "es", None, "average", ["en promedio"]),
    ("Las empresas invirtieron 3 millones de pesos, en promedio.", "es", None, "average", ["en promedio"]),
    ("Firms spent, on average, US$2 million on training.", "en", None, "average", ["on average"]),
    # a person named by what they are to the program: a student, a scholarship holder, a participant
    ("El programa otorga 15 mil pesos por estudiante.", "es", "person", None, ["por estudiante"]),
    ("La beca es de 4 mil pesos mensuales por becario.", "es", "month", None, ["mensuales"]),
    ("Each scholarship pays US$800 per student.", "en", "person", None, ["per student"]),
    ("The course costs US$200 per participant.", "en", "person", None, ["per participant"]),
]


@pytest.mark.parametrize(("text", "lang", "per", "statistic", "words"), DRAFTED, ids=[d[0][:30] for d in DRAFTED])
def test_ingest_drafts_per_and_statistic_from_the_words_written(text: str, lang: str, per: str | None,
                                                                 statistic: str | None, words: list[str]) -> None:
    from kg.ingest import draft_facts
    from test_ingest import KNOWN

    [obs] = draft_facts(text, article_id="t", lang=lang, known=KNOWN).facts["observations"]
    assert (obs.get("per"), obs.get("statistic")) == (per, statistic), obs
    assert all(w in obs["quote"] for w in words), obs["quote"]
    for field, value in (("per", per), ("statistic", statistic)):
        assert (f"{field} {value}:" in obs["note"]) == (value is not None), obs["note"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Each company receives US$5,000 per year.", "en"),  # (a yearly amount: the time qualifier per-year)
    ("Las ventas crecieron 5% por la demanda de 2025.", "es"),
    ("The chamber closed with a total of 1,377 members.", "en"),  # ("a total of": the count itself)
    ("Sales grew 12% in the media sector.", "en"),
    # a point in time, not a rate
    ("La Canieti suma mil 377 afiliados al día de hoy.", "es"),
    ("México exportó 40 mil millones de dólares al mes de junio.", "es"),
    ("The chamber had 1,377 members a month ago.", "en"),
    # medium-sized firms, not a median; the count of the group an average is taken over
    ("Las pequeñas y medianas empresas generan 72% del empleo.", "es"),
    ("La edad promedio de los 500 asistentes fue alta.", "es"),
    ("Las ventas crecieron 5% por parte de los socios.", "es"),
    # "mean" the verb; an aside that is not an average; an aside over the group's count
    ("This will mean 500 jobs for the state.", "en"),
    ("The plan means 500 jobs, in average terms.", "en"),
    ("La Canieti, en 2016, sumó 1,377 afiliados.", "es"),
    ("La edad, en promedio, de los 500 asistentes fue alta.", "es"),
    # a student named after the figure, but not what it is per
    ("El programa capacitó a 300 estudiantes de la UANL.", "es"),
    ("La UANL formó a 300 alumnos por semestre.", "es"),
])
def test_ingest_drafts_no_per_or_statistic_the_words_do_not_state(text: str, lang: str) -> None:
    from kg.ingest import draft_facts
    from test_ingest import KNOWN

    for obs in draft_facts(text, article_id="t", lang=lang, known=KNOWN).facts["observations"]:
        assert "per" not in obs and "statistic" not in obs, obs


def test_the_words_of_a_per_concept() -> None:
    from kg.corpus import _per_written

    for per, said in (("company", "grants MX$3,000 per company"), ("company", "each company receives US$5,000"),
                      ("company", "3 mil pesos por cada empresa"), ("person", "US$40 per capita"),
                      ("month", "25 mil pesos mensuales"), ("week", "20 hours a week"), ("day", "mil pesos al día"),
                      ("hour", "US$15 an hour"), ("employee", "5 mil pesos por trabajador"),
                      # the words a quote may put between, around or into them
                      ("company", "US$10,000 per participating company"), ("company", "por cada una de las empresas"),
                      ("company", "Each of the 50 companies received"), ("company", "The 50 companies each received"),
                      ("company", "a per-company subsidy"), ("company", "US$500 per SME"), ("company", "mil pesos por pyme"),
                      ("project", "por cada uno de los proyectos"), ("person", "15 mil pesos por estudiante"),
                      ("person", "US$800 per student"), ("person", "4 mil pesos por becario")):
        assert _per_written(per, said) is True, (per, said)
    for per, said in (("company", "3 mil pesos a la empresa ganadora y"), ("month", "in the month of May"),
                      ("person", "grants MX$3,000 per company"), ("week", "20 horas de capacitación"),
                      ("month", "exportó 40 mil millones al mes de junio"), ("day", "suma mil afiliados al día de hoy")):
        assert _per_written(per, said) is False, (per, said)
    assert _per_written("student", "US$100 per student") is None  # (a concept added to the open scheme: not judged)


def test_a_thing_is_per_only_after_per_each_or_cada() -> None:
    from kg.ingest import draft_facts
    from test_ingest import KNOWN

    for text, lang, per in (("Ganó 3 mil pesos a la empresa ganadora.", "es", None),
                            ("The chamber gave US$5,000 a company in 2025.", "en", None),
                            ("Los becarios dedican 3 mil pesos a la semana al transporte.", "es", "week"),
                            ("Interns earn US$15 an hour.", "en", "hour")):
        [obs] = draft_facts(text, article_id="t", lang=lang, known=KNOWN).facts["observations"]
        assert obs.get("per") == per, (text, obs)
