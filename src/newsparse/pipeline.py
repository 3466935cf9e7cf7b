"""The HTML pipeline, top to bottom: dom -> structured data -> metadata read from markup ->
block walk (markup chrome) -> text chrome -> feed items and related links -> bylines, dates,
captions -> locate -> body -> assemble the Article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from time import perf_counter

from selectolax.lexbor import LexborHTMLParser

from newsparse import chrome, date_lines, paywall
from newsparse.blocks import TextBlock, Walk, container_path, walk
from newsparse.byline_lines import claim_bylines, claim_name_lines
from newsparse.claims import (
    Drops,
    claim,
    claim_captions,
    claim_time_notes,
    first_reading_time,
    mark_text_chrome,
)
from newsparse.dom import (
    Node,
    absolute_url,
    attr,
    normalize_space,
    parse_html,
    strip_invisible,
)
from newsparse.errors import EmptyDocumentError
from newsparse.fields import body as body_field
from newsparse.fields import byline, comments, headline, images, metadata, pagetype
from newsparse.fields.feed import (
    FeedResult,
    find_feed_items,
    live_blog_updates,
    with_live_blog_updates,
)
from newsparse.fields.feed_parts import is_feed_label
from newsparse.fields.links import LinksResult, find_related
from newsparse.fields.timestamps import DateEvidence, choose_dates
from newsparse.locate import locate
from newsparse.models import Article, Block, Removal
from newsparse.structured import jsonld, read_structured

# A body shorter than this suggests the article sat inside something that looked like chrome
# (a Blogger "widget", an "article-header" holding the whole story): look again with zones.
MIN_BODY_CHARS = 500
STANDFIRST_REASON = "standfirst (kept as subheadline and first body block)"
# A body whose prose is under this share of the standfirst's length is no story of its own
# (a homepage's welcome, an audio item's summary): the standfirst is the body. (A short story
# of two brief paragraphs may hold about as much text as its standfirst.)
LEAD_ONLY_SHARE = 0.5
# Without an <h1>, the headline is looked for among this many blocks from the top.
HEADLINE_SEARCH_BLOCKS = 60


@dataclass(frozen=True)
class Options:
    include_comments: bool = False
    time_budget: float | None = None
    """Seconds parse may spend after the tree is built; past it, work stops cleanly."""


def extract_article(text: str, url: str | None, encoding: str | None, options: Options) -> Article:
    deadline = perf_counter() + options.time_budget if options.time_budget is not None else None
    warnings: list[str] = []
    tree = parse_html(text)
    structured = read_structured(tree)
    base = _base_url(tree, url)
    provenance: dict[str, str] = {}

    # Metadata that needs the untouched tree (figures, bylines and <time> before stripping).
    site = metadata.site_name(structured)
    h1, h1_text = headline.main_h1(tree, headline.declared_titles(structured)) or (None, None)
    canonical = metadata.canonical_url(structured, base)
    host = headline.host_names(url or canonical)
    h1_title = headline.without_kicker(h1, h1_text) if h1 is not None and h1_text else h1_text
    title, source = headline.choose_headline(structured, h1_title, [site] if site else [], host)
    _note(provenance, "headline", source)
    dek = headline.find_dek(h1, structured)
    figure_images = images.figures(tree, base)
    root = _root(tree)
    markup_authors, byline_texts = byline.authors_from_markup(root, base)
    time_elements = date_lines.time_elements(tree)
    shown_tags = [] if metadata.declared_tags(structured) else metadata.visible_tags(tree)

    strip_invisible(tree)
    if paywall.reveal_gated_text(tree):
        warnings.append("the body includes story text the page hides behind its paywall")
    hover_cards = chrome.strip_hover_cards(tree)
    page = walk(root, deadline)
    drop: Drops = {}
    mark_text_chrome(page, drop)

    out_of_time = page.truncated or (deadline is not None and perf_counter() > deadline)
    if out_of_time:
        # Keep what the walk read; skip the optional record finders, still locate the body.
        warnings.append(
            f"time budget of {options.time_budget} s exceeded; "
            + (
                "the page was read only in part"
                if page.truncated
                else "feed items and related links skipped"
            )
        )
        feed, related = FeedResult(), LinksResult()
    else:
        feed = find_feed_items(page.blocks, base)
        claim(drop, feed.used, "feed", "timed list item")
        claim(drop, _feed_labels(page.blocks, feed.used), "feed", "label of a timed list")
        related = find_related(page.blocks, set(drop), base, url, root)
        claim(drop, related.used, "related", "related-article teaser")

    if source == "title" and structured.title:
        # No <h1> (or one naming the site) and no structured headline: trust the part of
        # <title> the page shows.
        shown = headline.shown_title_part(
            structured.title,
            [b.text for b in page.blocks[:HEADLINE_SEARCH_BLOCKS] if b.text != h1_text],
        )
        title = shown or title
    found_headline = _headline_block(page.blocks, title)
    if found_headline is None:
        found_headline = _headline_block(page.blocks, h1_text)
    if found_headline is None:
        found_headline = _heading_holding(page.blocks, title)
    head_index = found_headline or 0
    visible_authors, dateline_texts = claim_bylines(
        page.blocks, drop, head_index, byline_texts, base, dek
    )
    claim_time_notes(page.blocks, drop)
    loose_captions = claim_captions(page.blocks, drop)
    if dek is None:
        dek = _dek_beside_headline(page.blocks, found_headline, drop) or _lead_in_header(
            page.blocks, drop
        )

    own_names = {n for n in (site, metadata.publisher_name(structured)) if n}
    shown_authors = byline.first_credit(
        [
            lambda: markup_authors,
            lambda: visible_authors,
            lambda: byline.authors_from_labels(root, base),
        ],
        own_names,
    )
    authors, source = byline.choose_authors(
        byline.authors_from_jsonld(structured.article, base),
        shown_authors,
        byline.authors_from_meta(structured),
        own_names=own_names,
        persons=byline.author_names_of_type(structured.article, "person"),
        organizations=byline.author_names_of_type(structured.article, "organization"),
    )
    _note(provenance, "authors", source)
    claim_name_lines(page.blocks, drop, head_index, [a.name for a in authors])

    eligible = [block.zone is None and index not in drop for index, block in enumerate(page.blocks)]
    repeats = {normalize_space(t).casefold() for t in (title, h1_text, dek) if t}
    body = _body_with_fallback(page, eligible, drop, repeats, found_headline)
    if dek is not None and _prose_chars(body.blocks) < LEAD_ONLY_SHARE * len(dek):
        # The page's only prose is its lead (a homepage's welcome, an audio item's summary):
        # that is the body, not a standfirst over nothing.
        dek_at = _page_position(page.blocks, body.used, dek)
        if dek_at is not None:
            body.blocks.insert(dek_at, Block(kind="paragraph", text=dek))
            for index in [i for i, (_, reason) in drop.items() if reason == STANDFIRST_REASON]:
                del drop[index]
            dek = None

    shown_body = body_field.structured_body(
        jsonld.first_text(structured.article.get("articleBody")) if structured.article else None,
        sum(len(block.text) for block in body.blocks),
    )
    if shown_body is not None:
        body.blocks, body.used = shown_body, set()
        provenance["body"] = "json-ld"
        warnings.append(
            "the body is the page's JSON-LD articleBody: its HTML shows little of the story"
        )

    dates = choose_dates(
        DateEvidence(
            structured=structured,
            time_elements=date_lines.own_time_elements(time_elements, page),
            visible_lines=date_lines.date_lines(byline_texts, dateline_texts),
            fallback_lines=lambda: date_lines.fallback_datelines(page, drop),
            url=url,
        ),
        warnings,
    )
    provenance.update(dates.provenance)

    feed_items = with_live_blog_updates(feed.items, live_blog_updates(structured.article, base))
    # The dek leads the body where the page shows it as a block of its own (a piece of a
    # larger block, in broken markup, stays the subheadline alone).
    standfirst_at = _page_position(page.blocks, body.used, dek) if dek is not None else None
    standfirst = (
        {i for i, (_, reason) in drop.items() if reason == STANDFIRST_REASON}
        if standfirst_at is not None
        else set()
    )
    removed = _removals(page, drop, feed.used | related.used | standfirst)
    removed.extend(
        Removal(kind="hidden", text=chrome.shorten(text), reason="hover card in a paragraph")
        for text in hover_cards
    )
    removed.extend(body.removed)
    body_chars = sum(pagetype.text_weight(b.text) for b in body.blocks)
    teasers = len(feed_items) + len(related.links)
    kind = pagetype.page_type(structured, feed_items, body_chars, teasers, url)
    body_blocks = body.blocks
    if kind == "listing" and pagetype.declared_listing(structured, teasers):
        # A listing has no article: its text is teasers, and its headline only the <h1> (the
        # title and og:title name the site or section; so does a logo set in an <h1>).
        body_blocks = []
        title = h1_text if h1_text and h1_text.casefold() != (site or "").casefold() else None
        if title is None:
            provenance.pop("headline", None)
    if standfirst_at is not None:
        body_blocks = body_field.with_standfirst(body_blocks, dek, standfirst_at)
    return Article(
        url=url,
        canonical_url=canonical,
        site_name=site,
        language=metadata.language(structured),
        encoding=encoding,
        page_type=kind,
        headline=title,
        subheadline=dek,
        description=metadata.description(structured),
        authors=authors,
        published_at=dates.published,
        updated_at=dates.updated,
        published_text=dates.published_text,
        reading_time_minutes=first_reading_time(byline_texts, dateline_texts),
        body=body_blocks,
        images=images.assemble_images(
            images.lead_image(structured, base), figure_images, loose_captions
        ),
        tags=metadata.tags(structured, shown_tags),
        related_links=related.links,
        feed_items=feed_items,
        comments=comments.reader_comments(page) if options.include_comments else [],
        removed=removed,
        warnings=warnings,
        provenance=provenance,
    )


def _root(tree: LexborHTMLParser) -> Node:
    root = tree.body or tree.root
    if root is None:  # parse_html guarantees a document; this only satisfies the type
        raise EmptyDocumentError("the document has no root element")
    return root


def _note(provenance: dict[str, str], name: str, source: str | None) -> None:
    if source:
        provenance[name] = source


def _base_url(tree: LexborHTMLParser, url: str | None) -> str | None:
    base = tree.css_first("base[href]")
    href = attr(base, "href") if base is not None else ""
    return absolute_url(href, url) if href else url


def _headline_block(blocks: list[TextBlock], headline_text: str | None) -> int | None:
    if headline_text:
        key = normalize_space(headline_text).casefold()
        for index, block in enumerate(blocks):
            if block.text.casefold() == key:
                return index
    return None


# A heading holds the headline when the headline is at least this long and this share of the
# heading ("Klimakonferenz - DRK: Immer mehr Menschen ..." for "DRK: Immer mehr Menschen ...").
HOLDING_HEADLINE_MIN_CHARS = 20
HOLDING_HEADLINE_MIN_SHARE = 0.5
# (Applied to space-normalised text: one space at most, and a search stays linear.)
_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?=[:;,.!?])")


def _heading_holding(blocks: list[TextBlock], headline_text: str | None) -> int | None:
    """The first heading that holds the headline with a kicker or date around it, or whose
    text is the headline's without its kicker."""
    if not headline_text or len(headline_text) < HOLDING_HEADLINE_MIN_CHARS:
        return None
    key = _loose_key(headline_text)
    for index, block in enumerate(blocks):
        if block.tag != "heading":
            continue
        text = _loose_key(block.text)
        shorter, longer = sorted((key, text), key=len)
        if shorter in longer and len(shorter) >= HOLDING_HEADLINE_MIN_SHARE * len(longer):
            return index
    return None


