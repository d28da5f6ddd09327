"""The unchanged stored queries answer questions about a corpus they were not written against.

The test writes a Spanish article with a predecessor president and his earlier term (stated years), a
38th convention in a series, and an agreement with a university; builds it with ``kg.build.build_project``;
and asks the catalogue."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import queries as Q
from kg.build import build_project
from kg.cli import main
from kg.config import Paths

REPO = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/canieti-kg/id/"

ARTICLE = ("La Cámara Nacional (CANACO-TI) celebró su 38ª Convención Anual en Guadalajara, organizada por la Cámara "
           "Nacional y la UdeG. "
           "Luis Pérez, presidente de la Cámara entre 2014 y 2016, entregó el cargo a Rosa Díaz, presidenta desde 2017. "
           "La Cámara firmó un convenio de colaboración con la Universidad de Guadalajara (UdeG) para formar talento.")

FACTS = """\
article: es-fixture
review: reviewed
entities:
  - id: canaco-ti
    type: IndustryChamber
    name: {en: National Chamber of IT, es: Cámara Nacional}
    acronym: CANACO-TI
    quote: "La Cámara Nacional (CANACO-TI)"
    status: explicit
  - id: luis-perez
    type: Person
    name: {es: Luis Pérez}
    quote: "Luis Pérez"
    status: explicit
  - id: rosa-diaz
    type: Person
    name: {es: Rosa Díaz}
    quote: "Rosa Díaz"
    status: explicit
  - id: canaco-ti-president
    type: Post
    name: {en: President of CANACO-TI, es: presidente de la Cámara}
    organization: canaco-ti
    head: true
    quote: "presidente de la Cámara"
    status: explicit
  - id: udeg
    type: University
    name: {es: Universidad de Guadalajara}
    acronym: UdeG
    quote: "la Universidad de Guadalajara (UdeG)"
    status: explicit
  - id: guadalajara
    type: City
    name: {es: Guadalajara}
    quote: "Guadalajara"
    occurrence: !!int 1
    status: explicit
  - id: canaco-ti-convention
    type: EventSeries
    name: {es: Convención Anual de CANACO-TI}
    organizer: canaco-ti
    quote: "Convención Anual"
    status: explicit
  - id: canaco-ti-38th-convention
    type: Convention
    name: {es: 38ª Convención Anual}
    series: canaco-ti-convention
    edition: !!int 38
    place: guadalajara
    organizer: canaco-ti
    quote: "su 38ª Convención Anual en Guadalajara"
    status: explicit
  - id: udeg-agreement
    type: CollaborationAgreement
    name: {es: convenio de colaboración con la UdeG}
    purpose: "para formar talento"
    quote: "un convenio de colaboración con la Universidad de Guadalajara (UdeG) para formar talento"
    status: explicit
tenures:
  - id: t-perez
    person: luis-perez
    post: canaco-ti-president
    start: "2014"
    end: "2016"
    quote: "Luis Pérez, presidente de la Cámara entre 2014 y 2016"
    status: explicit
  - id: t-diaz
    person: rosa-diaz
    post: canaco-ti-president
    start: "2017"
    predecessor: t-perez
    quote: "entregó el cargo a Rosa Díaz, presidenta desde 2017"
    status: explicit
relations:
  - {id: r-udeg, subject: udeg-agreement, relation: party, object: udeg, quote: "con la Universidad de Guadalajara (UdeG)", status: explicit}
  - {id: r-chamber, subject: udeg-agreement, relation: party, object: canaco-ti, quote: "La Cámara firmó un convenio", status: explicit}
  - {id: r-org-chamber, subject: canaco-ti-38th-convention, relation: organized-by, object: canaco-ti, quote: "organizada por la Cámara Nacional", status: explicit}
  - {id: r-org-udeg, subject: canaco-ti-38th-convention, relation: organized-by, object: udeg, quote: "organizada por la Cámara Nacional y la UdeG", status: explicit}
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    base = tmp_path_factory.mktemp("es-corpus")
    data = base / "data"
    (data / "articles").mkdir(parents=True)
    (data / "facts").mkdir()
    if (REPO / "data" / "schema").is_dir():
        shutil.copytree(REPO / "data" / "schema", data / "schema")
    (data / "articles" / "es-fixture.txt").write_bytes(ARTICLE.encode("utf-8"))
    digest = hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    (data / "articles" / "es-fixture.yaml").write_text(f"id: es-fixture\nlanguage: es\nsha256: {digest}\n",
                                                       encoding="utf-8")
    (data / "entities.yaml").write_text("entities: []\n", encoding="utf-8")
    (data / "facts" / "es-fixture.yaml").write_text(FACTS, encoding="utf-8")
    paths = Paths(root=REPO, data=data, queries=REPO / "queries", build=base / "build")
    build_project(paths, validate=False, reason=False)
    return paths


