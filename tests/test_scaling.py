"""parse() does work linear in the page's size: no stage may compare every block with every
other block. Measured as a ratio of times in one process, with a wide margin, so a slow or
busy machine does not fail it while a quadratic stage (256x for 16x the size) does."""

from __future__ import annotations

import time

import pytest

import newsparse
from newsparse.dom import parse_html
from newsparse.fields.cards import card_lists
from newsparse.fields.headline import shown_text

# 16x the page should cost about 16x the time; allow noise and fixed costs up to 48x.
SIZE_FACTOR = 16
MAX_TIME_RATIO = 48


def _page(paragraphs: int, shape: str) -> str:
    if shape == "paragraphs":
        body = "".join(
            f"<p>Paragraph {i} has some words, and commas, in it to be scored as text.</p>"
            for i in range(paragraphs)
        )
    elif shape == "div-soup":
        body = "".join(
            f"<div class='c{i % 7}'>Line {i} of loose text, with a comma.<br>More text here.</div>"
            for i in range(paragraphs)
        )
    elif shape == "link-lines":  # one <div> of <br>-separated lines, a link in each
        # Five lines to a unit: at a few hundred lines the per-line work of the linear stages
        # hides a term quadratic in the lines of one run (5,000 lines once took 4 s).
        body = "<div class='notices'>{}</div>".format(
            "<br>".join(
                f"Notice {i} of the list, see <a href='/n{i}'>the notice {i}</a> for more."
                for i in range(paragraphs * 5)
            )
        )
    elif shape == "link-run":  # one long line of inline links, then a <br> and a last line
        links = " ".join(f"<a href='/t{i}'>tag {i}</a>," for i in range(paragraphs * 10))
        body = f"<div class='tags'>Tags: {links}<br>End of the tags.</div>"
    elif shape == "chrome-headings":  # one box of "Most popular" labels over short cards
        body = "<div class='box'>{}</div>".format(
            "".join(f"<h3>Most popular</h3><div>Card {i}</div>" for i in range(paragraphs * 4))
        )
    elif shape == "gated":  # metered paragraphs hidden behind a paywall, each checked
        body = "".join(
            f"<p class='paywall' aria-hidden='true'>Gated paragraph {i} of the story, with "
            f"words {i * 7} and {i * 13} in it, and commas, long enough to count as text.</p>"
            for i in range(paragraphs)
        )
    elif shape == "wrapping-link":  # one <a> around many blocks, on a page with no <article>
        cards = "".join(
            f"<div>Card {i} text here and more words</div>" for i in range(paragraphs * 4)
        )
        return f"<html><body><a href='/all'>{cards}</a></body></html>"
    else:  # figures and teasers: the caption, feed and related-link checks
        body = "".join(
            f"<div><img src='/i{i}.jpg'><div>Caption {i} of a photo.</div></div>"
            f"<p>Story text {i}, long enough to count as a paragraph of the article body.</p>"
            f"<div><a href='/s{i}'>Teaser headline number {i} here</a></div>"
            for i in range(paragraphs)
        )
    return f"<html><body><article><h1>Scaling check</h1>{body}</article></body></html>"


def _best_time(html: str, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        newsparse.parse(html)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(
    "shape",
    [
        "paragraphs",
        "div-soup",
        "link-lines",
        "link-run",
        "chrome-headings",
        "wrapping-link",
        "gated",
        "figures",
    ],
)
def test_parse_time_grows_linearly(shape: str) -> None:
    small = _best_time(_page(100, shape))
    large = _best_time(_page(100 * SIZE_FACTOR, shape))
    assert large / small < MAX_TIME_RATIO, (shape, small, large)


def test_card_lists_stay_linear_in_deep_unwalked_markup() -> None:
    # Found by a mutation fuzz run: thousands of unclosed <div>s nest a listing page's text
    # past the walk's depth; reading each unwalked wrapper's whole text to find its cards was
    # quadratic (1.9 s on a 0.8 MB page). The card finder runs only on listing-like pages, so
    # it is timed on its own.
    def _deep(lines: int) -> float:
        text = "".join(f"<span>Line {i} of a short note</span>" for i in range(lines))
        root = parse_html(f"<html><body>{'<div>' * (lines * 2)}{text}</body></html>").body
        assert root is not None
        start = time.perf_counter()
        list(card_lists(root, set()))
        return time.perf_counter() - start

    small = min(_deep(100) for _ in range(3))
    large = min(_deep(100 * SIZE_FACTOR) for _ in range(3))
    # (The small case takes well under a millisecond: floor it so timer noise cannot fail it.)
    assert large / max(small, 1e-3) < MAX_TIME_RATIO, (small, large)


def test_the_headlines_shown_text_stays_linear_in_a_broken_h1() -> None:
    # Found by a mutation fuzz run: an unclosed <h1> holding a page whose markup nests ever
    # deeper, with a <style> inside; climbing from each text node to the <h1> was quadratic
    # (2 s on a 0.2 MB page).
    def _nested(words: int) -> float:
        inner = "<span>word ".join("" for _ in range(words + 1)) + "</span>" * words
        tree = parse_html(f"<html><body><h1><style>.k{{}}</style>{inner}</h1></body></html>")
        h1 = tree.css_first("h1")
        assert h1 is not None
        start = time.perf_counter()
        assert shown_text(h1).startswith("word word")
        return time.perf_counter() - start

    small = min(_nested(100) for _ in range(3))
    large = min(_nested(100 * SIZE_FACTOR) for _ in range(3))
    assert large / max(small, 1e-3) < MAX_TIME_RATIO, (small, large)
