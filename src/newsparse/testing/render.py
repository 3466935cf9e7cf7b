"""Render an :class:`Article` into an HTML page of one template family, with chrome around it.

The renderer returns the record adjusted to what the page actually states: a date shown only
as wall-clock text loses its offset, feed items without a ``datetime`` lose their full date,
chrome that is switched off takes its related links and feed items with it.
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from newsparse.models import Article, Author, Block, FeedItem, Image, Link
from newsparse.testing import dates, prose
from newsparse.testing.pages import GeneratedPage
from newsparse.testing.vocab import AGENCIES, CHROME_PHRASES, CLASS_WORDS, LANGUAGES, SECTION_SLUGS

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
# Chance, per paragraph, of an inline element (link, emphasis) around a few of its words.
INLINE_MARKUP_CHANCE = 0.35


@dataclass(frozen=True)
class Options:
    """The structural choices of one page, drawn by Hypothesis so failures shrink over them."""

    family: str
    kinds: frozenset[str]
    json_ld: bool
    meta: bool
    time_tags: bool
    split_body: bool
    byline_inline: bool
    show_reading_time: bool
    show_updated: bool
    show_tags: bool


@dataclass
class _Ctx:
    rng: random.Random
    options: Options
    language: str
    page_url: str
    chrome: list[str] = field(default_factory=list)

    @property
    def soup(self) -> bool:
        return self.options.family == "div_soup"

    def phrase(self, role: str) -> str:
        """A chrome phrase of ``role`` in the page's language, recorded as chrome."""
        table = CHROME_PHRASES.get(self.language, CHROME_PHRASES["en"])
        text = self.rng.choice(table[role])
        if text not in self.chrome:
            self.chrome.append(text)
        return text

    def cls(self, meaningful: str) -> str:
        """The class attribute: meaningful names, or neutral hashes in div soup."""
        if self.soup:
            return f"{self.rng.choice(CLASS_WORDS)}-{self.rng.randrange(16**5):05x}"
        return meaningful

    def href(self, url: str) -> str:
        """A link as templates write it: absolute, or root-relative on the page's own host."""
        parts = urlsplit(url)
        if parts.netloc == urlsplit(self.page_url).netloc and self.rng.random() < 0.5:
            return parts.path + (f"?{parts.query}" if parts.query else "")
        return url


def _attrs(attrs: dict[str, str | None]) -> str:
    return "".join(
        f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
        for name, value in attrs.items()
    )


def tag(name: str, inner: str = "", **attrs: str | None) -> str:
    """An element; attribute names use ``_`` for ``-`` and a trailing ``_`` for keywords."""
    rendered = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}
    return f"<{name}{_attrs(rendered)}>{inner}</{name}>"


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def _inline(ctx: _Ctx, text: str) -> str:
    """Escaped text, with a few words wrapped in a link or emphasis now and then."""
    words = text.split(" ")
    if len(words) < 6 or ctx.rng.random() > INLINE_MARKUP_CHANCE:
        return esc(text)
    start = ctx.rng.randrange(0, len(words) - 3)
    end = start + ctx.rng.randint(1, 3)
    inner = esc(" ".join(words[start:end]))
    wrapper = ctx.rng.choice(("a", "em", "strong", "b", "i", "span"))
    if wrapper == "a":
        slug = ctx.rng.choice(SECTION_SLUGS)
        wrapped = tag("a", inner, href=ctx.href(f"{_origin(ctx.page_url)}/{slug}/topic/"))
    else:
        wrapped = tag(wrapper, inner)
    before = esc(" ".join(words[:start]))
    after = esc(" ".join(words[end:]))
    return f"{before} {wrapped} {after}".strip()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# --- the article itself -----------------------------------------------------------------------


def _block(ctx: _Ctx, block: Block, paragraph_tag: str) -> str:
    if block.kind == "heading":
        level = min(max(block.level or 2, 1), 6)
        return tag(f"h{level}", esc(block.text), class_=ctx.cls("article-subheading"))
    if block.kind == "list":
        items = block.items or [block.text]
        inner = "".join(tag("li", _inline(ctx, item)) for item in items)
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
    return tag(paragraph_tag, _inline(ctx, block.text), class_=ctx.cls("paragraph"))


