"""Shared test setup: Hypothesis profiles.

Choose one with the environment variable ``HYPOTHESIS_PROFILE`` (default ``ci``):

- ``ci``: derandomised (the same examples on every run and machine), no example database, a
  modest example count so the whole suite stays fast. What CI runs.
- ``dev``: random examples with the local example database, so failures found once are
  replayed first; more examples than CI.
- ``ci-long``: at least 100,000 examples per property, for a nightly or manual run:
  ``HYPOTHESIS_PROFILE=ci-long pytest tests/test_properties.py -q``.

Failing examples found by ``dev`` or ``ci-long`` runs are added to the tests as explicit
``@example(...)`` regression cases, so ``ci`` keeps checking them.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Generated pages are large (about 8 kB of HTML each) and built from many draws; Hypothesis's
# speed and size health checks are tuned for small inputs and would flag them as a problem.
_SLOW_INPUTS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

# Examples per property under ``ci``: enough to cover every template family, language and
# chrome kind several times while a property test stays around a few seconds.
CI_EXAMPLES = 60
DEV_EXAMPLES = 300
LONG_EXAMPLES = 100_000

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
settings.register_profile(
    "ci-long",
    max_examples=LONG_EXAMPLES,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_INPUTS,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
