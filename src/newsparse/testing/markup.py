"""Markup helpers shared by the page renderer's modules: the page's structural choices
(:class:`Options`), the rendering context (:class:`Ctx`: random source, language, the chrome
phrases used so far) and small HTML builders."""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsparse.testing.vocab import CHROME_PHRASES, CLASS_WORDS, SECTION_SLUGS

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
class Ctx:
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


def attributes(attrs: dict[str, str | None]) -> str:
    return "".join(
        f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
        for name, value in attrs.items()
    )


def tag(name: str, inner: str = "", **attrs: str | None) -> str:
    """An element; attribute names use ``_`` for ``-`` and a trailing ``_`` for keywords."""
    rendered = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}
    return f"<{name}{attributes(rendered)}>{inner}</{name}>"


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def inline(ctx: Ctx, text: str) -> str:
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
        wrapped = tag("a", inner, href=ctx.href(f"{site_origin(ctx.page_url)}/{slug}/topic/"))
    else:
        wrapped = tag(wrapper, inner)
    before = esc(" ".join(words[:start]))
    after = esc(" ".join(words[end:]))
    return f"{before} {wrapped} {after}".strip()


def site_origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def container(
    ctx: Ctx, semantic_tag: str, meaningful_class: str, inner: str, **attrs: str | None
) -> str:
    """A chrome container: its semantic tag where the family uses them, else a plain div."""
    name = semantic_tag if ctx.options.family == "semantic" else "div"
    return tag(name, inner, class_=ctx.cls(meaningful_class), **attrs)
