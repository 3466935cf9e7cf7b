"""Bylines and datelines of an HTML page: the lines near the headline that credit its authors
or state its dates, claimed out of the body (a "By" line, a bold name line, names linked to
author pages, a dateline naming its writer) and the short lines that open with a credited
name set without "By"."""

from __future__ import annotations

from newsparse.blocks import TextBlock
from newsparse.claims import MAX_BYLINE_LINE_CHARS, Drops, is_dateline, is_reading_time
from newsparse.dom import Node, absolute_url, lines_of, normalize_space
from newsparse.fields import byline, metadata
from newsparse.fields.feed import is_time_line

# Bylines and datelines sit near the headline: search this many blocks after it.
BYLINE_SEARCH_BLOCKS = 25
# ... and this many before it (a "Name / 22.04.2020 / 06:15" line above the title).
BYLINE_LOOKBEHIND_BLOCKS = 6
# A paragraph this long after the headline starts the story: headings past it are subheadings.
STORY_PARAGRAPH_CHARS = 200


def claim_bylines(
    blocks: list[TextBlock],
    drop: Drops,
    start: int,
    byline_texts: list[str],
    base: str | None,
    dek: str | None = None,
) -> tuple[list[byline.Author], list[str]]:
    """Byline and dateline lines near the headline: their authors, and the lines themselves
    (for the visible date). They are dropped from the body. (``dek``: the standfirst found
    beside the headline, which is no start of the story.)"""
    known = {t.casefold() for t in byline_texts}
    authors: list[byline.Author] = []
    lines: list[str] = []
    story_started = False
    for index in _byline_window(blocks, start):
        block = blocks[index]
        text = block.text
        if (
            index > start
            and block.tag in ("p", "run")
            and len(text) >= STORY_PARAGRAPH_CHARS
            and text != dek
        ):
            story_started = True
        if index in drop or len(text) > MAX_BYLINE_LINE_CHARS or block.tag == "caption":
            continue  # a caption ("Von links: ...") credits no author of the story
        if block.tag == "heading" and story_started:
            continue  # a subheading in the story ("Von Kiel bis Sylt") credits nobody
        names = byline.byline_line_names(text, heading=block.tag == "heading")
        if names and block.node is not None and block.tag != "heading":
            names = _names_of_first_line(block.node) or names
        if not names and index > start and not story_started:
            # A credit without "By" above the story: names set in bold, or linked to their
            # author pages.
            if _paragraph_follows(blocks, index):
                names = byline.bold_line_names(block.node, text)
            if not names and block.links:
                names = byline.linked_author_names(block.links)
        if names and block.links and all(metadata.is_tag_url(href) for _, href in block.links):
            names = []  # a row of tag links that starts with "Von" or "By" credits nobody
        dated = is_time_line(text) or is_dateline(text) or is_reading_time(text)
        if dated and not names and not authors:
            # (A dateline's link to an author page credits that author above the headline
            # too: "Ana Ruiz / 22.04.2020 / 06:15" over it.)
            names = byline.dateline_names(text) or byline.linked_author_names(block.links)
        if text.casefold() in known or names or dated:
            drop[index] = ("byline", "byline or dateline")
            lines.append(text)
            if names and not authors:
                links = {t.casefold(): h for t, h in block.links}
                authors = [
                    byline.Author(name=n, url=absolute_url(links.get(n.casefold()), base))
                    for n in names
                ]
    return authors, lines


def _byline_window(blocks: list[TextBlock], start: int) -> range:
    """The blocks where bylines and datelines stand: around the headline at ``start``."""
    return range(
        max(0, start - BYLINE_LOOKBEHIND_BLOCKS), min(len(blocks), start + BYLINE_SEARCH_BLOCKS)
    )


# A credit line without "By" names the author and then a role or the paper ("Ana Ruiz
# Political Correspondent", "Tom Davies Associated Press"): at most this much after the name.
MAX_CREDIT_ROLE_CHARS = 60
# A name this short ("Li") may open any line.
MIN_NAME_LINE_CHARS = 5


def claim_name_lines(blocks: list[TextBlock], drop: Drops, start: int, names: list[str]) -> None:
    """Short lines near the headline that open with a credited author's name are the byline
    set without "By" (a speaker's label, "Ana Ruiz: ...", opens an interview answer)."""
    keys = [normalize_space(name).casefold() for name in names if len(name) >= MIN_NAME_LINE_CHARS]
    if not keys:
        return
    for index in _byline_window(blocks, start):
        if index in drop or blocks[index].tag not in ("p", "run"):
            continue
        text = blocks[index].text.casefold()
        for key in keys:
            if (
                text.startswith(key)
                and len(text) <= len(key) + MAX_CREDIT_ROLE_CHARS
                and not text[len(key) :].lstrip().startswith(":")
            ):
                drop[index] = ("byline", "byline or dateline")
                break


def _names_of_first_line(node: Node) -> list[str] | None:
    """A byline block broken by <br> credits on its first line with names; the lines after
    it hold the place or the date ("Von A und B<br>Kakuma / Kenia")."""
    lines = lines_of(node)
    if len(lines) < 2:
        return None
    return next((names for line in lines if (names := byline.byline_line_names(line))), None)


def _paragraph_follows(blocks: list[TextBlock], index: int) -> bool:
    """Whether prose comes next: a bold credit line opens the story ("Key points" opens a
    list)."""
    return index + 1 < len(blocks) and blocks[index + 1].tag == "p"
