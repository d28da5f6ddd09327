"""Draft the facts of a new article (English or Spanish) for a curator to correct.

``kg ingest`` stores the article verbatim, writes its sidecar, and drafts ``data/facts/<id>.yaml``
marked ``review: draft`` with every fact ``status: unreviewed``: the build leaves drafts out until a
curator has checked each fact and marked the file reviewed. The rules here only propose; every
proposal carries the quote it rests on, so a curator can accept or delete it at a glance.

Why hand-written rules for numbers and dates: measured on the seeds and the evaluation sets
(benchmarks/ingest_libraries.py, README section ingest), no maintained library read Mexican press
numbers ("mil 377", "79 mil 500 millones", "1.2 billones" = 10^12), comparators or ranks: quantulum3
is English-only and merges ranges into their mean, price-parser ignores scale words, text2num turns
"mil 377" into "1000 377", and dateparser's search takes bare years for dates. rapidfuzz won for
tolerant name matching (the same scores as difflib, about 70 times faster).
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from kg.config import Paths
from kg.corpus import PER_ADJECTIVES, PER_LEAD, PER_NOT_RATE, PER_NOUNS, PER_TIME_LEAD, _STATISTIC_WORDS, _time_disagrees, \
    fold_with_spans, folded_spans
from kg.errors import DataError, UsageError
from kg.figures import (_BULLET, DateFound, Figure, MONTHS_EN, MONTHS_ES, NUM_WORDS, Sentence, YEAR_RANGE, extract_dates,
                        find_figures, keep_figure, pair_figures, split_sentences, TIME_RULES)
from kg.files import input_file
from kg.iris import CLASS_TO_KIND, iri_problem
from kg.rdfio import decimal_text
from kg.yamlio import dump_yaml, load_yaml, write_atomic

LANGS = ("en", "es")
ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
WS = r"[\s\u00a0]+"  # whitespace in a pattern: articles carry no-break spaces
_WS_RE = re.compile(r"\s+")


# --- text folding ----------------------------------------------------------------------------------------

def fold_char(ch: str) -> str:
    """Accent- and case-insensitive form of one character ('' for combining marks)."""
    if ch in "\u2019\u2018\u02bc":
        return "'"
    if ch.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset of the original character."""
    out: list[str] = []
    back: list[int] = []
    for i, ch in enumerate(text):
        for c in fold_char(ch):
            out.append(c)
            back.append(i)
    return "".join(out), back


def fold(text: str) -> str:
    return _WS_RE.sub(" ", fold_with_map(text)[0]).strip()


def plain(text: str) -> str:
    """Whitespace as one plain space: readable in YAML, and the loader matches quotes whitespace-tolerantly."""
    return _WS_RE.sub(" ", text).strip()


def slugify(text: str, limit: int = 48) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return (slug[:limit].rstrip("-") or "x")


# --- sentences -----------------------------------------------------------------------------------------

def sentence_at(sentences: list[Sentence], offset: int) -> Sentence:
    for s in sentences:
        if s.start <= offset < s.end:
            return s
    return min(sentences, key=lambda s: abs(s.start - offset))


def find_headings(text: str) -> list[str]:
    """Short lines standing alone between blank lines, without final punctuation: section headings."""
    return [h for h, _ in _headings_at(text)]


def _headings_at(text: str) -> list[tuple[str, int]]:
    """Each section heading (as ``find_headings``) with the offset of its line's first character."""
    headings = []
    lines = text.split("\n")
    offset = 0
    for i, line in enumerate(lines):
        at, offset = offset, offset + len(line) + 1
        stripped = line.strip()
        if i == 0 or not stripped or len(stripped) > 80 or stripped[-1] in ".:;,!?\"”’)" or stripped[0] in _BULLET:
            continue
        if not stripped[0].isupper():
            continue
        before = lines[i - 1].strip() if i > 0 else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if before == "" and after == "" and stripped.count(" ") <= 10:
            # (the loader tolerates whitespace; no-break spaces are unreadable)
            headings.append((_WS_RE.sub(" ", stripped), at + len(line) - len(line.lstrip())))
    return headings


def section_entries(text: str) -> list[dict[str, Any]]:
    """The sidecar's ``sections``: each heading, with ``occurrence: N`` when its words occur more than once in the
    text ("Foro Noreste Digital 2026" as a heading and again in a sentence after it), counted as kg check
    locates a heading (whitespace folded, canonically equivalent forms alike)."""
    from kg.corpus import Article  # (a late import: kg.corpus is the loader's)
    article = Article(id="", path=Path(), sidecar=Path(), text=text, sha256="", language="", meta={}, sections=[])
    entries: list[dict[str, Any]] = []
    for heading, at in _headings_at(text):
        entry: dict[str, Any] = {"heading": heading}
        hits = article.spans(heading)
        if len(hits) > 1:
            entry["occurrence"] = next((n for n, (start, _) in enumerate(hits, start=1) if start == at), 1)
        entries.append(entry)
    return entries


def find_title(text: str, dateline: Dateline | None) -> str | None:
    """The headline: the text's first line, standing alone before the dateline's paragraph ("Mexican ICT firms close
    US$310 million in deals at Hannover Messe" over "Mexico City, April 27, 2026.- ..."): the article's own title.
    None without a dateline, or when the first line is the dateline's."""
    if dateline is None:
        return None
    first = re.match(r"[ \t\u00a0]*([^\n]*?)[ \t\u00a0]*\n[ \t\u00a0]*\n", text)
    if first is None or not first.group(1) or first.end() > dateline.date.start or len(first.group(1)) > 200:
        return None
    line = first.group(1)
    if line[-1] in ".:;,-–—" or not line[0].isupper():
        return None
    return _WS_RE.sub(" ", line)


# --- known entities ------------------------------------------------------------------------------------

@dataclass
class KnownEntity:
    id: str
    type: str
    names: list[str]
    acronym: str | None
    organization: str | None = None
    declared_in: Path | None = None  # None: data/entities.yaml
    data: dict[str, Any] = field(default_factory=dict)


def _entity_names(item: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for value in (item.get("name") or {}).values():
        names.append(str(value))
    for values in (item.get("aliases") or {}).values():
        names.extend(str(v) for v in values or [])
    if item.get("acronym"):
        names.append(str(item["acronym"]))
    if item.get("gloss"):
        names.append(str(item["gloss"]))
    seen: set[str] = set()
    unique = []
    for n in names:
        if n not in seen:
            seen.add(n)
            unique.append(n)
    return unique


def _known(item: dict[str, Any], declared_in: Path | None) -> KnownEntity:
    return KnownEntity(id=str(item["id"]), type=str(item.get("type", "Entity")), names=_entity_names(item),
                       acronym=str(item["acronym"]) if item.get("acronym") else None,
                       organization=str(item["organization"]) if item.get("organization") else None,
                       declared_in=declared_in, data=dict(item))


def load_known_entities(paths: Paths, *, exclude_article: str | None = None) -> tuple[list[KnownEntity], list[str]]:
    """Entities of data/entities.yaml and of every reviewed fact file (but ``exclude_article``'s), and warnings."""
    known: list[KnownEntity] = []
    warnings: list[str] = []
    if paths.entities_file.exists():
        doc = load_yaml(paths.entities_file) or {}
        for item in doc.get("entities") or []:
            if isinstance(item, dict) and item.get("id"):
                known.append(_known(item, None))
    ids = {k.id for k in known}
    if paths.facts.is_dir():
        for path in sorted(paths.facts.glob("*.yaml")):
            if path.stem == exclude_article:
                continue
            try:
                doc = load_yaml(path)
            except DataError as err:
                warnings.append(f"skipped {path.name}: {err.one_line()}")
                continue
            if not isinstance(doc, dict) or doc.get("review") != "reviewed":
                continue
            for item in doc.get("entities") or []:
                if isinstance(item, dict) and item.get("id") and item["id"] not in ids:
                    known.append(_known(item, path))
                    ids.add(str(item["id"]))
    return known, warnings


# --- mentions of known entities -----------------------------------------------------------------------

PARTICLES = {"de", "la", "del", "las", "los", "y", "van", "von", "da", "di", "le"}


def _person_variants(name: str) -> list[str]:
    """Shorter forms a news text uses for a person: without the second surname, or surnames alone."""
    tokens = name.split()
    variants = []
    if len(tokens) >= 3:
        variants.append(" ".join(tokens[:-1]))  # Mario de la Cruz (Sarabia)
        rest = tokens[1:]
        content = [t for t in rest if t.lower() not in PARTICLES]
        if len(content) >= 2 or (rest and rest[0].lower() in PARTICLES):
            variants.append(" ".join(rest))  # Guajardo Villarreal, de la Cruz Sarabia
        if len(tokens) >= 4 and tokens[1].lower() in PARTICLES:
            variants.append(" ".join(tokens[1:-1]))  # de la Cruz
    # a variant ends on a name, not a particle ("Mario de la"), and keeps one name at least
    return [v for v in variants if len(v) >= 6 and v.split()[-1].lower() not in PARTICLES
            and any(t.lower() not in PARTICLES for t in v.split())]


@dataclass
class NameMatch:
    start: int
    end: int
    entity: str
    form: str
    score: float  # 100 for exact matches


def _is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z0-9&]{2,10}", name))


def _capitals_agree(form: str, written: str) -> bool:
    """A capitalised word of the name is capitalised in the text too (or the text is all capitals):
    "State of Mexico" is not "the state of Mexico’s economy"; "Canieti" and "CANIETI" still agree."""
    if written.isupper():
        return True
    pairs = zip(form.split(), written.split())
    return all(not f[:1].isupper() or w[:1].isupper() for f, w in pairs)


_OWNER = re.compile(r"[ \u00a0]+(?:of|de|del)[ \u00a0]+(?:(?:the|la|el)[ \u00a0]+)?"
                    r"([A-ZÁÉÍÓÚÑ][\w’'-]*(?:[ \u00a0]+[A-ZÁÉÍÓÚÑ][\w’'-]*)*)")
_POSSESSOR = re.compile(r"([A-ZÁÉÍÓÚÑ][\w-]*)[’']s[ \u00a0]+$")
# a post's own body named by a common noun ("the National President of the Chamber")
BODY_WORDS = {"organismo", "organization", "organisation", "camara", "chamber", "institucion", "institution",
              "agrupacion", "asociacion", "association", "confederacion", "confederation", "dependencia", "instituto",
              "institute", "body"}


def other_owner(owner: str, organization_names: Iterable[str], national: set[str]) -> bool:
    """Whether ``owner`` (a post's possessor or "of" complement) makes a post other than a known one of the same
    name: not its organization, nor a body named by a common noun, nor the country (a national post)."""
    name = fold(owner)
    if not name or name.split()[0] in BODY_WORDS or name in national:
        return False
    return not any(n.startswith(name) or name.startswith(n) for n in organization_names)


def national_names(known: Iterable[KnownEntity]) -> set[str]:
    """The folded names of the known countries: a post owned by one is the national post."""
    return {fold(n) for k in known if k.type == "Country" for n in k.names}


def _owned_elsewhere(text: str, start: int, end: int, organization_names: list[str], national: set[str],
                     bodies: Iterable[tuple[int, int]] = ()) -> bool:
    """Whether a known post's name has another owner before or after it: "Secretary of Economy of Nuevo León" and
    "Jalisco's Secretary of Economy" are a state's post, not the known (federal) "Secretary of Economy"; "president of
    Canieti Noreste" is the post of a body named after its organization (one of ``bodies``), not of the organization."""
    after = _OWNER.match(text, end)
    before = _POSSESSOR.search(text, max(0, start - 40), start)
    if after is not None and any(a < after.end(1) and after.start(1) < b for a, b in bodies):
        return True
    return any(m is not None and other_owner(m.group(1), organization_names, national) for m in (after, before))


# words that make "government" one government, not the unnamed collective: "the state government", "federal
# government", "el gobierno estatal" (a body; see state_government_mentions)
_ONE_GOVERNMENT_BEFORE = re.compile(r"\b(?i:state|federal|municipal|local|city|county)[ \u00a0]+$")
_ONE_GOVERNMENT_AFTER = re.compile(r"[ \u00a0]+(?i:estatal|federal|municipal|local|del[ \u00a0]+estado)\b")
# words that make a known post's name another post: "vice president", "deputy director", "former president"
_BESIDE_POST = re.compile(r"(?i:\b(?:vice|deputy|under|assistant|associate|acting|honorary|former|ex))[ \u00a0-]+$")


