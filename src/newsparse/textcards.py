"""Boxes and cards on a plain-text page: the text of cookie and newsletter boxes, and related
teasers (a title over a summary), told apart from the story by their words and by how a browser
copies them: paragraphs stand apart with blank lines, a box's or a card's lines are glued."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsparse.blocks import TextBlock
from newsparse.claims import Drops
from newsparse.fields import related_sections, teaser_parts
from newsparse.fields.feed_parts import is_time_line
from newsparse.models import Link, RemovalKind
from newsparse.textlines import is_prose, is_title, uses_blank_lines

# Chrome whose box also holds sentences, and the kind those sentences get ("* indicates
# required" sits in a newsletter form).
WIDGET_KINDS: dict[RemovalKind, RemovalKind] = {
    "cookie": "cookie",
    "newsletter": "newsletter",
    "form_marker": "newsletter",
}
MAX_WIDGET_LINE_CHARS = 300


# --------------------------------------------------------------------------- widgets


def absorb_widget_text(blocks: list[TextBlock], gaps: list[bool], drop: Drops, start: int) -> None:
    """Lines copied together with a cookie or newsletter box are that box's text: its title
    ("Get our morning briefing"), notice ("By continuing to browse, you agree...") and buttons
    ("Sign up"). A browser copies a box's lines without blank lines between them and sets
    paragraphs apart with blank lines, so on a page that does the latter, the lines glued to a
    box's chrome line from ``start`` on are taken with it."""
    texts = [b.text for b in blocks]
    if not uses_blank_lines(texts, gaps, [i for i in range(len(texts)) if i not in drop]):
        return
    group: list[int] = []
    for index in range(start, len(texts) + 1):
        if index == len(texts) or gaps[index] or index == start:
            _absorb_group(texts, drop, group)
            group = []
        if index < len(texts):
            group.append(index)


def _absorb_group(texts: list[str], drop: Drops, group: list[int]) -> None:
    claimed = [index for index in group if index in drop]
    if not any(drop[index][0] in WIDGET_KINDS for index in claimed):
        return
    for index in group:
        if index in drop or len(texts[index]) > MAX_WIDGET_LINE_CHARS:
            continue
        # A line goes with the nearest chrome line of its group, the one below it on a tie (a
        # box's title and notice come before its button): "Mentions légales" between a
        # newsletter prompt and "Tous droits réservés" is footer, not newsletter.
        nearest = min(claimed, key=lambda other: (abs(other - index), other < index))
        kind = WIDGET_KINDS.get(drop[nearest][0])
        if kind is not None:
            drop[index] = (kind, f"text of a {kind} box")


# --------------------------------------------------------------------------- related teasers


@dataclass
class Teasers:
    found: dict[int, Link] = field(default_factory=dict)
    """Teaser links by the index of their title line."""
    used: set[int] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    """Casefolded titles found so far: a teaser repeated on the page is one link."""

    @property
    def links(self) -> list[Link]:
        return [self.found[index] for index in sorted(self.found)]


def _teaser_title(text: str) -> bool:
    return (
        is_title(text)
        and len(text) <= teaser_parts.MAX_TITLE_CHARS
        and (
            len(text.split()) >= teaser_parts.MIN_TITLE_WORDS
            or len(text) >= teaser_parts.MIN_TITLE_CHARS
        )
    )


def _trails_off(text: str) -> bool:
    return text.endswith(("…", "..."))


def _teaser_summary(text: str) -> bool:
    """A summary under a teaser title: a sentence or an excerpt that trails off, not a time."""
    return (
        len(text) <= teaser_parts.MAX_SUMMARY_CHARS
        and not is_time_line(text)
        and (_trails_off(text) or not is_title(text))
    )


def find_teasers(blocks: list[TextBlock], gaps: list[bool], drop: Drops) -> Teasers:
    """Related-article teasers in unlinked text: a headline line directly followed by a summary
    that trails off in "…"; a "Read also: <title>" line; the titles (each with an optional
    summary) listed under a related heading such as "Related stories"."""
    finder = _TeaserFinder([b.text for b in blocks], gaps, drop, Teasers())
    # A labelled insert follows story text: above the first paragraph, "More from: ..." is
    # the headline.
    first_prose = next(
        (i for i, text in enumerate(finder.texts) if i not in drop and is_prose(text)), 0
    )
    for index, text in enumerate(finder.texts):
        if not finder.free(index):
            continue
        labelled = index > first_prose
        if labelled and teaser_parts.is_related_heading(text):
            finder.result.used.add(index)
            finder.listed(index + 1)
        elif (
            labelled
            and teaser_parts.has_related_label(text)
            and _teaser_title(teaser_parts.strip_label(text))
        ):
            finder.add([index], teaser_parts.strip_label(text), None)
        elif _teaser_title(text) and finder.trailing_summary(index + 1):
            finder.add([index, index + 1], text, finder.texts[index + 1])
    return finder.result


def find_card_pairs(
    blocks: list[TextBlock], gaps: list[bool], drop: Drops, start: int, teasers: Teasers
) -> None:
    """Teaser cards whose summary is a whole sentence, below the story's start: a title and a
    summary with no blank line between them, set apart by blank lines, on a page whose
    paragraphs are set apart by blank lines (as a browser copies a card's title and text)."""
    finder = _TeaserFinder([b.text for b in blocks], gaps, drop, teasers)
    texts = [b.text for b in blocks]
    if not uses_blank_lines(texts, gaps, [i for i in range(start, len(texts)) if i not in drop]):
        return
    for index in range(start, len(blocks) - 1):
        summary = index + 1
        if (
            finder.free(index)
            and finder.free(summary)
            and finder.apart(index, summary)
            and _teaser_title(blocks[index].text)
            and is_prose(blocks[summary].text)
            and len(blocks[summary].text) <= teaser_parts.MAX_SUMMARY_CHARS
        ):
            finder.add([index, summary], blocks[index].text, blocks[summary].text)


@dataclass
class _TeaserFinder:
    texts: list[str]
    gaps: list[bool]
    drop: Drops
    result: Teasers

    def free(self, index: int) -> bool:
        return index < len(self.texts) and index not in self.drop and index not in self.result.used

    def add(self, indexes: list[int], title: str, summary: str | None) -> None:
        if title.casefold() not in self.result.titles:
            self.result.titles.add(title.casefold())
            self.result.found[indexes[0]] = Link(title=title, summary=summary)
        self.result.used.update(indexes)

    def apart(self, first: int, last: int) -> bool:
        """Lines ``first``..``last`` form a group: no blank line inside, one (or the page's
        edge, or a claimed line) on either side."""
        before = first == 0 or self.gaps[first] or (first - 1) in self.drop
        after = last + 1 >= len(self.texts) or self.gaps[last + 1] or (last + 1) in self.drop
        return before and after and not any(self.gaps[first + 1 : last + 1])

    def trailing_summary(self, index: int) -> bool:
        """A summary line right under a title (no blank line between) that trails off."""
        return (
            self.free(index)
            and not self.gaps[index]
            and _trails_off(self.texts[index])
            and _teaser_summary(self.texts[index])
        )

    def listed(self, index: int) -> None:
        """Titles listed under a related heading, each with the summary line under it, if any."""
        count = 0
        while (
            self.free(index)
            and _teaser_title(self.texts[index])
            and count < related_sections.MAX_LISTED_LINKS
        ):
            summary = index + 1
            if self.free(summary) and _teaser_summary(self.texts[summary]):
                self.add([index, summary], self.texts[index], self.texts[summary])
                index += 2
            else:
                self.add([index], self.texts[index], None)
                index += 1
            count += 1
