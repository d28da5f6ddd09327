"""Figures and dates as the press writes them, in English and Spanish: the one reader of numbers.

``kg ingest`` drafts observations from what it finds here, and ``kg check`` reads an observation's
``surface`` with it, so a figure a draft proposes and the figure a check accepts are read alike
("mil 377", "79 mil 500 millones", "1.2 billones" = 10^12, US$ and pesos, ranges, ranks, comparators,
multipliers: "creció 3 veces", "se triplicó", "tripled", "threefold", "twice as many" are 3 (or 2) ``times``,
"halved" and "se redujo a la mitad" 0.5);
likewise the years and time qualifiers written around it ("para 2027", "desde 2012"). Why rules
and not a library: see ``kg.ingest``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from kg.rdfio import decimal_text
from kg.yamlio import NON_XML_CHAR


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


# (sentences as `kg ingest` drafts from and `kg check` reads a rank's sentence)
_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]?(?=[\s\u00a0]+[\"“¿¡(A-ZÁÉÍÓÚÑ0-9•])|(?<=[A-Za-záéíóúñ)]{2}\.)(?=[A-ZÁÉÍÓÚÑ][a-z])")
_BULLET = " \t\u00a0•·*–-"


def split_sentences(text: str) -> list[Sentence]:
    """Lines, then sentence ends; a period glued to the next capital ("ICT.Following") is an end too.

    A character XML 1.0 forbids (a stray control character) ends a sentence and belongs to none: a quote
    spanning it is refused by ``kg check``, so no draft may hold one.
    """
    sentences: list[Sentence] = []
    line_start = 0
    for line in text.split("\n"):
        cuts = [0] + [m.end() for m in _SENT_END.finditer(line)] + [len(line)]
        for a, b in zip(cuts, cuts[1:]):
            piece_start = a
            for piece in NON_XML_CHAR.split(line[a:b]):
                lead = len(piece) - len(piece.lstrip(_BULLET))
                seg_text = piece.strip(_BULLET + "\r")
                if seg_text:
                    s = line_start + piece_start + lead
                    sentences.append(Sentence(s, s + len(seg_text), seg_text))
                piece_start += len(piece) + 1
        line_start += len(line) + 1
    return sentences



NUM_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "uno": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16,
    "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "treinta": 30,
    "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100,
}


_DIGITS = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"  # 1,377  4,900.5
           r"|\d{1,3}(?:[ \u00a0]\d{3})+(?![\d,.]\d)"  # 111 000 741 (space-grouped)
           r"|\d+(?:\.\d+)?")
_SCALES_EN = {"thousand": 10**3, "million": 10**6, "millions": 10**6, "billion": 10**9, "billions": 10**9,
              "trillion": 10**12, "bn": 10**9, "mn": 10**6}
_SCALES_ES = {"mil": 10**3, "millón": 10**6, "millon": 10**6, "millones": 10**6, "billón": 10**12, "billon": 10**12,
              "billones": 10**12, "mil millones": 10**9}
_CURRENCY_PREFIX = re.compile(r"(?<![\w$])(?:US\$|U\.S\.\$|USD|U\$S|MX\$|MXN|M\.N\.|\$|€|EUR|Ps\.?)[ \u00a0]?$")
_PREFIX_CODES = {"US$": "USD", "U.S.$": "USD", "USD": "USD", "U$S": "USD", "MX$": "MXN", "MXN": "MXN", "M.N.": "MXN",
                 "€": "EUR", "EUR": "EUR", "Ps": "MXN", "Ps.": "MXN"}
_CURRENCY_SUFFIX = re.compile(
    r"[ \u00a0]+(?:de[ \u00a0]+|of[ \u00a0]+)?(?P<cur>dólares|dolares|dólar|dollars?|pesos|peso|euros?|USD|MXN|EUR|mdp|mdd|mmdp|mmdd)\b"
    r"(?:[ \u00a0]+(?:mexicanos|estadounidenses|americanos|norteamericanos|US|MXN|USD))?", re.IGNORECASE)
_SUFFIX_CODES = {"dólares": "USD", "dolares": "USD", "dólar": "USD", "dollar": "USD", "dollars": "USD", "pesos": "MXN",
                 "peso": "MXN", "euro": "EUR", "euros": "EUR", "usd": "USD", "mxn": "MXN", "eur": "EUR",
                 "mdp": "MXN", "mdd": "USD", "mmdp": "MXN", "mmdd": "USD"}
_SUFFIX_SCALE = {"mdp": 10**6, "mdd": 10**6, "mmdp": 10**9, "mmdd": 10**9}
_PERCENT = re.compile(r"[ \u00a0]*(?:%|[ \u00a0]percent\b|[ \u00a0]per[ \u00a0]cent\b|[ \u00a0]por[ \u00a0]ciento\b|[ \u00a0]porciento\b|[ \u00a0]pct\b)", re.IGNORECASE)

COMPARATORS: list[tuple[str, str]] = [
    (r"more than|over|above|exceeding|in excess of|upwards of|greater than|more then", "more-than"),
    (r"poco más de|más de|mas de|arriba de|por encima de|superior(?:es)? a|mayor(?:es)? a|mayor(?:es)? de|"
     r"(?:sobrepas|super|rebas)(?:a|an|ó|aron|ará|arán)(?:[ \u00a0]+(?:a[ \u00a0]+)?(?:los|las))?|exceed(?:s|ed|ing)?|surpass(?:es|ed)?", "more-than"),
    (r"at least|no less than|not less than|a minimum of|al menos|por lo menos|como mínimo|un mínimo de", "at-least"),
    (r"less than|fewer than|under|below|lower than|menos de|por debajo de|inferior(?:es)? a|menor(?:es)? a", "less-than"),
    (r"up to|at most|as much as|as many as|no more than|not more than|a maximum of|hasta|como máximo|un máximo de", "at-most"),
    (r"about|around|approximately|approx\.|nearly|almost|some|roughly|close to|circa|an estimated|estimated|"
     r"alrededor de|cerca de|casi|aproximadamente|aprox\.|unos|unas|del orden de|en torno a|poco menos de|estimad[oa]s? en", "approximately"),
]
# A Spanish verb of change right before "hasta", with at most its own figure and year between: "crecieron 8.5 por
# ciento en 2025, hasta 28 mil 400 millones" gives the level reached, where "otorga hasta 5 millones" is a ceiling
_CHANGE_TO = re.compile(
    r"\b(?:crec(?:e|en|ió|ieron)|aument(?:a|an|ó|aron)|sub(?:e|en|ió|ieron)|ca(?:e|en|yó|yeron)|baj(?:a|an|ó|aron)|"
    r"disminu(?:ye|yen|yó|yeron)|increment(?:a|an|ó|aron)|avanz(?:a|an|ó|aron)|retroced(?:e|en|ió|ieron)|"
    r"repunt(?:a|an|ó|aron))"
    r"(?:[ \u00a0]+[\d.,]+[ \u00a0]*(?:%|por[ \u00a0]+ciento|puntos(?:[ \u00a0]+porcentuales)?))?"
    r"(?:[ \u00a0]+(?:en|durante)[ \u00a0]+(?:(?:19|20)\d\d|el[ \u00a0]+año|este[ \u00a0]+año|el[ \u00a0]+trimestre))?"
    r"[ \u00a0]*,?[ \u00a0]*$")
_COMPARATOR_RE = [(re.compile(r"(?:^|(?<=[\s\u00a0(]))(?:" + p + r")[ \u00a0]+$", re.IGNORECASE), c) for p, c in COMPARATORS]

ORDINALS_EN = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
               "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
               "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20}
ORDINALS_ES = {"primer": 1, "primero": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercer": 3, "tercero": 3,
               "tercera": 3, "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6,
               "séptimo": 7, "séptima": 7, "septimo": 7, "octavo": 8, "octava": 8, "noveno": 9, "novena": 9,
               "décimo": 10, "décima": 10, "decimo": 10, "undécimo": 11, "duodécimo": 12,
               "decimotercero": 13, "decimocuarto": 14, "decimoquinto": 15, "decimosexto": 16,
               "decimoséptimo": 17, "decimoctavo": 18, "decimonoveno": 19, "vigésimo": 20}
_ORD_WORDS = "|".join(sorted(list(ORDINALS_EN) + list(ORDINALS_ES), key=len, reverse=True))
RANK_NOUNS = r"(?:place|position|spot|rank|lugar|sitio|puesto|posición|posicion|escalón|escalon)"
_RANK_BEFORE = re.compile(rf"(?:{RANK_NOUNS}|ranked|ranks|ranking|ocupa|ocupó|ocupa el lugar)(?:[ \u00a0]+(?:número|number|no\.))?[ \u00a0]+$", re.IGNORECASE)
_RANK_AFTER = re.compile(rf"^(?:[ \u00a0]+(?:[a-z]+[ \u00a0]+)?{RANK_NOUNS}\b)", re.IGNORECASE)
_RANK_NOUN_BEFORE = re.compile(rf"{RANK_NOUNS}(?:[ \u00a0]+(?:número|number|no\.))?[ \u00a0]+$", re.IGNORECASE)  # ("el lugar 12")
RANK_WORD = re.compile(rf"\b(?:{RANK_NOUNS}|ranked)\b", re.IGNORECASE)  # (not "ocupa": "ocupa 3 mil empleados" employs)
# Words that name a rank by themselves, for `kg check` to hold a `unit: rank` surface to ("lugar 12", not "12
# entre"): an ordinal in words or digits ("third", "twenty-first", "tercer", "décima", "decimoquinto", "12th", "3er",
# "12º", "1.ª"), a rank noun ("place", "position", "spot", "ranked", "lugar", "puesto", "sitio", "posición"), a
# rank's number ("No. 1", "No 1", "Nº 3", "number-one", "número uno", "#1"), "top" or a superlative that ranks
# ("largest", "leading", "líder", "mayor", "principal"), "ocupa el 12". A false yes leaves a mistake unseen; a false
# no would refuse a rank: the list leans to yes.
_TENS_EN = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_EN_ORDINAL_ANY = (rf"(?:(?:{_TENS_EN})[- \u00a0]?)?(?:{'|'.join(ORDINALS_EN)})|"
                   r"thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth")
_ES_ORDINAL_ANY = (r"(?:primer|segund|tercer|cuart|quint|sext|s[ée]ptim|octav|noven|d[ée]cim|und[ée]cim|duod[ée]cim|"
                   r"vig[ée]sim|trig[ée]sim|cuadrag[ée]sim|quincuag[ée]sim|sexag[ée]sim|septuag[ée]sim|octog[ée]sim|"
                   r"nonag[ée]sim|cent[ée]sim)(?:o|a|os|as)?|decimo\w+|decima\w+")
RANK_NAMED = re.compile(
    rf"\b(?:{_EN_ORDINAL_ANY}|{_ES_ORDINAL_ANY})\b|"
    r"\d(?:st|nd|rd|th|\.?(?:er|ero|era|ro|ra|do|da|to|ta|vo|va|no|na|mo|ma|avo|ava)s?)\b|\d\.?[ \u00a0]?[ºª°]|"
    r"\b(?:place[sd]?|position(?:s|ed)?|spots?|rank(?:s|ed|ing|ings)?|lugar(?:es)?|sitios?|sitial|puestos?|"
    r"posici[oó]n(?:es)?|escal[oó]n(?:es)?|clasificaci[oó]n)\b|"
    r"\bno\.[ \u00a0]*\d|\b(?-i:No)[ \u00a0]?\d|\bn\.?[º°][ \u00a0]*\d|\bn[úu]m\.[ \u00a0]*\d|#[ \u00a0]?\d|"
    r"\b(?:number|n[úu]mero)[- \u00a0]+(?:\d+|one|uno|una)\b|"
    r"\b(?:top|largest|biggest|highest|lowest|greatest|best|worst|leading|leaders?|leads?|mayor(?:es)?|"
    r"menor(?:es)?|principal(?:es)?|l[íi]der(?:es)?|lidera\w*|mejor(?:es)?|peor(?:es)?|encabez\w*)\b|"
    r"\b(?:ocup|ubic)\w*[ \u00a0]+(?:en[ \u00a0]+)?(?:el|la)[ \u00a0]+\d", re.IGNORECASE)
# Comparator words that bound a figure as well as round it: "nearly 500" is about 500 and below it, "poco más
# de 500" above it and about it; a curator may declare either reading
_COMPARATOR_ALSO = [(re.compile(r"(?:nearly|almost|casi|poco[ \u00a0]+menos[ \u00a0]+de)[ \u00a0]+", re.IGNORECASE),
                     frozenset({"less-than", "at-most"})),
                    (re.compile(r"poco[ \u00a0]+m[áa]s[ \u00a0]+de[ \u00a0]+", re.IGNORECASE), frozenset({"approximately"}))]

TIME_UNITS = {"year", "years", "month", "months", "day", "days", "week", "weeks", "hour", "hours", "minute", "minutes",
              "decade", "decades", "año", "años", "mes", "meses", "día", "días", "dia", "dias", "semana", "semanas",
              "hora", "horas", "minuto", "minutos", "década", "décadas", "quarter", "trimestre", "trimestres"}
STOPWORDS = {"of", "in", "on", "at", "to", "by", "for", "from", "and", "or", "the", "a", "an", "with", "that", "which",
             "is", "are", "was", "were", "will", "has", "have", "had", "than", "as", "per", "into", "over",
             "de", "del", "en", "y", "o", "a", "al", "la", "el", "los", "las", "con", "que", "por", "para", "es",
             "son", "fue", "más", "mas", "se", "su", "sus", "lo", "e", "u", "this", "these", "those", "its", "it"}
NOT_COUNT_BEFORE = {"day", "día", "dia", "edition", "edición", "number", "número", "no", "version", "versión",
                    "phase", "fase", "article", "artículo", "level", "nivel", "page", "página", "chapter", "capítulo",
                    "industry", "industria", "web", "agenda"}


# The time of a figure, as written: ``kg ingest`` drafts an observation's ``time`` from these words and
# ``kg check`` holds a declared qualifier to them (``qualifiers_written``)
TIME_RULES: list[tuple[str, str]] = [
    (r"(?:at the end of|by the end of|al cierre de|(?:para|hacia|a)[ \u00a0]+(?:finales|fines)[ \u00a0]+del?|al final de|a finales de|"
     r"a fin(?:al)?es de|al término de)[ \u00a0]+(?P<y>(?:19|20)\d\d)", "at-end-of"),
    (r"(?:since|desde)[ \u00a0]+(?P<y>(?:19|20)\d\d)", "since"),
    (r"(?:by|para|hacia|para el|al)[ \u00a0]+(?:el[ \u00a0]+año[ \u00a0]+)?(?P<y>(?:19|20)\d\d)", "by"),
    (r"(?:through(?: to)?|until|hasta)[ \u00a0]+(?P<y>(?:19|20)\d\d)", "through"),
    (r"(?:as of|al corte de|a partir de)[ \u00a0]+(?P<y>(?:19|20)\d\d)", "as-of"),
    (r"(?:in|en|during|durante|del|de)[ \u00a0]+(?:(?:the[ \u00a0]+)?(?:first|second|third|fourth)[ \u00a0]+(?:half|quarter)[ \u00a0]+of[ \u00a0]+)?(?P<y>(?:19|20)\d\d)", "in"),
    (r"year-on-year|year on year|over the same period of last year|than the previous year|(?:from|than|compared with) a year (?:earlier|ago)|"
     r"compared with last year|interanual|a tasa anual|respecto al mismo periodo(?: del año anterior)?|(?:respecto|frente|con respecto) al año anterior|"
     r"en comparación con el año anterior|más que el año anterior|que el año anterior", "year-on-year"),
    (r"per year|a year|annual(?:ly)?|anual(?:es|mente)?|al año|por año|each year|cada año", "per-year"),
]
# What a qualifier written with a year may be declared as. The words are loose: "en 2025" is the Spanish of
# "by 2025" in a projection, "de 2017 a 2025" a period through 2025, "by the end of 2016" a deadline at the
# year's end, "a partir de 2020" from 2020 on; "since" is none of the others, and none of them is "since".
QUALIFIER_AGREES: dict[str, frozenset[str]] = {
    "since": frozenset({"since"}),
    "by": frozenset({"by", "through", "at-end-of"}),
    "through": frozenset({"through", "by", "at-end-of"}),
    "at-end-of": frozenset({"at-end-of", "by", "through", "in", "as-of"}),
    "as-of": frozenset({"as-of", "since", "in", "at-end-of"}),
    "in": frozenset({"in", "by", "through", "at-end-of", "as-of"}),
}
_YEAR_WRITTEN = re.compile(r"(?<![\d.,$€])(?P<y>(?:19|20)\d\d)(?:[ \u00a0]*[-–/][ \u00a0]*(?P<z>(?:19|20)?\d\d)(?![-–/.,]?\d))?(?![.,]?\d)")


def years_written(text: str) -> set[str]:
    """The years ``text`` writes: "2016", "2017-2018" and "2017-18" (both), a date's ("14/04/2026"); not
    "2,016" nor "2016.5", which are figures."""
    years: set[str] = set()
    for m in _YEAR_WRITTEN.finditer(text):
        years.add(m.group("y"))
        z = m.group("z")
        if z is not None:
            end = z if len(z) == 4 else m.group("y")[:2] + z
            if end > m.group("y"):  # (a period goes forward: "2026-04" is a month, not 2004)
                years.add(end)
    return years


def qualifiers_written(text: str) -> list[tuple[str, str | None, str]]:
    """The time qualifiers ``text`` writes, each with the year it names (None for per-year and
    year-on-year) and its words: "para 2027" (by, 2027), "a finales de 2016" (at-end-of, 2016, not the "de 2016"
    inside it), "since 2012", "annual". Left out: a word inside another ("tienen 2016"), and a bare "de
    2016" or "del 2012", a date's ("desde el 3 de marzo de 2026") or a period's as often as a year's."""
    hits = [(m.start(), m.end(), qualifier, m.groupdict().get("y")) for pattern, qualifier in TIME_RULES
            for m in re.finditer(pattern, text, re.IGNORECASE)
            if not (m.start() > 0 and text[m.start() - 1].isalnum())]
    # (the longest reading of a stretch: "respecto al año anterior" is year-on-year, not the "al año" in it)
    return [(q, y, text[a:b]) for a, b, q, y in hits
            if not any(o[0] <= a and b <= o[1] and o[1] - o[0] > b - a for o in hits) and not _GENITIVE.match(text, a)]


