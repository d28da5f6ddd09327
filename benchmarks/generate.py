#!/usr/bin/env python3
"""Synthetic corpora shaped like the curated one, for measuring how every build step grows with N.

``python benchmarks/generate.py --articles N --seed S --out DIR`` writes::

    DIR/articles/<id>.txt + <id>.yaml     English and Spanish press items (title line, paragraphs, headings, bullets)
    DIR/facts/<id>.yaml                   reviewed fact files in the format of docs/data-model.md §1
    DIR/entities.yaml                     the entities more than one article uses

Why synthetic: the real archive is two articles today; the cost of each step must be known before the
archive arrives. The corpus is made to stress what the real one will: a pool of shared entities that
recur with a long tail (Zipf), chambers whose presidents succeed one another over several terms (with
years, re-elections, previous/predecessor links across articles), annual conventions in series with
edition numbers, agreements with universities and companies, observations covering every comparator,
status, kind, unit and time qualifier, plan items, attributed and unattributed statements. Every quote
is located in its article exactly as the loader does (whitespace-folded, overlapping matches), and gets
``occurrence`` when it is not unique. Output is byte-identical for a given seed, size, density, share
of featured articles and vocabulary.

Articles are press items: a lead and optional paragraphs, each kept with probability ``--density``. At
``--density 0`` (leads only, the README's benchmark) an item maps to about 165 triples, so 10,000 articles
are about two million triples with the entities, ontology and inferred graphs. One article in ten
(``--featured``) keeps one of its optional paragraphs whatever the density, so that statements,
participations, plan items and the rarer comparators and statuses occur in every corpus large enough.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Callable, Iterator

import yaml

REPO = Path(__file__).resolve().parent.parent
VOCAB_BASE = "https://w3id.org/canieti-kg/vocab/"
_WS = re.compile(r"\s+")
NBSP = "\u00a0"

# --- vocabulary ----------------------------------------------------------------------------------------

# What each figure is, with the concept ids we would like; the first one the vocabulary has is used, else
# a concept of the same family (skos:broader), else the first concept of the scheme (sorted).
MEASURES: dict[str, tuple[list[str], str]] = {
    "members": (["members", "membership", "affiliates"], "membership"),
    "member-growth": (["membership-growth", "member-growth", "growth"], "membership"),
    "attendees": (["in-person-attendees", "attendees", "audience"], "audience"),
    "streaming": (["streaming-users", "streaming-audience", "online-users", "users-connected"], "audience"),
    "presentations": (["presentations", "talks"], "count"),
    "funds-managed": (["funds-managed", "managed-funds", "funds"], "money"),
    "business": (["business-linked-value", "business-link", "sales"], "money"),
    "losses": (["annual-cybercrime-losses", "cybercrime-losses", "losses"], "money"),
    "investment": (["investment", "funds-managed"], "money"),
    "companies": (["companies-benefited", "beneficiary-companies", "companies"], "count"),
    "jobs": (["jobs-created", "jobs"], "count"),
    "suppliers": (["suppliers-registered", "registered-suppliers", "suppliers"], "count"),
    "internet-users": (["internet-users", "internet-users-projection"], "projection"),
    "devices": (["connected-devices", "devices-connected", "devices"], "projection"),
    "rank": (["rank-vehicle-manufacturing", "vehicle-manufacturing-rank", "rank"], "rank"),
    "incidents": (["computer-incidents", "incidents"], "count"),
    "growth": (["economic-growth", "gdp-growth", "growth-rate"], "rate"),
    "share": (["share-of-invention-applications", "share-of-applications", "share"], "rate"),
    "projects": (["entrepreneurial-projects", "projects"], "count"),
    "students": (["students-trained", "people-trained", "students"], "count"),
    "grant": (["startup-grant-per-applicant", "grant-amount", "grant"], "money"),
}

TOPICS = {
    "cybersecurity": ["cybersecurity", "information-security"],
    "infrastructure": ["infrastructure", "telecommunications-infrastructure"],
    "industry-4": ["industry-4-0", "industry-40", "industry-4"],
    "digital-economy": ["digital-economy"],
    "talent": ["talent", "talent-development", "human-capital", "skills"],
    "women-in-ict": ["women-in-ict", "gender-inclusion", "inclusion-of-women"],
    "smes": ["entrepreneurship-smes", "smes", "entrepreneurship"],
    "manufacturing": ["advanced-manufacturing", "manufacturing", "high-tech-manufacturing"],
    "spectrum": ["radio-spectrum-allocation", "radio-spectrum", "spectrum"],
    "public-policy": ["information-technology", "public-policy", "ict"],
    "trade": ["production-chain", "trade", "ict"],
    "innovation": ["innovation"],
}


@dataclass
class Vocab:
    """The concept ids of ontology/vocab the generated corpus may use (a corpus cannot bring its own)."""

    measures: dict[str, str]
    topics: dict[str, str]
    source: str

    @classmethod
    def load(cls, ontology: Path) -> "Vocab":
        schemes: dict[str, dict[str, str | None]] = {"measure": {}, "topic": {}}
        found: list[str] = []
        for name, scheme in (("measures.ttl", "measure"), ("topics.ttl", "topic")):
            path = ontology / "vocab" / name
            if path.exists():
                found.append(str(path.relative_to(ontology.parent)) if path.is_relative_to(ontology.parent) else str(path))
                schemes[scheme] = _read_scheme(path, scheme)
        measures: dict[str, str] = {}
        for key, (wanted, family) in MEASURES.items():
            measures[key] = _pick(schemes["measure"], wanted, family)
        topics = {key: _pick(schemes["topic"], wanted, None) for key, wanted in TOPICS.items()}
        return cls(measures=measures, topics=topics, source=", ".join(found) or "built-in ids (no vocabulary found)")


def _read_scheme(path: Path, scheme: str) -> dict[str, str | None]:
    """slug -> slug of its skos:broader (or None), for the concepts of one scheme."""
    import rdflib
    from rdflib.namespace import SKOS

    graph = rdflib.Graph()
    graph.parse(path, format="turtle")
    base = f"{VOCAB_BASE}{scheme}/"
    concepts: dict[str, str | None] = {}
    for concept in graph.subjects(SKOS.inScheme, rdflib.URIRef(VOCAB_BASE + scheme)):
        c = str(concept)
        if not c.startswith(base):
            continue
        broader = next((str(b)[len(base):] for b in graph.objects(concept, SKOS.broader) if str(b).startswith(base)), None)
        concepts[c[len(base):]] = broader
    return concepts


def _pick(concepts: dict[str, str | None], wanted: list[str], family: str | None) -> str:
    if not concepts:
        return wanted[0]
    for w in wanted:
        if w in concepts:
            return w
    if family is not None and family in concepts:
        return family  # the family itself (e.g. "count"): honest when no narrower concept fits
    # a concept that is nobody's broader (a leaf), deterministic
    broaders = {b for b in concepts.values() if b}
    leaves = sorted(c for c in concepts if c not in broaders)
    return (leaves or sorted(concepts))[0]


# --- names -----------------------------------------------------------------------------------------------

FIRST = ["Ana", "Mario", "Lucía", "Jorge", "Sofía", "Ricardo", "Elena", "Fernando", "Claudia", "Raúl", "Patricia",
         "Alejandro", "Gabriela", "Héctor", "Verónica", "Arturo", "Mónica", "Sergio", "Adriana", "Manuel", "Daniela",
         "Óscar", "Beatriz", "Javier", "Leticia", "Roberto", "Marisol", "Eduardo", "Carmen", "Guillermo", "Irene",
         "Tomás", "Paola", "Ignacio", "Rocío", "Andrés", "Laura", "Emilio", "Silvia", "Gerardo"]
FEMALE = {"Ana", "Lucía", "Sofía", "Elena", "Claudia", "Patricia", "Gabriela", "Verónica", "Mónica", "Adriana", "Daniela",
          "Beatriz", "Leticia", "Marisol", "Carmen", "Irene", "Paola", "Rocío", "Laura", "Silvia"}
SURNAMES = ["García", "Hernández", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez", "Cruz",
            "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres", "Díaz", "Gutiérrez", "Ruiz", "Mendoza",
            "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero", "Álvarez", "Méndez", "Chávez", "Rivera", "Juárez",
            "Ramos", "Domínguez", "Herrera", "Medina", "Castro", "Vargas", "Guzmán", "Velázquez", "Rojas", "Salazar",
            "Navarro", "Cortés", "Guerrero", "Lara", "Soto", "Rocha", "Villarreal", "Sarabia", "Mares"]

# (English industry, Spanish industry, acronym)
INDUSTRIES = [
    ("Electronics, Telecommunications and Information Technology", "Electrónica, de Telecomunicaciones y Tecnologías de la Información", "CANIETI"),
    ("Transformation", "de la Transformación", "CANACINTRA"),
    ("Software", "del Software", "CANISOFT"),
    ("Cable Telecommunications", "de Telecomunicaciones por Cable", "CANITEC"),
    ("Electrical Manufacturing", "de Manufacturas Eléctricas", "CANAME"),
    ("Automotive Parts", "de Autopartes", "CANIAP"),
    ("Plastics", "del Plástico", "CANIPLAS"),
    ("Pharmaceutical", "Farmacéutica", "CANIFARMA"),
    ("Radio and Television", "de la Radio y la Televisión", "CANIRTV"),
    ("Data Centers", "de Centros de Datos", "CANIDAT"),
    ("Semiconductors", "de Semiconductores", "CANISEM"),
    ("Digital Services", "de Servicios Digitales", "CANISED"),
]
REGIONS = [("Northern", "del Norte", "N"), ("Western", "de Occidente", "O"), ("Southeastern", "del Sureste", "S"),
           ("Central", "del Centro", "C"), ("Bajío", "del Bajío", "B")]

# (id, English, Spanish, type, acronym or None)
GOV = [
    ("ministry-of-economy", "Ministry of Economy", "Secretaría de Economía", "GovernmentBody", "SE"),
    ("ift", "Federal Telecommunications Institute", "Instituto Federal de Telecomunicaciones", "GovernmentBody", "IFT"),
    ("conacyt", "National Council of Science and Technology", "Consejo Nacional de Ciencia y Tecnología", "GovernmentBody", "CONACYT"),
    ("inadem", "National Institute of Entrepreneurs", "Instituto Nacional del Emprendedor", "PublicInstitute", "INADEM"),
    ("inegi", "National Institute of Statistics and Geography", "Instituto Nacional de Estadística y Geografía", "PublicInstitute", "INEGI"),
    ("cyber-police", "cyber police", "policía cibernética", "SecurityBody", None),
    ("sct", "Ministry of Communications and Transport", "Secretaría de Comunicaciones y Transportes", "GovernmentBody", "SCT"),
    ("digital-strategy-coordination", "National Digital Strategy Coordination", "Coordinación de Estrategia Digital Nacional", "GovernmentBody", None),
    ("bancomext", "National Bank of Foreign Trade", "Banco Nacional de Comercio Exterior", "PublicInstitute", "BANCOMEXT"),
    ("concamin", "Confederation of Industrial Chambers", "Confederación de Cámaras Industriales", "Confederation", "CONCAMIN"),
]
CITIES = [("mexico-city", "Mexico City", "Ciudad de México"), ("guadalajara", "Guadalajara", "Guadalajara"),
          ("monterrey", "Monterrey", "Monterrey"), ("puebla", "Puebla", "Puebla"), ("queretaro", "Querétaro", "Querétaro"),
          ("leon", "León", "León"), ("tijuana", "Tijuana", "Tijuana"), ("merida", "Mérida", "Mérida"),
          ("cancun", "Cancún", "Cancún"), ("san-luis-potosi", "San Luis Potosí", "San Luis Potosí"),
          ("aguascalientes", "Aguascalientes", "Aguascalientes"), ("chihuahua", "Chihuahua", "Chihuahua"),
          ("hermosillo", "Hermosillo", "Hermosillo"), ("saltillo", "Saltillo", "Saltillo"),
          ("veracruz", "Veracruz", "Veracruz"), ("oaxaca", "Oaxaca", "Oaxaca")]
COMPANY_A = ["Nova", "Tecno", "Data", "Red", "Ciber", "Info", "Sistemas", "Digital", "Quantum", "Alfa", "Delta", "Omega",
             "Astra", "Vértice", "Cumbre", "Azteca", "Maya", "Sol", "Puerta", "Ruta"]
COMPANY_B = ["link", "com", "net", "soft", "tel", "tronic", "labs", "nube", "sys", "wave"]
COMPANY_C = ["Technologies", "Networks", "Systems", "Solutions", "Group", "Labs"]
UNIV = [("Autonomous University of {c}", "Universidad Autónoma de {c}"), ("Technological Institute of {c}", "Instituto Tecnológico de {c}"),
        ("Polytechnic University of {c}", "Universidad Politécnica de {c}")]
INITIATIVES = [
    ("Strategy", "National Cybersecurity Strategy", "Estrategia Nacional de Ciberseguridad", "cybersecurity"),
    ("Policy", "Industrial Policy for Advanced Manufacturing", "Política Industrial de Manufactura Avanzada", "manufacturing"),
    ("Decree", "Decree for High-Tech Manufacturing", "Decreto de Manufactura de Alta Tecnología", "manufacturing"),
    ("Reform", "Telecommunications Reform", "Reforma de Telecomunicaciones", "spectrum"),
    ("Study", "National Study on Digital Skills", "Estudio Nacional de Habilidades Digitales", "talent"),
    ("Initiative", "Code X", "Código X", "women-in-ict"),
    ("Strategy", "Digital Inclusion Strategy", "Estrategia de Inclusión Digital", "digital-economy"),
    ("Policy", "Public Policy for Information Technology", "Política Pública de Tecnologías de la Información", "public-policy"),
    ("Initiative", "Industry 4.0 Roadmap", "Hoja de Ruta Industria 4.0", "industry-4"),
    ("Study", "Study on Infrastructure Sharing", "Estudio sobre Compartición de Infraestructura", "infrastructure"),
]
PROGRAMS = [("Fund", "PROSOFT", "PROSOFT"), ("Fund", "FINNOVA", "FINNOVA"), ("Program", "Entrepreneur Support Network", "Red de Apoyo al Emprendedor"),
            ("Program", "Talent 4.0 Program", "Programa Talento 4.0"), ("Fund", "Innovation Fund", "Fondo de Innovación"),
            ("Program", "Export Development Program", "Programa de Desarrollo Exportador")]
PLATFORMS = [("capim", "Industry Suppliers Chain in Mexico", "Cadena de Proveedores de la Industria en México", "CAPIM"),
             ("emprende-facil", "Emprende Fácil", "Emprende Fácil", None),
             ("mexico-conectado", "Connected Mexico", "México Conectado", None),
             ("ventanilla-digital", "Digital Single Window", "Ventanilla Única Digital", None)]
COLLECTIVES = [("technology-companies", "technology companies", "empresas de tecnología"), ("academia", "academia", "la academia"),
               ("experts", "experts", "los especialistas"), ("civil-society", "civil society", "la sociedad civil"),
               ("smes", "SMEs", "las pymes"), ("public-universities", "public universities", "universidades públicas")]
OUTLETS = ["El Economista", "Milenio", "El Universal", "Expansión", "DPL News", "Mexico News Daily", "Reforma", "El Financiero"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def num_en(n: int) -> str:
    return f"{n:,}"


def num_es(n: int) -> str:
    # Mexican press groups thousands with commas too; a no-break space before units (as in the real articles).
    return f"{n:,}"


def dec(text: str) -> str:
    """Canonical decimal string, as the fact files write values."""
    from decimal import Decimal

    value = Decimal(text)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


# --- the world: entities, successions, series --------------------------------------------------------------

@dataclass
class Ent:
    id: str
    type: str
    name: dict[str, str]
    acronym: str | None = None
    props: dict[str, Any] = field(default_factory=dict)
    structural: bool = False  # backbone entities (places, chambers, posts, series) always live in entities.yaml
    female: bool = False

    def refs(self) -> list[str]:
        out = []
        for key in ("organization", "parent", "series", "part_of", "follows", "place", "organizer", "country"):
            if key in self.props:
                out.append(self.props[key])
        return out

    def label(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get("en") or next(iter(self.name.values()))


@dataclass
class Term:
    chamber: str
    person: str
    start: int
    end: int
    number: int  # 1 = first term of this person in this post, 2 = re-election
    article: str | None = None  # the article that states it, with the tenure id
    tenure_id: str | None = None


class Zipf:
    """Long-tail choice over a ranked pool: rank r is drawn with weight 1/r^s, as entity mentions in an archive."""

    def __init__(self, n: int, s: float = 1.1) -> None:
        total = 0.0
        self.cum: list[float] = []
        for r in range(1, n + 1):
            total += 1.0 / r ** s
            self.cum.append(total)
        self.total = total

    def draw(self, rng: Any) -> int:
        return bisect.bisect_left(self.cum, rng.random() * self.total)


class World:
    def __init__(self, n_articles: int, rng: Any, vocab: Vocab) -> None:
        self.rng = rng
        self.ents: dict[str, Ent] = {}
        self.add(Ent("mexico", "Country", {"en": "Mexico", "es": "México"}, structural=True))
        self.add(Ent("the-world", "Region", {"en": "the world", "es": "el mundo"}, structural=True))
        self.cities = [self.add(Ent(i, "City", {"en": en, "es": es}, props={"country": "mexico"}, structural=True))
                       for i, en, es in CITIES]
        # chambers: national ones first, then regional chapters as the archive grows
        n_ch = max(3, min(60, 3 + n_articles // 60))
        self.chambers: list[Ent] = []
        for k in range(n_ch):
            en_ind, es_ind, acr = INDUSTRIES[k % len(INDUSTRIES)]
            if k < len(INDUSTRIES):
                name_en = f"National Chamber of the {en_ind} Industry"
                name_es = f"Cámara Nacional de la Industria {es_ind}"
            else:
                reg_en, reg_es, letter = REGIONS[(k // len(INDUSTRIES) - 1) % len(REGIONS)]
                rnd = (k // len(INDUSTRIES) - 1) // len(REGIONS)
                name_en = f"{reg_en} Chamber of the {en_ind} Industry" + (f" {rnd + 2}" if rnd else "")
                name_es = f"Cámara {reg_es[0].upper() + reg_es[1:]} de la Industria {es_ind}" + (f" {rnd + 2}" if rnd else "")
                acr = f"{acr}-{letter}{rnd + 2 if rnd else ''}"
            ch = self.add(Ent(slug(acr), "IndustryChamber", {"en": name_en, "es": name_es}, acronym=acr, structural=True))
            self.chambers.append(ch)
            self.add(Ent(f"{ch.id}-national-president", "Post",
                         {"en": f"National President of {acr}", "es": f"Presidencia Nacional de {acr}"},
                         props={"organization": ch.id, "head": True}, structural=True))
            self.add(Ent(f"{ch.id}-convention", "EventSeries",
                         {"en": f"{acr} Annual National Convention", "es": f"Convención Nacional Anual de {acr}"},
                         props={"organizer": ch.id}, structural=True))
        self.gov = [self.add(Ent(i, t, {"en": en, "es": es}, acronym=a, structural=True)) for i, en, es, t, a in GOV]
        for g in self.gov:
            if g.type != "Confederation":
                title_en = "Head" if g.type != "GovernmentBody" or not g.id.startswith("ministry") else "Secretary"
                self.add(Ent(f"{g.id}-head", "Post", {"en": f"{title_en} of the {g.name['en']}", "es": f"Titular de {g.name['es']}"},
                             props={"organization": g.id, "head": True}, structural=True))
        n_univ = 6 + n_articles // 80
        self.universities = []
        for k in range(n_univ):
            city = CITIES[k % len(CITIES)]
            en, es = UNIV[(k // len(CITIES)) % len(UNIV)]
            rnd = k // (len(CITIES) * len(UNIV))
            sfx = f" {rnd + 1}" if rnd else ""
            self.universities.append(self.add(Ent(slug(en.format(c=city[1]) + sfx), "University",
                                                  {"en": en.format(c=city[1]) + sfx, "es": es.format(c=city[2]) + sfx})))
        n_comp = 15 + n_articles // 8
        self.companies = []
        for k in range(n_comp):
            a = COMPANY_A[k % len(COMPANY_A)]
            b = COMPANY_B[(k // len(COMPANY_A)) % len(COMPANY_B)]
            c = COMPANY_C[(k // (len(COMPANY_A) * len(COMPANY_B))) % len(COMPANY_C)]
            rnd = k // (len(COMPANY_A) * len(COMPANY_B) * len(COMPANY_C))
            name = f"{a}{b} {c}" + (f" {rnd + 1}" if rnd else "")
            self.companies.append(self.add(Ent(slug(name), "Company", {"en": name, "es": name})))
        n_people = 40 + n_articles // 2
        self.people: list[Ent] = []
        for k in range(n_people):
            first = FIRST[k % len(FIRST)]
            s1 = SURNAMES[(k * 7 + k // len(FIRST)) % len(SURNAMES)]
            s2 = SURNAMES[(k * 13 + 3 + k // (len(FIRST) * len(SURNAMES))) % len(SURNAMES)]
            if s2 == s1:
                s2 = SURNAMES[(SURNAMES.index(s1) + 1) % len(SURNAMES)]
            name = f"{first} {s1} {s2}"
            pid = slug(name)
            if pid in self.ents:
                pid = f"{pid}-{k}"
                name = name  # same name, different person: ids tell them apart, as curators would
            self.people.append(self.add(Ent(pid, "Person", {"es": name, "en": name}, female=first in FEMALE)))
        rng.shuffle(self.people)
        self.initiatives = [self.add(Ent(slug(en), t, {"en": en, "es": es}, props={"topics": [vocab.topics[top]]}, structural=True))
                            for t, en, es, top in INITIATIVES]
        self.programs = [self.add(Ent(slug(en), t, {"en": en, "es": es}, structural=True)) for t, en, es in PROGRAMS]
        self.platforms = [self.add(Ent(i, "Platform", {"en": en, "es": es}, acronym=a, structural=True)) for i, en, es, a in PLATFORMS]
        self.collectives = [self.add(Ent(i, "CollectiveActor", {"en": en, "es": es}, structural=True)) for i, en, es in COLLECTIVES]
        self.z_chamber = Zipf(len(self.chambers), 1.2)
        self.z_city = Zipf(len(self.cities), 1.3)
        self.z_gov = Zipf(len(self.gov), 1.0)
        self.z_univ = Zipf(len(self.universities))
        self.z_comp = Zipf(len(self.companies))
        self.z_people = Zipf(len(self.people), 1.05)
        self.z_init = Zipf(len(self.initiatives), 0.8)
        # presidents of every chamber, term after term (two years each; one in two re-elected once)
        self.terms: dict[str, list[Term]] = {}
        self.president_of: dict[str, str] = {}
        pool_start = 0
        for ch in self.chambers:
            terms: list[Term] = []
            year = 1999 + rng.randrange(2)
            while year <= 2025:
                person = self._fresh_person(pool_start)
                pool_start += 1
                terms.append(Term(ch.id, person.id, year, year + 1, 1))
                year += 2
                if rng.random() < 0.5 and year <= 2025:
                    terms.append(Term(ch.id, person.id, year, year + 1, 2))
                    year += 2
            self.terms[ch.id] = terms
        # officials of government bodies (no term dates stated; one per body per era)
        self.officials: dict[tuple[str, int], str] = {}
        self.conventions: dict[tuple[str, int], Ent] = {}

    def _fresh_person(self, k: int) -> Ent:
        # presidents are drawn from the tail of the people pool so that they recur through their terms mostly
        return self.people[-1 - (k % len(self.people))]

    def add(self, ent: Ent) -> Ent:
        assert ent.id not in self.ents, ent.id
        self.ents[ent.id] = ent
        return ent

    def chamber(self) -> Ent:
        return self.chambers[self.z_chamber.draw(self.rng)]

    def city(self) -> Ent:
        return self.cities[self.z_city.draw(self.rng)]

    def person(self) -> Ent:
        return self.people[self.z_people.draw(self.rng)]

    def university(self) -> Ent:
        return self.universities[self.z_univ.draw(self.rng)]

    def company(self) -> Ent:
        return self.companies[self.z_comp.draw(self.rng)]

    def gov_body(self) -> Ent:
        return self.gov[self.z_gov.draw(self.rng)]

    def initiative(self) -> Ent:
        return self.initiatives[self.z_init.draw(self.rng)]

    def term_at(self, chamber: str, year: int) -> tuple[int, Term] | None:
        for i, t in enumerate(self.terms[chamber]):
            if t.start <= year <= t.end:
                return i, t
        return None

    def official(self, body: Ent, year: int) -> Ent:
        key = (body.id, year // 6)
        if key not in self.officials:
            self.officials[key] = self.person().id
        return self.ents[self.officials[key]]

    def convention(self, chamber: Ent, year: int) -> Ent:
        key = (chamber.id, year)
        if key not in self.conventions:
            edition = year - 1980 + (sum(map(ord, chamber.id)) % 7)
            city = self.city()
            month = 3 + (sum(map(ord, chamber.id)) % 8)
            day = 10 + (year % 15)
            props: dict[str, Any] = {"series": f"{chamber.id}-convention", "edition": edition, "place": city.id,
                                     "organizer": chamber.id, "start_date": f"{year}-{month:02d}-{day:02d}",
                                     "end_date": f"{year}-{month:02d}-{day + 2:02d}"}
            prev = self.conventions.get((chamber.id, year - 1))
            if prev is not None:
                props["follows"] = prev.id
            ent = Ent(f"{chamber.id}-convention-{year}", "Convention",
                      {"en": f"{ordinal_en(edition)} {chamber.acronym} Annual National Convention",
                       "es": f"{edition}.ª Convención Nacional Anual de {chamber.acronym}"}, props=props)
            self.conventions[key] = self.add(ent)
        return self.conventions[key]


# --- one article -------------------------------------------------------------------------------------------

OPEN, MID, CLOSE = "\x01", "\x02", "\x03"


def mark(key: str, text: str) -> str:
    return f"{OPEN}{key}{MID}{text}{CLOSE}"


@dataclass
class Fact:
    section: str
    data: dict[str, Any]
    anchor: str  # marker key of its quote
    items: list[tuple[dict[str, Any], str]] = field(default_factory=list)


class Article:
    """Text with marked spans and the facts that quote them; ``finish`` strips the marks and locates quotes."""

    def __init__(self, world: World, aid: str, lang: str, year: int, rng: Any, density: float = 1.0) -> None:
        self.world, self.id, self.lang, self.year, self.rng, self.density = world, aid, lang, year, rng, density
        self.featured = -1  # the optional paragraph kept at any density (see FEATURED), by its order
        self.optionals = 0  # optional paragraphs written so far
        self.blocks: list[str] = []
        self.headings: list[str] = []
        self.facts: list[Fact] = []
        self.local: dict[str, Ent] = {}  # entities this article introduces (events, plans, agreements)
        self.uses: list[str] = []
        self.first_anchor: dict[str, str] = {}  # entity id -> anchor of its first mention
        self.mentioned: Counter[str] = Counter()
        self.n = 0
        self.title = ""

    @contextmanager
    def optional(self) -> Iterator[None]:
        """A paragraph the item may leave out (press briefs keep the lead): kept with probability ``density``,
        and always when it is the article's featured one."""
        index = self.optionals
        self.optionals += 1
        snap = (len(self.blocks), len(self.headings), len(self.facts), list(self.uses), dict(self.first_anchor),
                Counter(self.mentioned), dict(self.local))
        yield
        if self.rng.random() >= self.density and index != self.featured:
            nb, nh, nf, uses, first, mentioned, local = snap
            del self.blocks[nb:], self.headings[nh:], self.facts[nf:]
            self.uses, self.first_anchor, self.mentioned, self.local = uses, first, mentioned, local

    # ids and anchors
    def key(self) -> str:
        self.n += 1
        return f"k{self.n}"

    def fid(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}-{self.n}"

    def use(self, ent_id: str) -> None:
        if ent_id not in self.uses:
            self.uses.append(ent_id)

    def status(self) -> dict[str, Any]:
        r = self.rng.random()
        if r < 0.87:
            return {"status": "explicit"}
        if r < 0.95:
            return {"status": "implied"}
        if r < 0.98:
            return {"status": "judgement", "reason": "the curator links this to the entity by context; the text does not say so"}
        return {"status": "correction", "reason": "the text garbles the word order; the curator restores the plain reading"}

    def m(self, ent: Ent, form: str | None = None) -> str:
        """A mention of ``ent`` in the text (a marked span), recorded as a mention fact."""
        form = form or ent.label(self.lang)
        k = self.key()
        self.use(ent.id)
        self.mentioned[ent.id] += 1
        if ent.id not in self.first_anchor:
            self.first_anchor[ent.id] = k
        # a second mention of the same entity is recorded in full items, rarely in briefs
        if self.mentioned[ent.id] == 1 or (self.mentioned[ent.id] == 2 and self.rng.random() < self.density):
            self.facts.append(Fact("mentions", {"id": f"men-{ent.id}" + ("" if self.mentioned[ent.id] == 1 else "-2"),
                                                "entity": ent.id, **self.status()}, k))
        return mark(k, form)

    def full(self, ent: Ent) -> str:
        """First mention of an organization: full name and acronym, as the press writes it."""
        name = ent.label(self.lang)
        art = ("la " if name.startswith(("Cámara", "Secretaría", "Confederación", "Coordinación", "policía")) else
               "el " if name.startswith(("Instituto", "Consejo", "Banco")) else "") if self.lang == "es" else \
            ("the " if not name[0].islower() else "")
        if ent.acronym and ent.acronym not in name:
            return art + mark(self.key(), self.m(ent, name) + f" ({ent.acronym})")
        return art + self.m(ent, name)

    def fact(self, section: str, data: dict[str, Any], text: str, *, status: dict[str, Any] | None = None,
             items: list[tuple[dict[str, Any], str]] | None = None) -> str:
        k = self.key()
        data.update(status or self.status())
        for key in ENTITY_REF_KEYS.get(section, ()):
            value = data.get(key)
            for ref in value if isinstance(value, list) else [value] if value else []:
                self.use(ref)
        for item, _ in items or []:
            for ref in item.get("refers_to", []):
                self.use(ref)
        self.facts.append(Fact(section, data, k, items or []))
        return mark(k, text)

    def local_entity(self, ent: Ent, text: str) -> str:
        """An entity the article introduces; ``text`` is where it is named (the quote of its declaration)."""
        self.local[ent.id] = ent
        self.world.ents.setdefault(ent.id, ent)
        k = self.key()
        self.use(ent.id)
        self.first_anchor.setdefault(ent.id, k)
        return mark(k, text)

    def para(self, *sentences: str) -> None:
        self.blocks.append(" ".join(cap(s) for s in sentences if s))

    def heading(self, text: str) -> None:
        self.headings.append(text)
        self.blocks.append(text)

    def bullets(self, lines: list[str]) -> None:
        self.blocks.append("\n".join(f"  • {line}" for line in lines))

    # --- finish: strip marks, locate every quote like the loader does ---------------------------------------
    def finish(self) -> tuple[str, dict[str, tuple[str, int | None]]]:
        out: list[str] = []
        spans: dict[str, list[int]] = {}
        stack: list[tuple[str, int]] = []
        text = (self.title + "\n\n" if self.title else "") + "\n\n".join(self.blocks)
        i = 0
        pos = 0
        while i < len(text):
            ch = text[i]
            if ch == OPEN:
                j = text.index(MID, i)
                stack.append((text[i + 1:j], pos))
                i = j + 1
                continue
            if ch == CLOSE:
                key, start = stack.pop()
                spans[key] = [start, pos]
                i += 1
                continue
            out.append(ch)
            pos += 1
            i += 1
        assert not stack
        plain = "".join(out)
        norm, back = _normalize_with_map(plain)
        fwd = _forward_map(plain, back)
        located: dict[str, tuple[str, int | None]] = {}
        for key, (start, end) in spans.items():
            quote = _WS.sub(" ", plain[start:end]).strip()
            nstart = fwd[start]
            hits = _find_all(norm, quote)
            assert nstart in hits, (self.id, quote)
            located[key] = (quote, None if len(hits) == 1 else hits.index(nstart) + 1)
        return plain, located


