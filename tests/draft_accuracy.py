"""Compare a drafted assessment folder with the hand-made one: gradings, findings, comments."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml

from briefgen.draft.comments import sentences

FINDINGS = ("causes_of_concern", "recommendations", "areas_for_improvement")


def normal(value):
    """Quotes straightened, white space single, a final full stop dropped: what transcription
    changes without changing the words."""
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normal(v) for v in value]
    if isinstance(value, str):
        table = str.maketrans("‘’“”", "''\"\"")
        return " ".join(value.translate(table).split()).rstrip(".")
    return value


def load(folder: Path) -> tuple[dict, dict[str, dict]]:
    head = yaml.safe_load((folder / "assessment.yaml").read_text(encoding="utf-8"))
    elements = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((folder / "elements").glob("*.yaml"))
    }
    return head, elements


def compare(drafted: Path, hand_made: Path) -> dict[str, float]:
    """The figures: gradings matched, findings matched and extra, comment sentence share and
    the ratio of drafted to hand-made comment words."""
    d_head, d_elements = load(drafted)
    h_head, h_elements = load(hand_made)
    gradings = sum(
        d_head.get("pillars", {}).get(k) == v for k, v in h_head.get("pillars", {}).items()
    )
    gradings_total = len(h_head.get("pillars", {})) + len(h_elements)
    findings = extra = findings_total = found = wanted = 0
    drafted_words = hand_words = 0
    for key, hand in h_elements.items():
        mine = d_elements.get(key, {})
        gradings += mine.get("grading") == hand.get("grading")
        for name in FINDINGS:
            theirs, ours = normal(hand.get(name, [])), normal(mine.get(name, []))
            findings_total += len(theirs)
            findings += sum(item in ours for item in theirs)
            extra += sum(item not in theirs for item in ours)
        hand_sentences = [
            s
            for c in hand.get("comments", [])
            for part in c.split("[…]")
            for s in sentences(part.strip())
        ]
        draft_sentences = [normal(s) for c in mine.get("comments", []) for s in sentences(c)]
        for sentence in hand_sentences:
            wanted += 1
            found += any(
                normal(sentence) in s
                or difflib.SequenceMatcher(None, s, normal(sentence)).ratio() > 0.8
                for s in draft_sentences
            )
        hand_words += sum(len(c.split()) for c in hand.get("comments", []))
        drafted_words += sum(len(c.split()) for c in mine.get("comments", []))
    return {
        "gradings": gradings,
        "gradings_total": gradings_total,
        "findings": findings,
        "findings_total": findings_total,
        "extra_findings": extra,
        "sentence_share": found / wanted if wanted else 1.0,
        "word_ratio": drafted_words / hand_words if hand_words else 0.0,
    }


# --- A draft against a real report's ground truth (tests/fixtures/reports/real/*.truth.yaml) ---

REAL = Path(__file__).parent / "fixtures" / "reports" / "real"
#: What the draft writes where the report does not say (briefgen.schema.TO_BE_COMPLETED).
UNSTATED = "to be completed"


def truths() -> list[Path]:
    """Every ground-truth file of the real-report corpus, by name."""
    return sorted(REAL.glob("*.truth.yaml"))


def report_of(truth: Path) -> Path:
    return truth.with_name(truth.name.removesuffix(".truth.yaml") + ".txt")


def _flat(item) -> str:
    """A finding as one string: a nested bullet's lead-in and its items joined."""
    if isinstance(item, dict):
        return " ".join([item.get("text", ""), *map(_flat, item.get("items", []))])
    return str(item)


def _findings(elements: dict[str, dict]) -> dict[str, list[str]]:
    """Each element's findings, flattened and normalised, by element key."""
    return {
        key: [normal(_flat(f)) for name in FINDINGS for f in (data or {}).get(name) or []]
        for key, data in elements.items()
    }


def _close(a: str, b: str) -> bool:
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.9


def score(truth_file: Path, drafted: Path | None, refusal: str | None = None) -> dict:
    """How a draft (the folder ``drafted``, or ``refusal``: the message of a refused draft)
    stands against the truth: framework, gradings, findings, force and date."""
    truth = yaml.safe_load(truth_file.read_text(encoding="utf-8"))
    stated = truth.get("gradings") or {}
    pillars_t = stated.get("pillars") or {}
    elements_t = stated.get("elements") or {}
    carried_t = stated.get("carried_over") or {}
    wanted = {
        name: [normal(f) for f in items or []]
        for key, lists in (truth.get("findings") or {}).items()
        for name, items in [(key, [i for n in FINDINGS for i in (lists or {}).get(n) or []])]
    }
    out: dict[str, Any] = {
        "framework": False,
        "gradings_right": 0,
        "gradings_stated": 0,
        "gradings_wrong": 0,
        "gradings_invented": 0,
        "findings_found": 0,
        "findings_verbatim": 0,
        "findings_stated": sum(map(len, wanted.values())),
        "findings_extra": 0,
        "force": False,
        "force_prose": False,
        "date": False,
        "refused": refusal,
    }
    out["gradings_stated"] = len(pillars_t) + len(elements_t)
    if drafted is None:
        said = str(refusal).split(": ", 1)[-1]  # not the file's name, which may hold the key
        out["framework"] = bool(refusal) and truth["framework"] in said
        out["date"] = False  # nothing drafted: no date to judge (the benchmark shows n/a)
        return out
    head, elements = load(drafted)
    out["framework"] = head.get("framework") == truth["framework"]
    if not out["framework"]:
        return out
    scale = {"outstanding", "good", "requires improvement", "inadequate", "adequate"}
    drafted_pillars = head.get("pillars") or {}
    for key, value in drafted_pillars.items():
        if str(value).casefold() not in scale:
            continue
        if key not in pillars_t:
            out["gradings_invented"] += 1
        elif value == pillars_t[key]:
            out["gradings_right"] += 1
        else:
            out["gradings_wrong"] += 1
    for key, data in elements.items():
        value = (data or {}).get("grading")
        if value is None or str(value).casefold() not in scale:
            continue
        if key not in elements_t:
            out["gradings_invented"] += 1
        elif value == elements_t[key] and (data or {}).get("carried_over_from") == carried_t.get(
            key
        ):
            out["gradings_right"] += 1
        else:
            out["gradings_wrong"] += 1
    mine = _findings(elements)
    every = [f for found in mine.values() for f in found]
    for key, items in wanted.items():
        place = every if key.startswith("_pillar:") else mine.get(key, [])
        for item in items:
            out["findings_found"] += any(_close(item, f) for f in place)
            out["findings_verbatim"] += item in place
    truth_all = [f for items in wanted.values() for f in items]
    out["findings_extra"] = sum(not any(_close(f, t) for t in truth_all) for f in every)
    force = head.get("force")
    out["force"] = force == truth["force"]
    out["force_prose"] = not out["force"] and force != UNSTATED
    published = head.get("published")
    out["date"] = (
        published == truth.get("published") if truth.get("published") else published == UNSTATED
    )
    return out
