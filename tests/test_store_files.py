"""kg.store.build_nquads / read_build_nquads: when a reader of a build may take an article graph from
the N-Quads file the build loaded it from (the export and ``kg validate`` both do), and when it must
read the store instead."""

from __future__ import annotations

from pathlib import Path

from kg.config import Paths
from kg.store import GraphInfo, article_nquads, build_nquads, read_build_nquads

LINES = (b'<urn:a> <urn:p> "x" <https://w3id.org/canieti-kg/graph/article/a> .\n'
         b'<urn:a> <urn:q> <urn:b> <https://w3id.org/canieti-kg/graph/article/a> .\n')


def _info(triples: int = 2, **kw: object) -> GraphInfo:
    fields: dict = {"iri": "https://w3id.org/canieti-kg/graph/article/a", "kind": "article", "triples": triples,
                    "article": "a", "digest": "0123456789abcdef" * 4} | kw
    return GraphInfo(**fields)


def test_only_an_article_graph_with_a_digest_has_a_file(tmp_path: Path) -> None:
    paths = Paths(root=tmp_path, build=tmp_path / "build")
    assert build_nquads(paths, _info()) == article_nquads(paths, "a", "0123456789abcdef" * 4)
    assert build_nquads(paths, _info(digest=None)) is None
    assert build_nquads(paths, _info(kind="entities", article=None)) is None


def test_the_file_is_taken_only_whole(tmp_path: Path) -> None:
    file = tmp_path / "a.nq"
    assert read_build_nquads(file, 2) is None  # missing
    assert read_build_nquads(None, 2) is None
    file.write_bytes(LINES)
    assert read_build_nquads(file, 2) == LINES
    assert read_build_nquads(file, 3) is None  # the manifest counts another content
    file.write_bytes(LINES[:-1])  # the last line cut (its newline)
    assert read_build_nquads(file, 2) is None and read_build_nquads(file, 1) is None
    file.write_bytes(LINES + LINES.splitlines()[0])  # a line added without its newline
    assert read_build_nquads(file, 2) is None
    file.write_bytes(b"")
    assert read_build_nquads(file, 0) == b""  # an empty graph
