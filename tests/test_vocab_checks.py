"""`kg check` holds the vocabularies to what the build and the queries need, and names the file and line: a
Turtle syntax error at its real line (not rdflib's, nor its Python byte strings), a concept without a label or
definition in en or es, a measure in no family, a concept in a misspelt scheme or in none; the build's own
missing-label finding names the vocabulary file, not "the fact"."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from minicorpus import REPO, check_errors, replace_in, write_minicorpus

CONCEPT = '''measure:companies-benefited a skos:Concept ;
    skos:inScheme kgv:measure ;
    skos:broader measure:count ;
    skos:prefLabel "companies benefited"@en, "empresas beneficiadas"@es ;'''


def _measures(tmp_path: Path, old: str, new: str):
    paths = write_minicorpus(tmp_path)
    measures = paths.ontology / "vocab" / "measures.ttl"
    replace_in(measures, old, new)
    return paths, measures


def _line(file: Path, text: str) -> int:
    return next(i for i, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def test_a_missing_semicolon_is_reported_at_its_line_in_plain_text(tmp_path: Path) -> None:
    paths, measures = _measures(tmp_path, "    skos:broader measure:count ;\n    skos:prefLabel \"companies benefited\"",
                                "    skos:broader measure:count\n    skos:prefLabel \"companies benefited\"")
    code, [error] = check_errors(paths)
    line = _line(measures, 'skos:prefLabel "companies benefited"')
    assert code == 1 and error == (
        f"Error: {measures}:{line}: vocabulary is not valid Turtle at column 5: a dot is expected at the end of "
        'statements, near `skos:prefLabel "companies benefited"@en, "empresas beneficiadas"@es ;` (fix: a `;` or `.` '
        f"is missing at the end of line {line - 1}: write `;` if the concept's description goes on, `.` if it ends "
        "there)"), error
    assert "\\x" not in error and "b'" not in error


def test_an_unclosed_quote_in_a_vocabulary_is_named(tmp_path: Path) -> None:
    paths, measures = _measures(tmp_path, '"companies benefited"@en', '"companies benefited@en')
    code, [error] = check_errors(paths)
    line = _line(measures, '"companies benefited@en')
    assert code == 1 and f"measures.ttl:{line}: vocabulary is not valid Turtle at column " in error, error
    assert f"(fix: close the quote opened on line {line}" in error, error


def test_a_concept_without_a_spanish_label_is_refused_by_check_at_its_line(tmp_path: Path) -> None:
    paths, measures = _measures(tmp_path, '"companies benefited"@en, "empresas beneficiadas"@es ;',
                                '"companies benefited"@en ;')
    code, errors = check_errors(paths)
    assert code == 1 and errors == [
        f"Error: {measures}:{_line(measures, 'measure:companies-benefited a skos:Concept')}: measure:companies-benefited: "
        'no label in es (fix: add skos:prefLabel "..."@es to the concept)'], errors


def test_the_builds_missing_label_finding_names_the_vocabulary_file(tmp_path: Path) -> None:
    from kg.validation import Result, violation_errors

    paths = write_minicorpus(tmp_path)
    result = Result(severity="Violation", focus="https://w3id.org/canieti-kg/vocab/measure/companies-benefited",
                    path=None, shape="queries/checks/missing-label-violation.rq", component="x",
                    message="check missing-label-violation found problem=no label in language 'es'",
                    value="problem=no label in language 'es'")
    [error] = violation_errors([result], paths)
    measures = paths.ontology / "vocab" / "measures.ttl"
    assert (error.file, error.line) == (str(measures), _line(measures, "measure:companies-benefited a skos:Concept"))
    assert error.message == "validation failed: measure:companies-benefited: no label in es", error.message
    assert error.hint == 'add skos:prefLabel "..."@es to it'


def test_a_measure_in_no_family_is_refused(tmp_path: Path) -> None:
    paths, measures = _measures(tmp_path, CONCEPT, CONCEPT.replace("    skos:broader measure:count ;\n", ""))
    code, [error] = check_errors(paths)
    assert code == 1 and error.startswith(
        f"Error: {measures}:{_line(measures, 'measure:companies-benefited a skos:Concept')}: measure:companies-benefited: "
        "a measure in no family (no skos:broader)"), error
    assert "(fix: add `skos:broader <family> ;`, one or more of the top concepts of kgv:measure (measure:audience, " \
           "measure:count," in error, error


def test_a_measure_below_no_family_is_refused_and_families_themselves_pass(tmp_path: Path) -> None:
    paths, measures = _measures(tmp_path, CONCEPT, CONCEPT.replace("broader measure:count", "broader measure:cont"))
    code, [error] = check_errors(paths)
    assert code == 1 and "measure:companies-benefited: skos:broader measure:cont leads to no measure family" in error


def test_a_misspelt_scheme_is_named_in_the_vocabulary(tmp_path: Path) -> None:
    paths, measures = _measures(tmp_path, CONCEPT, CONCEPT.replace("inScheme kgv:measure", "inScheme kgv:measures"))
    code, [error] = check_errors(paths)
    assert code == 1 and error.endswith("measure:companies-benefited: skos:inScheme kgv:measures names no concept "
                                        "scheme (fix: write `skos:inScheme kgv:measure`)"), error


def test_a_concept_in_no_scheme_is_named(tmp_path: Path) -> None:
    paths, measures = _measures(tmp_path, CONCEPT, CONCEPT.replace("    skos:inScheme kgv:measure ;\n", ""))
    code, [error] = check_errors(paths)
    assert code == 1 and error.endswith("measure:companies-benefited: the concept is in no scheme (no skos:inScheme): "
                                        "fact files cannot use it (fix: add `skos:inScheme kgv:measure ;`)"), error


def test_a_fact_using_a_concept_of_another_scheme_is_pointed_at_its_scheme(tmp_path: Path) -> None:
    paths = write_minicorpus(tmp_path)
    replace_in(paths.ontology / "vocab" / "zz-test-measures.ttl",
               "<https://w3id.org/canieti-kg/vocab/measure/test-members> a skos:Concept ; "
               "skos:inScheme <https://w3id.org/canieti-kg/vocab/measure> ;\n"
               "  skos:broader <https://w3id.org/canieti-kg/vocab/measure/membership> ;",
               "<https://w3id.org/canieti-kg/vocab/measure/test-members> a skos:Concept ; "
               "skos:inScheme <https://w3id.org/canieti-kg/vocab/topic> ;")
    code, errors = check_errors(paths)
    [error] = [e for e in errors if "o-members" in e]
    assert code == 1 and "measure: observations[0] (id o-members): measure concept 'test-members' is not in the scheme " \
        "kgv:measure: <https://w3id.org/canieti-kg/vocab/measure/test-members> at " in error, error
    assert "zz-test-measures.ttl:3 is in scheme kgv:topic (fix: write `skos:inScheme kgv:measure` there)" in error, error


def test_an_unknown_measure_still_gets_the_closest_ids(tmp_path: Path) -> None:
    paths = write_minicorpus(tmp_path)
    replace_in(paths.data / "facts" / "a-en.yaml", "measure: test-members", "measure: test-member")
    code, [error] = check_errors(paths)
    assert code == 1 and "unknown measure concept 'test-member' (fix: use a concept of ontology/vocab/measures.ttl " \
        "such as test-members" in error, error


def test_the_repositorys_vocabularies_pass() -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(REPO)])
    assert result.exit_code == 0, result.output


def test_a_build_refused_for_its_vocabulary_leaves_the_last_good_build_untouched(tmp_path: Path) -> None:
    """The vocabulary checks run before anything is written: a failed build keeps the store as it was."""
    paths = write_minicorpus(tmp_path)
    args = ["build", "--root", str(paths.root), "--data", str(paths.data), "--build", str(paths.build)]
    env = {"KG_ONTOLOGY": str(paths.ontology)}
    assert CliRunner().invoke(main, args, env=env).exit_code == 0
    before = {p.relative_to(paths.build): p.read_bytes() for p in paths.build.rglob("*") if p.is_file()}
    replace_in(paths.ontology / "vocab" / "measures.ttl", CONCEPT, CONCEPT.replace("    skos:broader measure:count ;\n", ""))
    result = CliRunner().invoke(main, args, env=env)
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert result.exit_code == 1 and len(errors) == 1 and "a measure in no family" in errors[0], result.output
    assert "Traceback" not in result.output
    after = {p.relative_to(paths.build): p.read_bytes() for p in paths.build.rglob("*") if p.is_file()}
    assert after == before
