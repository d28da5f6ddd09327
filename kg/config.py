"""Where things live: paths default relative to the repository, overridable by option or ``KG_*`` variable."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def is_project(folder: Path) -> bool:
    return (folder / "data").is_dir() and (folder / "ontology").is_dir()


def find_root(start: Path | None = None) -> Path | None:
    """``KG_ROOT``, else the working directory or the nearest folder above it holding data/ and ontology/
    (as git finds its repository), else None: never the installed source tree behind the user's back,
    where ``kg build`` run from the wrong folder would write."""
    env = os.environ.get("KG_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    return None


_FOLDER_ENV = (("data", "KG_DATA"), ("ontology", "KG_ONTOLOGY"), ("queries", "KG_QUERIES"), ("build", "KG_BUILD"))


@dataclass(frozen=True)
class Paths:
    """The folders a command reads and writes; every one may be moved independently."""

    root: Path | None = None
    data: Path | None = None
    ontology: Path | None = None
    queries: Path | None = None
    build: Path | None = None
    cache_dir: Path | None = None

    def __post_init__(self) -> None:
        # Resolve each folder from (explicit value, KG_* variable, repository default), in that order.
        root = self.root if self.root is not None else find_root()
        if root is None:
            unset = [name for name, env in _FOLDER_ENV if getattr(self, name) is None and not os.environ.get(env)]
            if unset:
                from kg.errors import UsageError

                raise UsageError(f"no canieti-kg project here or above (a folder with data/ and ontology/): {Path.cwd()}",
                                 hint="cd into the project, or give --root (or KG_ROOT), or set "
                                      + ", ".join(env for name, env in _FOLDER_ENV if name in unset))
            root = Path.cwd()  # (every folder is given: the root names none of them)
        object.__setattr__(self, "root", Path(root).resolve())
        for name, env in _FOLDER_ENV:
            value = getattr(self, name)
            if value is None:
                value = os.environ.get(env) or (self.root / name)
            object.__setattr__(self, name, Path(value).resolve())
        cache = self.cache_dir or os.environ.get("KG_CACHE")
        object.__setattr__(self, "cache_dir", Path(cache).resolve() if cache else None)

    @property
    def articles(self) -> Path:
        return self.data / "articles"  # type: ignore[operator]

    @property
    def facts(self) -> Path:
        return self.data / "facts"  # type: ignore[operator]

    @property
    def entities_file(self) -> Path:
        return self.data / "entities.yaml"  # type: ignore[operator]

    @property
    def shapes(self) -> Path:
        return self.ontology / "shapes"  # type: ignore[operator]

    @property
    def vocab(self) -> Path:
        return self.ontology / "vocab"  # type: ignore[operator]

    @property
    def checks(self) -> Path:
        return self.queries / "checks"  # type: ignore[operator]

    @property
    def current(self) -> Path:
        """Symlink to the generation folder of the last good build; swapped atomically by the build."""
        return self.build / "current"  # type: ignore[operator]

    @property
    def store(self) -> Path:
        """The embedded Oxigraph database of the last good build."""
        return self.current / "store"

    @property
    def manifest(self) -> Path:
        """JSON written by the build: graphs, counts, timings; read by query/export/load."""
        return self.current / "manifest.json"

    @property
    def cache(self) -> Path:
        """Per-article graphs and validation results of this build folder, keyed on content hashes."""
        return self.build / "cache"  # type: ignore[operator]

    @property
    def reasoning_cache(self) -> Path:
        """Types inferred per individual signature; depends on nothing but the ontology and the signature,
        so builds of different corpora may share it (``KG_CACHE``)."""
        return (self.cache_dir or self.cache) / "reasoning.json"