def _figure(ctx: _Ctx, image: Image, lead: bool) -> str:
    img_attrs: dict[str, str | None] = {"src": ctx.href(image.url) if image.url else ""}
    if image.alt:
        img_attrs["alt"] = image.alt
    img = f"<img{_attrs(img_attrs)}>"
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


def _byline(ctx: _Ctx, authors: Sequence[Author]) -> str:
    lang = LANGUAGES.get(ctx.language, LANGUAGES["en"])
    names = []
    for author in authors:
        if author.url:
            attrs: dict[str, str | None] = {"href": ctx.href(author.url)}
            if ctx.options.family == "semantic":
                attrs["rel"] = "author"
            elif ctx.options.family == "cms":
                attrs["class"] = "url fn n"
            names.append(f"<a{_attrs(attrs)}>{esc(author.name)}</a>")
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


def _visible_moment(ctx: _Ctx, moment: datetime, machine_readable: bool) -> tuple[str, bool]:
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


def _stamp(ctx: _Ctx, text: str, moment: datetime, meaningful_class: str) -> str:
    if ctx.options.time_tags:
        return tag(
            "time", esc(text), datetime=dates.machine(moment, ctx.rng), class_=meaningful_class
        )
    return tag("span", esc(text), class_=ctx.cls(meaningful_class))


def _dates(ctx: _Ctx, article: Article) -> _Dates:
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


# --- head: title, meta, JSON-LD ------------------------------------------------------------------


def _json_ld(ctx: _Ctx, article: Article, expected: Article) -> str:
    node: dict[str, object] = {
        "@type": ctx.rng.choice(("NewsArticle", "Article", "ReportageNewsArticle")),
        "headline": article.headline,
        "mainEntityOfPage": {"@type": "WebPage", "@id": article.url},
        "inLanguage": ctx.language,
        "publisher": {"@type": "Organization", "name": article.site_name},
    }
    if article.published_at:
        node["datePublished"] = dates.machine(article.published_at, ctx.rng)
    if article.updated_at:
        node["dateModified"] = dates.machine(article.updated_at, ctx.rng)
    people = [
        {
            "@type": "Organization" if author.name in AGENCIES else "Person",
            "name": author.name,
            **({"url": author.url} if author.url else {}),
        }
        for author in article.authors
    ]
    if people:
        node["author"] = people[0] if len(people) == 1 and ctx.rng.random() < 0.5 else people
    if expected.images and expected.images[0].url:
        node["image"] = [expected.images[0].url]
    if expected.description:
        node["description"] = expected.description
    if expected.tags:
        node["keywords"] = ", ".join(expected.tags)
    document: dict[str, object]
    if ctx.rng.random() < 0.3:
        website = {"@type": "WebSite", "name": article.site_name, "url": _origin(ctx.page_url)}
        document = {"@context": "https://schema.org", "@graph": [website, node]}
    else:
        document = {"@context": "https://schema.org", **node}
    text = json.dumps(
        document, ensure_ascii=ctx.rng.random() < 0.5, indent=ctx.rng.choice((None, 2))
    )
    # "</" inside a script would end it early; JSON allows the escaped slash.
    return tag("script", text.replace("</", "<\\/"), type="application/ld+json")