_GENITIVE = re.compile(r"del?[ \u00a0]", re.IGNORECASE)


@dataclass
class Figure:
    start: int  # of the number (currency prefix and comparator extend it to the left)
    end: int
    value: Decimal
    unit: str | None = None  # USD, MXN, EUR, percent, rank, count, times; None: a bare number so far
    scale_words: tuple[str, ...] = ()
    comparator: str = "exact"
    noun: str | None = None
    is_year: bool = False
    ordinal: bool = False
    rank_cued: bool = False
    notes: list[str] = field(default_factory=list)
    minimum: Decimal | None = None  # a range: value is the maximum
    surface_start: int = 0
    surface_end: int = 0
    factor: Decimal = Decimal(1)  # the multiplier of the scale words: value = base * factor
    word: bool = False  # written as a word ("five")

    @property
    def base(self) -> Decimal:
        return self.value / self.factor

    @property
    def cued(self) -> bool:
        return self.unit is not None or bool(self.scale_words) or self.comparator != "exact" or self.noun is not None


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace(" ", "").replace("\u00a0", ""))


# Multipliers: a factor of change or comparison, never a count of things ("creció 3 veces" is not 3 of
# anything). The unit is ``times`` (ontology/vocab/units.ttl); the value is the factor as written ("2.5 times
# larger" is 2.5: a curator who reads 3.5 marks it ambiguous). Words that are a multiplier by themselves:
_MULTIPLE_WORDS = {"doubl": 2, "tripl": 3, "trebl": 3, "quadrupl": 4, "quintupl": 5,  # (English verb stems)
                   "duplic": 2, "triplic": 3, "cuadruplic": 4, "quintuplic": 5,  # (Spanish verb stems)
                   "doble": 2, "triple": 3, "cuádruple": 4, "cuadruple": 4, "quíntuple": 5, "quintuple": 5,
                   "double": 2, "twice": 2, "treble": 3, "quadruple": 4}
