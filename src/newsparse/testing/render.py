"""Render an :class:`Article` into an HTML page of one template family, with chrome around it.

The renderer returns the record adjusted to what the page actually states: a date shown only
as wall-clock text loses its offset, feed items without a ``datetime`` lose their full date,
chrome that is switched off takes its related links and feed items with it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsparse.models import Article, Author, Block, FeedItem, Image, Link
from newsparse.testing import dates, prose
from newsparse.testing.markup import (
    Ctx,
    Options,
    attributes,
    container,
    esc,
    inline,
    site_origin,
    tag,
)
from newsparse.testing.pages import GeneratedPage
from newsparse.testing.render_chrome import (
    ad_slot,
    admin_link,
    boilerplate_heading,
    cookie_banner,
    feed_sidebar,
    hidden_noise,
    media_note,
    newsletter_form,
    read_also,
    related_section,
    share_bar,
    site_footer,
    site_header,
    skip_link,
)
from newsparse.testing.render_head import head
from newsparse.testing.vocab import LANGUAGES

TEMPLATE_FAMILIES = ("semantic", "cms", "div_soup")
"""``semantic``: article/header/time/figure tags, itemprops. ``cms``: WordPress/Ghost-like
class names (entry-title, entry-content, byline vcard), Mailchimp forms. ``div_soup``: only
divs and spans with neutral, hashed class names; no JSON-LD, meta or ``<time>``: every field
exists only as visible text."""

CHROME_KINDS = (
    "skip",
    "admin",
    "header",
    "navigation",
    "cookie",
    "newsletter",
    "share",
    "media_note",
    "related",
    "feed",
    "boilerplate",
    "ad",
    "footer",
    "script",
)
"""Kinds of chrome a page can carry; ``chrome=`` of :func:`article_pages` takes a subset.
``related`` and ``feed`` render the article's related links and feed items as cards, inserts
and sidebars; without them the expected record has none. ``script`` adds scripts, styles,
templates and hidden elements whose text is not part of the page."""

# How many Mailchimp-style forms a page repeats (the seed page shows seven).
NEWSLETTER_FORMS = (1, 4)
# Chance that a related link is shown as an in-body "Read also:" insert rather than a card.
INLINE_RELATED_CHANCE = 0.35


# --- the article itself -----------------------------------------------------------------------


def _block(ctx: Ctx, block: Block, paragraph_tag: str) -> str:
    if block.kind == "heading":
        level = min(max(block.level or 2, 1), 6)
        return tag(f"h{level}", esc(block.text), class_=ctx.cls("article-subheading"))
    if block.kind == "list":
        items = block.items or [block.text]
        inner = "".join(tag("li", inline(ctx, item)) for item in items)
        return tag("ol" if block.ordered else "ul", inner)
    if block.kind == "quote":
        inner = tag("p", esc(block.text))
        if block.cite:
            inner += tag("footer", tag("cite", esc(block.cite)))
        return tag("blockquote", inner, class_=ctx.cls("pull-quote"))
    if block.kind == "preformatted":
        return tag("pre", esc(block.text))
    if block.kind == "table":
        return tag("table", tag("tbody", tag("tr", tag("td", esc(block.text)))))
    return tag(paragraph_tag, inline(ctx, block.text), class_=ctx.cls("paragraph"))


def _figure(ctx: Ctx, image: Image, lead: bool) -> str:
    img_attrs: dict[str, str | None] = {"src": ctx.href(image.url) if image.url else ""}
    if image.alt:
        img_attrs["alt"] = image.alt
    img = f"<img{attributes(img_attrs)}>"
    caption_parts: list[str] = []
    if image.caption:
        caption_parts.append(esc(image.caption))
    if image.credit:
        style = ctx.rng.randrange(3)
        if style == 0:
            caption_parts.append(tag("span", esc(image.credit), class_=ctx.cls("credit")))
        elif style == 1:
            caption_parts.append(esc(f"({image.credit})"))
        else:
            caption_parts.append(tag("small", esc(f"Photo: {image.credit}")))
    caption = " ".join(caption_parts)
    if ctx.soup:
        inner = img + (tag("div", caption, class_=ctx.cls("")) if caption else "")
        return tag("div", inner, class_=ctx.cls(""))
    inner = img + (tag("figcaption", caption) if caption else "")
    return tag("figure", inner, class_="lead-image" if lead else "wp-block-image")


def _byline(ctx: Ctx, authors: Sequence[Author]) -> str:
    lang = LANGUAGES.get(ctx.language, LANGUAGES["en"])
    names = []
    for author in authors:
        if author.url:
            attrs: dict[str, str | None] = {"href": ctx.href(author.url)}
            if ctx.options.family == "semantic":
                attrs["rel"] = "author"
            elif ctx.options.family == "cms":
                attrs["class"] = "url fn n"
            names.append(f"<a{attributes(attrs)}>{esc(author.name)}</a>")
        elif ctx.options.family == "cms":
            names.append(tag("span", esc(author.name), class_="author vcard"))
        else:
            names.append(esc(author.name))
    if len(names) == 1:
        joined = names[0]
    else:
        joined = ", ".join(names[:-1]) + f" {lang.and_word} {names[-1]}"
    prefixes = lang.by_plural if len(names) > 1 and lang.by_plural else lang.by
    return f"{esc(ctx.rng.choice(prefixes))} {joined}"


@dataclass
class _Dates:
    html: str
    published_at: datetime | None
    updated_at: datetime | None
    published_text: str | None


def _visible_moment(ctx: Ctx, moment: datetime, machine_readable: bool) -> tuple[str, bool]:
    """The visible date text and whether it keeps the offset for a reader of the page."""
    if machine_readable:
        # The markup states the full time, so the visible text may show just the day.
        if ctx.rng.random() < 0.25:
            return dates.visible_date(moment, ctx.language, ctx.rng), True
        return dates.visible_datetime(moment, ctx.language, ctx.rng), True
    with_offset = dates.visible_with_offset(moment)
    if with_offset and ctx.rng.random() < 0.5:
        return with_offset, True
    return dates.visible_datetime(moment, ctx.language, ctx.rng), False


def _stamp(ctx: Ctx, text: str, moment: datetime, meaningful_class: str) -> str:
    if ctx.options.time_tags:
        return tag(
            "time", esc(text), datetime=dates.machine(moment, ctx.rng), class_=meaningful_class
        )
    return tag("span", esc(text), class_=ctx.cls(meaningful_class))


def _dates(ctx: Ctx, article: Article) -> _Dates:
    """The dateline, and the dates a reader of this page can know (see the module docstring)."""
    structured = ctx.options.json_ld or ctx.options.meta
    machine = structured or ctx.options.time_tags
    parts: list[str] = []
    published, published_text = article.published_at, None
    if published is not None:
        published_text, exact = _visible_moment(ctx, published, machine)
        if not exact:
            published = published.replace(tzinfo=None)
        parts.append(_stamp(ctx, published_text, article.published_at or published, "published"))
    updated = article.updated_at
    if updated is not None and ctx.options.show_updated:
        lang = LANGUAGES.get(ctx.language, LANGUAGES["en"])
        text, exact = _visible_moment(ctx, updated, machine)
        if not exact:
            updated = updated.replace(tzinfo=None)
        stamp = _stamp(ctx, text, article.updated_at or updated, "updated")
        parts.append(tag("span", f"{esc(lang.updated)} {stamp}", class_=ctx.cls("date-modified")))
    elif not structured:
        updated = None  # stated nowhere on the page
    return _Dates(" ".join(parts), published, updated, published_text)


# --- the page ----------------------------------------------------------------------------------


def _absolute(article: Article) -> Article:
    """The article with the derived fields cleared; the renderer fills in what the page states."""
    return article.model_copy(
        update={
            "encoding": None,
            "removed": [],
            "warnings": [],
            "provenance": {},
            "comments": [],
            "page_type": "article",
        },
        deep=True,
    )


def _article_header(
    ctx: Ctx, article: Article, dateline: str, reading: str | None, lead: Image | None
) -> list[str]:
    """The article's header: headline, dek, byline, dateline, share bar, lead image."""
    header: list[str] = []
    if "admin" in ctx.options.kinds:
        header.append(admin_link(ctx))
    if article.headline:
        if ctx.soup and ctx.rng.random() < 0.4:
            header.append(tag("div", esc(article.headline), class_=ctx.cls("")))
        else:
            header.append(tag("h1", esc(article.headline), class_=ctx.cls("entry-title headline")))
    if article.subheadline:
        header.append(tag("p", esc(article.subheadline), class_=ctx.cls("standfirst dek")))
    byline = _byline(ctx, article.authors) if article.authors else ""
    meta_line = [part for part in (dateline, esc(reading) if reading else "") if part]
    if ctx.options.byline_inline:
        line = " ".join(part for part in [byline, *meta_line] if part)
        if line:
            header.append(tag("div", line, class_=ctx.cls("byline-line post-meta")))
    else:
        if byline:
            header.append(tag("div", byline, class_=ctx.cls("byline")))
        if meta_line:
            header.append(tag("div", " · ".join(meta_line), class_=ctx.cls("post-meta")))
    if "share" in ctx.options.kinds:
        header.append(share_bar(ctx))
    if lead is not None:
        header.append(_figure(ctx, lead, lead=True))
    if "media_note" in ctx.options.kinds:
        header.append(media_note(ctx))

    return header


