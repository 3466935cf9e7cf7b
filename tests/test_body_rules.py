"""Body extraction rules (issue #3), each on a small hand-written page of invented text."""

from __future__ import annotations

import json

import pytest

from newsparse import parse
from newsparse.chrome_lines import repeated_furniture
from newsparse.models import Article

URL = "https://example.test/news/story"

# Long, comma-rich sentences so every section scores as real prose.
PARAGRAPHS = [
    f"Paragraph {n} of the story: the ferry crossed the bay at dawn, the crew checked the ropes, "
    f"and the passengers, most of them commuters, watched the harbour lights fade behind them."
    for n in range(1, 10)
]


# A story's short last paragraph, too little text to join the story on its score alone.
LAST = "The council will vote on the new timetable in June."


def _page(body: str, head: str = "") -> str:
    return (
        "<!DOCTYPE html><html><head><title>Ferry story</title>"
        f"{head}</head><body><header><a href='/'>The Bay Gazette</a></header>"
        f"<main><h1>Ferry story</h1>{body}</main>"
        "<footer><p>About us · Contact · Privacy</p></footer></body></html>"
    )


def _p(*indexes: int) -> str:
    return "".join(f"<p>{PARAGRAPHS[i]}</p>" for i in indexes)


def _texts(article: Article) -> list[str]:
    return [block.text for block in article.body]


def test_nested_list_items_are_items_of_their_own() -> None:
    html = _page(
        f"<div class='story'>{_p(0, 1)}"
        "<ul><li>Pack a bag<ul><li>Water</li><li>A torch</li></ul></li>"
        "<li>Leave early</li></ul>"
        f"{_p(2)}</div>"
    )
    lists = [block for block in parse(html, URL).body if block.kind == "list"]
    assert len(lists) == 1
    assert lists[0].items == ["Pack a bag", "Water", "A torch", "Leave early"]


def test_item_text_after_a_nested_list_keeps_its_place() -> None:
    # Found by the ci-long property run: the words after a sub-list came out before it.
    depth = 30
    nested = "<ul><li>" * depth + "Deepest point" + "</li></ul>" * depth
    html = _page(
        f"<div class='story'>{_p(0, 1)}"
        f"<ul><li>Pack a bag<ul><li>Water</li></ul>then lock the door</li></ul>"
        f"<ul><li>Start{nested}and finish</li></ul>{_p(2)}</div>"
    )
    lists = [block.items for block in parse(html, URL).body if block.kind == "list"]
    assert lists[0] == ["Pack a bag", "Water", "then lock the door"]
    assert lists[1] == ["Start", "Deepest point", "and finish"]


def test_a_block_closed_inside_an_inline_element_ends_its_line() -> None:
    # Found by the ci-long property run: a nested <button> left a newsletter form's last
    # <div> inside an inline element, and "newsletter.Subscribe" came out glued.
    html = _page(
        f"<div class='story'>{_p(0, 1)}"
        "<h2><span><em>The pier<div>reopens on Friday</div></em></span>for foot traffic</h2>"
        "<ul><li><div>Bring a coat</div>and a hat</li><li>Arrive early</li></ul>"
        f"{_p(2)}</div>"
    )
    body = parse(html, URL).body
    texts = [block.text for block in body]
    assert "The pier reopens on Friday for foot traffic" in texts
    lists = [block.items for block in body if block.kind == "list"]
    assert lists == [["Bring a coat and a hat", "Arrive early"]]


def test_short_field_box_after_the_body_is_not_merged() -> None:
    # A "contact" box whose class name says "text" sits beside the body container: it earns
    # almost nothing from its own words, so it must not join the article.
    html = _page(
        "<div class='node'>"
        f"<div class='field field--type-text body'>{_p(0, 1, 2, 3, 4)}</div>"
        "<div class='field field--type-text-long'><div class='label'>Press office</div>"
        "<div><p>Mara Quist, Harbour Authority, 555-0100, press@harbour.test</p></div></div>"
        "</div>"
    )
    texts = _texts(parse(html, URL))
    assert PARAGRAPHS[4] in texts
    assert not any("press@harbour.test" in text or text == "Press office" for text in texts)


def test_sections_inside_the_winner_do_not_widen_it() -> None:
    # The story wrapper holds three near-equal sections; a bio box and a "more" list sit
    # beside it. The article is the wrapper, not the page around it.
    html = _page(
        "<div class='story-body'>"
        f"<div class='section'>{_p(0, 1, 2)}</div>"
        "<div class='ad-slot'>Advertisement</div>"
        f"<div class='section'>{_p(3, 4, 5)}</div>"
        f"<div class='section'>{_p(6, 7, 8)}</div>"
        "</div>"
        "<div class='story-foot'><p>Ola Brenn writes about ferries and lives by the sea.</p>"
        "<p>This story appears in the spring issue.</p></div>"
    )
    texts = _texts(parse(html, URL))
    assert texts[0] == PARAGRAPHS[0] and texts[-1] == PARAGRAPHS[8]
    assert not any("writes about ferries" in text or "spring issue" in text for text in texts)


def test_lead_sibling_before_the_body_is_kept() -> None:
    html = _page(
        "<div class='article'>"
        f"<div class='article__summary'>{_p(0)}</div>"
        f"<div class='article__text'>{_p(1, 2, 3, 4)}</div>"
        "</div>"
    )
    texts = _texts(parse(html, URL))
    assert texts[:2] == [PARAGRAPHS[0], PARAGRAPHS[1]]


def test_camel_case_module_class_names_are_read() -> None:
    html = _page(
        "<article>"
        "<div class='styles_shareRow__Ab1Cd'><a href='https://x.test/intent'>Post</a>"
        "<a href='https://fb.test/sharer'>Send to a friend</a></div>"
        f"<div class='styles_body__Zz9Yy'>{_p(0, 1, 2)}</div></article>"
    )
    article = parse(html, URL)
    assert "share" in {removal.kind for removal in article.removed}
    assert not any("Send to a friend" in text for text in _texts(article))


def test_donation_box_is_not_body() -> None:
    html = _page(
        f"<article><div class='entry-content'>{_p(0, 1)}"
        "<div class='donate-box'><p>We are an independent newsroom funded by readers.</p>"
        f"<a href='/give'>Give now</a></div>{_p(2)}</div></article>"
    )
    texts = _texts(parse(html, URL))
    assert texts == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]]


# One long comma-free paragraph: long enough that the body is not retried for being short.
INTRO = " ".join(["The timetable changes on Monday and the first boat leaves earlier."] * 8)


def test_wordy_wrapper_beats_a_box_that_wins_on_its_class_name() -> None:
    # The intro box scores first on its "text" class alone; the column around it holds the
    # story (one paragraph per wrapper, none earning much alone) and earns several times as
    # much from its paragraphs.
    html = _page(
        "<div class='column'>"
        f"<div class='intro-text'><p>{INTRO}</p></div>"
        + "".join(f"<div>{_p(i)}</div>" for i in range(7))
        + "</div>"
    )
    texts = _texts(parse(html, URL))
    assert PARAGRAPHS[0] in texts and PARAGRAPHS[6] in texts


