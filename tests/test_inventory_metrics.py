"""Every measurement of the fact inventory (docs/gold/fact-inventory.md §3.1, M01-M25), read from the
inventory's own table and found in the built store: value or range, unit or currency, comparator, the
year where one is stated, and evidence whose quote overlaps the inventory's verbatim quote."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import Paths
from kg.store import open_read_only

INVENTORY = Path(__file__).resolve().parent.parent / "docs" / "gold" / "fact-inventory.md"
ARTICLES = {"000": "000_5fec07e56bfc17d3", "001": "001_f5c50bd7e4e2a6b2"}
UNITS = [("MXN", "http://qudt.org/vocab/unit/CCY_MXN"), ("pesos", "http://qudt.org/vocab/unit/CCY_MXN"),
         ("USD", "http://qudt.org/vocab/unit/CCY_USD"), ("percent", "http://qudt.org/vocab/unit/PERCENT"),
         ("rank", "https://w3id.org/canieti-kg/vocab/unit/rank")]
COMPARATORS = [("between", "between"), ("more than", "more-than"), ("about", "approximately"),
               ("exact", "exact")]


def _rows() -> list[dict[str, str]]:
    rows = []
    for line in INVENTORY.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\| M\d\d \|", line):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows.append(dict(zip(["id", "src", "subject", "indicator", "stated", "normalized", "unit", "cmp",
                                  "time", "attributed", "quote", "notes"], cells)))
    return rows


ROWS = _rows()


def test_the_inventory_lists_25_measurements() -> None:
    assert [r["id"] for r in ROWS] == [f"M{i:02d}" for i in range(1, 26)]


@pytest.fixture(scope="module")
def store(built_paths: Paths) -> ox.Store:
    return open_read_only(built_paths)


QUERY = """PREFIX kg: <https://w3id.org/canieti-kg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?o ?value ?min ?max ?unit ?cmp ?year ?exact WHERE {
  GRAPH ?g { ?o a kg:Observation ; kg:unit ?unit ; kg:comparator ?cmp ; kg:hasEvidence ?ev .
             ?ev oa:hasSelector ?qs . ?qs oa:exact ?exact .
             OPTIONAL { ?o kg:value ?value } OPTIONAL { ?o kg:minValue ?min ; kg:maxValue ?max }
             OPTIONAL { ?o kg:referenceYear ?year } }
}"""


def _numbers(text: str) -> list[Decimal]:
    return [Decimal(n) for n in re.findall(r"(?<![\w.])\d+(?:\.\d+)?", text.split("(")[0])]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z0-9$%]+", text.replace("\u00a0", " ")))


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_measurement_is_in_the_store(store: ox.Store, row: dict[str, str]) -> None:
    graph = ox.NamedNode(f"https://w3id.org/canieti-kg/graph/article/{ARTICLES[row['src'].split()[0]]}")
    numbers = _numbers(row["normalized"].replace("min ", "").replace("; max", ""))
    quote = row["quote"].split("`")[1] if "`" in row["quote"] else ""
    candidates = []
    for sol in store.query(QUERY, named_graphs=[graph]):
        got = [Decimal(sol[k].value) for k in ("value", "min", "max") if sol[k] is not None]
        if sorted(got) != sorted(numbers):
            continue
        # the evidence quotes the same words (the inventory's quote and ours may be cut differently)
        if quote and len(_words(quote) & _words(sol["exact"].value)) < min(3, len(_words(quote))):
            continue
        candidates.append(sol)
    assert candidates, f"{row['id']}: no observation with {numbers} quoting {quote!r}"
    sol = candidates[0]
    unit_cell = row["unit"]
    expected_unit = next((iri for word, iri in UNITS if word in unit_cell), "http://qudt.org/vocab/unit/NUM")
    if "(ratio" in row["normalized"]:
        expected_unit = "http://qudt.org/vocab/unit/PERCENT"
    assert sol["unit"].value == expected_unit, row["id"]
    cmp_cell = row["cmp"]
    if cmp_cell.startswith("rank") or cmp_cell.startswith("projection"):
        assert sol["cmp"].value.endswith("/exact"), row["id"]
    else:
        expected = next(c for word, c in COMPARATORS if cmp_cell.startswith(word) or word in cmp_cell.split("(")[0])
        assert sol["cmp"].value.endswith("/" + expected), (row["id"], sol["cmp"].value)
    stated_years = re.findall(r"\b(20\d\d)\b", row["time"])
    undated = any(w in row["time"] for w in ("unstated", "not dated", "as M"))
    if stated_years and not undated:
        assert sol["year"] is not None and sol["year"].value in stated_years, (row["id"], row["time"])
    if "unstated" in row["time"] and not stated_years:
        assert sol["year"] is None, f"{row['id']}: a reference year the article does not state"
