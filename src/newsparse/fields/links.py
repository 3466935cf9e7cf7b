"""Related links: "Read also:" inserts, teaser cards (a linked headline over a summary that
trails off in "…"), and the links of related-article boxes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsparse import vocab
from newsparse.blocks import TextBlock
from newsparse.chrome import classify_line
from newsparse.dom import absolute_url
from newsparse.fields.feed import is_time_line
from newsparse.models import Link

# A teaser title is a headline: a few words, mostly or wholly a link.
MIN_TITLE_WORDS = 3
MAX_TITLE_CHARS = 200
TITLE_MIN_LINK_DENSITY = 0.7
# A teaser summary is a sentence or two, and trails off when it is an excerpt.
MAX_SUMMARY_CHARS = 600
# Links listed under one related heading, at most (a longer run is a link farm or a nav).
MAX_LISTED_LINKS = 12
# Titles in non-spaced scripts (Japanese, Chinese) have no words to count: count characters.
MIN_TITLE_CHARS = 12
_LABELS = frozenset(vocab.RELATED_LABELS)
_TRAILS_OFF = re.compile(r"(?:…|\.\.\.)\s*$")
_LABEL = re.compile(
    r"^\s*(?:"
    + "|".join(re.escape(label) for label in sorted(vocab.RELATED_LABELS, key=len, reverse=True))
    + r")\s*(?:[:\-–—|»>]+\s*|\s+(?=\S))",
    re.IGNORECASE,
)


@dataclass
class LinksResult:
    links: list[Link] = field(default_factory=list)
    used: set[int] = field(default_factory=set)


def is_related_heading(text: str) -> bool:
    """A line that is only a related-articles label ("Related", "Mehr zum Thema:")."""
    return text.strip(" :–—-»>").casefold() in _LABELS


def strip_label(text: str) -> str:
    return _LABEL.sub("", text, count=1).strip()


def has_related_label(text: str) -> bool:
    return _LABEL.match(text) is not None


def find_related(
    blocks: list[TextBlock], skip: set[int], base: str | None, page_url: str | None
) -> LinksResult:
    result = LinksResult()
    seen: set[str] = set()

    def add(index: int, title: str, href: str | None, summary: str | None = None) -> None:
        url = absolute_url(href, base)
        key = url or title.casefold()
        if key in seen or (url and page_url and url.rstrip("/") == page_url.rstrip("/")):
            return
        seen.add(key)
        result.links.append(Link(title=title, url=url, summary=summary))
        result.used.add(index)

    for index, block in enumerate(blocks):
        if index in skip or index in result.used:
            continue
        if is_related_heading(block.text):
            # "Mehr zum Thema" / "Related stories" over a list of links: each link is a record.
            follower = index + 1
            section = block.path[:-1]
            while follower < min(len(blocks), index + 1 + 2 * MAX_LISTED_LINKS):
                listed = blocks[follower]
                if (
                    follower in skip
                    or listed.link_density < TITLE_MIN_LINK_DENSITY
                    or listed.path[: len(section)] != section
                ):
                    break
                titles = [
                    (title, listed_href)
                    for title, listed_href in listed.links
                    if _is_title_text(title)
                ]
                summary = _card_summary(blocks, follower + 1, skip) if len(titles) == 1 else None
                for title, listed_href in titles:
                    add(follower, title, listed_href, summary)
                result.used.add(follower)
                follower += 1
                if summary is not None:
                    result.used.add(follower)
                    follower += 1
            result.used.add(index)
            continue
        if not block.links:
            continue
        href = next((h for _, h in block.links if h), None)
        if has_related_label(block.text) and block.link_density >= TITLE_MIN_LINK_DENSITY / 2:
            add(index, strip_label(block.text), href)
            continue
        if not _is_title(block):
            continue
        summary_index = index + 1
        if summary_index < len(blocks) and summary_index not in skip:
            teaser = blocks[summary_index]
            same_card = teaser.anchor is not None and teaser.anchor == block.anchor
            if (_is_summary(teaser) or (same_card and not is_time_line(teaser.text))) and (
                _TRAILS_OFF.search(teaser.text) or block.zone == "related"
            ):
                add(index, block.text, href, teaser.text)
                result.used.add(summary_index)
                continue
        if block.zone == "related":
            add(index, block.text, href)
    return result


_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


def _is_title_text(text: str) -> bool:
    """Headline-sized: a few words, or in scripts written without spaces, a few characters."""
    if len(text.split()) >= MIN_TITLE_WORDS:
        return True
    return len(text) >= MIN_TITLE_CHARS and _UNSPACED_SCRIPT.search(text) is not None


def _card_summary(blocks: list[TextBlock], index: int, skip: set[int]) -> str | None:
    """The short unlinked text under a listed teaser title, if the next block is one."""
    if index >= len(blocks) or index in skip:
        return None
    block = blocks[index]
    if block.tag == "heading" or is_related_heading(block.text) or not _is_summary(block):
        return None
    return block.text


def _is_title(block: TextBlock) -> bool:
    return (
        block.link_density >= TITLE_MIN_LINK_DENSITY
        and len(block.text) <= MAX_TITLE_CHARS
        and len(block.text.split()) >= MIN_TITLE_WORDS
        and block.tag != "list"
    )


def _is_summary(block: TextBlock) -> bool:
    return (
        len(block.text) <= MAX_SUMMARY_CHARS
        and block.link_density < 0.5
        and not is_time_line(block.text)
        and classify_line(block.text) is None  # "MORE NEWS" after a card is no summary
    )