def test_data_table_rows_are_read_as_lines() -> None:
    rows = "".join(
        f"<tr><td>{n}</td><td>Crew {name}</td><td>{n * 3}</td><td>0</td></tr>"
        for n, name in enumerate(["Alder", "Birch", "Cedar", "Damson", "Elm"], start=1)
    )
    html = _page(
        f"<div class='story'>{_p(0, 1)}"
        f"<table><tr><th>Place</th><th>Crew</th><th>Points</th><th>Penalties</th></tr>{rows}"
        f"</table>{_p(2)}</div>"
    )
    texts = _texts(parse(html, URL))
    assert "Place Crew Points Penalties" in texts
    assert "1 Crew Alder 3 0" in texts and "5 Crew Elm 15 0" in texts


def test_table_cell_with_br_paragraphs_is_walked_into() -> None:
    cell = "<br><br>".join(PARAGRAPHS[:4])
    html = _page(f"<table><tr><td>{cell}</td><td><a href='/a'>Home</a></td></tr></table>")
    assert _texts(parse(html, URL)) == PARAGRAPHS[:4]


def test_layout_table_rows_are_walked_into() -> None:
    html = _page(
        f"<table><tr><td class='story'>{_p(0, 1, 2)}</td><td><a href='/x'>Index</a></td></tr>"
        "</table>"
    )
    assert _texts(parse(html, URL)) == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]]


def test_story_cut_in_two_chunks_by_a_subscribe_box_is_read_whole() -> None:
    chunk = "grid-item article-chunk"
    html = _page(
        "<div class='chunks'>"
        f"<div class='grid'><div class='{chunk}'>{_p(0, 1, 2, 3)}</div>"
        "<div class='adrail'></div></div>"
        "<div class='promo-box'><p>Subscribe to the Gazette.</p></div>"
        f"<div class='grid'><div class='{chunk}'>{_p(4, 5, 6)}</div>"
        "<div class='adrail'></div></div>"
        "</div>"
    )
    texts = _texts(parse(html, URL))
    assert texts[0] == PARAGRAPHS[0] and texts[-1] == PARAGRAPHS[6]


def test_two_stories_from_one_template_are_not_joined() -> None:
    html = _page(
        "<div class='feed'>"
        f"<div class='item'><div class='story-text'>{_p(0, 1, 2, 3)}</div></div>"
        "<div class='item'><h1>Next story: the bridge reopens</h1>"
        f"<div class='story-text'>{_p(4, 5, 6)}</div></div></div>"
    )
    texts = _texts(parse(html, URL))
    assert PARAGRAPHS[0] in texts and PARAGRAPHS[4] not in texts


def test_fact_box_inside_the_story_is_not_body_even_when_long() -> None:
    box = "".join(f"<p>Background note {n}: {PARAGRAPHS[n][25:]}</p>" for n in range(3))
    html = _page(
        f"<div class='article-body'>{_p(0, 1, 2)}"
        f"<div class='story-factbox'><h3>Background</h3>{box}</div>{_p(3)}</div>"
    )
    article = parse(html, URL)
    texts = _texts(article)
    assert texts == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[3]]
    assert "sidebar" in {removal.kind for removal in article.removed}


def test_next_story_appended_under_the_first_is_not_merged() -> None:
    # An infinite-scroll page: the second story (its own <h1>, several sections scoring
    # near the first story's body) is appended below the first.
    html = (
        "<!DOCTYPE html><html><head><title>Ferry story</title></head><body><main>"
        f"<article><h1>Ferry story</h1><div class='body-text'>{_p(0, 1, 2, 3)}</div></article>"
        "<article class='next'><h1>Bridge story</h1>"
        f"<div class='body-text'>{_p(4, 5, 6)}</div>"
        f"<div class='body-text'>{_p(7, 8)}</div></article>"
        "</main></body></html>"
    )
    texts = _texts(parse(html, URL))
    assert texts == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[3]]


def test_a_much_longer_story_stacked_below_the_page_story_is_not_the_body() -> None:
    # Infinite scroll appends whole stories from one template; a later one may be five times
    # as long as the page's own, which is the one under the page's headline.
    def story(title: str, indexes: range) -> str:
        return (
            f"<section class='entry'><header class='entry-heading'><h1 class='headline'>{title}"
            f"</h1></header><div class='entry-text'>{_p(*indexes)}</div></section>"
        )

    html = (
        "<!DOCTYPE html><html><head><title>Ferry story</title></head><body><main>"
        f"{story('Ferry story', range(0, 2))}{story('Bridge story', range(2, 9))}"
        f"{story('Tunnel story', range(3, 9))}</main></body></html>"
    )
    article = parse(html, URL)
    assert article.headline == "Ferry story"
    assert _texts(article) == PARAGRAPHS[:2]


def test_embedded_post_in_a_social_wrapper_is_kept() -> None:
    html = _page(
        f"<div class='entry-content'>{_p(0, 1)}"
        "<div class='social-media-embed'><blockquote class='post-embed'>"
        "<p>The morning ferry was forty minutes late again today.</p></blockquote></div>"
        "<div class='social-share'><a href='https://x.test/share'>Post</a>"
        "<a href='https://fb.test/share'>Share</a></div>"
        f"{_p(2)}</div>"
    )
    article = parse(html, URL)
    texts = _texts(article)
    assert "The morning ferry was forty minutes late again today." in texts
    assert "share" in {removal.kind for removal in article.removed}


def test_chunks_matched_by_their_classed_wrappers() -> None:
    # The winning chunk is an unclassed <div> inside a classed wrapper; its twins are the
    # other wrappers of that class.
    chunk = "c-chunk"
    html = _page(
        "<div class='wrap'>"
        f"<div class='{chunk}'><div>{_p(0, 1)}</div></div>"
        "<figure><figcaption>The harbour at dawn.</figcaption></figure>"
        f"<div class='{chunk}'><div>{_p(2, 3)}</div></div>"
        "<div class='promo-box'><p>Subscribe to the Gazette.</p></div>"
        f"<div class='{chunk}'><div>{_p(4, 5, 6, 7, 8)}</div></div>"
        "</div>"
    )
    texts = _texts(parse(html, URL))
    assert texts[0] == PARAGRAPHS[0] and texts[-1] == PARAGRAPHS[8]


def test_utility_class_hidden_is_not_shown_text() -> None:
    html = _page(
        f"<div class='entry-content'>{_p(0, 1)}"
        "<div class='premium-note hidden'><p>This content is for members only.</p></div>"
        "<div class='hidden md:block'><p>Wide screens show this ferry timetable note.</p></div>"
        f"{_p(2)}</div>"
    )
    texts = _texts(parse(html, URL))
    assert "This content is for members only." not in texts
    assert "Wide screens show this ferry timetable note." in texts


def test_gallery_captions_without_figcaption_are_not_body() -> None:
    html = _page(
        "<body class='f_caption_videos_on'>"
        f"<div class='entry-content'>{_p(0, 1)}"
        "<div class='gallery'><div class='item'><img src='/a.jpg' alt=''>"
        "<div class='caption'><div class='caption-full'>Deckhands coil a rope on the pier, "
        "Tuesday, May 7.</div></div></div></div>"
        "<div class='imageEmbedCaption'>The night ferry leaves the harbour.</div>"
        f"{_p(2)}</div>"
    )
    texts = _texts(parse(html, URL))
    assert texts == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]]