_FOLD_NUMBER = "two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred"
_MULTIPLIER = re.compile(
    # doubled, tripled, trebled, quadrupled (and -ing): the verb alone says the factor
    r"\b(?P<en>doubl|tripl|trebl|quadrupl|quintupl)(?:ed|ing)\b"
    # will double, to triple, could quadruple (the bare verb; "double taxation" is no multiplier)
    r"|\b(?:will|would|to|could|may|might|can|should|must|expected[ \u00a0]+to)[ \u00a0]+(?:more[ \u00a0]+than[ \u00a0]+|nearly[ \u00a0]+|almost[ \u00a0]+)?"
    r"(?P<env>double|triple|treble|quadruple|quintuple)\b"
    # double the number, twice as many, twice the size
    r"|\b(?P<enx>double|triple|twice)(?=[ \u00a0]+(?:as|the|that|those|what|its|their|over)\b)"
    # se duplicó, triplicaron, cuadruplicará, duplicar
    r"|\b(?P<es>duplic|triplic|cuadruplic|quintuplic)(?:ó|o|aron|a|an|ará|arán|aría|arían|ar|ado|ada|ados|adas|ando)\b"
    # el doble, al triple, el cuádruple
    r"|(?<=\b(?:el|al)[ \u00a0])(?P<esx>doble|triple|cuádruple|cuadruple|quíntuple|quintuple)\b"
    # threefold, 3-fold, ten-fold
    rf"|\b(?P<fold>\d+(?:\.\d+)?|{_FOLD_NUMBER})[ \u00a0-]?fold\b"
    # halved, cut in half; will halve, to halve (planned); se redujo a la mitad, cayó a la mitad: a factor of 0.5
    r"|\b(?P<half>halv(?:ed|ing|es)|cut[ \u00a0]+in[ \u00a0]+half|"
    r"(?:cut|fell|fallen|dropped|reduced|declined|decreased|shrank|slashed)[ \u00a0]+by[ \u00a0]+(?:a[ \u00a0]+|one[ \u00a0]+)?half)\b"
    r"|\b(?:will|would|to|could|may|might|can|should|must|expected[ \u00a0]+to)[ \u00a0]+(?:nearly[ \u00a0]+|almost[ \u00a0]+)?"
    r"(?P<halve>halve)\b"
    # (the verb's object may come between: "redujo su plantilla a la mitad"; "en la mitad de los estados" is a share)
    r"|\b(?P<mitad>(?:reduj|reduc|disminu|ca[yí]|baj)\w*(?:[ \u00a0]+(?!a\b)[^\W\d_]+){0,2}?[ \u00a0]+a[ \u00a0]+la[ \u00a0]+mitad)\b(?![ \u00a0]+del?\b)",
    re.IGNORECASE)
