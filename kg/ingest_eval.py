"""Precision and recall of ``kg ingest`` drafts: on the seeds (against the curated fact files) and on the
held-out evaluation set in ``tests/ingest_eval/`` (against its expected files).

An observation counts as right when value (or min and max), unit and comparator all agree; a mention
when the entity id agrees (one per entity and article). "Known" entities are those a draft could
know when the article arrives: ``data/entities.yaml`` and the reviewed fact files of *other*
articles. The headline mention score leaves out posts and unnamed collective actors ("industry",
"academia"), which are found by other rules or are not names; the seeds are also scored on all types.
A tenure counts as right when its person and its post agree (``_tenure_keys``): on the seeds, those of known
people in known posts, in precision and recall; on the other sets in recall only, since their expected files
list some tenures, not all.

Run: ``kg ingest-eval`` or ``python -m kg.ingest_eval``.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from kg.config import Paths
from kg.errors import DataError
from kg.ingest import POST_TRANSLATIONS, KnownEntity, bare_post_name, draft_facts, load_known_entities, post_form, slugify
from kg.rdfio import decimal_text
from kg.yamlio import load_yaml

UNNAMED_TYPES = {"Post", "CollectiveActor"}
EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "ingest_eval"


def _num(value: Any) -> str:
    return decimal_text(Decimal(str(value)))


def observation_key(obs: dict[str, Any]) -> tuple[str, ...]:
    """What must agree: value or range, unit, comparator."""
    if "value" in obs:
        figure: tuple[str, ...] = (_num(obs["value"]),)
    else:
        figure = (_num(obs["min"]), _num(obs["max"]))
    return figure + (str(obs["unit"]), str(obs["comparator"]))


@dataclass
class Score:
    gold: int = 0
    drafted: int = 0
    right: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def add(self, gold: Counter, drafted: Counter, label: str) -> None:
        both = gold & drafted
        self.gold += sum(gold.values())
        self.drafted += sum(drafted.values())
        self.right += sum(both.values())
        self.missed += [f"{label}: {k}" for k in (gold - drafted).elements()]
        self.extra += [f"{label}: {k}" for k in (drafted - gold).elements()]

    @property
    def precision(self) -> float:
        return self.right / self.drafted if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0


@dataclass
class SetResult:
    name: str
    articles: int = 0
    observations: Score = field(default_factory=Score)
    mentions: Score = field(default_factory=Score)  # named known entities
    mentions_all: Score | None = None  # every known type (seeds only)
    tenures: Score = field(default_factory=Score)
    tenure_precision: bool = False  # whether the expected tenures are all of them (the seeds' curated files)


def _mention_sets(draft: dict[str, Any], known: list[KnownEntity]) -> tuple[set[str], set[str]]:
    types = {k.id: k.type for k in known}
    ids = {m["entity"] for m in draft.get("mentions", []) if m["entity"] in types}
    return ids, {i for i in ids if types[i] not in UNNAMED_TYPES}


def _bare(name: str) -> str:
    return post_form(bare_post_name(name))


def _post_forms(post: str, draft: dict[str, Any], by_id: dict[str, KnownEntity]) -> set[str]:
    """The names a drafted post answers to: its own (a known post's, or the candidate's), and each followed
    by a name of its organization ("titular" of INADEM answers to "titular del Inadem")."""
    drafted = {e["id"]: e for e in draft.get("entities", [])}
    names: list[str] = []
    organization = None
    if post in drafted:
        names += list(drafted[post].get("name", {}).values())
        organization = drafted[post].get("organization")
    if post in by_id:
        names += by_id[post].names
        organization = organization or by_id[post].organization
    forms = {_bare(n) for n in names}
    if organization:
        org_names = {_bare(n) for n in (by_id[organization].names if organization in by_id else [])}
        org_names |= {_bare(n) for n in drafted.get(organization, {}).get("name", {}).values()}
        forms |= {f"{f} {of} {o}" for f in set(forms) for of in ("of", "of the", "de", "del", "de la") for o in org_names}
    return forms | {post}


def _tenure_keys(expected: list[dict[str, Any]], draft: dict[str, Any],
                 by_id: dict[str, KnownEntity]) -> tuple[Counter, Counter]:
    """Expected and drafted tenures as (person, post) keys: a drafted tenure takes the key of the expected one it
    answers: same person, and the known post the expected one names, or, when it names none, a post whose names
    (or their first words) are the expected name."""
    gold = [(p if p in by_id else slugify(p), str(t["post"])) for t in expected for p in [str(t["person"])]]
    known_posts = {k.id: {_bare(n) for n in k.names} for k in by_id.values() if k.type == "Post"}
    # per expected tenure: the names it asks for, and the known posts they name
    asks = []
    for person, post in gold:
        asked = {post, _bare(post), POST_TRANSLATIONS.get(_bare(post), _bare(post))}
        asks.append((person, post, asked, [i for i, names in known_posts.items() if i in asked or asked & names]))
    got = []
    for t in draft.get("tenures", []):
        forms = _post_forms(t["post"], draft, by_id)
        for person, post, asked, known in asks:
            if person != t["person"]:
                continue
            if t["post"] in known if known else asked & forms or any(f.startswith(a + " ") for a in asked for f in forms):
                got.append((person, post))
                break
        else:
            got.append((t["person"], t["post"]))
    return Counter(set(gold)), Counter(set(got))


def evaluate_seeds(paths: Paths) -> SetResult:
    """Each article with a reviewed fact file, drafted as if new, against that file."""
    result = SetResult("seeds (vs curated fact files)", mentions_all=Score(), tenure_precision=True)
    for facts_path in sorted(paths.facts.glob("*.yaml")):
        gold = load_yaml(facts_path)
        if not isinstance(gold, dict) or gold.get("review") != "reviewed":
            continue
        article_id = facts_path.stem
        text_path = paths.articles / f"{article_id}.txt"
        sidecar = load_yaml(paths.articles / f"{article_id}.yaml")
        known, _ = load_known_entities(paths, exclude_article=article_id)
        types = {k.id: k.type for k in known}
        draft = draft_facts(text_path.read_bytes().decode("utf-8"), article_id=article_id,
                            lang=str(sidecar.get("language", "en"))[:2], known=known).facts
        result.articles += 1
        result.observations.add(Counter(observation_key(o) for o in gold.get("observations", [])),
                                Counter(observation_key(o) for o in draft.get("observations", [])), article_id)
        gold_all = {m["entity"] for m in gold.get("mentions", []) if m["entity"] in types}
        gold_named = {i for i in gold_all if types[i] not in UNNAMED_TYPES}
        got_all, got_named = _mention_sets(draft, known)
        result.mentions.add(Counter(gold_named), Counter(got_named), article_id)
        assert result.mentions_all is not None
        result.mentions_all.add(Counter(gold_all), Counter(got_all), article_id)
        # tenures of known people in known posts, as for mentions: an entity declared only in this article
        # gets the draft's own id, never the curator's
        both_known = [t for t in gold.get("tenures", []) if t["person"] in types and t["post"] in types]
        drafted = {**draft, "tenures": [t for t in draft.get("tenures", []) if t["person"] in types and t["post"] in types]}
        result.tenures.add(*_tenure_keys(both_known, drafted, {k.id: k for k in known}), article_id)
    return result


def evaluate_heldout(paths: Paths, folder: Path = EVAL_DIR) -> SetResult:
    """The evaluation set written before the rules: ``<id>.txt`` against ``<id>.expected.yaml``."""
    result = SetResult(f"evaluation set ({folder.name}/)")
    known, _ = load_known_entities(paths)
    for text_path in sorted(folder.glob("*.txt")):
        expected_path = text_path.with_name(text_path.stem + ".expected.yaml")
        expected = load_yaml(expected_path)
        for i, tenure in enumerate(expected.get("tenures") or []):
            if not isinstance(tenure, dict) or "person" not in tenure or "post" not in tenure:
                raise DataError("an expected tenure needs `person` and `post`", file=expected_path,
                                field=f"tenures[{i}]", hint="give the person's id or name and the post's name")
        draft = draft_facts(text_path.read_text(encoding="utf-8"), article_id=text_path.stem,
                            lang=str(expected["lang"]), known=known).facts
        result.articles += 1
        result.observations.add(Counter(observation_key(o) for o in expected.get("observations", [])),
                                Counter(observation_key(o) for o in draft.get("observations", [])), text_path.stem)
        _, got_named = _mention_sets(draft, known)
        result.mentions.add(Counter(set(expected.get("mentions", []))), Counter(got_named), text_path.stem)
        result.tenures.add(*_tenure_keys(expected.get("tenures", []), draft, {k.id: k for k in known}), text_path.stem)
    return result


def render(results: list[SetResult], *, details: bool = False) -> str:
    head = "| set | articles | observations P | observations R | known-entity mentions P | known-entity mentions R |"
    lines = [head, "|---|---|---|---|---|---|"]
    for r in results:
        o, m = r.observations, r.mentions
        lines.append(f"| {r.name} | {r.articles} | {o.precision:.1%} ({o.right}/{o.drafted}) | {o.recall:.1%} ({o.right}/{o.gold}) "
                     f"| {m.precision:.1%} ({m.right}/{m.drafted}) | {m.recall:.1%} ({m.right}/{m.gold}) |")
        if r.mentions_all is not None:
            a = r.mentions_all
            lines.append(f"| {r.name}, mentions of every known type | | | | {a.precision:.1%} ({a.right}/{a.drafted}) "
                         f"| {a.recall:.1%} ({a.right}/{a.gold}) |")
    lines += ["", "| set | tenures P | tenures R |", "|---|---|---|"]
    for r in results:
        t = r.tenures
        precision = f"{t.precision:.1%} ({t.right}/{t.drafted})" if r.tenure_precision else "not scored"
        recall = f"{t.recall:.1%} ({t.right}/{t.gold})" if t.gold else "none expected"
        lines.append(f"| {r.name} | {precision} | {recall} |")
    if details:
        for r in results:
            scores = (("observations", r.observations), ("mentions", r.mentions), ("tenures", r.tenures))
            for label, score in scores:
                for miss in score.missed:
                    lines.append(f"missed {label} [{r.name}] {miss}")
                for extra in (score.extra if label != "tenures" or r.tenure_precision else []):
                    lines.append(f"extra  {label} [{r.name}] {extra}")
    return "\n".join(lines)


def run(paths: Paths, *, folder: Path = EVAL_DIR) -> list[SetResult]:
    """Seeds, the evaluation set, and each later set in a sub-folder of it (fresh/, fresh2/: written after the rules)."""
    results = [evaluate_seeds(paths), evaluate_heldout(paths, folder)]
    for sub in sorted(d for d in folder.iterdir() if d.is_dir() and any(d.glob("*.txt"))):
        results.append(evaluate_heldout(paths, sub))
    return results


if __name__ == "__main__":  # pragma: no cover
    print(render(run(Paths()), details="-v" in sys.argv))
