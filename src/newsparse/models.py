"""The typed records newsparse returns. Every public record lives here.

All records are pydantic v2 models: ``model_dump_json()`` gives JSON and
``Article.model_json_schema()`` gives the published JSON Schema.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

BlockKind = Literal["standfirst", "paragraph", "heading", "list", "quote", "preformatted", "table"]
"""What a body block is. A ``standfirst`` block (first, on any well-formed page) is the dek
as the page shows it between the headline and the story: the same text as
``Article.subheadline``; leave it out for the story alone. Captions are not blocks: they go
to ``Article.images``."""

RemovalKind = Literal[
    "navigation",
    "header",
    "footer",
    "newsletter",
    "form_marker",
    "share",
    "cookie",
    "comments",
    "ad",
    "related",
    "feed",
    "admin",
    "media_note",
    "byline",
    "caption",
    "hidden",
    "script",
    "sidebar",
    "boilerplate",
    "repeated",
]
"""The closed set of reasons a piece of the page was dropped.

- ``navigation``: menus, breadcrumbs, skip links, pagination.
- ``header`` / ``footer``: site header and footer.
- ``newsletter``: sign-up and subscribe boxes and their messages.
- ``form_marker``: form furniture such as "* indicates required".
- ``share``: share bars, social buttons, "copy link".
- ``cookie``: cookie and consent banners.
- ``comments``: comment sections.
- ``ad``: advertising slots and sponsored units.
- ``related``: teasers and "read also" lists (kept in ``related_links``).
- ``feed``: timed news lists (kept in ``feed_items``).
- ``admin``: "Edit post" and other CMS admin links.
- ``media_note``: notes about audio/video players ("Listen to this article").
- ``byline``: bylines and datelines found inside the body (kept in ``authors``/dates).
- ``caption``: figure captions and credits (kept in ``images``).
- ``hidden``: markup the page does not show (``hidden``, ``aria-hidden``, ``display:none``).
- ``script``: scripts, styles, templates and other non-text markup (not recorded one by one).
- ``sidebar``: asides and rails outside the article.
- ``boilerplate``: other page furniture (tag lists, "MORE NEWS", "Editors' Picks" headings).
- ``repeated``: short lines repeated many times on one page.
"""

PageType = Literal["article", "liveblog", "listing"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class Author(_Record):
    """A person or organisation credited with the article, as the page credits them."""

    name: str
    url: str | None = None


class Block(_Record):
    """One block of the article body, in reading order."""

    kind: BlockKind
    text: str
    level: int | None = Field(default=None, description="Heading level 1-6 for headings.")
    items: list[str] = Field(default_factory=list, description="Items of a list block.")
    ordered: bool | None = Field(default=None, description="Whether a list is numbered.")
    cite: str | None = Field(default=None, description="Attribution of a quote, if marked.")


class Image(_Record):
    """An image of the article; the lead image comes first."""

    url: str | None = None
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None


class Link(_Record):
    """A related article: a teaser card, a "read also" insert or an end-of-article list item."""

    title: str
    url: str | None = None
    summary: str | None = None


class FeedItem(_Record):
    """One item of a timed list: a "News Feed" widget, a live-blog update, a ticker."""

    headline: str
    url: str | None = None
    summary: str | None = None
    time_text: str | None = Field(default=None, description="The time as the page shows it.")
    published_at: datetime | None = Field(
        default=None, description="Only when the page gives a full date; never guessed."
    )


class Removal(_Record):
    """A piece of page chrome that was dropped, and why."""

    kind: RemovalKind
    text: str = Field(description="The dropped text, shortened.")
    reason: str


class Comment(_Record):
    """A reader comment (only with ``include_comments=True``)."""

    text: str
    author: str | None = None
    time_text: str | None = None


class Article(_Record):
    """Everything newsparse found on one page."""

    url: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    language: str | None = None
    encoding: str | None = Field(default=None, description="What the bytes were decoded as.")
    page_type: PageType = "article"

    headline: str | None = None
    subheadline: str | None = Field(default=None, description="Dek or standfirst.")
    description: str | None = None

    authors: list[Author] = Field(default_factory=list)
    published_at: datetime | None = None
    updated_at: datetime | None = None
    published_text: str | None = Field(default=None, description="The date as the page showed it.")
    reading_time_minutes: int | None = None

    body: list[Block] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    related_links: list[Link] = Field(default_factory=list)
    feed_items: list[FeedItem] = Field(default_factory=list)
    comments: list[Comment] = Field(default_factory=list)
    removed: list[Removal] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    provenance: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Where each metadata value came from, e.g. {'headline': 'json-ld'}; 'body' is"
            " 'json-ld' when the page's HTML showed little of its JSON-LD articleBody."
        ),
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The body as plain text: blocks joined by blank lines."""
        return "\n\n".join(block.text for block in self.body)


class Feed(_Record):
    """An RSS or Atom feed."""

    title: str | None = None
    link: str | None = None
    description: str | None = None
    language: str | None = None
    items: list[FeedItem] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
