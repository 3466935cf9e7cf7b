"""Claiming blocks for what they are before the body is chosen, shared by the HTML pipeline
(:mod:`newsparse.pipeline`) and the plain-text one (:mod:`newsparse.textpage`). A claimed block
is dropped from the body with the kind and reason the Article's ``removed`` list reports: chrome
phrases and repeated furniture, feed items, bylines and datelines, photo captions."""

from __future__ import annotations

import re

from newsparse import chrome_lines, vocab
from newsparse.blocks import TextBlock, Walk, container_path
from newsparse.dom import Node, label_key, normalize_space
from newsparse.fields import images, metadata
from newsparse.fields.dates import VISIBLE_DATE, might_hold_date
from newsparse.models import RemovalKind
from newsparse.patterns import alternation

# Block index -> (removal kind, reason) for every block claimed so far.
Drops = dict[int, tuple[RemovalKind, str]]

# A reading-time line is short ("4 min read"); a longer line only mentions minutes.
MAX_READING_TIME_LINE_CHARS = 40
# A byline or dateline line is short; a longer line is prose that happens to hold a date.
MAX_BYLINE_LINE_CHARS = 250
# A dateline holds a few words besides its dates ("Published", "Updated", a place).
MAX_DATELINE_WORDS_CHARS = 40
# Levels climbed from a short text block to find the image it captions.
CAPTION_IMAGE_LEVELS = 2
# A figure-like wrapper holds an image and its caption, rarely more (a credit line, a rule).
CAPTION_WRAPPER_CHILDREN = 4
# A caption set above its image is a line or two; longer text above an image is the story's
# paragraph before an illustration (captions below may run to images.MAX_CAPTION_CHARS).
MAX_CAPTION_ABOVE_CHARS = 200
# Siblings (text nodes included) looked at each way for a box made like a caption's wrapper.
STORY_PART_SIBLINGS = 6
# A part of a split story holds paragraphs, at least this many.
STORY_PART_PARAGRAPHS = 2


def claim(drop: Drops, indexes: set[int], kind: RemovalKind, reason: str) -> None:
    """Claim the blocks no one has claimed yet: an earlier claim stands."""
    for index in indexes:
        drop.setdefault(index, (kind, reason))


TABLE_ROW_TAGS = frozenset({"tr", "th", "td"})


def mark_text_chrome(page: Walk, drop: Drops) -> None:
    """Flag blocks that are chrome by their words or by their repetition on the page."""
    # (A table's rows repeat by design: every table of a stats page has the same header row.)
    repeated = chrome_lines.repeated_furniture(
        (b.text, container_path(b))
        for b in page.blocks
        if b.node is None or b.node.tag not in TABLE_ROW_TAGS
    )
    for index, block in enumerate(page.blocks):
        kind = chrome_lines.classify_line(block.text)
        if kind is not None:
            drop[index] = (kind, "chrome phrase")
        elif block.text in repeated:
            drop[index] = ("repeated", f"repeated {chrome_lines.REPEATED_LINE_MIN_COUNT}+ times")
        elif block.tag == "list" and (kind := button_row_kind(block.items)) is not None:
            drop[index] = (kind, "list of buttons")
    box_end = 0  # (a label inside a box already claimed starts no scan: linear time)
    for index, block in enumerate(page.blocks):
        if index < box_end:
            continue
        claimed_as = drop[index][0] if index in drop else None
        if block.tag == "heading" and claimed_as in BOX_LABEL_KINDS:
            box_end = _claim_labelled_box(page.blocks, drop, index)
        elif claimed_as == "cookie":
            box_end = _claim_consent_box(page.blocks, drop, index)


# A heading that is chrome by its words ("Most popular", "MORE NEWS") labels a box of teasers:
# the short blocks after it in its container are the box's cards (a summary under each title).
BOX_LABEL_KINDS = ("boilerplate", "related")
MAX_CARD_TEXT_CHARS = 200


def _claim_labelled_box(blocks: list[TextBlock], drop: Drops, label: int) -> int:
    """Claim the cards after a chrome label; the index where its box ends."""
    kind = drop[label][0]
    box = blocks[label].path[:-1]
    for index in range(label + 1, len(blocks)):
        block = blocks[index]
        if block.path[: len(box)] != box or len(block.text) > MAX_CARD_TEXT_CHARS:
            return index  # out of the box, or prose: the story goes on
        if block.tag == "heading" and index not in drop:
            return index  # another section's heading
        drop.setdefault(index, (kind, "card under a chrome label"))
    return len(blocks)


