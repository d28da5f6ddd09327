"""The CLI's frame: help, version, and how errors reach the user."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_help_lists_every_command_with_a_summary() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Commands:" in result.output
    commands = re.findall(r"^  ([a-z-]+)\s+(\S.*)$", result.output.split("Commands:")[1], re.M)
    assert commands, result.output
    for name, summary in commands:
        assert summary.strip(), f"command {name} has no summary"


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_unknown_command_is_a_usage_error_without_traceback() -> None:
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an uncaught error


def _commands() -> list[str]:
    result = CliRunner().invoke(main, ["--help"])
    return re.findall(r"^  ([a-z-]+)\s", result.output.split("Commands:")[1], re.M)


def test_every_command_is_in_the_readme() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name in _commands():
        assert f"`kg {name}" in readme, f"kg {name} is not documented in the README"


def test_every_command_help_has_an_example() -> None:
    for name in _commands():
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output or "example" in result.output, f"kg {name} --help has no example"


def _run(args: list[str], tmp_path, **kwargs) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(main, args, env={"KG_BUILD": str(tmp_path / "build")}, **kwargs)
    return result.exit_code, result.output, result.exception


def test_bad_endpoint_urls_and_timeouts_are_usage_errors(tmp_path) -> None:
    """Found by feeding the CLI bad input: each of these was a ValueError or OverflowError traceback from
    urllib or the HTTP library. No request is made (nothing listens on the ports named)."""
    query = tmp_path / "q.rq"
    query.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    for command in (["query", "--file", str(query)], ["load", "--retries", "0"]):
        for url, words in (("http://[::1/sparql", "Invalid IPv6 URL"), ("http://127.0.0.1:99999/x", "Port out of range 0-65535"),
                           ("http://a b/sparql", "Invalid IRI code point ' '"),
                           ("http://user:secret@[::1/x", "Invalid IPv6 URL")):
            code, output, err = _run(command + ["--endpoint", url], tmp_path)
            assert code == 2 and isinstance(err, SystemExit), (command, url, output)
            assert f"--endpoint: not a valid URL ({words})" in output and "secret" not in output, output
        for timeout in ("0", "-5", "nan", "inf", "abc", "1e10"):
            code, output, err = _run(command + ["--endpoint", "http://127.0.0.1:9/sparql", "--timeout", timeout], tmp_path)
            assert code == 2 and isinstance(err, SystemExit) and "Invalid value for '--timeout'" in output, (timeout, output)
        # a host name no DNS label can spell (an InvalidURL traceback, or "unreachable" with exit 3)
        code, output, err = _run(command + ["--endpoint", "http://ñ😀/"], tmp_path)
        assert code == 2 and "--endpoint: not a valid URL (Failed to parse: Name 'ñ😀' is not a valid IDNA label)" in output, output
    code, output, err = _run(["load", "--endpoint", "http://127.0.0.1:9/", "--retries", "11"], tmp_path)
    assert code == 2 and "'--retries': 11 is not in the range 0<=x<=10" in output  # (backoff doubles: 11 would wait 17 min)
    result = CliRunner().invoke(main, ["query", "--file", str(query)], env={"KG_ENDPOINT": "nonsense"})
    assert result.exit_code == 2 and result.output.startswith("Error: KG_ENDPOINT: not a valid URL"), result.output
    from kg.http import safe_url

    assert safe_url("http://user:p@ss@[::1/x") == "http://[::1/x"  # (the password cut whole, @ and all)


def test_query_text_and_parameters_that_are_not_utf8(tmp_path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_bytes(b"\xff\xfeSELECT")
    code, output, err = _run(["query", "--file", str(bad)], tmp_path)
    assert code == 1 and isinstance(err, SystemExit), output
    assert "bad.rq: not UTF-8 text (invalid start byte at byte 0) (fix: save the query as UTF-8)" in output
    result = CliRunner().invoke(main, ["query", "-"], input=b"\xff\xfeSELECT", env={"KG_BUILD": str(tmp_path / "build")})
    assert result.exit_code == 1 and "-: not UTF-8 text" in result.output, result.output
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "h10.rq").write_bytes(b"\xff")
    result = CliRunner().invoke(main, ["queries"], env={"KG_QUERIES": str(folder)})
    assert result.exit_code == 1 and "h10.rq: not UTF-8 text" in result.output, result.output
    from kg.errors import UsageError
    from kg.queries import parse_assignments

    assert parse_assignments(["a=1", "b=x=y"]) == {"a": "1", "b": "x=y"}
    for items, words in ((["text=\udcff"], "not UTF-8 text"), (["text=a", "text=b"], "given twice")):
        try:
            parse_assignments(items)
        except UsageError as err:
            assert words in err.one_line(), err.one_line()
        else:
            raise AssertionError(items)


def test_messages_that_named_the_wrong_problem(tmp_path) -> None:
    """Each was a one-line error already, but about something else: "update queries are refused" for
    an empty query, "File exists" for an output path under a file, "Device or resource busy" for an
    empty -o, "no article text" for a fact file that does not exist."""
    from kg.errors import EnvironmentProblem
    from kg.files import write_atomic

    from kg.errors import QueryError
    from kg.queries import check_query

    for text in ("", "  \n", "# a comment only\n"):
        try:
            check_query(text, None, source="-")
        except QueryError as err:
            assert err.one_line().startswith("-: empty query"), err.one_line()
        else:
            raise AssertionError(text)
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for target, words in ((blocker / "sub" / "out.csv", f"{blocker} is a file, not a folder"),
                          (tmp_path, "is a folder"), (Path(""), "the path given is a folder")):
        try:
            write_atomic(target, "data")
        except EnvironmentProblem as err:
            assert words in err.one_line(), err.one_line()
        else:
            raise AssertionError(target)
    assert blocker.read_text(encoding="utf-8") == "x" and list(tmp_path.iterdir()) == [blocker]
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "nope.yaml: no such file (fix: give the path of a fact file" in result.output, result.output


def test_ingest_source_url_is_checked_as_the_build_checks_it(tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("CANIETI grew.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(article), "--id", "x1", "--lang", "en", "--source", "https://x/%zz",
                                       "--data", str(tmp_path / "data"), "--build", str(tmp_path / "build")])
    assert result.exit_code == 2 and "--source: bad URL 'https://x/%zz' (Invalid IRI percent encoding" in result.output, result.output
    assert not (tmp_path / "data").exists() or not list((tmp_path / "data").rglob("x1.*"))


def test_a_query_folder_that_is_a_file_or_holds_a_folder_named_like_a_query(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # no build here: the query is looked up first, whether or not one exists
    monkeypatch.setenv("KG_ROOT", str(REPO))
    monkeypatch.setenv("KG_BUILD", str(tmp_path / "build"))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["query", "post-holders"], env={"KG_QUERIES": str(blocker)})
    assert result.exit_code == 1 and "not-a-folder: no query folder" in result.output, result.output
    folder = tmp_path / "queries"
    (folder / "h11.rq").mkdir(parents=True)  # (it was listed as a query, and suggested for itself)
    result = CliRunner().invoke(main, ["query", "h11"], env={"KG_QUERIES": str(folder)})
    assert result.exit_code == 2 and "unknown query 'h11'" in result.output and "did you mean" not in result.output
    result = CliRunner().invoke(main, ["queries"], env={"KG_QUERIES": str(folder)})
    assert result.exit_code == 0 and "h11" not in result.output, result.output


def test_one_bad_stored_query_does_not_hide_the_rest_of_the_catalogue(tmp_path) -> None:
    folder = tmp_path / "queries"
    folder.mkdir()
    for name in ("post-holders", "entity-figures"):
        (folder / f"{name}.rq").write_text((REPO / "queries" / f"{name}.rq").read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("bad-a", "bad-b"):
        (folder / f"{name}.rq").write_text("#+ summary: x\n#+ params: [oops\nSELECT * {}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["queries"], env={"KG_QUERIES": str(folder)})
    assert result.exit_code == 1
    assert [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")] == ["entity-figures", "post-holders"]
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and "bad-a.rq:2: malformed `#+` header" in errors[0] and "bad-b.rq:2" in errors[1], errors


def test_output_through_a_symlink_a_pipe_or_a_device_is_written_through_not_replaced(tmp_path) -> None:
    import os
    import threading

    from kg.errors import EnvironmentProblem
    from kg.files import write_atomic

    target = tmp_path / "target.ttl"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.ttl"
    link.symlink_to(target.name)
    write_atomic(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe")
    reader.join(10)
    assert got == [b"through the pipe"] and fifo.is_fifo()
    try:
        write_atomic("/dev/full", "x")
    except EnvironmentProblem as err:
        assert "/dev/full: cannot write: No space left on device" in err.one_line()
    else:
        raise AssertionError("/dev/full took the output")
    assert Path("/dev/full").is_char_device()
    # /dev/stdout redirected with >> to a file: appended to, not replaced by a new file
    import subprocess
    import sys

    out = tmp_path / "appended.txt"
    out.write_text("previous\n", encoding="utf-8")
    with open(out, "ab") as handle:
        subprocess.run([sys.executable, "-c", "from kg.files import write_atomic; write_atomic('/dev/stdout', 'hello\\n')"],
                       stdout=handle, check=True, cwd=REPO)
    assert out.read_text(encoding="utf-8") == "previous\nhello\n"


@pytest.mark.parametrize("args, words", [
    (["--bogus"], "No such option '--bogus'. (fix: see `kg --help`)"),
    (["nosuch"], "No such command 'nosuch'. (fix: see `kg --help`)"),
    (["query", "-f", "bogus"], "Invalid value for '-f' / '--format': 'bogus' is not one of"),
    (["queries", "show"], "Missing argument 'NAME'. (fix: see `kg queries show --help`)"),
])
def test_click_usage_errors_are_one_line_with_exit_2(args: list[str], words: str) -> None:
    result = CliRunner().invoke(main, args, prog_name="kg")
    assert result.exit_code == 2 and result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
    assert words in result.output


def test_queries_show_takes_the_folder_options_after_show_too(tmp_path) -> None:
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "mine.rq").write_text("#+ summary: only here\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    for args in (["queries", "show", "mine", "--root", str(tmp_path)], ["queries", "--root", str(tmp_path), "show", "mine"],
                 ["queries", "--root", str(tmp_path), "show", "mine", "--data", str(tmp_path / "data")]):  # (merged)
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0 and result.output.startswith("#+ summary: only here"), result.output


def test_a_file_argument_that_is_empty_a_folder_a_device_or_missing_is_named_as_such(tmp_path) -> None:
    """One message and exit 2 for every command taking a file (they said "no such file" for /dev/null,
    "." for an empty argument, and exited 1, 2 or 3 by command)."""
    cases = [("", "no file given: the path is empty or the current folder"), (str(tmp_path), "is a "),  # (folder, or directory: Click's words)
             ("/dev/null", "is not a regular file (a device or a pipe)"), (str(tmp_path / "nope.ttl"), "no such file")]
    for command in (["validate"], ["reason", "--data-file"], ["check"], ["ingest", "--id", "x1", "--lang", "en"]):
        for value, words in cases:
            args = command[:1] + [value] + command[1:] if command[0] in ("check", "ingest", "validate") else command + [value]
            result = CliRunner().invoke(main, args + ["--data", str(tmp_path / "data")])
            assert result.exit_code == 2 and words in result.output and result.output.count("\n") == 1, (args, result.output)
    result = CliRunner().invoke(main, ["check", str(REPO / "data" / "entities.yaml"), "--root", str(REPO)])
    assert result.exit_code == 2 and "the shared entities file, not a fact file" in result.output, result.output


def test_a_build_folder_that_is_a_file_and_an_over_long_article_id_are_usage_errors(tmp_path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x", encoding="utf-8")
    for args in (["build", "-q"], ["reason"], ["query", "post-holders"], ["docs", "-o", str(tmp_path / "d.html")]):
        result = CliRunner().invoke(main, args + ["--build", str(blocker)])
        assert result.exit_code == 2 and "--build: is a file, not a folder" in result.output, (args, result.output)
    # commands that never touch the build folder are not stopped by a wrong KG_BUILD
    result = CliRunner().invoke(main, ["check", "--root", str(REPO)], env={"KG_BUILD": str(blocker)})
    assert result.exit_code == 0 and result.output.startswith("ok: "), result.output
    result = CliRunner().invoke(main, ["ingest", str(blocker), "--id", "a" * 300, "--lang", "en", "--data", str(tmp_path / "d")])
    assert result.exit_code == 2 and "--id: article id of 300 characters is too long" in result.output, result.output
    assert not (tmp_path / "d").exists()
    result = CliRunner().invoke(main, ["docs", "--root", str(tmp_path / "nowhere"), "-o", str(tmp_path / "d.html")])
    assert result.exit_code == 1 and "ontology/canieti.ttl: the file is missing" in result.output, result.output


def test_the_project_is_found_from_a_subfolder_and_never_guessed_outside_one(tmp_path, monkeypatch) -> None:
    """Outside a project, `kg` used the installed source tree, where `kg build` from the wrong folder
    would have written; now it says so. Inside one, a subfolder finds it as git finds its repository."""
    from kg.config import Paths, find_root

    for env in ("KG_ROOT", "KG_DATA", "KG_ONTOLOGY", "KG_QUERIES", "KG_BUILD"):
        monkeypatch.delenv(env, raising=False)
    monkeypatch.chdir(tmp_path)
    assert find_root() is None
    for args in (["queries"], ["build", "-q"], ["check"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert "no canieti-kg project here or above" in result.output and "give --root (or KG_ROOT)" in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "build").exists()
    # --root, KG_ROOT, or every folder given: no project needed
    assert CliRunner().invoke(main, ["queries", "--root", str(REPO)]).exit_code == 0
    monkeypatch.setenv("KG_ROOT", str(REPO))
    assert Paths().root == REPO
    monkeypatch.delenv("KG_ROOT")
    given = Paths(data=REPO / "data", ontology=REPO / "ontology", queries=REPO / "queries", build=tmp_path / "b")
    assert given.data == REPO / "data" and given.build == tmp_path / "b"
    monkeypatch.chdir(REPO / "queries" / "checks")
    assert find_root() == REPO and Paths().queries == REPO / "queries"
    result = CliRunner().invoke(main, ["queries"])
    assert result.exit_code == 0 and "post-holders" in result.output


def test_python_dash_m_kg_is_the_kg_command() -> None:
    """Where the ``kg`` script is not on PATH (a virtualenv not activated), ``python -m kg`` runs it."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("Usage: kg "), done.stdout + done.stderr


