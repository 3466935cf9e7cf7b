"""Regular-expression pieces built from the vocabulary tables in ``vocab.py``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping


def alternation(words: Iterable[str], *, longest_first: bool = False) -> str:
    """An alternation that matches any of ``words`` literally. ``longest_first`` when one word
    starts another and the longer must win ("written by" before "by"): built as a trie, which
    also searches faster."""
    if longest_first:
        return trie_alternation(words)
    return "|".join(re.escape(word) for word in words)


def kind_groups(table: Mapping[str, Iterable[str]], *, longest_first: bool = False) -> str:
    """One named group per kind of a vocabulary table, so ``match.lastgroup`` names the kind."""
    return "|".join(
        f"(?P<{kind}>{alternation(words, longest_first=longest_first)})"
        for kind, words in table.items()
    )


_Trie = dict[str, "_Trie"]


def trie_alternation(words: Iterable[str]) -> str:
    """The alternation of ``words`` factored into a trie ("ja(?:n|nuar)" for "jan", "januar"):
    the same strings, the longest first where one word starts another, and a search that
    rejects a position after a character or two instead of trying every word there (large
    tables such as month names in many languages are searched on every text line)."""
    trie: _Trie = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: _Trie) -> str:
    ends_here = "" in node
    branches = [
        re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body