def _loose_key(text: str) -> str:
    """Text compared loosely: case folded, spaces before punctuation gone ("Abrechnung :")."""
    return _SPACE_BEFORE_PUNCTUATION.sub("", normalize_space(text)).casefold()


def _dek_beside_headline(
    blocks: list[TextBlock], head_index: int | None, drop: Drops
) -> str | None:
    """A standfirst without markup cues: the one sentence-sized block that shares the
    headline's container, when the story's paragraphs sit in another container."""
    if head_index is None:
        return None
    home = blocks[head_index].path[:-1]
    following = [i for i in range(head_index + 1, len(blocks)) if i not in drop][:2]
    if len(following) < 2:
        return None
    candidate, after = blocks[following[0]], blocks[following[1]]
    if (
        container_path(candidate) == home
        and container_path(after) != home
        and headline.DEK_MIN_CHARS <= len(candidate.text) <= headline.DEK_MAX_CHARS
        and candidate.link_density == 0
        and candidate.tag in ("p", "run")
    ):
        drop[following[0]] = ("boilerplate", STANDFIRST_REASON)
        return candidate.text
    return None


# The article's own header (a <header> zone) may hold its lead under the headline, in an
# element named as one ("Article_elementLead", "preface", "c-article-teaser-text"); read as
# the standfirst, or it is lost with the header. Searched this many blocks past a heading of
# headline rank in the same header.
LEAD_HEADING_REACH = 6
LEAD_MAX_CHARS = 600


