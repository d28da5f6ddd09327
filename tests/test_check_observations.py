"""`kg check` holds an observation's time, comparator, range and rank to the words its quote writes.

A year the quote does not write ("by 2027" recorded as 2026), a time text found nowhere in the article, a
qualifier the words contradict ("since" for "by"), a comparator other than the one written ("more than
1,500" as less-than), a range kept as one value or as "approximately", a rank counted as a count: each is
a fact the article does not state, refused on one line at its file and line, with the fix. What the words
back, in English and Spanish, passes; where the words decide nothing (no year, no comparator written),
nothing is refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import Paths
from kg.yamlio import LineDict
from minicorpus import check_errors, line_of, with_articles

ART_EN = ("ACME said the market will reach 1.1 trillion pesos by 2027. It has more than 1,500 members. "
          "Growth will be between 5% and 7% this year. The chamber ranks in third place. "
          "Mexico moved from 15th to 12th place in exports. "
          "Since 2012 it has trained 3,000 engineers. At the end of 2016 it had 900 partners.")
ART_ES = ("ACME dijo que el mercado llegará a 1.1 billones de pesos para 2027. Tiene más de 1,500 afiliados. "
          "El crecimiento será de entre 5 y 7% este año. México ocupa el tercer lugar. "
          "México ocupa el lugar 12 entre los países de la región. "
          "Desde 2012 ha formado a 3,000 ingenieros. A finales de 2016 contaba con 900 socios.")


def _obs(ident: str, measure: str, number: str, unit: str, comparator: str, surface: str, quote: str,
         time: str | None = None) -> str:
    time_line = f"    time: {time}\n" if time else ""
    return (f"  - id: {ident}\n    about: [acme]\n    measure: {measure}\n{number}    unit: {unit}\n"
            f"    comparator: {comparator}\n{time_line}    unattributed: true\n    surface: \"{surface}\"\n"
            f"    quote: \"{quote}\"\n    status: explicit\n")


FACTS_EN = "article: b-en\nreview: reviewed\nobservations:\n" + "".join([
    _obs("o-market", "test-losses", '    value: "1100000000000"\n', "MXN", "exact", "1.1 trillion pesos",
         "the market will reach 1.1 trillion pesos by 2027", '{qualifier: by, year: "2027"}'),
    _obs("o-members", "test-members", '    value: "1500"\n', "count", "more-than", "more than 1,500 members",
         "It has more than 1,500 members"),
    _obs("o-growth", "test-growth", '    min: "5"\n    max: "7"\n', "percent", "between", "between 5% and 7%",
         "Growth will be between 5% and 7% this year"),
    _obs("o-rank", "test-members", '    value: "3"\n', "rank", "exact", "third place", "The chamber ranks in third place"),
    _obs("o-twelfth", "test-members", '    value: "12"\n', "rank", "exact", "12th place",
         "Mexico moved from 15th to 12th place in exports"),
    _obs("o-trained", "test-members", '    value: "3000"\n', "count", "exact", "3,000 engineers",
         "Since 2012 it has trained 3,000 engineers", '{qualifier: since, year: "2012"}'),
    _obs("o-partners", "test-members", '    value: "900"\n', "count", "exact", "900 partners",
         "At the end of 2016 it had 900 partners", '{qualifier: at-end-of, year: "2016"}'),
])
FACTS_ES = "article: b-es\nreview: reviewed\nobservations:\n" + "".join([
    _obs("o-market", "test-losses", '    value: "1100000000000"\n', "MXN", "exact", "1.1 billones de pesos",
         "el mercado llegará a 1.1 billones de pesos para 2027", '{qualifier: by, year: "2027"}'),
    _obs("o-members", "test-members", '    value: "1500"\n', "count", "more-than", "más de 1,500 afiliados",
         "Tiene más de 1,500 afiliados"),
    _obs("o-growth", "test-growth", '    min: "5"\n    max: "7"\n', "percent", "between", "entre 5 y 7%",
         "El crecimiento será de entre 5 y 7% este año"),
    _obs("o-rank", "test-members", '    value: "3"\n', "rank", "exact", "tercer lugar", "México ocupa el tercer lugar"),
    _obs("o-lugar", "test-members", '    value: "12"\n', "rank", "exact", "lugar 12",
         "México ocupa el lugar 12 entre los países de la región"),
    _obs("o-trained", "test-members", '    value: "3000"\n', "count", "exact", "3,000 ingenieros",
         "Desde 2012 ha formado a 3,000 ingenieros", '{qualifier: since, year: "2012"}'),
    _obs("o-partners", "test-members", '    value: "900"\n', "count", "exact", "900 socios",
         "A finales de 2016 contaba con 900 socios", '{qualifier: at-end-of, year: "2016"}'),
])


@pytest.fixture()
def figures(tmp_path: Path) -> Paths:
    """The mini corpus, plus an English and a Spanish article of figures whose facts the words back."""
    return with_articles(tmp_path, [("b-en", ART_EN, "en", FACTS_EN), ("b-es", ART_ES, "es", FACTS_ES)])


# (article, observation id, old text of its block, new text, field, words of the one-line error)
REFUSED = [
    # 1. a year its quote (or time text) does not write
    ("b-en", "o-market", 'year: "2027"', 'year: "2026"', "time.year",
     ["(id o-market): year 2026 is not written in its quote or time text (they write 2027)", "(fix: give the year the quote states"]),
    ("b-es", "o-market", 'year: "2027"', 'year: "2028"', "time.year",
     ["(id o-market): year 2028 is not written in its quote or time text (they write 2027)"]),
    # 2. a time text the article nowhere writes
    ("b-en", "o-market", 'year: "2027"}', 'year: "2027", text: in the second half of 2024}', "time.text",
     ["(id o-market): time text 'in the second half of 2024' is not in the article's text", "(fix: copy the words"]),
    # 3. a qualifier the words written with the year contradict
    ("b-en", "o-market", "qualifier: by", "qualifier: since", "time.qualifier",
     ["(id o-market): qualifier since is not what its quote or time text writes: 'by 2027' (by)", "(fix: set `qualifier: by`"]),
    ("b-es", "o-market", "qualifier: by", "qualifier: in", "time.qualifier",
     ["qualifier in is not what its quote or time text writes: 'para 2027' (by)"]),
    ("b-es", "o-trained", "qualifier: since", "qualifier: by", "time.qualifier",
     ["qualifier by is not what its quote or time text writes: 'Desde 2012' (since)", "(fix: set `qualifier: since`)"]),
    ("b-es", "o-partners", "qualifier: at-end-of", "qualifier: since", "time.qualifier",
     ["qualifier since is not what its quote or time text writes: 'A finales de 2016' (at-end-of)"]),
    # 4. a comparator other than the one the surface writes; a range as one value or as "approximately"
    ("b-en", "o-members", "comparator: more-than", "comparator: less-than", "comparator",
     ["(id o-members): comparator less-than is not what its surface 'more than 1,500 members' writes (more-than)",
      "(fix: set `comparator: more-than`)"]),
    ("b-en", "o-members", "comparator: more-than", "comparator: exact", "comparator",
     ["comparator exact is not what its surface 'more than 1,500 members' writes (more-than)"]),
    ("b-es", "o-members", "comparator: more-than", "comparator: at-least", "comparator",
     ["comparator at-least is not what its surface 'más de 1,500 afiliados' writes (more-than)"]),
    ("b-en", "o-growth", "comparator: between", "comparator: approximately", "comparator",
     ["(id o-growth): comparator approximately is not what its surface 'between 5% and 7%' writes (between: a range, 5 to 7)",
      "(fix: set `comparator: between`)"]),
    ("b-es", "o-growth", '    min: "5"\n    max: "7"\n    unit: percent\n    comparator: between',
     '    value: "7"\n    unit: percent\n    comparator: approximately', "value",
     ["value 7 is given for the range its surface 'entre 5 y 7%' writes (5 to 7)", 'min: "5"', 'max: "7"']),
    # 5. a rank the surface writes, counted
    ("b-en", "o-rank", "unit: rank", "unit: count", "unit",
     ["(id o-rank): unit count is not what its surface 'third place' writes (a rank)", "(fix: set `unit: rank`)"]),
    ("b-es", "o-rank", "unit: rank", "unit: count", "unit", ["unit count is not what its surface 'tercer lugar' writes (a rank)"]),
    # 6. a rank whose surface (else quote) writes a number and names no rank, as a multiplier's must be `times`
    ("b-es", "o-lugar", 'surface: "lugar 12"', 'surface: "12 entre"', "surface",
     ["(id o-lugar): unit rank is not what its surface '12 entre' writes (no rank named; the quote's rank is 'lugar 12')",
      "(fix: set `surface: lugar 12`)"]),
    ("b-en", "o-twelfth", 'surface: "12th place"', 'surface: "12"', "surface",
     ["unit rank is not what its surface '12' writes (no rank named; the quote's rank is '12th place')"]),
    ("b-en", "o-members", "unit: count", "unit: rank", "unit",
     ["(id o-members): unit rank is not what its surface 'more than 1,500 members' writes (a number with no rank named",
      "(fix: give the unit the figure is (count, percent, ...), or make the surface the words that name its rank"]),
    ("b-es", "o-members", '    unit: count\n    comparator: more-than\n    unattributed: true\n    surface: "más de 1,500 afiliados"\n',
     "    unit: rank\n    comparator: more-than\n    unattributed: true\n", "unit",
     ["unit rank is not what its quote writes (the figure 1500 with no rank named", "(fix: give the unit the figure is"]),
]


@pytest.mark.parametrize("article,obs,old,new,field,words", REFUSED,
                         ids=[f"{r[0]}-{r[1]}-{r[4]}-{r[3][:24]}" for r in REFUSED])
def test_what_the_words_back_passes_and_what_they_do_not_is_refused(figures: Paths, article: str, obs: str, old: str,
                                                                     new: str, field: str, words: list[str]) -> None:
    code, errors = check_errors(figures)
    assert code == 0 and not errors, errors  # ("más de", "entre 5 y 7%", "tercer lugar", "para 2027", "desde 2012", ...)
    assert figures.data is not None
    facts = figures.data / "facts" / f"{article}.yaml"
    text = facts.read_text(encoding="utf-8")
    block = text.index(f"  - id: {obs}\n")
    end = text.find("\n  - id: ", block + 1) % (len(text) + 1)
    assert old in text[block:end], (old, text[block:end])
    facts.write_text(text[:block] + text[block:end].replace(old, new, 1) + text[end:], encoding="utf-8")
    code, errors = check_errors(figures)
    assert code == 1 and len(errors) == 1, errors
    key = field.split(".")[-1]
    line = line_of(facts, f"{key}:" if key != "text" else "text:", f"- id: {obs}")
    assert f"{article}.yaml:{line}: {field}: observations[" in errors[0], errors[0]
    for word in words:
        assert word in errors[0], (word, errors[0])


def test_a_surface_backs_the_comparator_range_and_rank_it_writes() -> None:
    from kg.corpus import _surface_disagrees

    ok = [("más de 1,500", {"value": "1500", "unit": "count", "comparator": "more-than"}, "es"),
          ("entre 5 y 7%", {"min": "5", "max": "7", "unit": "percent", "comparator": "between"}, "es"),
          ("5-7%", {"min": "5", "max": "7", "unit": "percent", "comparator": "between"}, "en"),
          ("tercer lugar", {"value": "3", "unit": "rank", "comparator": "exact"}, "es"),
          ("hasta 500 estudiantes", {"value": "500", "unit": "count", "comparator": "at-most"}, "es"),
          ("500 or more", {"value": "500", "unit": "count", "comparator": "at-least"}, "en"),
          # words that bound as well as round: "nearly 500" is about 500, or under it
          ("nearly 500 companies", {"value": "500", "unit": "count", "comparator": "less-than"}, "en"),
          ("poco más de 500 empresas", {"value": "500", "unit": "count", "comparator": "approximately"}, "es"),
          # no comparator written: the quote around the surface may write one, no verdict
          ("111 000 741", {"value": "111000741", "unit": "count", "comparator": "approximately"}, "en"),
          # a share, not a rank; a count of places, not a rank
          ("a fifth of companies", {"value": "20", "unit": "percent", "comparator": "exact"}, "en"),
          ("3 puestos de trabajo", {"value": "3", "unit": "count", "comparator": "exact"}, "es"),
          # a curator's judgement is not held to the surface
          ("more than 1,500", {"value": "1500", "unit": "count", "comparator": "exact", "status": "judgement"}, "en")]
    for surface, item, lang in ok:
        assert _surface_disagrees(surface, LineDict(item), lang) is None, surface
    bad = [("up to 500 students", {"value": "500", "unit": "count", "comparator": "exact"}, "en", "comparator", "(at-most)"),
           ("about 2,000", {"value": "2000", "unit": "count", "comparator": "more-than"}, "en", "comparator", "(approximately)"),
           ("nearly 500 companies", {"value": "500", "unit": "count", "comparator": "more-than"}, "en", "comparator",
            "(approximately)"),
           ("500 or more", {"value": "500", "unit": "count", "comparator": "more-than"}, "en", "comparator", "(at-least)"),
           ("5-7%", {"min": "5", "max": "7", "unit": "percent", "comparator": "approximately"}, "en", "comparator",
            "between: a range, 5 to 7"),
           ("lugar 17", {"value": "17", "unit": "count", "comparator": "exact"}, "es", "unit", "(a rank)"),
           ("17th place", {"value": "17", "unit": "count", "comparator": "exact"}, "en", "unit", "(a rank)")]
    for surface, item, lang, field, words in bad:
        problem = _surface_disagrees(surface, LineDict(item), lang)
        assert problem is not None and problem[0] == field and words in problem[1], (surface, problem)


def _rank_problem(surface: str | None, quote: str, value: str, lang: str, text: str | None = None,
                  status: str = "explicit") -> tuple[str, str, str] | None:
    """`kg check`'s verdict on a `unit: rank` observation of ``quote`` in an article of ``text`` (else the quote)."""
    from kg.corpus import Article, _rank_unsaid

    article = Article("t", Path("t.txt"), Path("t.yaml"), text or quote, "", lang, {}, [])
    found = article.locate(quote)
    assert found is not None
    item = {"value": value, "unit": "rank", "comparator": "exact", "status": status,
            **({"surface": surface} if surface else {})}
    return _rank_unsaid(LineDict(item), found, lang, article)


