"""`kg vocab list` and `kg vocab add`: a curator adds a measure or topic with no Turtle written by hand. The concept
is written in its file's style, refused (one line a mistake, the file left byte for byte as it was) for what would
make it unusable, and then usable end to end: `kg check`, `kg build`, `kg query figures-by-measure`, and the
measure proposals of `kg ingest`. Every test works on a copy of the ontology (tests/minicorpus.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import main
from minicorpus import REPO, check_errors, replace_in, write_minicorpus

COMPUTER_INCIDENTS = ["--label-en", "data breaches", "--label-es", "filtraciones de datos",
                      "--definition-en", 'Number of "data" breaches reported.',
                      "--definition-es", "Número de filtraciones de datos reportadas."]


def _kg(paths, *args: str) -> Result:
    result = CliRunner().invoke(main, [*args, "--root", str(paths.root)], env={"KG_QUERIES": str(REPO / "queries")})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def _errors(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("Error: ")]


@pytest.fixture()
def paths(tmp_path: Path):
    return write_minicorpus(tmp_path)


def test_list_names_the_schemes_then_a_schemes_concepts(paths) -> None:
    schemes = _kg(paths, "vocab", "list", "-f", "csv")
    assert schemes.exit_code == 0, schemes.output
    lines = schemes.output.splitlines()
    assert lines[0] == "scheme,file,concepts,open"
    assert any(line.startswith("measure,") and line.endswith(",yes") for line in lines), lines  # (+ zz-test-measures.ttl)
    assert any(line.startswith("kind,") and line.endswith(",4,no") for line in lines), lines
    measures = _kg(paths, "vocab", "list", "measures", "-f", "csv")
    rows = measures.output.splitlines()
    assert rows[0] == "id,label_en,label_es,broader"
    assert "computer-incidents,computer incidents,incidentes informáticos,count" in rows
    assert "count,count,conteo," in rows  # a family: no broader
    assert "test-members,test members,socios de prueba,membership" in rows  # (described in another file)
    table = _kg(paths, "vocab", "list", "topic", "-f", "table")
    assert table.output.splitlines()[0].split() == ["id", "label_en", "label_es", "broader"]
    unknown = _kg(paths, "vocab", "list", "measurez")
    assert unknown.exit_code == 2 and _errors(unknown) == [
        "Error: SCHEME: 'measurez': no such vocabulary in "
        f"{paths.ontology / 'vocab'} (fix: did you mean measure?)"], unknown.output


def test_add_appends_a_measure_in_the_files_style_and_kg_check_passes(paths) -> None:
    measures = paths.ontology / "vocab" / "measures.ttl"
    before = measures.read_text(encoding="utf-8")
    result = _kg(paths, "vocab", "add", "measure", "data-breaches", "--broader", "count",
                 *COMPUTER_INCIDENTS, "--alt-label-es", "brechas de datos")
    assert result.exit_code == 0, result.output
    assert measures.read_text(encoding="utf-8") == before + (
        "\n"
        "measure:data-breaches a skos:Concept ;\n"
        "    skos:inScheme kgv:measure ;\n"
        "    skos:broader measure:count ;\n"
        '    skos:prefLabel "data breaches"@en, "filtraciones de datos"@es ;\n'
        '    skos:altLabel "brechas de datos"@es ;\n'
        '    skos:definition "Number of \\"data\\" breaches reported."@en,\n'
        '        "Número de filtraciones de datos reportadas."@es .\n')
    line = before.count("\n") + 2
    facts = paths.data / "facts" / "<article>.yaml"  # (the mini corpus's: not below the working directory)
    assert result.output.splitlines() == [
        f'added measure:data-breaches to {measures}:{line}: "data breaches"@en, "filtraciones de datos"@es, below '
        "measure:count",
        f"next: write `measure: data-breaches` in the fact file ({facts}), then `kg check {facts}`, `kg check` and "
        "`kg build`"]
    assert check_errors(paths) == (0, [])
    listed = _kg(paths, "vocab", "list", "measure", "-f", "csv").output.splitlines()
    assert "data-breaches,data breaches,filtraciones de datos,count" in listed


@pytest.mark.parametrize("how", ["--data", "KG_DATA"])
def test_the_next_step_names_the_fact_files_where_the_data_folder_is(paths, tmp_path: Path, monkeypatch,
                                                                      how: str) -> None:
    """A scratch copy of data/ (`--data` or $KG_DATA) has its own fact files: the next step names them, as the
    curator would type them from the working directory, not the project's data/facts/."""
    scratch = tmp_path / "scratch"
    shutil.copytree(paths.data, scratch)
    monkeypatch.chdir(tmp_path)
    args = ["vocab", "add", "measure", "data-breaches", "--broader", "count", *COMPUTER_INCIDENTS,
            "--root", str(paths.root)]
    env = {"KG_QUERIES": str(REPO / "queries"), "KG_DATA": str(scratch) if how == "KG_DATA" else None}
    result = CliRunner().invoke(main, [*args, "--data", "scratch"] if how == "--data" else args, env=env)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "next: write `measure: data-breaches` in the fact file (scratch/facts/<article>.yaml), then "
        "`kg check scratch/facts/<article>.yaml`, `kg check` and `kg build`")


