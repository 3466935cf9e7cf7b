"""The article body: the located region's blocks as typed ``Block`` records, minus what is not
article text (repeated headline, bylines, captions, chrome lines, link lists)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newsparse import vocab
from newsparse.blocks import TextBlock
from newsparse.chrome import shorten
from newsparse.dom import label_key, lines_of, normalize_space, parse_html
from newsparse.errors import EmptyDocumentError
from newsparse.fields.teaser_parts import has_related_label, is_related_heading
from newsparse.locate import Region
from newsparse.models import Block, Removal, RemovalKind

# A block this link-heavy is a link list or a teaser, not prose, unless it reads as a sentence.
MAX_LINK_DENSITY = 0.5
# Link-heavy blocks at least this long that end like a sentence are kept (a paragraph that is
# mostly one long link is still article text).
LINKED_SENTENCE_MIN_CHARS = 60
LINKED_HEADING_DENSITY = 0.9
# ... as are shorter paragraphs that end like a sentence with this many words outside links.
MIN_UNLINKED_WORDS = 3
# A paragraph this long seen twice is the page rendering the story twice (mobile and desktop
# copies, print versions), not the author repeating it.
MIN_DUPLICATE_CHARS = 40
# ... and one this long even alone: prose is not repeated word for word.
LONE_DUPLICATE_CHARS = 200
# Shorter repeats are a copy when this many come in a row: a meal plan repeats a dish and its
# portion line day after day, two by two; a copied story repeats paragraph after paragraph.
MIN_COPY_RUN = 3
# A page whose HTML shows less than this share of its JSON-LD ``articleBody`` renders the story
# from script (a single-page app): the structured text is the story. (A page showing a third
# of it is a gallery or a video whose articleBody adds every caption: its HTML is right.)
STRUCTURED_BODY_MAX_SHOWN_SHARE = 0.2
# ... when the articleBody is a story's length, not a summary.
MIN_STRUCTURED_BODY_CHARS = 500
_SENTENCE_END = re.compile(r"[.!?。！？…\"”»)]\s*$")
_HAS_WORD = re.compile(r"\w")


@dataclass
class BodyResult:
    blocks: list[Block] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    """Indexes of the walk blocks that became body blocks."""
    removed: list[Removal] = field(default_factory=list)


def extract_body(
    blocks: list[TextBlock],
    region: Region,
    eligible: list[bool],
    repeats_of: set[str],
) -> BodyResult:
    """Turn the region's eligible blocks into body records. Blocks claimed by other fields
    (feed items, related links, bylines, captions, chrome lines) are not eligible;
    ``repeats_of`` holds the texts (headline, dek) the body must not repeat."""
    result = BodyResult()
    candidates = [
        index
        for index, block in enumerate(blocks)
        if eligible[index] and region.holds(index, block)
    ]
    copies = _copied_blocks([blocks[index].text for index in candidates])
    for position, index in enumerate(candidates):
        block = blocks[index]
        if position in copies:
            result.removed.append(
                Removal(kind="repeated", text=shorten(block.text), reason="duplicate block")
            )
            continue
        if not _HAS_WORD.search(block.text):
            continue
        if normalize_space(block.text).casefold() in repeats_of:
            continue
        if block.tag == "caption":
            result.removed.append(
                Removal(kind="caption", text=shorten(block.text), reason="figure caption")
            )
            continue
        if _is_related_label(block.text):
            result.removed.append(
                Removal(kind="related", text=shorten(block.text), reason="label of a related list")
            )
            continue
        if _is_link_list(block):
            result.removed.append(
                Removal(kind="boilerplate", text=shorten(block.text), reason="link-heavy block")
            )
            continue
        result.blocks.append(to_record(block))
        result.used.add(index)
    _drop_dangling_labels(result)
    _drop_closing_boxes(result)
    return result


def _copied_blocks(texts: list[str]) -> set[int]:
    """Positions of blocks that repeat earlier text as part of a copy of the story (mobile and
    desktop renderings, a print version): a long paragraph seen before, or a shorter one in a
    run of MIN_COPY_RUN repeats. Shorter lines recurring alone or two by two ("Portion: 1 cup,
    1 tsp." under every dish of a meal plan) are the author's."""
    seen: set[str] = set()
    repeats: list[bool] = []
    for text in texts:
        repeats.append(len(text) >= MIN_DUPLICATE_CHARS and text in seen)
        seen.add(text)
    copies: set[int] = set()
    run_start = 0
    for position in range(len(texts) + 1):
        if position < len(texts) and repeats[position]:
            continue
        # A run of repeats ends here: a copy when long enough, else only its long paragraphs.
        run = range(run_start, position)
        if len(run) >= MIN_COPY_RUN:
            copies.update(run)
        else:
            copies.update(i for i in run if len(texts[i]) >= LONE_DUPLICATE_CHARS)
        run_start = position + 1
    return copies


# A line this short that ends in a colon is a label ("Companies:", "Mehr dazu:").
MAX_LABEL_CHARS = 40
# ... and one that opens with a related label may name its topic ("Weitere Informationen zum
# Coronavirus in Thüringen:").
MAX_RELATED_LABEL_CHARS = 70
_LABEL_END = re.compile(r"[:：]\s*$")


def _drop_dangling_labels(result: BodyResult) -> None:
    """A body does not end on a label ("Companies:"): what it introduced (a link list, a
    widget) was not article text and is gone, so the label goes too. (A last heading may
    be the story's own: a live ticker's oldest day.)"""
    while result.blocks:
        last = result.blocks[-1]
        if last.kind not in ("paragraph", "heading") or len(last.text) > MAX_LABEL_CHARS:
            return
        if _LABEL_END.search(last.text) is None:
            return
        result.blocks.pop()
        result.removed.append(
            Removal(
                kind="boilerplate", text=shorten(last.text), reason="label with nothing after it"
            )
        )


# An author's biography under an "About the author" label is a few short paragraphs at the
# story's end; a label with more or longer text after it heads a section of the story.
MAX_BIO_BLOCKS = 3
MAX_BIO_CHARS = 600
# A press release closes with contact details: a name, a phone number, an address, a line each.
MAX_CONTACT_BLOCKS = 6
MAX_CONTACT_CHARS = 300
# A related or "latest articles" heading near the end with teaser summaries under it: another
# box the located region took in.
MAX_TEASER_BOX_BLOCKS = 8
MAX_TEASER_BOX_CHARS = 300
_ABOUT_AUTHOR = frozenset(vocab.ABOUT_AUTHOR_LABELS)
_CONTACT = frozenset(vocab.CONTACT_LABELS)
_LATEST = frozenset(vocab.FEED_LABELS)


def _is_about_author(block: Block) -> bool:
    return label_key(block.text) in _ABOUT_AUTHOR


def _is_contact(block: Block) -> bool:
    return label_key(block.text) in _CONTACT


def _is_teaser_box_heading(block: Block) -> bool:
    """A related label ("Related articles") or a latest-news one ("Neueste Artikel") set as
    a heading. (Not "More in <name>": a story's subheading may open so, over its prose.)"""
    if block.kind != "heading":
        return False
    return label_key(block.text) in _LATEST or is_related_heading(block.text)


def _drop_closing_boxes(result: BodyResult) -> None:
    """An "About the author" or "Contact" label near the end and the short lines after it:
    the author is credited in ``authors``; biography and contact details are no part of the
    story."""
    _drop_closing_box(
        result, _is_about_author, MAX_BIO_BLOCKS, MAX_BIO_CHARS, ("byline", "author biography")
    )
    _drop_closing_box(
        result,
        _is_contact,
        MAX_CONTACT_BLOCKS,
        MAX_CONTACT_CHARS,
        ("boilerplate", "contact details"),
    )
    _drop_closing_box(
        result,
        _is_teaser_box_heading,
        MAX_TEASER_BOX_BLOCKS,
        MAX_TEASER_BOX_CHARS,
        ("related", "teasers under a related label"),
    )


def _drop_closing_box(
    result: BodyResult,
    is_label: Callable[[Block], bool],
    max_blocks: int,
    max_chars: int,
    removal: tuple[RemovalKind, str],
) -> None:
    blocks = result.blocks
    for start in range(max(0, len(blocks) - max_blocks - 1), len(blocks)):
        if not is_label(blocks[start]):
            continue
        box = blocks[start + 1 :]
        if any(b.kind not in ("paragraph", "heading") or len(b.text) > max_chars for b in box):
            return
        text = " ".join(b.text for b in blocks[start:])
        del blocks[start:]
        kind, reason = removal
        result.removed.append(Removal(kind=kind, text=shorten(text), reason=reason))
        return


def _is_related_label(text: str) -> bool:
    """A short line ending in a colon that opens with a related label ("Lesen Sie auch die
    folgenden Beiträge:", "Weiterlesen:"): the list it introduced was not story text."""
    return (
        len(text) <= MAX_RELATED_LABEL_CHARS
        and _LABEL_END.search(text) is not None
        and (is_related_heading(text) or has_related_label(text))
    )


def _is_link_list(block: TextBlock) -> bool:
    if block.tag == "heading":
        # A heading that is wholly a link is a teaser title, not a section heading.
        return block.link_density >= LINKED_HEADING_DENSITY
    if block.link_density <= MAX_LINK_DENSITY or block.tag == "pre":
        return False
    if block.tag == "list":
        return True
    if not _SENTENCE_END.search(block.text):
        return True
    # A sentence: kept when long, or when a paragraph of its own whose link leaves words of
    # the sentence outside it ("<a>The new pier</a> opens in June.").
    linked_words = sum(len(text.split()) for text, _ in block.links)
    unlinked_words = len(block.text.split()) - linked_words
    return not (
        len(block.text) >= LINKED_SENTENCE_MIN_CHARS
        or (block.tag in ("p", "run") and unlinked_words >= MIN_UNLINKED_WORDS)
    )


def with_standfirst(blocks: list[Block], dek: str | None, at: int = 0) -> list[Block]:
    """The body with its standfirst: the dek the page shows between the headline and the
    story opens the article as the reader reads it (once: never also as a paragraph). ``at``
    is its place among the blocks in page order (0, unless broken markup put story text
    above it)."""
    if dek is None or not blocks or any(block.text == dek for block in blocks):
        return blocks
    at = min(at, len(blocks))
    return [*blocks[:at], Block(kind="standfirst", text=dek), *blocks[at:]]


def to_record(block: TextBlock) -> Block:
    if block.tag == "heading":
        return Block(kind="heading", text=block.text, level=block.level)
    if block.tag == "list":
        return Block(kind="list", text=block.text, items=block.items, ordered=block.ordered)
    if block.tag == "quote":
        return Block(kind="quote", text=block.text, cite=block.cite)
    if block.tag == "pre":
        return Block(kind="preformatted", text=block.text)
    return Block(kind="paragraph", text=block.text)


def structured_body(article_body: str | None, shown_chars: int) -> list[Block] | None:
    """The JSON-LD ``articleBody`` as paragraphs (one per line of its text), when the HTML body
    found holds only ``shown_chars`` of it; None when the HTML body stands."""
    if not article_body or len(article_body) < MIN_STRUCTURED_BODY_CHARS:
        return None
    text = html.unescape(article_body)
    if "<" in text:  # markup, escaped or not ("&lt;p&gt;...")
        try:
            tree = parse_html(text)
        except EmptyDocumentError:
            return None
        lines = lines_of(tree.body) if tree.body is not None else []
    else:
        lines = [line for line in (normalize_space(part) for part in text.splitlines()) if line]
    chars = sum(len(line) for line in lines)
    if chars < MIN_STRUCTURED_BODY_CHARS or shown_chars >= STRUCTURED_BODY_MAX_SHOWN_SHARE * chars:
        return None
    return [Block(kind="paragraph", text=line) for line in lines]
