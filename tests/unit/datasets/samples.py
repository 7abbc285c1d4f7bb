"""Random strings of Lucene's characters and words: every one must parse or fail cleanly."""

from __future__ import annotations

import random
from collections.abc import Iterator


PIECES = list('ab c:()[]{}"\'\\/*?~^+-!&|<>=') + ["AND ", "OR ", "NOT ", " TO ", "meta.x:", "_exists_:", "\\u0041"]


def random_queries(count: int, seed: int = 14) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12)))