def find_mentions(text: str, known: list[KnownEntity], *, blocked: Iterable[tuple[int, int]] = (),
                  fuzzy_threshold: float = 90.0) -> list[NameMatch]:
    """Known entities named in ``text``: exact after folding case and accents, then fuzzy for long names.

    Short acronyms (SE) must match in their case, and collective actors (industry, academia) only as
    written in lower case, so that "se" in Spanish or "Industry 4.0" are not taken for them. ``blocked``: spans
    of other names ("Canieti Noreste"): nothing inside them is a match, and a known post's name followed by one
    ("president of Canieti Noreste") is another body's post.
    """
    from rapidfuzz import fuzz

    folded, back = fold_with_map(text)
    found: list[NameMatch] = []
    long_names: list[tuple[KnownEntity, str, str]] = []
    names_of = {k.id: [fold(n) for n in k.names] for k in known}
    national = national_names(known)
    for ent in known:
        forms = list(ent.names)
        if ent.type == "Person":
            for name in list(forms):
                forms.extend(v for v in _person_variants(name) if v not in forms)
        for form in forms:
            if ent.type in ("CollectiveActor", "Post") or (_is_acronym(form) and len(form) <= 3):
                pattern = r"(?<![\w])" + re.escape(form).replace(r"\ ", WS) + r"(?![\w])"
                for m in re.finditer(pattern, text):
                    if ent.type == "Post" and _BESIDE_POST.search(text, max(0, m.start() - 20), m.start()):
                        continue  # "vice president", "Vice-President", "deputy director": another post
                    if ent.type == "CollectiveActor" and fold(form) in ("government", "governments", "gobierno") and (
                            _ONE_GOVERNMENT_BEFORE.search(text, max(0, m.start() - 20), m.start())
                            or _ONE_GOVERNMENT_AFTER.match(text, m.end())):
                        continue  # "the state government": one government, not the unnamed collective
                    if ent.type != "Post" or not _owned_elsewhere(text, m.start(), m.end(),
                                                                   names_of.get(ent.organization or "", []), national,
                                                                   blocked):
                        found.append(NameMatch(m.start(), m.end(), ent.id, m.group(0), 100.0))
                continue
            ff = fold(form)
            if not ff:
                continue
            pattern = r"(?<![\w])" + re.escape(ff).replace(r"\ ", " +") + r"(?![\w])"
            for m in re.finditer(pattern, folded):
                s, e = back[m.start()], back[m.end() - 1] + 1
                if _capitals_agree(form, text[s:e]):
                    found.append(NameMatch(s, e, ent.id, text[s:e], 100.0))
            if len(ff.split()) >= 3 and len(ff) >= 15:
                long_names.append((ent, ff, form))
    # Fuzzy: windows of words about as long as a long name ("Entrepreneurship" for "Entrepreneurs").
    words = [(m.start(), m.end()) for m in re.finditer(r"[\w'-]+", folded)]
    for ent, ff, original in long_names:
        n = len(ff.split())
        for size in (n - 1, n, n + 1):
            if size < 2:
                continue
            for i in range(0, len(words) - size + 1):
                a, b = words[i][0], words[i + size - 1][1]
                window = folded[a:b]
                if abs(len(window) - len(ff)) > max(4, len(ff) // 6):
                    continue
                score = fuzz.ratio(window, ff, score_cutoff=fuzzy_threshold)
                if score and score < 100 and re.findall(r"\d+", window) == re.findall(r"\d+", ff):  # "38th" is not "37th"
                    s, e = back[a], back[b - 1] + 1
                    if _capitals_agree(original, text[s:e]):
                        found.append(NameMatch(s, e, ent.id, text[s:e], score))
    # A fuzzy window over an exact match of the same entity is that match with a word more or less
    # ("... de la Información (Canieti" for the full name): the exact one stands.
    exact = [(m.start, m.end, m.entity) for m in found if m.score >= 100]
    found = [m for m in found if m.score >= 100 or not any(m.start < e and s < m.end and m.entity == ent for s, e, ent in exact)]
    # Longest, then exact, first; drop matches overlapping a better one or a blocked span.
    found.sort(key=lambda m: (-(m.end - m.start), -m.score, m.start))
    taken: list[tuple[int, int]] = list(blocked)
    accepted: list[NameMatch] = []
    for nm in found:
        if any(nm.start < e and s < nm.end for s, e in taken):
            continue
        taken.append((nm.start, nm.end))
        accepted.append(nm)
    accepted.sort(key=lambda nm: nm.start)
    return accepted


# --- candidate new entities --------------------------------------------------------------------------

CONNECTORS = {"of", "the", "and", "for", "in", "on", "de", "del", "la", "las", "los", "el", "y", "e", "para", "en", "a", "&"}
ARTICLES = {"the", "la", "el", "los", "las"}
_CAP_TOKEN = re.compile(r"[A-ZÁÉÍÓÚÑÜ][\w’'.&-]*|[A-Z]{2,}")
_TOKEN = re.compile(r"[\w’'&.-]+|,")

TYPE_HINTS: list[tuple[str, str]] = [
    (r"\b(universit|universidad|institut[oe] tecnol|polytechnic|politécnico|colegio)", "University"),
    (r"\b(chamber|cámara|camara)\b", "IndustryChamber"),
    (r"\b(confederation|confederación|confederacion)\b", "Confederation"),
    (r"\b(police|policía|policia|guardia)\b", "SecurityBody"),
    (r"\b(ministry|secretariat|secretaría|secretaria de|commission|comisión|agency|agencia|council|consejo|"
     r"coordination|coordinación|presidency|presidencia|government|gobierno|instituto federal|office)\b", "GovernmentBody"),
    (r"\b(institute|instituto)\b", "PublicInstitute"),
    (r"\b(fund|fondo|fideicomiso)\b", "Fund"),
    (r"\b(program|programa)\b", "Program"),
    (r"\b(platform|plataforma)\b", "Platform"),
    (r"\b(strategy|estrategia)\b", "Strategy"),
    (r"\b(agreement|treaty|tratado|acuerdo|convenio)\b", "Agreement"),
    (r"\b(s\.?a\.?|inc\.?|corp|company|compañía|group|grupo|technologies|tecnologías|systems|sistemas)\b", "Company"),
]


def guess_type(name: str) -> str:
    low = name.lower()
    for pattern, cls in TYPE_HINTS:
        if re.search(pattern, low):
            return cls
    return "Organization"


@dataclass
class Candidate:
    start: int
    end: int
    name: str
    type: str
    acronym: str | None = None
    quote_span: tuple[int, int] | None = None
    note: str | None = None
    parent: str | None = None  # (a body its text names as part of a known one)
    ident: str | None = None  # (its id when not its name's: a regional body's, "canieti-noreste" of "Canieti Sede Noreste")
    key: str | None = None  # (candidates of one key are one entity, each other name an alias: "Canieti Noreste")
    block: tuple[int, int] | None = None  # (the words that are no mention of a known entity, when not start..end)
    whole: tuple[int, int] | None = None  # (all the words that name it, a known name inside them: a party's)


def _name_before(text: str, end: int, floor: int) -> tuple[int, str] | None:
    """The capitalised name that ends at ``end`` (before a parenthesis), walking back over connectors."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, floor, end)]
    chosen: list[tuple[int, int, str]] = []
    i = len(tokens) - 1
    while i >= 0 and len(chosen) < 14:
        s, e, tok = tokens[i]
        low = tok.lower()
        if tok == ",":
            # "Cámara Nacional de la Industria Electrónica, de Telecomunicaciones": a comma inside a name
            if chosen and chosen[-1][2].lower() in {"de", "of", "del"} and i > 0 and _CAP_TOKEN.fullmatch(tokens[i - 1][2]):
                chosen.append(tokens[i])
                i -= 1
                continue
            break
        if _CAP_TOKEN.fullmatch(tok):
            chosen.append(tokens[i])
        elif low in ARTICLES:
            prev = tokens[i - 1][2].lower() if i > 0 else ""
            if prev in {"of", "de", "del"} and chosen:
                chosen.append(tokens[i])
            else:
                break
        elif low in CONNECTORS and chosen:
            prev = tokens[i - 1][2] if i > 0 else ""
            if low in {"and", "y", "e"} and not _CAP_TOKEN.fullmatch(prev):
                break
            chosen.append(tokens[i])
        else:
            break
        i -= 1
    while chosen and (chosen[-1][2].lower() in CONNECTORS or chosen[-1][2] == ","):
        chosen.pop()
    while chosen and (chosen[0][2].lower() in CONNECTORS or chosen[0][2] == ","):
        chosen.pop(0)
    if not chosen:
        return None
    start = chosen[-1][0]
    # "The" opening a sentence is not part of the name; "CANIETI and the ..." stops at "the" above.
    name = text[start:chosen[0][1]]
    return start, name


_PAREN_ACRONYM = re.compile(r"\(([A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑáéíóúñ&]{1,11})\)")


def find_acronym_candidates(text: str, sentences: list[Sentence]) -> list[Candidate]:
    """Names written with an acronym in parentheses: "the National Council of Science and Technology (CONACYT)"."""
    out = []
    for m in _PAREN_ACRONYM.finditer(text):
        acr = m.group(1)
        uppers = sum(1 for c in acr if c.isupper())
        if uppers < 2 and not (len(acr) >= 4 and acr[0].isupper() and acr[1:].islower()):
            continue
        sent = sentence_at(sentences, m.start())
        found = _name_before(text, m.start(), sent.start)
        if not found:
            continue
        start, name = found
        if len(name.split()) < 2 or not any(c.islower() for c in name):
            continue
        # A name's words start with the acronym's letters often enough; a mere capitalised word does not.
        out.append(Candidate(start, m.end(), name, guess_type(name), acronym=acr, quote_span=(start, m.end())))
    return out


# A known organization's name followed by a region or a state names another body, a regional one ("Canieti
# Noreste", "CANIETI Northeast", "Canieti Sede Occidente", "Canieti Nuevo León"): not a mention of the organization
REGION_WORDS = {"noreste", "noroeste", "norte", "sur", "sureste", "suroeste", "occidente", "oriente", "centro", "bajio",
                "golfo", "pacifico", "peninsular", "northeast", "northwest", "north", "south", "southeast", "southwest",
                "west", "east", "western", "eastern", "northern", "southern"}
_BRANCH_AFTER = re.compile(r"[ \u00a0]+(?P<pre>(?i:sede|regi[óo]n|region|cap[íi]tulo|chapter|delegaci[óo]n|secci[óo]n|zona|zone)"
                           r"[ \u00a0]+(?:(?:de|del|la)[ \u00a0]+)*)?(?P<words>[A-ZÁÉÍÓÚÑ][\w’'-]*(?:[ \u00a0]+(?:(?:de|del|la)"
                           r"[ \u00a0]+)*[A-ZÁÉÍÓÚÑ][\w’'-]*){0,3})")
_NON_SPACE = re.compile(r"[^ \u00a0]+")
_ACRONYM_AFTER = re.compile(r"[ \u00a0]*\((?P<acronym>[^()\n]{2,12})\)")  # ("... de la Información (Canieti) Sede Noreste")
NOT_ORGANIZATION = ("Person", "Post", "CollectiveActor", "City", "Country", "State", "Region", "Place", "Event", "Convention")


def find_regional_bodies(text: str, known: list[KnownEntity]) -> list[tuple[Candidate, KnownEntity]]:
    """Names of other bodies made of a known organization's name and a region or state, each with that organization."""
    places = {fold(n) for k in known if k.type in ("State", "Region") for n in k.names}
    known_names = {fold(n) for k in known for n in k.names}
    folded, back = fold_with_map(text)
    out: list[tuple[Candidate, KnownEntity]] = []
    for ent in known:
        if ent.type in NOT_ORGANIZATION:
            continue
        for form in ent.names:
            ff = fold(form)
            if len(ff) < 3:
                continue
            for m in re.finditer(r"(?<![\w])" + re.escape(ff).replace(r"\ ", " +") + r"(?![\w])", folded):
                s, e = back[m.start()], back[m.end() - 1] + 1
                # the organization's full name and its acronym, then the region: "La Cámara Nacional de la Industria
                # Electrónica, ... (Canieti) Sede Noreste" is the regional body, written "Canieti Sede Noreste"
                acronym = _ACRONYM_AFTER.match(text, e)
                if acronym is not None and fold(acronym.group("acronym")) not in {fold(n) for n in ent.names}:
                    acronym = None
                after = _BRANCH_AFTER.match(text, acronym.end() if acronym else e)
                if after is None or not _capitals_agree(form, text[s:e]):
                    continue
                spans = [(w.start(), w.end() - (2 if re.search(r"[’']s$", w.group(0)) else 0))  # ("Noreste’s")
                         for w in _NON_SPACE.finditer(text, after.start("words"), after.end("words"))]
                words = [text[a:b] for a, b in spans]
                cut = next((k for k in range(len(words), 0, -1)
                            if fold(" ".join(words[:k])) in places or (k == 1 and fold(words[0]) in REGION_WORDS)), 0)
                if not cut or cut < len(words) and (words[cut].lower() in ("de", "del", "la") or words[cut].startswith("Americ")):
                    continue  # (a longer name: "CANIETI Centro de Capacitación", "CANIETI North American ...")
                end = spans[cut - 1][1]
                first = acronym.start() if acronym else s  # (its words from the acronym on, the full name a mention)
                named = acronym.group("acronym") if acronym else text[s:e]
                name = plain(named + text[after.start():end])
                if fold(name) in known_names or any(first < c.end and c.start < end for c, _ in out):
                    continue  # (a known body of that name is a mention of it)
                region = " ".join(words[:cut])
                c = Candidate(first, end, name, guess_type(name), quote_span=(first, end),
                              key=f"{ent.id}:{fold(region)}", whole=(s, end))
                if acronym:
                    c.block, c.ident = (after.start("words"), end), slugify(f"{named} {region}")
                out.append((c, ent))
    return sorted(out, key=lambda x: x[0].start)


# The 32 federal entities of Mexico, each with the names the press writes (Spanish and English; accents are folded
# when compared): a state's ministry or government needs its place known, and these are known whether or not the
# corpus declares them ("la Secretaría de Economía de Sonora"). "México" alone is the country, never a state.
MEXICAN_STATES: dict[str, tuple[str, ...]] = {
    "aguascalientes": ("Aguascalientes",),
    "baja-california": ("Baja California",),
    "baja-california-sur": ("Baja California Sur",),
    "campeche": ("Campeche",),
    "chiapas": ("Chiapas",),
    "chihuahua": ("Chihuahua",),
    "ciudad-de-mexico": ("Ciudad de México", "Mexico City", "CDMX", "Distrito Federal"),
    "coahuila": ("Coahuila", "Coahuila de Zaragoza"),
    "colima": ("Colima",),
    "durango": ("Durango",),
    "guanajuato": ("Guanajuato",),
    "guerrero": ("Guerrero",),
    "hidalgo": ("Hidalgo",),
    "jalisco": ("Jalisco",),
    "estado-de-mexico": ("Estado de México", "State of Mexico", "Mexico State", "Edomex"),
    "michoacan": ("Michoacán", "Michoacán de Ocampo"),
    "morelos": ("Morelos",),
    "nayarit": ("Nayarit",),
    "nuevo-leon": ("Nuevo León",),
    "oaxaca": ("Oaxaca",),
    "puebla": ("Puebla",),
    "queretaro": ("Querétaro", "Querétaro de Arteaga"),
    "quintana-roo": ("Quintana Roo",),
    "san-luis-potosi": ("San Luis Potosí",),
    "sinaloa": ("Sinaloa",),
    "sonora": ("Sonora",),
    "tabasco": ("Tabasco",),
    "tamaulipas": ("Tamaulipas",),
    "tlaxcala": ("Tlaxcala",),
    "veracruz": ("Veracruz", "Veracruz de Ignacio de la Llave"),
    "yucatan": ("Yucatán",),
    "zacatecas": ("Zacatecas",),
}
_STATE_NAMES = frozenset(fold(n) for names in MEXICAN_STATES.values() for n in names)


def state_places(known: Iterable[KnownEntity]) -> set[str]:
    """The folded names of the places a ministry may belong to: the known states, cities and regions, and the Mexican
    states (MEXICAN_STATES); not a country, whose ministry is the national one."""
    return {fold(n) for k in known if k.type in ("State", "City", "Region") for n in k.names} | _STATE_NAMES


# A government named by its place ("the Government of Jalisco", "el Gobierno de Nuevo León", "the state government of
# Jalisco", "el gobierno del Estado de Jalisco") and a ministry of a state ("la Secretaría de Economía de Nuevo León",
# "the Ministry of Economy of Jalisco", "Jalisco's Secretariat of Economic Development", "Nuevo León's Economy
# Ministry"): a candidate organization, and the ministry no mention of the federal one of its first words. Lower case
# "gobierno de" only before a known place ("el gobierno de Enrique Peña Nieto" is no body)
_PLACE_NAME = r"[A-ZÁÉÍÓÚÑ][\w’'-]*(?:[ \u00a0]+(?:(?:de|del|la)[ \u00a0]+)?[A-ZÁÉÍÓÚÑ][\w’'-]*){0,3}"
_GOVERNMENT = re.compile(
    r"(?<![\w])(?P<name>(?:(?:[Ss]tate|[Ff]ederal|[Mm]unicipal|[Ll]ocal)[ \u00a0]+)?(?P<word>[Gg]overnment|[Gg]obierno)"
    r"(?:[ \u00a0]+(?:[Ee]statal|[Ff]ederal|[Mm]unicipal|[Ll]ocal))?[ \u00a0]+(?:of|de|del)[ \u00a0]+"
    r"(?:(?:the[ \u00a0]+[Ss]tate[ \u00a0]+of|[Ee]stado[ \u00a0]+de|la[ \u00a0]+[Cc]iudad[ \u00a0]+de)[ \u00a0]+)?"
    rf"(?P<place>{_PLACE_NAME}))")
# (a ministry's words: capitalised, joined by "y"/"and", or a list of plain words that "y"/"and" closes:
# "Secretaría de Innovación, Ciencia y Tecnología"; not acronyms nor other bodies: "Secretaría de Economía, Canieti y
# Gobierno de Jalisco")
_CAP_WORD = r"[A-ZÁÉÍÓÚÑ][\w’'-]*"
_LIST_WORD = r"(?!Gobierno|Government|Secretar|Ministr)[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+\b"
_MINISTRY = (r"(?:Secretar[íi]a|Secretariat|Ministry)[ \u00a0]+(?:de|of|del)[ \u00a0]+(?:(?:la|el|the)[ \u00a0]+)?"
             rf"(?:{_LIST_WORD}(?:,[ \u00a0]+{_LIST_WORD}){{1,3}},?[ \u00a0]+(?:y|and|e)[ \u00a0]+{_LIST_WORD}"
             rf"|{_CAP_WORD}(?:[ \u00a0]+(?:(?:y|and|e)[ \u00a0]+)?{_CAP_WORD}){{0,3}})")
_STATE_MINISTRY = re.compile(
    rf"(?<![\w])(?P<name>(?P<body>{_MINISTRY})[ \u00a0]+(?:of|de|del)[ \u00a0]+"
    r"(?P<state>(?:(?:the[ \u00a0]+)?[Ss]tate[ \u00a0]+of|[Ee]stado[ \u00a0]+de|(?:la[ \u00a0]+)?[Cc]iudad[ \u00a0]+de)"
    r"[ \u00a0]+)?"
    rf"(?P<place>{_CAP_WORD}(?:[ \u00a0]+(?:(?:de|del|la|de[ \u00a0]+la)[ \u00a0]+)?{_CAP_WORD}){{0,4}}))")
# the English possessive: "Jalisco's Secretariat of Economic Development", "the State of Mexico's Ministry of
# Economy", "Nuevo León's Economy Ministry" (the place is the longest known one ending at "'s": not "In Jalisco"); its
# words run on over "and" ("Ministry of Science and Technology"), not into an acronym or another owner ("Nuevo León's
# Ministry of Economy and CANIETI", "... and Jalisco's Ministry of Economy"; a known name: see find_government_bodies)
_NOT_AFTER_AND = r"(?![A-ZÁÉÍÓÚÑ]{2,}\b)(?![A-ZÁÉÍÓÚÑ][\w-]*(?:[ \u00a0]+[A-ZÁÉÍÓÚÑ][\w-]*)*[’'])"
_POSSESSIVE_MINISTRY = re.compile(
    r"(?<![\w’'-])(?P<place>[A-ZÁÉÍÓÚÑ][\w-]*(?:[ \u00a0]+(?:(?:of|de|del|la|de[ \u00a0]+la)[ \u00a0]+)?"
    r"[A-ZÁÉÍÓÚÑ][\w-]*){0,4})[’']s[ \u00a0]+"
    r"(?P<body>(?:Secretariat|Ministry)[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?"
    rf"(?:{_LIST_WORD}(?:,[ \u00a0]+{_LIST_WORD}){{1,3}},?[ \u00a0]+and[ \u00a0]+{_LIST_WORD}|"
    rf"[A-ZÁÉÍÓÚÑ][\w-]*(?:[ \u00a0]+(?:and[ \u00a0]+{_NOT_AFTER_AND})?[A-ZÁÉÍÓÚÑ][\w-]*){{0,3}})"
    r"|(?:[A-ZÁÉÍÓÚÑ][\w-]*[ \u00a0]+){1,3}(?:Ministry|Secretariat)\b)")
# a government by its place's possessive: "Jalisco's government", "Nuevo León's state government", "Mexico's federal
# government" (the Government of Jalisco; not "Jalisco's government officials", "... government's program")
_POSSESSIVE_GOVERNMENT = re.compile(
    r"(?<![\w’'-])(?P<place>[A-ZÁÉÍÓÚÑ][\w-]*(?:[ \u00a0]+(?:(?:of|de|del|la|de[ \u00a0]+la)[ \u00a0]+)?"
    r"[A-ZÁÉÍÓÚÑ][\w-]*){0,4})[’']s[ \u00a0]+"
    r"(?P<body>(?:(?:[Ss]tate|[Ff]ederal|[Mm]unicipal|[Ll]ocal|[Cc]ity)[ \u00a0]+)?[Gg]overnment)\b"
    r"(?![’'-]|[ \u00a0]+(?i:of|officials?|secretary|secretaries|spokes\w*|ministers?|agenc(?:y|ies)|offices?|"
    r"programs?|programmes?|employees|workers|sources)\b)")
# a state's government named by no place: "the state government", "el gobierno estatal", "el Gobierno del Estado"
_STATE_GOVERNMENT = re.compile(r"(?<![\w’'])(?:[Ss]tate[ \u00a0]+[Gg]overnment|[Gg]obierno[ \u00a0]+(?:estatal|del[ \u00a0]+[Ee]stado))"
                               r"(?![\w’'])(?![ \u00a0]+(?:of|de)\b)")
_CONNECTOR = re.compile(r",?[ \u00a0]+(?:and|y|e)[ \u00a0]+|,[ \u00a0]+")
_WORD_END = re.compile(r"[\w’'-]+")


def _state_of_ministry(text: str, m: re.Match[str], places: set[str]) -> tuple[int, int] | None:
    """Where the state of a ministry's match is (the longest known place its words start with, after "Estado de" /
    "the State of" / "la Ciudad de" if written), or None: "México" alone is the country's, not a state's."""
    state = m.group("state") or ""
    lead = re.sub(r"^(?:the|la)[ \u00a0]+", "", state)
    for w in reversed(list(_WORD_END.finditer(text, m.start("place"), m.end("place")))):
        place = text[m.start("place"):w.end()]
        if fold(lead + place) in places or fold(place) in places:
            return (m.start("state") if state else m.start("place")) + len(state) - len(lead), w.end()
    return None


def _possessive_state(text: str, m: re.Match[str], places: set[str]) -> int | None:
    """Where the place of "<place>'s <ministry>" starts: the longest known place that ends at the "'s"."""
    for w in _WORD_END.finditer(text, m.start("place"), m.end("place")):
        if fold(text[w.start():m.end("place")]) in places:
            return w.start()
    return None


def find_government_bodies(text: str, known: list[KnownEntity]) -> list[tuple[Candidate, tuple[int, int]]]:
    """Governments named by their place and ministries of a known state or city: candidates, each with the span of
    words that must be no mention (all but the place: "Secretaría de Economía" of Nuevo León's is not the federal
    one, "state government" not the collective government)."""
    states = state_places(known)
    places = states | national_names(known)  # (a government of a country too: "el gobierno de México")
    known_names = {fold(n) for k in known for n in k.names}
    # (start, end, what it is, the words that are no mention)
    found = [(m.start("name"), m.end("name"), "candidate government body (a government named by its place)",
              (m.start("name"), m.start("place")))
             for m in _GOVERNMENT.finditer(text)
             if not (m.group("word").islower() and fold(m.group("place")) not in places)]
    ministry = "candidate government body of {} (not the federal ministry of the same name)"
    for m in _STATE_MINISTRY.finditer(text):
        where = _state_of_ministry(text, m, states)
        if where is not None:
            found.append((m.start("name"), where[1], ministry.format(plain(text[where[0]:where[1]])),
                          (m.start("body"), m.end("body"))))
    for m in _POSSESSIVE_MINISTRY.finditer(text):
        start = _possessive_state(text, m, states)
        if start is None:
            continue
        end = m.end("body")  # (not on into a known name: "Jalisco's Ministry of Economy and Canieti", ", Canieti and")
        end = next((j.start() for j in _CONNECTOR.finditer(text, m.start("body"), end)
                    if any(fold(text[j.end():end]).startswith(n) for n in known_names)), end)
        found.append((start, end, ministry.format(plain(text[start:m.end("place")])), (m.start("body"), end)))
    out = [(Candidate(start, end, plain(text[start:end]), "GovernmentBody", quote_span=(start, end),
                      note=f"{what}: check its name and whether it is already known"), no_mention)
           for start, end, what, no_mention in found
           if fold(text[start:end]) not in known_names]  # (a known government is a mention of it)
    for m in _POSSESSIVE_GOVERNMENT.finditer(text):
        start = _possessive_state(text, m, places)
        name = f"Government of {plain(text[start:m.end('place')])}" if start is not None else ""
        if start is None or fold(name) in known_names or any(start < c.end and c.start < m.end() for c, _ in out):
            continue
        written = plain(text[start:m.end()])
        out.append((Candidate(start, m.end(), name, "GovernmentBody", quote_span=(start, m.end()), whole=(start, m.end()),
                              note=f"candidate government body (a government named by its place's possessive: "
                                   f"'{written}'): check its name and whether it is already known"),
                    (m.start("body"), m.end("body"))))
    return out


# --- posts, people and tenures -------------------------------------------------------------------------

POST_WORDS_EN = (r"(?:national\s+|vice[\s-]?|executive\s+|general\s+|former\s+|outgoing\s+|deputy\s+|under)?"
                 r"(?:president|secretary|director(?:\s+general)?|head|rector|ceo|chairman|chairwoman|chair|"
                 r"coordinator|commissioner|governor|minister|founder|partner|manager|chief\s+\w+\s+officer|"
                 r"undersecretary|titular|leader|spokesperson|spokesman)")
POST_WORDS_ES = (r"(?:vice)?(?:presidente|presidenta|secretario|secretaria|subsecretario|subsecretaria|director|directora|"
                 r"titular|jefe|jefa|rector|rectora|coordinador|coordinadora|comisionado|comisionada|gobernador|gobernadora|"
                 r"fundador|fundadora|socio|socia|gerente|líder|lider|vocero|vocera|consejero|consejera)")
POST_WORD = rf"(?i:{POST_WORDS_EN}|{POST_WORDS_ES})"
_NAME_TOKEN = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:-[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"
_PARTICLE = r"(?:de|la|del|los|las|y|van|von)"
PERSON_NAME = rf"(?-i:{_NAME_TOKEN}(?:[ \u00a0]+(?:{_PARTICLE}[ \u00a0]+)*{_NAME_TOKEN}){{1,4}})"
NOT_PERSON_WORDS = {  # capitalised words that start a clause or name a body, never a person
    "the", "national", "chamber", "institute", "council", "ministry", "secretary", "president", "mexico", "méxico",
    "cámara", "instituto", "consejo", "secretaría", "universidad", "university", "industry", "industria", "annual",
    "convention", "convención", "during", "durante", "according", "según", "además", "moreover", "also", "in", "en",
    "el", "la", "los", "las", "this", "that", "lunes", "martes", "monday", "tuesday", "enero", "january",
}

# "X, POST of ORG," and "ORG's POST, X,"
_APPOSITION = re.compile(
    rf"(?P<person>{PERSON_NAME}),[ \u00a0]+(?P<post>(?:(?i:the|el|la|its|su)[ \u00a0]+|[A-Z][\w]*[’']s[ \u00a0]+)?"
    rf"{POST_WORD}\b[^,.;:\n“”\"]{{0,120}}?)(?=,|\.(?:\s|$)|;|\n|$| (?:said|says|stated|noted|highlighted|announced|dijo|afirmó|señaló|indicó|destacó|anunció|explicó|aseguró|comentó)\b)")
# (a post's words never run over "by"/"por": "represented by its president and by Jalisco's Secretary of Economic
# Development, X" is X's post "Jalisco's Secretary of Economic Development", not "president and by Jalisco's ...")
_POST_FIRST = re.compile(
    rf"(?P<post>(?:[A-Z][\w]*[’']s[ \u00a0]+)?(?:(?i:el|la|the)[ \u00a0]+)?{POST_WORD}\b"
    rf"(?:(?![ \u00a0](?i:by|por)[ \u00a0])[^,.;:\n]){{0,80}}?),[ \u00a0]+(?P<person>{PERSON_NAME})(?=,|\.|;| )")


_OUTGOING = re.compile(r"[ \u00a0]+(?i:saliente)\b|\b(?i:outgoing)[ \u00a0]+")  # (the post's holder until its new one)
_OWNER_WRITTEN = re.compile(r"(?:(?i:the|el|la)[ \u00a0]+)?([^\s’']+)[’']s\b|")  # (as written: "Jalisco" of "Jalisco’s")
_POSSESSIVE_BEFORE = re.compile(r"[’']s[ \u00a0]+$")  # ("the Electronics Chamber's | president")
_POST_VOCAB = re.compile(rf"^{POST_WORD}$|^(?:national|nacional|general|ejecutivo|ejecutiva|executive|adjunto|adjunta|interino|interina)$", re.IGNORECASE)


def trim_post(post: str) -> str:
    """Keep the post's own words: "its National President this week" -> "its National President"."""
    tokens = post.split()
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        bare = tok.strip("()")
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if bare[:1].isupper() or _POST_VOCAB.match(bare) or tok.startswith("("):
            kept.append(tok)
        elif not kept and bare.lower() in {"the", "its", "el", "la", "su", "new", "nuevo", "nueva"}:
            kept.append(tok)
        elif bare.lower() in CONNECTORS and kept and (nxt[:1].isupper() or nxt.lower() in ARTICLES | {"de", "of"}):
            kept.append(tok)
        else:
            break
        i += 1
    while kept and kept[-1].lower() in CONNECTORS:
        kept.pop()
    return " ".join(kept) if kept else post


def shorter_name(short: str, long: str) -> bool:
    """Whether ``short`` is a shorter form of the person's name ``long``: its words (particles aside, two at least)
    are some of the longer name's, in order ("Héctor Salinas", "Salinas Garza" of "Héctor Salinas Garza")."""
    words = [t for t in fold(short).split() if t not in PARTICLES]
    whole = [t for t in fold(long).split() if t not in PARTICLES]
    rest = iter(whole)
    return 2 <= len(words) < len(whole) and all(t in rest for t in words)  # (in order: `in` consumes the iterator)


def _clean_person(name: str) -> str | None:
    tokens = name.split()
    while tokens and tokens[0].lower() in NOT_PERSON_WORDS:
        tokens.pop(0)
    if len([t for t in tokens if t.lower() not in PARTICLES]) < 2:
        return None
    if any(t.lower() in NOT_PERSON_WORDS and t.lower() not in PARTICLES for t in tokens):
        return None
    return " ".join(tokens)


TENURE_PATTERNS: list[tuple[str, str]] = [
    # (pattern, kind) -- kind: reelection | appointment | assumes
    (rf"re-?elect(?:ion|ed|s)?[ \u00a0]+(?:of[ \u00a0]+)?(?P<person>{PERSON_NAME})[ \u00a0]+as[ \u00a0]+(?P<post>[^,.;\n]{{3,100}}?)(?=,|\.|;|\n|$| during| for| at| in )", "reelection"),
    (rf"(?:reeligi[óo]|reelige|reelegir[áa])[ \u00a0]+a[ \u00a0]+(?P<person>{PERSON_NAME})[ \u00a0]+como[ \u00a0]+(?P<post>[^,.;\n]{{3,100}}?)(?=,|\.|;|\n|$| durante| para| por| en )", "reelection"),
    (rf"reelecci[óo]n[ \u00a0]+de[ \u00a0]+(?P<person>{PERSON_NAME})[ \u00a0]+como[ \u00a0]+(?P<post>[^,.;\n]{{3,100}}?)(?=,|\.|;|\n|$| durante| para| por| en )", "reelection"),
    (rf"(?P<person>{PERSON_NAME})[ \u00a0]+(?:was|has[ \u00a0]+been|is|will[ \u00a0]+be)[ \u00a0]+(?:re-?elected|re-?appointed)[ \u00a0]+(?:as[ \u00a0]+)?(?P<post>[^,.;\n]{{3,100}}?)(?=,|\.|;|\n|$| during| for| at| in | on )", "reelection"),
    (rf"(?P<person>{PERSON_NAME})[ \u00a0]+fue[ \u00a0]+reelect[oa][ \u00a0]+(?:como[ \u00a0]+)?(?P<post>[^,.;\n]{{3,100}}?)(?=,|\.|;|\n|$| durante| para| por| en | el )", "reelection"),
    (rf"(?P<person>{PERSON_NAME})[ \u00a0]+(?:was|has[ \u00a0]+been|is|will[ \u00a0]+be)[ \u00a0]+(?:appointed|named|elected|designated|sworn[ \u00a0]+in)[ \u00a0]+(?:as[ \u00a0]+)?(?:the[ \u00a0]+new[ \u00a0]+|the[ \u00a0]+|new[ \u00a0]+)?(?P<post>[^,.;\n]{{3,100}}?)(?=,|\.|;|\n|$| during| for| at| in | on )", "appointment"),
    (rf"(?:appointed|named|elected)[ \u00a0]+(?P<person>{PERSON_NAME})[ \u00a0]+as[ \u00a0]+(?:the[ \u00a0]+new[ \u00a0]+|the[ \u00a0]+|its[ \u00a0]+|new[ \u00a0]+)?(?P<post>[^,.;\n]{{3,100}}?)(?=,|\.|;|\n|$| during| for| at| in | on )", "appointment"),
    (rf"(?P<person>{PERSON_NAME})[ \u00a0]+(?:fue|ha[ \u00a0]+sido|será|sera)[ \u00a0]+(?:nombrad[oa]|designad[oa]|elegid[oa]|elect[oa]|ratificad[oa])[ \u00a0]+(?:como[ \u00a0]+)?(?:nuev[oa][ \u00a0]+)?(?P<post>[^,.;\n]{{3,140}}?)(?=,|\.|;|\n|$| durante| para| por| en | el | y )", "appointment"),
    (rf"(?:nombr[óo]|design[óo]|eligi[óo])[ \u00a0]+a[ \u00a0]+(?P<person>{PERSON_NAME})[ \u00a0]+como[ \u00a0]+(?:nuev[oa][ \u00a0]+)?(?P<post>[^,.;\n]{{3,100}}?)(?=,|\.|;|\n|$| durante| para| por| en )", "appointment"),
    (rf"(?P<person>{PERSON_NAME})[ \u00a0]+(?:will[ \u00a0]+)?(?:assume[sd]?|take[s]?|took)[ \u00a0]+(?:the[ \u00a0]+)?(?P<post>presidency|office|post|chair)(?:[ \u00a0]+(?:of|as)[ \u00a0]+(?P<org>[^,.;\n]{{3,80}}?))?(?=,|\.|;|\n|$| on | for | in )", "assumes"),
    (rf"(?P<person>{PERSON_NAME})[ \u00a0]+(?:asumirá|asumira|asumió|asumio|asume|tomará[ \u00a0]+protesta[ \u00a0]+como|rindió[ \u00a0]+protesta[ \u00a0]+como)[ \u00a0]+(?:la[ \u00a0]+|el[ \u00a0]+)?(?P<post>presidencia|cargo|[^,.;\n]{{3,80}}?)(?:[ \u00a0]+de[ \u00a0]+(?:la[ \u00a0]+|el[ \u00a0]+)?(?P<org>[^,.;\n]{{3,80}}?))?(?=,|\.|;|\n|$| el | a partir| por | para | en )", "assumes"),
]

# A title written right before a name, with no comma, and the name then speaking: "Undersecretary of Foreign Trade
# Fernando Ríos Almada said ...", "Secretary of Economy Ildefonso Guajardo said" (where the title's words end and the
# name's begin is read in _title_split)
_TITLE_THEN_NAME = re.compile(
    r"(?<![\w’'-])(?P<all>(?-i:[A-Z][a-z]+)(?:[ \u00a0]+(?:(?:of|for|the|and)[ \u00a0]+)*(?-i:[A-ZÁÉÍÓÚÑ][\w’'-]*)){2,9})"
    r"[ \u00a0]+(?=(?:said|says|told|noted|added|explained|announced|stated|warned|recalled|stressed)\b)")
# capitalised words that end a body's name in a title ("of Foreign Trade", "of Economy"), never a given name
_BODY_NOUNS = {"trade", "economy", "commerce", "industry", "affairs", "development", "innovation", "technology",
               "finance", "labor", "labour", "energy", "education", "health", "state", "relations", "communications",
               "transport", "agriculture", "security", "science", "interior", "defense", "welfare", "treasury",
               "exports", "investment", "tourism", "environment", "infrastructure", "digital", "policy", "planning"}


def _title_split(words: str) -> tuple[str, str] | None:
    """("Undersecretary of Foreign Trade", "Fernando Ríos Almada") of "Undersecretary of Foreign Trade Fernando Ríos
    Almada": a title (a post's word first) then a name of three words (or two, when the third is a body's word:
    "Secretary of Economy Ildefonso Guajardo"); None when no split fits."""
    if not re.match(rf"{POST_WORD}\b", words):
        return None
    tokens = words.split()
    for n in (3, 2):
        if len(tokens) <= n:
            continue
        title, name = tokens[:-n], tokens[-n:]
        if len(title) < 2 or title[-1].lower() in {"of", "for", "the", "and"} or name[0].lower() in _BODY_NOUNS | NOT_PERSON_WORDS:
            # (a bare "President" names no body: "President Claudia Sheinbaum" is left to the curator)
            continue
        if not re.fullmatch(PERSON_NAME, " ".join(name)) or not re.fullmatch(rf"{POST_WORD}\b.*", " ".join(title)):
            continue
        return " ".join(title), " ".join(name)
    return None


# A successor's predecessor in the post: "succeeding Jorge Luis Méndez", "replacing X", "en sustitución de Héctor
# Salinas Garza", "en lugar de X", "quien sustituye a X" (not "succeeding years", no name)
_PREDECESSOR = re.compile(
    rf"\b(?:succeeding|replacing|who[ \u00a0]+(?:replaces|succeeds)|in[ \u00a0]+place[ \u00a0]+of|"
    rf"en[ \u00a0]+(?:sustituci[óo]n|substituci[óo]n|lugar|relevo)[ \u00a0]+de|(?:sustituyendo|sucediendo|relevando)[ \u00a0]+a|"
    rf"quien[ \u00a0]+(?:sustituye|sucede|releva|reemplaza)[ \u00a0]+a)[ \u00a0]+(?P<person>{PERSON_NAME})", re.IGNORECASE)
# the predecessor's start, in a clause about them right after the name: ", who led the regional office since 2022"
_SINCE_RELATIVE = re.compile(r",[ \u00a0]+(?:who|quien)[ \u00a0]+[^,.;\n]{0,80}?\b(?:since|desde)[ \u00a0]+(?:el[ \u00a0]+)?"
                             r"(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_DURATION = re.compile(
    r"(?:for|por)[ \u00a0]+(?:a|an|un|una|the|el|la)?[ \u00a0]*(?:(?P<n1>\d+|[a-záéíóú]+)[ -](?P<u1>year|month)[ \u00a0-]+(?:period|term)"
    r"|(?:period|term|periodo|período|lapso)[ \u00a0]+(?:of|de)[ \u00a0]+(?P<n2>\d+|[a-záéíóú]+)[ \u00a0]+(?P<u2>years?|months?|años|meses|año|mes)"
    r"|(?P<n3>\d+|[a-záéíóú]+)[ \u00a0]+(?P<u3>years|años|months|meses))",
    re.IGNORECASE)
_PERIOD = re.compile(r"(?:for|para|por|during|durante|in)[ \u00a0]+(?:the|el|la)?[ \u00a0]*(?:period[ \u00a0]+(?:of[ \u00a0]+)?|periodo[ \u00a0]+|período[ \u00a0]+|term[ \u00a0]+)?(?P<a>(?:19|20)\d\d)[-–/](?P<b>(?:19|20)?\d\d)(?:[ \u00a0]+(?:period|term))?", re.IGNORECASE)


# --- time and kind of an observation -------------------------------------------------------------

# A capitalised name ending in an event word (English), or an event word followed by a capitalised name (Spanish)
_CAP = r"[A-ZÁÉÍÓÚÑ0-9][\w’'.-]*"
_NAMED_EVENT = re.compile(
    rf"(?<![\w])(?:{_CAP}[ \u00a0]+){{1,6}}(?:Forum|Summit|Congress|Expo|Fair|Messe|Convention|Assembly|Conference|Meeting|Week)\b(?:[ \u00a0]+(?:19|20)\d\d\b)?"
    rf"|(?<![\w])(?:Foro|Cumbre|Congreso|Expo|Feria|Convención|Asamblea|Encuentro|Semana|Conferencia)"
    rf"(?:[ \u00a0]+(?:(?:de|del|de la|para|y)[ \u00a0]+)?{_CAP})+")
# A name and a year with no event word, where a delegation goes or someone travels: "will take a second delegation to
# CES 2027 in Las Vegas", "viajará a CES 2027", "a delegation of 40 firms to GITEX Global 2026" (not any name and year:
# "Plan México 2030", "Vision 2030"; nor a month: "to January 2027")
_MONTH_WORDS = "|".join(m.capitalize() for m in (*MONTHS_EN, *MONTHS_ES))
_TRIP_EVENT = re.compile(
    r"\b(?P<verb>(?:delegation|delegación|delegacion|mission|misión|trip|viaje|travel(?:s|led|ed|ing)?|viaj(?:a|ó|an|aron|ará|arán)|"
    r"fly|flew|head(?:s|ed)?)\b[^.;:\n]{0,60}?\b(?:to|a|al))[ \u00a0]+(?:the[ \u00a0]+|la[ \u00a0]+|el[ \u00a0]+)?"
    rf"(?P<name>(?!(?:{_MONTH_WORDS})\b)(?:[A-ZÁÉÍÓÚÑ][\w&.-]*[ \u00a0]+){{1,4}}(?:19|20)\d\d)\b(?![-–/]\d)")
_TRIP_PLANNED = re.compile(r"\b(?:will|plans?[ \u00a0]+to|is[ \u00a0]+to|va[ \u00a0]+a|van[ \u00a0]+a|\w+(?:ará|arán))\b",
                           re.IGNORECASE)
_LEAD_WORDS = ("The|At|In|During|Last|This|Next|A|An|On|For|From|El|La|Los|Las|En|Durante|Al|Del|Este|Esta|"
               "Próxima|Próximo|Pasada|Pasado|Última|Último")
# legislatures and holidays named like events
_NOT_EVENT = re.compile(r"(?:(?:US|U\.S\.|Mexican|Federal|State|Local|National)[ \u00a0]+Congress|"
                        r"Congreso[ \u00a0]+(?:de[ \u00a0]+la[ \u00a0]+Unión|del[ \u00a0]+Estado|de[ \u00a0]+la[ \u00a0]+Ciudad|"
                        r"Local|Federal|Estatal|de[ \u00a0]+[A-ZÁÉÍÓÚÑ][\w]*$)|"
                        r"Asamblea[ \u00a0]+(?:Nacional|Legislativa)|Semana[ \u00a0]+Santa|Holy[ \u00a0]+Week)\b")
# A name with an event word that names a venue, a place, not an event: "at the Guadalajara Expo center", "en el
# recinto Expo Guadalajara" (not "the Northeast Digital Industry Forum, held at ...")
_VENUE_AFTER = re.compile(r"[ \u00a0]+(?i:cent(?:er|re)|hall|(?:fair)?grounds|venue|building|complex|arena|auditorium|"
                          r"pavilion|park)\b")
_VENUE_BEFORE = re.compile(r"\b(?i:recinto(?:[ \u00a0]+ferial)?|centro[ \u00a0]+de[ \u00a0]+(?:convenciones|exposiciones|eventos)|"
                           r"instalaciones[ \u00a0]+de|auditorio|sal[óo]n|explanada[ \u00a0]+de)[ \u00a0]+(?:(?:de|del|la|el)[ \u00a0]+)*$")
# an event's venue, right after it in its sentence: "en el Centro de Convenciones Cintermex", "at the Cintermex
# Convention Center"
_VENUE = re.compile(r"\b(?:en|at|in)[ \u00a0]+(?:el|la|the)[ \u00a0]+(?P<venue>(?:Centro[ \u00a0]+de[ \u00a0]+(?:Convenciones|"
                    r"Exposiciones|Eventos)|Recinto[ \u00a0]+Ferial|Auditorio|Palacio[ \u00a0]+de[ \u00a0]+(?:Convenciones|"
                    r"los[ \u00a0]+Deportes)|Expo)(?:[ \u00a0]+(?:de[ \u00a0]+)?[A-ZÁÉÍÓÚÑ][\w’'-]*)+|"
                    r"(?:[A-ZÁÉÍÓÚÑ][\w’'-]*[ \u00a0]+){1,4}(?:Convention|Exhibition|Conference|Congress)[ \u00a0]+Cent(?:er|re))")
_ORGANIZE_BEFORE = re.compile(r"\b(?:organiz(?:arán|ará|an|a|aron|ó|e|es|ed)|will[ \u00a0]+organi[sz]e|co-?organi[sz]\w*)"
                              r"[ \u00a0]+(?:(?:el|la|los|las|the)[ \u00a0]+)?$", re.IGNORECASE)
# a Spanish future ("invertirá", "se destinarán"): read in the figure's own clause only, since a sentence often
# joins a reported figure to a future clause ("exportó 80 mil millones, según la Secretaría, que presentará ...")
_FUTURE_ES = re.compile(r"\b\w+(?:ará|erá|irá|arán|erán|irán)\b")
_FUTURE = re.compile(r"\b(?:will|would|expected|expects|forecast|projected|is set to|alcanzará|alcanzaran|alcanzarán|crecerá|crecerán|llegará|llegarán|sumará|sumarán|habrá|se espera|espera que|prevé|proyecta|será|serán|by (?:19|20)\d\d|para (?:19|20)\d\d)\b", re.IGNORECASE)
# A relative clause set off by a comma ("..., which will host the forum", "..., a number that will double", "..., una
# cifra que", "..., cifra que"), or a clause reported beside the figure's (", y que la meta es llegar a ... para 2020"):
# its future is not the figure's before it, nor its time ("by 2030": see _time_of)
_RELATIVE = re.compile(r"[,;][ \u00a0]+(?:(?:y|e|and)[ \u00a0]+)?"
                       r"(?:(?:a|an|the|this|una?|esta|este|la|el|lo|los|las)[ \u00a0]+(?:[^\W\d_]+[ \u00a0]+)?"
                       r"|(?:cifra|monto|n[úu]mero|cantidad|suma|porcentaje)[ \u00a0]+)?"
                       r"(?:which|that|who|whose|where|que|quien(?:es)?|cual(?:es)?|donde)\b"
                       # (a part of what was named: ", 60 percent of which will be provided", ", la mitad de los cuales")
                       r"|[,;][ \u00a0]+(?:[\w%$.]+[ \u00a0]+){1,3}(?:of[ \u00a0]+(?:which|whom)|"
                       r"de[ \u00a0]+(?:los|las|el|la|lo)[ \u00a0]+cual(?:es)?)\b", re.IGNORECASE)
# the present, right before the figure ("currently at about 300 companies", "actualmente hay 300 empresas")
_CURRENT = re.compile(r"\b(?:currently|presently|at[ \u00a0]+present|today|actualmente|en[ \u00a0]+la[ \u00a0]+actualidad|"
                      r"hoy[ \u00a0]+en[ \u00a0]+d[íi]a|al[ \u00a0]+d[íi]a[ \u00a0]+de[ \u00a0]+hoy)\b", re.IGNORECASE)


_PERFECT = re.compile(r"\b(?:have|has)[ \u00a0]+(?:already[ \u00a0]+|now[ \u00a0]+)?(?!been[ \u00a0]+(?:expected|projected|forecast))"
                      r"[a-z]+(?:ed|en|wn|un|ne)\b|\b(?:han|ha)[ \u00a0]+(?:ya[ \u00a0]+)?[a-záéíóú]+(?:ado|ido|ito|cho)\b", re.IGNORECASE)


def _projected(text: str, fig: Figure, sentence: Sentence) -> bool:
    """Whether a future word ("will", "by 2030", _FUTURE) is the figure's: not in a relative clause set off after it
    ("300 companies, a number that will double") or closed before it ("The institute, which will host the forum,
    has 300 members"), nor past a present word right before the figure ("currently at about 300 companies and will
    double"; but "is currently expected to reach 300" is a projection)."""
    start, end = _clause_span(text, sentence, fig.surface_start, fig.surface_end)
    if _PERFECT.search(text, fig.surface_end, end) and not _FUTURE.search(text, start, end):
        return False  # (its own clause reports what has happened: "will take a delegation, and that 60 companies
        # have already registered")
    now = [m for m in _CURRENT.finditer(text, max(start, fig.surface_start - 60), fig.surface_start)]
    for m in _FUTURE.finditer(text, sentence.start, sentence.end):
        if now and not (now[-1].end() <= m.start() < fig.surface_start):
            continue
        if m.start() >= fig.surface_end and _RELATIVE.search(text, fig.surface_end, m.start()):
            continue
        if m.end() <= fig.surface_start:
            opened = list(_RELATIVE.finditer(text, sentence.start, m.start()))
            if opened and not re.search(r"[,;]", text[opened[-1].end():m.start()]) \
                    and re.search(r"[,;]", text[m.end():fig.surface_start]):
                continue
        return True
    return False


_WITH_PHRASE = re.compile(r"[ \u00a0]*(?:con|with)[ \u00a0]", re.IGNORECASE)


def _future_phrase(text: str, sentence: Sentence, fig: Figure) -> bool:
    """Whether the figure stands in a phrase with "con"/"with" and no verb of its own, set off after a clause that
    writes a future ("la URN abrirá en agosto una maestría ..., con un cupo inicial de 60 estudiantes"): that future's."""
    start, end = _clause_span(text, sentence, fig.surface_start, fig.surface_end)
    if not _WITH_PHRASE.match(text, start) or not text[start - 1:start] == ",":
        return False
    if _FUTURE_ES.search(text, start, end) or _FUTURE.search(text, start, end) or _PERFECT.search(text, start, end):
        return False
    before, _ = _clause_span(text, sentence, start - 1, start - 1)
    return bool(_FUTURE_ES.search(text, before, start) or _FUTURE.search(text, before, start))


def _future_in_relative(text: str, start: int, end: int) -> bool:
    """Whether a relative clause opens in text[start:end] and writes a future before ``end`` ("..., a number that will
    double", "..., cifra que se duplicará")."""
    opened = _RELATIVE.search(text, start, end)
    return opened is not None and bool(_FUTURE.search(text, opened.end(), end)
                                       or _FUTURE_ES.search(text, opened.end(), end))


def _in_closed_relative(text: str, floor: int, start: int, end: int, limit: int) -> bool:
    """Whether text[start:end] stands in a relative clause that opened after ``floor`` and closes (a comma or a
    semicolon) before ``limit`` ("The chamber, which was founded in 1936, has ...")."""
    opened = list(_RELATIVE.finditer(text, floor, start))
    return bool(opened) and not re.search(r"[,;]", text[opened[-1].end():start]) \
        and bool(re.search(r"[,;]", text[end:limit]))


# An event the sentence announces for later: a candidate for `event_status: planned`
_PLANNED = re.compile(r"\b(?:will (?:be held|take place|run|open|start|begin|gather)|is (?:scheduled|set) (?:for|to)|upcoming|"
                      r"next (?:week|month|year)|se (?:realizará|llevará a cabo|celebrará|efectuará|inaugurará)|"
                      r"tendrá lugar|próxim[oa]s?)\b", re.IGNORECASE)
_HELD = re.compile(r"\b(?:was held|were held|held (?:on|in|at|last|(?:january|february|march|april|may|june|july|august|"
                   r"september|october|november|december) \d)|took place|celebrad[oa]|realizad[oa]|se realizó|"
                   r"se llevó a cabo|tuvo lugar|clausur\w+|inauguró|inaugurated)\b", re.IGNORECASE)
_ESTIMATE = re.compile(r"\b(?:estimated?|estimates|estima(?:n|do|da|ción)?|estimó|se calcula|calculated|calcula)\b", re.IGNORECASE)
_TARGET = re.compile(r"\b(?:goal|target|aims? to|plans? to|seeks? to|meta|objetivo|busca|planea|pretende|to train|para formar|formar a|to certify|para (?:certificar|capacitar|formar|alcanzar|beneficiar|atender|apoyar))\b", re.IGNORECASE)


# What a figure is per (ontology/vocab/per.ttl), written right after it: "MX$3,000 por empresa", "US$5,000 per
# company", "20 hours a week", "25 mil pesos mensuales", "per capita" (the words: kg.corpus.PER_NOUNS). No year: a
# yearly amount is the time qualifier per-year, which ``_time_of`` drafts.
_PER_NOUN = {word: per for per, words in PER_NOUNS.items() for word in words.split("|")}
_PER_ADJECTIVE = {word: per for per, words in PER_ADJECTIVES.items() for word in words.split("|")}
_PER_AFTER = re.compile(
    rf"[ \u00a0]+(?:(?:{PER_LEAD})[ \u00a0]+(?:cada[ \u00a0]+)?(?:(?P<first>[^\W\d_]+)[ \u00a0]+)?(?P<noun>[^\W\d_]+)"
    rf"|(?:{PER_TIME_LEAD})[ \u00a0]+(?P<period>[^\W\d_]+)\b{PER_NOT_RATE}|(?P<adjective>[^\W\d_]+))\b",
    re.IGNORECASE)
# The words of an average or a median, in the figure's clause ("an average of 35", "el salario promedio fue de",
# "median wage"); "total" and "media" are left to the curator ("a total of 1,377 members" is the count itself,
# "dos y media" a half).
# "mean" is an average only as a noun or adjective after a determiner ("a mean of", "the mean wage"), not the
# verb ("will mean 500 jobs").
_STATISTIC_DRAFT = {"average": re.compile(r"\b(?:averages?|averaged|promedios?|promedia(?:n|ba|ron)?"
                                          r"|\b(?:an?|the|its|their|his|her|our|annual|monthly|yearly)[ \u00a0]+mean)\b",
                                          re.IGNORECASE),
                    "median": re.compile(_STATISTIC_WORDS["median"], re.IGNORECASE)}
# A statistic set off by commas beside the figure's clause ("invirtió, en promedio, 3 millones"; "US$2 million,
# on average,")
_STATISTIC_ASIDE = re.compile(r"(?:en|on|in|as an|de)[ \u00a0]+(?:promedio|average|media)", re.IGNORECASE)


_OVER_GROUP = re.compile(r"\b(?:de|of|among|entre)[ \u00a0]+(?:los|las|the|sus|its|their)[ \u00a0]*$", re.IGNORECASE)


def _per_of(text: str, fig: Figure, sentence: Sentence) -> tuple[str, tuple[int, int]] | None:
    """The ``per`` concept written right after the figure, and where its words are."""
    m = _PER_AFTER.match(text, fig.surface_end, sentence.end)
    if m is None:
        return None
    start, end = m.end() - len(m.group(0).lstrip(" \u00a0")), m.end()
    if m.group("noun"):  # ("per company", "per participating company", "por empresa participante"; not "por parte de")
        first = _PER_NOUN.get(m.group("first").lower()) if m.group("first") else None
        per = _PER_NOUN.get(m.group("noun").lower())
        if first is not None:  # (the first noun is the thing: "por empresa participante", not a participant)
            per, end = first, m.end("first")
    elif m.group("period"):
        per = _PER_NOUN.get(m.group("period").lower())
        per = per if per in PER_ADJECTIVES else None
    else:
        per = _PER_ADJECTIVE.get(m.group("adjective").lower())
    return (per, (start, end)) if per else None


def _statistic_of(text: str, fig: Figure, sentence: Sentence) -> tuple[str, tuple[int, int]] | None:
    """Average or median, when the figure's clause writes the word (the nearest to the figure)."""
    start, end = _clause_span(text, sentence, fig.surface_start, fig.surface_end)
    before, after = text[start:fig.surface_start], text[fig.surface_end:end]
    # (not when the figure counts the group the statistic is taken over: "la edad promedio de los 500 asistentes")
    found = [(abs(fig.surface_start - (start + m.end())), statistic, (start + m.start(), start + m.end()))
             for statistic, pattern in _STATISTIC_DRAFT.items() for m in pattern.finditer(before)
             if not _OVER_GROUP.search(before, m.end())]
    found += [(m.start(), statistic, (fig.surface_end + m.start(), fig.surface_end + m.end()))
              for statistic, pattern in _STATISTIC_DRAFT.items() for m in pattern.finditer(after)]
    if not found:
        return None if _OVER_GROUP.search(before) else _statistic_aside(text, sentence, start, end)
    _, statistic, where = min(found)
    return statistic, where


def _statistic_aside(text: str, sentence: Sentence, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """An average set off by commas right before or after the figure's clause ("invirtió, en promedio, 3 millones")."""
    asides = []
    if start > sentence.start and text[start - 1] == ",":
        asides.append((max(text.rfind(",", sentence.start, start - 1) + 1, sentence.start), start - 1))
    if end < sentence.end and text[end] == ",":
        after = text.find(",", end + 1, sentence.end)
        asides.append((end + 1, after if after != -1 else sentence.end))
    for a, b in asides:
        segment = text[a:b]
        words = segment.strip(" \u00a0.")
        if _STATISTIC_ASIDE.fullmatch(words):
            a += segment.index(words)
            return "average", (a, a + len(words))
    return None


def _clause_span(text: str, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """Where the clause around text[start:end] is: back to the last comma, semicolon, colon or "que", on to the next."""
    before = re.split(r"[,;:]|\bque\b", text[sentence.start:start])[-1]
    after = re.split(r"[,;:]", text[end:sentence.end])[0]
    return start - len(before), end + len(after)


def _clause_of(text: str, sentence: Sentence, start: int, end: int) -> str:
    a, b = _clause_span(text, sentence, start, end)
    return text[a:b]


# "and"/"y" joining a new noun phrase: time words before it belong to what comes before it ("1,200 engineers by 2028
# and grants of MX$500,000"), unlike a verb sharing the subject and its time ("creció 8.5% en 2016 y alcanzó 22 mil
# millones", "grew 8.5% in 2016 and reached US$22 billion")
_JOINED_PHRASE = re.compile(r"\b(?:and|y|e|as[ \u00a0]+well[ \u00a0]+as|plus|así[ \u00a0]+como|while|whereas|mientras(?:[ \u00a0]+que)?)[ \u00a0]+(?P<word>[^\W\d_]+)",
                            re.IGNORECASE)
_VERB_AFTER_JOIN = re.compile(r"se|fue|fueron|es|son|era|is|are|was|were|has|have|had|will|would|reaches|rises|grows|"
                              r"\w+(?:ed|ó|aron|ieron|yeron|aba|aban|ía|ían|ará|erá|irá|arán|erán|irán)", re.IGNORECASE)


def _joins_noun_phrase(text: str, start: int, end: int, limit: int) -> bool:
    """Whether text[start:end] holds "and"/"y" followed by a noun phrase (not a verb: see _JOINED_PHRASE), whose
    first word may be up to ``limit`` ("while about 40 percent")."""
    joins = [j for j in _JOINED_PHRASE.finditer(text, start, limit) if j.start() < end]
    return bool(joins) and not (_VERB_AFTER_JOIN.fullmatch(joins[-1].group("word"))
                                or joins[-1].group("word").lower() in _EN_VERBS)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "primer": 1, "primero": 1, "segundo": 2, "tercer": 3, "tercero": 3, "cuarto": 4,
             "quinto": 5, "sexto": 6, "septimo": 7, "octavo": 8, "noveno": 9, "decimo": 10,
             "primera": 1, "segunda": 2, "tercera": 3, "cuarta": 4, "quinta": 5, "sexta": 6, "septima": 7, "octava": 8,
             "novena": 9, "decima": 10}
_EN_ORDINAL = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
_ES_ORDINAL = "primer|segundo|tercer|cuarto|quinto|sexto|s[ée]ptimo|octavo|noveno|d[ée]cimo"
_ES_ORDINAL_F = "primera|segunda|tercera|cuarta|quinta|sexta|s[ée]ptima|octava|novena|d[ée]cima"
# who ranks: "el tercer exportador", "la segunda economía", "the third-largest exporter" (not "el tercer informe")
_RANKED_NOUN_ES = (r"(?:(?:mayor|principal|más[ \u00a0]+grande|más[ \u00a0]+importante)[ \u00a0]+)?"
                   r"(?:exportador|productor|proveedor|fabricante|importador|destino|mercado|socio[ \u00a0]+comercial|"
                   r"receptor|inversionista|inversor|empleador|generador)(?:a|es|as)?\b")
_RANKED_NOUN_ES_F = r"(?:(?:mayor|principal|más[ \u00a0]+grande)[ \u00a0]+)?(?:economía|potencia|fuente)s?\b"
_RANK_WORDS = re.compile(
    rf"\b(?:(?:placed|ranked|ranks|ranked[ \u00a0]+as)[ \u00a0]+(?P<ord>{_EN_ORDINAL})\b"
    rf"(?![ \u00a0]+(?:time|half|quarter|edition|phase|stage|round))|"
    rf"\b(?:ocup[óoa]|ocupan|ocuparon|se[ \u00a0]+ubic[óoa]|qued[óo])[ \u00a0]+(?:en[ \u00a0]+)?el[ \u00a0]+"
    rf"(?P<ord_es>{_ES_ORDINAL})[ \u00a0]+(?:lugar|sitio|puesto)|"
    rf"\b(?:the|its|their|[A-ZÁÉÍÓÚÑ][\w-]*[’']s)[ \u00a0]+(?P<ord_sup>{_EN_ORDINAL})[ \u00a0-]+"
    r"(?:largest|biggest|most[ \u00a0]+important|leading)\b|"
    rf"\b(?:el|como)[ \u00a0]+(?P<ord_noun>{_ES_ORDINAL})[ \u00a0]+{_RANKED_NOUN_ES}|"
    rf"\b(?:la|como)[ \u00a0]+(?P<ord_noun_f>{_ES_ORDINAL_F})[ \u00a0]+{_RANKED_NOUN_ES_F})", re.IGNORECASE)
# "el primer mercado digital del país" is first in time, not a ranking: "primer"/"primera" ranks with a superlative
# ("el primer mayor exportador"), as what something became ("se consolidó como el primer proveedor") or with what it
# ranks among after it ("del mundo", "a nivel mundial", "de América Latina", "de ese mercado")
_AS_RANKED = re.compile(r"\b(?:como|as)[ \u00a0]+(?:el|la)?[ \u00a0]*$", re.IGNORECASE)
_FIRST_SUPERLATIVE = re.compile(r"(?:primer|primera)[ \u00a0]+(?:mayor|principal|más)\b", re.IGNORECASE)
_RANKED_AMONG = re.compile(r"\b(?:del[ \u00a0]+mundo|del[ \u00a0]+mercado|de[ \u00a0]+(?:ese|este|dicho)[ \u00a0]+mercado|mundial(?:es)?|global(?:es)?|a[ \u00a0]+nivel[ \u00a0]+\w+|"
                           r"de[ \u00a0]+(?:América|Latinoamérica|Europa|Asia|Norteamérica)|en[ \u00a0]+el[ \u00a0]+mundo|"
                           r"in[ \u00a0]+the[ \u00a0]+world|globally|largest|biggest)\b", re.IGNORECASE)
_SUB_BODY = re.compile(r"[’'][ \u00a0]*s[ \u00a0]+(?P<name>(?:Undersecretariat|Secretariat|Office|Directorate|Department|Unit|"
                       r"Agency|Commission)[ \u00a0]+(?:of|for)[ \u00a0]+(?:the[ \u00a0]+)?[A-ZÁÉÍÓÚÑ][\w’'-]*"
                       r"(?:[ \u00a0]+(?:(?:and|of|for)[ \u00a0]+)?[A-ZÁÉÍÓÚÑ][\w’'-]*){0,4})")
# a change from the year before ("up 11% from the previous year", "over the prior year"): year-on-year; the year
# before the one the article writes in, by name ("del año pasado", "last year"), its text (no year is invented)
_LAST_YEAR = r"(?:(?:del|el)[ \u00a0]+año[ \u00a0]+pasado|last[ \u00a0]+year)"
_MORE_TIME_RULES = [(r"(?:from|over|versus|vs\.?)[ \u00a0]+(?:the[ \u00a0]+)?(?:previous|prior|preceding)[ \u00a0]+year|"
                     r"(?:from|over|than)[ \u00a0]+the[ \u00a0]+year[ \u00a0]+before|"
                     # last year as the base of a change ("grew 12% from last year", "7.4% respecto del año pasado"),
                     # not the figure's own time: year-on-year, as TIME_RULES's "compared with last year"
                     r"(?:from|over|than|versus|vs\.?|compared[ \u00a0]+(?:with|to))[ \u00a0]+last[ \u00a0]+year|"
                     r"(?:con[ \u00a0]+respecto|respecto|frente|en[ \u00a0]+comparaci[óo]n[ \u00a0]+con|comparad[oa][ \u00a0]+con)"
                     r"[ \u00a0]+(?:al|del|con[ \u00a0]+el)[ \u00a0]+año[ \u00a0]+pasado|"
                     r"(?:(?:más|menos)[ \u00a0]+)?que[ \u00a0]+el[ \u00a0]+año[ \u00a0]+pasado", "year-on-year"),
                    (rf"(?:since|desde)[ \u00a0]+{_LAST_YEAR}", "since"), (rf"\b{_LAST_YEAR}\b", "in")]
# a figure compared with another one written before it ("alcanzará 6 mil 200 millones en 2026, frente a 5 mil 100
# millones del año pasado", "US$6.2 billion in 2026, compared with US$5.1 billion"): the time words before the
# comparison are the first figure's, never the second's
_COMPARED = re.compile(r"\b(?:frente[ \u00a0]+a|en[ \u00a0]+comparaci[óo]n[ \u00a0]+con|comparad[oa]s?[ \u00a0]+con|contra|"
                       r"versus|vs\.|compared[ \u00a0]+(?:with|to)|against)(?![\w])", re.IGNORECASE)


def _before_estimated(text: str, sentence: Sentence, compared: int, time: dict[str, str]) -> bool:
    """Whether ``time`` (a figure's, written after the comparison word at ``compared``) is before the year written
    before that word, the estimated figure's: "alcanzará 6 mil 200 millones en 2026, frente a 5 mil 100 millones en
    2025" (or "... del año pasado", last year, before any year the estimate is for)."""
    if re.fullmatch(_LAST_YEAR, time.get("text", ""), re.IGNORECASE):
        return True
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text[sentence.start:compared])]
    return bool(time.get("year")) and bool(years) and int(time["year"]) < max(years)


def _time_of(text: str, fig: Figure, sentence: Sentence, others: Iterable[tuple[int, int]] = (),
             filed: int = 0) -> tuple[dict[str, str], tuple[int, int]] | None:
    """The time words nearest ``fig`` in its sentence (after it preferred), as a draft's ``time``, and where they are
    written. Words with another figure (of ``others``) between them and ``fig`` are that figure's: in "sumaron 28 mil
    400 millones, 8.5% más que los 26 mil 175 millones registrados en 2024", 2024 is the last figure's year only; so
    are words right after another figure with "and"/"y" between them and ``fig`` (a new noun phrase): in "1,200
    engineers by 2028 and grants of up to MX$500,000", 2028 is the 1,200's only. Words after a relative clause that
    opens after ``fig`` and writes a future before them are that future's: in "300 companies, a number that will
    double by 2030" (or "300 empresas, cifra que se duplicará para 2030"), 2030 is the doubling's, not the 300's; and
    words inside a relative clause closed before ``fig`` are its subject's: in "The chamber, which was founded in
    1936, has 1,377 members", 1936 is not the members'. Words before ``filed`` are the dateline's, when the article
    was filed, never a figure's time: in "Guadalajara, 3 de marzo de 2026.- ... agrupa a 300 empresas", no year."""
    s0, s1 = sentence.start, sentence.end
    best: tuple[int, dict[str, str], tuple[int, int]] | None = None
    hits = [(s0 + m.start(), s0 + m.end(), m, qualifier) for pattern, qualifier in [*TIME_RULES, *_MORE_TIME_RULES]
            for m in re.finditer(pattern, text[s0:s1], re.IGNORECASE)]
    # "respecto al año anterior" is year-on-year, not the "al año" (per year) inside it
    hits = [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0]) for o in hits)]
    for a, b, m, qualifier in hits:
        if text[a].isupper() and text[s0:a].strip() or a < filed:
            continue
        if a < fig.surface_end and fig.surface_start < b:
            continue
        lo, hi = (fig.surface_end, a) if a >= fig.surface_end else (b, fig.surface_start)
        if any(lo <= o0 and o1 <= hi for o0, o1 in others):
            continue
        if a >= fig.surface_end and _future_in_relative(text, fig.surface_end, a):
            continue  # (a time of the relative clause's future: "300 companies, a number that will double by 2030")
        if b <= fig.surface_start and _in_closed_relative(text, s0, a, b, fig.surface_start):
            continue  # ("The chamber, which was founded in 1936, has 1,377 members")
        if b <= fig.surface_start and any(s0 <= o0 and o1 <= c.start() for c in _COMPARED.finditer(text, b, fig.surface_start)
                                          for o0, o1 in others):
            continue  # (the first figure's: "6 mil 200 millones en 2026, frente a 5 mil 100 millones"; with no figure
            # before the comparison word, it is a preposition: "In 2025, attacks against firms grew 40%")
        if b <= fig.surface_start and _joins_noun_phrase(text, b, fig.surface_start, fig.surface_end) and \
                any(o1 <= a and not re.search(r"[,;:]", text[o1:a]) for _, o1 in others):
            continue  # (another figure's, joined before this one: "1,200 engineers by 2028 and grants of MX$500,000")
        distance = a - fig.surface_end if a >= fig.surface_end else (fig.surface_start - b) * 2  # prefer after
        if distance > 90:
            continue
        t: dict[str, str] = {"qualifier": qualifier}
        year = m.groupdict().get("y")
        if year:
            t["year"] = year
        else:
            t["text"] = text[a:b]
        if best is None or distance < best[0]:
            best = (distance, t, (a, b))
    return (best[1], best[2]) if best else None