def test_a_caption_between_its_picture_and_a_source_line_is_not_body() -> None:
    # A hashed-class (Next.js-style) figure: picture, caption, "Quelle:" line, a rule.
    caption = "Ferries wait at the quay while the storm passes over the bay."
    html = _page(
        f"<div class='r1x9'>{_p(0)}"
        "<div class='c11q'><div class='p7z'><picture><img src='/quay.jpg' alt=''></picture>"
        f"</div><div class='c2k'>{caption}</div><div class='m9t'>Quelle: Harbour Agency</div>"
        f"<hr class='l4s'></div>{_p(1, 2)}</div>"
    )
    article = parse(html, URL)
    assert _texts(article) == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]]
    assert ("caption", caption) in [(r.kind, r.text) for r in article.removed]


def test_a_story_sentence_beside_a_picture_and_other_text_is_kept() -> None:
    # Only a credit line or a rule may stand beside the picture and its caption: a wrapper
    # that also holds an ordinary line is a piece of the story with an illustration.
    line = "The ferry left at dawn, as it does every day in spring."
    html = _page(
        f"<div class='story'>{_p(0)}"
        f"<div class='row'><img src='/quay.jpg' alt=''><div>{line}</div>"
        f"<div>The crew counted twelve passengers.</div></div>{_p(1)}</div>"
    )
    assert line in _texts(parse(html, URL))


def test_a_subheading_holding_a_jump_anchor_is_no_link() -> None:
    # <a name="..."> without an href is the target of a table of contents, not a link.
    html = _page(
        f"<div class='story'>{_p(0)}<h3><a name='part2' class='jumpLabel'><strong>"
        f"The night crossing</strong></a></h3>{_p(1, 2)}</div>"
    )
    article = parse(html, URL)
    assert ("heading", "The night crossing") in [(b.kind, b.text) for b in article.body]


def test_component_library_cmp_classes_are_no_consent_box() -> None:
    # Adobe Experience Manager names every core component "cmp-<component>"; a consent
    # platform's box ("cmp", "cmp-banner") is still a cookie banner.
    html = _page(
        f"<div class='story'>{_p(0)}<div class='text'><div id='text-1' class='cmp-text'>"
        f"<h2>The night crossing</h2>{_p(1)}</div></div>"
        "<div class='cmp-banner'><p>We use cookies to improve your visit.</p></div></div>"
    )
    article = parse(html, URL)
    assert _texts(article) == [PARAGRAPHS[0], "The night crossing", PARAGRAPHS[1]]
    assert "cookie" in [r.kind for r in article.removed if "We use cookies" in r.text]


def test_a_polls_answer_options_are_not_body() -> None:
    # A poll set in the story (hashed classes, no <form>): radio buttons in labels.
    options = ("Yes, every hour.", "No, twice a day is enough.")
    poll = "<div class='x9'><p>Should the ferry run every hour?</p><div>{}</div></div>".format(
        "".join(
            f"<label><input type='radio' name='p1'><span><span>{o}</span></span></label>"
            for o in options
        )
    )
    article = parse(_page(f"<div class='story'>{_p(0)}{poll}{_p(1)}</div>"), URL)
    assert not any(option in article.text for option in options)
    assert [r.reason for r in article.removed if r.text == options[0]] == ["poll or form choice"]
    assert PARAGRAPHS[1] in _texts(article)


# A sign-up form's validation messages, hidden by CSS until a field is wrong: much unlinked
# text, but no story.
SIGN_UP_ERRORS = [
    f"Error {n}: the address you typed for your reader account is not valid, please try again."
    for n in range(1, 20)
]


def _sign_up_form() -> str:
    errors = "".join(f"<p class='field-error' role='alert'>{e}</p>" for e in SIGN_UP_ERRORS)
    return (
        f"<form action='#'>{errors}<input type='email' name='email'>"
        "<input type='password' name='password'><button>Create account</button></form>"
    )


def test_a_sign_up_forms_messages_are_not_body_however_long() -> None:
    # (Over GUARD_UNLINKED_CHARS of text: the text guard alone would keep it as content.)
    assert sum(len(e) for e in SIGN_UP_ERRORS) > 1200
    page = _page(f"<div class='story'>{_p(0, 1, 2)}</div><div class='b-x'>{_sign_up_form()}</div>")
    article = parse(page, URL)
    assert _texts(article) == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]]
    assert any(r.reason == "login form" and "Error 1:" in r.text for r in article.removed)


def test_a_form_around_the_whole_page_keeps_its_story() -> None:
    # ASP.NET pages wrap everything in one <form>; a login box in it does not make the story
    # chrome.
    box = "<div class='login'><input type='text'><input type='password'></div>"
    page = _page(f"<form action='/page.aspx'>{box}<div class='story'>{_p(0, 1, 2, 3)}</div></form>")
    assert _texts(parse(page, URL)) == [PARAGRAPHS[i] for i in range(4)]


def _ld_article(article_body: str) -> str:
    data = {"@type": "NewsArticle", "headline": "Ferry story", "articleBody": article_body}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_a_script_rendered_story_is_read_from_the_jsonld_article_body() -> None:
    # A single-page app's shell (Next.js): the HTML shows a teaser line and a follow button;
    # the story ships only in the structured data.
    shell = "<div id='__next'><p>Follow the author</p><button>+ FOLLOW</button></div>"
    article = parse(_page(shell, head=_ld_article("\n\n".join(PARAGRAPHS[:4]))), URL)
    assert _texts(article) == PARAGRAPHS[:4]
    assert article.provenance["body"] == "json-ld"
    assert any("articleBody" in warning for warning in article.warnings)


def test_an_escaped_markup_article_body_is_read_as_its_paragraphs() -> None:
    escaped = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAGRAPHS[:4])
    article = parse(_page("<p>Loading…</p>", head=_ld_article(escaped)), URL)
    assert _texts(article) == PARAGRAPHS[:4]


def test_a_page_showing_its_story_keeps_its_html_body() -> None:
    # The articleBody repeats the story with every caption of a gallery: the HTML shows a
    # good share of it, and its blocks (headings, order) stand.
    captions = " ".join(f"Photo {n}: the harbour at dawn, seen from the pier." for n in range(20))
    html = _page(
        f"<div class='story'>{_p(0)}<h2>The vote</h2>{_p(1, 2)}</div>",
        head=_ld_article(" ".join(PARAGRAPHS[:3]) + " " + captions),
    )
    article = parse(html, URL)
    assert _texts(article) == [PARAGRAPHS[0], "The vote", PARAGRAPHS[1], PARAGRAPHS[2]]
    assert "body" not in article.provenance


def test_widget_title_subhead_inside_the_story_is_kept() -> None:
    html = _page(
        f"<div class='entry-content'>{_p(0, 1)}"
        f"<h2 class='widget-title'>The road closes at noon</h2>{_p(2, 3)}</div>"
    )
    assert "The road closes at noon" in _texts(parse(html, URL))