# "N times" / "N veces": a factor when a comparison follows ("3 veces más", "2.5 times larger", "three times
# the size") or a verb of change comes before ("creció 3 veces", "se multiplicó por 4", "grew three times");
# else it may say how often ("se reunió tres veces", "met three times a year"): ``Figure.notes`` "how often"
_TIMES_AFTER = re.compile(r"[ \u00a0]+(?:times|veces)\b", re.IGNORECASE)
_TIME_NOUNS = r"(?:semana|mes|año|ano|día|dia|trimestre|semestre|jornada|sesión|sesion|year|week|month|day)"
_COMPARISON_AFTER = re.compile(
    r"[ \u00a0]+(?P<word>more|larger|higher|greater|bigger|faster|smaller|lower|fewer|less|"
    r"más|mas|mayor(?:es)?|menor(?:es)?|menos|superior(?:es)?|inferior(?:es)?)\b"
    rf"|[ \u00a0]+(?:as|the|that|those|what|over|que|lo|respecto|frente|(?:el|la|los|las)(?![ \u00a0]+{_TIME_NOUNS}))\b",
    re.IGNORECASE)
_CHANGE_BEFORE = re.compile(
    r"\b(?:grew|grown|grow|grows|growing|increased?|increases|increasing|rose|risen|rises|jumped|expanded|climbed|"
    r"surged|soared|multiplied|multiplies|fell|dropped|declined|shrank|"
    r"crec\w*|aument\w*|increment\w*|sub(?:ió|io|ieron|e|en)|multiplic\w*|expand\w*|dispar\w*|disminu\w*|"
    r"ca(?:yó|yo|yeron)|baj(?:ó|o|aron)|reduj\w*|reduc\w*)\b[^.;:]{0,40}$", re.IGNORECASE)
_MULTIPLIED_BY = re.compile(r"\b(?:multiplic\w*[ \u00a0]+por|multipl(?:y|ied|ies|ying)[ \u00a0]+by)[ \u00a0]+$", re.IGNORECASE)


# A Spanish multiplier's verb in the future, conditional or infinitive: a change planned, not one that happened
_PLANNED_ES = re.compile(r"^(?:duplic|triplic|cuadruplic|quintuplic)(?:ará|arán|aría|arían|ar)$|"
                         r"^(?:reduc|disminu)(?:irá|irán|iría|irían|ir)\b|^(?:bajará|bajarán|caerá|caerán)\b", re.IGNORECASE)


def _multiplier_value(m: re.Match[str]) -> Decimal:
    """The factor a ``_MULTIPLIER`` match writes (each alternative has one named group: ``m.lastgroup``)."""
    word = m.group(m.lastgroup or "").lower()
    if m.lastgroup in ("half", "halve", "mitad"):
        return Decimal("0.5")
    if m.lastgroup != "fold":
        return Decimal(_MULTIPLE_WORDS[word])
    return Decimal(NUM_WORDS[word]) if word in NUM_WORDS else Decimal(word)