# --- the draft ------------------------------------------------------------------------------------

@dataclass
class Dateline:
    """The opening "<place>, <date>.-" of a news item: where and when it was filed, never an event's."""

    end: int  # (where the body begins)
    place: str
    date: DateFound


_WEEKDAYS = ("lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|"
             "monday|tuesday|wednesday|thursday|friday|saturday|sunday")
_DATELINE_HEAD = re.compile(rf"[ \t\u00a0]*(?!(?:el|la|los|las|en|un|una|su|sus|the|in|on|at|a|an|its)\b)"
                            rf"(?P<place>[A-ZÁÉÍÓÚÑ][^\n,.;:“”\"]{{1,40}}?"
                            rf"(?:,[ \u00a0]*[A-ZÁÉÍÓÚÑ][\w.]{{0,12}}(?:[ \u00a0][A-ZÁÉÍÓÚÑ][\w.]{{0,12}})?)?)"
                            rf"[ \u00a0]*[,/][ \u00a0]*(?:(?:{_WEEKDAYS})[ \u00a0,]+)?(?:a[ \u00a0]+)?", re.IGNORECASE)
_DATELINE_TAIL = re.compile(r"[ \u00a0]*(?:\([^()\n]{1,40}\)[ \u00a0]*)?(?:\.?[ \u00a0]*[-–—/]+|\.(?=[ \u00a0]*\n))")


