"""parse() does work linear in the page's size: no stage may compare every block with every
other block. Measured as a ratio of times in one process, with a wide margin, so a slow or
busy machine does not fail it while a quadratic stage (256x for 16x the size) does."""

from __future__ import annotations

import time

import pytest

import newsparse

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


@pytest.mark.parametrize("shape", ["paragraphs", "div-soup", "figures"])
def test_parse_time_grows_linearly(shape: str) -> None:
    small = _best_time(_page(100, shape))
    large = _best_time(_page(100 * SIZE_FACTOR, shape))
    assert large / small < MAX_TIME_RATIO, (shape, small, large)
