"""Stage 4, told from the headline: which of the strong candidates is the page's own story
(not a box above the headline, not the next story an infinite-scroll page stacks under it),
and the lead paragraph set between the headline and the story. ``locate`` calls these once it
has ranked the candidates; they only reorder them or add the lead to the region."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from newsparse import chrome
from newsparse.blocks import (
    SIBLING_PARAGRAPH_CHARS,
    TextBlock,
    Walk,
    block_span,
    common_depth,
    container_path,
    is_loose_paragraph,
)
from newsparse.dom import class_and_id

if TYPE_CHECKING:
    from newsparse.locate import Region

# Candidates this close to the winner compete on position: the one nearest under the headline.
HEADLINE_RIVAL_SHARE = 0.5
# A heading this long between the headline and the story is its lead paragraph set large.
LEAD_HEADING_CHARS = 100
# Parts of class names that say a block above the story is no lead: a caption or credit, a
# pull quote or summary box, a disclaimer, an author bio, a promotion ("article-disclaimer"
# and "featuredimagecaption" too, which the whole-word chrome tokens would not catch).
_NOT_LEAD_NAMES = re.compile(
    r"caption|credit|quote|disclaimer|disclosure|(?<![a-z])bio(?![a-z])|promo|messenger"
)


def own_story_first(
    walk: Walk,
    candidates: list[int],
    holds_a_story: Callable[[int], bool],
    first_block: dict[int, int],
    headline_at: int,
) -> int | None:
    """On a page of stacked stories (infinite scroll appends whole articles, each under a
    headline from the same template as the page's own), a winner past the next story's
    headline is that story: the page's article is the best candidate between its headline and
    the next one that holds a story's worth of text. None when the winner (the first
    candidate) is the page's own."""
    next_story = _next_story_headline(walk, headline_at)
    if next_story is None or first_block.get(candidates[0], -1) < next_story:
        return None
    own = [
        c
        for c in candidates
        if headline_at < first_block.get(c, -1)
        and block_span(walk, c)[1] < next_story
        and holds_a_story(c)
    ]
    return own[0] if own else None


def _next_story_headline(walk: Walk, headline_at: int) -> int | None:
    """The first later heading of the page's headline's template (same level, same class, in a
    container of the same tag and class), when the headline is a story headline (h1/h2)."""
    head = walk.blocks[headline_at]
    if head.tag != "heading" or (head.level or 9) > 2:
        return None
    template = _heading_template(walk, head)
    for index in range(headline_at + 1, len(walk.blocks)):
        block = walk.blocks[index]
        if (
            block.tag == "heading"
            and block.text != head.text
            and _heading_template(walk, block) == template
        ):
            return index
    return None


def _heading_template(walk: Walk, block: TextBlock) -> tuple[str | None, ...]:
    node = block.node
    parent = walk.nodes.get(block.path[-2]) if len(block.path) > 1 else None
    return (
        str(block.level),
        node.attributes.get("class") if node is not None else None,
        parent.tag if parent is not None else None,
        parent.attributes.get("class") if parent is not None else None,
    )


def headline_first(
    walk: Walk,
    ranked: list[int],
    final: Callable[[int], float],
    first_block: dict[int, int],
    headline_at: int,
) -> list[int]:
    """Of the candidates near the winner's score, the story that starts right under the
    headline is the page's article; a winner that ends above the headline is a box before
    the story."""
    best = final(ranked[0])
    strong = [c for c in ranked if final(c) >= HEADLINE_RIVAL_SHARE * best]
    if (
        first_block.get(ranked[0], -1) < headline_at
        and block_span(walk, ranked[0])[1] < headline_at
    ):
        # The winner ends above the headline: a box before the story (a browser notice, a
        # promo). A strong candidate that holds the headline or follows it is the story.
        later = [c for c in strong if block_span(walk, c)[1] > headline_at]
        if later:
            return [later[0], *[c for c in ranked if c != later[0]]]
    # A wrapper around the winner is no rival story.
    winner_path = walk.blocks[first_block[ranked[0]]].path if ranked[0] in first_block else ()
    after = [
        c for c in strong if first_block.get(c, -1) > headline_at and c not in winner_path[:-1]
    ]
    if not after or (
        ranked[0] in after and first_block[ranked[0]] == min(first_block[c] for c in after)
    ):
        return ranked
    nearest = min(after, key=lambda c: (first_block[c], -final(c)))
    if first_block.get(ranked[0], -1) <= headline_at:
        return ranked  # the winner starts at or above the headline: it holds it, keep it
    # Only when another story's headline (h1/h2) stands between the two.
    between = walk.blocks[first_block[nearest] : first_block[ranked[0]]]
    if not any(b.tag == "heading" and (b.level or 9) <= 2 for b in between):
        return ranked
    return [nearest, *[c for c in ranked if c != nearest]]


def join_lead(walk: Walk, eligible: list[bool], region: Region, headline_at: int) -> None:
    """Prose between the headline and the region's first block is the story's lead (an
    "intro" paragraph in a container of its own, a lead set as a long <h2>), when nothing but
    chrome and bylines, which are not eligible, stands between it and the story."""
    first = next((i for i, b in enumerate(walk.blocks) if eligible[i] and region.holds(i, b)), None)
    if first is None or first <= headline_at + 1:
        return
    story_path = walk.blocks[first].path
    story_texts = {b.text for i, b in enumerate(walk.blocks[first:], first) if region.holds(i, b)}
    for index in range(first - 1, headline_at, -1):
        if not eligible[index]:
            continue  # a byline, a dateline, a caption claimed as such
        block = walk.blocks[index]
        reads_as_lead = _reads_as_lead(block)
        if not reads_as_lead and _beside_claimed_chrome(walk, eligible, index):
            continue  # the label of a box claimed as chrome ("Helfen Sie mit!" over an appeal)
        if (
            not reads_as_lead
            or _in_named_box(walk, block, story_path)
            or block.text in story_texts  # a "highlights" box quoting the story
        ):
            return  # a teaser, a link row, a bio: the lead search ends at anything else
        region.loose_blocks.add(index)


def _beside_claimed_chrome(walk: Walk, eligible: list[bool], index: int) -> bool:
    """Whether a short block shares its container with a neighbour claimed as chrome: then
    it is part of that box."""
    block = walk.blocks[index]
    if len(block.text) >= SIBLING_PARAGRAPH_CHARS:
        return False
    home = container_path(block)
    return any(
        0 <= near < len(walk.blocks)
        and not eligible[near]
        and container_path(walk.blocks[near])[: len(home)] == home
        for near in (index - 1, index + 1)
    )


def _in_named_box(walk: Walk, block: TextBlock, story_path: tuple[int, ...]) -> bool:
    """Whether a container between the block and the story's common ancestor is named as
    chrome or a caption ("short-bio", "editorial-disclosure", "featuredimagecaption")."""
    for cid in block.path[common_depth(block.path, story_path) :]:
        node = walk.nodes.get(cid) or (block.node if cid == block.path[-1] else None)
        if node is None:
            continue
        names = class_and_id(node)
        if names.strip() and (chrome.names_chrome(names) or _NOT_LEAD_NAMES.search(names)):
            return True
    return False


def _reads_as_lead(block: TextBlock) -> bool:
    if block.tag == "heading":
        # A lead set as a heading is several sentences long, never a title.
        return len(block.text) >= LEAD_HEADING_CHARS and block.link_density == 0
    return (
        block.tag in ("p", "run")
        and is_loose_paragraph(block)
        and len(block.text) >= (SIBLING_PARAGRAPH_CHARS)
    )
