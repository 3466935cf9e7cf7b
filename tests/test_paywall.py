"""The gated remainder of a story (issue #3: paywalled pages): text the page ships and hides
behind its paywall is the story; a hidden copy of the shown story and the paywall's own
prompt are not."""

from __future__ import annotations

from newsparse import parse
from newsparse.models import Article

URL = "https://example.test/sport/harbour-derby-ends-level"

SHOWN = (
    "The harbour derby ended level on Saturday, three goals each, after the home side twice "
    "led and twice let the visitors back in during a wet and windy afternoon at the quay."
)
GATED = [
    "The second half belonged to the visitors, whose captain pressed high, won the ball near "
    "the corner flag and set up the chance that levelled the score for the first time.",
    "Rain swept across the pitch after the hour, and both keepers spilled shots they would "
    "usually hold; the home goalkeeper said afterwards that the gloves had been useless.",
    "With four minutes left a free kick from the right found the tall centre back at the far "
    "post, and his header looped over the crowd of defenders into the top corner.",
    "The league table barely moved: both clubs stay in the middle of the division, eight "
    "points clear of the relegation places with five rounds of fixtures still to play.",
]
GATED_HEADING = "A frantic finish"
WARNING = "the body includes story text the page hides behind its paywall"
PROMPT = "This story is for subscribers. Log in or subscribe to keep reading."


def _page(article: str) -> str:
    # A Drupal-like article template: header, the story region, the paywall prompt, footer.
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Harbour derby ends level</title></head>"
        "<body><header class='site-header'><a href='/'>The Quay Courier</a></header>"
        "<main><article class='node node--article'><h1>Harbour derby ends level</h1>"
        f"<div class='field field--body'>{article}</div></article></main>"
        "<footer class='site-footer'><p>About · Contact · Privacy</p></footer></body></html>"
    )


def _texts(article: Article) -> list[str]:
    return [block.text for block in article.body]


def test_a_hidden_paywalled_remainder_follows_the_shown_teaser() -> None:
    html = _page(
        f"<p>{SHOWN}</p>"
        "<div class='paywall' hidden>"
        f"<p>{GATED[0]}</p><p>{GATED[1]}</p><h2>{GATED_HEADING}</h2><p>{GATED[2]}</p>"
        "</div>"
        f"<div class='paywall-prompt'><p>{PROMPT}</p></div>"
    )
    article = parse(html, URL)
    assert _texts(article) == [SHOWN, GATED[0], GATED[1], GATED_HEADING, GATED[2]]
    assert [block.kind for block in article.body][3] == "heading"
    assert WARNING in article.warnings
    assert PROMPT in [removal.text for removal in article.removed]


def test_a_remainder_styled_invisible_is_revealed_too() -> None:
    html = _page(
        f"<p>{SHOWN}</p>"
        "<div class='article-paywall-full-content' style='display: none'>"
        f"<p>{GATED[0]}</p><p>{GATED[1]}</p></div>"
    )
    assert _texts(parse(html, URL)) == [SHOWN, GATED[0], GATED[1]]


def test_metered_paragraphs_marked_aria_hidden_are_story_text() -> None:
    # Metered templates class each gated paragraph "paywall" and hide it from screen readers.
    html = _page(
        f"<p>{SHOWN}</p>"
        + "".join(f"<p class='paywall' aria-hidden='true'>{text}</p>" for text in GATED[:3])
    )
    article = parse(html, URL)
    assert _texts(article) == [SHOWN, *GATED[:3]]
    assert WARNING in article.warnings


def test_a_hidden_copy_of_the_shown_story_stays_hidden() -> None:
    # Some templates ship the whole story twice: shown, and again inside the hidden paywall
    # (as one run of text, the paragraphs glued together).
    shown = "".join(f"<p>{text}</p>" for text in [SHOWN, *GATED[:3]])
    copy = "".join([SHOWN, *GATED[:3]])
    html = _page(f"{shown}<div class='o-paywall' style='display:none'>{copy}</div>")
    article = parse(html, URL)
    assert _texts(article) == [SHOWN, *GATED[:3]]
    assert WARNING not in article.warnings
    assert "hidden" in [removal.kind for removal in article.removed]


def test_hidden_text_under_other_names_stays_hidden() -> None:
    # Only a paywall's gated text is revealed: a hidden "read more" drawer is not shown text.
    html = _page(f"<p>{SHOWN}</p><div class='drawer' hidden><p>{GATED[0]}</p></div>")
    article = parse(html, URL)
    assert _texts(article) == [SHOWN]
    assert WARNING not in article.warnings
