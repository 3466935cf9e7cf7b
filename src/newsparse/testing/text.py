"""``text_pages()``: pages as a browser's "copy all" or a reader view gives them, chrome included.

The shape follows real copied pages: skip and admin links, the headline, a byline line with the
date and reading time, a photo caption ending in its credit, an audio-player note, the body's
paragraphs, a related-article teaser whose summary ends in "…", a "News Feed" of time lines,
headlines and summaries, section headings and newsletter prompts repeated many times.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from hypothesis import strategies as st

from newsparse.models import Article, Author, Block, FeedItem, Image, Link
from newsparse.testing import dates
from newsparse.testing.articles import articles
from newsparse.testing.choices import choices, chrome_kinds
from newsparse.testing.pages import GeneratedPage
from newsparse.testing.vocab import CHROME_PHRASES, LANGUAGES

TEXT_SHAPES = ("seed", "split_byline", "date_first", "minimal")
"""``seed``: byline, date and reading time on one line, full chrome (like the page that started
newsparse). ``split_byline``: byline, date and reading time on lines of their own.
``date_first``: the date before the byline on one line. ``minimal``: the headline and the body
only. Only paragraphs of the body are written: a copied page does not mark headings or lists."""

# Repeated newsletter furniture: copied pages repeat the form once per embed (the seed: seven).
NEWSLETTER_REPEATS = (1, 7)
# A teaser summary is cut at a word boundary after this many characters and ends in "…".
TEASER_CUT = 60


def _phrase(rng: random.Random, language: str, role: str, used: list[str]) -> str:
    text = rng.choice(CHROME_PHRASES.get(language, CHROME_PHRASES["en"])[role])
    if text not in used:
        used.append(text)
    return text


def _byline(rng: random.Random, language: str, authors: list[Author]) -> str:
    lang = LANGUAGES.get(language, LANGUAGES["en"])
    names = [author.name for author in authors]
    joined = (
        names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {lang.and_word} {names[-1]}"
    )
    prefixes = lang.by_plural if len(names) > 1 and lang.by_plural else lang.by
    return f"{rng.choice(prefixes)} {joined}"


def _teaser_summary(text: str) -> str:
    cut = text.find(" ", TEASER_CUT)
    return text if cut < 0 else text[:cut].rstrip(",.;:") + "…"


def render_text(
    article: Article, rng: random.Random, shape: str, kinds: frozenset[str], crlf: bool, nbsp: bool
) -> GeneratedPage:
    """Write ``article`` as copied text; see :func:`text_pages`."""
    language = (article.language or "en").split("-")[0].lower()
    language = language if language in LANGUAGES else "en"
    lang = LANGUAGES[language]
    chrome: list[str] = []
    if shape == "minimal":
        kinds = frozenset()
    lines: list[str] = []

    def phrase(role: str) -> str:
        return _phrase(rng, language, role, chrome)

    if "skip" in kinds:
        lines.append(phrase("skip"))
    if "header" in kinds:
        lines += [phrase("header_login"), phrase("header_subscribe")]
    if "navigation" in kinds:
        lines.append(" ".join(phrase("navigation") for _ in range(3)))
    if "admin" in kinds:
        lines.append(phrase("admin"))
    lines += ["", article.headline or ""]
    if article.subheadline and shape != "minimal":
        lines += ["", article.subheadline]
    lines.append("")

    authors = [Author(name=author.name) for author in article.authors] if shape != "minimal" else []
    published, published_text = None, None
    if article.published_at is not None and shape != "minimal":
        offset_text = dates.visible_with_offset(article.published_at)
        if offset_text and rng.random() < 0.3:
            published, published_text = article.published_at, offset_text
        else:
            published = article.published_at.replace(tzinfo=None)
            published_text = dates.visible_datetime(published, language, rng)
    reading = None
    if shape != "minimal" and article.reading_time_minutes and rng.random() < 0.6:
        reading = f"{article.reading_time_minutes} {lang.min_read}"
    byline = _byline(rng, language, authors) if authors else ""
    if shape == "seed":
        lines.append(" ".join(part for part in (byline, published_text, reading) if part))
    elif shape == "split_byline":
        lines += [part for part in (byline, published_text, reading) if part]
    elif shape == "date_first":
        lines.append(" · ".join(part for part in (published_text, byline, reading) if part))

    images: list[Image] = []
    lead = article.images[0] if article.images and shape != "minimal" else None
    # A caption line is told from a paragraph by its credit, so only credited captions appear.
    if lead is not None and lead.caption and lead.credit:
        lines.append(f"{lead.caption} ({lead.credit})")
        images.append(Image(caption=lead.caption, credit=lead.credit))
    if "media_note" in kinds:
        lines.append(phrase("media_note"))
    lines.append("")

    paragraphs = [block for block in article.body if block.kind == "paragraph"]
    for index, block in enumerate(paragraphs):
        text = block.text
        if nbsp:
            text = "".join(
                "\u00a0" if char == " " and rng.random() < 0.05 else char for char in text
            )
        lines += [text, ""]
        if index == len(paragraphs) // 2 and "ad" in kinds:
            lines += [phrase("ad"), ""]

    related: list[Link] = []
    if "related" in kinds and article.related_links:
        link = article.related_links[0]
        summary = _teaser_summary(link.summary or link.title)
        lines += [link.title, summary, ""]
        related.append(Link(title=link.title, summary=summary))

    feed: list[FeedItem] = []
    if "feed" in kinds and article.feed_items:
        lines += ["", phrase("feed_heading"), ""]
        for item in article.feed_items:
            lines += [item.time_text or "", "", item.headline, ""]
            if item.summary:
                lines += [item.summary]
            feed.append(
                FeedItem(headline=item.headline, summary=item.summary, time_text=item.time_text)
            )
    if "boilerplate" in kinds:
        lines += [phrase("boilerplate"), "", phrase("boilerplate"), ""]
    if "share" in kinds:
        lines += [phrase("share"), phrase("share")]
    if "newsletter" in kinds:
        lines += [phrase("newsletter_prompt"), phrase("newsletter_error")]
        for _ in range(rng.randint(*NEWSLETTER_REPEATS)):
            lines += [phrase("newsletter_button"), phrase("form_marker")]
            if rng.random() < 0.3:
                lines.append(phrase("form_marker"))
        lines += [phrase("newsletter_success")]
    if "cookie" in kinds:
        lines += [phrase("cookie_text"), phrase("cookie_button")]
    if "footer" in kinds:
        lines += [phrase("footer"), phrase("footer")]

    text = ("\r\n" if crlf else "\n").join(lines).strip() + "\n"
    expected = article.model_copy(
        update={
            "canonical_url": None,
            "site_name": None,
            "language": None,
            "encoding": None,
            "description": None,
            "authors": authors,
            "published_at": published,
            "updated_at": None,
            "published_text": published_text,
            "reading_time_minutes": article.reading_time_minutes if reading else None,
            "body": (
                [Block(kind="standfirst", text=article.subheadline)]
                if article.subheadline and shape != "minimal" and paragraphs
                else []
            )
            + paragraphs,
            "images": images,
            "tags": [],
            "related_links": related,
            "feed_items": feed,
            "comments": [],
            "removed": [],
            "warnings": [],
            "provenance": {},
            "subheadline": article.subheadline if shape != "minimal" else None,
        },
        deep=True,
    )
    features = {name for name, on in (("crlf", crlf), ("nbsp", nbsp)) if on}
    return GeneratedPage(
        text,
        expected,
        chrome=tuple(chrome),
        template="text",
        features=frozenset({shape, *features}),
    )


def text_pages(
    article: st.SearchStrategy[Article] | None = None,
    shape: str | Iterable[str] | None = None,
    chrome: bool | Iterable[str] | None = None,
) -> st.SearchStrategy[GeneratedPage]:
    """``(text, expected)`` pages: an article as copied text, chrome lines included.

    ``shape`` is one of :data:`TEXT_SHAPES`, several, or None for any; ``chrome`` works as in
    :func:`article_pages`. Line endings are sometimes CRLF and some spaces non-breaking
    (``page.features`` says which). The expected record has the headline, authors without
    URLs, a naive date (aware only when the line spells out "UTC+1"), the body's paragraphs,
    the lead image's caption and credit, one related teaser and the feed items without URLs.
    Compare texts after whitespace normalisation.
    """
    shapes = choices(shape, TEXT_SHAPES, "text shapes")
    source = articles() if article is None else article

    @st.composite
    def build(draw: st.DrawFn) -> GeneratedPage:
        record = draw(source)
        chosen = draw(st.sampled_from(shapes), label="shape")
        kinds = draw(chrome_kinds(chrome))
        crlf = draw(st.integers(0, 4), label="crlf") == 0
        nbsp = draw(st.integers(0, 4), label="nbsp") == 0
        rng = random.Random(draw(st.integers(0, 2**32 - 1), label="layout seed"))
        return render_text(record, rng, chosen, kinds, crlf, nbsp)

    return build()