# (surface, or None for the quote alone; quote; value; language; the article's sentence, if more than the quote):
# ranks as English and Spanish name them
RANKS_NAMED = [
    ("seventh", "Mexico has gone from seventh to fifth place", "7", "en", None),
    ("fifth place", "Mexico has gone from seventh to fifth place", "5", "en", None),
    ("15th", "Mexico moved from 15th to 12th place", "15", "en", None),
    ("ranked 12th", "Mexico ranked 12th in the world", "12", "en", None),
    ("fourth", "Sonora ranks fourth among Mexican states", "4", "en", None),
    ("twenty-first", "Mexico came twenty-first in the index", "21", "en", None),
    ("position 4", "Mexico, in position 4 worldwide", "4", "en", None),
    ("place 5", "Mexico took place 5 in the index", "5", "en", None),
    ("No. 1", "CANIETI is the No. 1 chamber of the sector", "1", "en", None),
    ("#3", "Mexico is #3 in exports", "3", "en", None),
    ("top 10", "Mexico is in the top 10 exporters", "10", "en", None),
    ("the 3 largest", "Mexico is one of the 3 largest exporters", "3", "en", None),
    ("lugar 12", "México ocupa el lugar 12 entre los países", "12", "es", None),
    ("tercer exportador", "Hoy somos el tercer exportador de productos electrónicos", "3", "es", None),
    ("12º lugar", "México ocupa el 12º lugar en la región", "12", "es", None),
    ("3er", "México es el 3er exportador", "3", "es", None),
    ("décimo", "México quedó en décimo sitio", "10", "es", None),
    ("puesto 3", "México, en el puesto 3 de la lista", "3", "es", None),
    ("número 1", "La Canieti es la número 1 del sector", "1", "es", None),
    ("ocupa el 12", "México ocupa el 12 de la lista", "12", "es", None),
    # the noun of the change it ends ("del lugar 15 al 9"), in its quote or in the words just before it
    ("9", "México escaló del lugar 15 al 9 en el índice", "9", "es", None),
    ("16", "al 16 en la manufactura mundial de vehículos", "16", "es",
     "El país pasó del lugar 21 al 16 en la manufactura mundial de vehículos."),
    (None, "al 16 en la manufactura mundial de vehículos", "16", "es",
     "El país pasó del lugar 21 al 16 en la manufactura mundial de vehículos."),
    (None, "México ocupa el lugar 12 entre los países", "12", "es", None),
    (None, "Mexico moved from 15th to 12th place", "12", "en", None),
    (None, "Mexico is the largest exporter of flat screens", "1", "en", None),  # (no number: the curator's reading)
]