def test_lines_repeated_inside_one_container_are_not_furniture() -> None:
    story = [("Morning meal", "plan"), ("Evening meal", "plan")] * 3
    comments = [("Reply", f"comment-{n}") for n in range(3)]
    assert repeated_furniture(story + comments) == {"Reply"}


def test_a_short_last_section_with_a_subheading_joins_the_story() -> None:
    # Div soup: the story's parts are sibling divs; the last one, after an ad, is a subheading
    # and one short paragraph, too little text to join on its score alone.
    html = _page(
        f"<div class='a1'><div class='a2'>{_p(0, 1, 2, 3)}</div>"
        "<div class='a3'><span>Advertisement</span></div>"
        "<div class='a4'><h2>What happens next</h2>"
        f"<p>{LAST}</p></div></div>"
    )
    texts = _texts(parse(html, URL))
    assert texts[-2:] == ["What happens next", LAST]


def test_last_prose_set_apart_by_an_ad_joins_the_story() -> None:
    # Found by the ci-long property run: the story's last short paragraph sits in its own div
    # after an ad; nothing but the ad lies between it and the story.
    html = _page(
        f"<div class='a1'><div class='a2'>{_p(0, 1, 2, 3)}</div>"
        "<div class='a3'><span>Advertisement</span></div>"
        f"<div class='a4'><p>{LAST}</p></div></div>"
    )
    assert _texts(parse(html, URL))[-1] == LAST


def test_a_last_chunk_from_the_story_template_joins_it() -> None:
    # Found by the ci-long property run: the story's template renders it in two chunks that
    # touch; the last chunk is one paragraph, too little to earn a place by its score.
    last = "The council will vote on the new timetable in June, the mayor said on Friday."
    chunks = f"<div class='txt'>{_p(0, 1, 2, 3)}</div><div class='txt'><p>{last}</p></div>"
    assert _texts(parse(_page(f"<div class='a1'>{chunks}</div>"), URL))[-1] == last
    # It may hold anything the story does: a list too.
    listed = (
        "<div class='txt'><ol><li>Buy a ticket</li><li>Board</li></ol><p>" + last + "</p></div>"
    )
    chunks = f"<div class='txt'>{_p(0, 1, 2, 3)}</div>{listed}"
    assert _texts(parse(_page(f"<div class='a1'>{chunks}</div>"), URL))[-2:] == [
        "Buy a ticket\nBoard",
        last,
    ]
    # Div soup: the chunk's text sits in <div>s, not <p>s (found by ci-long run 11).
    soup = (
        "<div class='txt'><ul><li>Buy a ticket</li><li>Board</li></ul><div>" + last + "</div></div>"
    )
    chunks = f"<div class='txt'>{_p(0, 1, 2, 3)}</div>{soup}"
    assert _texts(parse(_page(f"<div class='a1'>{chunks}</div>"), URL))[-1] == last
    # A thematic break opening the chunk sets it apart: a press release's "about us" text.
    about = "<div class='txt'><hr><p>The Bay Ferry Company runs twelve boats.</p></div>"
    chunks = f"<div class='txt'>{_p(0, 1, 2, 3)}</div>{about}"
    assert _texts(parse(_page(f"<div class='a1'>{chunks}</div>"), URL))[-1] == PARAGRAPHS[3]


def test_a_quote_with_text_between_its_paragraphs_is_read_in_order() -> None:
    # Found by the ci-long property run: a broken end tag left the next paragraph inside the
    # quote, after its source line; joining the two paragraphs skipped the text between.
    html = _page(
        f"<div class='story'>{_p(0)}<blockquote><p>We sail at dawn.</p>"
        "<footer><cite>Ada Quill</cite></footer></bl</li>ockquote>"
        f"{_p(1, 2)}</div>"
    )
    quote = next(block for block in parse(html, URL).body if block.kind == "quote")
    lines = quote.text.split("\n")
    assert lines[:3] == ["We sail at dawn.", "Ada Quill", "ockquote>"]
    assert lines[3] == PARAGRAPHS[1]


def test_a_short_paragraph_that_is_mostly_a_link_is_kept() -> None:
    # Found by the ci-long property run: the story's last chunk was one short paragraph, most
    # of it a link; it was dropped as a link list.
    last = "<a href='/ferries/'>The new pier</a> opens in June."
    chunks = f"<div class='txt'>{_p(0, 1, 2, 3)}</div><div class='txt'><p>{last}</p></div>"
    texts = _texts(parse(_page(f"<div class='a1'>{chunks}</div>"), URL))
    assert texts[-1] == "The new pier opens in June."
    # A bare link, or a link with a word or two, is still a link line.
    html = _page(
        f"<div class='story'>{_p(0, 1)}<p><a href='/more/'>More ferries</a> here.</p></div>"
    )
    assert "More ferries here." not in _texts(parse(html, URL))


def test_a_contact_box_after_the_story_stays_out() -> None:
    html = _page(
        f"<div class='a1'><div class='a2'>{_p(0, 1, 2, 3)}</div>"
        "<div class='a4'><h2>Media contact</h2><p>Jane Roe</p><p>press@bay.example</p></div></div>"
    )
    texts = _texts(parse(html, URL))
    assert "press@bay.example" not in texts and texts[-1] == PARAGRAPHS[3]


def test_a_part_after_one_that_ends_on_a_subheading_continues_the_story() -> None:
    html = _page(
        f"<div class='a1'><div class='a2'>{_p(0, 1, 2, 3)}<h2>What happens next</h2></div>"
        "<div class='a3'><span>Advertisement</span></div>"
        f"<div class='a4'><p>{LAST}</p></div></div>"
    )
    texts = _texts(parse(html, URL))
    assert texts[-2:] == ["What happens next", LAST]


def test_an_opening_part_that_ends_on_a_subheading_belongs_to_the_story() -> None:
    html = _page(
        "<div class='a1'><div class='a0'><p>The ferry is back.</p><h2>How it started</h2></div>"
        f"<div class='a2'>{_p(0, 1, 2, 3)}</div></div>"
    )
    texts = _texts(parse(html, URL))
    assert texts[:3] == ["The ferry is back.", "How it started", PARAGRAPHS[0]]


def test_an_opening_chunk_of_the_story_template_with_a_list_and_a_subheading_joins_it() -> None:
    # Found by ci-long run 18: the story's template renders it in two chunks with an ad
    # between; the first holds a list and ends on the subheading that leads into the second.
    ad = "<div class='slot'><span>Advertisement</span></div>"
    opening = (
        f"<div class='txt'>{_p(0)}{ad}{_p(1)}<ul><li>Buy a ticket</li><li>Board</li></ul>"
        "<h2>How it started</h2></div>"
    )
    # The rest of the story is long: its chunk alone wins the body search.
    rest = "".join(
        f"<p>Part {n}: the timetable changes again in spring, when the longer evening "
        "crossings return and the island cafés reopen their terraces for the season. The "
        "harbour office expects more cyclists than last year and has asked for a second "
        "boat on weekends, which the council has so far refused to pay for.</p>"
        for n in range(18)
    )
    dateline = "<div class='when'><span>1 de enero de 2008 - 00:00</span></div>"
    html = _page(f"<div class='a1'>{dateline}{opening}{ad}<div class='txt'>{rest}</div></div>")
    texts = _texts(parse(html, URL))
    assert texts[:4] == [PARAGRAPHS[0], PARAGRAPHS[1], "Buy a ticket\nBoard", "How it started"]
    assert texts[-1].startswith("Part 17:")


