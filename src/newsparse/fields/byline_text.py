"""Bylines as text: the prefixes ("By", "Von", "Par"), joiners ("and", "und"), roles, dates,
handles and credit tails around the names in a byline line, and the names they leave."""

from __future__ import annotations

import re
from itertools import islice

from newsparse import vocab
from newsparse.dom import normalize_space
from newsparse.fields.dates import VISIBLE_DATE
from newsparse.patterns import alternation

# A credited name has at most this many words and characters; longer is a sentence.
MAX_NAME_WORDS = 6
MAX_NAME_CHARS = 60
# A part of a byline string with more words than this (its role cut) is a sentence, and so is
# the whole string. Structured data gets room for a desk ("Brendan Carlin For The Mail On
# Sunday"); a visible line must be names ("Por pitres ... rued bisri, 949. Ana Vila/EPA" is a
# caption).
MAX_PROSE_WORDS = 10
MAX_VISIBLE_PART_WORDS = MAX_NAME_WORDS
# A byline line longer than this is prose that happens to start with "By".
MAX_BYLINE_CHARS = 250

PREFIX = re.compile(
    r"^\s*(?:" + alternation(vocab.BYLINE_PREFIXES, longest_first=True) + r")\s*[:\-–—]?\s+",
    re.IGNORECASE,
)
# "ByAna Ruiz": a prefix in its own element, glued to the name that starts with a capital.
# Two-letter prefixes other than "by" are left out: "DiBiase" is a name, not "di Biase".
_GLUED = [p for p in vocab.BYLINE_PREFIXES if len(p) > 2 or p == "by"]
_GLUED_PREFIX = re.compile(
    r"^\s*(?i:" + alternation(_GLUED, longest_first=True) + r")(?=[A-ZÀ-ÖØ-ÞА-Я])"
)
_AUTHOR_LABEL = re.compile(r"(?:" + alternation(vocab.AUTHOR_LABELS) + r")\s*", re.IGNORECASE)
# A day name right before a date ("Ana Ruiz Thursday, November 9"; "Ana Ruiz am Samstag, 19.").
_TRAILING_WEEKDAY = re.compile(
    r"(?:(?:^|\s)(?:am|on|le|el|il))?(?:^|\s)(?:"
    + alternation(vocab.WEEKDAYS, longest_first=True)
    + r")\.?,?\s*$",
    re.IGNORECASE,
)
# The patterns below take a run of what they begin with (spaces, separators, digits) only from
# the run's start, ``(?<!...)``: a match found from inside a run is found from its start, and
# without the guard a search re-reads the rest of a long run at every position (quadratic).
JOINERS = re.compile(
    r"(?:(?<!\s)\s+)?(?:,|;|\s(?:" + alternation(vocab.NAME_JOINERS) + r")\s|\s?/\s?|\|)\s*",
    re.IGNORECASE,
)
_STOP = re.compile(r"(?:" + alternation(vocab.BYLINE_STOP_PHRASES) + r")", re.IGNORECASE)
_ROLE = re.compile(
    r"(?:^|(?<![\s,(–—-])[\s,(–—-]+)(?:"
    + alternation(vocab.ROLE_WORDS, longest_first=True)
    + r")s?\b.*$",  # a role in the plural too: "Ana Ruiz and Tom Li, Staff writers"
    re.IGNORECASE,
)
_DESK_ROLE = re.compile(
    # (Starts only where a word starts: a search stays linear.)
    r"(?<![\w.&'-])[^\W\d_][\w.&'-]*\s+(?:"
    + alternation(vocab.ROLE_WORDS, longest_first=True)
    + r")s?$",
    re.IGNORECASE,
)
_RELATIVE_TIME = re.compile(
    r"(?<!\d)\d+\s*(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|stunden?|minuten?|tagen?|heures?|jours?)"
    r"\s*(?:ago|zuvor)?|\bvor\s+\d+|\bil y a\b|\bhace\b|\bago\b",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"@|https?:|www\.|\.com\b|\d|\*|\[at\]")
_NAME_CHARS = re.compile(r"[^\W\d_]", re.UNICODE)


def starts_with_prefix(text: str) -> bool:
    """Whether a line opens like a byline ("By ...", "Von ...", "Par ...")."""
    return PREFIX.match(text) is not None or _GLUED_PREFIX.match(text) is not None


def _strip_prefix(text: str) -> str:
    text = PREFIX.sub("", text, count=1)
    return _GLUED_PREFIX.sub("", text, count=1)