def _lead_in_header(blocks: list[TextBlock], drop: Drops) -> str | None:
    for index, block in enumerate(blocks):
        if block.zone != "header" or block.tag != "heading" or (block.level or 9) > 2:
            continue
        for follower in range(index + 1, min(len(blocks), index + 1 + LEAD_HEADING_REACH)):
            candidate = blocks[follower]
            if candidate.zone_id != block.zone_id:
                break
            if follower not in drop and _reads_as_named_lead(candidate):
                drop[follower] = ("boilerplate", STANDFIRST_REASON)
                return candidate.text
    return None


def _reads_as_named_lead(block: TextBlock) -> bool:
    if block.tag not in ("p", "run") or block.link_chars or block.node is None:
        return False
    if not headline.DEK_MIN_CHARS <= len(block.text) <= LEAD_MAX_CHARS:
        return False
    wrapper = block.node.parent if block.tag == "p" else None
    names = block.class_names + " " + (attr(wrapper, "class") if wrapper is not None else "")
    return headline.names_a_dek(names)


def _page_position(blocks: list[TextBlock], used: set[int], text: str) -> int | None:
    """Where a text the page shows goes among the body blocks: after the body blocks that
    come before it on the page. None when it is no block of its own."""
    key = normalize_space(text).casefold()
    at = next((i for i, b in enumerate(blocks) if b.text.casefold() == key), None)
    return None if at is None else sum(1 for i in used if i < at)