_ES_NUMBER = re.compile(
    rf"(?:(?P<a>{_DIGITS})[ \u00a0]+)?\bmil\b(?:[ \u00a0]+(?P<b>\d{{1,3}})(?![\d,.]\d))?", re.IGNORECASE)
_EN_NUMBER = re.compile(rf"(?<![\w.,$])(?P<n>{_DIGITS})(?![\w])|(?<![\w.,])(?P<n2>\d+)(?P<ord>st|nd|rd|th|º|°|o|a|er|vo)\b|(?<=\$)(?P<n3>{_DIGITS})(?![\w])")
_WORD_NUMBER = re.compile(r"\b(?P<w>" + "|".join(sorted(NUM_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_WORD_ORDINAL = re.compile(rf"\b(?P<w>{_ORD_WORDS})\b", re.IGNORECASE)
YEAR_RANGE = re.compile(r"\b(?:19|20)\d\d[-–/](?:(?:19|20)?\d\d)\b")


def _scale_after(text: str, pos: int, lang: str) -> tuple[int, tuple[str, ...], int]:
    """Scale words right after a number: "million", "mil millones", "billones"; returns (end, words, factor)."""
    words: list[str] = []
    factor = 1
    m = re.match(r"[ \u00a0]*(?:(?P<es>mil[ \u00a0]+millones|millones|millón|millon|billones|billón|billon)|(?P<en>thousand|millions?|billions?|trillion|bn|mn))\b",
                 text[pos:], re.IGNORECASE)
    if m:
        word = re.sub(r"[ \u00a0]+", " ", m.group(0).strip().lower())
        factor = {**_SCALES_EN, **_SCALES_ES}[word]
        words.append(word)
        pos += m.end()
    return pos, tuple(words), factor


@dataclass
class DateFound:
    start: int
    end: int
    surface: str
    iso: str | None  # YYYY-MM-DD when day, month and year are stated
    year: str | None = None
    month: int | None = None


MONTHS_EN = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                             "september", "october", "november", "december"])}
MONTHS_ES = {m: i + 1 for i, m in enumerate(["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                                             "septiembre", "octubre", "noviembre", "diciembre"])}
MONTHS_ES["setiembre"] = 9
_MONTH_EN = "|".join(MONTHS_EN)
_MONTH_ES = "|".join(MONTHS_ES)
_DATE_PATTERNS = [
    re.compile(rf"\b(?P<month>{_MONTH_EN})[ \u00a0]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?[ \u00a0]+(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[ \u00a0]+(?:of[ \u00a0]+)?(?P<month>{_MONTH_EN})(?:,?[ \u00a0]+(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:º|°)?[ \u00a0]+de[ \u00a0]+(?P<month>{_MONTH_ES})(?:[ \u00a0]+(?:de|del)[ \u00a0]+(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE),
    re.compile(rf"\b(?P<month>{_MONTH_ES})[ \u00a0]+(?:de|del)[ \u00a0]+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(rf"\b(?P<month>{_MONTH_EN})[ \u00a0]+(?:of[ \u00a0]+)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(r"\b(?P<day>\d{1,2})/(?P<mnum>\d{1,2})/(?P<year>(?:19|20)\d\d)\b"),  # Mexican order: day/month/year
]


_ABBR = {1: ("jan", "ene"), 2: ("feb",), 3: ("mar",), 4: ("apr", "abr"), 5: ("may",), 6: ("jun",), 7: ("jul",),
         8: ("aug", "ago"), 9: ("sep", "sept", "set"), 10: ("oct",), 11: ("nov",), 12: ("dec", "dic")}
_MONTH_NAMES = "|".join(sorted({*MONTHS_EN, *MONTHS_ES}, key=len, reverse=True))
_ALL_MONTHS = re.compile(rf"\b(?:{_MONTH_NAMES})\b")
_DAY_END = r"(?:\.?[ºo°]|ro\.?|er\.?|st|nd|rd|th)?"  # 1.º, 1o, 1ro., 1er., 1st, 14th
_YEAR_AFTER = re.compile(r"[ \u00a0,]*(?:de(?:l)?[ \u00a0]+)?(\d{4})(?!\d)")


_MONTH_BEFORE = re.compile(rf"\b({_MONTH_NAMES})\.?[ \u00a0]*$")
_MONTH_AFTER = re.compile(rf"{_DAY_END}[ \u00a0]*(?:de[ \u00a0]+)?(?:of[ \u00a0]+)?({_MONTH_NAMES})\b")


def _other_month_beside(low: str, start: int, end: int, month: int) -> bool:
    """Whether the day at [start, end) is written right beside another month's name ("March 3", "3 de mayo")."""
    for found in (_MONTH_BEFORE.search(low, max(0, start - 16), start), _MONTH_AFTER.match(low, end)):
        if found is not None and (MONTHS_EN.get(found.group(1)) or MONTHS_ES.get(found.group(1))) != month:
            return True
    return False


def date_written(iso: str, text: str) -> bool:
    """Whether ``text`` writes the date ``iso`` (YYYY-MM-DD): its day beside its month's name, in English or
    Spanish ("14 de abril", "April 14th", "los días 14, 15 y 16 de abril", "Apr. 14", "1.º de mayo"), in
    numbers ("14/04/2026", "4/14/2026") or as written; a year written right after it must be the date's.
    What keeps the date of a dateline or of another clause off an event whose quote says nothing of it."""
    year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    if iso in text:
        return True
    low = text.lower()
    names = "|".join(sorted((n for n, m in (*MONTHS_EN.items(), *MONTHS_ES.items()) if m == month), key=len, reverse=True))
    abbr = "|".join(_ABBR[month])
    d = rf"(?<!\d)(?P<day>0?{day}){_DAY_END}(?!\d)"
    gap = r"(?:[^\n;\d]{0,8}?\d{1,2}){0,3}[^\n;\d]{0,10}?"  # ("14 al 16 de", "14, 15 y 16 de", "14 de")
    patterns = (rf"{d}{gap}\b(?:{names}|(?:{abbr})\.)(?![a-záéíóúñ])",  # 14 (al 16) de abril
                rf"\b(?:{names}|(?:{abbr})(?:\.|(?=[ \u00a0]*\d)))(?![a-záéíóúñ]){gap}{d}",  # April (12 and) 14
                rf"(?<!\d)0?{day}[/.-]0?{month}[/.-](?:{year}|{year % 100:02d})(?!\d)",  # 14/04/2026
                rf"(?<!\d)0?{month}/0?{day}/(?:{year}|{year % 100:02d})(?!\d)")  # 4/14/2026
    for pattern in patterns:
        for m in re.finditer(pattern, low):
            inner = low[m.start():m.end()]
            if len(_ALL_MONTHS.findall(inner)) > 1:
                continue  # (the day of one date and the month of another: "March 3 and April 14")
            if "day" in m.groupdict() and _other_month_beside(low, m.start("day"), m.end("day"), month):
                continue  # ("del 14 de abril al 3 de mayo": the 3 is May's)
            after = _YEAR_AFTER.match(low, m.end())
            if after is not None and int(after.group(1)) != year:
                continue  # ("14 de abril de 2026" is not 2025-04-14)
            return True
    return False


def month_written(iso: str, text: str) -> bool:
    """Whether ``text`` writes the month ``iso`` (YYYY-MM): its name, in English or Spanish, then its year
    ("marzo de 2026", "March 2026", "Mar. 2026", "en marzo del 2026", a day's "March 3, 2026"), in numbers ("03/2026") or as written."""
    year, month = int(iso[:4]), int(iso[5:7])
    if iso in text:
        return True
    low = text.lower()
    names = "|".join(sorted((n for n, m in (*MONTHS_EN.items(), *MONTHS_ES.items()) if m == month), key=len, reverse=True))
    abbr = "|".join(_ABBR[month])
    patterns = (rf"\b(?:{names}|(?:{abbr})\.)(?![a-záéíóúñ])[ \u00a0,]*(?:\d{{1,2}}{_DAY_END}[ \u00a0,]+)?(?:(?:de(?:l)?|of)[ \u00a0]+)?{year}(?!\d)",
                rf"(?<![\d/])0?{month}/{year}(?!\d)")
    return any(re.search(pattern, low) for pattern in patterns)


def issued_written(value: str, text: str) -> bool:
    """Whether ``text`` writes a release date at its precision: a year (YYYY), a month (YYYY-MM) or a day."""
    if len(value) == 4:
        return value in years_written(text)
    if len(value) == 7:
        return month_written(value, text)
    return date_written(value, text)


def extract_dates(text: str, lang: str) -> list[DateFound]:
    """Calendar dates in either language; ``iso`` only when day, month and year are all written."""
    found: list[DateFound] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            gd = m.groupdict()
            month = None
            if gd.get("month"):
                name = gd["month"].lower()
                if name == "may" and not gd.get("year") and lang == "en":
                    continue  # "may" the verb
                month = MONTHS_EN.get(name) or MONTHS_ES.get(name)
            elif gd.get("mnum"):
                month = int(gd["mnum"])
            year = gd.get("year")
            day = int(gd["day"]) if gd.get("day") else None
            iso = None
            if year and month and day:
                try:
                    iso = datetime.date(int(year), month, day).isoformat()
                except ValueError:
                    continue
            taken.append((m.start(), m.end()))
            found.append(DateFound(m.start(), m.end(), m.group(0), iso, year, month))
    found.sort(key=lambda d: d.start)
    return found


def _left(text: str, pos: int, floor: int, width: int = 40) -> str:
    return text[max(floor, pos - width):pos]


def find_figures(text: str, lang: str, sentence: Sentence, masked: list[tuple[int, int]]) -> list[Figure]:
    """Every number of one sentence with its scale, currency or percent, comparator, noun, rank cue."""
    s0, s1 = sentence.start, sentence.end
    seg = text[:s1]
    figures: list[Figure] = []
    taken: list[tuple[int, int]] = list(masked)

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in taken)

    # 0. Multipliers written as words: "tripled", "se duplicó", "el doble", "threefold", "3-fold".
    for m in _MULTIPLIER.finditer(seg, s0):
        start = m.start(m.lastgroup or 0)
        if free(start, m.end()):
            fig = Figure(start, m.end(), _multiplier_value(m), unit="times", word=True)
            # ("plans to double its program to 200 companies": the level planned is the figure; so "duplicará",
            # "pretende reducir a la mitad")
            if m.group("env") or m.group("halve") or _PLANNED_ES.search(m.group(0)):
                fig.notes.append("planned multiple")
            # (the surface as it reads: "se triplicó", "el doble", "twice as many")
            lead = re.search(r"(?:\b(?:se|el|al)[ \u00a0]+)$", text[s0:start], re.IGNORECASE)
            fig.surface_start = s0 + lead.start() if lead else start
            tail = re.match(r"[ \u00a0]+as[ \u00a0]+(?:many|much|large|big|high|fast)\b", text[m.end():s1], re.IGNORECASE)
            fig.surface_end = m.end() + (tail.end() if tail else 0)
            figures.append(fig)
            taken.append((start, m.end()))
    # 1. Mexican press numbers: "mil 377", "79 mil 500", "3 mil" (and the scale after them).
    if lang == "es" or re.search(r"\bmil\b", text[s0:s1]):
        for m in _ES_NUMBER.finditer(seg, s0):
            if not free(m.start(), m.end()):
                continue
            if m.group("a") is None and m.start() > s0 and re.search(r"\d[ \u00a0]*$", text[s0:m.start()]):
                continue
            a = _decimal(m.group("a")) if m.group("a") else Decimal(1)
            b = _decimal(m.group("b")) if m.group("b") else Decimal(0)
            end, words, factor = _scale_after(seg, m.end(), "es")
            # "3 mil" is 3 thousands (so "3 mil y 5 mil millones" can share the scale); "mil 377" is 1377 units
            base, mil_factor = (a, Decimal(1000)) if b == 0 else (a * 1000 + b, Decimal(1))
            fig = Figure(m.start(), end, base * mil_factor * factor, scale_words=("mil",) + words,
                         factor=mil_factor * factor)
            figures.append(fig)
            taken.append((m.start(), end))
    # 2. Digits, with scale words; ordinals written with digits.
    for m in _EN_NUMBER.finditer(seg, s0):
        if not free(m.start(), m.end()):
            continue
        if m.group("n2"):
            fig = Figure(m.start(), m.end(), Decimal(m.group("n2")), ordinal=True)
            figures.append(fig)
            taken.append((m.start(), m.end()))
            continue
        raw = m.group("n") or m.group("n3")
        end, words, factor = _scale_after(seg, m.end(), lang)
        value = _decimal(raw) * factor
        fig = Figure(m.start(), end, value, scale_words=words, factor=Decimal(factor))
        if re.fullmatch(r"\d{1,3}(?:[ \u00a0]\d{3})+", raw):
            fig.notes.append(f"digits grouped by spaces ({raw!r}): literal reading {decimal_text(_decimal(raw))}; check the source")
        if not words and re.fullmatch(r"(?:19|20)\d\d", raw):
            fig.is_year = True
        figures.append(fig)
        taken.append((m.start(), end))
    # 3. Numbers and ordinals written as words.
    for m in _WORD_ORDINAL.finditer(seg, s0):
        if free(m.start(), m.end()):
            rank = ORDINALS_EN.get(m.group("w").lower()) or ORDINALS_ES.get(m.group("w").lower()) or 0
            figures.append(Figure(m.start(), m.end(), Decimal(rank), ordinal=True))
            taken.append((m.start(), m.end()))
    for m in _WORD_NUMBER.finditer(seg, s0):
        if free(m.start(), m.end()):
            word = m.group("w").lower()
            if word in {"one", "un", "una", "uno", "once"} and word != "once" or (word == "once" and lang == "en"):
                continue  # "one of", "un/una" articles, English "once"
            end, words, factor = _scale_after(seg, m.end(), lang)
            figures.append(Figure(m.start(), end, Decimal(NUM_WORDS[word]) * factor, scale_words=words,
                                  factor=Decimal(factor), word=True))
            taken.append((m.start(), end))
    figures.sort(key=lambda f: f.start)
    for fig in figures:
        _attach(text, fig, sentence, lang)
    return figures


def _attach(text: str, fig: Figure, sentence: Sentence, lang: str) -> None:
    """Currency, percent, multiplier, rank cue, comparator and noun around a number."""
    s0, s1 = sentence.start, sentence.end
    if not (fig.unit == "times" and fig.surface_end):  # (a multiplier word's surface is set where it is found)
        fig.surface_start, fig.surface_end = fig.start, fig.end
    before = text[s0:fig.start]
    # currency written before the number: US$, MX$, $
    pm = _CURRENCY_PREFIX.search(before)
    if pm and not fig.ordinal and fig.unit != "times":
        token = pm.group(0).strip()
        if token == "$":
            fig.unit = "MXN" if lang == "es" else "USD"
            fig.notes.append(f"currency written '$': presumed {fig.unit}")
        else:
            fig.unit = _PREFIX_CODES.get(token, _PREFIX_CODES.get(token.rstrip(".")))
        fig.surface_start = s0 + pm.start()
    after = text[fig.end:s1]
    if not fig.ordinal:
        pc = _PERCENT.match(after)
        if pc and fig.unit is None:
            fig.unit = "percent"
            fig.surface_end = fig.end + pc.end()
        else:
            cm = _CURRENCY_SUFFIX.match(after)
            if cm and (fig.unit is None or fig.unit == _SUFFIX_CODES[cm.group("cur").lower()]):
                cur = cm.group("cur").lower()
                fig.unit = _SUFFIX_CODES[cur]
                if cur in _SUFFIX_SCALE:
                    fig.value *= _SUFFIX_SCALE[cur]
                    fig.factor *= _SUFFIX_SCALE[cur]
                    fig.scale_words += (cur,)
                if cur in {"dollars", "dollar", "dólares", "dolares", "dólar"} and not re.search(r"estadounidenses|US|USD", cm.group(0)):
                    fig.notes.append(f"currency written '{cm.group('cur')}': presumed USD")
                fig.surface_end = fig.end + cm.end()
    # multipliers: "3 veces", "2.5 times larger", "se multiplicó por 4"
    if not fig.ordinal and fig.unit in (None, "times"):
        tm = _TIMES_AFTER.match(text, fig.end, s1)
        by = _MULTIPLIED_BY.search(text[s0:fig.start])
        if tm or by:
            fig.unit = "times"
            if by:
                fig.surface_start = s0 + by.start()
            if tm:
                fig.surface_end = tm.end()
                cmp = _COMPARISON_AFTER.match(text, tm.end(), s1)
                if cmp and cmp.group("word"):
                    fig.surface_end = cmp.end()
                if not (by or cmp or _CHANGE_BEFORE.search(text[s0:fig.start])):
                    fig.notes.append("how often")  # ("se reunió tres veces": a repetition, or a factor unsaid)
    # ranks: "17th place", "lugar 17", "del séptimo al quinto lugar", "ranked 17th"
    if _RANK_AFTER.match(text[fig.end:s1]) or _RANK_BEFORE.search(text[s0:fig.start]):
        if fig.unit is None and (fig.ordinal or _RANK_BEFORE.search(text[s0:fig.start])):
            fig.rank_cued = True
            ra = _RANK_AFTER.match(text[fig.end:s1])
            if ra:
                fig.surface_end = max(fig.surface_end, fig.end + ra.end())
            rb = _RANK_NOUN_BEFORE.search(text[s0:fig.start])
            if rb and not ra:  # ("el lugar 12 entre los países": the rank is "lugar 12", and "entre" counts nothing)
                fig.surface_start = min(fig.surface_start, s0 + rb.start())
    # comparator, written before the (currency and) number
    left = text[s0:fig.surface_start]
    for rx, comp in _COMPARATOR_RE:
        cm2 = rx.search(left)
        if cm2 and comp == "at-most" and cm2.group(0).strip().lower() == "hasta" \
                and _CHANGE_TO.search(left[:cm2.start()]):
            # "crecieron 8.5 por ciento en 2025, hasta 28 mil 400 millones": the level reached, not a ceiling
            fig.notes.append("'hasta' after a verb of change read as the level reached (exact): check it")
            break
        if cm2:
            fig.comparator = comp
            fig.surface_start = s0 + cm2.start()
            break
    if re.match(r"[ \u00a0]+(?:or more|o más|o mas)\b", text[fig.surface_end:s1], re.IGNORECASE):
        fig.comparator = "at-least"
        fig.surface_end += re.match(r"[ \u00a0]+\S+[ \u00a0]+\S+", text[fig.surface_end:s1]).end()  # type: ignore[union-attr]
    # the counted noun: "1,377 members", "84 millones de usuarios", "five new production plants"
    if fig.unit is None and not fig.ordinal and not (fig.rank_cued and _RANK_NOUN_BEFORE.search(text[s0:fig.start])):
        nm = re.match(r"[ \u00a0]+(?:de[ \u00a0]+)?((?:[a-záéíóúñü][\w’'-]*[ \u00a0]+){0,2}[a-záéíóúñü][\w’'-]+)", text[fig.end:s1])
        if nm:
            kept: list[str] = []
            for w in nm.group(1).split():
                if kept and w.lower() in STOPWORDS:
                    break
                kept.append(w)
            first = kept[0].lower()
            if first in TIME_UNITS:
                fig.notes.append("duration")  # "three years", "tres años": a period, not a count
            elif first not in STOPWORDS:
                fig.noun = " ".join(kept)
                fig.surface_end = max(fig.surface_end, text.find(kept[-1], fig.end) + len(kept[-1]))
    prev_word = re.search(r"([\w’'.]+)[ \u00a0]*$", text[s0:fig.start])
    if prev_word and prev_word.group(1).lower() in NOT_COUNT_BEFORE:
        fig.notes.append("label")
    if prev_word and re.fullmatch(r"[A-Z][\w]*", prev_word.group(1)) and fig.unit is None and not fig.scale_words \
            and not re.search(r"[,]", text[fig.start:fig.end]) and prev_word.start() > 0 and fig.comparator == "exact":
        # "Industry 4.0", "Windows 10": a number naming a thing after a capitalised word
        if not _sentence_initial(text, s0, s0 + prev_word.start(1)):
            fig.notes.append("label")
    if re.match(r"[ \u00a0]*[A-ZÁÉÍÓÚÑ][a-záéíóúñ]", text[fig.end:s1]) and fig.unit is None and not fig.scale_words \
            and fig.comparator == "exact" and not fig.ordinal and re.fullmatch(r"\d{1,3}", text[fig.start:fig.end]):
        fig.notes.append("label")  # "38 Convención Nacional": an edition, not a count
    if re.match(r"[-–][\w]", text[fig.end:fig.end + 2]) or re.match(r"[:/]\d", text[fig.end:fig.end + 2]):
        fig.notes.append("label")  # "three-year", "10:30", "24/7"


def _sentence_initial(text: str, s0: int, pos: int) -> bool:
    return not text[s0:pos].strip()


def pair_figures(text: str, figures: list[Figure], s0: int) -> list[Figure]:
    """Ranges ("between A and B", "entre A y B", "A-B%") become one figure; changes ("from 7th to 5th") share units."""
    out: list[Figure] = []
    i = 0
    while i < len(figures):
        a = figures[i]
        b = figures[i + 1] if i + 1 < len(figures) else None
        if b is not None and not a.is_year and not b.is_year and a.ordinal == b.ordinal:
            gap = text[a.end:b.start]
            pre = text[s0:a.surface_start]
            between = re.search(r"(?:between|entre|range of|rango de|de entre)[ \u00a0]+$", pre, re.IGNORECASE)
            joiner = re.fullmatch(r"[ \u00a0]*(?:%|percent|por ciento)?[ \u00a0]+(?:and|y|e|to|a)[ \u00a0]+(?:US\$|MX\$|\$)?", gap, re.IGNORECASE)
            dash = re.fullmatch(r"[ \u00a0]*[-–][ \u00a0]*", gap) and (b.unit == "percent" or b.scale_words)
            change = re.search(r"(?:from|de|del|desde)[ \u00a0]+(?:the[ \u00a0]+|el[ \u00a0]+|lugar[ \u00a0]+|place[ \u00a0]+)?$", pre, re.IGNORECASE) \
                and re.fullmatch(r"[ \u00a0]*(?:%|percent|por ciento)?[ \u00a0]*(?:,)?[ \u00a0]+(?:to|a|al|hasta)[ \u00a0]+(?:the[ \u00a0]+|el[ \u00a0]+)?(?:US\$|MX\$|\$)?", gap, re.IGNORECASE)
            proportion = re.fullmatch(r"[ \u00a0]+(?:out[ \u00a0]+of|of[ \u00a0]+every|in[ \u00a0]+every|de[ \u00a0]+cada|en[ \u00a0]+cada)[ \u00a0]+", gap, re.IGNORECASE)
            if proportion and a.unit is None and b.unit is None and b.value > 0 and not a.scale_words and not b.scale_words:
                share = a.value / b.value * 100
                merged = Figure(a.start, b.end, share, unit="percent", comparator=a.comparator,
                                notes=[f"a proportion ('{text[a.start:b.end]}') recorded as a share in percent"])
                merged.surface_start, merged.surface_end = a.surface_start, max(b.surface_end, b.end)
                out.append(merged)
                i += 2
                continue
            if (between and joiner) or dash:
                _share(a, b)
                if between:
                    start = s0 + between.start()
                else:
                    start = a.surface_start
                merged = Figure(a.start, b.end, b.value, unit=b.unit, scale_words=b.scale_words, comparator="between",
                                noun=b.noun, minimum=a.value, notes=a.notes + b.notes, rank_cued=b.rank_cued)
                merged.surface_start, merged.surface_end = start, max(b.surface_end, b.end)
                out.append(merged)
                i += 2
                continue
            if change:
                _share(a, b)
                a.rank_cued = a.rank_cued or b.rank_cued
                b.rank_cued = b.rank_cued or a.rank_cued
                a.notes.append("change")
                b.notes.append("change")
        out.append(a)
        i += 1
    return out


def _share(a: Figure, b: Figure) -> None:
    """The first of two linked numbers takes the second's unit and scale: "entre 80 y 85 mil millones",
    "between 2 and 3 million", "3 mil y 5 mil millones"; not "between 500 and 1 million" (500 is whole)."""
    if a.unit is None and b.unit is not None:
        a.unit = b.unit
    if a.factor < b.factor and a.base <= b.base * 10:
        ratio = b.factor / a.factor
        a.value *= ratio
        a.factor *= ratio
        a.scale_words += tuple(w for w in b.scale_words if w not in a.scale_words)
    if a.noun is None and b.noun is not None:
        a.noun = b.noun


def keep_figure(fig: Figure) -> bool:
    if fig.is_year and fig.unit is None and fig.comparator == "exact":
        return False
    if {"label", "duration", "how often", "planned multiple"} & set(fig.notes):
        return False
    if fig.ordinal:
        return fig.rank_cued
    if fig.rank_cued:
        return True
    # A bare number ("Of those, 412 were led by women", "to 40 by 2020") is a figure too, unless it is a
    # word number without a noun ("one of", "two of them" stay out: they are rarely figures).
    return fig.cued or "change" in fig.notes or not fig.word


def comparators_written(fig: Figure, text: str) -> frozenset[str]:
    """The comparators the words before ``fig`` (its ``comparator``) allow a curator to declare: "nearly
    500" is about 500 or under it."""
    allowed = {fig.comparator}
    word = text[fig.surface_start:fig.start]
    for rx, also in _COMPARATOR_ALSO:
        if rx.search(word):
            allowed |= also
    return frozenset(allowed)