@pytest.mark.parametrize(
    "buttons",
    [
        "Share|Tweet|Email|Print",
        "Facebook|X|WhatsApp|E-Mail|Drucken",
        # Japanese: post, see everyone's posts, share, bookmark, save, mail, link, print.
        "ポスト|みんなのポストを見る|シェア|ブックマーク|保存|メール|リンク|印刷",
    ],
)
def test_a_bare_list_of_share_buttons_inside_the_story_is_chrome(buttons: str) -> None:
    row = "<ul>" + "".join(f"<li><a href='#'>{b}</a></li>" for b in buttons.split("|")) + "</ul>"
    article = parse(_page(f"<div class='story'>{_p(0, 1)}{row}{_p(2, 3)}</div>"), URL)
    assert _texts(article) == PARAGRAPHS[:4]
    assert any(r.kind == "share" and r.reason == "list of buttons" for r in article.removed)


def test_a_short_list_that_mentions_networks_among_other_words_stays() -> None:
    # One network name among ordinary items, and a network as a subheading, are story text.
    items = "<ul><li>Telegram</li><li>A paper map</li><li>Spare batteries</li></ul>"
    html = _page(f"<div class='story'>{_p(0, 1)}<h2>Telegram</h2>{items}{_p(2, 3)}</div>")
    texts = _texts(parse(html, URL))
    assert "Telegram" in texts and "Telegram\nA paper map\nSpare batteries" in texts


def test_a_newsletter_popup_marked_only_by_data_attributes_is_chrome() -> None:
    # A build without meaningful class names marks its widgets in data-* attribute names.
    popup = (
        "<div class='bg_x81k' data-newsletter-popup-container=''><div class='c_a1'>"
        "<h2 class='t_q9'>Get the morning briefing</h2>"
        "<p class='d_w2'>We send the briefing to the address you give us and nothing else; "
        "you can leave the list at any time from the link in every message.</p></div></div>"
    )
    article = parse(_page(f"<div class='story'>{_p(0, 1, 2)}</div>{popup}"), URL)
    assert all("briefing" not in text for text in _texts(article))
    assert any("morning briefing" in removal.text for removal in article.removed)


def test_a_related_label_in_cjk_brackets_goes_with_its_list() -> None:
    related = (
        "<p>【関連記事】</p><ul><li><a href='/news/1'>港の新しい桟橋が来月ついに完成へ</a></li>"
        "<li><a href='/news/2'>フェリーの運航時間を変更</a></li></ul>"
    )
    article = parse(_page(f"<div class='story'>{_p(0, 1, 2)}{related}</div>"), URL)
    assert "【関連記事】" not in _texts(article)
    assert [link.title for link in article.related_links] == [
        "港の新しい桟橋が来月ついに完成へ",
        "フェリーの運航時間を変更",
    ]


def test_the_body_does_not_end_on_a_label() -> None:
    # The taxonomy links under "Companies:" are no body; the label left behind goes too.
    tail = (
        "<p>Companies:</p><ul><li><a href='/company/harbour-lines'>Harbour Lines</a></li>"
        "<li><a href='/company/bay-ferries'>Bay Ferries</a></li></ul>"
    )
    article = parse(_page(f"<div class='story'>{_p(0, 1, 2)}<p>In brief:</p>{_p(3)}{tail}</div>"))
    texts = _texts(article)
    assert texts[-1] == PARAGRAPHS[3]
    assert "In brief:" in texts  # a label the story goes on after stays
    assert any(r.reason == "label with nothing after it" for r in article.removed)


def test_an_about_the_author_section_at_the_end_is_no_body() -> None:
    bio = "Mara Olsen has covered the harbour and its ferries for the Gazette since 2011."
    story = f"<div class='story'>{_p(0, 1, 2)}<h3>Über die Autorin:</h3><p>{bio}</p></div>"
    article = parse(_page(story), URL)
    assert _texts(article) == PARAGRAPHS[:3]
    assert any(r.reason == "author biography" and bio in r.text for r in article.removed)


def test_contact_details_closing_a_press_release_are_no_body() -> None:
    contact = (
        "<p>Kontakt:</p><p><b>Mara Olsen<br></b>Telefon +49 (0)40 / 12 34 56</p>"
        "<p><a href='mailto:presse@harbour.test'>presse@harbour.test</a></p>"
    )
    article = parse(_page(f"<div class='story'>{_p(0, 1, 2)}{contact}</div>"), URL)
    assert _texts(article) == PARAGRAPHS[:3]
    assert any(r.reason == "contact details" and "Mara Olsen" in r.text for r in article.removed)


def test_an_about_the_author_heading_over_a_long_section_stays() -> None:
    # An interview's closing section named after its subject: story text, not a biography.
    story = f"<div class='story'>{_p(0, 1)}<h3>About the author</h3>{_p(2, 3, 4, 5)}</div>"
    assert "About the author" in _texts(parse(_page(story), URL))


def test_a_previous_next_story_box_is_no_body() -> None:
    box = (
        "<div class='grid next-prev'><div class='row'><a href='/news/pier-opens'>"
        "<h5>Pier opens in June</h5></a><p class='excerpt'>The new pier takes its first "
        "ferries in the summer</p><label>Ana Ruiz 2024-05-02 10:12</label></div></div>"
    )
    article = parse(_page(f"<div class='story'>{_p(0, 1, 2)}{box}</div>"), URL)
    assert _texts(article) == PARAGRAPHS[:3]
    assert any(r.kind == "navigation" and "Pier opens" in r.text for r in article.removed)


def test_empty_break_spans_split_loose_text_into_paragraphs() -> None:
    # A template that styles its paragraph breaks in CSS: loose text parted by empty spans.
    parts = "<span class='id-component br'></span>".join(PARAGRAPHS[:3])
    article = parse(_page(f"<div class='story'>{parts}</div>"), URL)
    assert _texts(article) == PARAGRAPHS[:3]


def test_card_summaries_under_a_chrome_heading_are_no_body() -> None:
    cards = "".join(
        f"<div class='tumb'><div class='title'><a href='/diet-{n}.html'>Diet {n}</a></div>"
        f"<div class='body'>A popular plan number {n}. Lose weight in {n + 7} days.</div></div>"
        for n in range(4)
    )
    html = _page(
        f"<div class='story'>{_p(0, 1, 2)}</div><div id='box'><h2>Most popular</h2>{cards}</div>"
    )
    article = parse(html, URL)
    assert _texts(article) == PARAGRAPHS[:3]
    assert any(r.reason == "card under a chrome label" for r in article.removed)


