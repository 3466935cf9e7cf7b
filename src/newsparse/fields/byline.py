"""Authors: from JSON-LD, ``rel=author``/``itemprop=author`` markup, ``meta name=author`` and the
visible byline ("by A and B December 13, 2023", "Von A und B", "Par A et B"), cleaned of
prefixes, dates, roles, handles and duplicates."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from newsparse import vocab
from newsparse.dom import (
    BLOCK_TAGS,
    Node,
    absolute_url,
    attr,
    class_and_id,
    normalize_space,
    url_path_segments,
)
from newsparse.fields.byline_text import (
    JOINERS,
    LOOKS_LIKE_URL,
    MAX_BYLINE_CHARS,
    MAX_NAME_CHARS,
    MAX_VISIBLE_PART_WORDS,
    PREFIX,
    byline_line_names,
    clean_name,
    is_phrase,
    split_names,
    starts_with_prefix,
)
from newsparse.fields.dates import VISIBLE_DATE
from newsparse.models import Author
from newsparse.structured import StructuredData, jsonld
from newsparse.structured.meta import MetaTags, first

# (Re-exported: the byline-text helpers callers reach through this module.)
__all__ = ["Author", "byline_line_names", "clean_name", "split_names", "starts_with_prefix"]

# Where a page marks its byline: an author link or property, a byline or author class.
BYLINE_SELECTOR = (
    '[rel~="author"], [itemprop~="author"], [class*="byline" i], [class*="author" i], '
    '[class*="contributor" i], [data-testid*="byline" i], address'
)
# Author boxes beside the byline: a biography, an avatar, "about the author".
_BIO = re.compile(r"bio|box|avatar|image|img|photo|about|description", re.IGNORECASE)
# A teaser card's byline ("c-teaser__byline") credits another story (or names its section).
_TEASER = re.compile(r"teaser", re.IGNORECASE)


def authors_from_jsonld(article: dict[str, Any] | None, base: str | None) -> list[Author]:
    if not article:
        return []
    authors: list[Author] = []
    for raw in jsonld.as_list(article.get("author")) or jsonld.as_list(article.get("creator")):
        if isinstance(raw, str):
            if LOOKS_LIKE_URL.match(raw.strip()):
                continue  # a profile URL standing in for the name
            authors.extend(Author(name=n) for n in split_names(raw))
        elif isinstance(raw, dict):
            name = jsonld.first_text(raw.get("name"))
            if not name:
                continue
            url = raw.get("url") or raw.get("sameAs") or None
            url = url if isinstance(url, str) else jsonld.first_text(url)
            for cleaned in split_names(name) or [normalize_space(name)]:
                authors.append(Author(name=cleaned, url=absolute_url(url, base)))
    return dedupe(authors)


# Levels looked up for an enclosing quotation; attributions sit right inside it.
QUOTE_ANCESTOR_LEVELS = 4


def _in_quotation(node: Node) -> bool:
    current: Node | None = node
    for _ in range(QUOTE_ANCESTOR_LEVELS):
        if current is None:
            return False
        if current.tag in ("blockquote", "q", "figure", "cite"):
            return True
        current = current.parent
    return False


# Markup that is never a byline: head tags, images, and buttons ("Follow", "Cancel") whose
# class names the author they act on.
_NOT_BYLINE_TAGS = ("meta", "link", "img", "button", "select", "option", "input")
# Elements that each credit one person inside a byline.
_CREDIT_SELECTOR = '[rel~="author"], [itemprop~="author"], [itemtype*="schema.org/Person" i]'


# Levels looked up for a comment section around a byline-like element.
COMMENT_ANCESTOR_LEVELS = 8
_COMMENTS = re.compile(r"comment(?!ary)|respond|reply|discussion", re.IGNORECASE)


def _in_comments(node: Node) -> bool:
    """Whether the node sits in a comment section (a commenter's name, "Name *" form labels)."""
    current: Node | None = node.parent
    for _ in range(COMMENT_ANCESTOR_LEVELS):
        if current is None or current.tag in ("body", "html"):
            return False
        if current.tag == "form" or _COMMENTS.search(class_and_id(current)):
            return True
        current = current.parent
    return False


def author_names_of_type(article: dict[str, Any] | None, kind: str) -> set[str]:
    """Names of the JSON-LD authors of one type ("person", "organization")."""
    names: set[str] = set()
    for raw in jsonld.as_list((article or {}).get("author")):
        if isinstance(raw, dict) and kind in jsonld.types_of(raw):
            name = jsonld.first_text(raw.get("name"))
            if name:
                names.add(normalize_space(name))
    return names


def authors_from_markup(root: Node, base: str | None) -> tuple[list[Author], list[str]]:
    """Authors from byline markup, and the byline texts seen (to keep them out of the body)."""
    authors: list[Author] = []
    texts: list[str] = []
    for node in root.css(BYLINE_SELECTOR):
        classes = attr(node, "class")
        if _BIO.search(classes) or _TEASER.search(classes) or node.tag in _NOT_BYLINE_TAGS:
            continue
        if _in_quotation(node) or _in_comments(node):
            continue  # the speaker of a quote, or a commenter, is not the article's author
        text = normalize_space(node.text())
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        texts.append(text)
        # Spaced at element boundaries: "<span>By</span><a>Ana Ruiz</a>" reads "By Ana Ruiz".
        spaced = normalize_space(node.text(separator=" "))
        links = {
            normalize_space(a.text()).casefold(): attr(a, "href")
            for a in ([node] if node.tag == "a" else node.css("a"))
        }
        names = split_names(spaced)
        credited = node.css(_CREDIT_SELECTOR)
        if len(credited) > len(names):
            # One element per person ("<a rel=author>Ana Ruiz</a><a rel=author>Li Wen</a>"):
            # the elements say where one name ends, which the joined text does not.
            names = [
                n for c in credited for n in split_names(normalize_space(c.text(separator=" ")))
            ]
        for name in names:
            url = links.get(name.casefold())
            if url and _is_section_link(url):
                continue  # a section's or tag's name set where the byline goes
            authors.append(Author(name=name, url=absolute_url(url, base)))
        if authors:
            break
    return dedupe(authors), texts


_SECTION_PATHS = frozenset(vocab.SECTION_PATH_SEGMENTS)


def _is_section_link(href: str) -> bool:
    return not _SECTION_PATHS.isdisjoint(url_path_segments(href)[:-1])


# A credit set in bold on a line of its own above the story, without "By" ("<p><strong>Ana
# Ruiz/Li Wen</strong></p>", common in WordPress newsrooms): names of this many words, each
# capitalised. A bold one-word line is a kicker or a place ("LONDON"), not a credit.
MIN_BOLD_NAME_WORDS = 2
MAX_BOLD_NAME_WORDS = 4
_CAPITALISED_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][^\W\d_]*(?:[-'’.][^\W\d_]*)*\.?")
_BOLD_TAGS = ("strong", "b")


def bold_line_names(node: Node | None, text: str) -> list[str]:
    """Names of a paragraph that is nothing but bold capitalised names; [] otherwise."""
    if node is None or node.tag != "p" or len(text) > MAX_NAME_CHARS * 2:
        return []
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            if (child.text_content or "").strip():
                return []  # words outside the bold: a sentence that stresses a name
        elif child.tag not in _BOLD_TAGS:
            return []
    names = []
    for part in JOINERS.split(text):
        words = part.split()
        if not MIN_BOLD_NAME_WORDS <= len(words) <= MAX_BOLD_NAME_WORDS:
            return []
        if not all(_CAPITALISED_WORD.fullmatch(word) for word in words):
            return []
        names.append(part.strip())
    return names


# Elements that hold a field's label in a metadata box ("<strong>Autor</strong> Ana Ruiz",
# "<dt>Author</dt><dd>Ana Ruiz</dd>"), and the longest label they may hold.
_LABEL_SELECTOR = "strong, b, dt, th, h3, h4, h5, h6"
# Labels whose value is the next element (a cell, or the paragraph under a small heading).
_CELL_LABEL_TAGS = frozenset({"dt", "th", "h3", "h4", "h5", "h6"})
MAX_LABEL_CHARS = 30
# A page has an author field or two: past this many credit labels that name nobody, the
# rest are a table of labels (or an attack), not a facts box.
MAX_CREDIT_LABELS = 10


# What parts a dateline from the name set after it ("04.02.2022 | 13:10 Uhr | Uta Helkenberg",
# "25.10.2022 - Reiner Nagel").
_DATELINE_PARTS = re.compile(r"\s[|·•/–—-]\s|\s\|")
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}")


def dateline_names(text: str) -> list[str]:
    """The person a dateline credits without a "By": its last part, after the date, when that
    part is a name of two to four capitalised words (a place stands before the date)."""
    date = VISIBLE_DATE.search(text)
    if date is None:
        return []
    parts = _DATELINE_PARTS.split(text[date.end() :])
    last = parts[-1].strip()
    if len(parts) < 2 or _CLOCK.search(last) or any(w.isupper() for w in last.split()):
        return []  # (a place set in capitals after the date, "PORT ADAIR", is no name)
    name = _capitalised_name(last)
    return [name] if name else []


_AUTHOR_PATHS = frozenset(vocab.AUTHOR_PATH_SEGMENTS)
# Links that lead nowhere off the page: they name no one.
_IN_PAGE_LINKS = ("#", "javascript:")


def linked_author_names(links: list[tuple[str, str]]) -> list[str]:
    """Names of a line that links them to author profile pages ("<a href='/autoren/tove-berg'>
    Tove Berg</a>"), when every link of the line goes to one and reads as a name."""
    names: list[str] = []
    others = 0
    for text, href in links:
        if href.startswith(_IN_PAGE_LINKS):
            continue  # a jump to the comments or the photo credits, a print button
        if not any(segment in _AUTHOR_PATHS for segment in url_path_segments(href)[:-1]):
            others += 1
            continue
        name = _capitalised_name(text)
        if name is None:
            return []
        names.append(name)
    # A meta row links its section or topic beside the names ("Ana Ruiz & Li Wen | Energy");
    # a line linking elsewhere more than to authors is no credit.
    return names if len(names) > others else []


def _capitalised_name(text: str) -> str | None:
    """``text`` cleaned as a name when it is two to four capitalised words and no phrase."""
    words = text.split()
    if not MIN_BOLD_NAME_WORDS <= len(words) <= MAX_BOLD_NAME_WORDS:
        return None
    if not all(_CAPITALISED_WORD.fullmatch(word) for word in words):
        return None
    name = clean_name(text)
    return name if name and not is_phrase(name) else None


def authors_from_labels(root: Node, base: str | None) -> list[Author]:
    """Authors from a labelled field ("Autorin/Autor: Ana Ruiz" in a facts box, a small
    "Autor" heading over the name), for pages
    whose byline has no byline markup and no "By" line near the headline. Each label costs a
    bounded amount of work (a page may bold a hundred thousand words)."""
    tried = 0
    for label in root.css(_LABEL_SELECTOR):
        text = _own_text(label)
        if not text or len(text) > MAX_LABEL_CHARS or not is_credit_label(text):
            continue
        if _in_quotation(label) or _in_comments(label):
            continue
        tried += 1
        if tried > MAX_CREDIT_LABELS:
            break
        value, holders = _labelled_value(label)
        names = split_names(value, MAX_VISIBLE_PART_WORDS) if value else []
        if names:
            links = {
                normalize_space(a.text()).casefold(): attr(a, "href")
                for holder in holders
                for a in ([holder] if holder.tag == "a" else holder.css("a"))
            }
            return [Author(name=n, url=absolute_url(links.get(n.casefold()), base)) for n in names]
    return []


def _own_text(label: Node) -> str:
    """The text of a label element that holds one text node and nothing else; "" otherwise
    (a <b> wrapping markup is emphasis, not a field label)."""
    child = label.child
    if child is None or child.tag != "-text" or child.next is not None:
        return ""
    return normalize_space(child.text_content or "")


def _labelled_value(label: Node) -> tuple[str | None, list[Node]]:
    """The value a label introduces, and the elements that hold it: the next cell of a
    definition list or table row, or the rest of the line that the label opens (read up to
    the next block or <br>, at most a byline's length)."""
    if label.tag in _CELL_LABEL_TAGS:
        cell = label.next
        while cell is not None and cell.tag == "-text":
            cell = cell.next
        value = normalize_space(cell.text()) if cell is not None else ""
        if cell is None or len(value) > MAX_BYLINE_CHARS:
            return None, []  # (under a heading, a biography rather than a credit)
        return value, [cell]
    before = label.prev
    while before is not None and before.tag == "-text" and not (before.text_content or "").strip():
        before = before.prev
    if before is not None and before.tag not in BLOCK_TAGS and before.tag != "br":
        return None, []  # words before the label: it sits inside a sentence
    parts: list[str] = []
    holders: list[Node] = []
    length = 0
    sibling = label.next
    while sibling is not None and length <= MAX_BYLINE_CHARS:
        tag = sibling.tag
        if tag in BLOCK_TAGS or tag == "br":
            break
        piece = sibling.text_content or "" if tag == "-text" else sibling.text()
        if tag != "-text":
            holders.append(sibling)
        parts.append(piece)
        length += len(piece)
        sibling = sibling.next
    if length > MAX_BYLINE_CHARS:
        return None, []
    return normalize_space("".join(parts)).lstrip(" :") or None, holders


def authors_from_meta(structured: StructuredData) -> list[Author]:
    """The first meta source that names someone: an author tag, or a Twitter card's
    "Written by" label and its data (an author tag may hold an email or a URL instead)."""
    tags = structured.meta
    value = first(tags, "author", "article:author", "dc.creator", "parsely-author")
    for candidate in (value, *_labelled_credits(tags)):
        if candidate and not candidate.startswith("http"):
            names = split_names(candidate)
            if names:
                return [Author(name=n) for n in names]
    return []


# Twitter cards carry up to this many label/data pairs (WordPress SEO plugins and Ghost fill
# the first two: "Written by", "Est. reading time").
MAX_TWITTER_LABELS = 4


def _labelled_credits(tags: MetaTags) -> list[str]:
    """Values of Twitter card pairs labelled as a credit: ``twitter:label1`` "Written by" with
    ``twitter:data1``, or ``twitter:misc:Written by``."""
    found = []
    for n in range(1, MAX_TWITTER_LABELS + 1):
        label = first(tags, f"twitter:label{n}")
        if label and is_credit_label(label):
            found.append(first(tags, f"twitter:data{n}") or "")
    for key, values in tags.items():
        if key.startswith("twitter:misc:") and is_credit_label(key[len("twitter:misc:") :]):
            found.extend(values)
    return found


def is_credit_label(text: str) -> bool:
    """Whether ``text`` is only a credit's opening words ("Written by", "Autor:")."""
    return PREFIX.sub("", text.strip() + " ", count=1) == ""


def first_credit(sources: list[Callable[[], list[Author]]], own_names: set[str]) -> list[Author]:
    """The first visible credit that names someone besides the site (a byline box that only
    says "Lesotho Times" yields to a bold "Ana Ruiz" line); else the first that names anyone.
    Sources are read lazily: a later one is searched only when the earlier ones fall short."""
    own = {_name_key(n) for n in own_names}
    fallback: list[Author] = []
    for source in sources:
        authors = source()
        if any(_name_key(a.name) not in own for a in authors):
            return authors
        fallback = fallback or authors
    return fallback


def choose_authors(
    structured_authors: list[Author],
    markup_authors: list[Author],
    meta_authors: list[Author],
    own_names: set[str] | None = None,
    persons: set[str] | None = None,
    organizations: set[str] | None = None,
) -> tuple[list[Author], str | None]:
    """Prefer the structured data's people (or the byline, when it names them all and more);
    fill their URLs from the visible byline; fall back to the byline, then the meta tag. The
    site's own name (``own_names``: site and publisher names) is no author beside a credited
    person: it is the site, and ``site_name`` already says so. When the page credits nobody
    else, the site's name is the credit it gives, and is kept. An Organization the structured
    data credits yields to a byline that names people (``organizations``: JSON-LD author
    names typed Organization)."""
    # A personal blog is named after its author: a JSON-LD Person keeps its name.
    own = {_name_key(n) for n in own_names or ()} - {_name_key(n) for n in persons or ()}
    orgs = {_name_key(n) for n in organizations or ()}
    if (
        orgs
        and structured_authors
        and all(_name_key(a.name) in orgs for a in structured_authors)
        and markup_authors
        and all(_looks_like_person(a.name) for a in markup_authors)
        and not {_name_key(a.name) for a in markup_authors} & orgs
    ):
        # The structured data credits the paper (an Organization); the byline credits people.
        structured_authors = []
    others = [
        [a for a in group if _name_key(a.name) not in own]
        for group in (structured_authors, markup_authors, meta_authors)
    ]
    if any(others):
        structured_authors, markup_authors, meta_authors = others
    structured_keys = {_name_key(a.name) for a in structured_authors}
    markup_keys = {_name_key(a.name) for a in markup_authors}
    extra = [a for a in markup_authors if _name_key(a.name) not in structured_keys]
    if (
        structured_authors
        and structured_keys < markup_keys
        and all(_looks_like_person(a.name) for a in extra)
    ):
        # The byline credits everyone the structured data names, and more people: the
        # structured data is the incomplete one (a CMS that exports the first author only).
        urls = {_name_key(a.name): a.url for a in structured_authors}
        merged = [
            Author(name=a.name, url=a.url or urls.get(_name_key(a.name))) for a in markup_authors
        ]
        return merged, "byline"
    if structured_authors:
        # "arianschlichenmayer" in JSON-LD is the account of "Arian Schlichenmayer" in the
        # byline: the byline's spelling is the name.
        shown = {_letters(a.name): a for a in markup_authors}
        merged = []
        for author in structured_authors:
            match = shown.get(_letters(author.name))
            # Only an account name (one token) takes the byline's spelling.
            name = match.name if match is not None and " " not in author.name else author.name
            url = author.url or (match.url if match is not None else None)
            merged.append(Author(name=name, url=url))
        return merged, "json-ld"
    if markup_authors:
        return markup_authors, "byline"
    if meta_authors:
        return meta_authors, "meta"
    return [], None


def _looks_like_person(name: str) -> bool:
    """A name of two to five words, not shouted, without a domain: "Ingrid Treborg", not
    "TIMESOFINDIA.COM" or "Volontär"."""
    words = name.split()
    return 2 <= len(words) <= 5 and not name.isupper() and "." not in name.replace(". ", " ")


def _letters(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalpha())


def _name_key(name: str) -> str:
    key = normalize_space(name).casefold()
    return key[4:] if key.startswith("the ") else key


def dedupe(authors: list[Author]) -> list[Author]:
    seen: dict[str, int] = {}
    result: list[Author] = []
    for author in authors:
        key = author.name.casefold()
        if key in seen:
            if author.url and not result[seen[key]].url:
                result[seen[key]] = author
            continue
        seen[key] = len(result)
        result.append(author)
    return result
