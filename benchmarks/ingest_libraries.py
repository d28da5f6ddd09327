"""Measure the libraries `kg ingest` could use against its own rules, on the figures and dates of the
seeds (curated fact files), the evaluation set and the fresh set. Prints a Markdown table.

Each number parser gets the easiest possible task: the figure's surface text alone, as the curator
wrote it (e.g. "more than US$4.9 billion", "79 mil 500 millones de dólares"); it is right when it
yields the expected value (or range) and unit. Comparators are not asked of the libraries: none has them.
Dates: each parser reads the whole article; right = the expected calendar dates, no others.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python benchmarks/ingest_libraries.py
"""

from __future__ import annotations

import datetime
import time
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from kg.config import Paths
from kg.ingest import draft_facts, extract_dates
from kg.rdfio import decimal_text
from kg.yamlio import load_yaml

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO / "tests" / "ingest_eval"
warnings.filterwarnings("ignore")


def cases() -> list[tuple[str, str, dict[str, Any]]]:
    """(language, surface, expected observation) for every expected figure that has a surface."""
    out = []
    paths = Paths(root=REPO)
    for facts in sorted(paths.facts.glob("*.yaml")):
        doc = load_yaml(facts)
        lang = str(load_yaml(paths.articles / f"{facts.stem}.yaml")["language"])
        out += [(lang, o["surface"], o) for o in doc.get("observations", []) if o.get("surface")]
    for expected in sorted(EVAL.glob("**/*.expected.yaml")):
        doc = load_yaml(expected)
        out += [(str(doc["lang"]), o["surface"], o) for o in doc.get("observations", [])]
    return out


def _want(o: dict[str, Any]) -> tuple[Any, ...]:
    if "value" in o:
        return (decimal_text(Decimal(str(o["value"]))), o["unit"])
    return (decimal_text(Decimal(str(o["min"]))), decimal_text(Decimal(str(o["max"]))), o["unit"])


def ours(lang: str, surface: str) -> tuple[Any, ...] | None:
    obs = draft_facts(surface, article_id="x", lang=lang, known=[]).facts.get("observations", [])
    if not obs:
        return None
    o = obs[0]
    return _want(o)


QUANTULUM_UNITS = {"united states dollar": "USD", "dollar": "USD", "mexican peso": "MXN", "peso": "MXN",
                   "percentage": "percent", "dimensionless": "count"}


def quantulum(lang: str, surface: str) -> tuple[Any, ...] | None:
    from quantulum3 import parser

    try:
        found = parser.parse(surface, lang="en_US" if lang == "en" else "es_ES")
    except NotImplementedError:
        return None  # no Spanish
    if not found:
        return None
    q = max(found, key=lambda q: len(q.surface))
    unit = next((code for name, code in QUANTULUM_UNITS.items() if q.unit.name.startswith(name)), q.unit.name)
    return (decimal_text(Decimal(str(q.value))), unit)


def price_parser(lang: str, surface: str) -> tuple[Any, ...] | None:
    from price_parser import Price

    p = Price.fromstring(surface)
    if p.amount is None:
        return None
    currency = {"US$": "USD", "USD": "USD", "MX$": "MXN", "$": "USD"}.get(p.currency or "", "count")
    if "peso" in surface.lower():
        currency = "MXN"
    elif "dólar" in surface.lower() or "dollar" in surface.lower():
        currency = "USD"
    elif "%" in surface or "ciento" in surface or "percent" in surface:
        currency = "percent"
    return (decimal_text(p.amount), currency)


def text2num_digits(lang: str, surface: str) -> tuple[Any, ...] | None:
    """text2num turns words into digits; our rules then read the digits (a hybrid we could have chosen)."""
    from text_to_num import alpha2digit

    return ours(lang, alpha2digit(surface, lang))


def score(parser: Callable[[str, str], tuple[Any, ...] | None], data: list[tuple[str, str, dict[str, Any]]]) -> tuple[str, str, float]:
    right = {"en": [0, 0], "es": [0, 0]}
    started = time.perf_counter()
    for lang, surface, expected in data:
        right[lang][1] += 1
        try:
            got = parser(lang, surface)
        except Exception:  # a library failing on an input is a miss, not a crash of the benchmark
            got = None
        if got == _want(expected):
            right[lang][0] += 1
    elapsed = time.perf_counter() - started
    return (f"{right['en'][0]}/{right['en'][1]}", f"{right['es'][0]}/{right['es'][1]}", elapsed)


