"""The ``kg`` command line: parse, call one library function, render. The only module that imports click."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

import click

from kg import __version__
from kg.config import Paths
from kg.errors import EnvironmentProblem, ExitCode, KgError, raise_collected
from kg.formats import ALIASES, FORMATS, GRAPH_RESULT_FORMATS, ROW_FORMATS, listing


class _OneLineUsageError(click.UsageError):
    """Click's usage error on one line, as every other error is (Click prints the usage and a blank line
    before it); the fix names the command's help."""

    def __init__(self, err: click.UsageError) -> None:
        super().__init__(err.format_message(), err.ctx)

    def show(self, file: Any = None) -> None:
        path = self.ctx.command_path if self.ctx is not None else "kg"
        click.echo(f"Error: {' '.join(self.format_message().split())} (fix: see `{path} --help`)", err=True)


def _one_line(err: click.UsageError) -> click.UsageError:
    no_args = getattr(click.exceptions, "NoArgsIsHelpError", ())
    return err if isinstance(err, (_OneLineUsageError, no_args)) else _OneLineUsageError(err)


class KgGroup(click.Group):
    """Turns every ``KgError`` into ``Error: ...`` on stderr and its exit code, in one place; Click's
    usage errors too, on one line."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as err:
            raise _one_line(err) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as err:
            raise _one_line(err) from None
        except KgError as err:
            for line in err.lines():
                click.echo(f"Error: {line}", err=True)
            ctx.exit(int(err.exit_code))
        except OSError as err:  # a folder not writable, a disk full: the environment, not the data
            where = f"{err.filename}: " if getattr(err, "filename", None) else ""
            click.echo(f"Error: {where}{err.strerror or err} (fix: check the path and its permissions)", err=True)
            ctx.exit(int(ExitCode.ENVIRONMENT))
        except KeyboardInterrupt:  # pragma: no cover - interactive only
            click.echo("Error: interrupted", err=True)
            ctx.exit(int(ExitCode.FAILURE))


class Seconds(click.ParamType):
    """A positive, finite number of seconds (``float`` lets in 0, negatives, nan and inf, which reached
    the HTTP library as a traceback)."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not math.isfinite(seconds) or not 0 < seconds <= 86400:  # (a day: more overflows the socket's clock)
            self.fail(f"{value!r}: give a number of seconds above 0 and at most 86400 (a day), e.g. 30", param, ctx)
        return seconds


class FormatChoice(click.Choice):
    """A format by its name or by another name of it (``ttl`` for ``turtle``, as ``kg.formats`` lists them),
    given on as its name: ``kg export`` and ``kg query`` take the same names."""

    def __init__(self, choices: Sequence[str]) -> None:
        super().__init__(choices)
        self.aliases = {alias: name for alias, name in ALIASES.items() if name in choices}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return super().convert(self.aliases.get(value, value) if isinstance(value, str) else value, param, ctx)

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        return f"{value!r} is not one of {listing(map(str, self.choices))}."

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        return [CompletionItem(name) for name in (*self.choices, *self.aliases) if str(name).startswith(incomplete)]