# A click-to-load placeholder ("Ein Klick für den Datenschutz", then why and how the third
# party's content would load) is a small box: its label, the explanation, a button or two.
# A label's wrapper holding more is the story's own container, whose text stays.
MAX_CONSENT_BOX_BLOCKS = 4


def _claim_consent_box(blocks: list[TextBlock], drop: Drops, label: int) -> int:
    """Claim the explanation that shares a consent placeholder label's wrapper (it runs long,
    past the length a chrome phrase is looked for in); the index where the box ends."""
    box = blocks[label].path[:-1]
    end = label + 1
    while end < len(blocks) and blocks[end].path[: len(box)] == box:
        if end - label >= MAX_CONSENT_BOX_BLOCKS:
            return label + 1  # a big wrapper: the label stands alone in the story
        end += 1
    start = label
    while start > 0 and blocks[start - 1].path[: len(box)] == box:
        start -= 1
        if end - start > MAX_CONSENT_BOX_BLOCKS:
            return label + 1
    for index in range(label + 1, end):
        drop.setdefault(index, ("cookie", "inside a click-to-load placeholder"))
    return end


# A line that is only a publication or update word and a clock time ("Updated at 1:23 p.m.",
# "Aktualisiert um 14:30 Uhr"), wherever it stands: a timestamp, not a sentence.
MAX_TIME_NOTE_CHARS = 60
_ONE_TIME_NOTE = (
    r"(?:"
    + alternation((*vocab.UPDATED_WORDS, *vocab.PUBLISHED_WORDS))
    + r")\W*(?:at|um|à|a las|alle|om|kl\.?)?\s*"
    + r"(?<!\d)\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?:\s?(?:uhr|h|[A-Z]{2,5}))?"
)
# ... or two such notes side by side ("Uppdaterad 15.59 | Publicerad 14.14").
_TIME_NOTE = re.compile(
    rf"^\W*{_ONE_TIME_NOTE}(?:\s*[|·•,/]\s*{_ONE_TIME_NOTE})?\W*$", re.IGNORECASE
)


def claim_time_notes(blocks: list[TextBlock], drop: Drops) -> None:
    """Lines that are only a publication or update time, left after the bylines were read
    (near the headline they are the visible date's evidence)."""
    for index, block in enumerate(blocks):
        if (
            index not in drop
            and len(block.text) <= MAX_TIME_NOTE_CHARS
            and _TIME_NOTE.match(block.text)
        ):
            drop[index] = ("byline", "publication or update time")


# A row of buttons set as a bare list ("Share / Email / Print"): at least this many items,
# nearly all of them chrome words on their own; the rest short ("See everyone's posts").
MIN_BUTTON_ITEMS = 3
BUTTON_ITEM_SHARE = 0.75
MAX_BUTTON_ITEM_CHARS = 30
_SHARE_BUTTONS = frozenset(vocab.SHARE_BUTTON_WORDS)


def button_row_kind(items: list[str]) -> RemovalKind | None:
    """The chrome kind of a list whose items are buttons, or None."""
    if len(items) < MIN_BUTTON_ITEMS or any(len(i) > MAX_BUTTON_ITEM_CHARS for i in items):
        return None
    kinds: list[RemovalKind] = []
    for item in items:
        kind = "share" if label_key(item) in _SHARE_BUTTONS else chrome_lines.classify_line(item)
        if kind is not None:
            kinds.append(kind)
    if len(kinds) < BUTTON_ITEM_SHARE * len(items):
        return None
    return max(sorted(set(kinds)), key=kinds.count)


# A clock time with an optional am/pm and zone abbreviation ("15:56 BST", "9.05 a.m."). Digits
# are taken only from the start of a run of them, (?<!\d), so a search stays linear.
_CLOCK_TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?:\s?(?i:[ap]\.?m\.?))?(?:\s[A-Z]{2,5}\b)?")


def is_dateline(text: str) -> bool:
    """A line that is mostly dates (a few words around them at most)."""
    if not might_hold_date(text):
        return False
    rest = VISIBLE_DATE.sub("", text)
    if len(rest) == len(text):
        return False
    # Clock times before a date ("Published: 15:56 BST, 27 April 2024") are dateline too.
    return len(_CLOCK_TIME.sub("", rest).strip()) <= MAX_DATELINE_WORDS_CHARS