def cap(text: str) -> str:
    """Upper-case the first visible character (skipping marks): sentences may open with "the ..."/"la ..."."""
    i = 0
    while i < len(text):
        if text[i] == OPEN:
            i = text.index(MID, i) + 1
            continue
        if text[i] in (CLOSE, "“"):
            i += 1
            continue
        return text[:i] + text[i].upper() + text[i + 1:]
    return text


ENTITY_REF_KEYS: dict[str, tuple[str, ...]] = {
    "mentions": ("entity",), "tenures": ("person", "post", "announced_at"), "participations": ("agent", "event"),
    "relations": ("subject", "object"), "statements": ("speaker", "at", "about"), "plans": ("plan",),
    "observations": ("about", "attributed_to", "at"),
}


def _normalize_with_map(text: str) -> tuple[str, list[int]]:
    from kg.corpus import normalize_with_map

    return normalize_with_map(text)


def _forward_map(text: str, back: list[int]) -> dict[int, int]:
    return {orig: n for n, orig in enumerate(back)}


def _find_all(haystack: str, needle: str) -> list[int]:
    hits = []
    pos = haystack.find(needle)
    while pos != -1:
        hits.append(pos)
        pos = haystack.find(needle, pos + 1)
    return hits


# --- templates: one function per kind of press item; each writes text and facts together -------------------

