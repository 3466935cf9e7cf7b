"""Related links: labelled lists, card grids, single teaser cards, listing pages, and what is
not a related link (tag rows, other sites' widgets, a story's own paragraphs)."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

import newsparse
from newsparse.fields.cards import anchor_title, is_taxonomy_url

URL = "https://www.example-news.test/business/2024/05/01/story/"
STORY = "".join(
    f"<p>Paragraph {n} of the story tells what happened at the harbour, who said what about it, "
    f"and why the decision matters to the people who live and work nearby.</p>"
    for n in range(4)
)


def _page(inner: str) -> str:
    return (
        "<html><body><main><article><h1>The harbour decision explained</h1>"
        f"{inner}</article></main></body></html>"
    )


def _links(html: str) -> list[tuple[str, str | None, str | None]]:
    article = newsparse.parse(html, URL)
    return [(link.title, link.url, link.summary) for link in article.related_links]


def _anchor(markup: str) -> str:
    node = LexborHTMLParser(markup).css_first("a")
    assert node is not None
    return anchor_title(node)


# --------------------------------------------------------------------------- titles


def test_kicker_element_is_taken_off_the_title() -> None:
    html = '<a href="/a"><span>Ratgeber</span> <span>So prüfen Sie Ihre Nachzahlung</span></a>'
    assert _anchor(html) == "So prüfen Sie Ihre Nachzahlung"


def test_inline_emphasis_in_a_title_is_kept() -> None:
    # An <em> followed by plain text is part of the headline, not a kicker.
    assert _anchor('<a href="/a"><em>Dune</em> sequel breaks records</a>') == (
        "Dune sequel breaks records"
    )


def test_heading_inside_a_link_is_the_title() -> None:
    html = '<a href="/a"><span>From the archive</span><h4>Town stops mowing verges</h4><p>x</p></a>'
    assert _anchor(html) == "Town stops mowing verges"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/tag/nhs/", True),
        ("https://site.test/news/topics/c9mountain", True),
        ("/author/jane-doe", True),
        ("/health/2024/01/19/patients-travel-for-knee-surgery/", False),
        ("/tag/", False),  # the tag index itself is no tag page link to drop by path
        ("/news/region-67544102", False),
    ],
)
def test_taxonomy_urls(href: str, expected: bool) -> None:
    assert is_taxonomy_url(href) is expected


# --------------------------------------------------------------------------- sections


def test_more_from_card_grid_gives_titles_and_summaries_without_kickers() -> None:
    cards = [
        (
            "Retail",
            "/business/mall-to-apartments/",
            "Mall will become apartments",
            "Developers plan 300 homes on the old site.",
        ),
        ("Jobs", "/business/shipyard-jobs/", "Shipyard adds 400 jobs this year", ""),
    ]
    grid = "".join(
        f'<article class="card"><div class="card__content"><span>{kicker}</span>'
        f'<h3><a href="{href}">{title}</a></h3>'
        + (f"<p>{dek}</p>" if dek else "")
        + "</div></article>"
        for kicker, href, title, dek in cards
    )
    html = _page(
        STORY + f'<section><h2>More from Business</h2><div class="grid">{grid}</div></section>'
    )
    assert _links(html) == [
        (
            "Mall will become apartments",
            "https://www.example-news.test/business/mall-to-apartments/",
            "Developers plan 300 homes on the old site.",
        ),
        (
            "Shipyard adds 400 jobs this year",
            "https://www.example-news.test/business/shipyard-jobs/",
            None,
        ),
    ]


def test_a_tag_row_under_a_related_label_is_not_related() -> None:
    tags = (
        '<div class="story__tags"><h4>More on this story</h4><a href="/tag/nhs/">NHS</a> '
        '<a href="/tag/st-aldrics-hospital/">St Aldric\'s Hospital</a> '
        '<a href="/tag/waiting-lists/">Waiting lists</a></div>'
    )
    assert _links(_page(STORY + tags)) == []


def test_related_list_under_a_japanese_label() -> None:
    box = (
        '<section><h2>関連記事</h2><ul><li><a href="/articles/k1.html">'
        "港北トラム延伸、開業日が決定</a></li>"
        '<li><a href="/articles/k2.html">新港地区の人口、５年で２倍に</a></li></ul></section>'
    )
    titles = [title for title, _, _ in _links(_page(STORY + box))]
    assert titles == ["港北トラム延伸、開業日が決定", "新港地区の人口、５年で２倍に"]


def test_cards_the_walk_skipped_are_read_from_the_tree_same_site_only() -> None:
    # "promo" items are skipped by the walk as advertising; under a "Related stories"
    # heading they are the site's own teasers. A partner's card on another site is not.
    items = (
        '<li class="promo"><a href="/news/region-1"><span>Walker rescued after night on fell</span>'
        "</a><p>The man was found by a search dog after his phone died.</p></li>"
        '<li class="promo"><a href="https://partner.test/offer"><span>You will not believe this '
        "one trick</span></a></li>"
        '<li class="promo"><a href="/news/region-2"><span>Rescue charity gets new vehicle</span>'
        "</a></li>"
    )
    html = (
        f"<html><body><main><article><h1>Rescue team busy</h1>{STORY}</article>"
        f"<section><h2>Related stories</h2><ul>{items}</ul></section></main></body></html>"
    )
    assert _links(html) == [
        (
            "Walker rescued after night on fell",
            "https://www.example-news.test/news/region-1",
            "The man was found by a search dog after his phone died.",
        ),
        ("Rescue charity gets new vehicle", "https://www.example-news.test/news/region-2", None),
    ]


# --------------------------------------------------------------------------- single cards


def _between_paragraphs(card: str) -> newsparse.Article:
    """The story, the card, then four more paragraphs of the story."""
    after = STORY.replace("Paragraph", "Later paragraph")
    return newsparse.parse(_page(STORY + card + after), URL)


# A card set between two paragraphs of the story: one link around a kicker, headline and
# summary; and a public-broadcaster card whose kicker sits in a <div> of its own beside a
# wrapper holding the linked <h2>, with an empty summary.
_ONE_LINK_CARD = (
    '<div class="teaser"><a href="/stories/verges/"><div><span>From the archive</span>'
    "<h4>What happened when a town stopped mowing its verges</h4>"
    "<p>Two summers of long grass brought back orchids and complaints.</p></div></a></div>"
)
_KICKER_DIV_CARD = (
    "<div class='contentbox'><div class='teaser'><div class='teaserimage'><img src='/v.jpg'>"
    "</div><div class='teaserpadding'><div class='topline'>Hafen gesperrt</div>"
    "<div class='headlinewrapper'><h2><a href='/business/2024/04/29/pier-closed/'>"
    "Pier closed for repairs until the autumn</a></h2></div>"
    "<div class='teasertext'></div></div></div></div>"
)


@pytest.mark.parametrize(
    ("card", "link", "left_out"),
    [
        (
            _ONE_LINK_CARD,
            (
                "What happened when a town stopped mowing its verges",
                "https://www.example-news.test/stories/verges/",
                "Two summers of long grass brought back orchids and complaints.",
            ),
            ["orchids", "From the archive"],
        ),
        (
            _KICKER_DIV_CARD,
            (
                "Pier closed for repairs until the autumn",
                "https://www.example-news.test/business/2024/04/29/pier-closed/",
                None,
            ),
            ["Hafen gesperrt", "Pier closed"],
        ),
    ],
)
def test_a_teaser_card_between_paragraphs_leaves_the_body(
    card: str, link: tuple[str, str, str | None], left_out: list[str]
) -> None:
    article = _between_paragraphs(card)
    assert [(x.title, x.url, x.summary) for x in article.related_links] == [link]
    assert not any(text in article.text for text in left_out)
    assert len(article.body) == 8


def test_a_box_label_naming_its_topic_heads_the_cards_under_it() -> None:
    # "Mehr zum Thema <topic>" in a plain <div>, over cards of kicker, linked title, summary.
    cards = "".join(
        f"<div class='teaser'><div class='teaserpadding'><div class='topline'>{kicker}</div>"
        f"<div class='headlinewrapper'><h2><a href='/business/2024/04/{day}/{slug}/'>{title}"
        f"</a></h2></div><div class='teasertext'>{summary}</div></div></div>"
        for kicker, day, slug, title, summary in [
            (
                "Zum Anhören",
                28,
                "ferry-crews",
                "Ferry crews train for winter storms",
                "The crews practised rescues in the bay for a week.",
            ),
            (
                "Hitzeschutz",
                27,
                "quay-shade",
                "Shade sails planned for the quay",
                "The council wants shelter for people waiting in the heat.",
            ),
        ]
    )
    box = (
        f"<div class='contentbox list'><div class='boxhead'>Mehr zum Thema Hafen</div>{cards}</div>"
    )
    article = newsparse.parse(_page(STORY + box), URL)
    assert [(link.title, link.summary) for link in article.related_links] == [
        (
            "Ferry crews train for winter storms",
            "The crews practised rescues in the bay for a week.",
        ),
        (
            "Shade sails planned for the quay",
            "The council wants shelter for people waiting in the heat.",
        ),
    ]
    for text in ("Mehr zum Thema Hafen", "Zum Anhören", "Hitzeschutz", "practised rescues"):
        assert text not in article.text
    assert len(article.body) == 4


def test_a_claimed_credit_line_inside_a_related_list_does_not_end_it() -> None:
    # Each card's picture carries a credit line, which chrome claims; the cards go on.
    cards = "".join(
        f"<div class='teaser'><div class='img'><img src='/{n}.jpg'><span>Bildrechte: Agency {n}"
        f"</span></div><h3><a href='/business/2024/04/2{n}/story-{n}/'>{title}</a></h3></div>"
        for n, title in [
            (1, "Ferry crews train for winter storms"),
            (2, "Shade sails planned for the quay"),
        ]
    )
    html = _page(STORY + f"<div class='box'><h2>Mehr zu Hafen</h2>{cards}</div>")
    assert [title for title, _, _ in _links(html)] == [
        "Ferry crews train for winter storms",
        "Shade sails planned for the quay",
    ]


def test_a_date_over_a_back_link_is_no_teaser_card() -> None:
    # A press-release page: the date line and a "back to the overview" link share a box.
    head = (
        "<div class='meta'><div class='date'>08. Februar 2022</div>"
        "<div class='back'><a href='/business/'>Back to the overview</a></div></div>"
    )
    article = newsparse.parse(_page(head + STORY), URL)
    assert article.related_links == []
    assert article.published_at is not None and article.published_at.date().isoformat() == (
        "2022-02-08"
    )


# --------------------------------------------------------------------------- listing pages


def _listing(cards: str) -> str:
    return (
        "<html><body><main><h1>Climate</h1>"
        f'<ul class="promo-list">{cards}</ul></main></body></html>'
    )


def _card(n: int, timed: bool = False) -> str:
    when = '<time datetime="2024-05-20T10:00Z">18 mins ago</time>' if timed else ""
    return (
        f'<li class="promo"><h3><a href="/climate/story-{n}">Climate story number {n} '
        f"explained</a></h3><p>Summary {n} of the story in one short sentence.</p>{when}</li>"
    )


def test_a_listing_pages_untimed_teasers_are_related_links() -> None:
    links = _links(_listing("".join(_card(n) for n in range(7))))
    assert [title for title, _, _ in links] == [
        f"Climate story number {n} explained" for n in range(7)
    ]
    assert links[0][2] == "Summary 0 of the story in one short sentence."


def test_a_list_with_timed_teasers_is_left_to_the_feed() -> None:
    cards = "".join(_card(n, timed=n % 2 == 0) for n in range(7))
    assert _links(_listing(cards)) == []


def test_an_articles_plain_teasers_are_not_a_listing() -> None:
    teasers = "".join(
        f'<div><h3><a href="/other/story-{n}">Another story number {n} today</a></h3></div>'
        for n in range(8)
    )
    html = (
        "<html><body><main><article><h1>The harbour decision explained</h1>"
        f"{STORY}</article><div class='more'>{teasers}</div></main></body></html>"
    )
    assert _links(html) == []


@pytest.mark.parametrize(
    "href",
    ["https://advertiser.test/offer/", "/annonse/cheap-holidays-in-the-sun/81329", "/"],
)
def test_cards_to_other_sites_paid_content_or_the_home_page_are_not_related(href: str) -> None:
    card = (
        f'<div class="teaser"><a href="{href}"><h4>Cheap holidays in the sun this winter</h4>'
        "<p>Book now and save on flights and hotels across the coast.</p></a></div>"
    )
    assert _links(_page(STORY + card + STORY.replace("Paragraph", "Later paragraph"))) == []


# --------------------------------------------------------------------------- unmarked cards


@pytest.mark.parametrize(
    "summary",
    [
        "Operators blame fuel costs, while commuters say the service has not improved.",
        # Found by the ci-long property run: a summary opening with a byline word ("By",
        # "Por") that credits nobody is still a summary, not the card's byline line.
        "By the autumn, operators say, the fares will have risen by a third.",
    ],
)
def test_a_card_of_bare_divs_after_the_story_is_a_related_link(summary: str) -> None:
    card = (
        "<div class='x1'><div class='x2'><div class='x3'>"
        "<a href='/business/2024/04/30/ferry-fares/'>Ferry fares rise for the third year</a>"
        f"</div><p class='x4'>{summary}</p></div></div>"
    )
    html = (
        "<html><body><div class='a1'><h1>The harbour decision explained</h1>"
        f"<div class='a2'>{STORY}</div>{card}</div></body></html>"
    )
    article = newsparse.parse(html, URL)
    assert [(link.title, link.summary) for link in article.related_links] == [
        ("Ferry fares rise for the third year", summary)
    ]
    assert not any(summary in block.text for block in article.body)


def test_a_linked_line_inside_the_story_is_no_card() -> None:
    # The link line and the paragraph share the story's container with its other paragraphs.
    inner = (
        STORY
        + "<p><a href='/business/2024/04/30/ferry-fares/'>"
        + "Ferry fares rise for the third year</a></p>"
        + "<p>That rise came after two years in which fares were frozen by the council.</p>"
    )
    article = newsparse.parse(_page(inner), URL)
    assert any("frozen by the council" in block.text for block in article.body)


def test_the_next_zone_heading_is_no_summary_of_the_last_related_card() -> None:
    html = (
        "<html><body><main><article><h1>The harbour decision explained</h1>"
        f"{STORY}<section class='related-posts'><article class='related-card'><h3>"
        "<a href='/business/2024/04/30/ferry-fares/'>Ferry fares rise for the third year</a>"
        "</h3></article></section></article></main><aside class='sidebar'>"
        "<h2>Nachrichtenticker</h2><ul><li><time datetime='2024-05-01T14:11'>14:11</time>"
        "<a href='/news/1/'>Bridge closes for repairs on Monday</a></li></ul></aside>"
        "</body></html>"
    )
    assert _links(html) == [
        (
            "Ferry fares rise for the third year",
            "https://www.example-news.test/business/2024/04/30/ferry-fares/",
            None,
        )
    ]


def test_a_subheading_that_opens_like_a_related_heading_over_prose_stays() -> None:
    # Found by the ci-long property run: the subheading "More in prang greerex" opens like
    # "More in Business" but lists nothing; it was claimed as a related label and lost.
    last = "The council will vote on the new timetable in June."
    article = newsparse.parse(_page(f"{STORY}<h2>More in the report</h2><p>{last}</p>"), URL)
    assert [(b.kind, b.text) for b in article.body[-2:]] == [
        ("heading", "More in the report"),
        ("paragraph", last),
    ]
    assert article.related_links == []


def test_other_posts_under_a_related_heading_are_not_body() -> None:
    # A blog theme prints "You may like..." over whole other posts, each an <article> with its
    # excerpt and an image link but no linked title: none of it is this story's text.
    others = "".join(
        f"<article class='post-{n} post'><a href='/post-{n}/'><img src='/i/{n}.jpg'></a>"
        f"<p>Another post {n} begins here, says something kind about the sea, and then it goes "
        "on for a while longer than a summary would.</p></article>"
        for n in range(3)
    )
    html = (
        "<html><body><main><article class='post-1 post'><h1>The harbour decision explained</h1>"
        f"{STORY}</article><section class='more'><h3>Você pode gostar...</h3>{others}</section>"
        "</main></body></html>"
    )
    article = newsparse.parse(html, URL)
    assert all("Another post" not in block.text for block in article.body)
    assert len(article.body) == 4
    assert any("Another post 0" in r.text for r in article.removed if r.kind == "related")


LONG_PARAGRAPH = (
    "The harbour board met for three hours on Tuesday, heard from ferry crews, shop owners and "
    "commuters, and in the end voted by seven to two to rebuild the landing stage before winter, "
    "whatever the cost."
)


def test_story_text_after_an_inline_read_also_teaser_is_no_summary() -> None:
    # "Read also" set between two story paragraphs, its teaser title alone: the paragraph
    # after it is the story going on, not the teaser's summary.
    go_on = (
        "Back at the harbour, the board said the new timetable would start in June and that "
        "the ferries would run every half hour on weekdays."
    )
    html = _page(
        f"<div class='entry-content'>{STORY}<p>{LONG_PARAGRAPH}</p><p>Read also</p>"
        "<h2><a href='/news/pier-opens/'>The old pier reopens after a year of repairs</a></h2>"
        f"<p>{go_on}</p></div>"
    )
    article = newsparse.parse(html, URL)
    assert [(link.title, link.summary) for link in article.related_links] == [
        ("The old pier reopens after a year of repairs", None)
    ]
    assert article.body[-1].text == go_on


@pytest.mark.parametrize(
    "label", ["Das könnte dich auch interessieren!", "Verwandte Themen", "You might also like"]
)
def test_a_related_label_over_an_emptied_section_stays_out_of_the_body(label: str) -> None:
    # The teasers under it were dropped as chrome; the label alone must not end the story.
    html = _page(f"{STORY}<h3>{label}</h3><div class='teaser-widget'><a href='/x'>x</a></div>")
    article = newsparse.parse(html, URL)
    assert label not in [block.text for block in article.body]
    assert [r.kind for r in article.removed if r.text == label] == ["related"]


def test_an_article_rating_widget_is_chrome() -> None:
    html = _page(f"{STORY}<h3>Wie bewerten Sie diesen Artikel?</h3><p>hilfreich</p>")
    article = newsparse.parse(html, URL)
    assert "Wie bewerten Sie diesen Artikel?" not in [b.text for b in article.body]


@pytest.mark.parametrize("label", ["Lesen Sie auch die folgenden Beiträge:", "Weiterlesen:"])
def test_a_related_label_line_inside_the_story_is_not_body(label: str) -> None:
    links = (
        "<ul><li><a href='/2024/04/30/ferry-fares/'>Ferry fares rise for the third year</a></li>"
        "<li><a href='/2024/04/12/pier/'>The new pier opens in June</a></li></ul>"
    )
    html = _page(f"{STORY}<p>{label}</p>{links}{STORY.replace('Paragraph', 'Later paragraph')}")
    article = newsparse.parse(html, URL)
    assert label not in [block.text for block in article.body]
    assert [r.kind for r in article.removed if r.text == label] == ["related"]


@pytest.mark.parametrize("label", ["Related news", "Explore further"])
def test_more_related_labels_head_related_lists(label: str) -> None:
    teasers = "".join(
        f"<li><a href='/business/2024/04/0{n}/harbour-story-{n}/'>Harbour story number {n} "
        "gets its own headline</a></li>"
        for n in range(1, 4)
    )
    article = newsparse.parse(_page(f"{STORY}<h3>{label}</h3><ul>{teasers}</ul>"), URL)
    assert [link.title for link in article.related_links] == [
        f"Harbour story number {n} gets its own headline" for n in range(1, 4)
    ]
    assert all(label not in block.text for block in article.body)


def test_a_list_whose_items_link_part_of_their_words_under_a_more_stories_label() -> None:
    items = [
        ("Could a ferry lost in fog ", "find its way by sound", "?", "/business/2024/04/01/fog/"),
        ("The pier's new cafe ", "opens next month", "", "/business/2024/04/02/cafe/"),
        ("Why the harbour ", "smells of tar again", "", "/business/2024/04/03/tar/"),
    ]
    listed = "".join(f"<li>{a}<a href='{href}'>{b}</a>{c}</li>" for a, b, c, href in items)
    html = _page(
        f"{STORY}<hr><div class='heading-h3'>More Great Harbour Stories</div><ul>{listed}</ul>"
    )
    article = newsparse.parse(html, URL)
    assert [link.title for link in article.related_links] == [
        "Could a ferry lost in fog find its way by sound?",
        "The pier's new cafe opens next month",
        "Why the harbour smells of tar again",
    ]
    assert all("harbour smells" not in block.text for block in article.body)