def byline_line_names(text: str, *, heading: bool = False) -> list[str]:
    """Names credited by a visible line that opens like a byline ("By ...", "Por ..."); none
    when the line is a heading or a sentence that merely starts with such a word ("Por un
    camino nuevo": a visible name of several words is capitalised somewhere, while a single
    lowercase word is a handle or an agency, "dpa"; structured data may lowercase desks)."""
    if not starts_with_prefix(text):
        return []
    names = split_names(text, MAX_VISIBLE_PART_WORDS)
    if any((" " in name or heading) and _all_lowercase(name) for name in names):
        # In a heading even one lowercase word is a phrase ("Text messages"), not a handle.
        return []
    if names and all(_all_lowercase(name) for name in names) and _words_after(text, names[-1]):
        # "Von wird 87.069 Zwazies, als ...": a handle or an agency ends the credit (a date
        # may follow); words after a lowercase "name" make the line a sentence.
        return []
    if names and runs_on_after(text, names[-1]):
        return []
    return names


def runs_on_after(text: str, name: str) -> bool:
    """Whether a line that opens with a credit runs on after the last name as a sentence or a
    headline does ("Von Kiel Nord 22.412 Tonnen Fracht gingen im Mai über die Kaje.", "Von
    Kiel: Fähre fällt ..."): a credit's role is a few words."""
    return bool(
        (_SENTENCE_END.search(text) or _colon_after(text, name))
        and _words_after(text, name, SENTENCE_TAIL_WORDS)
    )


# Words a credit line may hold after the last name: date labels and connectors.
_CREDIT_TAIL_WORDS = frozenset(
    {w.casefold() for w in (*vocab.UPDATED_WORDS, *vocab.PUBLISHED_WORDS)}
    | {"on", "at", "am", "um", "uhr", "le", "el", "the", "de", "and", "und", "et", "y"}
)
_WORD = re.compile(r"[^\W\d_]{3,}")


# A line that credits names and then runs on for this many words to a full stop, or after a
# colon, is a sentence or a headline ("Von Kiel Nord ... gingen im Mai über die Kaje."), not
# a credit with a role.
SENTENCE_TAIL_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?]\s*$")


def _after(text: str, name: str) -> str:
    """What follows ``name`` in ``text`` ("" when it is not there)."""
    at = text.find(name)
    return text[at + len(name) :] if at >= 0 else ""


def _colon_after(text: str, name: str) -> bool:
    """Whether a colon follows ``name`` in ``text`` ("Von Kiel: ...")."""
    return _after(text, name).lstrip().startswith((":", "："))


def _words_after(text: str, name: str, at_least: int = 1) -> bool:
    """Whether ``at_least`` words other than a date and its labels follow ``name``."""
    tail = VISIBLE_DATE.sub(" ", _after(text, name))
    words = (word for word in _WORD.findall(tail) if word.casefold() not in _CREDIT_TAIL_WORDS)
    return sum(1 for _ in islice(words, at_least)) == at_least


def split_names(text: str, max_part_words: int = MAX_PROSE_WORDS) -> list[str]:
    """Names credited in a byline string, in order, with prefixes, dates and roles dropped."""
    text = _SENTENCE_STOP.sub("", normalize_space(text))
    if not text or len(text) > MAX_BYLINE_CHARS:
        return []
    label = _AUTHOR_LABEL.search(text)
    if label is not None and label.start() > 0:
        # "Datum: 19.11.2021 Autor: Ana Ruiz": what precedes the label is not the credit.
        text = text[label.end() :]
    names = _names_before_date(text, max_part_words)
    if names:
        return names
    # "Posted on 21 September 2020 by Ana Ruiz": the credit follows the date.
    dates = list(VISIBLE_DATE.finditer(text))
    if dates:
        rest = text[dates[-1].end() :].strip(" ,;|–—-·•/")
        if starts_with_prefix(rest):
            return _names_before_date(rest, max_part_words)
    return []