def _he(p: Ent, lang: str) -> str:
    return ("She" if p.female else "He") if lang == "en" else ("La" if p.female else "El")


def _said(lang: str, rng: Any) -> str:
    return rng.choice(["said", "stressed", "highlighted", "noted"]) if lang == "en" else rng.choice(["dijo", "afirmó", "destacó", "señaló"])


def kind_election(a: Article, T: Vocab) -> None:
    w, rng, en = a.world, a.rng, a.lang == "en"
    ch = w.chamber()
    found = w.term_at(ch.id, a.year)
    if found is None:
        found = (len(w.terms[ch.id]) - 1, w.terms[ch.id][-1])
    idx, term = found
    person = w.ents[term.person]
    post = w.ents[f"{ch.id}-national-president"]
    event = Ent(f"{ch.id}-assembly-{term.start}-{a.id.split('_')[0]}", "Event",
                {a.lang: ("annual assembly of " if en else "asamblea anual de ") + ch.acronym}, props={"place": w.city().id})
    city = w.ents[event.props["place"]]
    event.props["time_text"] = "this week" if en else "esta semana"
    ev_text = (f"its annual assembly in {a.m(city)} this week" if en else f"su asamblea anual en {a.m(city)} esta semana")
    ten_id = a.fid("ten")
    ten: dict[str, Any] = {"id": ten_id, "person": person.id, "post": post.id, "start": str(term.start), "end": str(term.end)}
    prev_term = w.terms[ch.id][idx - 1] if idx > 0 else None
    a.title = (f"{ch.acronym} {'re-elects' if term.number == 2 else 'elects'} {person.label('en')}" if en else
               f"{ch.acronym} {'reelige' if term.number == 2 else 'elige'} a {person.label('es')}")
    if term.number == 2:
        ten["reelection"] = True
        core = (f"the re-election of {a.m(person)} as its {a.m(post, 'National President')} for the period {term.start}-{term.end}" if en else
                f"la reelección de {a.m(person)} como {a.m(post, 'presidente nacional')} para el periodo {term.start}-{term.end}")
    else:
        core = (f"the election of {a.m(person)} as its {a.m(post, 'National President')} for the period {term.start}-{term.end}" if en else
                f"la elección de {a.m(person)} como {a.m(post, 'presidente nacional')} para el periodo {term.start}-{term.end}")
    ten["announced_at"] = event.id
    chamber_txt = a.full(ch)
    tenure_txt = a.fact("tenures", ten, core)
    event_txt = a.local_entity(event, ev_text)
    s1 = (f"{chamber_txt} announced {tenure_txt} during {event_txt}." if en else f"{chamber_txt} anunció {tenure_txt} durante {event_txt}.")
    term.article, term.tenure_id = a.id, ten_id
    sentences = [s1]
    if prev_term is not None:
        prev_person = w.ents[prev_term.person]
        link = "previous" if prev_term.person == term.person else "predecessor"
        if prev_term.article is not None:
            ten[link] = f"{prev_term.article}#{prev_term.tenure_id}"
            sentences.append(f"{_he(person, a.lang)} first took office in {prev_term.start}." if link == "previous" and en else
                             f"{'La' if person.female else 'El'} dirigente asumió el cargo por primera vez en {prev_term.start}." if link == "previous" else
                             (f"{_he(person, a.lang)} succeeds {a.m(prev_person)}." if en else f"Sucede en el cargo a {a.m(prev_person)}."))
        else:
            pid = a.fid("ten")
            ptxt = (f"{a.m(prev_person)}, who led the chamber from {prev_term.start} to {prev_term.end}" if en and link == "predecessor" else
                    f"{'her' if person.female else 'his'} first term, from {prev_term.start} to {prev_term.end}" if en else
                    f"{a.m(prev_person)}, quien encabezó la cámara de {prev_term.start} a {prev_term.end}" if link == "predecessor" else
                    f"su primer periodo, de {prev_term.start} a {prev_term.end}")
            prev = {"id": pid, "person": prev_person.id, "post": post.id, "start": str(prev_term.start), "end": str(prev_term.end)}
            q = a.fact("tenures", prev, ptxt)
            ten[link] = pid
            sentences.append((f"{_he(person, a.lang)} succeeds {q}." if link == "predecessor" else
                              f"{_he(person, a.lang)} thus begins a second term, after {q}.") if en else
                             (f"Sucede en el cargo a {q}." if link == "predecessor" else f"Concluyó así {q}."))
    a.para(*sentences)
    with a.optional():
        # membership figures: exact count at the end of the year, growth year on year
        members = rng.randrange(300, 3000)
        growth = f"{rng.randrange(10, 250) / 10:.1f}"
        y = term.start - 1
        obs1 = {"id": a.fid("obs"), "about": [ch.id], "measure": T.measures["members"], "value": str(members), "unit": "count",
                "comparator": "exact", "kind": "reported", "time": {"qualifier": "at-end-of", "year": str(y)}, "attributed_to": ch.id,
                "surface": (f"{num_en(members)} members" if en else f"{num_es(members)}{NBSP}afiliados").replace(NBSP, " ")}
        obs2 = {"id": a.fid("obs"), "about": [ch.id], "measure": T.measures["member-growth"], "value": growth, "unit": "percent",
                "comparator": "exact", "kind": "reported", "time": {"qualifier": "year-on-year", "year": str(y)}, "attributed_to": ch.id,
                "compared_with": None}
        del obs2["compared_with"]
        if en:
            a.para(f"The chamber closed {y} with {a.fact('observations', obs1, f'a total of {num_en(members)} members')}, "
                   f"{a.fact('observations', obs2, f'an increase of {growth}% over the previous year')}.")
        else:
            a.para(f"La cámara cerró {y} con {a.fact('observations', obs1, f'un total de {num_es(members)}{NBSP}afiliados')}, "
                   f"{a.fact('observations', obs2, f'un aumento de {growth}% respecto al año anterior')}.")
    with a.optional():
        # the work plan, as a heading and bullets
        plan = Ent(f"work-plan-{ch.id}-{term.start}-{a.id.split('_')[0]}", "WorkPlan",
                   {a.lang: (f"{ch.acronym} work plan {term.start}-{term.end}" if en else f"Plan de trabajo {term.start}-{term.end} de {ch.acronym}")},
                   props={"period": {"start": str(term.start), "end": str(term.end)}})
        heading = f"The {term.start}-{term.end} Plan" if en else f"El plan {term.start}-{term.end}"
        a.heading(heading)
        picks = []
        for _ in range(rng.randrange(2, 5)):
            ini = w.initiative()
            if ini not in picks:
                picks.append(ini)
        items = []
        lines = []
        for n, ini in enumerate(picks, 1):
            verb = rng.choice(["Promote", "Consolidate", "Support"]) if en else rng.choice(["Impulsar", "Consolidar", "Apoyar"])
            line = f"{verb} the {a.m(ini)}." if en else f"{verb} {'la' if ini.type in ('Strategy', 'Policy', 'Reform') else 'el'} {a.m(ini)}."
            k = a.key()
            items.append(({"id": f"{a.fid('item')}", "refers_to": [ini.id], **a.status()}, k))
            lines.append(mark(k, line.rstrip(".")) + ".")
        intro = (f"{a.m(person)} presented {a.local_entity(plan, 'the main points of ' + ('her' if person.female else 'his') + f' work plan for {term.start}-{term.end}')}:" if en else
                 f"{a.m(person)} presentó {a.local_entity(plan, f'los ejes de su plan de trabajo para {term.start}-{term.end}')}:")
        k = a.key()
        a.facts.append(Fact("plans", {"id": a.fid("plan"), "plan": plan.id, **a.status()}, k, items))
        a.para(mark(k, intro))
        a.bullets(lines)
    with a.optional():
        # a direct quotation, attributed
        topics = sorted({T.topics[rng.choice(list(TOPICS))] for _ in range(2)})
        st = {"id": a.fid("st"), "speaker": person.id, "verb": "said" if en else "dijo", "at": event.id, "direct": True,
              "topics": topics, "about": [ch.id]}
        body = (f"“We will keep the chamber close to its {num_en(members)} members and to the government,” {a.m(person, person.label('en').split()[0] + ' ' + person.label('en').split()[1])} said"
                if en else f"“Mantendremos a la cámara cerca de sus afiliados y del gobierno”, dijo {a.m(person, ' '.join(person.label('es').split()[:2]))}")
        a.para(a.fact("statements", st, body) + ".")


