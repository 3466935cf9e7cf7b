"""The one walk over the page body: flatten the tree into text blocks in reading order.

Each ``TextBlock`` is a paragraph-like run of text (a ``<p>``, a heading, a list, a quote, or the
loose text inside a ``<div>``) with what later stages need: its links, its path of ancestor
elements (for scoring containers) and the chrome zone it sits in. Chrome that is never useful is
skipped here and reported as a removal; the tree itself is never modified."""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from time import perf_counter
from typing import Literal

from newsparse import chrome, chrome_lines
from newsparse.dom import (
    BLOCK_TAGS,
    HEADING_TAGS,
    INVISIBLE_TAGS,
    LINK_SELECTOR,
    Node,
    attr,
    lines_of,
    normalize_space,
    text_of,
)
from newsparse.models import RemovalKind

BlockTag = Literal["p", "heading", "list", "quote", "pre", "caption", "run", "cell", "time"]

# Elements with no readable text of their own, or form controls: never entered. (A <title>
# that malformed markup puts in <body> is still hidden by every browser's default style.)
# The invisible ones are stripped from the page before its walk; listed here too, the walk
# stays safe on any tree it is given.
SKIP_TAGS = frozenset(
    [
        *INVISIBLE_TAGS,
        "title",
        "canvas",
        "button",
        "select",
        "option",
        "input",
        "textarea",
        "head",
        "link",
        "meta",
        "audio",
        "video",
        "source",
        "track",
        "map",
        "area",
        "picture",
        "img",
    ]
)
# Skipped controls that hold text of their own ("Sign up", "Show ratings"): the text before
# and after one is not joined across it into a line the page never shows; what follows starts
# a new run (or a new list item).
LINE_ENDING_CONTROLS = frozenset({"button"})
LEAF_TAGS: dict[str, BlockTag] = {
    "p": "p",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "pre": "pre",
    "figcaption": "caption",
    "caption": "caption",
    "dt": "p",
    "dd": "p",
    "address": "p",
    "th": "cell",
}
LIST_TAGS = frozenset({"ul", "ol"})
# Zones that say only where a block sits; a related box or comment list inside one is the
# more useful label for its blocks.
BROAD_ZONES = frozenset({"sidebar", "header"})
# Blocks inside a <blockquote> that make it a container rather than one quote. (Lexbor's css()
# matches the node itself too, hence the descendant form for blockquote.)
_NESTED_IN_QUOTE = "div, ul, ol, figure, blockquote blockquote"
# Blocks inside a table row that make it page layout rather than one row of data. A data row
# is read as one line ("3 Kevin Harvick 5033 4"): cell by cell, its numbers would be lines
# short and frequent enough to pass for repeated template furniture.
# (A <br> too: old table layouts break their paragraphs with <br> inside one cell.)
_LAYOUT_IN_ROW = (
    "p, div, br, table, ul, ol, h1, h2, h3, h4, h5, h6, blockquote, pre, section, article"
)
# Class words of caption elements. Only short blocks inside one are captions: a long text in
# an element so named is story text under an odd name.
_CAPTION_NAME = re.compile(
    r"(?:^|[\s_\-])(?:caption|captions|figcaption|caption-text|wp-caption-text)(?=$|[\s_\-])"
)
CAPTION_MAX_CHARS = 400
NEVER_CAPTION_TAGS = frozenset({"html", "body", "main", "article"})
# A loose run is a caption when one of its wrapper's first few children, an inline element
# named as a caption, holds all its text (a figure wrapper holds a picture and its caption).
CAPTION_RUN_CHILDREN = 6
INLINE_CAPTION_TAGS = frozenset({"span", "small", "em", "i"})
# ... and only an element this few levels up names a block's role (feature-flag classes on
# <body>, "f_caption_muted_videos_on", name nothing).
CAPTION_LEVELS = 3
# Distinct class strings whose caption test is remembered.
CLASS_CACHE_SIZE = 4096
# Marks a <br> inside a run of loose text. Div-soup pages separate paragraphs with <br> only,
# so a run is split there into one block per line. (NULs never survive dom.parse_html.)
BREAK = "\x00"
# Class words of an empty element that stands for a line break.
BREAK_CLASS_WORDS = frozenset({"br", "line-break", "linebreak"})
# How many nodes the walk visits between looks at the clock (a look costs ~0.1 us).
DEADLINE_CHECK_STEPS = 256
# Walk no deeper than this: pathological nesting is flattened into one block at this depth.
MAX_WALK_DEPTH = 256
# The inner tags of a block element, which are never looked at.
_NO_TAGS: frozenset[str] = frozenset()
# Loose sibling paragraphs join when long and mostly unlinked, or short, unlinked and a sentence.
SIBLING_PARAGRAPH_CHARS = 80
SIBLING_PARAGRAPH_MAX_LINK_DENSITY = 0.25
# A list whose items hold this much text each is a layout list (a card grid, a story stream):
# walk into it rather than reading it as one bulleted list.
LAYOUT_LIST_ITEM_CHARS = 400