@pytest.mark.parametrize("surface,quote,value,lang,text", RANKS_NAMED,
                         ids=[f"{r[0]}-{r[1][:20]}" for r in RANKS_NAMED])
def test_a_rank_its_words_name_passes(surface: str | None, quote: str, value: str, lang: str, text: str | None) -> None:
    assert _rank_problem(surface, quote, value, lang, text) is None


@pytest.mark.parametrize("surface,quote,value,lang,text,field,words", [
    ("12 entre", "México ocupa el lugar 12 entre los países", "12", "es", None, "surface",
     "the quote's rank is 'lugar 12'"),
    ("12 entre", "lugar 12 entre los países", "12", "es", "Agregó que México ocupa el lugar 12 entre los países.",
     "surface", "the quote's rank is 'lugar 12'"),
    ("11", "placing Mexico in 11th place", "11", "en", None, "surface", "the quote's rank is '11th place'"),  # (cut)
    ("15 mil especialistas", "certificar a 15 mil especialistas", "15000", "es", None, "unit",
     "a number with no rank named"),
    ("12 of the 20", "Mexico is 12 of the 20 countries", "12", "en", None, "unit", "a number with no rank named"),
    (None, "México tiene 12 plantas de ensamble", "12", "es", None, "unit",
     "its quote writes (the figure 12 with no rank"),
])
def test_a_rank_whose_words_name_none_is_refused(surface: str | None, quote: str, value: str, lang: str,
                                                 text: str | None, field: str, words: str) -> None:
    problem = _rank_problem(surface, quote, value, lang, text)
    assert problem is not None and problem[0] == field and words in problem[1], problem
    assert _rank_problem(surface, quote, value, lang, text, status="judgement") is None  # (the curator's reading)


