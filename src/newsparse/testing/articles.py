"""``articles()``: random but realistic expected records."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from newsparse.models import Article, Author, Block, FeedItem, Image, Link
from newsparse.testing import prose
from newsparse.testing.vocab import LANGUAGES, PHOTO_SERVICES, SECTION_SLUGS, SITE_NAME_PARTS

# Publication dates span twenty years around now, at minute precision (pages show minutes).
_EPOCH = datetime(2008, 1, 1)
_SPAN_MINUTES = 20 * 366 * 24 * 60
# Offsets real newsrooms publish in, as minutes east of UTC; None is "no offset given".
OFFSETS_MINUTES: tuple[int | None, ...] = (None, 0, 60, 120, -300, -240, 330, 180, -480, 540)
# An article's body, in blocks: long reads run to ~40, news briefs to 3.
BODY_BLOCKS = (3, 24)
# Kinds of non-paragraph blocks and how often each follows a paragraph; the rest are paragraphs
# (about three in four blocks of real articles).
_BLOCK_KIND_WEIGHTS = {"paragraph": 74, "heading": 10, "list": 8, "quote": 8}
# Feed widgets show a handful of items; the seed page shows four.
FEED_ITEMS = (3, 6)


def _aware(moment: datetime, offset_minutes: int | None) -> datetime:
    if offset_minutes is None:
        return moment
    return moment.replace(tzinfo=timezone(timedelta(minutes=offset_minutes)))


def _time_text(moment: datetime, language: str) -> str:
    """A feed item's time as the page shows it: "6:58 PM" in English, "18:58" elsewhere."""
    if language == "en":
        return (
            f"{(moment.hour - 1) % 12 + 1}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"
        )
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _blocks(rng: random.Random, lang_code: str, kinds: list[str]) -> list[Block]:
    lang = LANGUAGES[lang_code]
    blocks: list[Block] = []
    seen_h2 = False
    for kind in kinds:
        if kind == "heading":
            level = 3 if seen_h2 and rng.random() < 0.3 else 2
            seen_h2 = True
            blocks.append(
                Block(kind="heading", text=prose.headline(rng, lang, (2, 8)), level=level)
            )
        elif kind == "list":
            items = [
                prose.fragment(rng, lang, (3, 14))
                if rng.random() < 0.6
                else prose.sentence(rng, lang, (5, 18))
                for _ in range(rng.randint(2, 6))
            ]
            blocks.append(
                Block(kind="list", text="\n".join(items), items=items, ordered=rng.random() < 0.3)
            )
        elif kind == "quote":
            cite = prose.person(rng, lang) if rng.random() < 0.5 else None
            blocks.append(Block(kind="quote", text=prose.paragraph(rng, lang, (1, 3)), cite=cite))
        else:
            blocks.append(Block(kind="paragraph", text=prose.paragraph(rng, lang)))
    return blocks


def _fix_kinds(kinds: list[str]) -> list[str]:
    """Real bodies open and close with a paragraph and never stack two headings."""
    fixed = ["paragraph"]
    for kind in kinds[1:]:
        if kind == "heading" and fixed[-1] == "heading":
            kind = "paragraph"
        fixed.append(kind)
    if fixed[-1] != "paragraph":
        fixed.append("paragraph")
    return fixed


def _image(rng: random.Random, lang_code: str, base: str, year: int) -> Image:
    lang = LANGUAGES[lang_code]
    credit = None
    if rng.random() < 0.7:
        credit = f"{prose.person(rng, lang)}/{rng.choice(PHOTO_SERVICES)}"
    return Image(
        url=f"{base}/media/{year}/{rng.randrange(16**8):08x}.jpg",
        alt=prose.fragment(rng, lang) if rng.random() < 0.7 else None,
        caption=prose.sentence(rng, lang, (6, 20)) if rng.random() < 0.75 else None,
        credit=credit,
    )


def _authors(rng: random.Random, lang_code: str, base: str, count: int) -> list[Author]:
    lang = LANGUAGES[lang_code]
    names: list[str] = []
    while len(names) < count:
        name = prose.agency(rng) if rng.random() < 0.08 else prose.person(rng, lang)
        if name not in names:
            names.append(name)
    return [
        Author(name=name, url=f"{base}/author/{prose.slug(name, f'a{index}')}/")
        if rng.random() < 0.6
        else Author(name=name)
        for index, name in enumerate(names)
    ]


