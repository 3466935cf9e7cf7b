"""Stage 4: find the article region. Readability-style container scoring over the text blocks:
each paragraph scores its ancestors, link-heavy containers are discounted, and siblings of the
winner that also hold article text (magazine layouts split the story) are merged in."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from newsparse import vocab
from newsparse.blocks import TextBlock, Walk, block_span, is_loose_paragraph, path_of
from newsparse.dom import Node, class_and_id
from newsparse.headline_story import headline_first, join_lead, own_story_first
from newsparse.patterns import alternation

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
# Rivals and twins are looked for among this many best candidates: each costs a pass over the
# blocks, and a forum page may hold thousands of near-equal posts.
MAX_COMPARED_CANDIDATES = 30
# Candidates within this share of the top score count as rivals; when several rivals sit
# under one container with the winner, the article is that whole container.
RIVAL_SCORE_SHARE = 0.75
MIN_RIVALS_TO_MERGE = 2
# A sibling after the winner must earn this much from its own text (class and tag cues aside),
# about three paragraphs' worth, to join: a one-line "field--type-text" contact box or a
# "story-foot" author bio under the story scores high on its class name alone. (A sibling
# before the winner is more often the lead paragraph, and joins on its whole score.)
MIN_TEXT_SCORE = 10.0
# A rival must earn from its text at least this share of what the winner's text earns (or of
# MIN_TEXT_SCORE): a header search box named "search-text" is no section of the story.
RIVAL_TEXT_SHARE = 0.5
# Candidates from the same template as the winner (same tag and class) that score this share
# of it are chunks of the same story, cut apart by figures or ads.
TWIN_SCORE_SHARE = 0.3
# A winner without a class is matched by its nearest classed wrapper this many levels up.
TWIN_TEMPLATE_LEVELS = 1
# A wrapper whose text earns this many times what a weak winner's earns replaces it.
WRAPPER_TEXT_FACTOR = 3.0

# Candidates whose text starts after the first comment-section block keep this share.
AFTER_COMMENTS_FACTOR = 0.3
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
_POSITIVE = re.compile(r"(?:^|[\s_\-])(?:" + alternation(vocab.CONTENT_CLASS_TOKENS) + r")")
_NEGATIVE = re.compile(
    r"(?:^|[\s_\-])(?:"
    + alternation(vocab.UNLIKELY_CLASS_TOKENS)
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
    base: dict[int, float] = {}
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
                base[ancestor] = TAG_BONUS.get(node.tag or "", 0.0) + class_weight(node)
                scores[ancestor] = base[ancestor]
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            scores[ancestor] += points / divider
    if not scores:
        return Region(set(), set(), None)

    def discount(cid: int) -> float:
        density = link_chars[cid] / chars[cid] if chars[cid] else 0.0
        # Text that starts after the comment section opens is more comments.
        late = AFTER_COMMENTS_FACTOR if first_block.get(cid, 0) > comments_start else 1.0
        return (1 - density) * late

    def final(cid: int) -> float:
        return scores[cid] * discount(cid) if cid in scores else 0.0

    def earned(cid: int) -> float:
        """The score a container's text alone earns, without its tag and class cues."""
        return (scores[cid] - base[cid]) * discount(cid) if cid in scores else 0.0

    ranked = sorted(scores, key=final, reverse=True)
    if headline_at is not None:
        candidates = ranked[:MAX_COMPARED_CANDIDATES]
        own = own_story_first(
            walk, candidates, lambda c: earned(c) >= MIN_TEXT_SCORE, first_block, headline_at
        )
        if own is not None:
            ranked = [own, *[c for c in ranked if c != own]]
        ranked = headline_first(walk, ranked, final, first_block, headline_at)
    ranked = _wordier_wrapper_first(walk, ranked, final, earned)
    top = _widen_to_rivals(walk, ranked, final, earned)
    region = _merge_siblings(walk, top, eligible, final, earned)
    if headline_at is not None:
        join_lead(walk, eligible, region, headline_at)
    return region


def _wordier_wrapper_first(
    walk: Walk, ranked: list[int], final: Callable[[int], float], earned: Callable[[int], float]
) -> list[int]:
    """A winner that earns little from its own text (an intro box named "text") gives way to a
    near-equal wrapper around it whose text earns several times as much: that is the article."""
    top = ranked[0]
    if earned(top) >= MIN_TEXT_SCORE:
        return ranked
    top_path = path_of(walk, top)
    least = RIVAL_SCORE_SHARE * final(top)
    wrappers = [
        c
        for c in ranked[1:]
        if c in top_path
        and final(c) >= least
        and earned(c) >= max(MIN_TEXT_SCORE, WRAPPER_TEXT_FACTOR * earned(top))
    ]
    if not wrappers:
        return ranked
    return [wrappers[0], *[c for c in ranked if c != wrappers[0]]]