@pytest.fixture(scope="module")
def engine(corpus: Paths) -> Q.Engine:
    return Q.open_engine(corpus, "oxigraph")


def ask(corpus: Paths, engine: Q.Engine, name: str, **params: str) -> list[dict[str, str]]:
    res = Q.run_stored(corpus, name, params, opened=engine)
    return [{v: "" if t is None else str(t) for v, t in zip(res.variables, row)} for row in res.rows]


def test_predecessor_and_earlier_term_in_order(corpus: Paths, engine: Q.Engine) -> None:
    rows = ask(corpus, engine, "post-holders", post="presidente de la Cámara")
    assert [(r["holder"].removeprefix(ID), r["start"], r["end"]) for r in rows] == [
        ("person/luis-perez", "2014", "2016"), ("person/rosa-diaz", "2017", "")]
    assert rows[1]["predecessorTerm"] == rows[0]["tenure"]
    assert [r["order"] for r in rows] == ["0", "1"]


def test_person_by_name_without_accents(corpus: Paths, engine: Q.Engine) -> None:
    rows = ask(corpus, engine, "person-posts", person="luis perez")
    assert [(r["post"].removeprefix(ID), r["start"], r["end"]) for r in rows] == [("post/canaco-ti-president", "2014", "2016")]
    assert rows[0]["organization"] == ID + "organization/canaco-ti"


def test_thirty_eighth_convention_in_its_series(corpus: Paths, engine: Q.Engine) -> None:
    rows = ask(corpus, engine, "event-series-editions", series="canaco-ti-convention")
    assert [(r["edition"], r["event"].removeprefix(ID), r["place"].removeprefix(ID)) for r in rows] == [
        ("38", "event/canaco-ti-38th-convention", "place/guadalajara")]
    details = ask(corpus, engine, "event-details", event="38ª Convención Anual")
    assert details[0]["edition"] == "38" and details[0]["series"] == ID + "series/canaco-ti-convention"
    # two organizers stated by two facts are two rows, each beside its fact (they were every pairing, four)
    assert sorted((r["organizer"].removeprefix(ID), r["organizedBy"].removeprefix(ID), r["organizedByStatus"][-8:])
                  for r in details) == [("organization/canaco-ti", "organization/canaco-ti", "explicit"),
                                        ("organization/udeg", "organization/udeg", "explicit")]


def test_agreement_with_a_university(corpus: Paths, engine: Q.Engine) -> None:
    rows = ask(corpus, engine, "organization-agreements", organization="UdeG")
    assert len(rows) == 1
    assert rows[0]["agreement"] == ID + "agreement/udeg-agreement"
    assert rows[0]["agreementType"].endswith("#CollaborationAgreement")
    assert rows[0]["purpose"] == "para formar talento"
    parties = ask(corpus, engine, "agreement-parties", agreement="udeg-agreement")
    assert sorted(r["party"].removeprefix(ID) for r in parties) == ["organization/canaco-ti", "organization/udeg"]
    universities = ask(corpus, engine, "entities-by-type", **{"class": "kg:University", "lang": "es"})
    assert [(r["entity"], r["label"]) for r in universities] == [(ID + "organization/udeg", "Universidad de Guadalajara")]


def test_spanish_article_metadata_and_facts(corpus: Paths, engine: Q.Engine) -> None:
    meta = ask(corpus, engine, "article-metadata")
    assert [(m["identifier"], m["language"], m["issued"]) for m in meta] == [("es-fixture", "es", "")]
    facts = ask(corpus, engine, "article-facts", article="es-fixture")
    quotes = [f["quote"] for f in facts]
    assert "Luis Pérez, presidente de la Cámara entre 2014 y 2016" in quotes
    starts = [int(f["start"]) for f in facts]
    assert starts == sorted(starts)
    assert ARTICLE[int(facts[0]["start"]):int(facts[0]["end"])] == facts[0]["quote"]


def test_spanish_labels_in_the_table(corpus: Paths) -> None:
    res = CliRunner().invoke(main, ["query", "post-holders", "--root", str(REPO), "--data", str(corpus.data),
                                    "--build", str(corpus.build), "-p", "post=canaco-ti-president",
                                    "-f", "table", "--lang", "es"])
    assert res.exit_code == 0, res.output
    assert "presidente de la Cámara" in res.output and "Luis Pérez" in res.output and "Rosa Díaz" in res.output