def _meta_tags(article: Article, expected: Article) -> list[str]:
    def meta(key: str, name: str, content: str) -> str:
        return f"<meta{_attrs({key: name, 'content': content})}>"

    tags = [
        meta("property", "og:type", "article"),
        meta("property", "og:title", article.headline or ""),
        meta("property", "og:site_name", article.site_name or ""),
        meta("property", "og:url", article.url or ""),
        f"<link{_attrs({'rel': 'canonical', 'href': article.url or ''})}>",
    ]
    if expected.description:
        tags.append(meta("name", "description", expected.description))
        tags.append(meta("property", "og:description", expected.description))
    if expected.images and expected.images[0].url:
        tags.append(meta("property", "og:image", expected.images[0].url))
    if article.published_at:
        tags.append(meta("property", "article:published_time", article.published_at.isoformat()))
    if article.updated_at:
        tags.append(meta("property", "article:modified_time", article.updated_at.isoformat()))
    if article.authors:
        tags.append(meta("name", "author", ", ".join(author.name for author in article.authors)))
    tags.extend(meta("property", "article:tag", tag_text) for tag_text in expected.tags)
    return tags


def _head(ctx: _Ctx, article: Article, expected: Article) -> str:
    separator = ctx.rng.choice((" | ", " - ", " – ", " · "))
    title = (article.headline or "") + (separator + article.site_name if article.site_name else "")
    parts = ['<meta charset="utf-8">', tag("title", esc(title))]
    parts.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    if ctx.options.meta:
        parts.extend(_meta_tags(article, expected))
    if ctx.options.json_ld:
        parts.append(_json_ld(ctx, article, expected))
    if "script" in ctx.options.kinds:
        parts.append(tag("style", ".hidden{display:none}.card{margin:0 0 1rem}"))
        parts.append(tag("script", "window.dataLayer=window.dataLayer||[];", async_=None))
    return "<head>\n" + "\n".join(parts) + "\n</head>"


# --- chrome -------------------------------------------------------------------------------------


def _container(
    ctx: _Ctx, semantic_tag: str, meaningful_class: str, inner: str, **attrs: str | None
) -> str:
    """A chrome container: its semantic tag where the family uses them, else a plain div."""
    name = semantic_tag if ctx.options.family == "semantic" else "div"
    return tag(name, inner, class_=ctx.cls(meaningful_class), **attrs)


def _skip_link(ctx: _Ctx) -> str:
    return tag(
        "a", esc(ctx.phrase("skip")), href="#main", class_=ctx.cls("skip-link screen-reader-text")
    )


def _admin_link(ctx: _Ctx) -> str:
    url = f"{_origin(ctx.page_url)}/wp-admin/post.php?post={ctx.rng.randrange(10**5)}&action=edit"
    return tag("a", esc(ctx.phrase("admin")), href=url, class_=ctx.cls("post-edit-link"))


def _site_header(ctx: _Ctx, site_name: str | None) -> str:
    origin = _origin(ctx.page_url)
    parts = [
        tag("a", esc(site_name or ""), href=ctx.href(origin + "/"), class_=ctx.cls("site-logo"))
    ]
    if "header" in ctx.options.kinds:
        parts.append(tag("a", esc(ctx.phrase("header_login")), href=ctx.href(origin + "/login/")))
        parts.append(
            tag(
                "a",
                esc(ctx.phrase("header_subscribe")),
                href=ctx.href(origin + "/subscribe/"),
                class_=ctx.cls("button subscribe"),
            )
        )
        search = ctx.phrase("header_search")
        parts.append(
            tag(
                "form",
                f'<input type="search" name="q" placeholder="{esc(search)}">'
                + tag("button", esc(search)),
                role="search",
                action="/search",
            )
        )
    if "navigation" in ctx.options.kinds:
        table = CHROME_PHRASES.get(ctx.language, CHROME_PHRASES["en"])["navigation"]
        labels = ctx.rng.sample(table, k=ctx.rng.randint(3, len(table)))
        for label in labels:
            if label not in ctx.chrome:
                ctx.chrome.append(label)
        items = "".join(
            tag("li", tag("a", esc(label), href=ctx.href(f"{origin}/{prose.slug(label, 'x')}/")))
            for label in labels
        )
        parts.append(
            _container(ctx, "nav", "main-navigation", tag("ul", items, class_=ctx.cls("menu")))
        )
    return _container(ctx, "header", "site-header", "\n".join(parts))


