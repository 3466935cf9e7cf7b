"""Stage 3, by text: chrome recognised in single lines of text by their words ("Subscribe",
"* indicates required", "Skip to content", a pager, a copyright line) and by their repetition
on the page (template furniture). :mod:`newsparse.chrome` judges elements by their markup."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable
from functools import lru_cache
from itertools import pairwise

from newsparse import vocab
from newsparse.models import RemovalKind
from newsparse.patterns import alternation, kind_groups, trie_alternation

# Only short lines can be chrome by their words alone: a long paragraph that starts with
# "Subscribe" is a sentence, not a button.
CHROME_LINE_MAX_CHARS = 90
# Copyright lines run longer ("Copyright 2024 ... All rights reserved. This material may not
# be published, broadcast, rewritten or redistributed.").
CONTAINED_PHRASE_LINE_MAX_CHARS = 240
# Click-to-load consent placeholders explain themselves at length ("I agree that external
# content is shown to me. Personal data may then be passed to third-party platforms. ...");
# their phrases are specific enough to judge a line this long.
CONSENT_LINE_MAX_CHARS = 600
# Distinct short lines whose chrome kind is remembered: menus, footers and boxes repeat their
# lines ("Home", "Facebook", "* indicates required") within a page and across a site's pages.
LINE_CACHE_SIZE = 8192
# A short line seen this often on one page is template furniture ("* indicates required").
REPEATED_LINE_MIN_COUNT = 3
REPEATED_LINE_MAX_CHARS = 100
# ... unless it is a question of this many words at least (an interview's questions).
REPEATED_QUESTION_MIN_WORDS = 4


def _prefix_pattern(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    groups = kind_groups(table, longest_first=True)
    # The phrase must end at a word boundary: "subscribe" is chrome, "subscribers" is not.
    return re.compile(rf"^[\W_]*(?:{groups})(?!\w)", re.IGNORECASE)


_CHROME_LINE = _prefix_pattern(vocab.CHROME_LINE_PREFIXES)
_EXACT_LINES: dict[str, RemovalKind] = {
    phrase: kind  # type: ignore[misc]
    for kind, phrases in vocab.CHROME_EXACT_LINES.items()
    for phrase in phrases
}
_ANY_CONSENT_PHRASE = re.compile(trie_alternation(vocab.CHROME_LINE_CONTAINS["cookie"]))
# One search for any of the contained phrases before the table is consulted: most lines hold
# none, and the factored pattern rejects them faster than a test of each phrase in turn.
_ANY_CONTAINED_PHRASE = re.compile(
    trie_alternation(p for phrases in vocab.CHROME_LINE_CONTAINS.values() for p in phrases)
)
_CONTAINED_PHRASES: dict[str, RemovalKind] = {
    phrase: kind  # type: ignore[misc]
    for kind, phrases in vocab.CHROME_LINE_CONTAINS.items()
    for phrase in phrases
}


# Three or more page numbers and nothing else but arrows and separators (never the dots,
# dashes, slashes or colons of a date or a clock time: "12.05.24" is no pager).
# (A match starts only where a run of those characters starts: a search stays linear.)
_PAGE_NUMBERS = re.compile(
    r"(?<![\s«»‹›<>←→|])[\s«»‹›<>←→|]*\d{1,3}(?:[\s|·•,]+\d{1,3}){2,}[\s«»‹›<>←→|.…]*"
)
# A listing's range line: "Showing 1 to 10 of 19", "Es werden die Weine 1 bis 10 von insgesamt
# 19 angezeigt". (Digits are taken from the start of a run of them: a search stays linear.)
_RESULT_RANGE = re.compile(
    r"(?<!\d)\d{1,4}\s*(?:to|bis|à|a|-|–)\s*\d{1,4}\s+(?:of|von|sur|de)\s+(?:insgesamt\s+)?\d{1,5}(?!\d)",
    re.IGNORECASE,
)
# A gallery's slide counter ("1/199", "3 / 12"): a position and a total of up to three digits
# each (a "12/2023" month is a date; "24/7" is no counter: it counts past its total).
_SLIDE_COUNTER = re.compile(r"(\d{1,3})\s?/\s?(\d{1,3})")
_COPYRIGHT_YEAR = re.compile(r"©\s*(?:copyright\s*)?\d{4}", re.IGNORECASE)


# A figure's caption: its label, a number perhaps, then a colon or full stop ("Abbildung 4:
# klassische Schwachschicht.", "Figure 2. The harbour in 1910").
_FIGURE_CAPTION = re.compile(
    rf"^\W*(?:{alternation(vocab.FIGURE_LABELS)})\s*(?:\d{{1,3}}[a-z]?)?\s*[:.](?:\s|$)"
)
# A call to follow the site on social networks ("Follow Newsbeat on Instagram, Facebook,
# Twitter and YouTube."): the follow word, a name, "on" and a network. (Anchored, the name
# bounded: a match is tried at the start only.)
_FOLLOW_LINE = re.compile(
    rf"^\W*(?:{alternation(vocab.FOLLOW_WORDS)})\b.{{0,80}}?\b(?:on|auf|sur|en|su|op)\s+"
    rf"(?:{alternation(vocab.SOCIAL_NETWORKS)})\b"
)


def _is_follow_line(folded: str) -> bool:
    return _FOLLOW_LINE.match(folded) is not None


def _is_slide_counter(text: str) -> bool:
    match = _SLIDE_COUNTER.fullmatch(text)
    return match is not None and 0 < int(match[1]) <= int(match[2])


def _is_result_range(folded: str) -> bool:
    """A listing's range line ("Showing 1 to 10 of 19 results"): the range and a word that
    says what is shown."""
    return _RESULT_RANGE.search(folded) is not None and any(
        word in folded for word in vocab.RESULT_RANGE_WORDS
    )


_COMMENT_COUNT = re.compile(r"\d{1,6}\s+(?:" + alternation(vocab.COMMENT_COUNT_WORDS) + r")")
# Punctuation and brackets around a chrome line's words ("Advertisement:", "[PR]", "【広告】").
_LINE_MARKS = " .:!·|[]()【】「」"


def classify_line(text: str) -> RemovalKind | None:
    """The chrome kind of a short line of text by its words ("Subscribe", "* indicates
    required", "Skip to content"...), or None."""
    if len(text) > CONTAINED_PHRASE_LINE_MAX_CHARS:
        if len(text) <= CONSENT_LINE_MAX_CHARS and _ANY_CONSENT_PHRASE.search(text.casefold()):
            return "cookie"
        return None
    return _short_line_kind(text)


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _short_line_kind(text: str) -> RemovalKind | None:
    folded = text.casefold()
    if _ANY_CONTAINED_PHRASE.search(folded) is not None:
        # (The table's order decides between two phrases in one line.)
        return next(kind for phrase, kind in _CONTAINED_PHRASES.items() if phrase in folded)
    if "©" in text:
        # A copyright line ("© 2024 The Ledger") closes the page; otherwise the sign credits
        # a picture ("... am Hafen © dpa | Kay Muster", "3/28 photos © Agency").
        return "footer" if _COPYRIGHT_YEAR.search(text) else "media_note"
    if _is_follow_line(folded):
        return "share"
    if _FIGURE_CAPTION.match(folded):
        return "caption"
    if len(text) > CHROME_LINE_MAX_CHARS:
        return None
    exact = _EXACT_LINES.get(folded.strip(_LINE_MARKS))
    if exact is not None:
        return exact
    if _COMMENT_COUNT.fullmatch(folded):
        return "comments"
    if _is_pager(text) or _is_result_range(folded) or _is_slide_counter(text):
        # A pager ("1 2 3 4 5", "« 1 | 2 | 3 »", "Showing 1 to 10 of 19") or a slide counter.
        return "navigation"
    match = _CHROME_LINE.match(text)
    if match and match.lastgroup:
        kind: RemovalKind = match.lastgroup  # type: ignore[assignment]
        return kind
    return None


_DIGITS = re.compile(r"\d+")


def _is_pager(text: str) -> bool:
    """Page numbers counting up ("1 2 3 … 10"); numbers in another order ("41 623 50") are
    data: a score line, a phone number."""
    if _PAGE_NUMBERS.fullmatch(text) is None:
        return False
    numbers = [int(n) for n in _DIGITS.findall(text)]
    return all(a <= b for a, b in pairwise(numbers))


def _is_question(text: str) -> bool:
    """A question of a few words ("What inspired you to start cooking?"): an interview asks it
    of each guest in turn; template furniture gives orders and labels, it does not ask."""
    return text.endswith(("?", "？")) and len(text.split()) >= REPEATED_QUESTION_MIN_WORDS


def repeated_furniture(lines: Iterable[tuple[str, Hashable]]) -> set[str]:
    """Short lines that occur at least REPEATED_LINE_MIN_COUNT times, in more than one
    container: template furniture. Given (text, container) pairs; a line repeated only inside one
    container is the story's own structure (every meal plan's "Pre-workout meal" subhead, a
    recipe's "Method"), not template furniture, which repeats across containers (each
    comment's "Reply")."""
    homes: dict[str, set[Hashable]] = {}
    counts: Counter[str] = Counter()
    for text, home in lines:
        if text and len(text) <= REPEATED_LINE_MAX_CHARS and not _is_question(text):
            counts[text] += 1
            homes.setdefault(text, set()).add(home)
    return {
        text
        for text, count in counts.items()
        if count >= REPEATED_LINE_MIN_COUNT and len(homes[text]) > 1
    }