def find_dateline(text: str, dates: list[DateFound]) -> Dateline | None:
    """"Ciudad de México, 3 de marzo de 2026.-", "MEXICO CITY, March 3 (Reuters) -", "Guadalajara, Jalisco, a 5
    de abril de 2026.-" opening the text or the paragraph after its headline lines; else None."""
    for line in re.finditer(r"^.*$", text[:600], re.M):
        first = next((d for d in dates if line.start() <= d.start < line.end()), None)
        if first is not None and first.start - line.start() < 120:
            head = _DATELINE_HEAD.fullmatch(text, line.start(), first.start)
            tail = _DATELINE_TAIL.match(text, first.end)
            if head is not None and tail is not None and head.group("place").strip():
                return Dateline(tail.end(), head.group("place").strip(), first)
        if line.group(0).strip() and len(line.group(0)) > 120:
            return None  # (a paragraph of body text: a dateline comes before it)
    return None


@dataclass
class DayRange:
    """Days written with one month: "23 y 24 de abril de 2026", "del 23 al 25 de abril", "April 23-24, 2026", "los
    días 14, 15 y 16 de abril", "April 14 and 16". One stretch of time (``span``) when ranged or listed day after day;
    ``first`` and ``last`` only when the month and year are written too. No day of it is a figure or a single date."""

    start: int
    end: int
    surface: str
    span: bool
    first: str | None = None
    last: str | None = None
    month: int | None = None
    days: tuple[int, ...] = ()


_SUFFIX = r"(?:st|nd|rd|th)?"
_EN_MONTH = r"(?:" + "|".join(MONTHS_EN) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_ES_MONTH = "(?:" + "|".join(MONTHS_ES) + ")"
_DAYS = (rf"(?P<days>(?<![\d.,$])\d{{1,2}}{_SUFFIX}(?:[ \u00a0]*(?:,|y|e|al|a|-|–|and|to|through|thru)[ \u00a0]*"
         rf"(?:el[ \u00a0]+|the[ \u00a0]+)?\d{{1,2}}{_SUFFIX}(?![\d.,]\d|\d))+)")
_YEAR_OF = r"(?:,?[ \u00a0]+(?:(?:de|del|of)[ \u00a0]+)?(?P<year>(?:19|20)\d\d)(?!\d))?"
_DAY_RANGES = [re.compile(rf"{_DAYS}[ \u00a0]+de[ \u00a0]+(?P<month>{_ES_MONTH})\b{_YEAR_OF}", re.IGNORECASE),
               re.compile(rf"{_DAYS}[ \u00a0]+(?:of[ \u00a0]+)?(?P<month>{_EN_MONTH})(?![a-z]){_YEAR_OF}", re.IGNORECASE),
               re.compile(rf"\b(?P<month>{_EN_MONTH})[ \u00a0]+{_DAYS}{_YEAR_OF}", re.IGNORECASE)]
_SPAN_JOINER = re.compile(r"\d[ \u00a0]*(?:[-–]|(?:al|a|to|through|thru)[ \u00a0])", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:between|entre)[ \u00a0]+(?:el[ \u00a0]+|the[ \u00a0]+)?(?:\w+\.?[ \u00a0]+)?$", re.IGNORECASE)


def _month_number(name: str) -> int | None:
    low = name.lower().rstrip(".")
    if low in MONTHS_EN or low in MONTHS_ES:
        return MONTHS_EN.get(low) or MONTHS_ES.get(low)
    return next((i + 1 for i, m in enumerate(MONTHS_EN) if m.startswith(low) and len(low) >= 3), None)


def find_day_ranges(text: str) -> list[DayRange]:
    """The day ranges and day lists of ``text``, in order (days rising, one month; else none)."""
    found: list[DayRange] = []
    for rx in _DAY_RANGES:
        for m in rx.finditer(text):
            if any(m.start() < r.end and r.start < m.end() for r in found):
                continue
            days = [int(d) for d in re.findall(r"(?<![\d])\d{1,2}(?!\d)", m.group("days"))]
            month = _month_number(m.group("month"))
            if month is None or len(days) < 2 or any(a >= b for a, b in zip(days, days[1:])) or days[-1] > 31:
                continue  # ("April 14, 5 companies ...": not days)
            if m.group("month").lower() == "may" and not m.group("year") and rx is not _DAY_RANGES[0]:
                continue  # ("may" the verb)
            ranged = _SPAN_JOINER.search(m.group("days")) is not None or _BETWEEN.search(text, max(0, m.start() - 30), m.start())
            span = bool(ranged) or all(b == a + 1 for a, b in zip(days, days[1:]))
            first = last = None
            if span and m.group("year"):
                try:
                    first = datetime.date(int(m.group("year")), month, days[0]).isoformat()
                    last = datetime.date(int(m.group("year")), month, days[-1]).isoformat()
                except ValueError:
                    first = last = None
            found.append(DayRange(m.start(), m.end(), m.group(0), span, first, last, month, tuple(days)))
    found.sort(key=lambda r: r.start)
    return found


@dataclass
class Draft:
    """The drafted fact file as a plain mapping, plus what the rules found but the format has no place for."""

    facts: dict[str, Any]
    dates: list[DateFound]
    headings: list[str]
    warnings: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    fractions: list[str] = field(default_factory=list)  # fractions and proportions in words, not drafted
    ranges: list[DayRange] = field(default_factory=list)
    repeats: list[str] = field(default_factory=list)  # multipliers not drafted: "met 3 times", "plans to double"
    title: str | None = None  # the headline before the dateline (the sidecar's title)


def _quote_window(text: str, sentence: Sentence, start: int, end: int, limit: int = 220) -> tuple[int, int]:
    """The sentence, or the comma-delimited stretch of it around [start, end) if the sentence is long."""
    a, b = sentence.start, sentence.end
    if b - a <= limit:
        return a, b
    cuts = [a] + [a + m.end() for m in re.finditer(r"[,;:][ \u00a0]", text[a:b])] + [b]
    qa = max(c for c in cuts if c <= start)
    qb = min(c for c in cuts if c >= end)
    while qb - qa < 60:
        wider_a = max([c for c in cuts if c < qa] or [qa])
        wider_b = min([c for c in cuts if c > qb] or [qb])
        if (wider_a, wider_b) == (qa, qb):
            break
        qa, qb = wider_a, wider_b
    qa_text = text[qa:qb].rstrip(",;: \u00a0")
    return qa, qa + len(qa_text)


class _Quotes:
    """Quotes must be found in the text: unique, or with the occurrence the loader needs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = _WS_RE.sub(" ", text)
        self._folded: tuple[str, list[int], list[int]] | None = None

    def fact(self, start: int, end: int) -> dict[str, Any]:
        quote = self.text[start:end].strip()
        needle = _WS_RE.sub(" ", quote)
        hits = []
        pos = self.norm.find(needle)
        while pos != -1:
            hits.append(pos)
            pos = self.norm.find(needle, pos + 1)
        out: dict[str, Any] = {"quote": plain(quote)}
        if len(hits) > 1:
            before = _WS_RE.sub(" ", self.text[:start])
            index = sum(1 for h in hits if h < len(before)) + 1
            out["occurrence"] = min(index, len(hits))
        return out

    def span(self, fact: dict[str, Any]) -> tuple[int, int] | None:
        """Where a fact's quote (with its occurrence) stands in the text, (start, end), or None: found as the loader
        finds it (overlapping hits counted, as ``fact`` counts them for its occurrence)."""
        if self._folded is None:
            self._folded = fold_with_spans(self.text)
        hits = folded_spans(self._folded, str(fact.get("quote", "")))
        index = int(fact.get("occurrence", 1)) - 1
        return hits[index] if 0 <= index < len(hits) else None


class _Ids:
    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self.used: set[str] = set(reserved)

    def make(self, base: str) -> str:
        base = re.sub(r"-+", "-", base).strip("-")[:60].rstrip("-") or "fact"
        ident, n = base, 2
        while ident in self.used:
            ident = f"{base}-{n}"
            n += 1
        self.used.add(ident)
        return ident


POST_TRANSLATIONS = {
    "presidente nacional": "national president", "presidenta nacional": "national president",
    "presidente": "president", "presidenta": "president", "secretario": "secretary", "secretaria": "secretary",
    "director general": "director general", "directora general": "director general", "rector": "rector",
    "titular": "head", "jefe": "head", "jefa": "head", "vicepresidente": "vice president",
}
# Spanish names a post by its holder's gender ("la secretaria de Economía", "el secretario de Economía"):
# one post, matched in the masculine form (folded, so "secretaria" is never the accented "Secretaría", a body)
_MASCULINE = {"presidenta": "presidente", "vicepresidenta": "vicepresidente", "secretaria": "secretario",
              "subsecretaria": "subsecretario", "directora": "director", "rectora": "rector",
              "coordinadora": "coordinador", "comisionada": "comisionado", "gobernadora": "gobernador",
              "fundadora": "fundador", "socia": "socio", "jefa": "jefe", "vocera": "vocero", "consejera": "consejero",
              "ejecutiva": "ejecutivo", "adjunta": "adjunto", "interina": "interino"}


def post_form(folded: str) -> str:
    """A folded post name with its Spanish post words in the masculine, so that both genders match."""
    return " ".join(_MASCULINE.get(word, word) for word in folded.split())


def bare_post_name(text: str) -> str:
    """A post's name as written, folded, without parentheses ("(SE)") or a leading article ("the", "su")."""
    return re.sub(r"^(?:the|its|el|la|su|new|nuevo|nueva)\s+", "", fold(re.sub(r"\([^)]*\)", "", text)).strip())


ANAPHORIC_BODY = re.compile(r"\s(?:of|de|del|de la)\s(?:the\s|la\s|el\s)?(?:organismo|organization|organisation|camara|chamber|"
                            r"institucion|institution|agrupacion|asociacion|association|confederacion|confederation|"
                            r"dependencia|instituto|institute|body)$")
HEAD_WORDS = re.compile(r"\b(president|presidente|presidenta|director general|directora general|head|titular|rector|rectora|"
                        r"secretary|secretario|secretaria|chair|chairman|chairwoman|ceo|jefe|jefa|governor|gobernador)\b", re.IGNORECASE)
# a post beside the head, under it, standing in for it or past it is not its body's head ("vice president", "deputy
# director general", "directora general adjunta", "presidente suplente", "former president"); a general secretary
# heads some bodies (the UN) and not others (a chamber): left for the curator
NOT_HEAD_WORDS = re.compile(r"\bvice|\b(?:deputy|under|assistant|associate|acting|honorary|honorari[oa]s?|former|ex|adjunt[oa]s?|"
                            r"suplentes?|alternos?|alternas?|interin[oa]s?|general[ \u00a0]+secretary|secretary[ -]general|"
                            r"secretari[oa]s?[ \u00a0]+general|secretari[oa]s?[ \u00a0]+generales)\b|\bex-(?=\w)|\bex(?=presiden|secretari|director|gobernador|rector)", re.IGNORECASE)


def load_measures(paths: Paths) -> dict[str, str]:
    """Labels (folded, en and es) of the specific measure concepts -> concept id; families are left out."""
    file = paths.vocab / "measures.ttl"
    if not file.exists():
        return {}
    import rdflib
    from rdflib.namespace import SKOS

    graph = rdflib.Graph()
    try:
        graph.parse(file, format="turtle")
    except Exception as err:  # rdflib raises parser-specific types
        raise DataError(f"unreadable vocabulary: {err}", file=file, hint="fix the Turtle syntax") from err
    base = "https://w3id.org/canieti-kg/vocab/measure/"
    labels: dict[str, str] = {}
    for concept in set(graph.subjects(SKOS.inScheme, None)):
        if not str(concept).startswith(base) or (concept, SKOS.topConceptOf, None) in graph:
            continue
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(concept, prop):
                labels[fold(str(label))] = str(concept)[len(base):]
    return labels


# A counted noun is read as up to three words after the number; a verb after a plural noun ends the noun phrase
# ("412 member companies found in the survey", "500 empresas participaron"): the surface stops before it
_EN_VERBS = {"found", "said", "made", "held", "built", "sold", "grew", "spent", "paid", "won", "lost", "took", "gave",
             "got", "came", "went", "became", "led", "met", "saw", "told", "brought", "kept", "left", "began", "ran",
             "say", "see", "need", "want", "use", "do", "did", "can", "could", "may", "might", "must", "should", "would",
             "remain", "account", "lack", "export", "work", "operate", "employ", "agree", "expect", "taken", "seen",
             "given", "known", "grown", "shown", "chosen", "written", "hired", "surveyed", "polled"}
_EN_AUX = {"are", "were", "was", "is", "have", "has", "had", "will", "came", "come", "went"}
_ES_VERBS_AFTER_NUMBER = {"son", "fueron", "serán", "seran", "estarán", "estaran", "están", "estan", "eran", "estaban",
                          "tienen", "tuvieron", "han", "habían", "vinieron", "provienen", "llegaron"}
_ES_FINITE = re.compile(r"(?:aron|ieron|yeron|aban|ían|ian|arán|erán|irán|aran|eran|ieran|arían|erían|irían|an|en)$")


def _plural(word: str) -> bool:
    low = word.lower()
    return low.endswith("s") and not low.endswith(("ss", "us", "is"))


# words that start a phrase of time or manner after a counted noun, never part of it: "3 mil 500 lugares durante
# 2026", "500 becas durante todo 2026", "200 firms during 2025", "40 cursos hasta 2027"
_AFTER_NOUN = {"durante", "during", "throughout", "hasta", "desde", "since", "until", "till", "tras", "after", "before",
               "antes", "después", "despues", "last", "next", "cada", "each", "every", "todo", "toda", "todos", "todas"}


def trim_noun(text: str, fig: Figure, lang: str) -> None:
    """End a figure's counted noun (and its surface) before a verb that follows a plural noun, or before a word of
    time (_AFTER_NOUN)."""
    if not fig.noun:
        return
    words = fig.noun.split()
    cut = next((i for i, w in enumerate(words) if w.lower() in _AFTER_NOUN), None)
    if cut == 0:  # ("500 durante 2026": no noun)
        fig.noun = None
        fig.surface_end = fig.end
        return
    if cut is not None:
        pos = fig.end
        for w in words[:cut]:
            pos = text.find(w, pos) + len(w)
        fig.noun = " ".join(words[:cut])
        fig.surface_end = pos
        words = words[:cut]
    first = words[0].lower()
    if (first in _ES_VERBS_AFTER_NUMBER or (_ES_FINITE.search(first) is not None and not first.endswith("s")
                                            and len(first) > 5)) if lang == "es" else first in _EN_VERBS | _EN_AUX:
        # no noun at all: a verb right after the number ("de los cuales 1,200 estarán dirigidos a mujeres", "18 came")
        fig.noun = None
        fig.surface_end = fig.end
        return
    for i in range(1, len(words)):
        low = words[i].lower()
        verb = (_ES_FINITE.search(low) is not None) if lang == "es" else (low in _EN_VERBS or (low.endswith("ed") and len(low) > 4))
        if verb and _plural(words[i - 1]):
            break
    else:
        return
    kept = words[:i]
    pos = fig.end
    for w in kept:
        pos = text.find(w, pos) + len(w)
    if fig.end < pos < fig.surface_end:
        fig.noun = " ".join(kept)
        fig.surface_end = pos