def _cookie_banner(ctx: _Ctx) -> str:
    table = CHROME_PHRASES.get(ctx.language, CHROME_PHRASES["en"])
    texts = ctx.rng.sample(table["cookie_text"], k=ctx.rng.randint(1, len(table["cookie_text"])))
    buttons = ctx.rng.sample(table["cookie_button"], k=min(2, len(table["cookie_button"])))
    ctx.chrome.extend(text for text in (*texts, *buttons) if text not in ctx.chrome)
    inner = tag("p", esc(" ".join(texts))) + "".join(tag("button", esc(b)) for b in buttons)
    return tag("div", inner, class_=ctx.cls("cookie-consent"), role="dialog")


def _newsletter(ctx: _Ctx) -> str:
    """A Mailchimp-style sign-up form: prompt, required marker, hidden responses, button."""
    marker = ctx.phrase("form_marker")
    if marker.startswith("* "):
        marker_html = tag("span", "*", class_="asterisk") + " " + esc(marker[2:])
    else:
        marker_html = esc(marker)
    field_id = f"mce-EMAIL-{ctx.rng.randrange(10**4)}"
    parts = [
        tag("h2", esc(ctx.phrase("newsletter_title"))) if ctx.rng.random() < 0.6 else "",
        tag("div", marker_html, class_=ctx.cls("indicates-required")),
        tag(
            "div",
            tag(
                "label",
                esc(ctx.phrase("newsletter_prompt")) + " " + tag("span", "*", class_="asterisk"),
                for_=field_id,
            )
            + f'<input type="email" name="EMAIL" id="{field_id}" required>',
            class_=ctx.cls("mc-field-group"),
        ),
        tag(
            "div",
            esc(ctx.phrase("newsletter_error")),
            class_=ctx.cls("response"),
            style="display:none",
        ),
        tag(
            "div",
            esc(ctx.phrase("newsletter_success")),
            class_=ctx.cls("response"),
            style="display:none",
        ),
        tag("button", esc(ctx.phrase("newsletter_button")), type="submit"),
    ]
    form = tag(
        "form", "".join(parts), action=f"{_origin(ctx.page_url)}/newsletter/post", method="post"
    )
    return tag("div", form, class_=ctx.cls("mc_embed_signup newsletter"))


def _share_bar(ctx: _Ctx) -> str:
    table = CHROME_PHRASES.get(ctx.language, CHROME_PHRASES["en"])["share"]
    links = []
    for label in ctx.rng.sample(table, k=ctx.rng.randint(2, len(table))):
        if label not in ctx.chrome:
            ctx.chrome.append(label)
        links.append(tag("a", esc(label), href=f"https://social.example/share?u={ctx.page_url}"))
    return tag("div", " ".join(links), class_=ctx.cls("share-bar social-share"))


def _media_note(ctx: _Ctx) -> str:
    inner = tag("button", esc(ctx.phrase("media_note")))
    return tag("div", inner, class_=ctx.cls("audio-player"))


def _ad(ctx: _Ctx) -> str:
    slot = f"gpt-ad-{ctx.rng.randrange(10**4)}"
    return tag(
        "div",
        tag("span", esc(ctx.phrase("ad"))) + tag("div", "", id=slot),
        class_=ctx.cls("ad-slot"),
    )


def _boilerplate(ctx: _Ctx) -> str:
    return tag("h2", esc(ctx.phrase("boilerplate")), class_=ctx.cls("section-title"))


def _footer(ctx: _Ctx, site_name: str | None, year: int) -> str:
    table = CHROME_PHRASES.get(ctx.language, CHROME_PHRASES["en"])["footer"]
    rights, links = table[0], table[1:]
    ctx.chrome.append(rights)
    chosen = ctx.rng.sample(links, k=ctx.rng.randint(2, len(links)))
    ctx.chrome.extend(label for label in chosen if label not in ctx.chrome)
    items = "".join(
        tag(
            "li",
            tag(
                "a", esc(label), href=ctx.href(f"{_origin(ctx.page_url)}/{prose.slug(label, 'p')}/")
            ),
        )
        for label in chosen
    )
    notice = tag("p", esc(f"© {year} {site_name or ''}. {rights}"))
    return _container(ctx, "footer", "site-footer", tag("ul", items) + notice)