@dataclass
class TextBlock:
    tag: BlockTag
    text: str
    path: tuple[int, ...]
    """mem_ids of the ancestor elements, outermost first (the block's own element last)."""
    node: Node | None
    """The element the block came from; None for blocks read from plain text."""
    link_chars: int = 0
    links: list[tuple[str, str]] = field(default_factory=list)
    """(anchor text, href) of the links inside the block, in order."""
    level: int | None = None
    items: list[str] = field(default_factory=list)
    ordered: bool = False
    cite: str | None = None
    zone: RemovalKind | None = None
    zone_id: int | None = None
    class_names: str = ""
    anchor: str | None = None
    """href of a link wrapping the whole block (a card whose headline and summary are one <a>)."""

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


@dataclass
class SkippedChrome:
    kind: RemovalKind
    reason: str
    text: str


@dataclass
class Walk:
    blocks: list[TextBlock] = field(default_factory=list)
    skipped: list[SkippedChrome] = field(default_factory=list)
    nodes: dict[int, Node] = field(default_factory=dict)
    """Container elements by mem_id, for the ones on some block's path."""
    zones: dict[int, chrome.Verdict] = field(default_factory=dict)
    truncated: bool = False
    """The walk stopped at its deadline: blocks after that point are missing."""


@dataclass
class _Frame:
    node: Node
    children: Iterator[Node]
    path: tuple[int, ...]
    zone: RemovalKind | None
    zone_id: int | None
    anchor: str | None = None
    run: list[str] = field(default_factory=list)
    run_links: list[tuple[str, str]] = field(default_factory=list)
    run_link_lines: list[int] = field(default_factory=list)
    """For each of ``run_links``, the line of the run it sits in (how many <br> precede it)."""
    run_link_chars: int = 0
    run_breaks: int = 0
    class_names: str | None = None
    """The element's class attribute, read once for all its runs."""


def container_path(block: TextBlock) -> tuple[int, ...]:
    """The path of the element holding a block (a loose-text run's node is that element)."""
    return block.path if block.tag == "run" else block.path[:-1]


