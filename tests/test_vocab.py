"""The vocabulary tables themselves: a dict literal with a key written twice silently keeps
only the later entry, and a table of that shape has lost phrases that way before."""

from __future__ import annotations

import ast
from pathlib import Path

import newsparse


def test_no_vocabulary_table_repeats_a_key() -> None:
    source = (Path(newsparse.__file__).parent / "vocab.py").read_text(encoding="utf-8")
    repeated = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            keys = [key.value for key in node.keys if isinstance(key, ast.Constant)]
            repeated += [(node.lineno, key) for key in sorted(set(keys)) if keys.count(key) > 1]
    assert repeated == []
