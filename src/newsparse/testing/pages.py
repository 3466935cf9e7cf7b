"""The value the page strategies produce: a ``(page, expected)`` pair that also knows its chrome."""

from __future__ import annotations

from newsparse.models import Article


class GeneratedPage(tuple[str, Article]):
    """A generated page and the record newsparse should return for it.

    It is a 2-tuple, so ``html, expected = page`` works, and it carries what a test needs
    beyond that:

    - ``chrome``: every chrome string rendered on the page (navigation labels, "Subscribe",
      "* indicates required", cookie text...). None may appear in the parsed record outside
      ``removed``.
    - ``template``: the template family the page was rendered with ("semantic", "cms",
      "div_soup", or "text" for :func:`~newsparse.testing.text_pages`).
    - ``features``: the optional features the page has (e.g. "json-ld", "meta", "time-tags",
      "split-body"), for filtering or labelling examples.
    """

    chrome: tuple[str, ...]
    template: str
    features: frozenset[str]

    def __new__(
        cls,
        page: str,
        expected: Article,
        *,
        chrome: tuple[str, ...] = (),
        template: str = "",
        features: frozenset[str] = frozenset(),
    ) -> GeneratedPage:
        self = super().__new__(cls, (page, expected))
        self.chrome = chrome
        self.template = template
        self.features = features
        return self

    @property
    def page(self) -> str:
        return self[0]

    @property
    def expected(self) -> Article:
        return self[1]

    def __repr__(self) -> str:
        # Hypothesis prints failing examples with repr: show what a reader needs to rebuild it.
        return (
            f"GeneratedPage(template={self.template!r}, features={sorted(self.features)!r}, "
            f"chrome={self.chrome!r}, page={self.page!r}, expected={self.expected!r})"
        )