# Fractions and proportions in words are no counts: "two thirds of the companies" is not 2 companies, "one in five
# users" not 5 users, "dos millones y medio" not 2 million. The reader of figures has no reading of them: not drafted,
# and listed in the draft's header for the curator (a share in percent, if the article's figure is one)
_DENOMINATORS = [(r"halves|half|mitad(?:es)?", 2), (r"thirds?|tercios?|terceras?[ \u00a0]+partes?", 3),
                 (r"quarters?|fourths?|cuartos?|cuartas?[ \u00a0]+partes?", 4), (r"fifths?|quintos?|quintas?[ \u00a0]+partes?", 5),
                 (r"sixths?|sextos?|sextas?[ \u00a0]+partes?", 6), (r"sevenths?|s[ée]ptimos?|s[ée]ptimas?[ \u00a0]+partes?", 7),
                 (r"eighths?|octavos?|octavas?[ \u00a0]+partes?", 8), (r"ninths?|novenos?|novenas?[ \u00a0]+partes?", 9),
                 (r"tenths?|d[ée]cimos?|d[ée]cimas?[ \u00a0]+partes?", 10)]
_FRACTION_AFTER = [(re.compile(rf"[ \u00a0-]+(?:{words})\b", re.IGNORECASE), n) for words, n in _DENOMINATORS]
_HALF_AFTER = re.compile(r"[ \u00a0]+(?:and[ \u00a0]+a[ \u00a0]+half|y[ \u00a0]+medi[oa])\b", re.IGNORECASE)
_NUMBER_WORD = "|".join(sorted(NUM_WORDS, key=len, reverse=True))
_PER = r"(?:in|out[ \u00a0]+of|of[ \u00a0]+every|in[ \u00a0]+every|de[ \u00a0]+cada|en[ \u00a0]+cada)"
_PROPORTION_BEFORE = re.compile(rf"(?<![\w.,])(?:\d{{1,3}}|{_NUMBER_WORD})[ \u00a0]+{_PER}[ \u00a0]+$", re.IGNORECASE)
_PROPORTION_AFTER = re.compile(rf"[ \u00a0]+{_PER}[ \u00a0]+(?:\d{{1,3}}(?![\d.,]\d|\d)|(?:{_NUMBER_WORD})\b)", re.IGNORECASE)


# A fraction with no number at all, a noun with its article ("casi la mitad de la inversión", "una tercera parte de
# los socios", "nearly half of the firms", "a third of the members"): listed likewise. Not a halving ("se redujo a
# la mitad", "cut by half": a multiplier), nor a part of a period ("the first half of the year", "la mitad del año")
_APPROX_WORDS = (r"casi|cerca[ \u00a0]+de|al[ \u00a0]+menos|por[ \u00a0]+lo[ \u00a0]+menos|at[ \u00a0]+least|más[ \u00a0]+de|menos[ \u00a0]+de|alrededor[ \u00a0]+de|poco[ \u00a0]+más[ \u00a0]+de|"
                 r"almost|nearly|about|around|roughly|over|more[ \u00a0]+than|less[ \u00a0]+than|just[ \u00a0]+over|"
                 r"just[ \u00a0]+under")
_FRACTION_NOUN = re.compile(
    rf"(?:\b(?:{_APPROX_WORDS})[ \u00a0]+)?(?<![\w-])(?P<fraction>(?:la|una)[ \u00a0]+(?:mitad|(?:tercera|cuarta|quinta)[ \u00a0]+parte)"
    r"|un[ \u00a0]+(?:tercio|cuarto|quinto)|a[ \u00a0]+(?:third|quarter|fifth)|half)[ \u00a0]+(?:de|del|of)[ \u00a0]+"
    r"(?:(?:la|las|el|los|the|its|their|sus?)[ \u00a0]+)?(?P<noun>[^\W\d_]+)", re.IGNORECASE)
_NOT_FRACTION_BEFORE = re.compile(r"\b(?:a|by|in|por|first|second|last|primera|segunda|última|ultima)[ \u00a0]+$", re.IGNORECASE)
_PERIOD_NOUNS = {fold(n) for n in ("año", "year", "mes", "month", "semana", "week", "día", "day", "siglo", "century", "década",
                                    "decade", "sexenio", "trimestre", "semestre", "período", "period", "camino", "way")}


def fractions_without_number(text: str, sentence: Sentence, figures: Iterable[tuple[int, int]]) -> list[str]:
    """The fractions in words of ``sentence`` written with no number ("casi la mitad de la inversión"), outside
    ``figures`` (the spans of its figures: "two thirds of" is listed with its figure)."""
    out = []
    for m in _FRACTION_NOUN.finditer(text, sentence.start, sentence.end):
        if _NOT_FRACTION_BEFORE.search(text, sentence.start, m.start("fraction")) or fold(m.group("noun")) in \
                _PERIOD_NOUNS or any(a < m.end() and m.start() < b for a, b in figures):
            continue
        out.append(m.group(0))
    return out


def fraction_in_words(text: str, fig: Figure, sentence: Sentence) -> str | None:
    """The words of a fraction or proportion ``fig`` is part of ("Nearly two thirds", "One in five", "dos millones y
    medio"), or None."""
    if fig.unit not in (None, "count") or fig.minimum is not None:
        return None
    for rx, denominator in _FRACTION_AFTER:
        m = rx.match(text, fig.end, sentence.end)
        if m and not fig.scale_words and fig.value < denominator:
            return text[fig.surface_start:m.end()]
    half = _HALF_AFTER.match(text, fig.end, sentence.end)
    if half:
        return text[fig.surface_start:half.end()]
    before = _PROPORTION_BEFORE.search(text, sentence.start, fig.start)
    if before:
        return text[before.start():fig.surface_end]
    after = _PROPORTION_AFTER.match(text, fig.end, sentence.end)
    if after and not fig.scale_words:
        return text[fig.surface_start:after.end()]
    return None


def _measure_for(text: str, fig: Figure, measures: dict[str, str]) -> str | None:
    """A measure whose label is written right after the figure ("1,377 members", "35 successful venture capital funds")."""
    after = re.split(r"[,;:.()]", fold(text[fig.end:fig.end + 60]))[0]
    starts = [m.start() for m in re.finditer(r"[\w'-]+", after)][:2]  # the label begins in the first two words
    best = None
    for label, ident in measures.items():
        m = re.search(r"(?<![\w])" + re.escape(label) + r"(?![\w])", after)
        if m and m.start() in starts and (best is None or len(label) > len(best[0])):
            best = (label, ident)
    return best[1] if best else None


def _set_before(fact: dict[str, Any], before: str, key: str, value: Any) -> None:
    """Set ``key`` in ``fact`` where a curator reads it: before ``before`` ("quote"), as the drafts order fields."""
    items = [(k, v) for k, v in fact.items() if k != key]
    at = next((i for i, (k, _) in enumerate(items) if k == before), len(items))
    fact.clear()
    fact.update(items[:at] + [(key, value)] + items[at:])


