"""Compare a drafted assessment folder with the hand-made one: gradings, findings, comments."""

from __future__ import annotations

import difflib
from pathlib import Path

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
    elements = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
                for p in sorted((folder / "elements").glob("*.yaml"))}
    return head, elements


def compare(drafted: Path, hand_made: Path) -> dict[str, float]:
    """The figures: gradings matched, findings matched and extra, comment sentence share and
    the ratio of drafted to hand-made comment words."""
    d_head, d_elements = load(drafted)
    h_head, h_elements = load(hand_made)
    gradings = sum(d_head.get("pillars", {}).get(k) == v
                   for k, v in h_head.get("pillars", {}).items())
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
        hand_sentences = [s for c in hand.get("comments", []) for part in c.split("[…]")
                          for s in sentences(part.strip())]
        draft_sentences = [normal(s) for c in mine.get("comments", []) for s in sentences(c)]
        for sentence in hand_sentences:
            wanted += 1
            found += any(normal(sentence) in s or difflib.SequenceMatcher(
                None, s, normal(sentence)).ratio() > 0.8 for s in draft_sentences)
        hand_words += sum(len(c.split()) for c in hand.get("comments", []))
        drafted_words += sum(len(c.split()) for c in mine.get("comments", []))
    return {"gradings": gradings, "gradings_total": gradings_total, "findings": findings,
            "findings_total": findings_total, "extra_findings": extra,
            "sentence_share": found / wanted if wanted else 1.0,
            "word_ratio": drafted_words / hand_words if hand_words else 0.0}
