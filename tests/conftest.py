"""Shared fixtures: the repository paths and one real build of data/, made once per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.config import Paths

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def shared_reasoning_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """HermiT's results depend only on the ontology and each individual's signature: share them across
    the many small builds of the suite, so HermiT runs once per new signature, not once per build."""
    os.environ["KG_CACHE"] = str(tmp_path_factory.mktemp("reasoning-cache"))


@pytest.fixture(scope="session")
def repo_paths() -> Paths:
    """The repository's own folders (read-only use: tests never write into data/ or build/)."""
    return Paths(root=REPO)


@pytest.fixture(scope="session")
def built_paths(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """The real corpus built once into a temporary build folder."""
    from kg.build import build_project

    build = tmp_path_factory.mktemp("build")
    paths = Paths(root=REPO, build=build)
    build_project(paths)
    return paths


@pytest.fixture(scope="session")
def content_build(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """The real corpus built without the validation and reasoning stages, once per session: query,
    export and load tests need its content only (their answers must not depend on inferred triples),
    and validation and reasoning have tests of their own."""
    from kg.build import build_project

    paths = Paths(root=REPO, build=tmp_path_factory.mktemp("content-build"))
    build_project(paths, validate=False, reason=False)
    return paths


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Paths:
    """A writable copy of data/ (and the ontology and queries, read from the repository) for tests that edit facts."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    return Paths(root=REPO, data=tmp_path / "data", build=tmp_path / "build")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # type: ignore[no-untyped-def]
    """In CI every tool the tests need is installed by scripts/system-deps: a skip there hides a missing
    install step, so it fails instead."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may be skipped: {report.longrepr}"