def test_a_new_topic_is_a_top_concept_listed_by_its_scheme(paths) -> None:
    topics = paths.ontology / "vocab" / "topics.ttl"
    before = topics.read_text(encoding="utf-8")
    result = _kg(paths, "vocab", "add", "topics", "quantum-computing", "--label-en", "quantum computing",
                 "--label-es", "computación cuántica", "--definition-en", "Computers based on quantum mechanics.",
                 "--definition-es", "Las computadoras basadas en la mecánica cuántica.")
    assert result.exit_code == 0, result.output
    assert "next: write `topics: [quantum-computing]` in the fact file" in result.output
    expected = before.replace("topic:applications-for-invention .\n",
                              "topic:applications-for-invention, topic:quantum-computing .\n", 1) + (
        "\n"
        "topic:quantum-computing a skos:Concept ;\n"
        "    skos:inScheme kgv:topic ;\n"
        "    skos:topConceptOf kgv:topic ;\n"
        '    skos:prefLabel "quantum computing"@en, "computación cuántica"@es ;\n'
        '    skos:definition "Computers based on quantum mechanics."@en,\n'
        '        "Las computadoras basadas en la mecánica cuántica."@es .\n')
    assert topics.read_text(encoding="utf-8") == expected
    assert check_errors(paths) == (0, [])


@pytest.mark.parametrize("args, field, words", [
    (["computer-incidents", "--broader", "count", *COMPUTER_INCIDENTS], "ID",
     "measure 'computer-incidents' already exists at "),
    (["cyber-breaches", "--broader", "count", *COMPUTER_INCIDENTS[2:], "--label-en", "Computer  Incidents"],
     "--label-en", "'Computer Incidents' is already a label in en of measure 'computer-incidents' ("),
    (["cyber-breaches", "--broader", "count", *COMPUTER_INCIDENTS, "--alt-label-es", "Incidentes Informaticos"],
     "--alt-label-es", "'Incidentes Informaticos' is already a label in es of measure 'computer-incidents' ("),
    (["data-breaches", "--broader", "cont", *COMPUTER_INCIDENTS], "--broader",
     "'cont': no concept of kgv:measure with this id or label (fix: did you mean count?)"),
    (["data-breaches", *COMPUTER_INCIDENTS], "--broader",
     "missing: the measure's family, which `kg query figures-by-measure` lists its figures under (fix: add --broader "
     "with one of audience, count, membership, money, projection, rank, rate)"),
    (["data-breaches", "--broader", "count", *COMPUTER_INCIDENTS[:2], *COMPUTER_INCIDENTS[4:]], "--label-es",
     'missing: the Spanish label (fix: add --label-es "...")'),
    (["data-breaches", "--broader", "count", *COMPUTER_INCIDENTS, "--definition-es", " "], "--definition-es",
     "empty: the Spanish definition"),
    (["Data Breaches", "--broader", "count", *COMPUTER_INCIDENTS], "ID",
     "'Data Breaches' is not a concept id: lower-case letters, digits and hyphens, starting with a letter or digit "
     "(fix: write data-breaches)"),
])
def test_a_refused_concept_is_one_line_naming_the_option_and_leaves_the_file_untouched(paths, args, field, words) -> None:
    measures = paths.ontology / "vocab" / "measures.ttl"
    before = measures.read_bytes()
    result = _kg(paths, "vocab", "add", "measure", *args)
    [error] = _errors(result)
    assert result.exit_code == 2 and error.startswith(f"Error: {field}: ") and words in error, result.output
    assert measures.read_bytes() == before
    assert sorted(p.name for p in measures.parent.iterdir()) == sorted(p.name for p in (REPO / "ontology" / "vocab").iterdir()) + ["zz-test-measures.ttl"]


def test_every_mistake_is_reported_in_one_run(paths) -> None:
    result = _kg(paths, "vocab", "add", "measure", "Data Breaches", "--broader", "cont", "--label-en", "members")
    assert result.exit_code == 2
    assert [e.split(":", 2)[1].strip() for e in _errors(result)] == [
        "ID", "--label-es", "--definition-en", "--definition-es", "--label-en", "--broader"], result.output


def test_a_closed_scheme_takes_no_concept(paths) -> None:
    kinds = paths.ontology / "vocab" / "kinds.ttl"
    before = kinds.read_bytes()
    result = _kg(paths, "vocab", "add", "kind", "guess", *COMPUTER_INCIDENTS)
    [error] = _errors(result)
    assert result.exit_code == 2 and error.startswith("Error: SCHEME: kgv:kind is not an open scheme: ") and \
        error.endswith("(fix: use one of its concepts (`kg vocab list kind`); open: measure, per, topic)"), error
    assert kinds.read_bytes() == before