def _hidden_noise(ctx: _Ctx) -> str:
    """Scripts, templates and hidden elements: text that is in the markup but not on the page."""
    cta = ctx.phrase("header_subscribe")
    config = json.dumps({"cta": cta, "paywall": {"limit": 3}})
    parts = [
        tag("script", f"window.__SITE_CONFIG__ = {config};"),
        tag("noscript", '<img src="/pixel.gif" alt="">'),
        tag("template", tag("p", esc(ctx.phrase("newsletter_success")))),
        tag("div", esc(ctx.phrase("newsletter_title")), hidden=None),
        tag("div", esc(ctx.phrase("share")), aria_hidden="true", class_=ctx.cls("sr-only")),
    ]
    return "\n".join(parts)


# --- related links and feed items ---------------------------------------------------------------


def _read_also(ctx: _Ctx, link: Link) -> str:
    label = tag("strong", esc(ctx.phrase("related_inline")))
    anchor = tag("a", esc(link.title), href=ctx.href(link.url or ""))
    return tag("p", f"{label} {anchor}", class_=ctx.cls("read-also"))


def _related_section(ctx: _Ctx, links: Sequence[Link]) -> str:
    cards = []
    for link in links:
        title = tag("a", esc(link.title), href=ctx.href(link.url or ""))
        inner = tag("h3", title) if not ctx.soup else tag("div", title, class_=ctx.cls(""))
        if link.summary:
            inner += tag("p", esc(link.summary), class_=ctx.cls("card-excerpt"))
        card_tag = "article" if ctx.options.family == "semantic" else "div"
        cards.append(tag(card_tag, inner, class_=ctx.cls("related-card card")))
    heading = (
        tag("h2", esc(ctx.phrase("related_heading")))
        if len(links) > 1 or ctx.rng.random() < 0.5
        else ""
    )
    return _container(ctx, "section", "related-posts", heading + "".join(cards))


def _feed_sidebar(ctx: _Ctx, items: Sequence[FeedItem]) -> tuple[str, list[FeedItem]]:
    """A "News Feed" widget; returns its HTML and the items as a reader can know them."""
    rendered, kept = [], []
    for item in items:
        time_text = item.time_text or ""
        if ctx.options.time_tags and item.published_at is not None:
            stamp = tag("time", esc(time_text), datetime=dates.machine(item.published_at, ctx.rng))
            kept.append(item)
        else:
            stamp = tag("span", esc(time_text), class_=ctx.cls("feed-time"))
            kept.append(item.model_copy(update={"published_at": None}))
        headline = tag(
            "a",
            tag("h3", esc(item.headline)) if not ctx.soup else esc(item.headline),
            href=ctx.href(item.url or ""),
        )
        summary = tag("p", esc(item.summary)) if item.summary else ""
        rendered.append(
            tag(
                "li" if not ctx.soup else "div",
                stamp + headline + summary,
                class_=ctx.cls("feed-item"),
            )
        )
    inner = "".join(rendered)
    body = tag("ul", inner, class_=ctx.cls("feed-list")) if not ctx.soup else inner
    html_text = _container(
        ctx, "aside", "news-feed widget", tag("h2", esc(ctx.phrase("feed_heading"))) + body
    )
    return html_text, kept


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