def draft_facts(text: str, *, article_id: str, lang: str, known: list[KnownEntity],
                measures: dict[str, str] | None = None) -> Draft:
    """The draft fact file of one article: mentions, candidate entities, tenures, observations, dates."""
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}", field="--lang", hint="use en or es")
    sentences = split_sentences(text)
    if not sentences:
        raise DataError("the article has no text", hint="check the file")
    quotes = _Quotes(text)
    known_ids = {k.id for k in known}
    by_id = {k.id: k for k in known}
    national = national_names(known)
    # each known post with its folded names, and their forms in either gender (post_form)
    known_posts = [(k, [fold(n) for n in k.names], {post_form(fold(n)) for n in k.names}) for k in known if k.type == "Post"]
    ids = _Ids(known_ids)
    entities: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    tenures: list[dict[str, Any]] = []
    observations: list[dict[str, Any]] = []
    warnings: list[str] = []
    not_drafted: list[str] = []  # fractions and proportions in words
    repeats: list[str] = []  # "tres veces" with no change or comparison (how often), "to double" (a plan)
    dates = extract_dates(text, lang)
    ranges = find_day_ranges(text)  # (a date inside one is a day of it, never a date of its own)
    dateline = find_dateline(text, dates)
    filed = dateline.end if dateline is not None else 0  # (dates before this are the dateline's)
    title = find_title(text, dateline)

    def in_range(d: DateFound) -> DayRange | None:
        return next((r for r in ranges if r.start <= d.start < r.end or d.start <= r.start < d.end), None)

    # Candidates with an acronym first: names inside them are not mentions of something else.
    acr_candidates = find_acronym_candidates(text, sentences)
    known_folded: dict[str, str] = {}
    for k in known:
        for n in k.names:
            known_folded.setdefault(fold(n), k.id)
    new_candidates: list[Candidate] = []
    for c in acr_candidates:
        hit = known_folded.get(fold(c.acronym or "")) or known_folded.get(fold(c.name))
        if hit is None:
            new_candidates.append(c)
    # Bodies named after a known organization ("Canieti Noreste"): candidates, and no mention of the organization.
    regional = find_regional_bodies(text, known)
    for c, parent in regional:
        c.note = (f"candidate organization named after {parent.id} ({parent.type}) and a region or state: a regional body? "
                  f"check its type, and set `parent: {parent.id}` only if the article says so")
        new_candidates.append(c)
    governments = [(c, body) for c, body in find_government_bodies(text, known)
                   if not any(c.start < o.end and o.start < c.end for o in new_candidates)]
    new_candidates.extend(c for c, _ in governments)
    matches = find_mentions(text, known, blocked=[c.block or (c.start, c.end) for c, _ in regional]
                            + [body for _, body in governments])

    # Mentions: one per entity and surface form, at its first occurrence.
    seen_forms: set[tuple[str, str]] = set()
    imported: set[str] = set()
    for m in matches:
        key = (m.entity, fold(m.form))
        if key in seen_forms:
            continue
        seen_forms.add(key)
        sent = sentence_at(sentences, m.start)
        qa, qb = _quote_window(text, sent, m.start, m.end, limit=160)
        fact: dict[str, Any] = {"id": ids.make(f"men-{m.entity}"), "entity": m.entity, "form": plain(m.form)}
        fact.update(quotes.fact(qa, qb))
        fact["status"] = "unreviewed"
        if m.score < 100:
            fact["note"] = f"fuzzy match ({m.score:.0f}/100) of a name of {m.entity}: check it is the same entity"
        mentions.append(fact)
        ent = by_id.get(m.entity)
        if ent is not None and ent.declared_in is not None and m.entity not in imported:
            imported.add(m.entity)
            entities.append(_import_entity(ent, quotes.fact(qa, qb)))

    # A body of a known one, named with its possessive ("the Ministry of Economy's Undersecretariat of Foreign
    # Trade"): a candidate, part of it
    for m in matches:
        owner = by_id.get(m.entity)
        sub = _SUB_BODY.match(text, m.end) if owner is not None and owner.type not in NOT_ORGANIZATION else None
        if sub is not None and not any(c.start < sub.end("name") and sub.start("name") < c.end for c in new_candidates):
            c = Candidate(sub.start("name"), sub.end("name"), plain(sub.group("name")),
                          "GovernmentBody" if owner.type == "GovernmentBody" else "Organization", quote_span=(m.start, sub.end()))
            c.note = (f"candidate body of {owner.id} (its possessive names it: '{plain(text[m.start:sub.end()])}'): "
                      f"check its type and name; `parent: {owner.id}` drafted from the possessive")
            c.parent = owner.id
            new_candidates.append(c)

    # Candidate new entities: organizations with an acronym.
    cand_ids: dict[str, str] = {}  # folded name -> id
    key_ids: dict[str, dict[str, Any]] = {}  # a candidate's key -> its entity (its other names are aliases)
    for c in new_candidates:
        fn = fold(c.name)
        if fn in cand_ids:
            continue
        if c.key in key_ids:  # ("Canieti Noreste" after "... (Canieti) Sede Noreste": one body)
            same = key_ids[c.key]
            cand_ids[fn] = same["id"]
            aliases = same.get("aliases") or {lang: []}
            aliases[lang].append(plain(c.name))
            _set_before(same, "acronym" if "acronym" in same else "parent" if "parent" in same else "quote", "aliases", aliases)
            continue
        ident = ids.make(c.ident or (slugify(c.acronym or c.name) if c.acronym and len(c.acronym) >= 3 else slugify(c.name)))
        cand_ids[fn] = ident
        if c.acronym:
            cand_ids[fold(c.acronym)] = ident
        ctype = c.type
        if re.search(POST_WORD, c.name, re.IGNORECASE) and re.match(rf"(?:the[ \u00a0]+)?{POST_WORD}\b", c.name, re.IGNORECASE):
            ctype = "Post"
        entity = {"id": ident, "type": ctype, "name": {lang: plain(c.name)}}
        if c.acronym:
            entity["acronym"] = c.acronym
        if c.parent:
            entity["parent"] = c.parent
        entity.update(quotes.fact(*(c.quote_span or (c.start, c.end))))
        entity["status"] = "unreviewed"
        entity["note"] = c.note or "candidate entity (a name with an acronym in parentheses): check the type and whether it is already known"
        entities.append(entity)
        if c.key:
            key_ids[c.key] = entity

    # where candidates stand that no form of theirs finds: a regional body written with its organization's full name
    # (the party, not the organization named inside it), a government by its place's possessive ("Jalisco's government")
    written = [(*c.whole, cand_ids[fold(c.name)]) for c in new_candidates if c.whole and fold(c.name) in cand_ids]

    # "the state government", "el gobierno estatal": the one state's government the article names, for the curator to
    # check (never the unnamed collective "government": see find_mentions)
    state_governments = [e for e in entities if e.get("type") == "GovernmentBody"
                         and re.match(r"(?:Government|Gobierno)[ \u00a0]+(?:of|del?)[ \u00a0]", next(iter(e["name"].values())))
                         and fold(re.sub(r"^(?:Government|Gobierno)[ \u00a0]+(?:of|del?)[ \u00a0]+(?:(?:the[ \u00a0]+)?[Ss]tate"
                                         r"[ \u00a0]+of[ \u00a0]+|[Ee]stado[ \u00a0]+de[ \u00a0]+)?", "",
                                         next(iter(e["name"].values())))) in state_places(known)]
    if len(state_governments) == 1:
        gov = state_governments[0]
        taken_spans = [(a, b) for a, b, _ in written] + [(c.start, c.end) for c in new_candidates]
        for sg in _STATE_GOVERNMENT.finditer(text):
            key = (gov["id"], fold(sg.group(0)))
            if key in seen_forms or any(a < sg.end() and sg.start() < b for a, b in taken_spans):
                continue
            seen_forms.add(key)
            qa, qb = _quote_window(text, sentence_at(sentences, sg.start()), sg.start(), sg.end(), limit=160)
            mentions.append({"id": ids.make(f"men-{gov['id']}"), "entity": gov["id"], "form": plain(sg.group(0)),
                             **quotes.fact(qa, qb), "status": "unreviewed",
                             "note": f"the one state government the article names ({gov['id']}): check it is the one meant"})

    # People introduced with their post, and the usual tenure phrasings.
    person_ids: dict[str, str] = {}
    drafted_people: list[dict[str, Any]] = []  # (candidate people, as drafted)

    def person_id(name: str, span: tuple[int, int]) -> str:
        for m in matches:
            if m.start <= span[0] < m.end or span[0] <= m.start < span[1]:
                if by_id.get(m.entity) and by_id[m.entity].type == "Person":
                    return m.entity
        fn = fold(name)
        for k in known:
            if k.type == "Person" and any(fold(n) == fn or fold(n).startswith(fn + " ") for n in k.names):
                return k.id
        if fn in person_ids:
            return person_ids[fn]
        ident = ids.make(slugify(name))
        person_ids[fn] = ident
        sent = sentence_at(sentences, span[0])
        ent = {"id": ident, "type": "Person", "name": {lang: plain(name)}}
        ent.update(quotes.fact(*_quote_window(text, sent, span[0], span[1], limit=160)))
        ent["status"] = "unreviewed"
        ent["note"] = "candidate person: check the name as written and whether it is already known"
        entities.append(ent)
        drafted_people.append(ent)
        return ident

    def org_in(span: tuple[int, int], *, overrun: bool = False) -> str | None:
        """The first organization named inside ``span`` (with ``overrun``, one whose name starts in it: a post's
        text ends at the first comma, which may be inside the name of its body)."""
        for m in matches:
            if span[0] <= m.start and (m.end <= span[1] or overrun and m.start < span[1]) and by_id.get(m.entity) and by_id[m.entity].type not in ("Person", "Post", "CollectiveActor", "City", "Country", "State", "Region", "Place"):
                return m.entity
        for c in new_candidates:
            if span[0] <= c.start and c.end <= span[1]:
                return cand_ids.get(fold(c.name))
        for fn, ident in cand_ids.items():
            if fn and fn in fold(text[span[0]:span[1]]):
                return ident
        return None

    def org_ending_at(offset: int) -> str | None:
        """The organization whose name ends at ``offset`` (a possessive's owner: "the Electronics Chamber's")."""
        for m in matches:
            if m.end == offset and by_id.get(m.entity) and by_id[m.entity].type not in NOT_ORGANIZATION:
                return m.entity
        return next((cand_ids.get(fold(c.name)) for c in new_candidates if c.end == offset), None)

    def use_known(k: KnownEntity, span: tuple[int, int], sent: Sentence) -> str:
        """A known entity found by a rule: mentioned, and copied in if another article's file declares it."""
        q = quotes.fact(*_quote_window(text, sent, span[0], span[1], limit=160))
        if not any(m["entity"] == k.id for m in mentions):
            form = text[span[0]:span[1]].strip()
            fact = {"id": ids.make(f"men-{k.id}"), "entity": k.id, "form": plain(form)}
            fact.update(q)
            fact["status"] = "unreviewed"
            mentions.append(fact)
        if k.declared_in is not None and k.id not in imported:
            imported.add(k.id)
            entities.append(_import_entity(k, q))
        return k.id

    def post_id(post_text: str, span: tuple[int, int], sent: Sentence) -> str:
        fp = bare_post_name(post_text)
        possessive = re.match(r"^[\w-]+'s\s+", fp)  # "Canieti's president": the organization is the owner
        fp = fp[possessive.end():] if possessive else fp
        if fp in cand_ids and not possessive:
            return cand_ids[fp]
        anaphora = ANAPHORIC_BODY.search(fp)  # "presidente nacional del organismo": the body named before
        if anaphora:
            fp = fp[:anaphora.start()].strip()
        has_complement = re.search(r"\s(?:of|de|del)\s", fp) is not None or possessive is not None
        # "Secretary of Economy": the post names its own body; "its National President": the sentence's organization
        org = org_in(span, overrun=True) or (None if has_complement else org_in((sent.start, sent.end)))
        if org is None and anaphora:
            index = sentences.index(sent)
            for earlier in reversed(sentences[max(0, index - 2):index]):
                org = org_in((earlier.start, earlier.end))
                if org:
                    break
        # an owner's possessive right before the post's words: the organization whose name ends at it, never one
        # named elsewhere around ("by the chamber's leaders and by Jalisco's Secretary of Economic Development, X":
        # not the chamber's post); a post with its own owner ("Jalisco's ...") has that one or none
        owner = None if possessive else _POSSESSIVE_BEFORE.search(text, max(sent.start, span[0] - 40), span[0])
        if org is None and owner is not None:
            org = org_ending_at(owner.start())
        if possessive:  # a known post named with its owner ("Jalisco's Secretary of Economy")
            whole = post_form(bare_post_name(post_text))
            for k, _, forms in known_posts:
                if whole in forms:
                    return use_known(k, span, sent)
        if possessive and org is None and other_owner(possessive.group(0)[:-3], [], national):
            # "Jalisco's Secretary of Economy", "Google's president": an owner that is no organization we know (a
            # state, a company not yet declared) makes it another post than a known one of the same name; the
            # country's ("Mexico's Secretary of Economy") is the national post
            owned = f"{fp} {possessive.group(0)[:-3]}"
            key = "post::" + post_form(owned)
            if key not in person_ids:
                person_ids[key] = new_post(ids.make(slugify(owned)), post_text, None, fp, sent, span,
                                           owner=_OWNER_WRITTEN.match(post_text.strip()).group(1))
            return person_ids[key]
        core = re.split(r"\s+(?:of|de|del|de la)\s+", fp)[0].strip()
        core_en = POST_TRANSLATIONS.get(core, core)
        # "President of the National Institute of Entrepreneurs (INADEM)" is the known post "President of the
        # National Institute of Entrepreneurship" when both name INADEM: the post word, then any name of the body
        org_names = {fold(n) for n in by_id[org].names} if org and org in by_id else set()
        owned_forms = {post_form(f"{c} of {the}{n}") for c in (core, core_en) for n in org_names for the in ("", "the ")}
        written = post_form(fp)
        for k, names, forms in known_posts:
            if written in forms and (org is None or k.organization in (None, org)):
                return use_known(k, span, sent)
            generic = core in names or core_en in names or any(n == f"{core_en} of {fold(k.organization or '')}" for n in names)
            if generic and k.organization and org == k.organization:
                return use_known(k, span, sent)
            if org and k.organization in (None, org) and owned_forms & forms:
                return use_known(k, span, sent)
        key = "post:" + (org or "") + ":" + post_form(core)
        if key in person_ids:
            return person_ids[key]
        person_ids[key] = new_post(ids.make(slugify(f"{org}-{core}" if org else fp)), post_text, org, core, sent, span)
        return person_ids[key]

    def new_post(ident: str, post_text: str, org: str | None, core: str, sent: Sentence, span: tuple[int, int],
                 owner: str | None = None) -> str:
        """A candidate post, for the curator to check (``owner``: a possessor written that is no organization of the
        draft, "Jalisco's": its body is the curator's to name)."""
        name = post_text.strip()
        name = re.sub(r"^(?:the|its|el|la|su)[ \u00a0]+", "", name, flags=re.IGNORECASE)
        ent: dict[str, Any] = {"id": ident, "type": "Post", "name": {lang: plain(name)}}
        if org:
            ent["organization"] = org
        beside_head = NOT_HEAD_WORDS.search(name)
        if HEAD_WORDS.search(core) and not beside_head:
            ent["head"] = True
        ent.update(quotes.fact(*_quote_window(text, sent, span[0], span[1], limit=160)))
        ent["status"] = "unreviewed"
        ent["note"] = "candidate post: check its name and organization"
        if owner:  # ("" when the owner is not written as a possessive)
            ent["note"] += f"; owner written: '{owner}' (no organization drafted): set `organization` to its body by hand"
        if HEAD_WORDS.search(core) and beside_head:
            ent["note"] += f"; head left out ('{beside_head.group(0)}'): set `head: true` only if the post heads its body"
        entities.append(ent)
        return ident

    tenure_of: dict[tuple[str, str], dict[str, Any]] = {}  # (person, post) -> its tenure

    def add_tenure(person: str, post: str, sent: Sentence, span: tuple[int, int], *, reelection: bool = False,
                   note: str | None = None, dated: bool = True) -> dict[str, Any]:
        """The tenure (a new one, or the one drafted already); ``dated``: its sentence's dates and period are its."""
        same = tenure_of.get((person, post))
        if same is not None:
            if reelection:
                same["reelection"] = True
            return same
        t: dict[str, Any] = {"id": ids.make(f"ten-{person}")[:60], "person": person, "post": post}
        sentence_text = text[sent.start:sent.end] if dated else ""
        pm = _PERIOD.search(sentence_text)
        if pm:
            a, b = pm.group("a"), pm.group("b")
            if len(b) == 2:
                b = a[:2] + b
            t["start"], t["end"] = a, b
        for d in extract_dates(sentence_text, lang):
            if any(r.start <= sent.start + d.start < r.end for r in ranges) or sent.start + d.start < filed:
                continue  # (a day of a range or list is no start, nor the dateline's date: when the item was filed)
            if d.iso and re.search(r"(take office|takes office|took office|assume|sworn|a partir|asumir|rendir|protesta|effective|starting|starts)", sentence_text, re.IGNORECASE):
                t["start"] = d.iso
        dm = _DURATION.search(sentence_text)
        notes = [note] if note else []
        if dm:
            notes.append(f"term length stated: '{dm.group(0).strip()}' (no field for it; start/end only when stated)")
        if reelection:
            t["reelection"] = True
        qa, qb = _quote_window(text, sent, min(span[0], sent.end - 1), span[1], limit=260)
        if qa < filed <= span[0]:  # (the quote leaves the dateline out: its date is not the tenure's)
            qa = filed + len(text[filed:qb]) - len(text[filed:qb].lstrip())
        t.update(quotes.fact(qa, qb))
        t["status"] = "unreviewed"
        if notes:
            t["note"] = "; ".join(notes)
        tenures.append(t)
        tenure_of[(person, post)] = t
        return t

    for sent in sentences:
        st = text[sent.start:sent.end]
        for pattern, kind in TENURE_PATTERNS:
            for rm in re.finditer(pattern, st, re.IGNORECASE):
                raw_person = rm.group("person")
                name = _clean_person(raw_person)
                if not name:
                    continue
                p_off = sent.start + rm.start("person") + raw_person.find(name.split()[0])
                person = person_id(name, (p_off, p_off + len(name)))
                post_text = trim_post(rm.group("post"))
                org_text = rm.groupdict().get("org")
                org_text = trim_post(org_text) if org_text else None
                if post_text.lower() in {"presidency", "presidencia", "office", "post", "chair", "cargo"}:
                    post_text = "presidente" if lang == "es" else "president"
                    if post_text == "presidente" and rm.group("post").lower() != "presidencia":
                        post_text = "cargo"
                    if org_text:
                        post_text = f"{post_text} {'de' if lang == 'es' else 'of'} {org_text}"
                elif org_text:  # ("rindió protesta como presidenta de la Canieti Noreste": the post of that body)
                    post_text = st[rm.start("post"):rm.start("org") + len(org_text)]
                span = (sent.start + rm.start("post"), sent.start + (rm.start("org") + len(org_text) if org_text else rm.start("post") + len(post_text)))
                post = post_id(post_text, span, sent)
                tenure = add_tenure(person, post, sent, (sent.start + rm.start(), sent.start + rm.end()),
                                    reelection=(kind == "reelection"))
                # the one replaced in the post ("succeeding Jorge Luis Méndez, who led it since 2022", "en
                # sustitución de Héctor Salinas Garza"): a candidate tenure of the same post, the predecessor's
                pm = _PREDECESSOR.search(st, rm.end())
                before = _clean_person(pm.group("person")) if pm and not re.search(r"[.;]", st[rm.end():pm.start()]) else None
                if pm and before:
                    p_off = sent.start + pm.start("person") + pm.group("person").find(before.split()[0])
                    predecessor = person_id(before, (p_off, p_off + len(before)))
                    if predecessor != person:
                        since = _SINCE_RELATIVE.match(st, pm.end("person"))
                        earlier = add_tenure(predecessor, post, sent, (sent.start + pm.start(), sent.start + (
                            since.end() if since else pm.end())), dated=False,
                            note=f"candidate predecessor in the post: '{plain(pm.group(0))}'; its end is when "
                                 f"{person} took it, if the article says when")
                        if since and "start" not in earlier:
                            _set_before(earlier, "quote", "start", since.group("year"))
                        if "predecessor" not in tenure:
                            _set_before(tenure, "quote", "predecessor", earlier["id"])
        for rx in (_APPOSITION, _POST_FIRST):
            for rm in rx.finditer(st):
                name = _clean_person(rm.group("person"))
                if not name:
                    continue
                post_text = rm.group("post").strip()
                if len(post_text) < 3 or re.fullmatch(r"(?:the|el|la)\s+", post_text):
                    continue
                p_start = sent.start + rm.start("person") + rm.group("person").find(name.split()[0])
                person = person_id(name, (p_start, p_start + len(name)))
                span = (sent.start + rm.start("post"), sent.start + rm.end("post"))
                # "presidente saliente", "the outgoing president": the post's holder until its new one, the same post
                outgoing = _OUTGOING.search(post_text)
                if outgoing:
                    post_text = (post_text[:outgoing.start()] + post_text[outgoing.end():]).strip()
                post = post_id(post_text, span, sent)
                add_tenure(person, post, sent, (sent.start + rm.start(), sent.start + rm.end()),
                           note="post stated in apposition; no dates stated" + (
                               f"; outgoing ('{outgoing.group(0).strip()}'): the holder before the new one, whose "
                               "tenure ends when the new one's starts" if outgoing else ""))

        for rm in _TITLE_THEN_NAME.finditer(st):
            split = _title_split(rm.group("all"))
            name = _clean_person(split[1]) if split else None
            if not split or not name or any(t["quote"] and split[1] in t["quote"] and split[0] in t["quote"]
                                            for t in tenures):
                continue
            p_start = sent.start + rm.start("all") + len(rm.group("all")) - len(split[1])
            person = person_id(name, (p_start, p_start + len(name)))
            span = (sent.start + rm.start("all"), sent.start + rm.start("all") + len(split[0]))
            post = post_id(split[0], span, sent)
            add_tenure(person, post, sent, (span[0], p_start + len(name)),
                       note="post written before the name; no dates stated")

    # A drafted person whose name is a shorter form of one other drafted person's ("Héctor Salinas" of "Héctor
    # Salinas Garza", in either order) is that person: a mention of them, and their tenures are theirs.
    for short in list(drafted_people):
        (short_name,) = short["name"].values()
        longer = [p for p in drafted_people if p is not short and shorter_name(short_name, next(iter(p["name"].values())))]
        if len(longer) != 1:
            if longer:
                short["note"] += ("; may be the same person as " + " or ".join(p["id"] for p in longer)
                                  + " (a shorter form of each name): keep one, or this one")
            continue
        whole = longer[0]
        entities.remove(short)
        drafted_people.remove(short)
        mention = {"id": ids.make(f"men-{whole['id']}"), "entity": whole["id"], "form": short_name}
        mention.update({k: short[k] for k in ("quote", "occurrence") if k in short})
        mention["status"] = "unreviewed"
        mention["note"] = f"a shorter form of {whole['id']}, drafted in this article: check it is the same person"
        mentions.append(mention)
        for t in list(tenures):
            if t["person"] != short["id"]:
                continue
            same = next((o for o in tenures if o["person"] == whole["id"] and o["post"] == t["post"]), None)
            if same is not None:  # (the same tenure again, under the shorter name)
                if t.get("reelection"):
                    same["reelection"] = True
                outgoing = re.search(r"outgoing \('[^']*'\)", t.get("note", ""))
                if outgoing:  # ("Elizondo Garza, presidente saliente": the predecessor drafted before)
                    same["note"] = "; ".join([*filter(None, [same.get("note")]), f"{outgoing.group(0)} later in the text"])
                tenures.remove(t)
            else:
                t["person"] = whole["id"]

    # An outgoing holder ("Ruiz Soto, presidenta saliente") whose tenure was drafted already (as a predecessor, "en
    # sustitución de Ana Ruiz Soto"): that tenure, not a second one (nor a post of its own)
    for t in [t for t in tenures if re.search(r"outgoing \('", t.get("note", ""))]:
        earlier = [o for o in tenures if o is not t and o["person"] == t["person"]]
        if not earlier:
            continue
        keep = next((o for o in earlier if "predecessor" in o.get("note", "")), earlier[0])
        outgoing = re.search(r"outgoing \('[^']*'\)", t["note"])
        keep["note"] = "; ".join([*filter(None, [keep.get("note")]), f"{outgoing.group(0)} later in the text"])
        tenures.remove(t)
        post = next((e for e in entities if e["id"] == t["post"] and e.get("type") == "Post"
                     and e.get("note", "").startswith("candidate post")), None)
        if post is not None and not any(o["post"] == post["id"] for o in tenures):
            entities.remove(post)

    # A drafted person named again by a shorter form ("Tamez Olvera explicó", "Ochoa Ferrer said"): a mention with that
    # form, at its first stand-alone occurrence (the speaker of a quote that writes only the surnames is then named).
    # Not the given names ("Juan Carlos" of Juan Carlos Pérez: "Juan Carlos Ramírez" is someone else), nor a form that
    # more of a name follows or that stands inside any person's name
    people_names = {str(n) for e in entities if e.get("type") == "Person" for n in (e.get("name") or {}).values()}
    people_names |= {m["form"] for m in mentions if (k := by_id.get(m["entity"])) is not None and k.type == "Person"}
    names_spans = [(o.start(), o.end()) for n in people_names for o in re.finditer(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
    for person in [e for e in entities if e.get("type") == "Person" and e.get("note", "").startswith("candidate person")]:
        full_spans = [(o.start(), o.end()) for n in (person.get("name") or {}).values()
                      for o in re.finditer(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
        # (the first two words of three may be given names: not those of four, "Mario de la Cruz" of "... Sarabia")
        given = {" ".join(n.split()[:2]) for n in (person.get("name") or {}).values() if len(n.split()) == 3}
        for variant in sorted({v for n in (person.get("name") or {}).values() for v in _person_variants(n)} - given,
                              key=len, reverse=True):
            key = (person["id"], fold(variant))
            if key in seen_forms or any((m["entity"], fold(m.get("form", ""))) == key for m in mentions):
                continue  # (a form drafted already: a shorter name the person was drafted under, merged above)
            alone = next((o for o in re.finditer(rf"(?<![\w’'-]){re.escape(variant)}(?![\w’'-])", text)
                          if not any(a <= o.start() < b for a, b in full_spans + names_spans)
                          and not re.match(r"[ \u00a0]+[A-ZÁÉÍÓÚÑ]", text[o.end():o.end() + 2])), None)
            if alone is None:
                continue
            seen_forms.add(key)
            full_spans.append((alone.start(), alone.end()))
            qa, qb = _quote_window(text, sentence_at(sentences, alone.start()), alone.start(), alone.end(), limit=160)
            mentions.append({"id": ids.make(f"men-{person['id']}"), "entity": person["id"], "form": plain(variant),
                             **quotes.fact(qa, qb), "status": "unreviewed",
                             "note": f"a shorter form of {person['id']}'s name: check it is the same person"})

    # Observations.
    in_headline: list[dict[str, Any]] = []  # (the title's figures)
    masked = [(d.start, d.end) for d in dates] + [(m.start(), m.end()) for m in YEAR_RANGE.finditer(text)] \
        + [(r.start, r.end) for r in ranges]
    for sent in sentences:
        figures = find_figures(text, lang, sent, masked)
        figures = pair_figures(text, figures, sent.start)
        spans = [(f.surface_start, f.surface_end) for f in figures if keep_figure(f)]
        not_drafted.extend(plain(f) for f in fractions_without_number(text, sent, spans))
        for fig in figures:
            if "how often" in fig.notes or "planned multiple" in fig.notes:
                repeats.append(plain(text[fig.surface_start:fig.surface_end]))
            if not keep_figure(fig):
                continue
            words = fraction_in_words(text, fig, sent)
            if words is not None:
                not_drafted.append(plain(words))
                continue
            trim_noun(text, fig, lang)
            unit = fig.unit or ("rank" if fig.rank_cued else "count")
            obs: dict[str, Any] = {}
            surface = text[fig.surface_start:fig.surface_end].strip(" \u00a0,")
            obs["id"] = ids.make("obs-" + slugify(surface, 40))
            if fig.minimum is not None:
                lo, hi = sorted((fig.minimum, fig.value))
                obs["min"], obs["max"] = decimal_text(lo), decimal_text(hi)
            else:
                obs["value"] = decimal_text(fig.value)
            measure = _measure_for(text, fig, measures or {}) if unit in ("count", "MXN", "USD", "percent") else None
            if measure:
                obs["measure"] = measure
            obs["unit"] = unit
            obs["comparator"] = fig.comparator
            st = text[sent.start:sent.end]
            before = text[sent.start:fig.surface_start]
            found = _time_of(text, fig, sent, [sp for sp in spans if sp != (fig.surface_start, fig.surface_end)], filed)
            compared = _COMPARED.search(text, max(sent.start, fig.surface_start - 40), fig.surface_start)
            compared_note = None
            if found and compared and _before_estimated(text, sent, compared.start(), found[0]) and (
                    _ESTIMATE.search(st) or re.fullmatch(_LAST_YEAR, found[0].get("text", ""), re.IGNORECASE)):
                kind = "reported"  # (what it is compared with, of a time before the estimated figure's: "estimó que
                # ... alcanzará X en 2026, frente a Y del año pasado" or "frente a Y en 2025")
                compared_note = (f"reported, not estimated: compared ('{plain(compared.group(0))}') with the estimated "
                                 "figure, of a time before its")
            elif _ESTIMATE.search(st):
                kind = "estimate"
            elif _TARGET.search(before[-80:]):
                kind = "target"
            elif _projected(text, fig, sent) or _FUTURE_ES.search(_clause_of(text, sent, fig.surface_start, fig.surface_end)) \
                    or _future_phrase(text, sent, fig):
                kind = "projection"
            else:
                kind = "reported"
            obs["kind"] = kind
            per = _per_of(text, fig, sent)
            statistic = _statistic_of(text, fig, sent)
            if per:
                obs["per"] = per[0]
            if statistic:
                obs["statistic"] = statistic[0]
            # the quote holds the time's, per's and statistic's words too: kg check refuses a year or a
            # statistic its quote does not write
            span = (fig.surface_start, fig.surface_end)
            for extra in (found, per, statistic):
                if extra:
                    span = (min(span[0], extra[1][0]), max(span[1], extra[1][1]))
            if found:
                obs["time"] = found[0]
            obs["surface"] = plain(surface)
            qa, qb = _quote_window(text, sent, *span)
            obs.update(quotes.fact(qa, qb))
            obs["status"] = "unreviewed"
            notes = [n for n in fig.notes if n not in ("change",)]
            if compared_note:
                notes.append(compared_note)
            if unit == "times":  # (a factor, never a count: "creció 3 veces" is not 3 of anything)
                notes.append("a multiplier: the factor of a change or comparison (3 = three times the other quantity), "
                             "not a count; stated as a percent change is: a measure of growth or ratio, time the period "
                             "compared (year-on-year)")
            if found and _time_disagrees(obs, obs["quote"]) is not None:  # (a last guard: kg check's own rule)
                notes.append(f"time left out: '{text[found[1][0]:found[1][1]]}' is not written in the quote")
                del obs["time"]
            if fig.noun:
                notes.append(f"counted: '{fig.noun}'")
            if per:
                notes.append(f"per {per[0]}: '{text[per[1][0]:per[1][1]]}' (the figure as written, for each one)")
            if statistic:
                notes.append(f"statistic {statistic[0]}: '{text[statistic[1][0]:statistic[1][1]]}'")
            if "change" in fig.notes:
                notes.append("one end of a change (from ... to ...): link the two with compared_with")
            if measure:
                notes.append(f"measure {measure}: its label follows the figure, check it fits; about and attributed_to: to fill")
            else:
                notes.append("measure: pick a concept of ontology/vocab/measures.ttl; about and attributed_to: to fill")
            obs["note"] = "; ".join(notes)
            observations.append(obs)
            if title is not None and fig.surface_start < text.find("\n"):
                in_headline.append(obs)
    # A rank in words ("Mexico placed third among Latin American exhibitors", "ocupó el tercer lugar"): the reader of
    # figures takes ranks written in digits ("17th place", "el lugar 17") only
    for rk in _RANK_WORDS.finditer(text):
        if rk.start() < filed:
            continue
        sent = sentence_at(sentences, rk.start())
        group = next(g for g in ("ord", "ord_es", "ord_sup", "ord_noun", "ord_noun_f") if rk.group(g))
        at, surface = rk.start(group), rk.group(group)
        if _ORDINALS[fold(surface)] == 1 and group in ("ord_noun", "ord_noun_f") and not (
                _FIRST_SUPERLATIVE.match(text, at) or _RANKED_AMONG.search(text, rk.end(), sent.end)
                or _AS_RANKED.search(text, sent.start, at)):
            continue  # (first in time: "inaugurará el primer mercado digital de semiconductores del país")
        if any(o.get("unit") == "rank" and o.get("quote") and o["quote"] in text[sent.start:sent.end] for o in observations):
            continue  # (a rank its sentence gives in digits too)
        obs = {"id": ids.make("obs-" + slugify(surface, 40)), "value": str(_ORDINALS[fold(surface)]), "unit": "rank",
               "comparator": "exact", "kind": "projection" if _FUTURE.search(_clause_of(text, sent, at, rk.end()))
               else "reported", "surface": plain(surface)}
        obs.update(quotes.fact(*_quote_window(text, sent, rk.start(), rk.end())))
        obs["status"] = "unreviewed"
        obs["note"] = (f"a rank written in words ('{plain(rk.group(0))}'): among what, by what, in the measure; "
                       "measure: pick a concept of ontology/vocab/measures.ttl; about and attributed_to: to fill")
        observations.append(obs)

    # A headline's figure the body writes again ("US$310 million" over "more than US$310 million"): drafted once, from
    # the body; one only the headline writes stays, with a note
    for obs in in_headline:
        same = [o for o in observations if o not in in_headline and o["unit"] == obs["unit"]
                and all(o.get(k) == obs.get(k) for k in ("value", "min", "max"))]
        if same:
            observations.remove(obs)
        else:
            obs["note"] = "in the headline (the body does not write it again): check the body's figures; " + obs["note"]

    # Named events ("Northeast Digital Industry Forum", "Foro Jalisco Digital", "37th Annual National
    # Convention") become candidate events, with the date their sentence states, if any.
    dated: set[tuple[int, int]] = set()  # sentences whose date went to a named event, or names no event
    known_names = set(known_folded)
    heading_lines = [(at, at + len(h)) for h, at in _headings_at(text)] + ([(0, text.find("\n"))] if title else [])
    event_relations: list[dict[str, Any]] = []  # organized-by
    named_events = [(ev.start(), ev.end(), ev.group(0), None) for ev in _NAMED_EVENT.finditer(text)]
    named_events += [(ev.start("name"), ev.end("name"), ev.group("name"), ev) for ev in _TRIP_EVENT.finditer(text)
                     if not any(a < ev.end("name") and ev.start("name") < b for a, b, _, _ in named_events)]
    for ev_start, ev_end, ev_text, trip in sorted(named_events, key=lambda e: e[0]):
        # the name without its sentence's first words ("At", "During the") or its owner ("Canieti’s")
        lead = re.match(rf"(?:(?:{_LEAD_WORDS})[ \u00a0]+|[A-ZÁÉÍÓÚÑ][\w-]*[’']s[ \u00a0]+)*", ev_text)
        name = ev_text[lead.end() if lead else 0:].strip()
        sent = sentence_at(sentences, ev_start)
        if any(a <= ev_start < b for a, b in heading_lines) and any(
                not any(a <= o.start() < b for a, b in heading_lines)
                for o in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text[ev_end:])):
            continue  # (a heading or the headline naming the event a sentence after it names again: drafted from that sentence)
        if _NOT_EVENT.match(name):  # (nor is its sentence's date an event's: "el Congreso de la Unión aprobó ... el 5 de")
            dated.add((sent.start, sent.end))
            continue
        if fold(name) in known_names or fold(name) in cand_ids or len(name.split()) < 2:
            continue
        if _VENUE_AFTER.match(text, ev_end) or _VENUE_BEFORE.search(text, max(sent.start, ev_start - 40), ev_start):
            continue  # (a place where events are held: the date is its sentence's event's, "a ceremony held on ...")
        # the date nearest the name in its sentence, never the dateline's ("Ciudad de México, 3 de marzo de
        # 2026.- ... el Foro ..., que se realizará ... el 14 de abril de 2026")
        # (days of a range or list are its start and end, when they are one stretch and the year is written)
        in_sentence: list[DateFound | DayRange] = [d for d in dates if d.iso and sent.start <= d.start < sent.end
                                                   and d.start >= filed and in_range(d) is None]
        in_sentence += [r for r in ranges if sent.start <= r.start < sent.end and r.start >= filed]
        when = min(in_sentence, key=lambda d: min(abs(d.start - ev_end), abs(ev_start - d.end)), default=None)
        ident = ids.make(slugify(f"event-{name}"))
        cand_ids[fold(name)] = ident
        event = {"id": ident, "type": "Event", "name": {lang: plain(name)}}
        days_apart = isinstance(when, DayRange) and when.first is None
        # days ranged with no year, of an event whose name ends in one: "Hannover Messe 2026, held April 20-24"
        named_year = re.search(r"(?<!\d)((?:19|20)\d\d)$", name)
        year_from_name = None
        if days_apart and named_year and when.span and when.month:
            try:
                year_from_name = (datetime.date(int(named_year.group(1)), when.month, when.days[0]).isoformat(),
                                  datetime.date(int(named_year.group(1)), when.month, when.days[-1]).isoformat())
            except ValueError:
                year_from_name = None
        if isinstance(when, DateFound):
            event["date"] = when.iso
        elif isinstance(when, DayRange) and when.first is not None:
            event["start_date"], event["end_date"] = when.first, when.last
        elif year_from_name is not None:
            event["start_date"], event["end_date"] = year_from_name
            days_apart = False
        if when is not None:
            dated.add((sent.start, sent.end))
        body = max(sent.start, filed)
        planned = _PLANNED.search(text, body, sent.end)
        if planned and not _HELD.search(text, body, sent.end):
            event["event_status"] = "planned"
        if trip is not None and planned is None:  # ("will take a delegation to CES 2027", "viajará a ...")
            planned = _TRIP_PLANNED.search(text, max(sent.start, trip.start() - 40), trip.start("name"))
            if planned:
                event["event_status"] = "planned"
        span = (ev_start, ev_end) if when is None else (min(ev_start, when.start), max(ev_end, when.end))
        if trip is not None:  # (its quote from where the delegation goes: "delegation to CES 2027")
            span = (min(span[0], trip.start()), span[1])
        qa, qb = _quote_window(text, sent, *span)  # (a date its quote does not write is refused)
        if qa < filed <= span[0]:  # (nor may it hold the dateline's date)
            qa = filed + len(text[filed:qb]) - len(text[filed:qb].lstrip())
        # the venue its sentence writes after it ("en el Centro de Convenciones Cintermex", "at the Cintermex
        # Convention Center"): a candidate place
        venue = _VENUE.search(text, ev_end, min(sent.end, ev_end + 160))
        if venue is not None:
            vname = plain(venue.group("venue"))
            if fold(vname) not in cand_ids:
                cand_ids[fold(vname)] = ids.make(slugify(vname))
                entities.append({"id": cand_ids[fold(vname)], "type": "Place", "name": {lang: vname},
                                 **quotes.fact(venue.start("venue"), venue.end("venue")), "status": "unreviewed",
                                 "note": "candidate place (a venue named after an event): check its name and type"})
            event["place"] = cand_ids[fold(vname)]
            span = (min(span[0], venue.start("venue")), max(span[1], venue.end("venue")))
            qa, qb = _quote_window(text, sent, *span)
            if qa < filed <= span[0]:
                qa = filed + len(text[filed:qb]) - len(text[filed:qb].lstrip())
        event.update(quotes.fact(qa, qb))
        event["status"] = "unreviewed"
        event["note"] = (("candidate event (a name with an event word): check its type (Event, Convention, ...)" if trip is None
                          else f"candidate event (a name with a year where a delegation goes: '{plain(trip.group(0))}'): "
                               "check it is an event and its type (Event, Convention, ...)")
                         + (f"; days written '{plain(when.surface)}' (no one stretch with its year): date it by hand"
                            if days_apart and when is not None else
                            f" and that the days '{plain(when.surface)}' are its own; the year {named_year.group(1)} is "
                            f"its name's (the days write none)" if year_from_name is not None else
                            f" and that the date '{plain(when.surface)}' is its own" if when is not None
                            else "; no date in its sentence")
                         + (f"; planned, from '{planned.group(0)}': keep it only if the quote says so" if planned else "")
                         + (f"; place: the venue written '{plain(venue.group('venue'))}'" if venue is not None else ""))
        entities.append(event)
        # its organizers: the organizations named right before "organizarán"/"will organize" and the name
        # ("la Canieti Noreste y la URN organizarán el Foro Noreste Digital 2026")
        verb = _ORGANIZE_BEFORE.search(text, max(sent.start, ev_start - 30), ev_start)
        if verb is not None:
            clause = max([sent.start] + [sent.start + c.end() for c in  # (from the clause's start)
                                         re.finditer(r"[,;:]|\bque\b|\bthat\b", text[sent.start:verb.start()])])
            agents = _occurrences(text, _forms(entities, mentions, by_id, {"organization"}), written)
            for org in dict.fromkeys(o for a, b, o in agents if clause <= a and b <= verb.start()):
                event_relations.append({"id": ids.make(slugify(f"rel-{ident}-organized-by-{org}", 80)), "subject": ident,
                                        "relation": "organized-by", "object": org,
                                        **quotes.fact(*_quote_window(text, sent, clause, ev_end)), "status": "unreviewed",
                                        "note": f"candidate organizer: named before '{plain(verb.group(0).strip())}'"})

    # Named programs, initiatives, platforms, strategies, funds and studies ("el programa Talento Digital", "the
    # Digital Talent program", "the Code X initiative"): candidates, with who coordinates them and when a study
    # was published, when the words right after the name say so.
    initiatives, relations = _draft_initiatives(text, lang, sentences, dates, known_folded, cand_ids, mentions,
                                                entities, by_id, ids, quotes)
    relations = event_relations + relations
    entities.extend(initiatives)

    # Events with a stated date become candidate events: the format keeps dates on events.
    event_rx = re.compile(r"\b(?:assembly|convention|event|forum|summit|congress|meeting|ceremony|expo|fair|signing|"
                          r"asamblea|convención|convencion|evento|foro|cumbre|congreso|reunión|reunion|ceremonia|firma|feria)\b", re.IGNORECASE)
    stated: list[DateFound | DayRange] = [d for d in dates if d.iso and in_range(d) is None]
    stated += [r for r in ranges if r.first is not None]
    for d in sorted(stated, key=lambda d: d.start):
        if d.start < filed:
            continue
        sent = sentence_at(sentences, d.start)
        ev = event_rx.search(text[sent.start:sent.end])
        if ev and (sent.start, sent.end) not in dated:
            first = d.iso if isinstance(d, DateFound) else d.first
            ident = ids.make(slugify(f"event-{ev.group(0)}-{first}"))
            event: dict[str, Any] = {"id": ident, "type": "Event", "name": {lang: ev.group(0)}}
            if isinstance(d, DateFound):
                event["date"] = d.iso
            else:
                event["start_date"], event["end_date"] = d.first, d.last
            event.update(quotes.fact(*_quote_window(text, sent, min(sent.start + ev.start(), d.start), max(sent.start + ev.end(), d.end))))
            event["status"] = "unreviewed"
            event["note"] = f"candidate event dated '{plain(d.surface)}': name it and check the date belongs to it"
            entities.append(event)

    # The signers of an agreement named right after "firmado por"/"signed by" (or "y por") or after a title ("por el
    # rector Santos Guzmán López"): candidate people, so that they are its candidate signatories (below); an
    # agreement's only ("a letter signed by 200 firms" is no signing of one)
    signed_by = [(m, sent) for m in _SIGNED_BY.finditer(text)
                 if _AGREEMENT_WORD.search(text, (sent := sentence_at(sentences, m.start())).start, m.start())]
    known_people = [n for k in known if k.type == "Person" for n in k.names]
    for m, sent in signed_by:
        for signer in _SIGNER.finditer(text, m.start(), sent.end):
            name = _clean_person(signer.group("person"))
            at = signer.start("person") + signer.group("person").find(name.split()[0]) if name else -1
            if not name or any(k.start < at + len(name) and at < k.end and by_id[k.entity].type != "Person"
                               for k in matches if k.entity in by_id):
                continue
            longer = [n for p in drafted_people for n in p["name"].values()] + known_people
            if not any(shorter_name(name, n) for n in longer):  # ("Garza Villarreal": a person drafted or known)
                person_id(name, (at, at + len(name)))
    relations += _draft_agreements(text, lang, sentences, signed_by, entities, mentions, by_id, ids, quotes, written)

    statements = _draft_statements(text, sentences, filed, entities, mentions, observations, by_id, ids, quotes)

    _import_references(entities, by_id)
    facts: dict[str, Any] = {"article": article_id, "review": "draft",
                             "note": f"Drafted by kg ingest ({lang}); every fact is unreviewed. Check each quote, "
                                     "fill about/measure/attributed_to, delete what is wrong, then set review: reviewed."}
    for name, items in (("entities", entities), ("mentions", mentions), ("tenures", tenures), ("relations", relations),
                        ("statements", statements), ("observations", observations)):
        if items:
            facts[name] = items
    return Draft(facts=facts, dates=dates, headings=find_headings(text), warnings=warnings, dateline=dateline,
                 fractions=list(dict.fromkeys(not_drafted)), ranges=ranges, repeats=list(dict.fromkeys(repeats)),
                 title=title)


# Who said it: a sentence whose subject is a person or organization the draft names, then a verb of saying ("Rebeca
# Tamez Olvera, presidenta de la Canieti Sede Occidente, afirmó que ...", "Por su parte, Julián Esparza ..., estimó
# que", "Baeza Lugo said the first cohort ..."), or a quotation and then its speaker ('"...," Ochoa Ferrer said.',
# '"...", señaló Tamez Olvera.'): a candidate statement, and its sentence's figures are that speaker's. "According to
# CANIETI, ...", "Según la Canieti, ...": the sentence's figures are its source's (no statement). A speaker named by
# no name ("señaló la dirigente", "he said") or a verb with no subject ("Agregó que ...") is left to the curator.
_SAY_VERBS = (r"said|says|stated|states|explained|added|noted|stressed|highlighted|pointed[ \u00a0]+out|estimated|warned|"
              r"announced|asked|told|emphasi[sz]ed|indicated|reported|dijo|afirmó|señaló|explicó|agregó|añadió|indicó|"
              r"destacó|subrayó|estimó|advirtió|anunció|pidió|aseguró|comentó|sostuvo|expuso|informó|detalló|precisó|"
              r"consideró|reconoció|resaltó|enfatizó|apuntó|mencionó|declaró|puntualizó")
# Verbs that do not always say ("sostuvo una reunión", "reconoció a 15 empresas", "added 120 members", "expuso 30
# productos", "apuntó a"): a statement only when what is said follows them ("que", "that", ":", a quotation)
_SAY_AMBIGUOUS = {"added", "sostuvo", "reconoció", "expuso", "apuntó", "agregó", "añadió"}
_SAID_WHAT = re.compile(r"(?:,[^,.;\"“”\n]{1,60},)?(?:[ \u00a0]+(?:que|that)\b|[ \u00a0]*[:\"“])")
# A quotation opening right after the verb ('afirmó: "...', "said, “..."): direct speech
_QUOTE_OPENS = re.compile(r"[ \u00a0]*[,:]?[ \u00a0]*[\"“]")
# What may follow a speaker named after the verb ('"...," said CANIETI.', "dijo la Canieti durante ..."): not more of
# a name ("said CANIETI President Daniela Ochoa Ferrer", "dijo la Canieti Jalisco por medio de su presidenta")
_AFTER_SPEAKER = re.compile(r"[ \u00a0]*(?:[.,;:!?)]|$)|[ \u00a0]+(?:during|at|in|durante|en|al)\b")
_SAY_LEAD = re.compile(r"(?:(?:Por[ \u00a0]+su[ \u00a0]+parte|En[ \u00a0]+tanto|Además|Asimismo|Meanwhile|In[ \u00a0]+addition|"
                       r"However|Sin[ \u00a0]+embargo),[ \u00a0]+)?(?:(?i:la|el|los|las|the)[ \u00a0]+)?")
_SAY_AFTER_SUBJECT = re.compile(r"(?:[ \u00a0]*\([^()\n]{1,15}\))?(?:,[^,.;\"“”\n]{1,140},)?[ \u00a0]+"
                                r"(?:(?:también|also)[ \u00a0]+)?(?P<verb>" + _SAY_VERBS + r")\b")
_QUOTE_CLOSED = re.compile(r"[,.!?]?[\"”][ \u00a0]*,?[ \u00a0]+")
_SOURCE_LEAD = re.compile(r"(?:According[ \u00a0]+to|Según|De[ \u00a0]+acuerdo[ \u00a0]+con)[ \u00a0]+(?:(?:la|el|los|las|the)[ \u00a0]+)?")


def _draft_statements(text: str, sentences: list[Sentence], filed: int, entities: list[dict[str, Any]],
                      mentions: list[dict[str, Any]], observations: list[dict[str, Any]], by_id: dict[str, KnownEntity],
                      ids: Any, quotes: Any) -> list[dict[str, Any]]:
    """Candidate statements of the sentences whose speaker is named (see _SAY_VERBS), each with its verb as written;
    the figures quoted within such a statement (a quotation's sentences before too: by where each quote stands, not
    by its words, which may be written again elsewhere), and within a sentence that opens with "According to X," /
    "Según X,", get `attributed_to` (and `statement`), with `attribution_status: implied` when their quote leaves the
    speaker's name out."""
    drafted_people = {e["id"] for e in entities if e.get("type") == "Person"}
    forms = _forms(entities, mentions, by_id, {"organization", "person"})
    forms += [(m["form"], m["entity"]) for m in mentions if m["entity"] in drafted_people]  # ("Tamez Olvera")
    forms = sorted(set(forms), key=lambda f: -len(f[0]))

    def speaker_at(pos: int) -> tuple[str, str, int] | None:
        """(form, entity id, end) of a speaker's name written at ``pos``."""
        for form, ident in forms:
            if text.startswith(form, pos) and not re.match(r"[\w’'-]", text[pos + len(form):pos + len(form) + 1]):
                return form, ident, pos + len(form)
        return None

    def person(ident: str) -> bool:
        return ident in drafted_people or (k := by_id.get(ident)) is not None and _kind(k.type) == "person"

    def speaker_named_at(pos: int, end: int) -> tuple[str, str, int] | None:
        """The speaker named after its verb, at ``pos``: a name that ends the sentence's words ('said CANIETI.', 'said
        CANIETI during ...'), or else a person named after capitalized words ('said CANIETI President Daniela Ochoa
        Ferrer')."""
        who = speaker_at(pos)
        if who and _AFTER_SPEAKER.match(text[who[2]:end]):
            return who
        for _ in range(6):
            word = re.match(r"[A-ZÁÉÍÓÚÑ][\w’'.-]*[ \u00a0]+", text[pos:end])
            if word is None:
                return None
            pos += word.end()
            who = speaker_at(pos)
            if who and person(who[1]) and _AFTER_SPEAKER.match(text[who[2]:end]):
                return who
        return None

    spans = {id(obs): quotes.span(obs) for obs in observations}  # (located once, not once per statement)
    statements: list[dict[str, Any]] = []
    for sent in sentences:
        start = max(sent.start, filed)
        start += len(text[start:sent.end]) - len(text[start:sent.end].lstrip())
        if start >= sent.end:
            continue
        found: tuple[str, str, str, bool] | None = None  # (form, speaker, verb, direct)
        lead = _SAY_LEAD.match(text, start)
        who = speaker_at(lead.end()) if lead else None
        said = _SAY_AFTER_SUBJECT.match(text, who[2]) if who else None
        if said and said.group("verb") in _SAY_AMBIGUOUS and not _SAID_WHAT.match(text[said.end():sent.end]):
            said = None  # ("La Canieti sostuvo una reunión", "CANIETI added 120 new member companies")
        if who and said:
            found = (who[0], who[1], said.group("verb"), bool(_QUOTE_OPENS.match(text[said.end():sent.end])))
        else:
            # a quotation closed in this sentence, its speaker right after it; it may open sentences before
            # ('"Nearshoring will not wait for us. If we do not ... countries," Ochoa Ferrer said.')
            for closed in _QUOTE_CLOSED.finditer(text, start + 1, sent.end):
                opened = max(text.rfind("“", 0, closed.start()), text.rfind('"', 0, closed.start()))
                paragraph = text.rfind("\n", 0, closed.start())
                if opened < max(paragraph, filed, 0) or (opened > start and text[start:opened].strip()):
                    continue  # (no quotation opens in its paragraph, or words stand before it in this sentence)
                after = closed.end()
                verb_first = re.match(rf"(?P<verb>{_SAY_VERBS})[ \u00a0]+(?:(?:la|el|the)[ \u00a0]+)?", text[after:sent.end])
                who = speaker_named_at(after + verb_first.end(), sent.end) if verb_first else speaker_at(after)
                verb_after = re.match(rf"[ \u00a0]+(?P<verb>{_SAY_VERBS})\b", text[who[2]:sent.end]) if who and not verb_first else None
                if who and (verb_first or verb_after):
                    found = (who[0], who[1], (verb_first or verb_after).group("verb"), True)  # type: ignore[union-attr]
                    start = min(start, opened)
                break
        source = None
        if found is None:
            lead = _SOURCE_LEAD.match(text, start)
            who = speaker_at(lead.end()) if lead else None
            if who and re.match(r"[ \u00a0]*(?:\([^()\n]{1,15}\))?[ \u00a0]*,", text[who[2]:sent.end]):
                source = who
        if found is None and source is None:
            continue
        statement_id = None
        if found is not None:
            form, speaker, verb, direct = found
            statement_id = ids.make(f"st-{speaker}")
            st: dict[str, Any] = {"id": statement_id, "speaker": speaker, "verb": plain(verb)}
            if direct:
                st["direct"] = True
            st.update(quotes.fact(start, sent.end))
            st["status"] = "unreviewed"
            st["note"] = (f"candidate statement: '{plain(form)}' and '{plain(verb)}' in its sentence; check the speaker, "
                          "add topics and about")
            statements.append(st)
        else:
            form, speaker = source[0], source[1]  # type: ignore[index]
        names = [f for f, ident in forms if ident == speaker]
        said_from = min(start, sent.start)  # (a quotation may open sentences before)
        for obs in observations:
            where = spans[id(obs)]
            if "attributed_to" in obs or where is None or not (said_from <= where[0] and where[1] <= sent.end):
                continue
            _set_before(obs, "surface", "attributed_to", speaker)
            if not any(n in obs["quote"] for n in names):
                _set_before(obs, "surface", "attribution_status", "implied")
            if statement_id is not None:
                _set_before(obs, "surface", "statement", statement_id)
            obs["note"] = obs["note"].replace(
                "about and attributed_to: to fill",
                f"about: to fill; attributed_to: '{plain(form)}', " + ("who says it in its sentence" if statement_id
                                                                       else "its sentence's source") + ": check it")
    return statements


# An agreement signed: "firmaron un convenio de colaboración", "signed a memorandum of understanding", "the signing
# of a collaboration agreement", "la firma de un convenio". The words
# after the verb name it (the kind of agreement is in them: collaboration, cooperation).
_AGREEMENT_NAME = (
    # (what kind, in the words before it: "a collaboration agreement", "a talent development agreement", "a new
    # three-year framework agreement" (named "three-year framework agreement"); lower-case words only, none a determiner, preposition or number)
    # (not its kind: what the article thinks of it or when it was said, "an important agreement", "a previously
    # announced agreement", "un importante convenio": left out of the name)
    r"(?:(?:important|importante|historic|hist[óo]ric[oa]|previously|previamente|announced|anunciad[oa]|first|"
    r"primer|primera|major|key|new|nuev[oa])[ \u00a0]+)*"
    r"(?P<name>(?:(?!(?:and|or|of|with|to|the|an?|on|in|for|by|at|its|their|this|that|"
    r"these|those|more|than|several|many|some|one|two|three|four|five|y|e|o|de|del|con|para|el|la|los|las|un|una|en|por|"
    r"su|sus|este|esta|otro|otra|más|varios|varias|dos|tres)[ \u00a0])(?-i:[a-záéíóúñü][a-záéíóúñü-]*)[ \u00a0]+){0,3}?"
    r"(?:convenios?|acuerdos?|memor[áa]ndum(?:[ \u00a0]+(?:de[ \u00a0]+entendimiento|of[ \u00a0]+understanding))?|carta[ \u00a0]+de[ \u00a0]+intenci[óo]n|"
    r"alianza|agreements?|MoU|letter[ \u00a0]+of[ \u00a0]+intent|alliance)"
    # ("convenio de colaboración", "acuerdo marco de cooperación", "acuerdo de confidencialidad": an abstract noun;
    # not "convenio de la ...", "convenio de 5 años", "convenio para financiar")
    r"(?:[ \u00a0]+(?:general[ \u00a0]+|marco[ \u00a0]+)?de[ \u00a0]+[^\W\d_]+(?:ción|cion|dad|miento|ncia))?)\b")
_SIGNED = re.compile(
    r"\b(?:firm(?:aron|ó|o|an|a|ará|arán|ado)|suscrib(?:ieron|ió|e|en)|signed|sign|signs|inked|"
    r"(?:signing|firma|suscripción|suscripcion)[ \u00a0]+(?:of|de(?:l)?))[ \u00a0]+"
    # (when, between the verb and the agreement: "firmó este lunes dos convenios", "signed on Monday an agreement")
    rf"(?:(?:(?:este|el|this|on|last|el[ \u00a0]+pasado)[ \u00a0]+(?:{_WEEKDAYS})|hoy|ayer|today|yesterday)[ \u00a0]+)?"
    r"(?:(?:un|una|el|la|los|las|an?|the|two|dos|este|esta|otro|otra|another|this|its|their|su|sus)[ \u00a0]+)?"
    + _AGREEMENT_NAME, re.IGNORECASE)
# Two agreements of one signing, each with its other party: "firmó dos convenios: uno con el Gobierno de Nuevo León y
# otro con la Universidad Regiomontana del Norte (URN)", "signed two agreements: one with X and another with Y"
_EACH_WITH = re.compile(rf"(?:[ \u00a0]+(?:(?:on|this|last|este|el)[ \u00a0]+(?:{_WEEKDAYS})|today|yesterday|hoy|ayer))?"
                        r"[ \u00a0]*:[ \u00a0]*(?P<one>(?:uno|una|one)[ \u00a0]+(?:con|with)[ \u00a0]+)", re.IGNORECASE)
_OTHER_WITH = re.compile(r",?[ \u00a0]+(?P<and>y|e|and)[ \u00a0]+(?P<other>(?:otro|otra|another|the[ \u00a0]+other|one)"
                         r"[ \u00a0]+(?:con|with)[ \u00a0]+)", re.IGNORECASE)
# An agreement named by its other party, the one its signers signed: "El convenio con el gobierno estatal fue firmado
# por ...", "el acuerdo con la universidad lo suscribió el rector ..."
_AGREEMENT_WITH = re.compile(r"\b(?:el|la|the)[ \u00a0]+(?:convenio|acuerdo|agreement|memor[áa]ndum)[ \u00a0]+(?:con|with)"
                             r"[ \u00a0]+(?:(?:el|la|los|las|the)[ \u00a0]+)?(?P<ref>[^\W\d_]+(?:[ \u00a0]+[^\W\d_]+)?)", re.IGNORECASE)
# what an agreement's other party is called back by: "el gobierno estatal" of a government, "la universidad" of one
_REFERENCE_TYPES = {"gobierno": ("GovernmentBody",), "government": ("GovernmentBody",),
                    "universidad": ("University",), "university": ("University",),
                    "secretaria": ("GovernmentBody",), "ministry": ("GovernmentBody",), "secretariat": ("GovernmentBody",),
                    "instituto": ("PublicInstitute", "ResearchCenter"), "institute": ("PublicInstitute", "ResearchCenter"),
                    "camara": ("IndustryChamber",), "chamber": ("IndustryChamber",)}
# An agreement named first and signed after, its parties after the verb: "el convenio firmado entre la Canieti y la
# UNAM", "an agreement signed with the state government", "el acuerdo que suscribieron la Canieti y el IPN"
_SIGNED_PASSIVE = re.compile(
    r"\b(?P<det>un|una|el|la|an?|the|este|esta|this|dicho|dicha)[ \u00a0]+" + _AGREEMENT_NAME
    + r",?[ \u00a0]+(?:(?:firmad[oa]|suscrit[oa]|signed)[ \u00a0]+(?:por|entre|con|by|between|with)"
      r"|que[ \u00a0]+(?:firmaron|suscribieron|firmó|suscribió|firman|suscriben))\b",
    re.IGNORECASE)
_DEFINITE = re.compile(r"el|la|the|este|esta|this|dicho|dicha", re.IGNORECASE)
_PURPOSE = re.compile(r"\b(?:to|in[ \u00a0]+order[ \u00a0]+to|aimed[ \u00a0]+at|para|con[ \u00a0]+el[ \u00a0]+(?:fin|objetivo|propósito)[ \u00a0]+de|"
                      r"a[ \u00a0]+fin[ \u00a0]+de|que[ \u00a0]+(?:busca|permitirá|tiene))\b", re.IGNORECASE)
_PARTNERSHIP = re.compile(r"partnership|alianza|alliance", re.IGNORECASE)
_SIGNING_PLANNED = re.compile(r"firmar[áa]n?\b", re.IGNORECASE)
_SIGNING_PLANNED_BEFORE = re.compile(r"\b(?:will|would|to|plans?[ \u00a0]+to|expects?[ \u00a0]+to|va[ \u00a0]+a|van[ \u00a0]+a|"
                                     r"pretende|planea|busca)[ \u00a0]*$", re.IGNORECASE)
_COLLABORATION = re.compile(r"colaboraci[óo]n|cooperaci[óo]n|collaboration|cooperation", re.IGNORECASE)
_JOINED_CLAUSE = re.compile(r"[,;][ \u00a0]+(?:y|e|and|while|mientras)\b|;")


def _forms(entities: list[dict[str, Any]], mentions: list[dict[str, Any]], by_id: dict[str, KnownEntity],
           kinds: set[str]) -> list[tuple[str, str]]:
    """(form, entity id) of the draft's entities of those kinds: known ones as their mentions write them, candidates
    by their names, aliases and acronym."""
    forms = [(m["form"], m["entity"]) for m in mentions
             if (k := by_id.get(m["entity"])) is not None and _kind(k.type) in kinds]
    forms += [(str(f), e["id"]) for e in entities if _kind(e.get("type", "")) in kinds
              for f in [*(e.get("name") or {}).values(), e.get("acronym"),
                        *(a for names in (e.get("aliases") or {}).values() for a in names)] if f]
    return forms


def _occurrences(text: str, forms: list[tuple[str, str]],
                 spans: Iterable[tuple[int, int, str]] = ()) -> list[tuple[int, int, str]]:
    """Where each form (and each of ``spans``) stands in the text as whole words: (start, end, entity id), in order;
    not inside a longer one of another entity ("Ministry of Economy" in "Nuevo León's Ministry of Economy", "Canieti"
    in "Canieti Noreste")."""
    found = sorted([(o.start(), o.end(), ident) for form, ident in forms
                    for o in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)] + list(spans))
    return [(a, b, ident) for a, b, ident in found
            if not any(c <= a and b <= d and d - c > b - a and other != ident for c, d, other in found)]


def _draft_agreements(text: str, lang: str, sentences: list[Sentence],
                      signed_by: list[tuple[re.Match[str], Sentence]], entities: list[dict[str, Any]],
                      mentions: list[dict[str, Any]], by_id: dict[str, KnownEntity], ids: Any,
                      quotes: Any, written: Iterable[tuple[int, int, str]] = ()) -> list[dict[str, Any]]:
    """A candidate agreement for each signing the text states, with the organizations its sentence names (known
    ones, by their mentions, and candidates) as candidate parties: every one unreviewed, for the curator to check
    (a party may be the one who announced it, not one who signed it), and the people named after its "signed by"
    (``signed_by``: each with its sentence) as candidate signatories. Appended to ``entities``; the party and
    signatory relations are returned (``written``: where candidates stand that no form of theirs finds, each with its
    id: a regional body written with its organization's full name)."""
    relations: list[dict[str, Any]] = []
    agents = _occurrences(text, _forms(entities, mentions, by_id, {"organization"}), written)
    # (a drafted person by a shorter form of the name too: "Garza Villarreal" of "Juan Garza Villarreal")
    people = _occurrences(text, _forms(entities, mentions, by_id, {"person"})
                          + [(v, e["id"]) for e in entities if e.get("type") == "Person" and e.get("note", "").startswith(
                              "candidate person") for n in (e.get("name") or {}).values() for v in _person_variants(n)])
    drafted: list[tuple[int, str]] = []  # (where its signing is, agreement id)
    party_of: dict[str, list[str]] = {}  # agreement id -> its candidate parties

    def add(m: re.Match[str], sent: Sentence, parties: list[str], planned: bool,
            quote: tuple[int, int] | None = None, each: str = "") -> None:
        """``quote``: its own words, when one signing names two agreements (``each``: which one the note says)."""
        if not parties:
            return
        name = plain(m.group("name"))
        kind = "CollaborationAgreement" if _COLLABORATION.search(name) else \
            "PartnershipAgreement" if _PARTNERSHIP.search(name) else "Agreement"
        if each:  # ("dos convenios de colaboración": each one a "convenio de colaboración")
            name = re.sub(r"^(\w+?)(?:e?s)\b", r"\1", name) if re.match(r"(?i)(?:convenios|acuerdos|agreements)\b", name) else name
        ident = ids.make(slugify("agreement-" + "-".join(p.rsplit("/", 1)[-1] for p in parties), 60))
        window = _quote_window(text, sent, sent.start, sent.end)
        entities.append({"id": ident, "type": kind, "name": {lang: name},
                         **quotes.fact(*(quote or (m.start("name"), m.end("name")))), "status": "unreviewed",
                         "note": f"candidate agreement ('{plain(m.group(0))}'{each}): name it (whose, on what), check "
                                 "its type (Agreement, CollaborationAgreement, PartnershipAgreement) and parties"
                                 + ("; a signing announced for later: keep it only if the article says it was signed"
                                    if planned else "")})
        drafted.append((m.start(), ident))
        party_of[ident] = list(parties)
        for party in parties:
            relations.append({"id": ids.make(slugify(f"rel-{party}-party-to-{ident}", 80)), "subject": ident,
                              "relation": "party", "object": party, **quotes.fact(*window), "status": "unreviewed",
                              "note": "candidate party: an organization its clause names; check it signed "
                                      "(not only announced or hosted it)"})

    signings = list(_SIGNED.finditer(text))
    clause_end = 0  # (where the last signing's clause ended: the next one's parties come after it)
    for i, m in enumerate(signings):
        sent = sentence_at(sentences, m.start())
        # Its clause: from the sentence's start, or what an earlier signing or a "que" ("El IFT informó que la
        # Canieti firmó ...") left, to the next signing or the next clause joined by "y"/"and".
        start = max(sent.start, clause_end)
        that = [q.end() for q in re.finditer(r"\bque\b|\bthat\b", text[start:m.start()], re.IGNORECASE)]
        start = start + that[-1] if that else start
        end = signings[i + 1].start() if i + 1 < len(signings) and signings[i + 1].start() < sent.end else sent.end
        joined = _JOINED_CLAUSE.search(text, m.end(), end)
        end = clause_end = joined.start() if joined else end
        named = [(a, b, ident) for a, b, ident in agents if start <= a and b <= end]
        planned = _SIGNING_PLANNED.search(m.group(0)) or _SIGNING_PLANNED_BEFORE.search(text, max(sent.start, m.start() - 40), m.start())
        one = _EACH_WITH.match(text, m.end())
        other = _OTHER_WITH.search(text, one.end(), sent.end) if one else None
        if one and other:  # two agreements, each with the parties before the verb and its own other party
            shared = [ident for a, b, ident in named if a < m.start()]
            own = [ident for ident in _parties(text, named, one.end(), end) if ident not in shared]
            first = [ident for a, b, ident in named if one.end() <= a and b <= other.start() and ident in own]
            second = [ident for ident in own if ident not in first]
            if first and second:
                stop = next((b for a, b, ident in named if ident == second[-1] and a >= other.end()), other.end())
                add(m, sent, list(dict.fromkeys(shared + first)), bool(planned),
                    quote=(m.start(), max(b for a, b, ident in named if ident in first and a < other.start())),
                    each=f", one of two: '{plain(text[one.start('one'):other.start()].strip())}'")
                add(m, sent, list(dict.fromkeys(shared + second)), bool(planned), quote=(other.start("and"), stop),
                    each=f", one of two: '{plain(text[other.start('other'):stop])}'")
                continue
        add(m, sent, _parties(text, named, m.end(), end), bool(planned))
    # An agreement signed in the passive, unless its definite article refers back to one already drafted ("Ambas
    # firmaron un convenio ... El convenio, firmado por ...") or an active signing of the same sentence drafted it
    for m in _SIGNED_PASSIVE.finditer(text):
        sent = sentence_at(sentences, m.start())
        if any(sent.start <= at < sent.end for at, _ in drafted) \
                or (_DEFINITE.fullmatch(m.group("det")) and any(at < m.start() for at, _ in drafted)):
            continue
        # (the signers after "firmado por"/"signed by" are a list of people, each with the body they lead:
        # "..., president of CANIETI, and Enrique Graue, rector of UNAM")
        joined = None if re.search(r"(?:por|by)$", m.group(0), re.IGNORECASE) else _JOINED_CLAUSE.search(text, m.end(), sent.end)
        end = joined.start() if joined else sent.end
        add(m, sent, _parties(text, [o for o in agents if m.end() <= o[0] and o[1] <= end], m.end(), end), False)
    drafted.sort()
    # Signatories: "The agreement, signed by Mario de la Cruz, National President of Canieti, and Enrique Graue",
    # "el convenio, firmado por ...": the people the rest of the sentence names, of the last agreement drafted before
    # ... or of the agreement a definite article names by its other party before the verb ("El convenio con el
    # gobierno estatal fue firmado por ..., mientras que el acuerdo con la universidad lo suscribió el rector ..."),
    # each with the people up to the next such agreement or signing
    referred = [(r, _agreement_referred(r.group("ref"), drafted, party_of, entities, by_id))
                for r in _AGREEMENT_WITH.finditer(text)]
    bounds = sorted([m.start() for m, _ in signed_by] + [r.start() for r, _ in referred])
    for m, sent in signed_by:
        refer = next(((r, a) for r, a in reversed(referred) if sent.start <= r.start() < m.start()), None)
        agreement = refer[1] if refer is not None else next((ident for at, ident in reversed(drafted) if at < m.start()), None)
        if agreement is None:
            continue
        stop = min([b for b in bounds if m.end() <= b < sent.end] + [sent.end])
        if refer is not None:  # (its own words: from the agreement named to its signers)
            window = _quote_window(text, sent, refer[0].start(), max([b for a, b, _ in people if m.end() <= a and b <= stop]
                                                                      + [m.end()]))
        else:
            window = _quote_window(text, sent, sent.start, sent.end)
        for person in dict.fromkeys(ident for a, b, ident in people if m.end() <= a and b <= stop):
            relations.append({"id": ids.make(slugify(f"rel-{person}-signatory-of-{agreement}", 80)), "subject": agreement,
                              "relation": "signatory", "object": person, **quotes.fact(*window), "status": "unreviewed",
                              "note": f"candidate signatory: named after '{plain(m.group(0).strip())}'; check it is "
                                      f"{agreement}'s signing (the last agreement drafted before it)"})
    return relations


def _agreement_referred(ref: str, drafted: list[tuple[int, str]], party_of: dict[str, list[str]],
                        entities: list[dict[str, Any]], by_id: dict[str, KnownEntity]) -> str | None:
    """The agreement drafted whose other party ``ref`` names ("gobierno estatal", "universidad", "URN"): the one
    party no other agreement drafted has, of that name or of the type its noun says; None unless one fits."""
    words = [fold(w) for w in ref.split()]
    drafted_entities = {e["id"]: e for e in entities}
    fits = []
    for _, agreement in drafted:
        others = [p for p in party_of.get(agreement, [])
                  if not any(p in party_of.get(other, []) for _, other in drafted if other != agreement)]
        for party in others:
            ent = drafted_entities.get(party)
            names = [fold(str(n)) for n in ((ent.get("name") or {}).values() if ent else [])] + \
                ([fold(ent["acronym"])] if ent and ent.get("acronym") else []) + \
                [fold(n) for n in (by_id[party].names if party in by_id else [])]
            type_ = ent.get("type") if ent else by_id[party].type if party in by_id else None
            if " ".join(words) in names or (words[0] in _REFERENCE_TYPES and (
                    type_ in _REFERENCE_TYPES[words[0]] or any(n.split()[0] == words[0] for n in names if n))):
                fits.append(agreement)
                break
    return fits[0] if len(set(fits)) == 1 else None


def _parties(text: str, named: list[tuple[int, int, str]], start: int, end: int) -> list[str]:
    """The organizations of a signing's clause named before the agreement's purpose ("... with CONCAMIN to promote
    the use of CAPIM"), whose word is not inside a name ("el Consejo para la Innovación")."""
    purpose = next((p for p in _PURPOSE.finditer(text, start, end) if not any(a <= p.start() < b for a, b, _ in named)),
                   None)
    cut = purpose.start() if purpose else end
    return list(dict.fromkeys(ident for a, _, ident in sorted(named) if a < cut))


_AGREEMENT_WORD = re.compile(r"\b(?:agreements?|convenios?|acuerdos?|memor[áa]ndum|MoU|alianza|alliance|documento|document)\b",
                             re.IGNORECASE)
_SIGNED_BY = re.compile(r"\b(?:signed|firmad[oa]s?|suscrit[oa]s?)[ \u00a0]+(?:by|por)[ \u00a0]+|"
                        r"\b(?:lo|la)[ \u00a0]+(?:firm(?:ó|aron)|suscrib(?:ió|ieron))[ \u00a0]+", re.IGNORECASE)
# a signer: a name right after "by"/"por" (the signing's, or "y por"), or after a title ("el rector Santos Guzmán López")
_SIGNER = re.compile(rf"\b(?:(?:by|por)[ \u00a0]+(?:(?:el|la|the)[ \u00a0]+)?(?:{POST_WORD}[ \u00a0]+)?|"
                     rf"(?:el|la|the)[ \u00a0]+{POST_WORD}[ \u00a0]+)(?P<person>{PERSON_NAME})")


_INITIATIVE_WORDS = {"program": "Program", "programme": "Program", "programa": "Program", "initiative": "Initiative",
                     "iniciativa": "Initiative", "platform": "Platform", "plataforma": "Platform", "strategy": "Strategy",
                     "estrategia": "Strategy", "fund": "Fund", "fondo": "Fund", "study": "Study", "estudio": "Study",
                     "report": "Study", "informe": "Study", "reporte": "Study"}
_CAP = r"(?:[A-ZÁÉÍÓÚÑ][\w’'.-]*|\d+(?:\.\d+)?)"
# "the Digital Talent program", "its Code X initiative" (no capitalized word after the type word: "the National
# Digital Strategy Coordination" is an office)
_NAMED_BEFORE = re.compile(
    rf"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]n?)[ \u00a0]+(?P<name>{_CAP}(?:[ \u00a0]+(?:(?:of|for|and|on|the)[ \u00a0]+)*{_CAP})*)"
    r"[ \u00a0]+(?P<word>program|programme|initiative|platform|strategy|fund|study|report)\b(?![ \u00a0]+[A-ZÁÉÍÓÚÑ])")
# "el programa Talento Digital", "la plataforma México Conectado", "el estudio Panorama TIC"; and a name that starts
# with its type word, "la Estrategia Nacional de Ciberseguridad" (the whole is its name)
_NAMED_AFTER = re.compile(
    r"\b(?:[Ee]l|[Ll]a|[Ll]os|[Ll]as|[Ss]us?|del|al|[Tt]he)[ \u00a0]+(?P<word>(?i:programa|iniciativa|plataforma|estrategia|"
    r"fondo|estudio|informe|reporte|program|initiative|platform|strategy|fund|study|report))[ \u00a0]+"
    # (a name that goes on after its capitalized type word with "de": "el Fondo de Nearshoring", "el Programa de
    # Desarrollo del Sector"; never after a lower-case one: "el programa de Canieti" is whose program it is)
    r"(?P<lead>(?:de|del|para|of|for)[ \u00a0]+(?:(?:la|el|los|las|the)[ \u00a0]+)?)?"
    rf"(?P<name>{_CAP}(?:[ \u00a0]+(?:(?:de|del|para|y|la|las|los|el|of|for|and|on|the)[ \u00a0]+)*{_CAP})*)")
# "a National Strategy for Cybersecurity", "the National Cybersecurity Strategy": the type word capitalized inside
# the name (not "the National Digital Strategy Coordination", an office)
_NAMED_CAPITAL = re.compile(
    rf"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]n?)[ \u00a0]+(?P<name>(?:{_CAP}[ \u00a0]+)*"
    r"(?P<word>Strategy|Program|Programme|Initiative|Platform|Fund|Study|Report)"
    rf"(?:[ \u00a0]+(?:of|for|on)[ \u00a0]+{_CAP}(?:[ \u00a0]+(?:(?:and|of|for|the)[ \u00a0]+)*{_CAP})*)?)(?![ \u00a0]+[A-ZÁÉÍÓÚÑ])")
# "presented Exporta TIC, a joint program to help ...", "lanzó Código X, una iniciativa para ...": a name, then its type
# word in apposition (the name is the capitalized words alone)
_NAMED_APPOSITIVE = re.compile(
    rf"(?<![\w’'])(?P<name>{_CAP}(?:[ \u00a0]+{_CAP}){{0,4}}),[ \u00a0]+(?:an?|un|una)[ \u00a0]+"
    r"(?:(?:new|joint|national|federal|pilot|nuevo|nueva|conjunto|conjunta|nacional)[ \u00a0]+)?"
    r"(?P<word>program|programme|initiative|platform|strategy|fund|programa|iniciativa|plataforma|estrategia|fondo)\b")
_COORDINATED = re.compile(r",?[ \u00a0]+(?:coordinad[oa]s?|coordinated)[ \u00a0]+(?:por|by)[ \u00a0]+(?:(?:la|el|los|las|the)[ \u00a0]+)?",
                          re.IGNORECASE)
_PUBLISHED = re.compile(r",?[ \u00a0]+(?:publicad[oa]|published|released|dad[oa][ \u00a0]+a[ \u00a0]+conocer)[ \u00a0]+"
                        r"(?:(?:en|el|in|on)[ \u00a0]+)?", re.IGNORECASE)


def _draft_initiatives(text: str, lang: str, sentences: list[Sentence], dates: list[DateFound],
                       known_folded: dict[str, str], cand_ids: dict[str, str], mentions: list[dict[str, Any]],
                       entities: list[dict[str, Any]], by_id: dict[str, KnownEntity], ids: Any,
                       quotes: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Candidate programs, initiatives, platforms, strategies, funds and studies a type word names (neither known
    nor drafted already), each with the type its word says, and their relations: `coordinated-by` when "coordinado
    por" / "coordinated by" and a known or candidate organization or person follow the name; and `published` when "publicado
    en" / "published in" and a date follow it (at the precision written)."""
    out: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    # (coordinated-by takes an Agent: an organization or a person, never a place or a post)
    coordinators = sorted(_forms(entities, mentions, by_id, {"organization", "person"}), key=lambda f: -len(f[0]))
    found = [(m, m.group("name").strip(), m.group("word")) for pattern in (_NAMED_AFTER, _NAMED_BEFORE, _NAMED_CAPITAL)
             for m in pattern.finditer(text)]
    found += [(m, m.group("name").strip(), m.group("word")) for m in _NAMED_APPOSITIVE.finditer(text)
              if m.group("name").split()[0].lower() not in NOT_PERSON_WORDS]
    taken: list[tuple[int, int]] = []
    for m, bare, word in sorted(found, key=lambda f: f[0].start()):
        start, end = min(m.start("word"), m.start("name")), max(m.end("word"), m.end("name"))
        if m.re is _NAMED_APPOSITIVE:  # (its name alone; the quote runs on to the type word)
            start, end = m.start("name"), m.end("name")
        while text[end - 1] == "." and end - 1 > start:  # (a sentence's full stop, not an abbreviation's)
            end -= 1
        full = text[start:end]
        bare = bare.rstrip(".")
        if m.re is _NAMED_AFTER and m.group("lead") and not word[0].isupper():
            continue  # ("el programa de Canieti": whose, not its name)
        if word[0].isupper():  # ("Estrategia Nacional de Ciberseguridad": the type word is part of the name)
            bare = full
        if any(fold(n) in known_folded or fold(n) in cand_ids for n in (bare, full)) or len(bare) < 2 \
                or any(a < end and start < b for a, b in taken) or bare == word:
            continue
        taken.append((start, end))
        kind = _INITIATIVE_WORDS[word.lower()]
        ident = ids.make(slugify(bare, 50))
        cand_ids[fold(full)] = cand_ids[fold(bare)] = ident
        entity: dict[str, Any] = {"id": ident, "type": kind, "name": {lang: plain(full)}}
        if bare != full:
            entity["aliases"] = {lang: [plain(bare)]}
        span = (start, m.end("word")) if m.re is _NAMED_APPOSITIVE else (start, end)
        notes = [f"candidate {kind.lower()} ('{plain(full)}'): check its type (Program, Initiative, Platform, Strategy, Fund, "
                 "Study) and whether it is already known"]
        published = _PUBLISHED.match(text, span[1]) if _kind(kind) == "initiative" else None  # (a study's, a strategy's)
        when = next((d for d in dates if d.start == published.end() and d.year), None) if published else None
        if when is not None:
            entity["published"] = when.iso or (f"{when.year}-{when.month:02d}" if when.month else when.year)
            span = (span[0], when.end)
            notes.append(f"published: '{plain(when.surface)}'")
        entity.update(quotes.fact(*span))
        entity["status"] = "unreviewed"
        entity["note"] = "; ".join(notes)
        out.append(entity)
        coordinated = _COORDINATED.match(text, span[1])
        if coordinated:
            sent = sentence_at(sentences, m.start())
            rest = text[coordinated.end():sent.end]
            by = next(((form, who) for form, who in coordinators if rest.startswith(form)), None)
            if by is not None:
                relations.append({"id": ids.make(slugify(f"rel-{ident}-coordinated-by-{by[1]}", 80)), "subject": ident,
                                  "relation": "coordinated-by", "object": by[1],
                                  **quotes.fact(span[0], coordinated.end() + len(by[0])),
                                  "status": "unreviewed", "note": "candidate relation: check who coordinates it"})
    return out, relations


def _kind(class_name: str) -> str | None:
    return CLASS_TO_KIND.get(class_name.removeprefix("kg:"))


REFERENCE_KEYS = ("organization", "parent", "series", "part_of", "follows", "place", "organizer", "country")


def _import_references(entities: list[dict[str, Any]], by_id: dict[str, KnownEntity]) -> None:
    """An entity copied in may name others only another article declares (a post's organization): copy them too."""
    declared = {e["id"] for e in entities}
    queue = list(entities)
    while queue:
        item = queue.pop(0)
        for key in REFERENCE_KEYS:
            ref = item.get(key)
            if not isinstance(ref, str) or ref in declared:
                continue
            known = by_id.get(ref)
            if known is None:
                del item[key]
                item["note"] = (item.get("note", "") + f"; {key} {ref!r} is not a known entity: set it").lstrip("; ")
            elif known.declared_in is not None:
                copy = _import_entity(known, {k: item[k] for k in ("quote", "occurrence") if k in item})
                copy["note"] = f"needed by {item['id']} ({key}); " + copy["note"]
                entities.append(copy)
                declared.add(ref)
                queue.append(copy)


def _import_entity(ent: KnownEntity, quote: dict[str, Any]) -> dict[str, Any]:
    """An entity declared in another article's fact file: copied so the draft checks on its own."""
    keep = ("id", "type", "name", "acronym", "aliases", "same_as", "organization", "head", "parent", "country", "gloss")
    out = {k: ent.data[k] for k in keep if k in ent.data}
    out.update(quote)
    out["status"] = "unreviewed"
    out["note"] = (f"declared in {ent.declared_in.name if ent.declared_in else 'entities.yaml'}: an entity used by two "
                   f"articles moves to data/entities.yaml: run `kg entities share {ent.id}` before marking this file reviewed")
    return out


# --- rendering and writing -----------------------------------------------------------------------

def _same_text(paths: Paths, text: str, article_id: str) -> str | None:
    """The id of a corpus article with this text, line breaks and spacing aside (the same press item
    saved twice, or from two feeds), other than ``article_id`` itself."""
    wanted = " ".join(text.split())
    for other in sorted(paths.articles.glob("*.txt")) if paths.articles.is_dir() else []:
        if other.stem == article_id:
            continue
        try:
            if " ".join(other.read_text(encoding="utf-8").split()) == wanted:
                return other.stem
        except (OSError, UnicodeDecodeError):
            continue  # (kg check names a file it cannot read)
    return None


def render_draft(draft: Draft) -> str:
    """YAML with a header a curator reads first: what to check, and the dates found."""
    lines = ["# DRAFT written by `kg ingest`: nothing here is reviewed. `kg build` leaves this file out until",
             "# you check every fact (fix or delete it, set its status) and set `review: reviewed`.",
             "# Loop: edit -> `kg check` -> set review: reviewed -> `kg build`."]
    if draft.dates:
        lines.append("# Dates found in the text (the format keeps dates on events, tenures and observations):")
        for d in draft.dates:
            of = next((r for r in draft.ranges if r.start <= d.start < r.end or d.start <= r.start < d.end), None)
            lines.append(f"#   {d.iso or (d.year or 'no year')}: {_WS_RE.sub(' ', d.surface)!r}"
                         + (f" (a day of {_WS_RE.sub(' ', of.surface)!r}, below)" if of is not None else ""))
    if draft.ranges:
        lines.append("# Days ranged or listed (an event's start_date and end_date when one stretch with its year):")
        for r in draft.ranges:
            lines.append(f"#   {r.first + ' to ' + r.last if r.first else ('no year' if r.span else 'days apart')}: "
                         f"{_WS_RE.sub(' ', r.surface)!r}")
    if draft.dateline is not None:
        d = draft.dateline
        lines.append(f"# Dateline: {d.place!r}, {d.date.iso or d.date.surface!r}: where and when the article was filed, "
                     "never an event's place or date")
    if draft.fractions:
        lines.append("# Fractions and proportions in words, not drafted (no count; a share in percent if the article "
                     "gives one, by hand):")
        lines.extend(f"#   {_WS_RE.sub(' ', f)!r}" for f in draft.fractions)
    if draft.repeats:
        lines.append("# Multiples not drafted: 'N times' with no change or comparison written (how often something "
                     "happened), a change planned or possible ('to double'); a factor is `unit: times`, by hand:")
        lines.extend(f"#   {_WS_RE.sub(' ', f)!r}" for f in draft.repeats)
    if draft.title:
        lines.append(f"# Title (the headline, in the article sidecar): {draft.title!r}")
    if draft.headings:
        lines.append("# Section headings (in the article sidecar): " + "; ".join(repr(h) for h in draft.headings))
    return "\n".join(lines) + "\n" + dump_yaml(draft.facts)


@dataclass
class IngestResult:
    article: Path
    sidecar: Path
    facts: Path
    counts: dict[str, int]
    warnings: list[str]


def ingest_article(source: Path, *, article_id: str, lang: str, paths: Paths, source_url: str | None = None,
                   published: str | None = None, force: bool = False) -> IngestResult:
    """Store ``source`` verbatim as ``data/articles/<id>.txt`` with its sidecar and draft its facts."""
    if not ARTICLE_ID.match(article_id):
        raise UsageError(f"bad article id {article_id!r}", field="--id", hint="use letters, digits, _ . - (e.g. 002_milenio_canieti)")
    if len(article_id) > 120:  # (file names stop at 255 bytes, with room kept for temporary names)
        raise UsageError(f"article id of {len(article_id)} characters is too long", field="--id",
                         hint="use at most 120, e.g. 002_milenio_canieti")
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}", field="--lang", hint="use en or es")
    if published is not None:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
            raise UsageError(f"bad date {published!r}", field="--published", hint="write YYYY-MM-DD")
        try:
            datetime.date.fromisoformat(published)
        except ValueError:  # (the form is right: "write YYYY-MM-DD" sent the curator looking at it)
            raise UsageError(f"{published!r} is not a calendar date", field="--published",
                             hint="check the month and the day") from None
    if source_url is not None:
        problem = iri_problem(source_url)
        if problem is not None or not re.fullmatch(r"https?://\S+", source_url):
            raise UsageError(f"bad URL {source_url!r}" + (f" ({problem})" if problem else ""), field="--source",
                             hint="give an http(s) URL, reserved characters percent-encoded")
    source = input_file(source, "give the path of the article text")
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataError(f"not UTF-8 text (byte {err.start})", file=source, hint="convert the article to UTF-8 first") from err
    if not text.strip():
        raise DataError("the article is empty", file=source, hint="give the file holding the article's text")
    article_path = paths.articles / f"{article_id}.txt"
    sidecar_path = paths.articles / f"{article_id}.yaml"
    facts_path = paths.facts / f"{article_id}.yaml"
    reviewed = False
    if facts_path.exists():
        try:
            doc = load_yaml(facts_path)
        except DataError:
            doc = None
        reviewed = isinstance(doc, dict) and doc.get("review") == "reviewed"
    if reviewed:  # (checked first: "pass --force" was offered, and --force then refused)
        raise DataError("already exists, and its fact file is reviewed: an article id is used once", file=facts_path,
                        hint="choose another --id; curated work is never replaced by a draft (move the file away first)")
    if not force:
        for existing in (article_path, sidecar_path, facts_path):
            if existing.exists():
                raise DataError("already exists; an article id is used once", file=existing,
                                hint="choose another --id, or pass --force to replace the article and its draft")
    same = _same_text(paths, text, article_id)
    if same is not None:
        raise DataError(f"the same text is already article {same}: every fact would be counted twice", file=source,
                        hint=f"leave it out; to draft that article again, run kg ingest with --id {same} --force")
    known, warnings = load_known_entities(paths, exclude_article=article_id)
    draft = draft_facts(text, article_id=article_id, lang=lang, known=known, measures=load_measures(paths))
    sidecar: dict[str, Any] = {"id": article_id, "language": lang, "sha256": hashlib.sha256(raw).hexdigest()}
    if draft.headings:
        sidecar["sections"] = section_entries(text)
    if draft.title:  # (the headline: the article states its title)
        sidecar["title"] = draft.title
    if published:
        sidecar["published"] = published
    if source_url:
        sidecar["source"] = source_url
    sidecar_text = "# Written by kg ingest: only what was given or stated.\n" + dump_yaml(sidecar)
    # Write the draft last: the article and sidecar must exist for the draft to check.
    write_atomic(article_path, raw)
    write_atomic(sidecar_path, sidecar_text)
    write_atomic(facts_path, render_draft(draft))
    counts = {name: len(draft.facts.get(name, []))
              for name in ("entities", "mentions", "tenures", "relations", "statements", "observations")}
    counts["dates"] = len(draft.dates)
    return IngestResult(article=article_path, sidecar=sidecar_path, facts=facts_path, counts=counts,
                        warnings=warnings + draft.warnings)
