"""Stage 2: the one parsed tree (selectolax / Lexbor) and the few helpers every stage shares."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsparse.errors import EmptyDocumentError
from newsparse.html_tags import BLOCK_TAGS, HEADING_TAGS
from newsparse.markup_caps import may_be_pathological, tame_markup

Node = LexborNode

__all__ = ["BLOCK_TAGS", "HEADING_TAGS", "Node", "parse_html"]


# UTF-16 code units that are no character on their own (from a bad decode upstream).
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_html(text: str) -> LexborHTMLParser:
    """Parse the page once. Raises EmptyDocumentError when there is no element at all.

    Markup that Lexbor's tree builder is super-linear on (thousands of attributes on one tag,
    nesting thousands of levels deep) is capped first: see ``tame_markup``."""
    # Encoded here once (selectolax would do it anyway) so the checks below run over bytes.
    # A lone surrogate becomes U+FFFD, as a decoder shows bad code units: dropping it would
    # join what it separated ("</s\udfffcript>" would close a script the page left open).
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = LONE_SURROGATE.sub("\ufffd", text).encode("utf-8")
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
    if may_be_pathological(data):
        data = tame_markup(data)
    tree = LexborHTMLParser(data)
    body = tree.body
    if tree.root is None or (body is None and tree.head is None):
        raise EmptyDocumentError("the document has no elements")
    has_element = tree.css_first("body *, head > *") is not None
    if not has_element and not normalize_space(body.text() if body is not None else ""):
        raise EmptyDocumentError("the document has no elements and no text")
    return tree


# Markup whose text is never visible: removed right after structured data has been read.
# (The text inside an <iframe> or <noembed> is a fallback no browser shows; editors leave
# escaped markup there.)
INVISIBLE_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "object",
    "embed",
    "iframe",
    "noembed",
]


def strip_invisible(tree: LexborHTMLParser) -> None:
    """Remove script-like elements so no later text() call can see their contents, and any
    <title> that broken markup put in the body (browsers never show it; an unclosed one holds
    the rest of the page as text). The head's <title> stays for the headline."""
    tree.strip_tags(INVISIBLE_TAGS)
    if tree.body is not None:
        for title in tree.body.css("title"):
            title.decompose()


def label_key(text: str) -> str:
    """A label as the vocabularies spell it ("Latest news:" -> "latest news", "【関連記事】"
    -> "関連記事", "You may like..." -> "you may like", "Also worth a look!" -> "also worth a
    look"): the punctuation, brackets and ellipses pages put around labels stripped, case
    folded."""
    return text.strip(" :：–—-»>[]【】［］■◆◇▶►.…!！").casefold()


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace (incl. non-breaking spaces) to one space and strip."""
    # str.split() splits on exactly the characters str.isspace() (and re's \s) call whitespace,
    # and is several times faster than a regex substitution on the hot path.
    return " ".join(text.split())


def text_of(node: Node) -> str:
    """The visible text of a subtree, with block boundaries and <br> turned into spaces."""
    return normalize_space("".join(_text_parts(node, " ")))


def lines_of(node: Node) -> list[str]:
    """The subtree's text split at block boundaries and <br>: one entry per visible line."""
    joined = "".join(_text_parts(node, "\n"))
    # normalize_space inline: most pieces are the indentation between two tags of the source.
    return [line for piece in joined.split("\n") if (line := " ".join(piece.split()))]


def _text_parts(node: Node, mark: str) -> list[str]:
    """The subtree's text nodes in order, with ``mark`` where a block starts, after a block
    sibling ("Ru<table>...</table>mgen" is two words), at a <br>, and for a text node of one
    space (between two inline links it is all that parts them)."""
    # A block is set off at both ends; the traversal only shows where one starts, so what
    # follows a block sibling gets its mark from that sibling. (A list built in one loop: this
    # runs over every skipped box and every paragraph, so a generator's overhead shows.)
    parts: list[str] = []
    append = parts.append
    for child in node.traverse(include_text=True):
        tag = child.tag
        if tag == "br" or tag in BLOCK_TAGS:
            append(mark)
            continue
        before = child.prev
        if before is not None and _ends_with_block(before):
            append(mark)
        if tag == "-text":
            text = child.text_content
            if text:
                append(mark if text == " " else text)
    return parts


def _ends_with_block(node: Node | None) -> bool:
    """Whether a block closes where ``node`` ends: it is one, or its last descendants include
    one ("<span><div>a</div></span>b" shows "b" on a line of its own)."""
    while node is not None:
        tag = node.tag
        if tag in BLOCK_TAGS:
            return True
        if tag == "-text":
            return False
        node = node.last_child
    return False


def attr(node: Node, name: str) -> str:
    """An attribute's value, stripped ('' when absent or valueless)."""
    value = node.attributes.get(name)
    return value.strip() if value else ""


def class_and_id(node: Node) -> str:
    """The node's class and id attributes as one lowercase string, for pattern tests."""
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()


def ancestors(node: Node) -> Iterator[Node]:
    parent = node.parent
    while parent is not None and parent.tag not in ("html", "-document"):
        yield parent
        parent = parent.parent


# Links: anchors that lead somewhere. An <a name="..."> or <a id="..."> without an href is a
# jump target (a subheading's anchor), not a link.
LINK_SELECTOR = "a[href]"


def link_text_length(node: Node) -> int:
    """Characters of the node's text that sit inside links."""
    total = 0
    for anchor in node.css(LINK_SELECTOR):  # a loop, not sum(): called per chrome box
        total += len(" ".join(anchor.text().split()))
    return total


def url_path_segments(href: str) -> list[str]:
    """The lowercased, non-empty segments of a URL's path ("/Tag/NHS/" -> ["tag", "nhs"]); []
    for a URL that urllib cannot split."""
    try:
        return [segment for segment in urlsplit(href).path.lower().split("/") if segment]
    except ValueError:  # malformed authority such as "http://[::1"
        return []


def absolute_url(href: str | None, base: str | None) -> str | None:
    """Resolve an href against the page's base URL; drop javascript:, mailto: and fragments."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    try:
        resolved = urljoin(base, href) if base else href
        scheme = urlsplit(resolved).scheme
    except ValueError:  # malformed authority such as "http://[::1" (urllib raises)
        return None
    return resolved if scheme in ("http", "https", "") else None
