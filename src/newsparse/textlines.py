"""Where things sit on a plain-text page: the headline, the byline lines, the body's first and
last line, found by the order of the lines and by their shape.

A copied page has no markup, so position does the work that tags do in HTML: what stands above
the headline is site header, the byline run follows the headline (after an optional standfirst),
the body runs from there until chrome that the story does not resume after, and everything below
is page furniture. The words themselves are judged by the shared extractors (bylines, dates,
reading time, related labels); this module only decides which lines to ask about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsparse.blocks import TextBlock
from newsparse.claims import MAX_BYLINE_LINE_CHARS, Drops, is_dateline, is_reading_time
from newsparse.fields import byline, byline_text, headline
from newsparse.fields.dates import VISIBLE_DATE
from newsparse.fields.feed_parts import is_time_line
from newsparse.fields.metadata import reading_time
from newsparse.vocab import NAME_LOWERCASE_WORDS

# The byline run sits near the top: look for it among this many unclaimed lines.
HEAD_SEARCH_LINES = 30
# The story starts within this many unclaimed lines after the byline run (an audio-player
# note, a "Listen" button or a photo credit may stand between them).
STORY_START_LINES = 3
# A headline is one line of at most this many characters.
MAX_HEADLINE_CHARS = 250
# A name credited without a "By" prefix must look like a person: 2-5 capitalised words.
MIN_BARE_NAME_WORDS = 2
MAX_BARE_NAME_WORDS = 5
# A standfirst shorter than headline.DEK_MIN_CHARS still has this many words.
MIN_DEK_WORDS = 6
# Agencies credit themselves by a short lowercase code: "Von dpa", "par afp".
MAX_AGENCY_CODE_CHARS = 5
# Prose has at least this many words (a one-word line ending in "." is a button or a label).
MIN_PROSE_WORDS = 4
# After chrome inside the body, the story resumes only with a paragraph this long, with a
# sentence followed by another one, or with the page's last sentence (a short sentence between
# chrome lines is more chrome: "Thanks for reading! Support us..." between share buttons).
RESUME_LONG_CHARS = 120
# Chrome inside a story is an ad slot, a share bar or a newsletter box of a few lines; a longer
# run of chrome ends the story.
MAX_INTERRUPTION_LINES = 6
# A browser copies each paragraph with blank lines around it and a box's or a card's lines
# without: a page does so when at least this share of its paragraph-sized lines (this long)
# have a blank line above them.
MIN_GAPPED_PARAGRAPH_SHARE = 0.6
GAP_EVIDENCE_MIN_CHARS = 80
# Lines this short that do not end like a sentence, at the edges of the body, are labels and
# links ("Privacy Policy", "Empfehlungen der Redaktion"), not paragraphs.
MAX_LOOSE_LINE_CHARS = 100

_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»«)\]]*$")
_NOT_A_TITLE_END = re.compile(r"[.,;:]$")
_LETTER = re.compile(r"[^\W\d_]")
# Whitespace runs are only tried from their start ((?<!\s)), which keeps the search linear on
# long runs of spaces or tabs; the matches are those of "\s+[·|•–—]\s+|\s+-\s+|\s*[·|•]\s*".
_SEPARATORS = re.compile(r"(?<!\s)\s+[·|•–—]\s+|(?<!\s)\s+-\s+|(?:(?<!\s)\s+)?[·|•]\s*")


def is_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None


def is_prose(text: str) -> bool:
    """A paragraph rather than a title or a label."""
    return len(text) > MAX_HEADLINE_CHARS or (
        is_sentence(text) and len(text.split()) >= MIN_PROSE_WORDS
    )


def is_title(text: str) -> bool:
    """A headline-shaped line: one line, not ending like a sentence or a clause."""
    return (
        len(text) <= MAX_HEADLINE_CHARS
        and _LETTER.search(text) is not None
        and _NOT_A_TITLE_END.search(text) is None
    )


def is_loose(text: str) -> bool:
    return len(text) <= MAX_LOOSE_LINE_CHARS and not is_sentence(text)


# --------------------------------------------------------------------------- bylines


def _is_name(name: str) -> bool:
    """A credited name: mostly capitalised words ("Ursula von der Leyen", "The Kyiv Independent
    news desk") or an agency's short code ("dpa"); never a colon ("Von Kiew bis Kabul: ...")."""
    words = name.split()
    if ":" in name:
        return False
    if len(words) == 1 and len(name) <= MAX_AGENCY_CODE_CHARS:
        return True
    return _capitalised(name) and all(
        _capitalised(word) or word.casefold() in NAME_LOWERCASE_WORDS for word in words
    )


def _capitalised(name: str) -> bool:
    first = name[0]
    return first.isupper() or not first.islower()  # scripts without case count as capitalised


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return (
        MIN_BARE_NAME_WORDS <= len(words) <= MAX_BARE_NAME_WORDS
        and _capitalised(words[0])
        and _capitalised(words[-1])
    )


def byline_names(text: str) -> list[str]:
    """Names credited on a byline line: "by A and B December 13, 2023 ...", "13. Dezember 2023 ·
    Von A · 2 Min. Lesezeit", or names without a prefix beside a date ("A and B · May 2, 2024").
    """
    if len(text) > MAX_BYLINE_LINE_CHARS:
        return []
    dates = VISIBLE_DATE.sub(" · ", text)
    if is_sentence(text) and dates == text:
        return []  # "Von hier aus sah man den Hafen." is a sentence, not a byline
    if byline.starts_with_prefix(text):
        names = byline.split_names(text)
        if not names or byline_text.runs_on_after(text, names[-1]):
            return []  # (a headline "Von Kiel: ..." runs on for many words after the "name")
        return names if all(_is_name(n) for n in names) else []
    parts = [p.strip() for p in _SEPARATORS.split(dates) if p.strip()]
    for part in parts:
        if byline.starts_with_prefix(part):
            names = byline.split_names(part)
            if names and all(_is_name(n) for n in names):
                return names
    if dates == text:
        return []
    for part in parts:
        if reading_time(part) is not None:
            continue
        names = byline.split_names(part)
        if names and all(_looks_like_person(n) and _is_name(n) for n in names):
            return names
    return []


def _only_names(text: str) -> bool:
    """A names line without a date, time or reading time."""
    return (
        bool(byline_names(text))
        and VISIBLE_DATE.search(text) is None
        and not (is_time_line(text) or reading_time(text) is not None)
    )


def is_byline_line(text: str) -> bool:
    """A byline, dateline or reading-time line."""
    if len(text) > MAX_BYLINE_LINE_CHARS:
        return False
    return (
        bool(byline_names(text)) or is_time_line(text) or is_dateline(text) or is_reading_time(text)
    )


# --------------------------------------------------------------------------- the head


@dataclass
class Head:
    headline: int | None = None
    dek: int | None = None
    bylines: list[int] = field(default_factory=list)
    body_start: int = 0


def _kept(drop: Drops, count: int) -> list[int]:
    return [i for i in range(count) if i not in drop]


def find_head(blocks: list[TextBlock], drop: Drops) -> Head:
    """Headline, standfirst and byline run at the top of the page."""
    texts = [b.text for b in blocks]
    kept = _kept(drop, len(texts))
    for position, index in enumerate(kept[:HEAD_SEARCH_LINES]):
        if not is_byline_line(texts[index]):
            continue
        run = [index]
        rest = kept[position + 1 :]
        while rest and is_byline_line(texts[rest[0]]):
            run.append(rest.pop(0))
        titles = kept[:position]
        # One byline per run: an undated names line before another one is the headline
        # ("Von Kiew bis Lwiw" over "Von Anna Weber und Tom Li").
        while (
            len(run) >= 2
            and _only_names(texts[run[0]])
            and any(byline_names(texts[i]) for i in run[1:])
        ):
            titles.append(run.pop(0))
        if not titles or not _story_follows(texts, rest):
            continue
        head = Head(bylines=run, body_start=run[-1] + 1)
        last = titles[-1]
        if len(titles) >= 2 and _is_dek(texts[last]) and is_title(texts[titles[-2]]):
            head.headline, head.dek = titles[-2], last
        else:
            head.headline = last
        return head
    return _head_without_byline(texts, drop, kept)


def _is_dek(text: str) -> bool:
    """A sentence or two under the headline: long enough in characters or, in a language of
    many one- and two-letter words (Russian, Czech), in words."""
    if len(text) > headline.DEK_MAX_CHARS or not is_sentence(text):
        return False
    return len(text) >= headline.DEK_MIN_CHARS or len(text.split()) >= MIN_DEK_WORDS


def _story_follows(texts: list[str], rest: list[int]) -> bool:
    """Whether the story starts within a few lines after a byline run: a masthead date
    ("Tuesday, March 5, 2024") is followed by menus and the headline's own byline instead."""
    for position, index in enumerate(rest[:STORY_START_LINES]):
        if is_byline_line(texts[index]):
            return False
        if is_prose(texts[index]):
            # Prose between two byline runs is a standfirst under a headline that merely looks
            # like a byline ("Von Kiew nach Lwiw ..."): the story follows the second run.
            after = rest[position + 1] if position + 1 < len(rest) else None
            return after is None or not is_byline_line(texts[after])
    return not rest


def _head_without_byline(texts: list[str], drop: Drops, kept: list[int]) -> Head:
    """No byline: the headline is the last title-shaped line above the first paragraph (or the
    first claimed teaser or feed item, on a listing)."""
    first_prose = next((i for i in kept if is_prose(texts[i])), None)
    first_claimed = next(
        (i for i, (kind, _) in sorted(drop.items()) if kind in ("feed", "related")), None
    )
    content = min((i for i in (first_prose, first_claimed) if i is not None), default=None)
    if content is None:
        # Only short lines: the first is the headline, the rest (if anything) the body.
        return Head(headline=kept[0], body_start=kept[0] + 1) if kept else Head()
    titles = [i for i in kept if i < content and is_title(texts[i])]
    if not titles:
        return Head(body_start=content)
    return Head(headline=titles[-1], body_start=titles[-1] + 1)


# --------------------------------------------------------------------------- the body


def body_lines(blocks: list[TextBlock], gaps: list[bool], drop: Drops, start: int) -> list[int]:
    """The story's lines from ``start``: unclaimed lines, across short interruptions by chrome
    the story resumes after, up to the first feed or the first chrome it does not; without
    labels and links at either edge. Labels inside an interruption (a share bar's "Facebook",
    a box's "Sign up") are claimed in ``drop`` with the kind of the chrome beside them."""
    story = _Story([b.text for b in blocks], gaps, drop)
    count = len(story.texts)
    lines: list[int] = []
    index = start
    # Photo captions, player notes and labels between the byline and the story's first line.
    while index < count and (index in drop or is_loose(story.texts[index])):
        index += 1
    while index < count:
        if index not in drop:
            lines.append(index)
            index += 1
            continue
        resume, labels = story.interruption(index)
        if resume is None:
            break
        # Labels right above the chrome belong to it too (a box's title).
        top = index
        while lines and lines[-1] == top - 1 and is_loose(story.texts[lines[-1]]):
            top = lines.pop()
            labels.insert(0, top)
        story.claim(labels)
        index = resume
    return story.trim_end(lines)


def uses_blank_lines(texts: list[str], gaps: list[bool], indexes: list[int]) -> bool:
    """Whether the page sets its paragraphs apart with blank lines (as a browser copies <p>),
    judged by its paragraph-sized lines (widget sentences are short and glued together)."""
    prose = [i for i in indexes if is_prose(texts[i])]
    long = [i for i in prose if len(texts[i]) >= GAP_EVIDENCE_MIN_CHARS] or prose
    return bool(long) and sum(gaps[i] for i in long) >= MIN_GAPPED_PARAGRAPH_SHARE * len(long)


@dataclass
class _Story:
    texts: list[str]
    gaps: list[bool]
    drop: Drops
    gapped: bool = False
    next_solid: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        kept = [i for i in range(len(self.texts)) if i not in self.drop]
        self.gapped = uses_blank_lines(self.texts, self.gaps, kept)
        # The first unclaimed line at or after each index that is not a label (or the end).
        self.next_solid = [len(self.texts)] * (len(self.texts) + 1)
        for index in range(len(self.texts) - 1, -1, -1):
            solid = index not in self.drop and not is_loose(self.texts[index])
            self.next_solid[index] = index if solid else self.next_solid[index + 1]

    def set_apart(self, index: int) -> bool:
        """A line with blank lines (or the page's end) above and below it, on a page that sets
        paragraphs apart so: a paragraph as a browser copies it, not a line of a widget."""
        below = index + 1
        return self.gapped and self.gaps[index] and (below >= len(self.texts) or self.gaps[below])

    def interruption(self, index: int) -> tuple[int | None, list[int]]:
        """Chrome from ``index`` on, with the labels among it: where the story resumes after
        it (None when it does not), and the labels."""
        end, labels = index, []
        while end < len(self.texts) and end - index <= MAX_INTERRUPTION_LINES:
            if end in self.drop:
                if self.drop[end][0] == "feed":
                    return None, []  # a timed list ends the story
            elif not is_loose(self.texts[end]):
                break
            else:
                labels.append(end)
            end += 1
        if end >= len(self.texts) or end - index > MAX_INTERRUPTION_LINES or not self.resumes(end):
            return None, []
        return end, labels

    def claim(self, labels: list[int]) -> None:
        if not labels:
            return
        chrome = [i for i in range(labels[0] - 1, labels[-1] + 2) if i in self.drop]
        for index in labels:
            nearest = min(chrome, key=lambda other: (abs(other - index), other < index))
            kind = self.drop[nearest][0]
            self.drop[index] = (kind, f"label beside {kind} chrome in the story")

    def resumes(self, index: int) -> bool:
        """Whether the story goes on at ``index`` after chrome inside it."""
        text = self.texts[index]
        if not is_prose(text) or (self.gapped and not self.gaps[index]):
            return False  # a label, or a sentence glued to the chrome above: its widget's text
        if len(text) >= RESUME_LONG_CHARS or self.set_apart(index):
            return True
        following = index + 1
        if following < len(self.texts) and following not in self.drop:
            return is_prose(self.texts[following])
        # The story's last paragraph after an ad slot or a share bar: only labels follow.
        return self.next_solid[following] == len(self.texts)

    def trim_end(self, lines: list[int]) -> list[int]:
        """Drop labels and links ("Privacy Policy") from the end of the story, and a last
        sentence glued to the chrome or labels under it on a page whose paragraphs stand apart
        (a cookie notice over its buttons)."""
        trimmed: set[int] = set()
        while lines:
            last = lines[-1]
            below = last + 1
            glued = (
                self.gapped
                and below < len(self.texts)
                and not self.gaps[below]
                and (below in trimmed or below in self.drop)
            )
            if not (is_loose(self.texts[last]) or glued):
                break
            trimmed.add(lines.pop())
        return lines
