"""The ``kg`` command line: parse, call one library function, render. The only module that imports click."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import click

from kg import __version__
from kg.config import Paths
from kg.errors import ExitCode, KgError


class KgGroup(click.Group):
    """Turns every ``KgError`` into ``Error: ...`` on stderr and its exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as err:
            click.echo(f"Error: {err.one_line()}", err=True)
            ctx.exit(int(err.exit_code))
        except KeyboardInterrupt:  # pragma: no cover - interactive only
            click.echo("Error: interrupted", err=True)
            ctx.exit(int(ExitCode.FAILURE))


def paths_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Shared ``--root/--data/--build`` options; folders default relative to the repository or ``KG_*``."""
    func = click.option("--build", "build_dir", type=click.Path(path_type=Path), default=None,
                        help="Build folder (default: ./build or $KG_BUILD).")(func)
    func = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
                        help="Data folder with articles/, facts/, entities.yaml (default: ./data or $KG_DATA).")(func)
    func = click.option("--root", "root_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                        help="Repository root (default: the working directory or $KG_ROOT).")(func)
    return func


def make_paths(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None) -> Paths:
    kwargs: dict[str, Any] = {"data": data_dir, "build": build_dir}
    if root_dir is not None:
        kwargs["root"] = root_dir.resolve()
    return Paths(**kwargs)


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
def build(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None,
          no_validate: bool, no_reason: bool, quiet: bool) -> None:
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
        click.echo(f"Warning: {warning}", err=True)
    if not quiet:
        click.echo(report.summary())


@main.command()
@paths_options
@click.argument("fact_files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
def check(root_dir: Path | None, data_dir: Path | None, build_dir: Path | None, fact_files: tuple[Path, ...]) -> None:
    """Check fact files against their articles, the schema and the vocabularies (fast; no build).

    Without arguments, checks the whole corpus (every file, ids across files).

    \b
    Example:
      kg check data/facts/000_5fec07e56bfc17d3.yaml
      kg check
    """
    from kg.corpus import check_fact_file, load_corpus

    paths = make_paths(root_dir, data_dir, build_dir)
    if not fact_files:
        corpus = load_corpus(paths, include_drafts=True)
        click.echo(f"ok: {len(corpus.articles)} articles, {len(corpus.fact_files)} fact files, "
                   f"{corpus.fact_count()} facts, {len(corpus.entities)} entities")
        return
    for path in fact_files:
        ff = check_fact_file(path, paths)
        click.echo(f"ok: {path} ({len(ff.facts) + len(ff.items)} facts, review: {ff.review})")

# --- reason & docs (kg/ontology.py, kg/docs.py) ------------------------------------------------

# --- validate (kg/validation.py) ---------------------------------------------------------------

# --- queries & query (kg/queries.py, kg/output.py, kg/store.py) --------------------------------

# --- export & load (kg/export.py, kg/load.py) --------------------------------------------------

# --- ingest (kg/ingest.py) ---------------------------------------------------------------------


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