def kind_convention(a: Article, T: Vocab) -> None:
    w, rng, en = a.world, a.rng, a.lang == "en"
    ch = w.chamber()
    conv = w.convention(ch, a.year)
    a.use(conv.id)
    city = w.ents[conv.props["place"]]
    edition = conv.props["edition"]
    day = rng.randrange(1, 4)
    session = Ent(f"{conv.id}-day-{day}", "EventSession", {"en": f"day {day} of the {conv.name['en']}", "es": f"día {day} de la {conv.name['es']}"},
                  props={"part_of": conv.id, "day": day})
    if session.id in w.ents:
        session = w.ents[session.id]
    else:
        w.add(session)
    n_pres = rng.randrange(5, 25)
    a.title = (f"{ch.acronym} holds its {ordinal_en(edition)} convention in {city.label('en')}" if en else
               f"{ch.acronym} celebra su {edition}.ª convención en {city.label('es')}")
    conv_form = (f"{ordinal_en(edition)} Annual National Convention" if en else f"{edition}.ª Convención Nacional Anual")
    obs = {"id": a.fid("obs"), "about": [session.id], "measure": T.measures["presentations"], "value": str(n_pres), "unit": "count",
           "comparator": "exact", "kind": "reported", "unattributed": True}
    day_w = ["one", "two", "three"][day - 1] if en else ["uno", "dos", "tres"][day - 1]
    if en:
        a.para(f"During the {a.m(conv, conv_form)} of {a.full(ch)} in {a.m(city)}, "
               f"{a.m(session, 'day ' + day_w)} included {a.fact('observations', obs, f'{n_pres}{NBSP}presentations')} on "
               f"{rng.choice(['public policy for Industry 4.0', 'the digital economy', 'cybersecurity', 'the deployment of infrastructure'])}.")
    else:
        a.para(f"Durante la {a.m(conv, conv_form)} de {a.full(ch)} en {a.m(city)}, "
               f"el {a.m(session, 'día ' + day_w)} incluyó {a.fact('observations', obs, f'{n_pres}{NBSP}ponencias')} sobre "
               f"{rng.choice(['la política pública para la Industria 4.0', 'la economía digital', 'la ciberseguridad', 'el despliegue de infraestructura'])}.")
    with a.optional():
        att = rng.randrange(3, 40) * 100
        stream = rng.randrange(10, 90) * 100
        o1 = {"id": a.fid("obs"), "about": [conv.id], "measure": T.measures["attendees"], "value": str(att), "unit": "count",
              "comparator": "more-than", "kind": "reported", "unattributed": True, "surface": f"over {num_en(att)}" if en else f"más de {num_es(att)}"}
        o2 = {"id": a.fid("obs"), "about": [conv.id], "measure": T.measures["streaming"], "value": str(stream), "unit": "count",
              "comparator": "approximately", "kind": "reported", "unattributed": True}
        if en:
            a.para(f"The event had {a.fact('observations', o1, f'an audience of over {num_en(att)} attendees')}, and "
                   f"{a.fact('observations', o2, f'about {num_en(stream)} users')} followed it via streaming.")
        else:
            a.para(f"El evento tuvo {a.fact('observations', o1, f'una audiencia de más de {num_es(att)}{NBSP}asistentes')}, y "
                   f"{a.fact('observations', o2, f'cerca de {num_es(stream)}{NBSP}usuarios')} lo siguieron por streaming.")
    with a.optional():
        # a talk by an official, with a projection
        body = w.gov_body()
        if body.type == "Confederation":
            body = w.gov[0]
        official = w.official(body, a.year)
        post = w.ents[f"{body.id}-head"]
        talk = Ent(f"talk-{official.id}-{a.id.split('_')[0]}", "Talk", {a.lang: ("speech of " if en else "discurso de ") + official.label(a.lang)},
                   props={"part_of": session.id})
        ten = {"id": a.fid("ten"), "person": official.id, "post": post.id}
        par = {"id": a.fid("par"), "agent": official.id, "event": talk.id, "role": "speaker"}
        target = a.year + rng.randrange(2, 8)
        users = rng.randrange(60, 120)
        dev = rng.randrange(100, 500)
        o3 = {"id": a.fid("obs"), "about": [w.ents["mexico"].id], "measure": T.measures["internet-users"], "value": str(users * 1_000_000),
              "unit": "count", "comparator": "exact", "kind": "projection", "time": {"qualifier": "by", "year": str(target)},
              "attributed_to": official.id, "at": talk.id}
        o4 = {"id": a.fid("obs"), "about": [w.ents["mexico"].id], "measure": T.measures["devices"], "value": str(dev * 1_000_000),
              "unit": "count", "comparator": "at-least", "kind": "projection", "time": {"qualifier": "by", "year": str(target)},
              "attributed_to": official.id, "at": talk.id}
        a.use("mexico")
        if en:
            a.heading(rng.choice(["Preparing the Country", "The Digital Agenda", "Looking Ahead"]))
            speaker = a.fact("tenures", ten, f"{a.m(official)}, {a.m(post, post.label('en'))}")
            a.para(f"{a.fact('participations', par, speaker + ', ' + a.local_entity(talk, 'in ' + ('her' if official.female else 'his') + ' speech'))}, "
                   f"said that {a.fact('observations', o3, f'Internet users will reach {users} million by {target}')}, with "
                   f"{a.fact('observations', o4, f'at least {dev} million devices connected')}.")
        else:
            a.heading(rng.choice(["Preparar al país", "La agenda digital", "Mirada al futuro"]))
            speaker = a.fact("tenures", ten, f"{a.m(official)}, {a.m(post, post.label('es'))}")
            a.para(f"{a.fact('participations', par, speaker + ', ' + a.local_entity(talk, 'en su discurso'))}, "
                   f"dijo que {a.fact('observations', o3, f'los usuarios de Internet llegarán a {users} millones en {target}')}, con "
                   f"{a.fact('observations', o4, f'al menos {dev} millones de dispositivos conectados')}.")
    with a.optional():
        # a panel, with a moderator
        panel = [w.person() for _ in range(3)]
        panel = [p for i, p in enumerate(panel) if p not in panel[:i]]
        mod = w.person()
        if mod in panel:
            mod = None
        names = [a.fact("participations", {"id": a.fid("par"), "agent": p.id, "event": session.id, "role": "panelist"}, a.m(p)) for p in panel]
        joined = (", ".join(names[:-1]) + (" and " if en else " y ") + names[-1]) if len(names) > 1 else names[0]
        modtxt = ""
        if mod is not None:
            modtxt = (f", moderated by {a.fact('participations', {'id': a.fid('par'), 'agent': mod.id, 'event': session.id, 'role': 'moderator'}, a.m(mod))}" if en else
                      f", moderado por {a.fact('participations', {'id': a.fid('par'), 'agent': mod.id, 'event': session.id, 'role': 'moderator'}, a.m(mod))}")
        gmin = rng.randrange(10, 30) / 10
        gmax = gmin + rng.randrange(2, 10) / 10
        o5 = {"id": a.fid("obs"), "about": ["mexico"], "measure": T.measures["growth"], "min": f"{gmin:.1f}", "max": f"{gmax:.1f}",
              "unit": "percent", "comparator": "between", "kind": "estimate", "time": {"qualifier": "through", "year": str(a.year + 1)},
              "unattributed": True}
        if en:
            a.para(f"In a panel{modtxt}, {joined} presented a panorama of the economy through to {a.year + 1}, in which "
                   f"{a.fact('observations', o5, f'it was estimated that growth will range between {gmin:.1f} and {gmax:.1f}%')}.")
        else:
            a.para(f"En un panel{modtxt}, {joined} presentaron un panorama de la economía hasta {a.year + 1}, en el que "
                   f"{a.fact('observations', o5, f'se estimó que el crecimiento estará entre {gmin:.1f} y {gmax:.1f}%')}.")
    with a.optional():
        # unattributed conclusion
        st = {"id": a.fid("st"), "unattributed": True, "verb": "concluded" if en else "concluyó", "at": conv.id,
              "topics": [T.topics["industry-4"], T.topics["talent"]]}
        a.para(a.fact("statements", st, "It was concluded that industry and government should move together towards Industry 4.0 and develop talent"
                      if en else "Se concluyó que la industria y el gobierno deben avanzar juntos hacia la Industria 4.0 y desarrollar talento") + ".")


