"""Stage 4: find the article region. Readability-style container scoring over the text blocks:
each paragraph scores its ancestors, link-heavy containers are discounted, and siblings of the
winner that also hold article text (magazine layouts split the story) are merged in."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from newsparse import vocab
from newsparse.blocks import TextBlock, Walk
from newsparse.dom import Node, class_and_id

# Blocks shorter than this are too small to say anything about their container.
MIN_SCORED_CHARS = 25
# Ancestors that receive a paragraph's score; deeper ones are too general to credit.
SCORED_ANCESTOR_LEVELS = 5
# Each paragraph scores 1 + commas + one point per CHARS_PER_POINT characters, capped.
CHARS_PER_POINT = 100
MAX_LENGTH_POINTS = 3
# Class/id cues move a container's score by this much (the Readability weight).
CLASS_WEIGHT = 25
# A sibling container joins the article when it scores this share of the winner (or at least
# MIN_SIBLING_SCORE), so a story split by ad slots is read whole.
SIBLING_SCORE_SHARE = 0.2
MIN_SIBLING_SCORE = 10.0
# Loose sibling paragraphs join when long and mostly unlinked, or short, unlinked and a sentence.
SIBLING_PARAGRAPH_CHARS = 80
SIBLING_PARAGRAPH_MAX_LINK_DENSITY = 0.25
# Candidates within this share of the top score count as rivals; when several rivals sit
# under one container with the winner, the article is that whole container.
RIVAL_SCORE_SHARE = 0.75
MIN_RIVALS_TO_MERGE = 2

# Candidates whose text starts after the first comment-section block keep this share.
AFTER_COMMENTS_FACTOR = 0.3
# Candidates this close to the winner compete on position: the one nearest under the headline.
HEADLINE_RIVAL_SHARE = 0.5

TAG_BONUS = {
    "article": 10.0,
    "main": 5.0,
    "div": 5.0,
    "section": 3.0,
    "pre": 3.0,
    "td": 3.0,
    "blockquote": 3.0,
    "form": -3.0,
    "ol": -3.0,
    "ul": -3.0,
    "dl": -3.0,
    "li": -3.0,
    "th": -5.0,
    "header": -5.0,
    "body": -5.0,
}
_POSITIVE = re.compile(
    r"(?:^|[\s_\-])(?:" + "|".join(re.escape(t) for t in vocab.CONTENT_CLASS_TOKENS) + r")"
)
_NEGATIVE = re.compile(
    r"(?:^|[\s_\-])(?:"
    + "|".join(re.escape(t) for t in vocab.UNLIKELY_CLASS_TOKENS)
    + r"|comment|related|sidebar|footer|share|social|promo)"
)
_COMMAS = re.compile(r"[,،、，]")
_ITEMPROP_BODY = "articlebody"


@dataclass
class Region:
    """The chosen article region: container ids, plus loose blocks merged in one by one."""

    containers: set[int]
    loose_blocks: set[int]
    top: int | None

    def holds(self, index: int, block: TextBlock) -> bool:
        return index in self.loose_blocks or any(c in self.containers for c in block.path)


def class_weight(node: Node) -> float:
    names = class_and_id(node)
    weight = 0.0
    if _POSITIVE.search(names):
        weight += CLASS_WEIGHT
    if _NEGATIVE.search(names):
        weight -= CLASS_WEIGHT
    if (node.attributes.get("itemprop") or "").lower() == _ITEMPROP_BODY:
        weight += 2 * CLASS_WEIGHT
    return weight


def paragraph_score(text: str) -> float:
    return 1 + len(_COMMAS.findall(text)) + min(len(text) / CHARS_PER_POINT, MAX_LENGTH_POINTS)


def _scoring_ancestors(block: TextBlock) -> tuple[int, ...]:
    # A loose run of text belongs to the container it sits in; a leaf block to its parent.
    chain = block.path if block.tag == "run" else block.path[:-1]
    return chain[::-1][:SCORED_ANCESTOR_LEVELS]


def locate(walk: Walk, eligible: list[bool], headline_at: int | None = None) -> Region:
    """Choose the article region among the eligible (non-chrome, out-of-zone) blocks.

    ``headline_at`` is the index of the headline's block, when known: of several strong
    candidates, the story that starts right under the headline is the page's article (an
    infinite-scroll page appends the next story, sometimes longer)."""
    scores: dict[int, float] = {}
    chars: dict[int, int] = defaultdict(int)
    link_chars: dict[int, int] = defaultdict(int)
    first_block: dict[int, int] = {}
    comments_start = next(
        (i for i, b in enumerate(walk.blocks) if b.zone == "comments"), len(walk.blocks)
    )
    # A page whose only prose is short (a one-line note) still has an article: when no block
    # reaches MIN_SCORED_CHARS, every eligible block scores.
    min_chars = (
        MIN_SCORED_CHARS
        if any(
            eligible[i] and len(b.text) >= MIN_SCORED_CHARS and b.tag not in ("heading", "caption")
            for i, b in enumerate(walk.blocks)
        )
        else 1
    )
    for index, block in enumerate(walk.blocks):
        if not eligible[index]:
            continue
        for ancestor in block.path:
            first_block.setdefault(ancestor, index)
            chars[ancestor] += len(block.text)
            link_chars[ancestor] += block.link_chars
        if len(block.text) < min_chars or block.tag in ("heading", "caption"):
            continue
        points = paragraph_score(block.text)
        for level, ancestor in enumerate(_scoring_ancestors(block)):
            if ancestor not in scores:
                node = walk.nodes.get(ancestor)
                if node is None:
                    continue
                scores[ancestor] = TAG_BONUS.get(node.tag or "", 0.0) + class_weight(node)
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            scores[ancestor] += points / divider
    if not scores:
        return Region(set(), set(), None)

    def final(cid: int) -> float:
        density = link_chars[cid] / chars[cid] if chars[cid] else 0.0
        # Text that starts after the comment section opens is more comments.
        late = AFTER_COMMENTS_FACTOR if first_block.get(cid, 0) > comments_start else 1.0
        return scores[cid] * (1 - density) * late

    ranked = sorted(scores, key=final, reverse=True)
    if headline_at is not None:
        ranked = _headline_first(walk, ranked, final, first_block, headline_at)
    top = _widen_to_rivals(walk, ranked, final)
    return _merge_siblings(walk, top, eligible, final, scores)


def _headline_first(
    walk: Walk, ranked: list[int], final: object, first_block: dict[int, int], headline_at: int
) -> list[int]:
    best = final(ranked[0])  # type: ignore[operator]
    strong = [c for c in ranked if final(c) >= HEADLINE_RIVAL_SHARE * best]  # type: ignore[operator]
    # A wrapper around the winner is no rival story.
    winner_path = walk.blocks[first_block[ranked[0]]].path if ranked[0] in first_block else ()
    after = [
        c for c in strong if first_block.get(c, -1) > headline_at and c not in winner_path[:-1]
    ]
    if not after or (
        ranked[0] in after and first_block[ranked[0]] == min(first_block[c] for c in after)
    ):
        return ranked
    nearest = min(after, key=lambda c: (first_block[c], -final(c)))  # type: ignore[operator]
    if first_block.get(ranked[0], -1) <= headline_at:
        return ranked  # the winner starts at or above the headline: it holds it, keep it
    # Only when another story's headline (h1/h2) stands between the two.
    between = walk.blocks[first_block[nearest] : first_block[ranked[0]]]
    if not any(b.tag == "heading" and (b.level or 9) <= 2 for b in between):
        return ranked
    return [nearest, *[c for c in ranked if c != nearest]]


def _widen_to_rivals(walk: Walk, ranked: list[int], final: object) -> int:
    """When several near-equal candidates share an ancestor with the winner, take the ancestor:
    the article is split into sibling sections that each scored on their own."""
    top = ranked[0]
    score = final(top)  # type: ignore[operator]
    if score <= 0:
        return top
    rivals = [c for c in ranked[1:] if final(c) >= RIVAL_SCORE_SHARE * score]  # type: ignore[operator]
    if len(rivals) < MIN_RIVALS_TO_MERGE:
        return top
    top_path = _path_of(walk, top)
    shared = 0
    ancestor_hits: dict[int, int] = defaultdict(int)
    for rival in rivals:
        rival_path = set(_path_of(walk, rival))
        for ancestor in reversed(top_path[:-1]):
            if ancestor in rival_path:
                ancestor_hits[ancestor] += 1
                break
    for ancestor, hits in ancestor_hits.items():
        if hits >= MIN_RIVALS_TO_MERGE and hits > shared:
            shared = hits
            top = ancestor
    return top


def _path_of(walk: Walk, cid: int) -> tuple[int, ...]:
    for block in walk.blocks:
        if cid in block.path:
            return block.path[: block.path.index(cid) + 1]
    return (cid,)


def _merge_siblings(
    walk: Walk, top: int, eligible: list[bool], final: object, scores: dict[int, float]
) -> Region:
    region = Region({top}, set(), top)
    top_score = final(top) if top in scores else 0.0  # type: ignore[operator]
    threshold = max(MIN_SIBLING_SCORE, top_score * SIBLING_SCORE_SHARE)
    top_path = _path_of(walk, top)
    if len(top_path) < 2:
        return region
    parent = top_path[-2]
    depth = len(top_path) - 1  # index of the top container (and its siblings) in a path
    for index, block in enumerate(walk.blocks):
        if not eligible[index] or len(block.path) < depth or block.path[depth - 1] != parent:
            continue
        if len(block.path) == depth:  # loose text directly inside the shared parent
            if _is_loose_paragraph(block):
                region.loose_blocks.add(index)
            continue
        sibling = block.path[depth]
        if sibling == top or sibling in region.containers:
            continue
        if sibling in scores and final(sibling) >= threshold:  # type: ignore[operator]
            region.containers.add(sibling)
        elif len(block.path) == depth + 1 and block.tag != "run" and _is_loose_paragraph(block):
            region.loose_blocks.add(index)
    return region


def _is_loose_paragraph(block: TextBlock) -> bool:
    if block.tag not in ("p", "run", "quote", "list"):
        return False
    length, density = len(block.text), block.link_density
    if length >= SIBLING_PARAGRAPH_CHARS:
        return density < SIBLING_PARAGRAPH_MAX_LINK_DENSITY
    return density == 0 and block.text.rstrip().endswith((".", "!", "?", "。", "”", '"'))