def test_a_long_paragraph_ends_the_box_under_a_chrome_heading() -> None:
    long = f"<p>{PARAGRAPHS[3]} {PARAGRAPHS[4]}</p>"
    box = f"<div id='box'><h2>Most popular</h2><div>Diet 1</div>{long}</div>"
    article = parse(_page(f"<div class='story'>{_p(0, 1, 2)}</div>{box}"), URL)
    cards = [r.text for r in article.removed if r.reason == "card under a chrome label"]
    assert cards == ["Diet 1"]


def test_a_header_row_repeated_in_every_table_stays() -> None:
    def table(n: int) -> str:
        return (
            f"<h3>Quarter {n}</h3><table><tr><th>Pos</th><th>Player</th><th>Plays</th></tr>"
            f"<tr><td>DE</td><td>Ana Ruiz</td><td>{40 + n}</td></tr></table>"
        )

    html = _page(f"<div class='story'>{_p(0, 1)}{''.join(table(n) for n in range(4))}</div>")
    texts = _texts(parse(html, URL))
    assert texts.count("Pos Player Plays") == 4


def test_an_embedded_posts_source_line_is_its_cite() -> None:
    post = (
        "<blockquote class='twitter-tweet'><p>The new pier looks better than the old one.</p>"
        "— Ana Ruiz (@anaruiz) <a href='https://social.test/anaruiz/1'>May 2, 2024</a>"
        "</blockquote>"
    )
    article = parse(_page(f"<div class='story'>{_p(0, 1)}{post}{_p(2)}</div>"), URL)
    quotes = [b for b in article.body if b.kind == "quote"]
    assert [(q.text, q.cite) for q in quotes] == [
        ("The new pier looks better than the old one.", "Ana Ruiz (@anaruiz) May 2, 2024")
    ]


@pytest.mark.parametrize(
    "label", ["Lesen Sie auch:", "Weitere Informationen zum Hafenumbau in Nordstadt:"]
)
def test_a_related_label_ending_in_a_colon_leaves_the_body(label: str) -> None:
    links = "<ul><li><a href='/a'>Pier plan</a></li><li><a href='/b'>Ferry fares</a></li></ul>"
    article = parse(_page(f"<div class='story'>{_p(0, 1)}<p>{label}</p>{links}{_p(2)}</div>"), URL)
    assert _texts(article) == PARAGRAPHS[:3]
    assert any(r.text == label for r in article.removed)


def test_a_short_loose_sentence_that_is_mostly_a_link_stays() -> None:
    # Found by the ci-long property run: div-soup's paragraph of three words around a link.
    soup = "".join(f"<div class='u{n}'>{PARAGRAPHS[n]}</div>" for n in range(3))
    linked = (
        "<div class='b7'>From <a href='/business/topic/'>Harbour Board Minutes</a> on ferries."
        "</div>"
    )
    article = parse(
        _page(f"<div class='col'>{soup}{linked}<div class='u9'>{PARAGRAPHS[3]}</div></div>"), URL
    )
    assert "From Harbour Board Minutes on ferries." in _texts(article)


def test_an_edit_link_without_class_names_is_admin_chrome() -> None:
    # Found by the ci-long property run: a div-soup page's "Edit this article" link (hashed
    # class, wp-admin URL) over a short story was read as a related teaser.
    edit = "<a class='c-81x' href='/wp-admin/post.php?post=7&amp;action=edit'>Edit this article</a>"
    article = parse(_page(f"{edit}<div class='story'>{_p(0)}</div>"), URL)
    assert article.related_links == []
    assert any(r.kind == "admin" and r.text == "Edit this article" for r in article.removed)


def test_a_long_paragraph_above_an_image_is_no_caption() -> None:
    # Found by the ci-long property run: in div soup a story paragraph and an uncaptioned
    # image shared a wrapper, and the paragraph above the image was taken as its caption.
    first = f"{PARAGRAPHS[0]} {LAST}"
    html = _page(
        f"<div class='story'><div class='chunk'><div>{first}</div>"
        "<div><img src='/media/pier.jpg'></div></div>"
        f"<div class='chunk'><div>{PARAGRAPHS[1]}</div><div>{PARAGRAPHS[2]}</div></div></div>"
    )
    assert _texts(parse(html, URL))[:3] == [first, PARAGRAPHS[1], PARAGRAPHS[2]]
    captioned = _page(
        f"<div class='story'>{_p(0, 1)}<div><div><img src='/media/pier.jpg'></div>"
        f"<div>The new pier at dawn.</div></div>{_p(2)}</div>"
    )
    assert "The new pier at dawn." not in _texts(parse(captioned, URL))


def test_a_story_part_that_opens_with_a_picture_keeps_its_paragraph() -> None:
    # Found by the ci-long property run: a body split into boxes of one class, the last box
    # holding an uncaptioned picture and one paragraph; that paragraph was taken as a caption.
    html = _page(
        f"<div class='x7q'>{_p(0, 1, 2)}</div>"
        f"<div class='x7q'><div class='m2'><img src='/media/pier.jpg'></div><p>{LAST}</p></div>"
        "<div class='s9'><a href='https://social.example/share'>Share</a></div>"
    )
    assert _texts(parse(html, URL)) == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2], LAST]
    # A picture box made like its neighbours, which hold a picture and two short lines each,
    # is a figure: its text is a caption.
    figure = "<div class='fig'><div class='m2'><img src='/media/{}.jpg'></div>{}</div>"
    lines = "<p>The new pier at dawn.</p><p>Photo: Harbour Agency</p>"
    html = _page(
        f"<div class='story'>{_p(0, 1)}{figure.format('a', lines)}"
        f"{figure.format('b', '<p>The old pier at dusk.</p>')}{_p(2)}</div>"
    )
    assert "The old pier at dusk." not in _texts(parse(html, URL))


def test_fallback_text_inside_an_iframe_is_never_body() -> None:
    # Editors leave escaped markup inside embeds; no browser shows an <iframe>'s own text.
    leftover = "&lt;span class='editor-bookmark' style='width: 0px'&gt;&amp;#65279;&lt;/span&gt;"
    html = _page(
        f"<article>{_p(0, 1)}"
        f"<p><iframe src='https://video.example.test/embed/1'>{leftover}</iframe></p>"
        f"{_p(2, 3)}</article>"
    )
    article = parse(html, URL)
    assert _texts(article) == PARAGRAPHS[:4]
    assert "editor-bookmark" not in article.model_dump_json()


def test_a_question_asked_of_every_interviewee_stays_each_time() -> None:
    # A round-up asks each person the same question: the repeat is the author's, not a copy.
    question = "What would you change about the ferry timetable if it were up to you alone?"
    people = "".join(
        f"<h2>Person {n}</h2><p>{question}</p><p>{PARAGRAPHS[n]}</p>" for n in range(4)
    )
    article = parse(_page(f"<article>{people}</article>"), URL)
    assert _texts(article).count(question) == 4
    assert not [r for r in article.removed if r.kind == "repeated"]