def test_a_time_is_held_to_the_year_and_qualifier_its_words_write() -> None:
    """Where the words write no year or no qualifier, or a rate (per-year) beside a year, no verdict."""
    from kg.corpus import _time_disagrees

    ok = [("el mercado llegará a 1.1 billones de pesos para 2027", {"qualifier": "by", "year": "2027"}),
          ("desde 2012 ha formado a 3,000 ingenieros", {"qualifier": "since", "year": "2012"}),
          ("a finales de 2016 contaba con 900 socios", {"qualifier": "at-end-of", "year": "2016"}),
          # "en 2025" in a projection is "by 2025"; "by the end of" is a deadline at the year's end
          ("los usuarios llegarán a 80 millones en 2025", {"qualifier": "by", "year": "2025"}),
          ("1,000 projects by the end of 2020", {"qualifier": "by", "year": "2020"}),
          ("a partir de 2020 se formarán 500 técnicos", {"qualifier": "since", "year": "2020"}),
          # a date's year, a period's years ("2017-18"), a period's words ("del 2012 al 2018")
          ("el 3 de marzo de 2026 sumaba 500 socios", {"qualifier": "as-of", "date": "2026-03-03"}),
          ("growth of 5% in 2017-18", {"qualifier": "in", "start": "2017", "end": "2018"}),
          ("ventas del 2012 al 2018 por 5 millones", {"qualifier": "in", "start": "2012", "end": "2018"}),
          ("desde el 3 de marzo de 2026 suma 500 socios", {"qualifier": "since", "date": "2026-03-03"}),
          # no year written (a year stated elsewhere in the article), a figure that looks like a year
          ("369 million devices expected to be connected by the same year", {"qualifier": "by", "year": "2020"}),
          ("about 2000 companies", {"qualifier": "in", "year": "2016"}),
          # a rate beside a year
          ("annual losses in 2016 amounted to US$3 billion", {"qualifier": "per-year", "year": "2016"})]
    for said, time in ok:
        value = "2000" if "2000" in said else "5"
        assert _time_disagrees(LineDict({"value": value, "time": time}), said) is None, said
    bad = [("the market will reach 1.1 trillion pesos by 2027", {"qualifier": "by", "year": "2026"}, "year",
            "year 2026 is not written"),
           ("ventas del 2012 al 2018", {"qualifier": "in", "start": "2012", "end": "2019"}, "end", "end 2019 is not written"),
           ("el 3 de marzo de 2026", {"qualifier": "as-of", "date": "2025-03-03"}, "date",
            "the year of date 2025-03-03 is not written"),
           ("the market will reach 1.1 trillion pesos by 2027", {"qualifier": "since"}, "qualifier", "'by 2027' (by)"),
           ("since 2012 Mexico has had 5 incidents", {"qualifier": "by", "year": "2012"}, "qualifier", "'since 2012' (since)"),
           ("el mercado llegará a 5 millones para 2027", {"qualifier": "as-of", "year": "2027"}, "qualifier",
            "'para 2027' (by)"),
           # "para finales de" is the year's end, never "since" (the "a finales de" inside it was no match)
           ("la meta de llegar a 350 para finales de 2027", {"qualifier": "since", "year": "2027"}, "qualifier",
            "'para finales de 2027' (at-end-of)")]
    for said, time, key, words in bad:
        problem = _time_disagrees(LineDict({"value": "5", "time": time}), said)
        assert problem is not None and problem[0] == key and words in problem[1], (said, problem)
    # a correction or judgement is the curator's
    assert _time_disagrees(LineDict({"value": "5", "status": "judgement", "time": {"qualifier": "by", "year": "2026"}}),
                           "by 2027") is None