def _names_before_date(text: str, max_part_words: int) -> list[str]:
    date = VISIBLE_DATE.search(text)
    if date:
        text = _TRAILING_WEEKDAY.sub("", text[: date.start()])
    stop = _STOP.search(text)
    if stop:
        text = text[: stop.start()]
    text = _RELATIVE_TIME.split(text)[0]
    text = _TIME_ONLY.split(text)[0]
    text = _strip_prefix(text)
    parts = JOINERS.split(text)
    if any(len(_ROLE.sub("", part).split()) > max_part_words for part in parts):
        # A part too long for a name once its role is cut ("Por pitres fullienu ... rued bisri,
        # ... Villaseca/EPA"; "Ana Ruiz, Staff Writer at The Ledger" keeps its name) is a
        # sentence that opens with a byline word; its last clause ("EPA") is no credit either.
        return []
    names: list[str] = []
    for part in parts:
        name = clean_name(part)
        if is_phrase(name or _ROLE.sub("", normalize_space(part))):
            # "Hecho en Bolivia con Drupal": words, not names; nor is anything else in the line
            # (nor is "el" in a headline "Por jiolion 106.214 sus chifuel y el").
            return []
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def is_phrase(name: str) -> bool:
    """A name of several words with a lowercase word that is no surname particle is a phrase
    ("Michael Ruiz says"); a single lowercase handle ("jesusfreak", "auto-motor.at") is not."""
    words = name.split()
    if _DESK_ROLE.match(name):
        return False  # a desk's credit, "Guardian staff reporter"
    return len(words) > 1 and any(
        word.islower()
        and word.isalpha()
        and word not in vocab.NAME_LOWERCASE_WORDS
        and word not in vocab.NAME_JOINERS
        and word not in _CREDIT_FUNCTION_WORDS
        for word in words
    )


# Lowercase words of credits that are no phrase: "the Harbor Post news desk", "Tove Berg for
# The Ledger".
_CREDIT_FUNCTION_WORDS = frozenset({"the", "of", "for"})


def clean_name(raw: str) -> str | None:
    name = _strip_prefix(normalize_space(raw))
    # "Elena Roth (ero)": newsroom initials in parentheses, closed or cut off.
    name = _TRAILING_PARENS.sub("", name)
    name = _TRAILING_DATE_LABEL.sub("", name)
    name = _TRAILING_NOISE.sub("", name)
    without_role = _ROLE.sub("", name).strip(" ,;:|-–—·•…()[]\"'／｜，、")
    # A paper's name and a role ("Guardian staff reporter") is a desk's credit, kept whole as
    # "news desk" is; a person's name sheds the role.
    desk = (
        without_role != name
        and without_role[:1].isupper()
        and " " not in without_role
        and _DESK_ROLE.match(name)
    )
    name = name if desk else without_role
    name = _TITLE_PREFIX.sub("", name)
    if not name or not _NAME_CHARS.search(name):
        return None
    if _NOT_A_NAME.search(name) and not _HANDLE.fullmatch(name):
        return None
    if len(name) > MAX_NAME_CHARS or len(name.split()) > MAX_NAME_WORDS:
        return None
    if name.casefold() in vocab.NAME_JOINERS or name.casefold() in vocab.BYLINE_PREFIXES:
        return None
    if name.split()[-1] in vocab.SURNAME_PARTICLES:
        return None  # a surname particle ("von", "de") opens a surname, never ends a name
    return name


# The full stop that ends a credit line ("Von Anna Berg und Tom Kranz, dpa."): after a word
# of three letters or more; an initial ("Ana R."), "Jr." or a company's "Inc." keeps its point.
_SENTENCE_STOP = re.compile(r"(?<=[^\W\d_]{3})(?<![JjSs]r)(?<!Inc|Ltd)(?<!Corp|Bros)\.$")
_TITLE_PREFIX = re.compile(
    r"^(?:" + alternation(vocab.NAME_TITLE_PREFIXES) + r")\s+(?=\S+\s+\S)", re.IGNORECASE
)
_TRAILING_NOISE = re.compile(
    r"(?:(?:^|\s)(?:" + alternation(vocab.BYLINE_NOISE_WORDS) + r"))+\s*$",
    re.IGNORECASE,
)
# A user handle with digits ("delta201", "c1ph4"): one token that starts with two letters.
# Starts only where a word starts, ``(?<![\w-])``: a search is then linear on long runs.
_HANDLE = re.compile(r"(?<![\w-])[^\W\d_]{2}[\w-]*?\d[\w-]*")
LOOKS_LIKE_URL = re.compile(r"(?:https?:|www\.|/)", re.IGNORECASE)


def _all_lowercase(name: str) -> bool:
    """No word starts with a capital (scripts without case, such as CJK, never count)."""
    return not any(word[:1].isupper() for word in name.split()) and name != name.upper()


_TRAILING_PARENS = re.compile(r"\s\([^()]{0,40}\)?$")
# Words that introduce the date and are left behind when the date is cut off ("Stand:").
_TRAILING_DATE_LABEL = re.compile(
    r"\s(?:stand|updated|update|aktualisiert|published|posted|veröffentlicht|am|on|le|el)\s?:?$",
    re.IGNORECASE,
)