def test_a_story_rendered_twice_comes_out_once() -> None:
    # Mobile and desktop copies of the same paragraphs, one after the other.
    copy = _p(0, 1, 2) + f"<p>{LAST}</p>"
    article = parse(_page(f"<article>{copy}{copy}</article>"), URL)
    assert _texts(article) == [*PARAGRAPHS[:3], LAST]
    repeated = [r for r in article.removed if r.kind == "repeated"]
    assert len(repeated) == 4  # the short last line too: it repeats beside other repeats


def test_a_meal_plan_repeating_its_dishes_day_after_day_keeps_every_day() -> None:
    # A dish and its portion line recur two by two under each day's headings: the author's
    # plan, not a copy of the story (a copy repeats paragraph after paragraph).
    dish = "Oat porridge with stewed apples, cinnamon and a spoon of walnuts"
    portion = "Portion: 1 cup oats, 1 apple, 1 tsp. walnuts, 1 cup milk"
    day = f"<h3>Breakfast</h3><p>{dish}</p><p>{portion}</p><h3>Snack</h3><p>One pear.</p>"
    days = "".join(f"<h2>Day {n}</h2>{day}" for n in range(1, 4))
    article = parse(_page(f"<article>{_p(0, 1)}{days}{_p(2)}</article>"), URL)
    texts = _texts(article)
    assert texts.count(dish) == 3 and texts.count(portion) == 3
    assert not [r for r in article.removed if r.reason == "duplicate block"]


def test_text_is_never_joined_across_a_skipped_button() -> None:
    # Found by the ci-long property run: malformed markup left a sign-up form (its button
    # among it) inside a list item, and the item read the text around the skipped button as
    # one line that the page never shows.
    before = "The crew checked every rope before the ferry left the quay at dawn"
    after = "and the passengers, most of them commuters, watched the harbour lights fade."
    html = _page(
        f"<div class='story'>{_p(0, 1)}<div>{before}<button>Show more</button>{after}</div>"
        f"<ul><li>Tickets are sold at the quay<button>Buy</button>from six in the morning</li>"
        f"<li>Bicycles travel free</li></ul>{_p(2)}</div>"
    )
    article = parse(html, URL)
    texts = _texts(article)
    assert before in texts and after in texts
    items = next(block.items for block in article.body if block.kind == "list")
    assert items == [
        "Tickets are sold at the quay",
        "from six in the morning",
        "Bicycles travel free",
    ]
    assert not any("Show more" in text or "Buy" in text for text in texts)


def test_a_long_paragraph_repeated_alone_is_a_copy() -> None:
    # A paragraph this long is not repeated word for word by its author.
    long = f"{PARAGRAPHS[0]} {PARAGRAPHS[4]}"
    article = parse(_page(f"<article><p>{long}</p>{_p(1, 2)}<p>{long}</p>{_p(3)}</article>"), URL)
    assert _texts(article) == [long, *PARAGRAPHS[1:4]]


def test_a_negated_class_word_marks_content_not_chrome() -> None:
    # "no-tts" leaves a block out of text-to-speech; "no-sidebar" is a full-width layout.
    html = _page(
        f"<div class='layout no-sidebar'><article>{_p(0)}"
        "<p class='no-tts interline'>What the council decided</p>"
        f"<div class='no-tts'>{_p(1, 2)}</div>"
        "<div class='tts-player'><p>Listen to this article</p></div></article></div>"
    )
    article = parse(html, URL)
    assert _texts(article) == [PARAGRAPHS[0], "What the council decided", *PARAGRAPHS[1:3]]
    assert [r.kind for r in article.removed if "Listen" in r.text] == ["media_note"]


def test_an_offer_box_with_indented_markup_is_still_chrome() -> None:
    # The source's indentation inside a <p> is no text: the paywall's price boxes are short.
    def offer(name: str, price: str) -> str:
        return (
            "<div class='paywall-package'>\n"
            f"<p>\n{' ' * 200}{name}\n{' ' * 100}</p>\n<p>\n{' ' * 200}{price}\n</p></div>"
        )

    html = _page(
        f"<article>{_p(0, 1, 2)}{offer('Yearly', '99 a year')}{offer('Monthly', '9 a month')}"
        "</article>"
    )
    article = parse(html, URL)
    assert _texts(article) == PARAGRAPHS[:3]
    assert [r.reason for r in article.removed if "Yearly" in r.text] == ["class/id 'paywall'"]


def test_a_box_that_ends_above_the_headline_is_not_the_story() -> None:
    # An outdated-browser notice at the top of <body>, as long as the short story below.
    notice = "".join(
        f"<p>{text}</p>"
        for text in (
            "Dear readers, thank you for visiting our pages, which we keep up to date, "
            "with news, results, fixtures and much more, every single day of the year.",
            "Your browser is out of date, however, and some parts of these pages, such as "
            "the tables, the videos and the live scores, may not work as they should.",
            "Please switch to a current browser, such as one of those listed below, and "
            "write to us, at any time, if something still does not work for you.",
        )
    )
    html = (
        "<!DOCTYPE html><html><head><title>Ferry story</title></head><body>"
        f"<div id='old-browser'><div class='wrapper'><h2>Dear readers</h2>{notice}</div></div>"
        f"<section class='news'><h1>Ferry story</h1><div>{_p(0, 1, 2)}</div></section>"
        "</body></html>"
    )
    assert _texts(parse(html, URL)) == PARAGRAPHS[:3]


def test_chunks_each_in_a_wrapper_of_their_own_are_one_story() -> None:
    # Drupal "paragraphs": every chunk of the story sits in its own item wrapper, a pull
    # quote between two of them.
    def item(inner: str) -> str:
        return (
            f"<div class='field__item'><div class='paragraph paragraph--text'>{inner}</div></div>"
        )

    def chunk(*indexes: int) -> str:
        return item(f"<div class='clearfix text-formatted field--text'>{_p(*indexes)}</div>")

    quote = "<blockquote><p>The timetable has to change, and it has to change this year.</p>"
    html = _page(
        "<div class='field field--paragraphs'>"
        f"{chunk(0, 1)}{item(quote + '</blockquote>')}{chunk(2, 3, 4)}</div>"
    )
    texts = _texts(parse(html, URL))
    assert [t for t in texts if t.startswith("Paragraph")] == PARAGRAPHS[:5]


LEAD = (
    "The harbour board voted on Monday to replace the last diesel ferry, ending a debate "
    "that has divided the island towns for almost a decade."
)


def _headed(between: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Ferry story</title></head><body><main>"
        f"<header><h1>Ferry story</h1></header>{between}"
        f"<div class='story-body'><div class='text'>{_p(0, 1, 2, 3)}</div></div>"
        "</main></body></html>"
    )


def test_a_lead_in_a_container_of_its_own_opens_the_body() -> None:
    # (Not named as a standfirst: that would make it the subheadline.)
    html = _headed(
        f"<section class='module'><div class='module__copy'><p>{LEAD}</p></div></section>"
    )
    assert _texts(parse(html, URL)) == [LEAD, *PARAGRAPHS[:4]]