def is_reading_time(text: str) -> bool:
    """A short line that gives a reading time ("4 min read")."""
    return len(text) <= MAX_READING_TIME_LINE_CHARS and metadata.reading_time(text) is not None


def first_reading_time(*line_groups: list[str]) -> int | None:
    """The first reading time any of the lines gives, group by group."""
    for lines in line_groups:
        for line in lines:
            minutes = metadata.reading_time(line)
            if minutes is not None:
                return minutes
    return None


def claim_captions(blocks: list[TextBlock], drop: Drops) -> list[str]:
    """Claim the unclaimed caption blocks; returns their texts in page order."""
    captions: list[str] = []
    for index, block in enumerate(blocks):
        if index in drop:
            continue
        if block.tag == "caption" or images.looks_like_caption(block.text) or _beside_image(block):
            drop[index] = ("caption", "figure caption")
            captions.append(block.text)
    return captions


def _beside_image(block: TextBlock) -> bool:
    """A short text that shares its wrapper with nothing but an image is that image's caption
    (div-soup figures have no <figcaption>). Only small wrappers are looked at, so the check
    costs the same on a page of ten paragraphs or ten thousand."""
    if len(block.text) > images.MAX_CAPTION_CHARS or block.node is None:
        return False
    node: Node | None = block.node
    for _ in range(CAPTION_IMAGE_LEVELS):
        parent = node.parent if node is not None else None
        siblings = _few_children(parent, CAPTION_WRAPPER_CHILDREN)
        if node is None or siblings is None:
            return False
        others = [child for child in siblings if child.mem_id != node.mem_id]
        if any(child.tag == "figure" for child in others):
            return False  # a <figure> holds its own caption: text beside it is the story's
        if any(_is_bare_image(child) for child in others) and all(
            _is_bare_image(child) or _is_credit_or_rule(child) for child in others
        ):
            above = siblings[0].mem_id == node.mem_id
            if above and len(block.text) > MAX_CAPTION_ABOVE_CHARS:
                return False
            return not _continues_a_story_part(parent)
        if others:
            return False
        node = parent
    return False


def _continues_a_story_part(wrapper: Node | None) -> bool:
    """A wrapper made like a nearby sibling that holds story paragraphs (same tag and class) is a
    part of a body split into several boxes, one that opens with a picture; its text is the
    story's, not a caption."""
    if wrapper is None:
        return False
    names = wrapper.attributes.get("class")
    if not names:
        return False
    for step in ("prev", "next"):
        sibling = getattr(wrapper, step)
        for _ in range(STORY_PART_SIBLINGS):
            if sibling is None:
                break
            if (
                sibling.tag == wrapper.tag
                and sibling.attributes.get("class") == names
                and _holds_paragraphs(sibling)
            ):
                return True
            sibling = getattr(sibling, step)
    return False


def _holds_paragraphs(node: Node) -> bool:
    """At least STORY_PART_PARAGRAPHS paragraphs among the node's children, longer together
    than a caption may be (an insert box of one long statement, a video's script data or a
    picture box with a caption and a credit paragraph is no part of the story)."""
    found = chars = 0
    for child in node.iter():
        if child.tag == "p":
            length = len(normalize_space(child.text()))
            found += length > 0
            chars += length
            if found >= STORY_PART_PARAGRAPHS and chars > images.MAX_CAPTION_CHARS:
                return True
    return False


def _few_children(node: Node | None, limit: int) -> list[Node] | None:
    """The element children of a node, or None when it has more than ``limit``."""
    if node is None:
        return None
    children: list[Node] = []
    for child in node.iter():
        children.append(child)
        if len(children) > limit:
            return None
    return children


def _is_credit_or_rule(node: Node) -> bool:
    """A picture's credit line ("Quelle: AFP") or a rule drawn under it."""
    if node.tag == "hr":
        return True
    text = normalize_space(node.text())
    return bool(text) and images.is_credit_line(text)


def _is_bare_image(node: Node) -> bool:
    if node.tag in ("img", "picture", "video"):
        return True
    # (Text first: most wrappers beside a short block hold words, and a CSS query costs more.)
    return not normalize_space(node.text()) and node.css_first("img, picture, video") is not None