def date_cases() -> list[tuple[str, str, set[str]]]:
    out = []
    paths = Paths(root=REPO)
    for text in sorted(paths.articles.glob("*.txt")):
        out.append(("en", text.read_text(encoding="utf-8"), set()))  # the seeds state no calendar date
    for expected in sorted(EVAL.glob("**/*.expected.yaml")):
        doc = load_yaml(expected)
        text = expected.with_name(expected.name.replace(".expected.yaml", ".txt")).read_text(encoding="utf-8")
        out.append((str(doc["lang"]), text, {str(d) for d in doc.get("dates", [])}))
    return out


def dates_ours(lang: str, text: str) -> set[str]:
    return {d.iso for d in extract_dates(text, lang) if d.iso}


def dates_dateparser(lang: str, text: str) -> set[str]:
    from dateparser.search import search_dates

    found = search_dates(text, languages=[lang], settings={"RELATIVE_BASE": datetime.datetime(2000, 1, 1),
                                                            "REQUIRE_PARTS": ["day", "month", "year"]}) or []
    return {d.date().isoformat() for _, d in found}


def score_dates(parser: Callable[[str, str], set[str]]) -> tuple[str, str, float]:
    tp = fp = fn = 0
    started = time.perf_counter()
    for lang, text, want in date_cases():
        got = parser(lang, text)
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
    return (f"{tp}/{tp + fp}", f"{tp}/{tp + fn}", time.perf_counter() - started)


def fuzzy_timing() -> tuple[float, float]:
    """Same windows, same scores: rapidfuzz against difflib over the seed texts."""
    import difflib

    from rapidfuzz import fuzz

    names = ["national institute of entrepreneurs", "confederation of industrial chambers",
             "national council of science and technology"]
    words = " ".join(p.read_text(encoding="utf-8").lower() for p in (REPO / "data" / "articles").glob("*.txt")).split()
    windows = [" ".join(words[i:i + 5]) for i in range(len(words) - 5)]
    t0 = time.perf_counter()
    a = [fuzz.ratio(w, n) for w in windows for n in names]
    t1 = time.perf_counter()
    b = [100 * difflib.SequenceMatcher(None, w, n).ratio() for w in windows for n in names]
    t2 = time.perf_counter()
    same = sum(1 for x, y in zip(a, b) if (x >= 90) == (y >= 90))
    print(f"Fuzzy windows: {same}/{len(a)} agree on the 90 threshold")
    return t1 - t0, t2 - t1


def _installed(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def main() -> None:
    data = cases()
    print(f"Figures: {len(data)} expected observations (value/range and unit right; comparators not asked)\n")
    print("| parser | English right | Spanish right | seconds |")
    print("|---|---|---|---|")
    for name, module, parser in (("kg.ingest rules", "kg", ours), ("quantulum3 0.10", "quantulum3", quantulum),
                                 ("price-parser 0.5", "price_parser", price_parser),
                                 ("text2num 3.1 words→digits, then kg.ingest", "text_to_num", text2num_digits)):
        if not _installed(module):
            print(f"| {name} | not installed (pip install it to compare) | | |")
            continue
        en, es, secs = score(parser, data)
        print(f"| {name} | {en} | {es} | {secs:.2f} |")
    print("\nCalendar dates in whole articles (precision = right/found, recall = right/expected)\n")
    print("| parser | precision | recall | seconds |")
    print("|---|---|---|---|")
    for name, module, dparser in (("kg.ingest rules", "kg", dates_ours), ("dateparser 1.5 search_dates", "dateparser", dates_dateparser)):
        if not _installed(module):
            print(f"| {name} | not installed | | |")
            continue
        p, r, secs = score_dates(dparser)
        print(f"| {name} | {p} | {r} | {secs:.2f} |")
    rf, dl = fuzzy_timing()
    print(f"\nFuzzy name windows over the seeds: rapidfuzz {rf:.3f} s, difflib {dl:.3f} s")


if __name__ == "__main__":
    main()