def test_a_lead_above_an_appeal_box_opens_the_body() -> None:
    # The appeal's text is chrome by its words; its short label stands in the same box and
    # does not end the search for the lead.
    appeal = (
        "<div class='o-media'>Helfen Sie mit!"
        "<div class='o-media__body'><p>Jede kleine Spende hilft den Menschen am Hafen!</p>"
        "</div></div>"
    )
    html = _headed(
        f"<section class='module'><div class='module__copy'><p>{LEAD}</p></div>{appeal}</section>"
    )
    texts = _texts(parse(html, URL))
    assert texts == [LEAD, *PARAGRAPHS[:4]]


@pytest.mark.parametrize(
    "box",
    [
        "<div class='author-short-bio'><p>{}</p></div>",
        "<div class='article-disclaimer'><p>{}</p></div>",
        "<figure><div class='featuredimagecaption'><p>{}</p></div></figure>",
    ],
)
def test_a_box_between_headline_and_story_is_no_lead(box: str) -> None:
    html = _headed(box.format(LEAD))
    assert LEAD not in _texts(parse(html, URL))


def test_a_highlights_box_quoting_the_story_is_no_lead() -> None:
    html = _headed(f"<div class='highlights'><b>Highlights</b><div>{PARAGRAPHS[2]}</div></div>")
    assert _texts(parse(html, URL)) == PARAGRAPHS[:4]


def test_the_lead_is_found_under_a_headline_shown_with_a_date_before_it() -> None:
    # No <h1>: the headline block is found by the heading that holds the og:title.
    title = "Ferry runs late again on the island route"
    html = (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        f"<meta property='og:title' content='{title}'></head><body><main>"
        f"<header><h2 class='title'>12.05.2024 - {title}</h2></header>"
        f"<section class='module'><div class='module__copy'><p>{LEAD}</p></div></section>"
        f"<div class='story-body'><div class='text'>{_p(0, 1, 2, 3)}</div></div>"
        "</main></body></html>"
    )
    article = parse(html, URL)
    assert article.headline == title
    assert _texts(article) == [LEAD, *PARAGRAPHS[:4]]


def test_a_paywall_class_on_each_paragraph_marks_metered_text_not_a_box() -> None:
    # Metered templates class every paragraph, subheading and list of the story "paywall";
    # a box of that name is still chrome.
    html = _page(
        "<article class='body'>"
        f"<p class='paywall'>{PARAGRAPHS[0]}</p><h2 class='paywall'>The night crossing</h2>"
        f"<p class='paywall'>{LAST}</p><ul class='paywall'><li>Fare: two pounds</li></ul>"
        f"<p class='paywall'>{PARAGRAPHS[1]}</p>"
        "<div class='paywall'><p>Subscribe to keep reading the Gazette.</p></div></article>"
    )
    article = parse(html, URL)
    assert _texts(article) == [
        PARAGRAPHS[0],
        "The night crossing",
        LAST,
        "Fare: two pounds",
        PARAGRAPHS[1],
    ]
    assert "boilerplate" in [r.kind for r in article.removed if "Subscribe" in r.text]


def test_a_hover_card_inside_a_paragraph_is_not_its_text() -> None:
    # A linked name opens a card (portrait, the person's latest stories) on hover.
    card = (
        "<span class='person'><a href='/people/ana-ruiz'>Ana Ruiz</a>"
        "<span class='person-card'><span><img src='/img/ana.jpg' alt=''>"
        "<a href='/people/ana-ruiz'>Ana Ruiz</a>"
        "<a href='/2024/05/01/pier-opens'>Mayor opens the new pier</a>"
        "<a href='/2024/04/12/budget'>Budget passes after long night</a></span></span></span>"
    )
    sentence = f"<p>The mayor, {card}, said the timetable would change.</p>"
    html = _page(f"<article>{_p(0)}{sentence}{_p(1, 2)}</article>")
    article = parse(html, URL)
    assert "The mayor, Ana Ruiz, said the timetable would change." in _texts(article)
    cards = [r for r in article.removed if r.reason == "hover card in a paragraph"]
    assert [r.kind for r in cards] == ["hidden"]
    assert "Mayor opens the new pier" in cards[0].text


@pytest.mark.parametrize(
    "note",
    ["Updated at 1:23 p.m.", "Aktualisiert um 14:30 Uhr", "Uppdaterad 15.59 | Publicerad 14.14"],
)
def test_a_line_that_is_only_an_update_time_is_no_paragraph(note: str) -> None:
    html = _page(f"<article>{_p(0, 1, 2)}<p><em>{note}</em></p></article>")
    article = parse(html, URL)
    assert _texts(article) == PARAGRAPHS[:3]
    assert [r.reason for r in article.removed if r.text == note] == ["publication or update time"]


def test_an_update_sentence_stays() -> None:
    note = "Updated at 1:23 p.m. with the council's answer to the petition."
    html = _page(f"<article>{_p(0, 1, 2)}<p>{note}</p></article>")
    assert note in _texts(parse(html, URL))


# A click-to-load placeholder for a chart, as CSS-in-JS templates write it (hashed classes):
# its label is a chrome phrase, its explanation runs longer than any chrome phrase's line.
CONSENT_EXPLANATION = (
    "To show our charts we use the software of a chart provider. Only when you click here are "
    "the charts loaded; your browser then sends its address to the provider's servers, whose "
    "privacy notes you can read on the provider's site. We keep your choice in the privacy "
    "settings so your next visits are easier, and you can withdraw it there at any time."
)


def test_a_click_to_load_placeholders_explanation_leaves_the_body() -> None:
    placeholder = (
        "<div class='c9x2k1'><div class='h4q7'>Ein Klick für den Datenschutz</div>"
        f"<div><div class='r1n4'>{CONSENT_EXPLANATION}</div></div>"
        "<div class='b8u2'>Load chart</div></div>"
    )
    article = parse(_page(f"<div class='k3j'>{_p(0, 1)}{placeholder}{_p(2, 3)}</div>"), url=URL)
    texts = _texts(article)
    assert texts == [PARAGRAPHS[i] for i in range(4)]
    assert "cookie" in [r.kind for r in article.removed if CONSENT_EXPLANATION[:80] in r.text]


def test_a_consent_label_loose_in_the_story_takes_no_paragraph_with_it() -> None:
    # The label sits straight in the story's container: the paragraphs around it stay.
    story = f"{_p(0, 1)}<p>Ein Klick für den Datenschutz</p>{_p(2, 3)}"
    assert _texts(parse(_page(f"<div class='k3j'>{story}</div>"), url=URL)) == [
        PARAGRAPHS[i] for i in range(4)
    ]


def test_a_latest_articles_heading_closing_the_story_goes_with_its_teasers() -> None:
    # A WordPress guide page: after the story, a "Latest articles" box of summaries inside the
    # story's column.
    summaries = "".join(
        f"<p>What makes a hybrid pump number {n} worth its price? Read our short guide.</p>"
        for n in range(1, 4)
    )
    tail = f"<h2>Latest articles</h2>{summaries}"
    article = parse(_page(f"<div class='entry-content'>{_p(0, 1, 2, 3)}{tail}</div>"), url=URL)
    assert _texts(article) == [PARAGRAPHS[i] for i in range(4)]
    assert any(r.kind == "related" and "Latest articles" in r.text for r in article.removed)