def _widen_to_rivals(
    walk: Walk, ranked: list[int], final: Callable[[int], float], earned: Callable[[int], float]
) -> int:
    """When several near-equal candidates share an ancestor with the winner, take the ancestor:
    the article is split into sibling sections that each scored on their own."""
    top = ranked[0]
    score = final(top)
    if score <= 0:
        return top
    rivals = [
        c
        for c in ranked[1 : MAX_COMPARED_CANDIDATES + 1]
        if final(c) >= RIVAL_SCORE_SHARE * score
        and earned(c) >= RIVAL_TEXT_SHARE * min(earned(top), MIN_TEXT_SCORE)
    ]
    if len(rivals) < MIN_RIVALS_TO_MERGE:
        return _join_twins(walk, top, ranked, final)
    # A rival that another story's headline separates from the winner is that other story
    # (an infinite-scroll page appends the next article under the first).
    top_span = block_span(walk, top)
    rivals = [r for r in rivals if not _headline_between(walk, top_span, block_span(walk, r))]
    top_path = path_of(walk, top)
    shared = 0
    ancestor_hits: dict[int, int] = defaultdict(int)
    for rival in rivals:
        rival_path = set(path_of(walk, rival))
        if top in rival_path:
            continue  # a section inside the winner is already part of it
        for ancestor in reversed(top_path[:-1]):
            if ancestor in rival_path:
                ancestor_hits[ancestor] += 1
                break
    for ancestor, hits in ancestor_hits.items():
        if hits >= MIN_RIVALS_TO_MERGE and hits > shared:
            shared = hits
            top = ancestor
    if not shared:
        # The rivals sit apart (each chunk of the story in a wrapper of its own): chunks are
        # still told by their template, if each holds a story's worth of text (a press
        # release's one-paragraph "about us" is built by the same template).
        return _join_twins(walk, top, ranked, final, lambda c: earned(c) >= MIN_TEXT_SCORE)
    return top


def _join_twins(
    walk: Walk,
    top: int,
    ranked: list[int],
    final: Callable[[int], float],
    qualifies: Callable[[int], bool] = lambda _: True,
) -> int:
    """A story cut into chunks by figures, ads or a subscribe box: candidates built from the
    same template as the winner (same tag and class) that score a fair share of it, with no
    other story's headline between them and the winner. The article is their common
    ancestor. A winner without a class of its own is matched by its classed wrapper."""
    template = _classed_self_or_wrapper(walk, top)
    if template is None:
        return top
    node = walk.nodes[template]
    least = TWIN_SCORE_SHARE * final(top)
    template_path = path_of(walk, template)
    template_span = block_span(walk, template)
    twins = [
        c
        for c in ranked[:MAX_COMPARED_CANDIDATES]
        if c != template
        and final(c) >= least
        and qualifies(c)
        and _same_template(walk.nodes[c], node)
        and c not in template_path
        and template not in path_of(walk, c)
        and not _headline_between(walk, template_span, block_span(walk, c))
    ]
    if not twins:
        return top
    shared = list(template_path[:-1])
    for twin in twins:
        twin_path = set(path_of(walk, twin))
        while shared and shared[-1] not in twin_path:
            shared.pop()
    return shared[-1] if shared else top


def _same_template(node: Node, other: Node) -> bool:
    """Rendered by one template: the same tag and the same class attribute."""
    return node.tag == other.tag and node.attributes.get("class") == other.attributes.get("class")


def _classed_self_or_wrapper(walk: Walk, top: int) -> int | None:
    path = path_of(walk, top)
    for cid in path[::-1][: TWIN_TEMPLATE_LEVELS + 1]:
        if (walk.nodes[cid].attributes.get("class") or "").strip():
            return cid
    return None


