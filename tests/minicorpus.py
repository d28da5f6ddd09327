"""A small self-contained corpus written by tests: two articles (English, Spanish), shared entities.

It exercises no-break spaces, curly quotes, a re-election, a range, and a cross-article entity, and it
uses its own measure and topic concepts so it does not depend on the real corpus's vocabulary.
"""

from __future__ import annotations

import hashlib
import shutil
import textwrap
from pathlib import Path

from kg.config import Paths

REPO = Path(__file__).resolve().parent.parent

ART_EN = ("The Chamber (ACME) announced the re-election of Ana Ruiz as its President during an event in Monterrey.\n"
          "\n"
          "Figures\n"
          "\n"
          "ACME closed with a total of 1,200 members, an increase of 5.0% over last year. Losses are between "
          "2.5 and 3.0 billion dollars. Ana Ruiz said “we grow”.")
ART_ES = ("La Cámara (ACME) celebró su 38ª Convención en Monterrey.\u00a0Ana\u00a0Ruiz, presidenta de ACME, "
          "dijo que habrá 40\u00a0por ciento más socios para 2020.")

MEASURES = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix kgv: <https://w3id.org/canieti-kg/vocab/> .
<https://w3id.org/canieti-kg/vocab/measure/test-members> a skos:Concept ; skos:inScheme <https://w3id.org/canieti-kg/vocab/measure> ;
  skos:broader <https://w3id.org/canieti-kg/vocab/measure/membership> ;
  skos:prefLabel "test members"@en, "socios de prueba"@es ; skos:definition "test"@en, "prueba"@es .
<https://w3id.org/canieti-kg/vocab/measure/test-growth> a skos:Concept ; skos:inScheme <https://w3id.org/canieti-kg/vocab/measure> ;
  skos:broader <https://w3id.org/canieti-kg/vocab/measure/rate> ;
  skos:prefLabel "test growth"@en, "crecimiento de prueba"@es ; skos:definition "test"@en, "prueba"@es .
<https://w3id.org/canieti-kg/vocab/measure/test-losses> a skos:Concept ; skos:inScheme <https://w3id.org/canieti-kg/vocab/measure> ;
  skos:broader <https://w3id.org/canieti-kg/vocab/measure/money> ;
  skos:prefLabel "test losses"@en, "pérdidas de prueba"@es ; skos:definition "test"@en, "prueba"@es .
"""

ENTITIES = """\
entities:
  - id: acme
    type: IndustryChamber
    name: {en: The Chamber, es: La Cámara}
    acronym: ACME
    aliases: {en: [ACME]}
  - id: ana-ruiz
    type: Person
    name: {en: Ana Ruiz}
  - id: acme-president
    type: Post
    name: {en: President of ACME, es: presidenta de ACME}
    organization: acme
    head: true
  - id: monterrey
    type: City
    name: {en: Monterrey}
"""

FACTS_EN = """\
article: a-en
review: reviewed
entities:
  - id: event-a
    type: Event
    name: {en: ACME re-election event}
    place: monterrey
    quote: during an event in Monterrey
    status: explicit
mentions:
  - {id: m-acme, entity: acme, form: ACME, quote: "The Chamber (ACME)", status: explicit}
tenures:
  - id: t-first
    person: ana-ruiz
    post: acme-president
    quote: the re-election of Ana Ruiz
    status: implied
  - id: t-second
    person: ana-ruiz
    post: acme-president
    previous: t-first
    reelection: true
    announced_at: event-a
    quote: announced the re-election of Ana Ruiz as its President
    status: explicit
statements:
  - id: s-grow
    speaker: ana-ruiz
    verb: said
    direct: true
    quote: Ana Ruiz said “we grow”.
    status: explicit
observations:
  - id: o-members
    about: [acme]
    measure: test-members
    value: "1200"
    unit: count
    comparator: exact
    unattributed: true
    surface: 1,200 members
    quote: closed with a total of 1,200 members
    status: explicit
  - id: o-growth
    about: [acme]
    measure: test-growth
    value: 5.0
    unit: percent
    comparator: exact
    time: {qualifier: year-on-year}
    unattributed: true
    quote: an increase of 5.0% over last year
    status: explicit
  - id: o-losses
    about: [monterrey]
    measure: test-losses
    min: "2500000000"
    max: "3000000000"
    unit: USD
    comparator: between
    unattributed: true
    quote: between 2.5 and 3.0 billion dollars
    status: ambiguous
    readings: [US dollars, another currency of dollars]