def _prose_chars(blocks: list[Block]) -> int:
    return sum(len(block.text) for block in blocks if block.kind in ("paragraph", "quote"))


# A feed's label ("Nachrichtenticker") is the nearest heading above the first item found,
# at most this many blocks up (items the finders did not pair may sit between: time,
# headline and summary each).
FEED_LABEL_REACH = 12


def _feed_labels(blocks: list[TextBlock], used: set[int]) -> set[int]:
    """Headings that name a timed list ("Latest news") above its items."""
    labels: set[int] = set()
    for index in used:
        for near in range(index - 1, max(-1, index - 1 - FEED_LABEL_REACH), -1):
            block = blocks[near]
            if block.tag != "heading":
                continue
            if is_feed_label(block.text):
                labels.add(near)
            break  # the nearest heading decides: a story's subheading ends the search
    return labels


def _body_with_fallback(
    page: Walk, eligible: list[bool], drop: Drops, repeats: set[str], headline_at: int | None
) -> body_field.BodyResult:
    region = locate(page, eligible, headline_at)
    body = body_field.extract_body(page.blocks, region, eligible, repeats)
    if sum(len(b.text) for b in body.blocks) >= MIN_BODY_CHARS:
        return body
    widened = [
        index not in drop and block.zone != "comments" for index, block in enumerate(page.blocks)
    ]
    retry = body_field.extract_body(
        page.blocks, locate(page, widened, headline_at), widened, repeats
    )
    if sum(len(b.text) for b in retry.blocks) > sum(len(b.text) for b in body.blocks):
        return retry
    return body


def _removals(page: Walk, drop: Drops, kept_as_records: set[int]) -> list[Removal]:
    removed = [
        Removal(kind=s.kind, text=chrome.shorten(s.text), reason=s.reason) for s in page.skipped
    ]
    for index in sorted(drop):
        kind, reason = drop[index]
        removed.append(
            Removal(kind=kind, text=chrome.shorten(page.blocks[index].text), reason=reason)
        )
    zone_texts: dict[int, list[str]] = {}
    for index, block in enumerate(page.blocks):
        if block.zone_id is not None and index not in drop and index not in kept_as_records:
            zone_texts.setdefault(block.zone_id, []).append(block.text)
    for zone_id, texts in zone_texts.items():
        verdict = page.zones[zone_id]
        removed.append(
            Removal(kind=verdict.kind, text=chrome.shorten(" ".join(texts)), reason=verdict.reason)
        )
    return removed
