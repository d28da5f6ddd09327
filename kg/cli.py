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

# --- reason & docs (kg/ontology.py, kg/docs.py) ------------------------------------------------

# --- validate (kg/validation.py) ---------------------------------------------------------------

# --- queries & query (kg/queries.py, kg/output.py, kg/store.py) --------------------------------

# --- export & load (kg/export.py, kg/load.py) --------------------------------------------------

# --- ingest (kg/ingest.py) ---------------------------------------------------------------------


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
