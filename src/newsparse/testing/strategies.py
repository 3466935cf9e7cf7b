"""``article_pages()``: articles rendered into HTML pages with chrome around them."""

from __future__ import annotations

import random
from collections.abc import Iterable

from hypothesis import strategies as st

from newsparse.models import Article
from newsparse.testing.articles import articles
from newsparse.testing.choices import choices, chrome_kinds
from newsparse.testing.markup import Options
from newsparse.testing.pages import GeneratedPage
from newsparse.testing.render import CHROME_KINDS, TEMPLATE_FAMILIES, render

__all__ = ["CHROME_KINDS", "TEMPLATE_FAMILIES", "article_pages"]


def article_pages(
    article: st.SearchStrategy[Article] | None = None,
    template: str | Iterable[str] | None = None,
    chrome: bool | Iterable[str] | None = None,
) -> st.SearchStrategy[GeneratedPage]:
    """``(html, expected)`` pages: an article rendered through a template with chrome around it.

    - ``article``: a strategy of expected records; :func:`articles` by default.
    - ``template``: a family from :data:`TEMPLATE_FAMILIES` ("semantic", "cms", "div_soup"),
      several, or None for any. JSON-LD, meta tags, ``<time>`` tags, byline and date formats,
      a body split around an ad are drawn as well (never JSON-LD, meta or ``<time>`` in div soup).
    - ``chrome``: None for a random subset of :data:`CHROME_KINDS`, True for all, False for
      none, or the kinds to use.

    Each example is a :class:`GeneratedPage`: a 2-tuple ``(html, expected)`` where ``expected``
    is the record adjusted to what the page states (a date shown only as wall-clock text has
    no offset; related links and feed items are only there when their chrome is), plus
    ``page.chrome``, the chrome strings rendered on the page, ``page.template`` and
    ``page.features``.
    """
    families = choices(template, TEMPLATE_FAMILIES, "template families")
    source = articles() if article is None else article

    @st.composite
    def build(draw: st.DrawFn) -> GeneratedPage:
        record = draw(source)
        family = draw(st.sampled_from(families), label="template")
        structured = family != "div_soup"
        options = Options(
            family=family,
            kinds=draw(chrome_kinds(chrome)),
            json_ld=structured and draw(st.booleans(), label="json-ld"),
            meta=structured and draw(st.booleans(), label="meta"),
            time_tags=family == "semantic" or (structured and draw(st.booleans())),
            split_body=draw(st.integers(0, 4), label="split body") == 0,
            byline_inline=draw(st.booleans(), label="byline inline"),
            show_reading_time=draw(st.booleans(), label="reading time"),
            show_updated=draw(st.booleans(), label="updated shown"),
            show_tags=draw(st.booleans(), label="tags shown"),
        )
        rng = random.Random(draw(st.integers(0, 2**32 - 1), label="layout seed"))
        return render(record, rng, options)

    return build()
