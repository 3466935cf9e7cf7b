"""Shared test setup: Hypothesis profiles.

Choose one with the environment variable ``HYPOTHESIS_PROFILE`` (default ``ci``):

- ``ci``: derandomised (the same examples on every run and machine), no example database, a
  modest example count so the whole suite stays fast. What CI runs.
- ``dev``: random examples with the local example database, so failures found once are
  replayed first; more examples than CI.
- ``ci-long``: at least 100,000 examples in all, for a nightly or manual run:
  ``HYPOTHESIS_PROFILE=ci-long pytest tests/test_properties.py -q``: 6,000 examples for each
  of the 18 property tests (108,000), a quarter of an hour on one core. Random examples, so
  each run explores new inputs.

Failing examples found by ``dev`` or ``ci-long`` runs are kept as explicit regression tests
(``@example(...)`` cases, hand-written pages in the rule tests, or files in
``tests/fixtures/regressions/``), so ``ci`` keeps checking them.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# Generated pages are large (about 8 kB of HTML each) and built from many draws; Hypothesis's
# speed and size health checks are tuned for small inputs and would flag them as a problem.
_SLOW_INPUTS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

# Examples per property under ``ci``: enough to cover every template family, language and
# chrome kind several times while a property test stays around a few seconds.
CI_EXAMPLES = 60
DEV_EXAMPLES = 300
# ci-long: the total the issue asks for, and the examples each property test gets. Hypothesis
# fixes a test's settings when the test module is imported, before the tests are counted, so
# the share is a constant and collection checks the product still reaches the total.
LONG_EXAMPLES_TOTAL = 100_000
LONG_EXAMPLES_PER_PROPERTY = 6_000

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    max_examples=CI_EXAMPLES,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_INPUTS,
)
settings.register_profile(
    "dev",
    max_examples=DEV_EXAMPLES,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_INPUTS,
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")


settings.register_profile(
    "ci-long",
    max_examples=LONG_EXAMPLES_PER_PROPERTY,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_INPUTS,
)
settings.load_profile(PROFILE)
_LONG_PLAN = pytest.StashKey[int]()


@pytest.hookimpl(trylast=True)  # after -k/-m deselection: count what will run
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PROFILE == "ci-long":
        config.stash[_LONG_PLAN] = sum(
            1 for item in items if getattr(getattr(item, "obj", None), "is_hypothesis_test", False)
        )


def pytest_report_header(config: pytest.Config) -> str:
    return f"hypothesis profile: {PROFILE}"


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Under ``ci-long``, say how many examples the run asked for, and if that is too few."""
    properties = config.stash.get(_LONG_PLAN, 0)
    if properties:
        total = properties * LONG_EXAMPLES_PER_PROPERTY
        terminalreporter.write_line(
            f"ci-long: {properties} property tests x {LONG_EXAMPLES_PER_PROPERTY} examples"
            f" = {total:,} (fewer only where a strategy runs out of distinct inputs)"
        )
        if total < LONG_EXAMPLES_TOTAL:
            terminalreporter.write_line(
                f"ci-long: under {LONG_EXAMPLES_TOTAL:,}; run all of tests/test_properties.py",
                red=True,
            )
