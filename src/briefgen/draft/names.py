"""Tell which pillar or element a heading, or the topic of a sentence, is about.

A report words its headings in more ways than a framework file can list: as a question ("How
well does the FRS understand the risk of fire and other emergencies?"), as a name ("Understanding
the risk of fire and other emergencies"), with a tail ("… its services to the public"). So
names are compared by their words: the question's opening ("How well does the force"), small
words and tails are dropped and each word is cut to its stem, and a heading names a part when its
words are the part's words. A sentence's topic may also leave out one verb of the name ("good at
preventing crime and anti-social behaviour"), or up to two of its words where it keeps half of
them ("good at meeting current demand"), or add a few words to it ("good at understanding
current and likely future demand"); it never names a part whose words it does not have, so a
sentence about something narrower or wider ("good at preventing serious and organised crime")
grades nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Framework

#: The opening of a heading that asks a question of the force or service.
_QUESTION = re.compile(
    r"^(?:to what extent|how(?: well| good)?|how (effective|efficient|legitimate)(?:ly)?)\s+"
    r"(?:is|does|do|are|has)\s+(?:the\s+)?(?:police )?(?:force|service|frs|constabulary)"
    r"(?:'s)?\s+(?:at\s+)?"
)
#: What a sentence puts before its topic ("the way it prevents fires", "how it responds").
_LEAD = re.compile(
    r"^(?:the way (?:in which )?(?:it|the force|the service)|how (?:well )?it|"
    r"the way that it)\s+"
)
#: Tails that add nothing to a name ("… its services to the public").
_TAILS = re.compile(
    r"(?:\s+(?:to the public|for its services|for the public|from fire and other "
    r"risks)|,? and keep(?:ing)? "
    r"people safe)+$"
)
#: Words that say nothing of the topic.
SMALL = frozenset(
    {
        "the",
        "a",
        "an",
        "and",
        "of",
        "to",
        "at",
        "in",
        "for",
        "with",
        "its",
        "it",
        "on",
        "from",
        "by",
        "or",
        "as",
        "all",
        "that",
        "this",
        "their",
        "our",
        "which",
        "who",
        "how",
        "does",
        "do",
        "is",
        "are",
        "be",
    }
)
_SUFFIXES = (
    "ingly",
    "ness",
    "ions",
    "ion",
    "ings",
    "ing",
    "edly",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "s",
    "e",
    "y",
)
_PLAIN = str.maketrans("’‘–—\u00a0", "''-- ")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FRS = re.compile(r"\bfire (?:and|&) rescue services?\b")


def stem(word: str) -> str:
    """``word`` without its ending, so that "preventing", "prevents" and "prevent" agree (and
    "re-offending" and "offending")."""
    word = word.removeprefix("re-")
    if word.endswith("ing") and len(word) == 5:
        return word[:2] + "e"  # "using" as "use"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix in ("ing", "ed") and word[-1] == word[-2] and word[-1] not in "ls":
                word = word[:-1]  # "planning" as "plan"
            return word
    return word


def normal(text: str) -> str:
    """``text`` in lower case with straight quotes, single spaces and no end mark."""
    text = text.translate(_PLAIN)
    return " ".join(text.casefold().split()).strip(" .:?!;,*")


def words(text: str) -> frozenset[str]:
    """The stems of ``text``'s words that say what it is about."""
    text = _FRS.sub("frs", normal(text))
    text = _QUESTION.sub(lambda m: (m.group(1) or "") + " ", text)
    text = _LEAD.sub("", text)
    text = _TAILS.sub("", text)
    return frozenset(stem(w) for w in _WORD.findall(text) if w not in SMALL)


@dataclass(frozen=True)
class Part:
    kind: str  # "pillar" or "element"
    key: str


def names_of(framework: Framework) -> dict[Part, list[frozenset[str]]]:
    """The words of every name the framework gives each part."""
    out: dict[Part, list[frozenset[str]]] = {}
    for pillar in framework.named_pillars:
        out[Part("pillar", pillar.key)] = [words(n) for n in (pillar.name, pillar.question) if n]
    for element in framework.elements:
        given = (element.name, element.report_name, *element.report_names)
        out[Part("element", element.key)] = [words(n) for n in given if n]
    return out


#: The stems of the words a question asks the force about ("How effective is the force at …").
ASKED = frozenset({"effectiv", "efficient", "legitimat"})


def heading_part(text: str, names: dict[Part, list[frozenset[str]]]) -> Part | None:
    """The part a heading names: one whose name has exactly the heading's words; or an element
    whose name has them but for the question's "effective" ("How effective is the FRS at
    understanding the risk of fire and other emergencies?")."""
    wanted = words(text)
    if not wanted:
        return None
    found = [part for part, options in names.items() if wanted in options]
    elements = [p for p in found if p.kind == "element"]
    chosen = (
        elements
        or found
        or [
            part
            for part, options in names.items()
            if part.kind == "element" and wanted - ASKED in options
        ]
    )
    return chosen[0] if chosen else None


def within(topic: str, name_words: list[frozenset[str]]) -> bool:
    """Whether a topic says no more than one of a part's names ("understanding risk" of
    "Understanding the risk of fire and other emergencies"): under that part's own heading, a
    sentence grading the force at it grades the part."""
    wanted = words(topic)
    return bool(wanted) and any(wanted <= name for name in name_words)


def topic_part(
    topic: str, names: dict[Part, list[frozenset[str]]], kind: str = "element"
) -> Part | None:
    """The part of ``kind`` a sentence's topic is about, where only one fits."""
    wanted = words(topic)
    if not wanted:
        return None
    best: list[tuple[int, Part]] = []
    for part, options in names.items():
        if part.kind != kind:
            continue
        for name in options:
            fit = _fit(wanted, name)
            if fit is not None:
                best.append((fit, part))
    if not best:
        return None
    best.sort(key=lambda item: item[0])
    tied = {p for fit, p in best if fit == best[0][0]}
    return best[0][1] if len(tied) == 1 else None


def _fit(topic: frozenset[str], name: frozenset[str]) -> int | None:
    """How far ``topic`` is from ``name`` (0: the same words), or None where it is another
    topic: it may leave out one verb of the name, or two of its words where it keeps half
    of them, or add up to three words to it."""
    if topic == name:
        return 0
    if len(name) >= 2 and name <= topic and len(topic - name) <= 3:
        return len(topic - name)
    missing = name - topic
    if topic < name and len(missing) == 1 and len(topic) >= 2 and _verb(next(iter(missing))):
        return 1
    if topic < name and len(topic) >= 2 and len(missing) <= 2 and len(topic) >= 0.5 * len(name):
        return len(missing) + 1
    return None


def _verb(stemmed: str) -> bool:
    return stemmed in {
        "tackl",
        "keep",
        "mak",
        "get",
        "provid",
        "promot",
        "ensur",
        "manag",
        "develop",
        "support",
        "understand",
        "reduc",
        "respond",
        "protect",
    }