def test_the_reader_finds_the_years_and_qualifiers_written() -> None:
    from kg.figures import qualifiers_written, years_written

    assert years_written("by 2027") == {"2027"}
    assert years_written("the 2017-18 plan, 2019–2020 and 14/04/2026") == {"2017", "2018", "2019", "2020", "2026"}
    assert years_written("2026-04-14, 2,016 firms, 16.2016, US$2016") == {"2026"}  # (a date's year; not figures)
    assert [q[:2] for q in qualifiers_written("para 2027")] == [("by", "2027")]
    assert [q[:2] for q in qualifiers_written("a finales de 2016")] == [("at-end-of", "2016")]  # (not "de 2016": in)
    for words in ("para finales de 2027", "hacia fines de 2027", "a fines del 2027"):
        assert [q[:2] for q in qualifiers_written(words)] == [("at-end-of", "2027")], words
    assert [q[:2] for q in qualifiers_written("Since 2012, annual losses")] == [("since", "2012"), ("per-year", None)]
    assert qualifiers_written("tienen 2016 socios") == []  # ("en 2016" inside a word)
    assert qualifiers_written("desde el 3 de marzo de 2026") == []  # (a date's "de 2026" is no qualifier)


def test_a_rank_with_no_rank_word_is_refused_unless_implied() -> None:
    """"México es el 12 exportador de autos" ranks with no ordinal, place or lugar: refused as explicit, with the way
    out named in the hint; as `status: implied` (the curator's reading, as a correction or judgement is) it passes."""
    quote = "México es el 12 exportador de autos"
    problem = _rank_problem("12 exportador", quote, "12", "es")
    assert problem is not None and problem[0] == "unit" and "`status: implied`" in problem[2], problem
    assert _rank_problem("12 exportador", quote, "12", "es", status="implied") is None
    assert _rank_problem(None, quote, "12", "es", status="implied") is None