def test_a_vocabulary_kg_check_refuses_is_not_written_to(paths) -> None:
    """A mistake already in the vocabularies (here a concept without its Spanish label) is reported as `kg check`
    reports it, and nothing is written: the new concept would be no more usable than the rest."""
    replace_in(paths.ontology / "vocab" / "zz-test-measures.ttl", ', "socios de prueba"@es', "")
    measures = paths.ontology / "vocab" / "measures.ttl"
    before = measures.read_bytes()
    result = _kg(paths, "vocab", "add", "measure", "data-breaches", "--broader", "count", *COMPUTER_INCIDENTS)
    [error] = _errors(result)
    assert result.exit_code == 1 and "no label in es" in error and "zz-test-measures.ttl:3:" in error, error
    assert measures.read_bytes() == before


def test_a_failure_after_writing_puts_the_file_back(paths, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import corpus
    from kg.errors import DataError

    def refuse(vocab: object) -> None:
        raise DataError("refused after writing")

    monkeypatch.setattr(corpus, "check_vocab", refuse)
    measures = paths.ontology / "vocab" / "measures.ttl"
    before = measures.read_bytes()
    result = _kg(paths, "vocab", "add", "measure", "data-breaches", "--broader", "count", *COMPUTER_INCIDENTS)
    assert result.exit_code == 1 and _errors(result) == ["Error: refused after writing"], result.output
    assert measures.read_bytes() == before


def test_a_dry_run_prints_the_turtle_and_writes_nothing(paths) -> None:
    measures = paths.ontology / "vocab" / "measures.ttl"
    before = measures.read_bytes()
    result = _kg(paths, "vocab", "add", "measure", "data-breaches", "--broader", "count", *COMPUTER_INCIDENTS, "--dry-run")
    assert result.exit_code == 0 and result.output.startswith("measure:data-breaches a skos:Concept ;\n"), result.output
    assert measures.read_bytes() == before


def test_a_new_measure_is_usable_end_to_end(paths) -> None:
    """Added by the command, used by a fact: `kg check`, `kg build`, figures-by-measure by its family and by its
    label, and kg ingest's measure proposals."""
    from kg.ingest import load_measures

    added = _kg(paths, "vocab", "add", "measure", "test-affiliates", "--broader", "membership",
                "--label-en", "affiliates", "--label-es", "afiliados", "--definition-en", "Number of affiliates.",
                "--definition-es", "Número de afiliados.")
    assert added.exit_code == 0, added.output
    replace_in(paths.data / "facts" / "a-en.yaml", "measure: test-members", "measure: test-affiliates")
    assert check_errors(paths) == (0, [])
    build = _kg(paths, "build", "--build", str(paths.build))
    assert build.exit_code == 0, build.output
    for measure in ("membership", "afiliados"):
        rows = _kg(paths, "query", "figures-by-measure", "-p", f"measure={measure}", "--build", str(paths.build),
                   "-f", "csv").output.splitlines()
        assert len(rows) == 2 and "/vocab/measure/test-affiliates,https://w3id.org/canieti-kg/id/article/a-en/" \
            "observation/o-members," in rows[1], rows
    proposals = load_measures(paths)
    assert proposals["affiliates"] == proposals["afiliados"] == "test-affiliates"


def test_broader_takes_an_id_in_any_case_as_the_scheme_name_is(paths) -> None:
    """`--broader ICT` names topic:ict (whose label is "information and communication technologies (ICT)"), as
    `kg vocab add TOPIC ...` names the scheme in any case."""
    result = _kg(paths, "vocab", "add", "topic", "ict-services", "--broader", "ICT", "--label-en", "ICT services",
                 "--label-es", "servicios TIC", "--definition-en", "Services of ICT firms.",
                 "--definition-es", "Los servicios de las empresas TIC.", "--dry-run")
    assert result.exit_code == 0 and "    skos:broader topic:ict ;\n" in result.output, result.output


def test_an_alternative_label_given_twice_or_equal_to_the_label_is_written_once(paths) -> None:
    result = _kg(paths, "vocab", "add", "measure", "data-breaches", "--broader", "count", *COMPUTER_INCIDENTS,
                 "--alt-label-en", "breaches", "--alt-label-en", "Breaches", "--alt-label-en", "Data Breaches",
                 "--alt-label-es", "filtraciones", "--dry-run")
    assert result.exit_code == 0, result.output
    alt = [line for line in result.output.splitlines() if "skos:altLabel" in line]
    assert alt == ['    skos:altLabel "breaches"@en, "filtraciones"@es ;'], result.output
