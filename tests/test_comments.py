"""Reader comments (issue #3): left out of the body by default, recorded as removed chrome;
with ``include_comments=True`` each comment is its own record with its author and time."""

from __future__ import annotations

from pathlib import Path

from newsparse import parse

PAGE = (Path(__file__).parent / "fixtures" / "pages" / "wordpress-comments.html").read_text(
    encoding="utf-8"
)
URL = "https://brindlevalleypost.test/2024/06/03/allotment-waiting-list/"
FIRST = (
    "Half-plots are a good idea. Most of us newer growers never managed a full plot in the "
    "first year anyway."
)
SECOND = "Could the council also fix the gate on the orchard side before the new plots open?"
REPLY = "Thank you, the gate is on the list for the July working party."


def test_comments_are_left_out_by_default() -> None:
    article = parse(PAGE, URL)
    assert article.comments == []
    assert not any(text in article.text for text in (FIRST, SECOND, REPLY))
    assert any(r.kind == "comments" and "Half-plots" in r.text for r in article.removed)


def test_each_comment_is_a_record_with_its_author_and_time() -> None:
    article = parse(PAGE, URL, include_comments=True)
    assert [(c.author, c.time_text, c.text) for c in article.comments] == [
        ("Gideon Marsh", "3 June 2024 at 10:02 am", f"{FIRST}\n\n{SECOND}"),
        # The reply nested in its parent's element is a record of its own.
        ("Tamsin Orde", "3 June 2024 at 11:40 am", REPLY),
    ]
    # Never mixed into the body, which is the same with or without comments.
    assert article.body == parse(PAGE, URL).body


def test_comments_of_an_unnamed_template_are_one_record_per_paragraph() -> None:
    # A comment zone whose comments carry no class of their own: each text is a comment.
    story = "".join(
        f"<p>Paragraph {n} of the story tells how the allotment list filled up, who asked for "
        f"plots, and what the council plans to do next spring.</p>"
        for n in range(4)
    )
    html = (
        f"<html><body><article><h1>Allotments</h1>{story}</article>"
        "<section id='comments'><h3>Comments</h3>"
        f"<div><p>{FIRST}</p></div><div><p>{REPLY}</p></div></section></body></html>"
    )
    article = parse(html, URL, include_comments=True)
    assert [(c.author, c.text) for c in article.comments] == [(None, FIRST), (None, REPLY)]
    assert "Comments" not in [c.text for c in article.comments]
