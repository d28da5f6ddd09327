"""Precision and recall of ``kg ingest`` drafts: on the seeds (against the curated fact files) and on the
held-out evaluation set in ``tests/ingest_eval/`` (against its expected files).

An observation counts as right when value (or min and max), unit and comparator all agree; a mention
when the entity id agrees (one per entity and article). "Known" entities are those a draft could
know when the article arrives: ``data/entities.yaml`` and the reviewed fact files of *other*
articles. The headline mention score leaves out posts and unnamed collective actors ("industry",
"academia"), which are found by other rules or are not names; the seeds are also scored on all types.

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
from kg.ingest import KnownEntity, draft_facts, load_known_entities
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


def _mention_sets(draft: dict[str, Any], known: list[KnownEntity]) -> tuple[set[str], set[str]]:
    types = {k.id: k.type for k in known}
    ids = {m["entity"] for m in draft.get("mentions", []) if m["entity"] in types}
    return ids, {i for i in ids if types[i] not in UNNAMED_TYPES}


def evaluate_seeds(paths: Paths) -> SetResult:
    """Each article with a reviewed fact file, drafted as if new, against that file."""
    result = SetResult("seeds (vs curated fact files)", mentions_all=Score())
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
    return result


def evaluate_heldout(paths: Paths, folder: Path = EVAL_DIR) -> SetResult:
    """The evaluation set written before the rules: ``<id>.txt`` against ``<id>.expected.yaml``."""
    result = SetResult(f"evaluation set ({folder.name}/)")
    known, _ = load_known_entities(paths)
    for text_path in sorted(folder.glob("*.txt")):
        expected = load_yaml(text_path.with_name(text_path.stem + ".expected.yaml"))
        draft = draft_facts(text_path.read_text(encoding="utf-8"), article_id=text_path.stem,
                            lang=str(expected["lang"]), known=known).facts
        result.articles += 1
        result.observations.add(Counter(observation_key(o) for o in expected.get("observations", [])),
                                Counter(observation_key(o) for o in draft.get("observations", [])), text_path.stem)
        _, got_named = _mention_sets(draft, known)
        result.mentions.add(Counter(set(expected.get("mentions", []))), Counter(got_named), text_path.stem)
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
    if details:
        for r in results:
            for label, score in (("observations", r.observations), ("mentions", r.mentions)):
                for miss in score.missed:
                    lines.append(f"missed {label} [{r.name}] {miss}")
                for extra in score.extra:
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
