"""Stage 3: recognise page chrome by markup (tags, roles, class names, hiding attributes).
Nothing is deleted here: the block walk asks ``classify_element`` about each element and skips
or tags its subtree. Single lines of text are judged by :mod:`newsparse.chrome_lines`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser

from newsparse import vocab
from newsparse.dom import (
    HEADING_TAGS,
    Node,
    ancestors,
    attr,
    class_and_id,
    link_text_length,
    normalize_space,
)
from newsparse.models import RemovalKind
from newsparse.patterns import kind_groups

# How a chrome element is treated by the block walk:
# - SKIP: never useful; its text goes to ``Article.removed`` and the walk does not enter it.
# - ZONE: not body, but may hold records (feed items, related links, comments, the byline), so
#   the walk enters it and tags its blocks with the zone's kind.
ZONE_KINDS: frozenset[RemovalKind] = frozenset({"sidebar", "related", "comments", "header", "feed"})

# A container holding this many long, mostly unlinked paragraphs is article text whatever its
# class says ("has-comments", "share-enabled" wrappers around the whole story are common).
GUARD_LONG_PARAGRAPHS = 3
GUARD_PARAGRAPH_CHARS = 150
# ... and so does one with this much text outside links (div-soup pages have no <p> at all).
GUARD_UNLINKED_CHARS = 1200
GUARD_MAX_LINK_DENSITY = 0.3
# Furniture named by class ("paywall" box, "author-bio", "modal") is short; a longer element
# with such a name wraps story text.
BOILERPLATE_MAX_CHARS = 600
# Kinds whose real instances never hold a long paragraph (a cookie banner can: not listed).
# "tts" (text-to-speech) classes, for one, wrap the very story the player reads out.
SHORT_FURNITURE_KINDS: frozenset[RemovalKind] = frozenset({"boilerplate", "media_note"})
# Text elements that metered-paywall templates mark one by one with the class "paywall" (every
# paragraph, subheading and list of the story): a box of that name is a container, these are
# the story itself.
METERED_TEXT_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li"})
METERED_WORD = "paywall"
# A hover card over a name in a paragraph holds a picture and at least this many links (the
# name again and the person's stories).
HOVER_CARD_MIN_LINKS = 2
# Distinct class/id strings whose verdict is remembered (a few hundred per page, many shared
# by the pages of one site).
NAMED_VERDICT_CACHE = 4096
# ... and distinct tag-and-attribute sets (tens per page).
ATTRIBUTE_VERDICT_CACHE = 16384
# How much of the dropped text ``Removal.text`` keeps.
REMOVAL_TEXT_CHARS = 160

TAG_KINDS: dict[str, RemovalKind] = {
    "nav": "navigation",
    "footer": "footer",
    "aside": "sidebar",
    "header": "header",
    "dialog": "boilerplate",
}
ROLE_KINDS: dict[str, RemovalKind] = {
    "navigation": "navigation",
    "menubar": "navigation",
    "menu": "navigation",
    "search": "navigation",
    "banner": "header",
    "contentinfo": "footer",
    "complementary": "sidebar",
    "dialog": "boilerplate",
    "alertdialog": "boilerplate",
}
# Elements that are never chrome by class: they are the document or the article itself.
NEVER_CHROME_TAGS = frozenset({"html", "body", "main", "article", "h1"})
# Standard markers of the article body: an element holding one is never skipped as chrome,
# whatever its class says. (Zones are walked anyway, and teaser cards use <article>, so the
# plain <article> tag is no marker.)
ARTICLE_MARKERS = 'main, [role="main"], [itemprop~="articleBody"]'
# Strong comment-section names: these win over the article-text guard.
# Whole class/id tokens only: "noloaddisqus" on an article wrapper is not a comment section.
STRONG_COMMENT_NAMES = re.compile(
    r"(?:^|\s)(?:comment-?list|comments-area|comment-section|disqus_thread|comments|respond)"
    r"(?=\s|$)"
)
# Fact boxes (background, a transcript, "in short" points) set beside the story: these win
# over the article-text guard too. Whole tokens, as in the class vocabulary.
FACT_BOX_NAMES = re.compile(
    r"(?:^|[\s_\-])(?:fact-?box|fakta-?bo(?:x|ks)|fakten-?box)(?=$|[\s_\-])"
)

# A quoted post inside a "social" element: an embedded tweet or post the story cites (share
# bars hold links and buttons, never a quotation).
EMBEDDED_POST = "blockquote"

# Class-name kinds that stay chrome even when the name also says "article" or "content"
# ("article-share", "content-ad"); other kinds yield to a content word in the same name.
UNAMBIGUOUS_CLASS_KINDS = frozenset(
    {"share", "newsletter", "cookie", "ad", "comments", "admin", "hidden", "navigation", "footer"}
)
_CONTENT_NAMES = re.compile(
    r"(?:^|[\s_\-])(?:article|entry-content|post-content|article-body|articlebody|story-body"
    r"|story|content|main)(?=$|[\s_\-])"
)
# A camelCase word boundary: a lowercase run, then a capitalised word. Both sides need a few
# letters, so hashes ("n1AuAdJlVL", "Qf1Mz") are not cut into words ("ad") they only contain.
_CAMEL_HUMP = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z]{2})")
# A class word negated by its prefix says the opposite of the word: "no-tts" (left out of
# text-to-speech), "no-sidebar" (a full-width layout), "no-overlay" mark content.
_NEGATED_NAME = re.compile(r"(?<![^\s_\-])(?:no|not|non)[\-_][a-z0-9]+")
# A component-library prefix "cmp-" (Adobe Experience Manager) that names no consent box.
_COMPONENT_PREFIX = re.compile(
    r"(?<![\w-])cmp-(?!(?:" + "|".join(vocab.CMP_CONSENT_PARTS) + r")(?![\w]))"
)
# The answers of a poll or a form's options: a <label> around a radio button or a checkbox.
_CHOICE_INPUTS = 'input[type="radio" i], input[type="checkbox" i]'
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _token_pattern(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    groups = kind_groups(table, longest_first=True)
    return re.compile(rf"(?:^|[\s_\-])(?:{groups})(?=$|[\s_\-])")


def _substring_pattern(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    return re.compile(kind_groups(table))


_CLASS_TOKENS = _token_pattern(vocab.CHROME_CLASS_TOKENS)
_CLASS_SUBSTRINGS = _substring_pattern(vocab.CHROME_CLASS_SUBSTRINGS)
# A cheap screen run before the two patterns (large alternations, slow to search): a name
# can match a token only if one of its words is a token's first word ("share" of
# "share-bar"), and a substring only if it contains one.
_NAME_GAPS = re.compile(r"[\s_\-]+")
_TOKEN_FIRST_WORDS = frozenset(
    _NAME_GAPS.split(token)[0] for tokens in vocab.CHROME_CLASS_TOKENS.values() for token in tokens
)
_SUBSTRING_PARTS = tuple(part for parts in vocab.CHROME_CLASS_SUBSTRINGS.values() for part in parts)


@dataclass(frozen=True)
class Verdict:
    kind: RemovalKind
    reason: str

    @property
    def is_zone(self) -> bool:
        return self.kind in ZONE_KINDS


LOGIN_FORM = Verdict("boilerplate", "login form")


def strip_hover_cards(tree: LexborHTMLParser) -> list[str]:
    """Remove the cards that pop up over a linked name inside a paragraph (a portrait and a
    list of the person's stories, shown on hover), and return their texts. A card is the
    innermost inline element around a picture in a paragraph that holds HOVER_CARD_MIN_LINKS
    links: running prose holds no picture between its words."""
    cards: dict[int, Node] = {}
    for image in tree.css("p span img"):
        node = image.parent
        while node is not None and node.tag != "p":
            if node.tag == "span" and len(node.css("a")) >= HOVER_CARD_MIN_LINKS:
                cards[node.mem_id] = node
                break
            node = node.parent
    # A card inside another card goes with it (decided before any node is freed).
    outer = [c for c in cards.values() if not any(p.mem_id in cards for p in ancestors(c))]
    texts = [normalize_space(card.text()) for card in outer]
    for card in outer:
        card.decompose()
    return [text for text in texts if text]


def classify_element(node: Node, tag: str) -> Verdict | None:
    """Whether an element is chrome, and of what kind; None for ordinary content."""
    if tag in NEVER_CHROME_TAGS:
        return None
    verdict = _markup_verdict(node, tag)
    if verdict is None:
        return None
    if verdict.kind == "sidebar" and tag in HEADING_TAGS:
        return None  # a "widget-title" subhead: a real sidebar is zoned by its container
    if verdict.kind == "comments" and STRONG_COMMENT_NAMES.search(class_and_id(node)):
        return verdict
    if verdict.kind == "sidebar" and FACT_BOX_NAMES.search(class_and_id(node)):
        return verdict  # a fact box beside the story may hold long text of its own
    if not verdict.is_zone and node.css_first(ARTICLE_MARKERS) is not None:
        return None  # a wrapper around the article itself ("body_overlay", "page-header")
    if verdict.kind == "share" and node.css_first(EMBEDDED_POST) is not None:
        return None  # a "social-embed" quoting a post the story cites, not a share bar
    if verdict.kind == "hidden":
        return verdict  # what the page hides (a paywalled remainder) is not shown text
    if verdict is LOGIN_FORM:
        # A login or sign-up form's text is labels and error messages, however much of it
        # there is; only a form wrapping the whole page (ASP.NET) holds the story's paragraphs.
        return None if holds_article_text(node, unlinked_text=False) else verdict
    if tag in METERED_TEXT_TAGS and verdict.reason == class_reason(METERED_WORD):
        return None  # a "paywall" class on the story's own paragraphs marks metered text
    if verdict.kind in SHORT_FURNITURE_KINDS and (
        len(normalize_space(node.text())) > BOILERPLATE_MAX_CHARS
        or holds_article_text(node, min_paragraphs=1)
    ):
        return None  # a "paywall"/"modal" wrapper around story text, not a message box
    if holds_article_text(node):
        return None
    return verdict


def hidden_reason(attrs: dict[str, str | None], tag: str) -> str | None:
    """Why an element's own markup hides it (the ``hidden`` attribute, ``aria-hidden``, an
    invisible inline style, the utility class "hidden"), or None when it does not."""
    return _hiding_markup(
        tag, "hidden" in attrs, attrs.get("aria-hidden"), attrs.get("style"), attrs.get("class")
    )


def _hiding_markup(
    tag: str, hidden: bool, aria_hidden: str | None, style: str | None, classes: str | None
) -> str | None:
    if hidden or (aria_hidden == "true" and tag != "span"):
        return f"<{tag}> marked hidden"
    if style and hides_by_style(style):
        return f"<{tag}> styled invisible"
    if _hidden_by_class(classes):
        return f"<{tag}> with class 'hidden'"
    return None


def hides_by_style(style: str) -> bool:
    """Whether an inline style hides its element (``display: none``, ``visibility: hidden``)."""
    return _HIDDEN_STYLE.search(style) is not None


def _markup_verdict(node: Node, tag: str) -> Verdict | None:
    attrs = node.attributes
    verdict = _attribute_verdict(
        tag,
        attrs.get("class"),
        attrs.get("id"),
        attrs.get("role"),
        attrs.get("style"),
        "hidden" in attrs,
        attrs.get("aria-hidden"),
        _data_names(attrs),
    )
    if verdict is not None and verdict.kind == "hidden":
        return verdict
    if tag == "label" and node.css_first(_CHOICE_INPUTS) is not None:
        return Verdict("boilerplate", "poll or form choice")  # "( ) Ja, unbedingt."
    if verdict is None and tag == "form":
        return _form_verdict(node)
    return verdict


@lru_cache(maxsize=ATTRIBUTE_VERDICT_CACHE)
def _attribute_verdict(
    tag: str,
    classes: str | None,
    element_id: str | None,
    role: str | None,
    style: str | None,
    hidden: bool,
    aria_hidden: str | None,
    data: str,
) -> Verdict | None:
    """What an element's tag and attributes say. Elements repeat their few attributes across
    a page and across the pages of one site (every card of a list the same), hence the cache;
    the attributes are passed one by one so that an href or src never splits its entries."""
    reason = _hiding_markup(tag, hidden, aria_hidden, style, classes)
    if reason is not None:
        return Verdict("hidden", reason)
    if tag in TAG_KINDS:
        return Verdict(TAG_KINDS[tag], f"<{tag}> element")
    raw = f"{classes or ''} {element_id or ''}"
    if data:
        raw = f"{raw} {data}"
    if raw.strip():
        decided, verdict = _named_verdict(raw)
        if decided:
            return verdict
    role = (role or "").strip().lower()
    if role in ROLE_KINDS:
        return Verdict(ROLE_KINDS[role], f'role="{role}"')
    return None


def _data_names(attrs: dict[str, str | None]) -> str:
    """The names of ``data-*`` attributes, and the value of ``data-testid``: builds without
    class names mark their widgets there ("data-newsletter-popup-container")."""
    names = [key[5:] for key in attrs if key.startswith("data-")]
    testid = attrs.get("data-testid")
    if testid:
        names.append(testid)
    return " ".join(names)


@lru_cache(maxsize=NAMED_VERDICT_CACHE)
def _named_verdict(raw: str) -> tuple[bool, Verdict | None]:
    """What an element's class and id words say: (whether they decide, the verdict). A name
    that also says "article" or "content" decides for content. Class strings repeat across a
    page and across pages of one site, hence the cache."""
    names = split_camel_case(raw)
    if _TOKEN_FIRST_WORDS.isdisjoint(_NAME_GAPS.split(names)) and not any(
        part in names for part in _SUBSTRING_PARTS
    ):
        return False, None  # most names: no word the patterns below could match
    names = _NEGATED_NAME.sub(" ", names)
    if "cmp-" in names:
        names = _COMPONENT_PREFIX.sub("", names)  # "cmp-text" is a text component
    match = _CLASS_SUBSTRINGS.search(names) or _CLASS_TOKENS.search(names)
    if not match or not match.lastgroup:
        return False, None
    kind: RemovalKind = match.lastgroup  # type: ignore[assignment]
    if (
        kind not in UNAMBIGUOUS_CLASS_KINDS
        and _CONTENT_NAMES.search(names)
        and not FACT_BOX_NAMES.search(names)
    ):
        return True, None  # "article-header", "entry-content-read-more": content first
    return True, Verdict(kind, class_reason(match.group(match.lastgroup)))


def class_reason(word: str) -> str:
    """The removal reason for an element named chrome by a class or id word."""
    return f"class/id '{word}'"


def names_chrome(raw: str) -> bool:
    """Whether class and id words name chrome of some kind ("short-bio", "share-bar")."""
    return _named_verdict(raw)[1] is not None


def split_camel_case(raw: str) -> str:
    """Class and id words, lowercased, with camelCase split at its humps: CSS-module names
    ("styles_shareRow__Qf1Mz") carry their meaning that way only."""
    if raw.islower():
        return raw
    return _CAMEL_HUMP.sub("-", raw).lower()


def _hidden_by_class(classes: str | None) -> bool:
    """The bare utility class "hidden" (display: none in the common CSS frameworks), unless a
    responsive variant ("md:block") shows the element on wider screens."""
    if not classes or "hidden" not in classes:
        return False
    names = classes.split()
    return "hidden" in names and not any(":" in name for name in names)


def _form_verdict(node: Node) -> Verdict | None:
    # A password field first: a sign-up form asks for an email address too.
    if node.css_first('input[type="password" i]') is not None:
        return LOGIN_FORM
    if node.css_first('input[type="email" i]') is not None:
        return Verdict("newsletter", "form with an email field")
    if node.css_first('input[type="search" i], [role="search"]') is not None:
        return Verdict("navigation", "search form")
    return None


def holds_article_text(
    node: Node, min_paragraphs: int = GUARD_LONG_PARAGRAPHS, unlinked_text: bool = True
) -> bool:
    """Whether a subtree holds article text (several long unlinked paragraphs, or, with
    ``unlinked_text``, much unlinked text), so that no class name or tag makes it chrome."""
    long_paragraphs = 0
    for paragraph in node.css("p"):
        text = paragraph.text()
        if len(text) < GUARD_PARAGRAPH_CHARS:
            continue
        # (Measured without the source's indentation, which can make a one-word <p> "long".)
        length = len(normalize_space(text))
        if length >= GUARD_PARAGRAPH_CHARS and (
            paragraph.css_first("a") is None
            or link_text_length(paragraph) <= GUARD_MAX_LINK_DENSITY * length
        ):
            long_paragraphs += 1
            if long_paragraphs >= min_paragraphs:
                return True
    if not unlinked_text:
        return False
    text = node.text()
    if len(text) < GUARD_UNLINKED_CHARS:
        return False  # (whitespace only adds to the raw length: no need to collapse it)
    total = len(normalize_space(text))
    if total < GUARD_UNLINKED_CHARS:
        return False
    linked = link_text_length(node)
    return total - linked >= GUARD_UNLINKED_CHARS and linked <= GUARD_MAX_LINK_DENSITY * total


def shorten(text: str, limit: int = REMOVAL_TEXT_CHARS) -> str:
    text = normalize_space(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def element_label(node: Node) -> str:
    """A short description of an element for a removal reason: tag, id and first class."""
    classes = attr(node, "class").split()
    ident = attr(node, "id")
    return (node.tag or "") + (f"#{ident}" if ident else "") + (f".{classes[0]}" if classes else "")
