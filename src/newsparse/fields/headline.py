"""Headline and dek: chosen among JSON-LD ``headline``, ``og:title``, ``twitter:title``, the main
``<h1>`` and ``<title>`` by agreement, with a site-name prefix or suffix stripped only when it is
the site's name."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from newsparse import vocab
from newsparse.dom import (
    INVISIBLE_TAGS,
    Node,
    ancestors,
    attr,
    class_and_id,
    normalize_space,
    text_of,
)
from newsparse.structured import StructuredData, jsonld
from newsparse.structured.meta import first

# Separators between a headline and the site name in <title> and og:title. A match starts only
# where a whitespace run starts, ``(?<!\s)``: otherwise every position inside a long run is
# tried again (quadratic), and a separator found from inside a run is found from its start.
# A run of separators is one ("Blog //   » Post": a template's empty part between two).
_TITLE_SEPARATORS = re.compile(r"(?<!\s)(?:\s+(?:[|–—·•:»/-]|::|--|//))+\s+")
# A dek is a sentence or two: shorter is a label, longer is body text.
DEK_MIN_CHARS = 30
DEK_MAX_CHARS = 400
# How far past the headline to look for the dek.
DEK_SIBLING_STEPS = 3
_DEK_NAMES = re.compile(
    r"dek|standfirst|subtitle|sub-title|subhead|sub-head|summary|lead|intro|excerpt|teaser|"
    r"desc|strapline|kicker-text|deck|preface|ingress|chapo|entradilla|vorspann",
)
# ... unless they also say it holds the byline ("c-page-intro__author").
_BYLINE_NAMES = re.compile(r"author|byline|dateline|credit")
# An <h1> that is a part of the <title> is a masthead when another part is this many times
# longer ("Literatur" beside "30.11. | Buch der Woche - ...").
MASTHEAD_SHARE = 2.0
# ... and so is a name of this many words at most that shares no word with the <title>.
MASTHEAD_MAX_WORDS = 2
# <h1> elements weighed against the declared titles (a page may hold hundreds of them)...
MAX_H1_CANDIDATES = 8
# ... and headline elements ranked at most (past them, a page of a thousand <h1>s is a list).
MAX_HEADLINE_ELEMENTS = 64
# A host label this short ("co" of .co.uk, "bz") names no site.
MIN_HOST_NAME_CHARS = 3
# Host labels that name a server, not the site.
_HOST_PREFIXES = frozenset({"www", "www2", "amp", "mobile"})
_NOT_ALNUM = re.compile(r"[\W_]+")
_INVISIBLE_INSIDE = ", ".join(INVISIBLE_TAGS)
_INVISIBLE = frozenset(INVISIBLE_TAGS)
_FORM_CONTROLS = "form, input, button, select, textarea"
_PICTURE_TAGS = frozenset({"figure", "img", "picture", "video", "figcaption"})
_PICTURES = ", ".join(sorted(_PICTURE_TAGS))
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def _key(text: str) -> str:
    return normalize_space(text.replace("\xad", "")).translate(_QUOTES).casefold()


def strip_site_name(
    title: str, site_names: list[str], host_names: frozenset[str] = frozenset()
) -> str:
    """Drop a leading or trailing part of a title when it is one of the site's names, or the
    name its host spells (``host_names``, from :func:`host_names`)."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    names = {_key(n) for n in site_names if n}

    def is_site(part: str) -> bool:
        return _key(part) in names or _looks_like_domain(part) or _compact(part) in host_names

    while len(parts) > 1 and is_site(parts[-1]):
        parts = parts[:-1]
    while len(parts) > 1 and is_site(parts[0]):
        parts = parts[1:]
    separator_spans = _TITLE_SEPARATORS.findall(title)
    # Rebuild with the original separators between the parts that remain.
    if len(parts) == len(separator_spans) + 1:
        return title
    return _rejoin(title, parts)


def host_names(url: str | None) -> frozenset[str]:
    """The names a page's host spells, one per label but the last ("umweltbundesamt" for
    www.umweltbundesamt.de, "biathlonantholz" for biathlon-antholz.it), as :func:`_compact`
    writes a title part: "Umweltbundesamt" and "Biathlon Antholz" are the site's name."""
    if not url:
        return frozenset()
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return frozenset()
    labels = host.split(".")[:-1]
    return frozenset(
        name
        for label in labels
        if len(name := _compact(label)) >= MIN_HOST_NAME_CHARS and label not in _HOST_PREFIXES
    )