def kind_agreement(a: Article, T: Vocab) -> None:
    w, rng, en = a.world, a.rng, a.lang == "en"
    ch = w.chamber()
    univ = w.university()
    comps = [w.company()]
    c2 = w.company()
    if c2 is not comps[0] and rng.random() < 0.5:
        comps.append(c2)
    kind = rng.choice(["CollaborationAgreement", "PartnershipAgreement"])
    topic = rng.choice(["talent", "cybersecurity", "innovation", "industry-4"])
    purpose_en = {"talent": "train specialists in information technology", "cybersecurity": "jointly confront cyber attacks",
                  "innovation": "develop innovation projects", "industry-4": "prepare suppliers for Industry 4.0"}[topic]
    purpose_es = {"talent": "formar especialistas en tecnologías de la información", "cybersecurity": "enfrentar en conjunto los ataques cibernéticos",
                  "innovation": "desarrollar proyectos de innovación", "industry-4": "preparar a los proveedores para la Industria 4.0"}[topic]
    purpose = purpose_en if en else purpose_es
    ag = Ent(f"agreement-{ch.id}-{univ.id}-{a.id.split('_')[0]}", kind,
             {a.lang: (f"agreement between {ch.acronym} and the {univ.label('en')}" if en else f"convenio entre {ch.acronym} y la {univ.label('es')}")},
             props={"year": str(a.year), "purpose": purpose, "topics": [T.topics[topic]]})
    city = w.city()
    signing = Ent(f"signing-{ag.id}", "Signing", {a.lang: ("signing of the " if en else "firma del ") + ag.label(a.lang)},
                  props={"place": city.id, "date": f"{a.year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"})
    a.local[signing.id] = signing
    d = signing.props["date"]
    month = int(d[5:7])
    day = int(d[8:10])
    date_txt = f"on {MONTHS_EN[month - 1]} {day}, {a.year}" if en else f"el {day} de {MONTHS_ES[month - 1]} de {a.year}"
    a.title = (f"{ch.acronym} signs agreement with {univ.label('en')}" if en else f"{ch.acronym} firma convenio con {univ.label('es')}")
    party_ch = a.fact("relations", {"id": a.fid("rel"), "subject": ag.id, "relation": "party", "object": ch.id}, a.full(ch),
                      status={"status": "implied"} if rng.random() < 0.3 else None)
    party_u = a.fact("relations", {"id": a.fid("rel"), "subject": ag.id, "relation": "party", "object": univ.id}, "the " + a.m(univ) if en else "la " + a.m(univ))
    comp_txt = [a.fact("relations", {"id": a.fid("rel"), "subject": ag.id, "relation": "party", "object": c.id}, a.m(c)) for c in comps]
    agtxt = a.local_entity(ag, ("a collaboration agreement" if kind == "CollaborationAgreement" else "a partnership agreement") if en else
                           ("un convenio de colaboración" if kind == "CollaborationAgreement" else "un acuerdo de asociación"))
    signed = a.fact("relations", {"id": a.fid("rel"), "subject": ag.id, "relation": "signed-at", "object": signing.id},
                    a.local_entity(signing, (f"signed in {a.m(city)} {date_txt}" if en else f"firmado en {a.m(city)} {date_txt}")))
    if en:
        a.para(f"{party_ch} signed {agtxt} with {party_u} and {' and '.join(comp_txt)} to {purpose}, in a ceremony {signed}.")
    else:
        a.para(f"{party_ch[0:1] + party_ch[1:]} suscribió {agtxt} con {party_u} y {' y '.join(comp_txt)} para {purpose}, en una ceremonia {signed}.")
    with a.optional():
        # signatory: the chamber's president of that year
        found = w.term_at(ch.id, a.year)
        pres = w.ents[found[1].person] if found else w.person()
        post = w.ents[f"{ch.id}-national-president"]
        sig = a.fact("relations", {"id": a.fid("rel"), "subject": ag.id, "relation": "signatory", "object": pres.id},
                     a.fact("tenures", {"id": a.fid("ten"), "person": pres.id, "post": post.id},
                            (f"{a.m(pres)}, {a.m(post, 'National President')} of the chamber" if en else f"{a.m(pres)}, {a.m(post, 'presidente nacional')} de la cámara")))
        students = rng.randrange(2, 60) * 50
        target = a.year + rng.randrange(1, 4)
        o1 = {"id": a.fid("obs"), "about": [ag.id], "measure": T.measures["students"], "value": str(students), "unit": "count",
              "comparator": "at-most" if rng.random() < 0.3 else "exact", "kind": "target", "time": {"qualifier": "by", "year": str(target)},
              "attributed_to": ch.id}
        cmp_en = "up to " if o1["comparator"] == "at-most" else ""
        cmp_es = "hasta " if o1["comparator"] == "at-most" else ""
        amount = rng.randrange(5, 200)
        o2 = {"id": a.fid("obs"), "about": [ag.id], "measure": T.measures["investment"], "value": str(amount * 1_000_000), "unit": "MXN",
              "comparator": "less-than" if rng.random() < 0.3 else "exact", "kind": "reported", "time": {"qualifier": "per-year"},
              "attributed_to": univ.id}
        lt_en = "less than " if o2["comparator"] == "less-than" else ""
        lt_es = "menos de " if o2["comparator"] == "less-than" else ""
        if en:
            a.para(f"The agreement, signed by {sig}, foresees {a.fact('observations', o1, f'training {cmp_en}{num_en(students)} students by {target}')}, "
                   f"with {a.fact('observations', o2, f'an investment of {lt_en}MX${amount} million per year')}.")
        else:
            a.para(f"El convenio, firmado por {sig}, prevé {a.fact('observations', o1, f'formar a {cmp_es}{num_es(students)}{NBSP}estudiantes en {target}')}, "
                   f"con {a.fact('observations', o2, f'una inversión de {lt_es}{amount} millones de pesos por año')}.")
    with a.optional():
        st = {"id": a.fid("st"), "speaker": pres.id, "verb": _said(a.lang, rng), "direct": True, "at": signing.id,
              "topics": [T.topics[topic], T.topics["talent"]] if topic != "talent" else [T.topics["talent"]], "about": [ag.id]}
        q = ("“Linking academia and industry is the only way to close the talent gap”" if en else
             "“Vincular a la academia con la industria es la única forma de cerrar la brecha de talento”")
        a.para(a.fact("statements", st, q + (f", {a.m(pres, pres.label(a.lang).split()[0] + ' ' + pres.label(a.lang).split()[1])} {st['verb']}")) + ".")