def render(article: Article, rng: random.Random, options: Options) -> GeneratedPage:
    """Render ``article`` with ``options``; see :func:`newsparse.testing.article_pages`."""
    language = (article.language or "en").split("-")[0].lower()
    if language not in LANGUAGES:
        language = "en"
    page_url = article.url or article.canonical_url or "https://www.generated.example/story/"
    ctx = _Ctx(rng=rng, options=options, language=language, page_url=page_url)
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

    # Article header: headline, dek, byline, dateline, share bar, lead image.
    header: list[str] = []
    if "admin" in kinds:
        header.append(_admin_link(ctx))
    if article.headline:
        if ctx.soup and rng.random() < 0.4:
            header.append(tag("div", esc(article.headline), class_=ctx.cls("")))
        else:
            header.append(tag("h1", esc(article.headline), class_=ctx.cls("entry-title headline")))
    if article.subheadline:
        header.append(tag("p", esc(article.subheadline), class_=ctx.cls("standfirst dek")))
    byline = _byline(ctx, article.authors) if article.authors else ""
    meta_line = [part for part in (dateline.html, esc(reading) if reading else "") if part]
    if options.byline_inline:
        line = " ".join(part for part in [byline, *meta_line] if part)
        if line:
            header.append(tag("div", line, class_=ctx.cls("byline-line post-meta")))
    else:
        if byline:
            header.append(tag("div", byline, class_=ctx.cls("byline")))
        if meta_line:
            header.append(tag("div", " · ".join(meta_line), class_=ctx.cls("post-meta")))
    if "share" in kinds:
        header.append(_share_bar(ctx))
    if lead is not None:
        header.append(_figure(ctx, lead, lead=True))
    if "media_note" in kinds:
        header.append(_media_note(ctx))

    # Body, with inserts between blocks: images, "Read also", a newsletter box, an ad.
    paragraph_tag = "div" if ctx.soup and rng.random() < 0.3 else "p"
    # (The standfirst block is the dek, shown in the header above.)
    blocks = [
        _block(ctx, block, paragraph_tag) for block in article.body if block.kind != "standfirst"
    ]
    inserts: list[tuple[str, Image | Link | None]] = [
        (_figure(ctx, image, lead=False), image) for image in inline_images
    ]
    inserts += [(_read_also(ctx, link), link) for link in inline_related]
    if "newsletter" in kinds and rng.random() < 0.5:
        inserts.append((_newsletter(ctx), None))
    if "ad" in kinds:
        inserts.append((_ad(ctx), None))
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
        middle = _ad(ctx) if "ad" in kinds else ""
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
            tag("a", esc(t), href=ctx.href(f"{_origin(page_url)}/tag/{prose.slug(t, 'tag')}/"))
            for t in article.tags
        )
        after.append(tag("div", links, class_=ctx.cls("tags post-tags")))
    if "share" in kinds and rng.random() < 0.5:
        after.append(_share_bar(ctx))
    if card_related:
        after.append(_related_section(ctx, card_related))

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
        feed_html, feed_expected = _feed_sidebar(ctx, article.feed_items)
        sidebar.append(feed_html)
    if "boilerplate" in kinds:
        sidebar.extend(_boilerplate(ctx) for _ in range(rng.randint(1, 2)))
    if "newsletter" in kinds:
        sidebar.extend(_newsletter(ctx) for _ in range(rng.randint(*NEWSLETTER_FORMS)))
    rng.shuffle(sidebar)

    top: list[str] = []
    if "skip" in kinds:
        top.append(_skip_link(ctx))
    if "cookie" in kinds and rng.random() < 0.5:
        top.append(_cookie_banner(ctx))
    shows_site_header = bool({"header", "navigation"} & kinds)
    if shows_site_header:
        top.append(_site_header(ctx, article.site_name))
    bottom: list[str] = []
    if "footer" in kinds:
        bottom.append(_footer(ctx, article.site_name, year))
    if "cookie" in kinds and not any("cookie" in part for part in top):
        bottom.append(_cookie_banner(ctx))
    if "script" in kinds:
        bottom.append(_hidden_noise(ctx))

    main = (
        tag("main", article_html, id="main")
        if not ctx.soup
        else tag("div", article_html, id="main")
    )
    aside = _container(ctx, "aside", "sidebar widget-area", "\n".join(sidebar)) if sidebar else ""
    body = "\n".join([*top, main, aside, *bottom])
    lang_attr = (
        language if rng.random() < 0.6 else {"en": "en-US", "de": "de-DE"}.get(language, language)
    )
    document = (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang_attr}">\n'
        + _head(ctx, article, expected)
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