def common_depth(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    """How many containers two block paths share from the root."""
    depth = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        depth += 1
    return depth


def walk(root: Node, deadline: float | None = None) -> Walk:
    """Flatten ``root``'s subtree into text blocks in document order. With a ``deadline``
    (a ``time.perf_counter()`` value) the walk stops there and marks the result truncated."""
    result = Walk()
    root_id = root.mem_id
    result.nodes[root_id] = root
    stack = [_Frame(root, root.iter(include_text=True), (root_id,), None, None)]
    steps = 0
    while stack:
        # Read the top frame's children until one is a container to enter; its frame goes
        # on top and this loop comes back here for it.
        frame = stack[-1]
        run = frame.run
        for child in frame.children:
            steps += 1
            if (
                deadline is not None
                and steps % DEADLINE_CHECK_STEPS == 0
                and perf_counter() > deadline
            ):
                for open_frame in reversed(stack):
                    _flush_run(open_frame, result)
                result.truncated = True
                _mark_captions(result)
                return result
            tag = child.tag
            if tag == "-text":
                run.append(child.text_content or "")
                continue
            if tag == "br" or (tag == "span" and child.child is None and _is_break_span(child)):
                run.append(BREAK)
                frame.run_breaks += 1
                continue
            if tag is None or tag.startswith("-") or tag in SKIP_TAGS:
                if tag in LINE_ENDING_CONTROLS:
                    _flush_run(frame, result)  # what follows a skipped control is a new line
                continue
            verdict = chrome.classify_element(child, tag)
            zone, zone_id = frame.zone, frame.zone_id
            if verdict is not None:
                if not verdict.is_zone:
                    _flush_run(frame, result)
                    _skip(result, child, verdict)
                    continue
                if zone is None or (zone in BROAD_ZONES and verdict.kind not in BROAD_ZONES):
                    zone, zone_id = verdict.kind, child.mem_id
                    result.zones[zone_id] = verdict
            blocks_before = len(result.blocks)
            if tag in LEAF_TAGS:
                _flush_run(frame, result)
                _add_leaf(result, child, tag, (*frame.path, child.mem_id), zone, zone_id)
            elif tag in LIST_TAGS and not _is_layout_list(child):
                _flush_run(frame, result)
                _add_list(result, child, tag, (*frame.path, child.mem_id), zone, zone_id)
            elif _reads_as_one_block(child, tag):
                _flush_run(frame, result)
                _add_leaf(result, child, tag, (*frame.path, child.mem_id), zone, zone_id)
            else:
                # Inline elements (<a>, <span>) that wrap blocks are containers too.
                # So are those holding text that is never shown (a <title> that broken markup
                # put inside a <span>): the walk must skip it, a text() of the whole would not.
                inner = _NO_TAGS if tag in BLOCK_TAGS else _descendant_tags(child)
                if (
                    tag in BLOCK_TAGS
                    or not BLOCK_TAGS.isdisjoint(inner)
                    or not SKIP_TAGS.isdisjoint(inner)
                ):
                    _flush_run(frame, result)
                    path = (*frame.path, child.mem_id)
                    if len(stack) >= MAX_WALK_DEPTH:
                        _add_leaf(result, child, tag, path, zone, zone_id)
                        continue
                    result.nodes[path[-1]] = child
                    anchor = attr(child, "href") if tag == "a" else frame.anchor
                    stack.append(
                        _Frame(child, child.iter(include_text=True), path, zone, zone_id, anchor)
                    )
                    break
                _add_inline(frame, child, tag, inner)
            if frame.anchor is not None:
                _mark_anchored(result.blocks[blocks_before:], frame.anchor)
        else:
            steps += 1
            _flush_run(frame, result)
            stack.pop()
    _mark_captions(result)
    return result


def _is_break_span(node: Node) -> bool:
    """An empty <span> whose class names a line break: templates that style paragraph breaks
    in CSS ("<span class='component br'></span>") break their loose text with these."""
    classes = node.attributes.get("class")
    return classes is not None and not BREAK_CLASS_WORDS.isdisjoint(classes.split())


def _mark_captions(result: Walk) -> None:
    """Short text inside an element named as a caption ("caption-full", "imageEmbedCaption")
    is a caption: galleries and image embeds often caption without <figcaption>."""
    named = {
        cid
        for cid, node in result.nodes.items()
        if node.tag not in NEVER_CAPTION_TAGS and _is_caption_name(attr(node, "class"))
    }
    for block in result.blocks:
        if block.tag not in ("p", "run") or len(block.text) > CAPTION_MAX_CHARS:
            continue
        if (
            _is_caption_name(block.class_names)
            or not named.isdisjoint(block.path[-CAPTION_LEVELS - 1 :])
            or (block.tag == "run" and _run_is_caption_span(block))
        ):
            block.tag = "caption"


def _run_is_caption_span(block: TextBlock) -> bool:
    """Whether a loose run of text is all one inline element named as a caption
    (``<span class="caption">`` beside a linked picture in the same wrapper)."""
    if block.node is None:
        return False
    for count, child in enumerate(block.node.iter()):
        if count == CAPTION_RUN_CHILDREN:
            return False  # a wrapper of many elements is no figure
        if (
            child.tag in INLINE_CAPTION_TAGS
            and _is_caption_name(attr(child, "class"))
            and normalize_space(child.text()) == block.text
        ):
            return True
    return False


@lru_cache(maxsize=CLASS_CACHE_SIZE)
def _is_caption_name(classes: str) -> bool:
    return bool(classes) and _CAPTION_NAME.search(chrome.split_camel_case(classes)) is not None


def _reads_as_one_block(node: Node, tag: str) -> bool:
    """A quote holding no blocks of its own, or a table row of data (not of page layout)."""
    if tag == "blockquote":
        return node.css_first(_NESTED_IN_QUOTE) is None
    return tag == "tr" and node.css_first(_LAYOUT_IN_ROW) is None


# Dashes that set off a quote's source ("— Ana Ruiz (@anaruiz) May 2, 2024").
_SOURCE_DASHES = "—–―-~"
MAX_SOURCE_CHARS = 200


def _source_line(node: Node, parts: list[str]) -> str | None:
    """The source line an embedded post sets after its paragraphs, outside them and opening
    with a dash ("<blockquote><p>...</p>— Ana Ruiz (@anaruiz) <a>May 2, 2024</a>")."""
    lines = lines_of(node) if parts else []
    if not lines:
        return None
    last = lines[-1]  # (lines_of gives no empty line)
    if last[0] in _SOURCE_DASHES and len(last) <= MAX_SOURCE_CHARS and last not in parts:
        return last
    return None


def _mark_anchored(blocks: list[TextBlock], href: str) -> None:
    """Blocks inside a wrapping <a> are link text through and through."""
    for block in blocks:
        block.anchor = href
        if not block.links:
            block.links = [(block.text, href)]
        block.link_chars = len(block.text)


def _skip(result: Walk, node: Node, verdict: chrome.Verdict) -> None:
    """Record skipped chrome; lines inside it that are chrome of another kind by their own
    words ("* indicates required" inside a newsletter box) are recorded as that kind too."""
    lines = lines_of(node)
    if not lines:
        return
    result.skipped.append(SkippedChrome(verdict.kind, verdict.reason, " ".join(lines)))
    seen = {verdict.kind}
    for line in lines:
        kind = chrome_lines.classify_line(line)
        if kind is not None and kind not in seen:
            seen.add(kind)
            result.skipped.append(
                SkippedChrome(kind, f"chrome phrase inside {verdict.reason}", line)
            )


def _descendant_tags(node: Node) -> set[str]:
    """Tags below an element. A Python walk of a small inline subtree is cheaper than a CSS
    query here: Lexbor parses the selector text again on every css() call."""
    tags: set[str] = set()
    for descendant in node.traverse():
        tag = descendant.tag
        if tag and descendant.mem_id != node.mem_id:
            tags.add(tag)
    return tags


def _is_layout_list(node: Node) -> bool:
    for item in node.iter():
        if item.tag == "li" and (
            len(item.text()) > LAYOUT_LIST_ITEM_CHARS or item.css_first("p, h2, h3, h4") is not None
        ):
            return True
    return False


def _links_of(node: Node) -> tuple[list[tuple[str, str]], int]:
    links: list[tuple[str, str]] = []
    chars = 0
    if node.tag == "a":
        anchors = [node] if "href" in node.attributes else []  # no href: a jump target
    else:
        anchors = node.css(LINK_SELECTOR)
    for anchor in anchors:
        text = normalize_space(anchor.text())
        chars += len(text)
        links.append((text, attr(anchor, "href")))
    return links, chars


def _add_inline(frame: _Frame, node: Node, tag: str, inner: AbstractSet[str]) -> None:
    text = text_of(node) if "br" in inner else node.text()
    frame.run.append(text)
    if tag == "a" or "a" in inner:
        links, chars = _links_of(node)
        frame.run_links.extend(links)
        frame.run_link_lines.extend([frame.run_breaks] * len(links))
        frame.run_link_chars += chars


def _flush_run(frame: _Frame, result: Walk) -> None:
    run = frame.run
    if not run:
        return
    text = "".join(run)
    run.clear()
    links, link_lines, link_chars = frame.run_links, frame.run_link_lines, frame.run_link_chars
    # New lists, not cleared ones: a block keeps the run's list of links as its own.
    frame.run_links, frame.run_link_lines = [], []
    frame.run_link_chars = frame.run_breaks = 0
    if text.isspace():  # the indentation between two blocks: the most common run by far
        return
    shown = [
        (index, line)
        for index, line in enumerate(normalize_space(part) for part in text.split(BREAK))
        if line
    ]
    if len(shown) > 1:
        # Each line takes the links that sit in it. (Matching link texts against every line
        # was quadratic, and credited a repeated anchor text to each line showing it.) A link
        # never spans a <br>: an inline element holding one is read as one part of the run.
        own_links: dict[int, list[tuple[str, str]]] = {}
        for link, index in zip(links, link_lines, strict=True):
            if link[0]:
                own_links.setdefault(index, []).append(link)
        for index, line in shown:
            own = own_links.get(index, [])
            own_chars = min(sum(len(anchor_text) for anchor_text, _ in own), len(line))
            _append_run(frame, result, line, own, own_chars)
    elif shown:
        line = shown[0][1]
        _append_run(frame, result, line, links, min(link_chars, len(line)))


def _append_run(
    frame: _Frame, result: Walk, text: str, links: list[tuple[str, str]], link_chars: int
) -> None:
    if frame.anchor is not None:
        links, link_chars = links or [(text, frame.anchor)], len(text)
    if frame.class_names is None:
        frame.class_names = attr(frame.node, "class")
    result.blocks.append(
        TextBlock(
            tag="run",
            text=text,
            path=frame.path,
            node=frame.node,
            link_chars=link_chars,
            links=links,
            zone=frame.zone,
            zone_id=frame.zone_id,
            class_names=frame.class_names,
            anchor=frame.anchor,
        )
    )


def _add_leaf(
    result: Walk,
    node: Node,
    tag: str,
    path: tuple[int, ...],
    zone: RemovalKind | None,
    zone_id: int | None,
) -> None:
    cite = None
    if tag == "blockquote":
        parts = [text_of(p) for p in node.css("p")]
        if len(parts) > 1 and " ".join(parts) not in text_of(node):
            # Text stands between the paragraphs (a misplaced source line, stray markup):
            # the quote is read whole, in order, so nothing is joined across it.
            parts = lines_of(node)
        parts = parts or [text_of(node)]
        text = "\n".join(p for p in parts if p)
        cite_node = node.css_first("cite, footer")
        cite = text_of(cite_node) if cite_node is not None else _source_line(node, parts)
        if cite:
            # "— Helen Marsh": the dash is how the page sets off a source, not part of it.
            cite = cite.lstrip(_SOURCE_DASHES + " ").strip() or None
        if cite and cite not in text and node.css_first("p") is None:
            text = text.replace(cite, "").strip()
        kind: BlockTag = "quote"
    elif tag == "pre":
        # Preformatted text keeps its own line breaks, <br> included (Medium writes code so).
        text = "".join(
            "\n" if part.tag == "br" else (part.text_content or "")
            for part in node.traverse(include_text=True)
            if part.tag in ("-text", "br")
        ).strip("\n")
        kind = "pre"
    else:
        text = text_of(node)
        kind = "cell" if tag == "tr" else LEAF_TAGS.get(tag, "run")
    if not text.strip():
        return
    links, link_chars = _links_of(node)
    result.blocks.append(
        TextBlock(
            tag=kind,
            text=text,
            path=path,
            node=node,
            link_chars=min(link_chars, len(text)),
            links=links,
            level=int(tag[1]) if tag in HEADING_TAGS else None,
            cite=cite or None,
            zone=zone,
            zone_id=zone_id,
            class_names=attr(node, "class"),
        )
    )


def _item_texts(list_node: Node) -> list[str]:
    """The list's items in document order, one walk: a nested list's items are items of
    their own (so "F2 - Prepare" and its sub-points are not run into one line), and an
    item's text after its nested list follows those sub-items instead of jumping ahead."""
    items: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        text = normalize_space("".join(parts))
        if text:
            items.append(text)
        parts.clear()

    open_items = 0
    stack: list[tuple[Iterator[Node], str]] = [(iter(list_node.iter(include_text=True)), "")]
    while stack:
        iterator, opened = stack[-1]
        child = next(iterator, None)
        if child is None:
            stack.pop()
            if opened in LIST_TAGS or opened == "li":
                flush()
                open_items -= opened == "li"
            elif opened in BLOCK_TAGS:
                parts.append(" ")  # what follows a closed block starts a new line
            continue
        tag = child.tag
        if tag == "-text":
            if open_items:
                parts.append(child.text_content or "")
        elif tag in LINE_ENDING_CONTROLS and open_items:
            flush()  # what follows a skipped control is a new line
        elif tag is not None and not tag.startswith("-") and tag not in SKIP_TAGS:
            if tag in LIST_TAGS or tag == "li":
                flush()
                open_items += tag == "li"
            elif tag == "br" or tag in BLOCK_TAGS:
                parts.append(" ")
            stack.append((iter(child.iter(include_text=True)), tag))
    return items


def _add_list(
    result: Walk,
    node: Node,
    tag: str,
    path: tuple[int, ...],
    zone: RemovalKind | None,
    zone_id: int | None,
) -> None:
    items = _item_texts(node)
    if not items:
        return
    links, link_chars = _links_of(node)
    text = "\n".join(items)
    result.blocks.append(
        TextBlock(
            tag="list",
            text=text,
            path=path,
            node=node,
            link_chars=min(link_chars, len(text)),
            links=links,
            items=items,
            ordered=tag == "ol",
            zone=zone,
            zone_id=zone_id,
            class_names=attr(node, "class"),
        )
    )


def block_span(walk: Walk, cid: int) -> tuple[int, int]:
    """Indexes of the first and last block inside a container."""
    inside = [i for i, block in enumerate(walk.blocks) if cid in block.path]
    return (inside[0], inside[-1]) if inside else (0, 0)


def path_of(walk: Walk, cid: int) -> tuple[int, ...]:
    for block in walk.blocks:
        if cid in block.path:
            return block.path[: block.path.index(cid) + 1]
    return (cid,)


def is_loose_paragraph(block: TextBlock) -> bool:
    if block.tag not in ("p", "run", "quote", "list"):
        return False
    length, density = len(block.text), block.link_density
    if length >= SIBLING_PARAGRAPH_CHARS:
        return density < SIBLING_PARAGRAPH_MAX_LINK_DENSITY
    return density == 0 and block.text.rstrip().endswith((".", "!", "?", "。", "”", '"'))