def _headline_between(walk: Walk, one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Whether a story headline (an <h1>; <h2> is as often a section subhead) stands between
    two block spans."""
    (_, first_end), (second_start, _) = sorted([one, other])
    return any(
        b.tag == "heading" and b.level == 1 for b in walk.blocks[first_end + 1 : second_start]
    )


def _merge_siblings(
    walk: Walk,
    top: int,
    eligible: list[bool],
    final: Callable[[int], float],
    earned: Callable[[int], float],
) -> Region:
    region = Region({top}, set(), top)
    leading_threshold = max(MIN_SIBLING_SCORE, final(top) * SIBLING_SCORE_SHARE)
    trailing_threshold = max(MIN_TEXT_SCORE, earned(top) * SIBLING_SCORE_SHARE)
    after_top = False
    top_path = path_of(walk, top)
    if len(top_path) < 2:
        return region
    parent = top_path[-2]
    depth = len(top_path) - 1  # index of the top container (and its siblings) in a path
    sections = _story_sections(walk, eligible, parent, depth, top)
    for index, block in enumerate(walk.blocks):
        if not eligible[index] or len(block.path) < depth or block.path[depth - 1] != parent:
            continue
        if len(block.path) == depth:  # loose text directly inside the shared parent
            if is_loose_paragraph(block):
                region.loose_blocks.add(index)
            continue
        sibling = block.path[depth]
        if sibling == top or sibling in region.containers:
            after_top = after_top or sibling == top
            continue
        if (
            (earned(sibling) >= trailing_threshold or sections.get(sibling, False))
            if after_top
            else final(sibling) >= leading_threshold or sections.get(sibling, False)
        ):
            region.containers.add(sibling)
        elif len(block.path) == depth + 1 and block.tag != "run" and is_loose_paragraph(block):
            region.loose_blocks.add(index)
    return region


def _story_sections(
    walk: Walk, eligible: list[bool], parent: int, depth: int, top: int
) -> dict[int, bool]:
    """Which sibling containers are a section of the story: a subheading, then prose
    paragraphs and nothing else (a story's last part, set apart by an ad or a share bar, can be
    too short to earn MIN_TEXT_SCORE; a contact box's lines are no prose paragraphs). Just
    before the winner, a part of prose that ends on a subheading is the story's opening."""
    kinds: dict[int, list[str]] = {}
    # Where each sibling's first block stands: the order of the page (ids are addresses).
    first_block: dict[int, int] = {}
    for index, block in enumerate(walk.blocks):
        if len(block.path) <= depth or block.path[depth - 1] != parent:
            continue
        first_block.setdefault(block.path[depth], index)
        if not eligible[index]:
            continue
        kind = (
            "heading"
            if block.tag == "heading"
            else ("prose" if is_loose_paragraph(block) and block.tag != "list" else "other")
        )
        kinds.setdefault(block.path[depth], []).append(kind)
    order = list(kinds)
    sections: dict[int, bool] = {}

    def after_break(position: int) -> bool:
        # The story's last prose, set apart from it by an ad or a share bar alone.
        sibling = order[position]
        return (
            position > 0
            and order[position - 1] == top
            and any(
                gap not in kinds and first_block[top] < first < first_block[sibling]
                for gap, first in first_block.items()
            )
            and all(kind == "prose" for kind in kinds[sibling])
        )

    top_node = walk.nodes[top]
    top_classed = bool((top_node.attributes.get("class") or "").strip())

    def twin(sibling: int) -> bool:
        # The same template as the winner: the story's next chunk, unless a thematic break
        # (<hr>) sets it apart, as it does a press release's "about us" text.
        node = walk.nodes.get(sibling)  # (a leaf sibling, a lone <p>, is no chunk)
        return (
            node is not None
            and top_classed
            and _same_template(node, top_node)
            and node.css_first("hr") is None
        )

    for position, (sibling, found) in enumerate(kinds.items()):
        # A story never ends on a subheading: after a part that does, the next one continues
        # it even when it opens with prose (an ad set between a subheading and its text).
        after_heading = position > 0 and kinds[order[position - 1]][-1] == "heading"
        leads_in = (
            found[-1] == "heading" and position + 1 < len(order) and order[position + 1] == top
        )
        # A chunk of the story's own template may hold anything the story does (lists, a
        # paragraph that is mostly a link), as long as it does not end on a heading, unless
        # that subheading leads into the winner (the story's opening part).
        sections[sibling] = (twin(sibling) and ("heading" not in found[-1:] or leads_in)) or (
            "prose" in found
            and (found[0] == "heading" or after_heading or leads_in or after_break(position))
            and all(kind in ("heading", "prose") for kind in found)
        )
    return sections