"""

FACTS_ES = """\
article: a-es
review: reviewed
mentions:
  - {id: m-acme, entity: acme, form: ACME, quote: "La Cámara (ACME)", status: explicit}
tenures:
  - id: t-president
    person: ana-ruiz
    post: acme-president
    previous: a-en#t-second
    quote: Ana Ruiz, presidenta de ACME
    status: explicit
observations:
  - id: o-members-2020
    about: [acme]
    measure: test-growth
    value: "40"
    unit: percent
    comparator: exact
    kind: projection
    time: {qualifier: by, year: "2020"}
    attributed_to: ana-ruiz
    quote: habrá 40 por ciento más socios para 2020
    status: explicit
"""


def sidecar(article_id: str, text: str, language: str, sections: list[str] | None = None) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines = [f"id: {article_id}", f"language: {language}", f"sha256: {digest}"]
    if sections:
        lines.append("sections:")
        lines += [f"  - heading: {h}" for h in sections]
    return "\n".join(lines) + "\n"


def write_minicorpus(base: Path) -> Paths:
    """Write the corpus under ``base`` (data/, ontology/ copied from the repository) and return its paths."""
    data, onto = base / "data", base / "ontology"
    (data / "articles").mkdir(parents=True)
    (data / "facts").mkdir()
    shutil.copytree(REPO / "data" / "schema", data / "schema")
    shutil.copytree(REPO / "ontology", onto)
    (onto / "vocab" / "zz-test-measures.ttl").write_text(MEASURES, encoding="utf-8")
    (data / "articles" / "a-en.txt").write_bytes(ART_EN.encode("utf-8"))
    (data / "articles" / "a-en.yaml").write_text(sidecar("a-en", ART_EN, "en", ["Figures"]), encoding="utf-8")
    (data / "articles" / "a-es.txt").write_bytes(ART_ES.encode("utf-8"))
    (data / "articles" / "a-es.yaml").write_text(sidecar("a-es", ART_ES, "es"), encoding="utf-8")
    (data / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (data / "facts" / "a-en.yaml").write_text(FACTS_EN, encoding="utf-8")
    (data / "facts" / "a-es.yaml").write_text(FACTS_ES, encoding="utf-8")
    return Paths(root=base, data=data, ontology=onto, queries=REPO / "queries", build=base / "build")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_member_count(paths: Paths, old: str, new: str) -> None:
    """A change to one fact: o-members' value. Its surface ("1,200 members") would no longer back the
    value, so it goes (a surface is optional)."""
    facts = paths.data / "facts" / "a-en.yaml"
    replace_in(facts, f'value: "{old}"', f'value: "{new}"')
    facts.write_text(facts.read_text(encoding="utf-8").replace("    surface: 1,200 members\n", ""), encoding="utf-8")


def with_articles(base: Path, articles: list[tuple[str, str, str, str]]) -> Paths:
    """The mini corpus plus more articles, each (id, text, language, fact file text)."""
    paths = write_minicorpus(base)
    assert paths.data is not None
    for article, text, lang, facts in articles:
        (paths.data / "articles" / f"{article}.txt").write_bytes(text.encode("utf-8"))
        (paths.data / "articles" / f"{article}.yaml").write_text(sidecar(article, text, lang), encoding="utf-8")
        (paths.data / "facts" / f"{article}.yaml").write_text(facts, encoding="utf-8")
    return paths


def check_errors(paths: Paths) -> tuple[int, list[str]]:
    """`kg check` of the whole corpus: exit code and its `Error:` lines (a traceback fails the test)."""
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["check", "--root", str(paths.root), "--data", str(paths.data)],
                                env={"KG_ONTOLOGY": str(paths.ontology)})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, [line for line in result.output.splitlines() if line.startswith("Error: ")]


def line_of(file: Path, text: str, after: str) -> int:
    """1-based line of the first line holding ``text`` after the line holding ``after``."""
    lines = file.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i in range(start, len(lines)) if text in lines[i]) + 1


__all__ = ["write_minicorpus", "replace_in", "set_member_count", "textwrap", "with_articles", "check_errors", "line_of"]
