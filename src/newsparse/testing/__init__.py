"""Hypothesis strategies for code that parses news pages (``pip install newsparse[testing]``).

>>> from hypothesis import given
>>> from newsparse.testing import article_pages
>>> import newsparse
>>> @given(article_pages())
... def test_headline(page):
...     html, expected = page
...     assert newsparse.parse(html, url=expected.url).headline == expected.headline

- :func:`articles`: a random but realistic expected :class:`~newsparse.Article`.
- :func:`article_pages`: ``(html, expected)`` pairs rendered through several template families
  with random chrome around the article; ``page.chrome`` lists the chrome strings used.
- :func:`text_pages`: ``(text, expected)`` pairs for pages copied as plain text.
- :func:`malformed_html`: broken markup and bytes (unclosed tags, NUL bytes, invalid UTF-8...).

See docs/testing.md for the full description and more examples.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401  (fail early, with the install hint, when it is missing)
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "newsparse.testing needs Hypothesis: pip install 'newsparse[testing]'"
    ) from exc

from newsparse.testing.articles import articles
from newsparse.testing.malformed import MALFORMATIONS, malformed_html
from newsparse.testing.pages import GeneratedPage
from newsparse.testing.render import CHROME_KINDS, TEMPLATE_FAMILIES
from newsparse.testing.strategies import article_pages
from newsparse.testing.text import TEXT_SHAPES, text_pages
from newsparse.testing.vocab import CHROME_PHRASES, LANGUAGES

__all__ = [
    "CHROME_KINDS",
    "CHROME_PHRASES",
    "LANGUAGES",
    "MALFORMATIONS",
    "TEMPLATE_FAMILIES",
    "TEXT_SHAPES",
    "GeneratedPage",
    "all_chrome_strings",
    "article_pages",
    "articles",
    "malformed_html",
    "text_pages",
]


def all_chrome_strings() -> frozenset[str]:
    """Every chrome string any generated page can contain, in every language."""
    return frozenset(
        phrase for table in CHROME_PHRASES.values() for group in table.values() for phrase in group
    )