@st.composite
def articles(
    draw: st.DrawFn,
    language: str | None = None,
    *,
    min_blocks: int = BODY_BLOCKS[0],
    max_blocks: int = BODY_BLOCKS[1],
) -> Article:
    """A random but realistic article, as the record newsparse should return for it.

    ``language`` is one of :data:`newsparse.testing.LANGUAGES` ("en", "de", "es", "ru"), or
    None for any. The record has a headline, 0-3 authors (with and without profile URLs),
    publication and update times (with or without a UTC offset), a body of paragraphs,
    headings, lists and quotes, images with captions and credits, tags, related links and
    feed items. Use it with :func:`article_pages` or :func:`text_pages`, which render it into a
    page and return the record adjusted to what that page actually states.
    """
    code = language or draw(st.sampled_from(sorted(LANGUAGES)))
    if code not in LANGUAGES:
        raise ValueError(f"language must be one of {sorted(LANGUAGES)}, not {code!r}")
    lang = LANGUAGES[code]
    rng = random.Random(draw(st.integers(0, 2**32 - 1), label="text seed"))

    site_name = " ".join(draw(st.sampled_from(part)) for part in SITE_NAME_PARTS)
    # Reserved example domains: generated pages never point at a real site.
    base = f"https://www.{prose.slug(site_name, 'site')}.example"
    published_naive = _EPOCH + timedelta(minutes=draw(st.integers(0, _SPAN_MINUTES)))
    offset = draw(st.sampled_from(OFFSETS_MINUTES))
    published = _aware(published_naive, offset)
    updated = None
    if draw(st.booleans()):
        updated = published + timedelta(minutes=draw(st.integers(5, 10 * 24 * 60)))

    headline = prose.headline(rng, lang)
    section = draw(st.sampled_from(SECTION_SLUGS))
    story_slug = prose.slug(headline, f"story-{rng.randrange(10**6)}")
    if story_slug[0].isdigit():
        # "/2008/01/17/" under a month folder states a day the page does not have.
        story_slug = f"story-{story_slug}"
    url = f"{base}/{section}/{published.year}/{published.month:02d}/{story_slug}/"
    kinds = draw(
        st.lists(
            st.sampled_from(
                [kind for kind, weight in _BLOCK_KIND_WEIGHTS.items() for _ in range(weight // 2)]
            ),
            min_size=max(1, min_blocks),
            max_size=max(1, max_blocks),
        )
    )
    body = _blocks(rng, code, _fix_kinds(kinds))
    images = [_image(rng, code, base, published.year) for _ in range(draw(st.integers(0, 3)))]
    authors = _authors(rng, code, base, draw(st.integers(0, 3)))
    related = [
        Link(
            title=prose.headline(rng, lang),
            url=f"{base}/{rng.choice(SECTION_SLUGS)}/{rng.randrange(10**7)}/",
            summary=prose.sentence(rng, lang, (8, 22)) if rng.random() < 0.6 else None,
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    feed: list[FeedItem] = []
    if draw(st.booleans()):
        moment = published + timedelta(hours=rng.randint(2, 30))
        for _ in range(draw(st.integers(*FEED_ITEMS))):
            moment -= timedelta(minutes=rng.randint(7, 400))
            feed.append(
                FeedItem(
                    headline=prose.sentence(rng, lang, (5, 12)),
                    url=f"{base}/news/{rng.randrange(10**7)}/",
                    summary=prose.sentence(rng, lang, (12, 30)) if rng.random() < 0.8 else None,
                    time_text=_time_text(moment, code),
                    published_at=moment,
                )
            )
    words = sum(len(block.text.split()) for block in body)
    subheadline = prose.sentence(rng, lang, (10, 24)) if draw(st.booleans()) else None
    if subheadline:
        # The dek leads the body as its standfirst block, as parse returns it.
        body = [Block(kind="standfirst", text=subheadline), *body]
    return Article(
        url=url,
        canonical_url=url,
        site_name=site_name,
        language=code,
        headline=headline,
        subheadline=subheadline,
        authors=authors,
        published_at=published,
        updated_at=updated,
        # Reading time as sites compute it: about 230 words a minute, at least one minute.
        reading_time_minutes=max(1, round(words / 230)),
        body=body,
        images=images,
        tags=[prose.fragment(rng, lang, (1, 2)) for _ in range(draw(st.integers(0, 4)))],
        related_links=related,
        feed_items=feed,
    )
