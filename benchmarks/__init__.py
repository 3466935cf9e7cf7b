"""Benchmark scripts for newsparse: body and metadata scores against labelled real pages.

Run from the repository root, e.g. ``python -m benchmarks.body`` (see benchmarks/README.md).
"""
