"""Feed items from repeated timed cards, and the page type (article, live blog, listing).

Each page here is small and invented; each test checks one structural rule of
``newsparse.fields.feed`` or ``newsparse.fields.pagetype`` through ``parse``.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from newsparse import Article, parse

URL = "https://www.example-herald.test/news/2024/05/02/count-live"
STORY = (
    "The county began counting ballots on Thursday evening in the sports hall on Mill Road, "
    "where officials expect the first results shortly after midnight."
)


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>Page</title>{head}</head><body>{body}</body></html>"


def _jsonld(data: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _update(slug: str, shown: str, iso: str, title: str, text: str) -> str:
    return (
        f'<div class="entry" id="{slug}">'
        f'<p class="entry-time"><a href="#{slug}"><time datetime="{iso}">{shown}</time></a></p>'
        f"<h2>{title}</h2><p>{text}</p></div>"
    )


UPDATES = [
    ("u3", "00:41", "2024-05-03T00:41:00+01:00", "Greens win their first seat on the council"),
    ("u2", "00:22", "2024-05-03T00:22:00+01:00", "First result declared in the canal ward"),
    ("u1", "23:58", "2024-05-02T23:58:00+01:00", "Recount expected in the hill ward"),
]
UPDATE_TEXT = "Party agents said the margin was narrow and that a full recount would follow."


def _live_blog(head: str = "") -> Article:
    updates = "".join(_update(s, t, i, h, UPDATE_TEXT) for s, t, i, h in UPDATES)
    html = _page(
        f"<main><h1>County election count: results as they come in</h1><p>{STORY}</p>"
        f'<div class="updates">{updates}</div></main>',
        head,
    )
    return parse(html, URL)


def test_live_blog_without_jsonld_is_read_from_its_update_cards() -> None:
    article = _live_blog()
    assert article.page_type == "liveblog"
    assert [(i.headline, i.time_text, i.url) for i in article.feed_items] == [
        (headline, shown, f"{URL}#{slug}") for slug, shown, _, headline in UPDATES
    ]
    assert all(item.summary == UPDATE_TEXT for item in article.feed_items)
    assert article.feed_items[0].published_at == datetime(
        2024, 5, 3, 0, 41, tzinfo=timezone(timedelta(hours=1))
    )
    assert [b.text for b in article.body] == [STORY]


def test_jsonld_updates_complete_the_shown_times_without_replacing_them() -> None:
    cards = "".join(
        f'<div class="eintrag"><div class="zeit">{shown} Uhr</div><h3>{title}</h3>'
        f"<p>{UPDATE_TEXT}</p></div>"
        for _, shown, _, title in UPDATES
    )
    updates = [
        {"@type": "BlogPosting", "headline": title, "datePublished": iso, "url": f"{URL}#{slug}"}
        for slug, _, iso, title in UPDATES
    ]
    head = _jsonld({"@type": "LiveBlogPosting", "headline": "Count", "liveBlogUpdate": updates})
    html = _page(f"<main><h1>Count</h1><p>{STORY}</p><section>{cards}</section></main>", head)
    article = parse(html, URL)
    assert article.page_type == "liveblog"
    assert [i.time_text for i in article.feed_items] == [f"{t} Uhr" for _, t, _, _ in UPDATES]
    assert [i.url for i in article.feed_items] == [f"{URL}#{slug}" for slug, _, _, _ in UPDATES]
    assert article.feed_items[2].published_at == datetime(
        2024, 5, 2, 23, 58, tzinfo=timezone(timedelta(hours=1))
    )


TEASERS = [
    ("/news/bridge-repairs", "Bridge to close for six weeks of repairs", "18 mins ago"),
    ("/news/care-home-report", "Care home rated inadequate after inspection", "47 mins ago"),
    ("/news/pub-reopens", "Town's oldest pub reopens under new owners", "1 hour ago"),
    ("/sport/new-manager", "Athletic confirm their new manager at last", "2 hours ago"),
]
DEK = "Drivers face a long detour while engineers replace the joints on the old crossing."


def _home(head: str = '<meta property="og:type" content="website">') -> Article:
    cards = "".join(
        f'<div class="card"><h2><a href="{href}">{title}</a></h2><p>{DEK}</p>'
        f'<span class="age">{age}</span></div>'
        for href, title, age in TEASERS
    )
    return parse(_page(f'<main><section class="top">{cards}</section></main>', head), URL)


def test_a_time_after_its_teaser_belongs_to_that_teaser() -> None:
    article = _home()
    assert [(i.headline, i.time_text) for i in article.feed_items] == [
        (title, age) for _, title, age in TEASERS
    ]
    assert article.feed_items[0].url == "https://www.example-herald.test/news/bridge-repairs"
    assert article.feed_items[0].summary == DEK


def test_a_home_page_is_a_listing_without_body_or_headline() -> None:
    article = _home()
    assert article.page_type == "listing"
    assert article.body == []
    assert article.headline is None
    assert "headline" not in article.provenance


def test_website_og_type_alone_does_not_make_an_article_a_listing() -> None:
    html = _page(f"<main><h1>A short notice</h1><p>{STORY}</p></main>")
    html = html.replace("<title>", '<meta property="og:type" content="website"><title>')
    article = parse(html, URL)
    assert article.page_type == "article"
    assert [b.text for b in article.body] == [STORY]


def test_a_collection_page_keeps_its_h1_as_headline() -> None:
    entries = "".join(
        f'<article class="post"><h2><a href="{href}">{title}</a></h2>'
        f'<div class="meta"><time datetime="2024-03-1{n}T09:15:00+00:00">1{n} March 2024</time>'
        f"</div><p>{DEK}</p></article>"
        for n, (href, title, _) in enumerate(TEASERS)
    )
    head = _jsonld({"@type": "CollectionPage", "name": "Housing archives"})
    html = _page(f'<main><p class="label">Topic</p><h1>Housing</h1>{entries}</main>', head)
    article = parse(html, URL)
    assert article.page_type == "listing"
    assert article.headline == "Housing"
    assert article.body == []
    assert [i.time_text for i in article.feed_items] == [f"1{n} March 2024" for n in range(4)]
    assert article.feed_items[1].published_at == datetime(2024, 3, 11, 9, 15, tzinfo=timezone.utc)


def test_a_meta_line_opening_with_a_time_element_gives_the_shown_time() -> None:
    cards = "".join(
        f'<article class="update"><div class="meta"><time datetime="2024-04-21T1{n}:02:00-04:00">'
        f"1{n}:02 a.m.</time> <span>Jane Roe</span></div><h3>{title}</h3><p>{UPDATE_TEXT}</p>"
        f'<a href="#update-{n}">Copy link</a></article>'
        for n, (_, title, _) in enumerate(TEASERS)
    )
    article = parse(_page(f"<main><h1>Marathon live</h1><p>{STORY}</p>{cards}</main>"), URL)
    assert [i.time_text for i in article.feed_items] == [f"1{n}:02 a.m." for n in range(4)]
    assert [i.url for i in article.feed_items] == [f"{URL}#update-{n}" for n in range(4)]
    assert article.page_type == "liveblog"


def test_a_bare_day_behind_a_clock_time_is_no_full_date() -> None:
    cards = "".join(
        f'<article class="teaser"><h3><a href="{href}">{title}</a></h3>'
        f'<time datetime="2024-06-12">11:{n}5 AM</time></article>'
        for n, (href, title, _) in enumerate(TEASERS)
    )
    article = parse(_page(f"<main>{cards}</main>"), URL)
    assert [i.time_text for i in article.feed_items] == [f"11:{n}5 AM" for n in range(4)]
    assert all(item.published_at is None for item in article.feed_items)


def _article_with(box: str) -> Article:
    story = "".join(f"<p>{STORY} Paragraph {n}.</p>" for n in range(4))
    return parse(_page(f"<main><h1>Main story</h1>{story}</main>{box}"), URL)


def test_dated_teasers_under_a_related_label_are_not_feed_items() -> None:
    cards = "".join(
        f'<div class="row"><h5><a href="{href}">{title}</a></h5><p>March {n + 1}, 2024</p></div>'
        for n, (href, title, _) in enumerate(TEASERS)
    )
    article = _article_with(f"<div><label>More stories like this one</label>{cards}</div>")
    assert article.feed_items == []


def test_names_over_posts_are_not_headlines() -> None:
    posts = "".join(
        f'<div class="post"><h4><a href="/members/{name.lower()}/">{name}</a></h4>'
        f"<p>Sep 20, 2020</p><p>{UPDATE_TEXT}</p></div>"
        for name in ("Bibi", "Bluerider", "Nixe", "Glockenfee")
    )
    article = _article_with(f"<div>{posts}</div>")
    assert article.feed_items == []


def test_a_list_printed_twice_gives_each_story_once() -> None:
    cards = "".join(
        f'<div class="card"><h2><a href="{href}">{title}</a></h2><span>{age}</span></div>'
        for href, title, age in TEASERS
    )
    article = _article_with(
        f'<aside><div class="a">{cards}</div><div class="b">{cards}</div></aside>'
    )
    assert [i.headline for i in article.feed_items] == [title for _, title, _ in TEASERS]


def test_a_link_around_time_and_title_is_the_items_url() -> None:
    items = "".join(
        f'<li><a href="{href}"><time datetime="2024-11-14T1{n}:12:00+10:00">{n + 1}:12pm</time>'
        f"<span>{title}</span></a></li>"
        for n, (href, title, _) in enumerate(TEASERS)
    )
    article = _article_with(f"<aside><h2>Latest</h2><ul>{items}</ul></aside>")
    assert [(i.headline, i.url) for i in article.feed_items] == [
        (title, f"https://www.example-herald.test{href}") for href, title, _ in TEASERS
    ]
    assert article.feed_items[0].published_at == datetime(
        2024, 11, 14, 10, 12, tzinfo=timezone(timedelta(hours=10))
    )


def test_a_logo_in_an_h1_is_no_listing_headline() -> None:
    head = (
        '<meta property="og:type" content="website"><meta property="og:site_name" content="Herald">'
    )
    cards = "".join(
        f'<div class="card"><h2><a href="{href}">{title}</a></h2><span>{age}</span></div>'
        for href, title, age in TEASERS
    )
    article = parse(_page(f"<header><h1>Herald</h1></header><main>{cards}</main>", head), URL)
    assert article.page_type == "listing"
    assert article.headline is None


def test_a_short_japanese_story_is_weighed_by_its_script() -> None:
    from newsparse.fields.pagetype import LISTING_MAX_BODY_CHARS, text_weight

    story = "港の新しいフェリーは月曜日に初めて運航し、多くの乗客が朝から桟橋に並んだ。" * 4
    assert len(story) < LISTING_MAX_BODY_CHARS <= text_weight(story)
    assert text_weight("Harbour") == len("Harbour")


def test_the_label_of_a_timed_list_leaves_the_body_with_it() -> None:
    story = "".join(
        f"<p>Paragraph {n} of the story says what the council decided about the ferry, and "
        "why the people who use it every day are worried about the winter timetable.</p>"
        for n in range(4)
    )
    # The first items, the only ones with summaries, in differently classed cards: the label
    # stands several blocks above the first item the finders pair.
    items = (
        "<div class='x1'><span>18:09</span><a href='/news/9/'>Ferry timetable agreed.</a>"
        "<p>The new timetable starts in November and keeps the early crossing.</p></div>"
        "<div class='y2'><span>17:40</span><a href='/news/8/'>Harbour wall repairs begin.</a>"
        "<p>Work on the east wall is expected to take six weeks in all.</p></div>"
    ) + "".join(
        f"<div class='i{n}'><span>1{n}:05</span><a href='/news/{n}/'>Council item number {n} "
        "has a headline</a></div>"
        for n in range(4)
    )
    page = (
        "<html lang='de'><body><div class='a'><h1>Fähre fährt im Winter seltener</h1>"
        f"<div class='b'>{story}</div></div><div class='c'><h2>Nachrichtenticker</h2>{items}"
        "</div></body></html>"
    )
    article = parse(page, "https://example.test/news/story/")
    assert len(article.feed_items) >= 3
    assert all("Nachrichtenticker" not in block.text for block in article.body)


def test_time_and_headline_on_one_line_with_a_summary_under_it() -> None:
    # Found by the ci-long property run: div-soup feed cards set the time and the linked
    # headline inline, a summary paragraph under each; they came out as related links
    # titled "12:20 PMBan on ...".
    story = "".join(
        f"<p>Paragraph {n}: the ferry crossed the bay at dawn, and the crew checked the ropes "
        "while the passengers watched the harbour lights fade.</p>"
        for n in range(6)
    )
    cards = "".join(
        f"<div class='c{n}'><span class='t{n}'>{n + 1}:20 PM</span>"
        f"<a href='/news/{n}'>Harbour board approves timetable number {n}</a>"
        f"<p>Summary {n}: the board met on a wet evening and voted by a wide margin.</p></div>"
        for n in range(3)
    )
    html = (
        f"<html><body><div class='main'><h1>Ferry story</h1>{story}</div>"
        f"<div class='side'><h2>Latest news</h2>{cards}</div></body></html>"
    )
    article = parse(html, "https://example.test/news/story")
    assert [(i.time_text, i.headline, i.summary) for i in article.feed_items] == [
        (
            f"{n + 1}:20 PM",
            f"Harbour board approves timetable number {n}",
            f"Summary {n}: the board met on a wet evening and voted by a wide margin.",
        )
        for n in range(3)
    ]
    assert article.related_links == []
    assert all("Summary" not in block.text for block in article.body)