def _page_edges(ctx: Ctx, site_name: str | None, year: int) -> tuple[list[str], list[str]]:
    """The chrome above the article (skip link, cookie banner, site header and navigation) and
    below it (footer, a cookie banner not shown on top, hidden noise)."""
    top: list[str] = []
    if "skip" in ctx.options.kinds:
        top.append(skip_link(ctx))
    if "cookie" in ctx.options.kinds and ctx.rng.random() < 0.5:
        top.append(cookie_banner(ctx))
    shows_site_header = bool({"header", "navigation"} & ctx.options.kinds)
    if shows_site_header:
        top.append(site_header(ctx, site_name))
    bottom: list[str] = []
    if "footer" in ctx.options.kinds:
        bottom.append(site_footer(ctx, site_name, year))
    if "cookie" in ctx.options.kinds and not any("cookie" in part for part in top):
        bottom.append(cookie_banner(ctx))
    if "script" in ctx.options.kinds:
        bottom.append(hidden_noise(ctx))

    return top, bottom


def render(article: Article, rng: random.Random, options: Options) -> GeneratedPage:
    """Render ``article`` with ``options``; see :func:`newsparse.testing.article_pages`."""
    language = (article.language or "en").split("-")[0].lower()
    if language not in LANGUAGES:
        language = "en"
    page_url = article.url or article.canonical_url or "https://www.generated.example/story/"
    ctx = Ctx(rng=rng, options=options, language=language, page_url=page_url)
    kinds = options.kinds
    expected = _absolute(article)
    year = (article.published_at or datetime(2024, 1, 1)).year

    images = list(article.images)
    lead = images[0] if images else None
    inline_images = images[1:]
    related = list(article.related_links) if "related" in kinds else []
    inline_related = [link for link in related if rng.random() < INLINE_RELATED_CHANCE]
    card_related = [link for link in related if link not in inline_related]
    description = None
    if options.meta or options.json_ld:
        # Sites without a dek describe the page with the lead's first sentence.
        lead_text = next((b.text for b in article.body if b.kind != "standfirst"), "")
        description = article.subheadline or (
            lead_text.split(". ")[0].rstrip(".") + "." if lead_text else None
        )
    shows_tags = bool(article.tags) and (options.meta or options.json_ld or options.show_tags)
    expected = expected.model_copy(
        update={
            "description": description,
            "tags": list(article.tags) if shows_tags else [],
            "canonical_url": article.url if options.meta else None,
        }
    )
    dateline = _dates(ctx, article)
    reading = None
    if options.show_reading_time and article.reading_time_minutes:
        lang = LANGUAGES[language]
        reading = f"{article.reading_time_minutes} {lang.min_read}"

    header = _article_header(ctx, article, dateline.html, reading, lead)

    # Body, with inserts between blocks: images, "Read also", a newsletter box, an ad.
    paragraph_tag = "div" if ctx.soup and rng.random() < 0.3 else "p"
    # (The standfirst block is the dek, shown in the header above.)
    blocks = [
        _block(ctx, block, paragraph_tag) for block in article.body if block.kind != "standfirst"
    ]
    inserts: list[tuple[str, Image | Link | None]] = [
        (_figure(ctx, image, lead=False), image) for image in inline_images
    ]
    inserts += [(read_also(ctx, link), link) for link in inline_related]
    if "newsletter" in kinds and rng.random() < 0.5:
        inserts.append((newsletter_form(ctx), None))
    if "ad" in kinds:
        inserts.append((ad_slot(ctx), None))
    # Inserts sit after a block, never before the first one (leads come first on real pages).
    placed = sorted(
        (
            (rng.randint(1, max(1, len(blocks))), order, insert)
            for order, insert in enumerate(inserts)
        ),
        key=lambda item: (item[0], item[1]),
    )
    body_parts: list[str] = []
    for gap in range(max(1, len(blocks))):
        body_parts.extend(blocks[gap : gap + 1])
        body_parts.extend(insert[0] for at, _, insert in placed if at == gap + 1)
    in_body = [insert[1] for _, _, insert in placed]
    # Records in the order a reader meets them; an in-body insert shows a title but no summary.
    expected = expected.model_copy(
        update={
            "images": ([lead] if lead else []) + [o for o in in_body if isinstance(o, Image)],
            "related_links": [
                Link(title=o.title, url=o.url) for o in in_body if isinstance(o, Link)
            ]
            + card_related,
        }
    )
    body_class = {"semantic": "article-body", "cms": "entry-content"}.get(options.family, "")
    if options.split_body and len(body_parts) > 3:
        cut = rng.randint(2, len(body_parts) - 1)
        middle = ad_slot(ctx) if "ad" in kinds else ""
        # One template renders both chunks, so they share a class, as on real magazine
        # layouts; chunks that share nothing and touch could as well be an "about us" box.
        part_class = ctx.cls(body_class)
        body_html = (
            tag("div", "\n".join(body_parts[:cut]), class_=part_class)
            + middle
            + tag("div", "\n".join(body_parts[cut:]), class_=part_class)
        )
    else:
        attrs: dict[str, str | None] = {"class_": ctx.cls(body_class)}
        if options.family == "semantic":
            attrs["itemprop"] = "articleBody"
        body_html = tag("div", "\n".join(body_parts), **attrs)

    after: list[str] = []
    if shows_tags and options.show_tags:
        links = " ".join(
            tag("a", esc(t), href=ctx.href(f"{site_origin(page_url)}/tag/{prose.slug(t, 'tag')}/"))
            for t in article.tags
        )
        after.append(tag("div", links, class_=ctx.cls("tags post-tags")))
    if "share" in kinds and rng.random() < 0.5:
        after.append(share_bar(ctx))
    if card_related:
        after.append(related_section(ctx, card_related))

    article_tag = "article" if options.family == "semantic" else "div"
    header_html = (
        tag("header", "\n".join(header), class_="article-header")
        if options.family == "semantic"
        else tag("div", "\n".join(header), class_=ctx.cls("entry-header"))
    )
    article_html = tag(
        article_tag, "\n".join([header_html, body_html, *after]), class_=ctx.cls("post hentry")
    )

    sidebar: list[str] = []
    feed_expected: list[FeedItem] = []
    if "feed" in kinds and article.feed_items:
        feed_html, feed_expected = feed_sidebar(ctx, article.feed_items)
        sidebar.append(feed_html)
    if "boilerplate" in kinds:
        sidebar.extend(boilerplate_heading(ctx) for _ in range(rng.randint(1, 2)))
    if "newsletter" in kinds:
        sidebar.extend(newsletter_form(ctx) for _ in range(rng.randint(*NEWSLETTER_FORMS)))
    rng.shuffle(sidebar)

    top, bottom = _page_edges(ctx, article.site_name, year)

    main = (
        tag("main", article_html, id="main")
        if not ctx.soup
        else tag("div", article_html, id="main")
    )
    aside = container(ctx, "aside", "sidebar widget-area", "\n".join(sidebar)) if sidebar else ""
    body = "\n".join([*top, main, aside, *bottom])
    lang_attr = (
        language if rng.random() < 0.6 else {"en": "en-US", "de": "de-DE"}.get(language, language)
    )
    document = (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang_attr}">\n'
        + head(ctx, article, expected)
        + "\n<body>\n"
        + body
        + "\n</body>\n</html>\n"
    )
    features = {
        name
        for name, on in (
            ("json-ld", options.json_ld),
            ("meta", options.meta),
            ("time-tags", options.time_tags),
            ("split-body", options.split_body and len(body_parts) > 3),
            ("byline-inline", options.byline_inline),
        )
        if on
    }
    expected = expected.model_copy(
        update={
            "published_at": dateline.published_at,
            "updated_at": dateline.updated_at,
            "published_text": dateline.published_text,
            "reading_time_minutes": article.reading_time_minutes if reading else None,
            "feed_items": feed_expected,
        }
    )
    return GeneratedPage(
        document,
        expected,
        chrome=tuple(ctx.chrome),
        template=options.family,
        features=frozenset(features),
    )