def kind_figures(a: Article, T: Vocab) -> None:
    """A report full of figures: every comparator, kind, unit and time qualifier, ranks compared, ambiguities."""
    w, rng, en = a.world, a.rng, a.lang == "en"
    src = w.gov_body()
    src2 = w.ents["cyber-police"]
    y = a.year - 1
    a.title = ("Cybercrime and the digital economy in figures" if en else "Ciberdelito y economía digital en cifras")
    tenths = rng.randrange(15, 60)  # (in integers: 4.1 * 1e9 is 4099999999.9999995, which the surface does not back)
    loss = tenths / 10
    o1 = {"id": a.fid("obs"), "about": ["mexico"], "measure": T.measures["losses"], "value": str(tenths * 100_000_000), "unit": "USD",
          "comparator": "exact", "kind": "reported", "time": {"qualifier": "in", "year": str(y)}, "attributed_to": src2.id,
          "surface": f"US${loss:.1f} billion" if en else f"{tenths * 100:,} millones de dólares"}
    a.use("mexico")
    src_txt = a.full(src2)
    mexico = a.m(w.ents["mexico"])
    if en:
        a.para(f"According to {src_txt}, {a.fact('observations', o1, f'losses from cybercrime in {mexico} amounted to US${loss:.1f} billion in {y}')}.")
    else:
        a.para(f"De acuerdo con {src_txt}, {a.fact('observations', o1, f'las pérdidas por ciberdelitos en {mexico} sumaron {int(loss * 1000):,} millones de dólares en {y}')}.")
    with a.optional():
        lo, hi = rng.randrange(300, 400), rng.randrange(450, 600)
        o2 = {"id": a.fid("obs"), "about": ["the-world"], "measure": T.measures["losses"], "min": str(lo * 1_000_000_000), "max": str(hi * 1_000_000_000),
              "unit": "USD", "comparator": "between", "kind": "estimate", "time": {"qualifier": "per-year"}, "unattributed": True}
        amb = rng.random() < 0.4
        st_o2 = {"status": "ambiguous", "readings": ["US dollars", "another currency named dollars"]} if amb else None
        if en:
            a.para(f"Globally, {a.fact('observations', o2, f'annual losses from cyber crime are between {lo} billion and {hi} billion dollars', status=st_o2)}.")
        else:
            a.para(f"En {a.m(w.ents['the-world'])}, {a.fact('observations', o2, f'las pérdidas anuales por ciberdelito están entre {lo} mil y {hi} mil millones de dólares', status=st_o2)}.")
        a.use("the-world")
    with a.optional():
        # rank, with the earlier figure compared
        official = w.official(src, a.year) if src.type != "Confederation" else w.person()
        r1 = rng.randrange(6, 20)
        r2 = r1 - rng.randrange(1, 4)
        oa = {"id": a.fid("obs"), "about": ["mexico"], "measure": T.measures["rank"], "value": str(r1), "unit": "rank", "comparator": "exact",
              "kind": "reported", "attributed_to": official.id}
        ob = {"id": a.fid("obs"), "about": ["mexico"], "measure": T.measures["rank"], "value": str(r2), "unit": "rank", "comparator": "exact",
              "kind": "reported", "time": {"qualifier": "as-of", "date": f"{a.year}-{rng.randrange(1, 13):02d}-01"}, "attributed_to": official.id,
              "compared_with": oa["id"]}
        a.heading("Rankings" if en else "Clasificaciones")
        if en:
            a.para(f"{a.m(official)} said that the country went {a.fact('observations', oa, f'from {ordinal_en(r1)}')} "
                   f"{a.fact('observations', ob, f'to {ordinal_en(r2)} place')} in global vehicle manufacturing.")
        else:
            a.para(f"{a.m(official)} dijo que el país pasó {a.fact('observations', oa, f'del lugar {r1}')} "
                   f"{a.fact('observations', ob, f'al {r2} en la manufactura mundial de vehículos')}.")
    with a.optional():
        # since, about, ambiguous digit grouping
        n_inc = rng.randrange(100, 999) * 1000 + rng.randrange(100, 999)
        grouped = f"{n_inc // 1000} 000 {n_inc % 1000}"
        since = a.year - rng.randrange(3, 8)
        o3 = {"id": a.fid("obs"), "about": ["mexico"], "measure": T.measures["incidents"], "value": str(n_inc // 1000 * 1_000_000 + n_inc % 1000),
              "unit": "count", "comparator": "approximately", "kind": "reported", "time": {"qualifier": "since", "year": str(since)},
              "attributed_to": official.id, "surface": grouped}
        if rng.random() < 0.5:
            o3.pop("surface")
        st3 = {"status": "ambiguous", "readings": [o3["value"], str(n_inc)]}
        a.para(f"{a.m(official, official.label(a.lang).split()[1])} {'said that since' if en else 'dijo que desde'} {since} "
               + a.fact("observations", o3, (f"Mexico has had about {grouped} computer incidents" if en else f"México ha tenido cerca de {grouped} incidentes informáticos"), status=st3) + ".")
    with a.optional():
        # a share, the funds managed (MXN), companies and jobs
        share = rng.randrange(20, 80)
        o4 = {"id": a.fid("obs"), "about": ["mexico"], "measure": T.measures["share"], "value": str(share), "unit": "percent",
              "comparator": "exact", "kind": "reported", "unattributed": True}
        money = rng.randrange(100, 900)
        ch = w.chamber()
        prog = w.programs[rng.randrange(len(w.programs))]
        o5 = {"id": a.fid("obs"), "about": [ch.id], "measure": T.measures["funds-managed"], "value": str(money * 1_000_000), "unit": "MXN",
              "comparator": "exact", "kind": "reported", "time": {"qualifier": "in", "year": str(y)}, "attributed_to": ch.id}
        comp = rng.randrange(200, 3000)
        jobs = rng.randrange(200, 5000)
        o6 = {"id": a.fid("obs"), "about": [ch.id], "measure": T.measures["companies"], "value": str(comp), "unit": "count",
              "comparator": "more-than", "kind": "reported", "attributed_to": ch.id}
        o7 = {"id": a.fid("obs"), "about": [ch.id], "measure": T.measures["jobs"], "value": str(jobs), "unit": "count",
              "comparator": "exact", "kind": "reported", "attributed_to": ch.id}
        rel = {"id": a.fid("rel"), "subject": ch.id, "relation": "funds-from", "object": prog.id}
        a.heading("Funds and programs" if en else "Fondos y programas")
        money_txt = a.fact("observations", o5, f"MX${money} million in {y}" if en else f"{money} millones de pesos en {y}")
        prog_txt = a.m(prog)
        if en:
            a.para(f"Four states cover {a.fact('observations', o4, f'{share}% of all applications for invention')}. "
                   f"By {a.fact('relations', rel, f'managing a total of {money_txt} from funds such as {prog_txt}', status={'status': 'explicit'})}, "
                   f"{a.full(ch)} supported projects that benefited {a.fact('observations', o6, f'more than {num_en(comp)} companies')} and created "
                   f"{a.fact('observations', o7, f'{num_en(jobs)} jobs')}.")
        else:
            a.para(f"Cuatro estados concentran {a.fact('observations', o4, f'{share}% de las solicitudes de patente')}. "
                   f"Al {a.fact('relations', rel, f'administrar un total de {money_txt} de fondos como {prog_txt}', status={'status': 'explicit'})}, "
                   f"{a.full(ch)} apoyó proyectos que beneficiaron a {a.fact('observations', o6, f'más de {num_es(comp)}{NBSP}empresas')} y crearon "
                   f"{a.fact('observations', o7, f'{num_es(jobs)}{NBSP}empleos')}.")


def kind_policy(a: Article, T: Vocab) -> None:
    w, rng, en = a.world, a.rng, a.lang == "en"
    ch = w.chamber()
    ini = w.initiative()
    a.title = (f"{ch.acronym} backs the {ini.label('en')}" if en else f"{ch.acronym} respalda {ini.label('es')}")
    rel = {"id": a.fid("rel"), "subject": ch.id, "relation": "promotes", "object": ini.id}
    found = w.term_at(ch.id, a.year)
    pres = w.ents[found[1].person] if found else w.person()
    col = [w.collectives[i] for i in sorted(rng.sample(range(len(w.collectives)), 2))]
    rel2 = [{"id": a.fid("rel"), "subject": ini.id, "relation": "supported-by", "object": c.id} for c in col]
    if en:
        a.para(f"{a.fact('relations', rel, f'{a.full(ch)} will promote the {a.m(ini)}')}, "
               f"{a.fact('relations', rel2[0], f'with the support of {a.m(col[0])}')} and {a.fact('relations', rel2[1], a.m(col[1]))}.")
    else:
        a.para(f"{a.fact('relations', rel, f'{a.full(ch)} impulsará {a.m(ini)}')}, "
               f"{a.fact('relations', rel2[0], f'con el apoyo de {a.m(col[0])}')} y {a.fact('relations', rel2[1], a.m(col[1]))}.")
    with a.optional():
        # a statement that enumerates items
        areas = rng.sample(list(TOPICS), 3)
        labels_en = {"cybersecurity": "information security", "infrastructure": "infrastructure development", "industry-4": "Industry 4.0",
                     "digital-economy": "the digital economy", "talent": "talent development", "women-in-ict": "the inclusion of women in ICT",
                     "smes": "support for SMEs", "manufacturing": "advanced manufacturing", "spectrum": "radio spectrum allocation",
                     "public-policy": "public policy for IT", "trade": "trade agreements", "innovation": "innovation"}
        labels_es = {"cybersecurity": "la seguridad de la información", "infrastructure": "el desarrollo de infraestructura", "industry-4": "la Industria 4.0",
                     "digital-economy": "la economía digital", "talent": "el desarrollo de talento", "women-in-ict": "la inclusión de mujeres en las TIC",
                     "smes": "el apoyo a las pymes", "manufacturing": "la manufactura avanzada", "spectrum": "la asignación del espectro",
                     "public-policy": "la política pública de TI", "trade": "los acuerdos comerciales", "innovation": "la innovación"}
        labels = labels_en if en else labels_es
        items = []
        parts = []
        for t in areas:
            k = a.key()
            items.append(({"id": a.fid("item"), **a.status()}, k))
            parts.append(mark(k, labels[t]))
        listing = ", ".join(parts[:-1]) + (", and " if en else " y ") + parts[-1]
        st = {"id": a.fid("st"), "speaker": pres.id, "verb": "stressed" if en else "subrayó", "direct": True,
              "topics": sorted({T.topics[t] for t in areas}), "about": [ini.id]}
        if en:
            a.para(a.fact("statements", st, f"“We must advance in {listing},” stressed {a.m(pres)}", items=items) + ".")
        else:
            a.para(a.fact("statements", st, f"“Debemos avanzar en {listing}”, subrayó {a.m(pres)}", items=items) + ".")
    with a.optional():
        # a target and a figure with at-least / by, and an unattributed statement
        pct = rng.randrange(10, 60)
        tyear = a.year + rng.randrange(2, 6)
        o1 = {"id": a.fid("obs"), "about": [ini.id], "measure": T.measures["projects"], "value": str(rng.randrange(1, 50) * 100), "unit": "count",
              "comparator": "at-least", "kind": "target", "time": {"qualifier": "by", "year": str(tyear)}, "attributed_to": ch.id}
        o2 = {"id": a.fid("obs"), "about": [ch.id], "measure": T.measures["member-growth"], "value": str(pct), "unit": "percent",
              "comparator": "at-most", "kind": "projection", "time": {"qualifier": "through", "start": str(a.year), "end": str(tyear)},
              "attributed_to": ch.id}
        goal = int(o1["value"])
        if en:
            a.para(f"The chamber's goal is {a.fact('observations', o1, f'at least {num_en(goal)} projects by {tyear}')}, "
                   f"and it expects {a.fact('observations', o2, f'membership to grow at most {pct}% from {a.year} through {tyear}')}.")
        else:
            a.para(f"La meta de la cámara es {a.fact('observations', o1, f'al menos {num_es(goal)} proyectos en {tyear}')}, "
                   f"y espera {a.fact('observations', o2, f'que la afiliación crezca a lo sumo {pct}% de {a.year} a {tyear}')}.")
    with a.optional():
        st2 = {"id": a.fid("st"), "unattributed": True, "verb": "reported" if en else "informó", "topics": [T.topics["public-policy"]], "about": [ini.id]}
        a.para(a.fact("statements", st2, (f"It was reported that the {ini.label('en')} will include analysis and recommendations for the public and private sectors"
                                          if en else f"Se informó que {ini.label('es')} incluirá análisis y recomendaciones para los sectores público y privado")) + ".")


KINDS: list[tuple[Callable[[Article, Vocab], None], float]] = [
    (kind_election, 0.2), (kind_convention, 0.3), (kind_agreement, 0.15), (kind_figures, 0.15), (kind_policy, 0.2)]
# How many optional paragraphs each kind writes (generate checks it): a featured one is drawn among them.
OPTIONALS: dict[Callable[[Article, Vocab], None], int] = {
    kind_election: 3, kind_convention: 4, kind_agreement: 2, kind_figures: 4, kind_policy: 3}
# Share of articles that keep one optional paragraph, drawn uniformly among their kind's, whatever the
# density: at --density 0 (leads only) the corpus still holds every kind of fact the full items do
# (statements, participations, plan items, every comparator and status), at a tenth of their weight.
FEATURED = 0.1


# --- the corpus --------------------------------------------------------------------------------------------

def _entity_decl(ent: Ent) -> dict[str, Any]:
    d: dict[str, Any] = {"id": ent.id, "type": ent.type, "name": dict(ent.name)}
    if ent.acronym:
        d["acronym"] = ent.acronym
    for key in ("organization", "head", "parent", "series", "edition", "part_of", "follows", "day", "place", "organizer",
                "time_text", "date", "start_date", "end_date", "topics", "purpose", "period", "year", "country", "gloss"):
        if key in ent.props:
            d[key] = ent.props[key]
    return d


DEFAULT_DENSITY = 0.2


def generate(n_articles: int, seed: int, out: Path, *, ontology: Path | None = None, en_share: float = 0.7,
             seeds_data: Path | None = None, density: float = DEFAULT_DENSITY, featured: float = FEATURED) -> dict[str, Any]:
    """Write the corpus; return a summary (counts, fact mix). Byte-identical output for the same inputs."""
    import random

    rng = random.Random(seed)
    # Which paragraph an article features is drawn from a stream of its own; a featured paragraph can
    # still change later draws (a third mention of a person draws nothing where a second one does).
    pick = random.Random(f"{seed}:featured")
    vocab = Vocab.load(ontology or REPO / "ontology")
    world = World(n_articles, rng, vocab)
    articles: list[tuple[Article, str, dict[str, tuple[str, int | None]]]] = []
    weights = [w for _, w in KINDS]
    for i in range(n_articles):
        year = 2008 + (i * 18) // max(1, n_articles)
        lang = "en" if rng.random() < en_share else "es"
        aid = f"{i:05d}_{hashlib.sha256(f'{seed}:{i}'.encode()).hexdigest()[:16]}"
        a = Article(world, aid, lang, year, rng, density)
        kind = rng.choices([k for k, _ in KINDS], weights)[0]
        if pick.random() < featured:
            a.featured = pick.randrange(OPTIONALS[kind])
        kind(a, vocab)
        if a.optionals != OPTIONALS[kind]:
            raise AssertionError(f"{kind.__name__} wrote {a.optionals} optional paragraphs; OPTIONALS says {OPTIONALS[kind]}")
        text, located = a.finish()
        articles.append((a, text, located))
    # who uses what (closed over the references entity properties make)
    users: dict[str, set[str]] = {}
    for a, _, _ in articles:
        seen: set[str] = set()
        todo = list(a.uses) + list(a.local)
        while todo:
            e = todo.pop()
            if e in seen:
                continue
            seen.add(e)
            todo.extend(world.ents[e].refs())
        for e in seen:
            users.setdefault(e, set()).add(a.id)
    shared: list[str] = []
    local_of: dict[str, str] = {}
    by_id = {a.id: a for a, _, _ in articles}
    for eid in world.ents:
        if eid not in users:
            continue
        ent = world.ents[eid]
        owners = users[eid]
        owner = next(iter(owners)) if len(owners) == 1 else None
        art = by_id.get(owner) if owner else None
        if owner is None or ent.structural or art is None or eid not in art.first_anchor:
            shared.append(eid)
        else:
            local_of[eid] = owner
    out.mkdir(parents=True, exist_ok=True)
    # the loader reads the JSON Schemas from the data folder: the corpus carries the repository's copy
    schema_src = (seeds_data or REPO / "data") / "schema"
    if schema_src.is_dir():
        (out / "schema").mkdir(exist_ok=True)
        for f in sorted(schema_src.glob("*.json")):
            (out / "schema" / f.name).write_bytes(f.read_bytes())
    (out / "articles").mkdir(exist_ok=True)
    (out / "facts").mkdir(exist_ok=True)
    from kg.corpus import unwritten_dates

    mix: Counter[str] = Counter()
    for a, text, located in articles:
        data = text.encode("utf-8")
        (out / "articles" / f"{a.id}.txt").write_bytes(data)
        sidecar: dict[str, Any] = {"id": a.id, "language": a.lang, "sha256": hashlib.sha256(data).hexdigest()}
        if a.headings:
            sidecar["sections"] = [{"heading": h} for h in a.headings]
        if a.title:
            sidecar["title"] = a.title
            sidecar["published"] = f"{a.year}-{1 + int(a.id[:5]) % 12:02d}-{1 + int(a.id[:5]) % 28:02d}"
            sidecar["outlet"] = OUTLETS[int(a.id[:5]) % len(OUTLETS)]
        _write_yaml(out / "articles" / f"{a.id}.yaml", sidecar, "Synthetic article (benchmarks/generate.py); not a real press item.")
        doc: dict[str, Any] = {"article": a.id, "review": "reviewed"}
        sections: dict[str, list[dict[str, Any]]] = {s: [] for s in
                                                     ("entities", "mentions", "tenures", "participations", "relations", "statements", "plans", "observations")}
        for eid in list(a.first_anchor):
            if local_of.get(eid) == a.id:
                quote, occ = located[a.first_anchor[eid]]
                decl = _entity_decl(world.ents[eid])
                for key in unwritten_dates(decl, quote):  # only the dates its quote writes, as a curator keeps them
                    del decl[key]
                decl.update(_quoted(quote, occ))
                decl["status"] = "explicit"
                sections["entities"].append(decl)
        forms: dict[str, set[str]] = {}
        for f in a.facts:
            if f.section == "mentions":
                forms.setdefault(f.data["entity"], set()).add(located[f.anchor][0].lower())
        for f in a.facts:
            quote, occ = located[f.anchor]
            item = dict(f.data)
            # a source or speaker the quote does not name is given by its context: the attribution is implied, as a
            # curator marks it (shapes warn otherwise), whatever the status of the figure or words quoted
            who_key = "attributed_to" if item.get("attributed_to") else "speaker" if item.get("speaker") else None
            if who_key and not _names(world.ents[item[who_key]], forms.get(item[who_key], set()), quote):
                item = _with_after(item, who_key, "attribution_status", "implied")
            status = {k: item.pop(k) for k in ("status", "reason", "readings") if k in item}
            item.update(_quoted(quote, occ))
            item.update(status)
            if f.items:
                item_list = []
                for d, k in f.items:
                    q, o = located[k]
                    st = {kk: d[kk] for kk in ("status", "reason", "readings") if kk in d}
                    entry = {kk: v for kk, v in d.items() if kk not in st}
                    entry.update(_quoted(q, o))
                    entry.update(st)
                    item_list.append(entry)
                item["items"] = item_list
            sections[f.section].append(item)
        for name, items in sections.items():
            if items:
                doc[name] = items
                mix[name] += len(items)
                for it in items:
                    mix[f"status:{it['status']}"] += 1
                    for sub in it.get("items", []):
                        mix[f"status:{sub['status']}"] += 1
                        mix["items"] += 1
                    if name == "observations":
                        mix[f"comparator:{it['comparator']}"] += 1
                        mix[f"kind:{it.get('kind', '-')}"] += 1
                        mix[f"unit:{it['unit']}"] += 1
                        mix[f"time:{(it.get('time') or {}).get('qualifier', '-')}"] += 1
                    if name == "statements":
                        mix["statements:" + ("unattributed" if it.get("unattributed") else "attributed")] += 1
                    if it.get("attribution_status"):
                        mix[f"attribution:{it['attribution_status']}"] += 1
                    if name == "tenures":
                        for key in ("previous", "predecessor"):
                            if key in it:
                                mix[f"tenures:{key}" + (":cross-article" if "#" in it[key] else "")] += 1
        _write_yaml(out / "facts" / f"{a.id}.yaml", doc, "Synthetic fact file (benchmarks/generate.py).")
        mix["articles:" + a.lang] += 1
    shared_decls = [_entity_decl(world.ents[e]) for e in shared]
    mix["entities.yaml"] = len(shared_decls)
    _write_yaml(out / "entities.yaml", {"entities": shared_decls}, "Shared entities of a synthetic corpus (benchmarks/generate.py).")
    recurrence = Counter(len(u) for u in users.values())
    return {"articles": n_articles, "seed": seed, "vocab": vocab.source, "mix": dict(sorted(mix.items())),
            "entities_used": len(users), "shared_entities": len(shared_decls),
            "max_articles_per_entity": max((len(u) for u in users.values()), default=0),
            "entities_in_one_article": recurrence.get(1, 0)}


def _names(ent: Ent, forms: set[str], quote: str) -> bool:
    text = quote.replace(NBSP, " ").lower()
    names = {n.lower() for n in ent.name.values()} | forms | ({ent.acronym.lower()} if ent.acronym else set())
    return any(n in text for n in names)


def _with_after(item: dict[str, Any], after: str, key: str, value: Any) -> dict[str, Any]:
    """``item`` with ``key: value`` written just after ``after`` (a fact file reads in the curator's order)."""
    out: dict[str, Any] = {}
    for k, v in item.items():
        out[k] = v
        if k == after:
            out[key] = value
    return out


def _quoted(quote: str, occurrence: int | None) -> dict[str, Any]:
    return {"quote": quote, "occurrence": occurrence} if occurrence else {"quote": quote}


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


def _int_presenter(dumper: yaml.SafeDumper, data: int) -> yaml.ScalarNode:
    # The project's loader keeps plain numbers as strings; integers the schema wants (edition, day,
    # occurrence) are written `!!int 37`, as the curated files do. A sentinel survives dumping unquoted.
    return dumper.represent_scalar("tag:yaml.org,2002:str", f"__INT__{data}")


_Dumper.add_representer(int, _int_presenter)
_INT_SENTINEL = re.compile(r"__INT__(-?[0-9]+)")


def _write_yaml(path: Path, doc: dict[str, Any], comment: str) -> None:
    text = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
    text = _INT_SENTINEL.sub(r"!!int \1", text)
    path.write_text(f"# {comment}\n" + text, encoding="utf-8")


# --- report: the mix beside the seed articles' -------------------------------------------------------------

def fact_mix(data: Path) -> dict[str, int]:
    """Counts per section, status, attribution status, comparator, kind, unit and time qualifier of a data folder's
    fact files."""
    mix: Counter[str] = Counter()
    for path in sorted((data / "facts").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name in ("entities", "mentions", "tenures", "participations", "relations", "statements", "plans", "observations"):
            for it in doc.get(name) or []:
                mix[name] += 1
                mix[f"status:{it.get('status')}"] += 1
                if it.get("attribution_status"):
                    mix[f"attribution:{it['attribution_status']}"] += 1
                for sub in it.get("items") or []:
                    mix["items"] += 1
                    mix[f"status:{sub.get('status')}"] += 1
                if name == "observations":
                    mix[f"comparator:{it.get('comparator')}"] += 1
                    mix[f"kind:{it.get('kind', '-')}"] += 1
                    mix[f"unit:{it.get('unit')}"] += 1
                    mix[f"time:{(it.get('time') or {}).get('qualifier', '-')}"] += 1
    mix["articles"] = len(list((data / "facts").glob("*.yaml")))
    return dict(mix)


def triples_per_article(data: Path, ontology: Path | None = None) -> dict[str, Any] | None:
    """Map a data folder with the project's own loader and mapping (no validation); None if they do not exist yet."""
    try:
        from kg.config import Paths
        from kg.corpus import load_corpus
        from kg.mapping import map_corpus
    except ImportError as err:
        return {"error": f"not available: {err}"}
    paths = Paths(root=REPO, data=data, ontology=ontology or REPO / "ontology")
    try:
        corpus = load_corpus(paths)
        graphs = map_corpus(corpus)
    except Exception as err:  # report, do not hide: the generated corpus must load
        return {"error": f"{type(err).__name__}: {err}"}
    per_article = [len(g) for iri, g in graphs.items() if "/graph/article/" in str(iri)]
    total = sum(len(g) for g in graphs.values())
    return {"triples": total, "article_graphs": len(per_article),
            "per_article_mean": round(sum(per_article) / len(per_article), 1) if per_article else 0,
            "per_article_max": max(per_article, default=0)}


def print_report(summary: dict[str, Any], gen: Path, seeds: Path | None, with_triples: bool) -> None:
    seed_mix = fact_mix(seeds) if seeds else {}
    gen_mix = fact_mix(gen)
    n_seed = max(1, seed_mix.get("articles", 0))
    n_gen = max(1, gen_mix.get("articles", 0))
    print(f"generated {summary['articles']} articles (seed {summary['seed']}; vocab: {summary['vocab']}); "
          f"{summary['entities_used']} entities used, {summary['shared_entities']} shared in entities.yaml, "
          f"the most frequent in {summary['max_articles_per_entity']} articles, {summary['entities_in_one_article']} in one article only",
          file=sys.stderr)
    if with_triples:
        t_gen = triples_per_article(gen)
        t_seed = triples_per_article(seeds) if seeds else None
        print(f"{'triples':<28}{'seed articles':>16}{'generated':>16}")
        for label, key in (("per article (mean)", "per_article_mean"), ("per article (max)", "per_article_max"), ("total", "triples")):
            sv = t_seed.get(key, t_seed.get("error", "-")) if t_seed else "-"
            gv = t_gen.get(key, t_gen.get("error", "-")) if t_gen else "-"
            print(f"{label:<28}{str(sv)[:16]:>16}{str(gv)[:16]:>16}")
    print(f"{'fact mix (per article)':<28}{'seed articles':>16}{'generated':>16}")
    keys = sorted(set(seed_mix) | set(gen_mix), key=lambda k: (":" in k, k))
    for key in keys:
        if key == "articles":
            continue
        s = seed_mix.get(key, 0) / n_seed
        g = gen_mix.get(key, 0) / n_gen
        print(f"{key:<28}{s:>16.2f}{g:>16.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="example: python benchmarks/generate.py --articles 100 --seed 1 --out /tmp/corpus-100")
    ap.add_argument("--articles", type=int, required=True, help="number of articles N")
    ap.add_argument("--seed", type=int, default=1, help="random seed (same seed, same bytes)")
    ap.add_argument("--out", type=Path, required=True, help="output data folder (articles/, facts/, entities.yaml)")
    ap.add_argument("--ontology", type=Path, default=REPO / "ontology", help="ontology folder whose vocab ids are used")
    ap.add_argument("--seeds", type=Path, default=REPO / "data", help="the real data folder, for the comparison")
    ap.add_argument("--density", type=float, default=DEFAULT_DENSITY,
                    help="share of optional paragraphs kept (default %(default)s: press items of ~240 mapped triples; "
                         "0: leads only, ~165, about two million triples in the store at N=10,000; 1: full items, ~480)")
    ap.add_argument("--featured", type=float, default=FEATURED,
                    help="share of articles that keep one of their optional paragraphs at any density (default "
                         "%(default)s), so that every kind of fact occurs even at --density 0")
    ap.add_argument("--no-report", action="store_true", help="skip the comparison with the seed articles")
    ap.add_argument("--no-triples", action="store_true", help="report the fact mix only (no mapping of the corpora)")
    args = ap.parse_args(argv)
    if args.articles < 1:
        print("Error: --articles: must be at least 1", file=sys.stderr)
        return 2
    for name, share in (("--density", args.density), ("--featured", args.featured)):
        if not 0.0 <= share <= 1.0:
            print(f"Error: {name}: {share} is not a share (fix: give a number from 0 to 1)", file=sys.stderr)
            return 2
    if args.out.exists() and any(args.out.iterdir()) and not (args.out / "articles").is_dir():
        print(f"Error: {args.out}: exists and is not a generated corpus (fix: choose an empty folder)", file=sys.stderr)
        return 2
    if (args.out / "articles").is_dir():  # regenerate cleanly: stale files of a bigger N would stay otherwise
        for sub in ("articles", "facts"):
            for p in (args.out / sub).glob("*"):
                p.unlink()
    summary = generate(args.articles, args.seed, args.out, ontology=args.ontology, seeds_data=args.seeds, density=args.density,
                       featured=args.featured)
    if not args.no_report:
        print_report(summary, args.out, args.seeds if (args.seeds / "facts").is_dir() else None, not args.no_triples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