def _compact(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


def _rejoin(title: str, parts: list[str]) -> str:
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(parts)


def _looks_like_domain(text: str) -> bool:
    return bool(re.fullmatch(r"(?:www\.)?[\w-]+\.[a-z]{2,}(?:\.[a-z]{2})?", text.strip().lower()))


def shown_title_part(title: str, shown: list[str]) -> str | None:
    """When a page has no <h1>, the part of its <title> that the page shows as a line of text
    is the headline ("Storm closes port – The Ledger" over a div reading "Storm closes port")."""
    whole = _key(title)
    keys = {_key(line) for line in shown}
    if whole in keys:
        return normalize_space(title)
    parts = [normalize_space(p) for p in _TITLE_SEPARATORS.split(title)]
    matching = [p for p in parts if p and _key(p) in keys]
    return max(matching, key=len) if matching else None


def main_h1(tree: LexborHTMLParser, titles: list[str] | None = None) -> tuple[Node, str] | None:
    """The headline element and its shown text: the first <h1> inside <article>, else inside
    <main>, else the first element marked itemprop="headline", else the first <h1>, passing
    over logos (a link to the home page or an image). Of several, one that a title the page
    declares (``titles``: JSON-LD, social, then <title>) spells, whole or as one of its
    parts, wins: a section's "News" <h1> set before the story's own."""
    # One query for all, ranked by where they sit (a query walks the whole tree). A node
    # matching both parts of the selector is listed twice: the candidates skip repeats.
    found = tree.css('h1, [itemprop="headline"]')[:MAX_HEADLINE_ELEMENTS]
    ranked = sorted(range(len(found)), key=lambda order: (_headline_rank(found[order]), order))
    candidates: list[tuple[Node, str]] = []
    keys: list[str] = []
    seen: set[int] = set()
    for order in ranked:
        node = found[order]
        if node.mem_id in seen or _is_logo(node):
            continue
        seen.add(node.mem_id)
        text = shown_text(node)
        if text:
            candidates.append((node, text))
            keys.append(_key(text))
            if len(candidates) == MAX_H1_CANDIDATES:
                break
    if len(candidates) > 1:
        for title in titles or []:
            spelled = {_key(title), *(_key(part) for part in _title_parts(title))}
            for candidate, key in zip(candidates, keys, strict=True):
                if key in spelled:
                    return candidate
    return candidates[0] if candidates else None


def _headline_rank(node: Node) -> int:
    """0 for an <h1> in <article>, 1 in <main>, 2 for another itemprop="headline", 3 else."""
    if node.tag != "h1":
        return 2
    containers = {parent.tag for parent in ancestors(node)}
    if "article" in containers:
        return 0
    if "main" in containers:
        return 1
    return 2 if attr(node, "itemprop").lower() == "headline" else 3


def shown_text(node: Node) -> str:
    """The text of an element as shown: without what a <style> or <script> inside it holds
    (CSS-in-JS frameworks put their rules beside the heading text). Read before the page's
    invisible elements are stripped. One walk that passes over invisible subtrees: climbing
    from every text node to the top was quadratic in an element holding a broken page."""
    if node.css_first(_INVISIBLE_INSIDE) is None:
        return normalize_space(node.text())
    top = node.mem_id
    parts: list[str] = []
    current = node.child
    while current is not None:
        tag = current.tag
        if tag == "-text":
            parts.append(current.text_content or "")
        elif tag not in _INVISIBLE and current.child is not None:
            current = current.child
            continue
        while current.next is None:
            current = current.parent
            if current is None or current.mem_id == top:
                return normalize_space(" ".join(parts))
        current = current.next
    return normalize_space(" ".join(parts))


_KICKER_SEPARATORS = frozenset(":|–—-·•")
_KICKER_NAMES = re.compile("|".join(re.escape(w) for w in vocab.KICKER_CLASS_WORDS))


def without_kicker(node: Node, text: str) -> str:
    """The headline element's text without a kicker element it opens with (a class naming
    one: "overline", "kicker", "dachzeile"...), when the rest is the longer part. A kicker
    the text itself sets off ("Klimaschutz<span class='visually-hidden'>: </span>Bohren...")
    is part of the headline as the page writes it, and stays."""
    first = next((child for child in node.iter() if normalize_space(child.text())), None)
    if first is None or not _KICKER_NAMES.search(class_and_id(first)):
        return text
    kicker = normalize_space(first.text())
    if not text.startswith(kicker) or text[len(kicker) :].lstrip()[:1] in _KICKER_SEPARATORS:
        return text
    rest = text[len(kicker) :].strip()
    return rest if len(rest) > len(kicker) else text


def _is_logo(node: Node) -> bool:
    names = class_and_id(node)
    return "logo" in names or "site-title" in names or "brand" in names


def choose_headline(
    structured: StructuredData,
    h1_text: str | None,
    site_names: list[str],
    host: frozenset[str] = frozenset(),
) -> tuple[str | None, str | None]:
    """The headline and where it came from (``host``: the names the page's host spells)."""
    declared = _declared_titles(structured)
    shown = [("h1", _readable(h1_text))] if h1_text else []
    unescaped = [pair for pair in [*declared[:-1], *shown, *declared[-1:]] if pair[1]]
    titles = [
        text for source, text in unescaped if source in ("og:title", "twitter:title", "title")
    ]
    site_names = [*site_names, *_repeated_site_parts(titles, h1_text)]
    names = {_key(n) for n in site_names if n}
    cleaned = [(source, strip_site_name(text, site_names, host)) for source, text in unescaped]
    # A social title that is only the site's name ("EnBW") names no story.
    cleaned = [(source, text) for source, text in cleaned if _key(text) not in names] or cleaned
    if not cleaned:
        return None, None
    if h1_text and _is_masthead(normalize_space(h1_text), structured.title):
        # The <h1> is the site's or section's name set in large type: drop it.
        cleaned = [(source, text) for source, text in cleaned if source != "h1"]
        cleaned = [
            (source, _without_part(text, h1_text) if source == "title" else text)
            for source, text in cleaned
        ]
        h1_text = None
    if not cleaned:
        return None, None
    # The visible <h1> wins when any other source agrees with it (it has the page's exact
    # wording, structured titles are often shortened for social cards).
    if h1_text:
        # (The <h1> as cleaned: a site name set after it goes like the other sources' do.)
        h1 = next((text for source, text in cleaned if source == "h1"), normalize_space(h1_text))
        others = [_key(text) for source, text in cleaned if source != "h1"]
        if any(_key(h1) == other or _key(h1) in other for other in others):
            return h1, "h1"
        social = next(((s, t) for s, t in cleaned if s in _SOCIAL_SOURCES), None)
        if social is not None and not any(s == "json-ld" for s, _ in cleaned):
            ending = _key(social[1])
            if _key(h1).endswith(ending) and len(ending) >= KICKER_SHARE * len(_key(h1)):
                return social[1], social[0]  # the <h1> with a kicker glued before it
            if _shares_words(h1, social[1]):
                # The page's own wording of the same story (social titles are rewritten for
                # sharing): an <h1> sharing none of its words is a section's or a box's.
                return h1, "h1"
    for source, text in cleaned:
        if source != "title":
            return text, source
    return cleaned[0][1], cleaned[0][0]


def _declared_titles(structured: StructuredData) -> list[tuple[str, str]]:
    """(source, text) of the titles the page declares, <title> last (empty when missing)."""
    article = structured.article or {}
    candidates = [
        ("json-ld", jsonld.first_text(article.get("headline"))),
        ("og:title", first(structured.meta, "og:title")),
        ("twitter:title", first(structured.meta, "twitter:title")),
        ("title", structured.title),
    ]
    return [(source, _readable(text or "")) for source, text in candidates]


# Hyphenation hints and zero-width joiners: invisible on the page, noise in a headline.
_INVISIBLE_CHARS = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def _readable(text: str) -> str:
    return normalize_space(_INVISIBLE_CHARS.sub("", html.unescape(text)))


def declared_titles(structured: StructuredData) -> list[str]:
    """The titles the page declares, structured ones first, <title> last."""
    return [text for _, text in _declared_titles(structured) if text]


_SOCIAL_SOURCES = ("og:title", "twitter:title")
# A social title that ends the <h1> and is this share of it is the <h1> without its kicker.
KICKER_SHARE = 0.5
# Two titles tell the same story when this share of the shorter one's words is in the other.
SHARED_WORDS_SHARE = 0.34
_WORD = re.compile(r"\w{3,}")


def _shares_words(one: str, other: str) -> bool:
    words = set(_WORD.findall(_key(one)))
    other_words = set(_WORD.findall(_key(other)))
    if not words or not other_words:
        return False
    shared = len(words & other_words)
    return shared >= SHARED_WORDS_SHARE * min(len(words), len(other_words))


def _repeated_site_parts(titles: list[str], h1_text: str | None) -> list[str]:
    """The site's name as the page's titles repeat it: a part that opens or closes two titles
    (og:title and <title>) and that the <h1> leaves out while holding the rest ("Ferry runs
    late - Harbour Office" twice beside an <h1> "1 May: Ferry runs late")."""
    if not h1_text:
        return []
    h1 = _key(h1_text)
    split = [parts for parts in (_title_parts(t) for t in titles) if len(parts) > 1]
    found: list[str] = []
    for pick in (0, -1):
        ends = [_key(parts[pick]) for parts in split]
        for end in set(ends):
            holders = [parts for parts, key in zip(split, ends, strict=True) if key == end]
            rests = [_key(" ".join(p[1:] if pick == 0 else p[:-1])) for p in holders]
            if len(holders) >= 2 and end not in h1 and all(rest in h1 for rest in rests):
                found.append(end)
    return found


def _title_parts(title: str) -> list[str]:
    return [part for part in (normalize_space(p) for p in _TITLE_SEPARATORS.split(title)) if part]


def _is_masthead(h1: str, title: str | None) -> bool:
    """Whether the <h1> is one of the <title>'s later, short parts, a longer part standing
    beside it: the site's or section's name ("Steinzeit & Co" over "Werkzeuge des Neandertalers
    | Steinzeit & Co"), and the longer part is the headline."""
    if not title:
        return False
    key = _key(h1)
    words = key.split()
    if (
        len(words) <= MASTHEAD_MAX_WORDS
        and len(title) >= MASTHEAD_SHARE * len(h1)
        and key not in _key(title)  # (words are no test in unspaced scripts)
        and set(words).isdisjoint(_key(title).split())
    ):
        return True  # a one-word logo ("L-Mag") over a title that shares none of its words
    parts = _title_parts(title)
    if len(parts) < 2:
        return False
    # (Not the first part: a title leads with its headline, "Vom Boden aus gedacht - Ann
    # Cotten verwebt ...", a longer subtitle following it.)
    if key not in {_key(part) for part in parts[1:]} or key == _key(parts[0]):
        return False
    return len(max(parts, key=len)) >= MASTHEAD_SHARE * len(h1)


def _without_part(title: str, part: str) -> str:
    """The title without one of its parts: its longest remaining part."""
    key = _key(part)
    rest = [p for p in _title_parts(title) if _key(p) != key]
    return max(rest, key=len) if rest else title


def find_dek(headline_node: Node | None, structured: StructuredData) -> str | None:
    """The standfirst: an element right after the headline (or right after the headline's
    own wrapper) whose class says so, or a following <h2>."""
    if headline_node is None:
        return None
    starts = [headline_node]
    parent = headline_node.parent
    if parent is not None and normalize_space(parent.text()) == normalize_space(
        headline_node.text()
    ):
        starts.append(parent)
    for start in starts:
        sibling, steps = start.next, 0
        while sibling is not None and steps < DEK_SIBLING_STEPS:
            if sibling.tag and not sibling.tag.startswith("-"):
                steps += 1
                for candidate in (sibling, sibling.css_first("h2, p")):
                    text = _dek_text(candidate)
                    if text:
                        return text
            sibling = sibling.next
    return None


def names_a_dek(classes: str) -> bool:
    """Whether class names (and ids) name a standfirst ("article__lead", "preface")."""
    names = classes.lower()
    return _DEK_NAMES.search(names) is not None and _BYLINE_NAMES.search(names) is None


def _dek_text(node: Node | None) -> str | None:
    if node is None or node.css_first(_FORM_CONTROLS) is not None:
        return None  # a sign-up box's heading, with the form it opens
    if node.tag in _PICTURE_TAGS or node.css_first(_PICTURES) is not None:
        return None  # a "lead-image" figure: its caption or credit is no standfirst
    text = text_of(node)
    names = class_and_id(node) + " " + attr(node, "itemprop").lower()
    if (
        DEK_MIN_CHARS <= len(text) <= DEK_MAX_CHARS
        and (_DEK_NAMES.search(names) or node.tag == "h2")
        and _BYLINE_NAMES.search(names) is None
    ):
        return text
    return None