def paths_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Shared ``--root/--data/--build`` options; folders default relative to the repository or ``KG_*``."""
    func = click.option("--build", "build_dir", type=click.Path(path_type=Path), default=None,
                        help="Build folder (default: ./build or $KG_BUILD).")(func)
    func = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
                        help="Data folder with articles/, facts/, entities.yaml (default: ./data or $KG_DATA).")(func)
    func = click.option("--root", "root_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                        help="Project root (default: $KG_ROOT, else the working directory or the nearest folder above it with data/ and ontology/).")(func)
    return func


def make_paths(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None, *, uses_build: bool = True) -> Paths:
    """The paths of a command; ``uses_build=False`` for those that never read or write the build folder, which a
    wrong ``KG_BUILD`` must not stop."""
    from kg.errors import UsageError

    kwargs: dict[str, Any] = {"data": data_dir, "build": build_dir}
    if root_dir is not None:
        kwargs["root"] = root_dir.resolve()
    paths = Paths(**kwargs)
    if uses_build and paths.build is not None and paths.build.exists() and not paths.build.is_dir():
        # (a build would fail on "File exists", and `kg reason` fell back to the ontology alone)
        raise UsageError("is a file, not a folder", file=paths.build, field="--build" if build_dir else None,
                         hint="give --build (or KG_BUILD) a folder")
    return paths


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="kg")
def main() -> None:
    """canieti-kg: a knowledge graph of news about CANIETI and Mexico's ICT sector.

    \b
    Typical session:
      kg build                      # articles + facts -> validated graph in build/
      kg queries                    # the stored query catalogue
      kg query post-holders -p post=canieti-national-president
      kg export -o canieti.ttl      # for Protégé, Jena, GraphDB
    """


# --- build & check (kg/build.py, kg/corpus.py) -------------------------------------------------

@main.command()
@paths_options
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (faster; for experiments only).")
@click.option("--no-reason", is_flag=True, help="Skip the reasoner stage (no graph/inferred).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="List every validation Warning and Info (default: count them).")
def build(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None,
          no_validate: bool, no_reason: bool, quiet: bool, verbose: bool) -> None:
    """Build the graph from data/ into build/ (check, map, validate, reason, store).

    Nothing is written unless every stage passes; the last good build stays in place.

    \b
    Example:
      kg build
      kg build --data /path/to/corpus --build /tmp/kg-build
    """
    from kg.build import build_project

    paths = make_paths(root_dir, data_dir, build_dir)
    progress = None if quiet else (lambda stage: click.echo(f"… {stage}", err=True))
    report = build_project(paths, validate=not no_validate, reason=not no_reason, progress=progress)
    for warning in report.warnings:
        click.echo(warning, err=True)
    if verbose:
        for finding in report.findings:
            click.echo(finding, err=True)
    elif report.findings and not quiet:
        click.echo(f"{len(report.findings)} validation warning(s) and info(s), which do not block the build: "
                   "`kg build -v` or `kg validate` lists them", err=True)
    if not quiet:
        click.echo(report.summary())


@main.command()
@paths_options
@click.argument("fact_files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--shapes/--no-shapes", default=True, show_default=True,
              help="Also run the SHACL shapes over each FILE named, as `kg build` does (about a second).")
def check(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None, fact_files: tuple[Path, ...],
          shapes: bool) -> None:
    """Check fact files against their articles, the schema, the vocabularies and the shapes (no build).

    Without arguments, checks the whole corpus (every file, ids across files; the shapes run in
    `kg build`). With files, checks each, then runs the shapes over each file that passed.

    \b
    Example:
      kg check data/facts/000_5fec07e56bfc17d3.yaml
      kg check
    """
    from kg.corpus import fact_file_corpus, load_corpus

    paths = make_paths(root_dir, data_dir, build_dir, uses_build=False)
    if not fact_files:
        corpus = load_corpus(paths, include_drafts=True)
        click.echo(f"ok: {len(corpus.articles)} articles, {len(corpus.fact_files)} fact files, "
                   f"{corpus.fact_count()} facts, {len(corpus.entities)} entities")
        return
    errors: list[KgError] = []
    for path in fact_files:  # every file named is checked, and all their mistakes reported
        try:
            corpus = fact_file_corpus(path, paths)
            ff = next(iter(corpus.fact_files.values()))
            warnings = _shape_findings(corpus, paths) if shapes else []
        except KgError as err:
            errors.append(err)
            continue
        except OSError as err:  # (unreadable: reported with the others' mistakes, as the environment's)
            errors.append(EnvironmentProblem(err.strerror or str(err), file=err.filename or path,
                                             hint="check the path and its permissions"))
            continue
        for line in warnings:
            click.echo(line, err=True)
        click.echo(f"ok: {path} ({len(ff.facts) + len(ff.items)} facts, review: {ff.review}"
                   f"{', shapes' if shapes else ''})")
    raise_collected(errors)


def _shape_findings(corpus: Any, paths: Paths) -> list[str]:
    """The shapes over one checked file: its violations raised (all of them), its warnings returned as lines."""
    from kg.validation import check_fact_file_shapes, finding_lines, violation_errors

    results = check_fact_file_shapes(corpus, paths)
    raise_collected(violation_errors(results, paths))
    return finding_lines(results, paths)

# --- reason & docs (kg/ontology.py, kg/docs.py) ------------------------------------------------

@main.command("reason")
@paths_options
@click.option("--data-file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Reason over this RDF file (Turtle, N-Triples, RDF/XML, TriG, N-Quads) instead of the last build.")
def reason_cmd(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None, data_file: Path | None) -> None:
    """Run HermiT on the ontology and the data; exit 0 consistent, 1 inconsistent, 3 no Java.

    Reasons over the last build (build/store) unless --data-file is given; with neither, over the
    ontology alone. An inconsistency is explained in plain words, naming the individuals and axioms.

    \b
    Example:
      kg reason
      kg reason --data-file tests/fixtures/ontology/inconsistent-disjoint.ttl
    """
    from kg.ontology import reason_project

    report, source = reason_project(make_paths(root_dir, data_dir, build_dir), data_file)
    click.echo(f"Reasoned over {source}.", err=True)
    click.echo(report.render())
    if not report.ok:
        raise SystemExit(int(ExitCode.FAILURE))


@main.command("docs")
@paths_options
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write the HTML (default: build/ontology.html).")
def docs_cmd(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None, output: Path | None) -> None:
    """Write a browsable HTML reference of the ontology (pyLODE), atomically.

    \b
    Example:
      kg docs                      # build/ontology.html
      kg docs -o site/ontology.html
    """
    from kg.docs import build_docs

    target = build_docs(make_paths(root_dir, data_dir, build_dir), output)
    click.echo(str(target))


@main.command("check-ontology")
@paths_options
@click.option("--no-owlapi", is_flag=True, help="Skip the OWL API profile check (needs Java); run the structural one only.")
def check_ontology_cmd(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None, no_owlapi: bool) -> None:
    """Check ontology/ without data: OWL 2 DL profile, labels and definitions in en and es,
    the build checks of queries/checks/ over the ontology, and the terms stored queries use.
    Exit 0 when all pass, 1 otherwise.

    \b
    Example:
      kg check-ontology
    """
    from kg.ontology import check_ontology

    report = check_ontology(make_paths(root_dir, data_dir, build_dir, uses_build=False), owlapi=not no_owlapi)
    click.echo(report.render())
    if not report.ok:
        raise SystemExit(int(ExitCode.FAILURE))


# --- validate (kg/validation.py) ---------------------------------------------------------------

@main.command("validate")
@paths_options
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text", show_default=True,
              help="Report format: text grouped by article and fact, a SHACL report in Turtle, or JSON.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the report to this file instead of stdout.")
def validate_cmd(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None, file: Path | None,
                 fmt: str, output: Path | None) -> None:
    """Run the SHACL shapes and the checks of queries/checks/ over the last build, or over FILE.

    FILE may be any RDF format (Turtle, N-Triples, RDF/XML, JSON-LD, TriG, N-Quads). Results name
    the fact file and curator id that produced each failing node. Exit 0 conforms, 1 violations
    found (warnings and infos do not fail), 3 could not run (unreadable shapes or data, no build).

    \b
    Example:
      kg validate
      kg validate build/export.nq -f json -o report.json
    """
    from kg.validation import validate_build, validate_file

    paths = make_paths(root_dir, data_dir, build_dir)
    report = validate_file(file, paths) if file is not None else validate_build(paths)
    rendered = report.render(fmt)
    if output is not None:
        from kg.files import write_atomic

        write_atomic(output, rendered)
    else:
        click.echo(rendered, nl=False)
    if output is not None or fmt != "text":  # (the text report on stdout ends with it: a terminal showed it twice)
        click.echo(report.summary(), err=True)
    if not report.conforms:
        raise SystemExit(int(ExitCode.FAILURE))


# --- queries & query (kg/queries.py, kg/output.py, kg/store.py) --------------------------------

@main.group("queries", invoke_without_command=True)
@paths_options
@click.pass_context
def queries_cmd(ctx: click.Context, root_dir: Path | None, data_dir: Path | None, build_dir: Path | None) -> None:
    """List the stored query catalogue (queries/*.rq): name, summary, parameters.

    \b
    Examples:
      kg queries
      kg queries show post-holders
    """
    ctx.obj = make_paths(root_dir, data_dir, build_dir)
    if ctx.invoked_subcommand is None:
        from kg.output import catalogue_listing

        problems: list[KgError] = []
        click.echo(catalogue_listing(ctx.obj, problems), nl=False)
        for problem in problems[:-1]:  # the good ones listed, then every bad file on its own line
            click.echo(f"Error: {problem.one_line()}", err=True)
        if problems:
            raise problems[-1]


@queries_cmd.command("show")
@click.argument("name")
@paths_options
@click.pass_obj
def queries_show_cmd(paths: Paths, name: str, root_dir: Path | None, data_dir: Path | None,
                     build_dir: Path | None) -> None:
    """Print one stored query: its #+ header and its SPARQL text.

    \b
    Example:
      kg queries show entity-figures
    """
    from kg.output import show_query

    if root_dir or data_dir or build_dir:  # (given after `show`: merged with those given after `queries`)
        paths = make_paths(root_dir or paths.root, data_dir or paths.data, build_dir or paths.build)
    click.echo(show_query(paths, name), nl=False)


def _endpoint(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Checked while the options are read, so that a bad URL from ``KG_ENDPOINT`` is named as such."""
    from kg.errors import UsageError
    from kg.http import check_endpoint_url

    if value is None:
        return None
    try:
        check_endpoint_url(value)
    except UsageError as err:
        if param.name and ctx.get_parameter_source(param.name) == click.core.ParameterSource.ENVIRONMENT:
            err.field = "KG_ENDPOINT"
        raise
    return value


@main.command("query")
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter value (repeatable); entities by id (canieti, organization/canieti), IRI, name or "
                   "alias; classes by name in any case or by label (Person, persona). One no header declares is read as a SPARQL term: <iri>, kg:Term, \"texto\"@es, 42, true; "
                   "other text is a string.")
@click.option("-f", "--format", "fmt", default=None, type=FormatChoice((*ROW_FORMATS, *GRAPH_RESULT_FORMATS)),
              help=f"Output format: rows (SELECT, ASK) as {listing(ROW_FORMATS)}; a graph (CONSTRUCT, DESCRIBE) as "
                   f"{listing(GRAPH_RESULT_FORMATS)}. Default: from the -o extension, else turtle for a graph, "
                   "table on a terminal, csv in a pipe.")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to FILE (atomically) instead of stdout; its extension (.csv, .tsv, .json, .srj, "
                   ".srx, .md; .ttl, .nt, .rdf, .jsonld) names the format unless --format is given.")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="Language of the labels shown in table and markdown output, and the value of a stored "
                   "query's `lang` parameter (entities-by-type) when -p lang=... is not given.")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
              help="Local engine over the build.")
@click.option("--endpoint", default=None, metavar="URL", envvar="KG_ENDPOINT", callback=_endpoint,
              help="Run on a SPARQL 1.1 endpoint instead (credentials: KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD).")
@click.option("--timeout", type=Seconds(), default=30.0, show_default=True, help="Endpoint timeout in seconds.")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Show N rows of the answer, in its order (a page; stderr says which rows of how many).")
@click.option("--offset", type=click.IntRange(min=0), default=0, metavar="N",
              help="Skip the first N rows of the answer (the next page: the --offset the note gives).")
@click.option("--file", "query_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Run an ad-hoc query from a file ('-' for stdin).")
@paths_options
def query_cmd(name: str | None, params: tuple[str, ...], fmt: str | None, output: Path | None, lang: str,
              engine: str, endpoint: str | None, timeout: float, limit: int | None, offset: int,
              query_file: Path | None, root_dir: Path | None, data_dir: Path | None, build_dir: Path | None) -> None:
    """Run a stored query by NAME, or an ad-hoc one (--file q.rq, or NAME '-' for stdin).

    An ad-hoc query may write the project's prefixes (kg:, kgv:, skos:, rdfs:, org:, prov:, schema:, dcterms:,
    time:, qudt:, unit:, ...) without PREFIX lines; one it declares wins. A term of the kg: namespace the
    ontology does not declare (a misspelling) gets a note on stderr.

    \b
    Examples:
      kg query post-holders -p post=canieti-national-president
      kg query entity-figures -p entity=CANIETI --format csv -o figures.csv
      kg query money-above -p threshold=1000000000 -p currency=USD --engine rdflib
      kg query article-metadata --limit 20 --offset 20
      echo 'SELECT * WHERE { ?s ?p ?o } LIMIT 5' | kg query -
    """
    from kg.errors import UsageError
    from kg.output import query_and_render, write_atomic
    from kg.queries import parse_assignments, read_query_file, read_query_text

    paths = make_paths(root_dir, data_dir, build_dir)
    values = parse_assignments(params)
    notes: list[str] = []
    common: dict[str, Any] = dict(params=values, fmt=fmt, engine=engine, endpoint=endpoint, timeout=timeout,
                                  lang=lang, lang_given=click.get_current_context().get_parameter_source("lang")
                                  != click.core.ParameterSource.DEFAULT,
                                  is_terminal=output is None and sys.stdout.isatty(), output=output,
                                  notes=notes, limit=limit, offset=offset)
    if query_file is not None or name == "-":
        if query_file is not None and name is not None:
            raise UsageError("give a query NAME or --file, not both", field="--file")
        source = "-" if name == "-" or str(query_file) == "-" else str(query_file)
        text = read_query_text(sys.stdin.buffer.read(), "-") if source == "-" else read_query_file(Path(source))
        rendered = query_and_render(paths, text=text, source=source, **common)
    elif name is None:
        raise UsageError("missing query NAME", hint="run `kg queries` for the catalogue, or pass --file q.rq")
    else:
        rendered = query_and_render(paths, name=name, **common)
    if output is not None:
        write_atomic(output, rendered)
    else:
        click.echo(rendered, nl=False)
    for note in notes:
        click.echo(note, err=True)
    if endpoint:
        from kg.load import endpoint_build_note

        note = endpoint_build_note(paths, endpoint, timeout=timeout)
        if note:
            click.echo(note, err=True)

# --- export & load (kg/export.py, kg/load.py) --------------------------------------------------

@main.command("export")
@paths_options
@click.option("-f", "--format", "fmt", type=FormatChoice(tuple(FORMATS)), default=None,
              help=f"RDF format: {listing(FORMATS)} (default: from the -o extension, else turtle).")
@click.option("-g", "--graph", "graphs", multiple=True, metavar="GRAPH",
              help="all (default), entities, ontology, inferred, an article id or IRI, or a graph IRI (<> optional); repeatable.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to FILE (atomically) instead of stdout.")
def export_cmd(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None,
               fmt: str | None, graphs: tuple[str, ...], output: Path | None) -> None:
    """Export the build as RDF, with a VoID/DCAT description of the dataset.

    Byte-identical across runs. Quad formats (nquads, trig, jsonld) keep the named graphs and put
    the description in graph/void; triple formats (turtle, ntriples, rdfxml) merge the graphs.

    \b
    Example:
      kg export -o canieti.ttl
      kg export --format nquads --graph all > canieti.nq
      kg export --graph 000_5fec07e56bfc17d3 -o article.jsonld
    """
    from kg.export import export

    paths = make_paths(root_dir, data_dir, build_dir)
    report = export(paths, fmt, list(graphs) or None, output)
    if output is not None:
        click.echo(f"wrote {output}: {report.summary()}", err=True)


@main.command("load")
@paths_options
@click.option("--endpoint", required=True, metavar="URL",
              help="Base URL of the store, e.g. http://127.0.0.1:7878 (Oxigraph) or http://host:8890 (Virtuoso).")
@click.option("--server", type=click.Choice(("auto", "oxigraph", "virtuoso", "fuseki", "graphdb", "generic")),
              default="auto", show_default=True, help="Kind of server (where its services live).")
@click.option("--protocol", type=click.Choice(("auto", "gsp", "update")), default="auto", show_default=True,
              help="Graph Store Protocol, SPARQL Update, or GSP with Update as fallback.")
@click.option("-g", "--graph", "graphs", multiple=True, metavar="GRAPH",
              help="Graphs to load (as for kg export; default: all).")
@click.option("--prune", is_flag=True, help="Delete the server's article graphs no longer in the build.")
@click.option("--timeout", type=Seconds(), default=30.0, show_default=True, help="Seconds to wait for each answer.")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True,
              help="Retries on connection errors, timeouts and 5xx, with exponential backoff.")
def load_cmd(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None, endpoint: str, server: str,
             protocol: str, graphs: tuple[str, ...], prune: bool, timeout: float, retries: int) -> None:
    """Load the build into a triple store, one named graph per PUT (loading twice replaces).

    Credentials come from KG_ENDPOINT_USER, KG_ENDPOINT_PASSWORD and KG_ENDPOINT_AUTH (basic|digest).
    Prints the triples per graph read back from the server; a difference exits 1.

    \b
    Example:
      kg load --endpoint http://127.0.0.1:7878
      KG_ENDPOINT_USER=dba KG_ENDPOINT_PASSWORD=... kg load --endpoint http://127.0.0.1:8890 --prune
    """
    from kg.load import LoadFailed, load_cli

    paths = make_paths(root_dir, data_dir, build_dir)
    try:
        report = load_cli(paths, endpoint, server=server, protocol=protocol, graph_selector=list(graphs) or None,
                          prune=prune, timeout=timeout, retries=retries)
    except LoadFailed as err:
        click.echo(err.report.render())  # the table names every graph, then the error line on stderr
        raise
    click.echo(report.render())


# --- ingest (kg/ingest.py) ---------------------------------------------------------------------

@main.command("ingest")
@paths_options
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--id", "article_id", required=True, help="Article id: the file stem under data/articles/ (letters, digits, _ . -).")
@click.option("--lang", required=True, help="Language of the text as received: en or es.")
@click.option("--source", "source_url", default=None, help="URL the article came from (stored in the sidecar).")
@click.option("--published", default=None, help="Publication date YYYY-MM-DD (stored in the sidecar).")
@click.option("--force", is_flag=True, help="Replace an existing article and draft with this id (never a reviewed fact file).")
def ingest_cmd(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None, file: Path, article_id: str,
               lang: str, source_url: str | None, published: str | None, force: bool) -> None:
    """Store a new article verbatim and draft its fact file for a curator (review: draft).

    The draft holds mentions of known entities, candidate new entities, tenures and every figure,
    each with its quote and status unreviewed; `kg build` leaves it out until it is reviewed.

    \b
    Example:
      kg ingest ~/milenio-canieti.txt --id 002_milenio_canieti --lang es --published 2018-03-21
      kg check data/facts/002_milenio_canieti.yaml
    """
    from kg.ingest import ingest_article

    paths = make_paths(root_dir, data_dir, build_dir, uses_build=False)
    result = ingest_article(file, article_id=article_id, lang=lang, paths=paths, source_url=source_url,
                            published=published, force=force)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    counts = ", ".join(f"{n} {name}" for name, n in result.counts.items())
    click.echo(f"stored {result.article} and {result.sidecar.name}; drafted {result.facts} ({counts})")


# --- vocab (kg/vocab_edit.py) ------------------------------------------------------------------

@main.group("vocab")
def vocab_cmd() -> None:
    """List the controlled vocabularies (ontology/vocab/*.ttl) and add a measure, topic or per concept.

    \b
    Examples:
      kg vocab list                 # the schemes, their files, which take new concepts
      kg vocab list measure
      kg vocab add measure data-breaches --broader count \\
        --label-en "data breaches" --label-es "filtraciones de datos" \\
        --definition-en "Number of data breaches reported." \\
        --definition-es "Número de filtraciones de datos reportadas."
    """


@vocab_cmd.command("list")
@click.argument("scheme", required=False)
@click.option("-f", "--format", "fmt", default=None, type=FormatChoice(ROW_FORMATS),
              help=f"Output format: {listing(ROW_FORMATS)}. Default: table on a terminal, csv in a pipe.")
@paths_options
def vocab_list_cmd(scheme: str | None, fmt: str | None, root_dir: Path | None, data_dir: Path | None,
                   build_dir: Path | None) -> None:
    """The concepts of SCHEME (measure, topic, ...: its name or its file's): id, labels in en and es, and the
    concepts it is narrower than (a measure's family). Without SCHEME, the schemes.

    \b
    Example:
      kg vocab list measure
      kg vocab list topics -f csv > topics.csv
    """
    from kg.output import default_format, render
    from kg.vocab_edit import vocabulary_table

    result = vocabulary_table(make_paths(root_dir, data_dir, build_dir, uses_build=False), scheme)
    click.echo(render(result, fmt or default_format(result, sys.stdout.isatty())), nl=False)


@vocab_cmd.command("add")
@click.argument("scheme")
@click.argument("concept_id", metavar="ID")
@click.option("--label-en", help="English label (skos:prefLabel), as articles write it: \"data breaches\".")
@click.option("--label-es", help="Spanish label: \"filtraciones de datos\".")
@click.option("--definition-en", help="English definition: one sentence saying what is counted or measured.")
@click.option("--definition-es", help="Spanish definition.")
@click.option("--broader", multiple=True, metavar="CONCEPT",
              help="The concept it is narrower than, by id or label (repeatable). A measure needs its family "
                   "(count, money, rate, ...: `kg vocab list measure`); without it, a topic is a top concept.")
@click.option("--alt-label-en", multiple=True, metavar="TEXT", help="Another English label (repeatable).")
@click.option("--alt-label-es", multiple=True, metavar="TEXT", help="Another Spanish label (repeatable).")
@click.option("--dry-run", is_flag=True, help="Check and print the Turtle, write nothing.")
@paths_options
def vocab_add_cmd(scheme: str, concept_id: str, label_en: str | None, label_es: str | None,
                  definition_en: str | None, definition_es: str | None, broader: tuple[str, ...],
                  alt_label_en: tuple[str, ...], alt_label_es: tuple[str, ...], dry_run: bool,
                  root_dir: Path | None, data_dir: Path | None, build_dir: Path | None) -> None:
    """Add the concept ID to SCHEME's file, checked as `kg check` checks the vocabularies (nothing is
    written unless it passes): no Turtle to write by hand. Only open schemes take new concepts.

    \b
    Example:
      kg vocab add measure data-breaches --broader count \\
        --label-en "data breaches" --label-es "filtraciones de datos" \\
        --definition-en "Number of data breaches reported." \\
        --definition-es "Número de filtraciones de datos reportadas."
      kg check data/facts/<article>.yaml      # with `measure: data-breaches` in a figure
    """
    from kg.vocab_edit import add_concept

    added = add_concept(make_paths(root_dir, data_dir, build_dir, uses_build=False), scheme, concept_id,
                        labels={"en": label_en, "es": label_es}, definitions={"en": definition_en, "es": definition_es},
                        alt_labels={"en": alt_label_en, "es": alt_label_es}, broader=broader, dry_run=dry_run)
    if dry_run:
        click.echo(added.block, nl=False)
        click.echo(f"(dry run: nothing written to {added.file})", err=True)
        return
    click.echo(added.summary)
    click.echo(added.next_step)


# --- entities (kg/entities_share.py) ----------------------------------------------------------

@main.group("entities")
def entities_cmd() -> None:
    """Move entities between the fact files and data/entities.yaml, with no YAML edited by hand.

    \b
    Example:
      kg entities share concamin --dry-run   # the diff, nothing written
      kg entities share concamin
    """


@entities_cmd.command("share")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@click.option("--dry-run", is_flag=True, help="Print the diff of every file it would change; write nothing.")
@paths_options
def entities_share_cmd(ids: tuple[str, ...], dry_run: bool, root_dir: Path | None, data_dir: Path | None,
                       build_dir: Path | None) -> None:
    """Move each entity ID a second article uses from the fact files that declare it to data/entities.yaml.

    Each declaration becomes a mention (`men-<id>`) in its fact file carrying its quote, occurrence, status,
    reason and readings, so the graph keeps the same evidence (a mention already carrying them stays, and none is
    written twice); the definition (less those, with its note) goes to data/entities.yaml. Files declaring it
    differently are refused. Every other line stays as it was;
    `kg check` of the whole corpus then runs, and if it fails every file is put back.

    \b
    Example:
      kg entities share concamin --dry-run
      kg entities share concamin conacyt
    """
    from kg.entities_share import share_entities

    result = share_entities(make_paths(root_dir, data_dir, build_dir, uses_build=False), ids, dry_run=dry_run)
    if dry_run:
        click.echo(result.diff, nl=False)
        click.echo("(dry run: nothing written)", err=True)
        return
    for line in result.summary():
        click.echo(line)
    click.echo(result.next_step)


@main.command("ingest-eval")
@paths_options
@click.option("-v", "--verbose", is_flag=True, help="List every missed and extra figure or mention.")
def ingest_eval_cmd(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None, verbose: bool) -> None:
    """Precision and recall of ingest drafts on the seeds and on tests/ingest_eval/ (a Markdown table).

    \b
    Example:
      kg ingest-eval -v
    """
    from kg.ingest_eval import render, run

    click.echo(render(run(make_paths(root_dir, data_dir, build_dir, uses_build=False)), details=verbose))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