@pytest.mark.parametrize("given, same_as", [("ttl", "turtle"), ("nt", "ntriples"), ("xml", "rdfxml"), ("owl", "rdfxml"),
                                            ("json-ld", "jsonld")])
def test_query_takes_the_short_names_of_graph_formats_as_export_does(content_build, given: str, same_as: str) -> None:
    """`kg query -f ttl` was refused by the option ("'ttl' is not one of ...") though the writer took it."""
    def run(fmt: str) -> str:
        result = CliRunner().invoke(main, ["query", "entity-graph", "--build", str(content_build.build), "-f", fmt])
        assert result.exit_code == 0, result.output
        return result.stdout

    assert run(given) == run(same_as)
    result = CliRunner().invoke(main, ["query", "--help"], terminal_width=400)
    assert "a graph (CONSTRUCT, DESCRIBE) as turtle (ttl), ntriples (nt), rdfxml (rdf, owl, xml), jsonld (json-ld)." \
        in " ".join(result.output.split())


def test_query_pages_of_rows_in_the_answers_order(content_build) -> None:
    """--limit/--offset cut pages from the whole answer in its order; the pages put together are the answer,
    and stderr says which rows of how many each holds and where the next one starts."""
    def run(*extra: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(main, ["query", "entity-names", "--build", str(content_build.build), "-f", "csv",
                                           *extra])
        return result.exit_code, result.stdout, result.stderr

    code, whole, note = run()
    assert code == 0 and not note
    header, *rows = whole.splitlines()
    assert len(rows) > 4 and len(rows) % 3
    pages, offset = [], 0
    while True:
        code, out, note = run("--limit", "3", "--offset", str(offset))
        assert code == 0 and out.splitlines()[0] == header
        pages += out.splitlines()[1:]
        if offset + 3 >= len(rows):
            assert note == f"note: rows {offset + 1}-{len(rows)} of {len(rows)}\n"
            break
        assert note == f"note: rows {offset + 1}-{offset + 3} of {len(rows)}; next page: --offset {offset + 3}\n"
        offset += 3
    assert pages == rows
    code, out, note = run("--offset", "100000")
    assert code == 0 and out == header + "\n" and note == f"note: no rows from --offset 100,000 ({len(rows)} in all)\n"


@pytest.mark.parametrize("args, words", [
    (["query", "entity-graph", "--limit", "2"], "Error: --limit: --limit and --offset page the rows of a SELECT; "
                                                "this query gives a CONSTRUCT result (fix: "),
    (["query", "entity-names", "--limit", "0"], "Error: Invalid value for '--limit': 0 is not in the range x>=1."),
    (["query", "entity-names", "--offset", "-1"], "Error: Invalid value for '--offset': -1 is not in the range x>=0."),
])
def test_query_page_options_refused_in_one_line(content_build, args: list[str], words: str) -> None:
    result = CliRunner().invoke(main, [*args, "--build", str(content_build.build)])
    assert result.exit_code == 2 and result.stderr.startswith(words) and len(result.stderr.splitlines()) == 1, \
        result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("args, words", [
    # a misspelt name: the closest names, accents and case aside; never bound on a guess
    (["entity-figures", "-p", "entity=Canietti"],
     r"no entity with this id, IRI, name or alias: 'Canietti' \(fix: did you mean organization/canieti \(CANIETI\)\?\)"),
    (["person-posts", "-p", "person=Mario de la Crus"],
     r"\(fix: did you mean person/mario-de-la-cruz-sarabia \(Mario de la Cruz\)\?\)"),
    (["person-posts", "-p", "person=Ildefonso Guajardo Villareal"],
     r"\(fix: did you mean person/ildefonso-guajardo-villarreal \(Ildefonso Guajardo Villarreal\)\?\)"),
    # "convenio" is an agreement: the classes whose Spanish label says so, not kg:Convention
    (["entities-by-type", "-p", "class=Convenio"],
     r"\(fix: classes whose label holds it: kg:CollaborationAgreement \(convenio de colaboración\), "
     r"kg:PartnershipAgreement \(convenio de asociación\)\)"),
    # what a required parameter takes, and a wrong article id's near ids
    (["items-by-topic"], r"missing required parameter topic \(concept\) \(fix: pass -p topic=VALUE; the topic concepts: "
                         r"advanced-manufacturing, .*, cybersecurity, "),
    (["article-facts", "-p", "article=000"], r"no such article in the graph: '000' \(fix: did you mean 000_[0-9a-f]+\?\)"),
    (["article-facts"], r"\(fix: pass -p article=VALUE; the articles: 000_[0-9a-f]+, "),
    # a value without its name: the query's own parameter in the example
    (["person-posts", "-p", "Jacob Rocha"], r"parameter 'Jacob Rocha' is not name=value \(fix: e\.g\. -p 'person=Jacob Rocha'\)"),
])
def test_an_analysts_mistakes_get_the_fix_in_the_corpus_terms(content_build, args: list[str], words: str) -> None:
    result = CliRunner().invoke(main, ["query", *args, "--build", str(content_build.build), "--root", str(REPO)])
    assert result.exit_code == 2 and result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
    assert re.search(words, result.output), result.output


@pytest.mark.parametrize("value", ["person", "Person", "persona", "kg:person"])
def test_a_class_by_its_name_in_any_case_or_its_spanish_label(content_build, value: str) -> None:
    result = CliRunner().invoke(main, ["query", "entities-by-type", "-p", f"class={value}", "-f", "csv",
                                       "--build", str(content_build.build), "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    assert "https://w3id.org/canieti-kg/id/person/mario-de-la-cruz-sarabia" in result.output
    acuerdo = CliRunner().invoke(main, ["query", "entities-by-type", "-p", "class=acuerdo", "-f", "csv",
                                        "--build", str(content_build.build), "--root", str(REPO)])
    assert acuerdo.exit_code == 0 and "ontology#Agreement," in acuerdo.output, acuerdo.output


def test_an_adhoc_query_writes_kg_terms_without_prefix_lines_and_hears_of_a_misspelt_one(content_build) -> None:
    def adhoc(text: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(main, ["query", "-", "-f", "csv", "--build", str(content_build.build), "--root", str(REPO)],
                                  input=text)

    result = adhoc("SELECT ?s ?e WHERE { ?s kg:edition ?e }")
    assert result.exit_code == 0 and result.stderr == "" and len(result.stdout.splitlines()) > 1, result.output
    result = adhoc("SELECT ?s ?e WHERE { ?s kg:editon ?e }")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["s,e"]
    assert result.stderr == "note: kg:editon is not in the ontology (a misspelt term matches nothing); did you mean kg:edition?\n"
