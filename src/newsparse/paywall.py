"""The story's gated remainder. Paywall templates ship the rest of the story in the page and
hide it until the reader subscribes (``<div class="paywall" hidden>``, a "paywall-full-content"
styled ``display: none``, paragraphs of class "paywall" marked ``aria-hidden``). That text is
the publisher's article and is in the HTML, so it is revealed before the block walk, which
otherwise skips hidden elements; a hidden copy of text the page also shows (templates that
ship the story twice) stays hidden."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsparse import chrome, vocab
from newsparse.dom import Node, normalize_space

GATED_SELECTOR = ", ".join(
    f'[class*="{part}" i], [id*="{part}" i]' for part in vocab.GATED_NAME_PARTS
)
# A hidden gated element is a copy of the shown story when a window of its text (this many
# characters, whitespace left out: copies differ in it) is found elsewhere on the page too.
DUPLICATE_WINDOW_CHARS = 60
DUPLICATE_WINDOW_OFFSETS = (0.25, 0.5, 0.75)
# Hidden gated elements past this many stay hidden: each check reads the page's text, and a
# metered story of this many paragraphs is long already.
MAX_GATED_ELEMENTS = 200
_HIDING_ATTRIBUTES = ("hidden", "aria-hidden", "style")


def reveal_gated_text(tree: LexborHTMLParser) -> int:
    """Unhide the gated story text in the tree; returns how many elements were revealed."""
    body = tree.body
    if body is None:
        return 0
    gated: list[Node] = []
    for node in body.css(GATED_SELECTOR):
        if chrome.hidden_reason(node.attributes, node.tag or "") is None or not _holds_story(node):
            continue
        gated.append(node)
        if len(gated) == MAX_GATED_ELEMENTS:
            break
    if not gated:
        return 0
    page_text = _squeezed(body.text())
    revealed = 0
    for node in gated:
        if _shown_elsewhere(_squeezed(node.text()), page_text):
            continue
        _unhide(node)
        revealed += 1
    return revealed


def _holds_story(node: Node) -> bool:
    if node.tag in chrome.METERED_TEXT_TAGS:
        # Metered templates mark the story's paragraphs one by one.
        return len(normalize_space(node.text())) >= chrome.GUARD_PARAGRAPH_CHARS
    return chrome.holds_article_text(node, min_paragraphs=1)


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _shown_elsewhere(text: str, page_text: str) -> bool:
    """Whether a window of the element's text is on the page twice (once is the element)."""
    for offset in DUPLICATE_WINDOW_OFFSETS:
        start = int(offset * max(0, len(text) - DUPLICATE_WINDOW_CHARS))
        window = text[start : start + DUPLICATE_WINDOW_CHARS]
        first = page_text.find(window)
        if first >= 0 and page_text.find(window, first + 1) >= 0:
            return True
    return False


def _unhide(node: Node) -> None:
    attrs = node.attrs
    for name in _HIDING_ATTRIBUTES:
        if name in attrs and (name != "style" or chrome.hides_by_style(attrs[name] or "")):
            del attrs[name]
    classes = attrs.get("class")
    if classes and "hidden" in classes.split():
        attrs["class"] = " ".join(name for name in classes.split() if name != "hidden")
