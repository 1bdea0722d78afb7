"""Which parts of a text are already taken by a reference (short forms and named references
must not overlap a numbered citation, nor each other)."""
from __future__ import annotations

from bisect import bisect_left


class Spans:
    """Sorted, mostly disjoint (start, end) spans with an O(log n) overlap test: a long plan holds
    hundreds of citations, tested against every candidate short form and named reference.

    >>> taken = Spans([(0, 10), (20, 30)])
    >>> taken.overlaps(5, 12), taken.overlaps(10, 20)
    (True, False)
    >>> taken.add(12, 18); taken.overlaps(15, 16)
    True
    """

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.max_len = max((e - s for s, e in self.spans), default=0)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_left(self.starts, s - self.max_len)
        while i < len(self.spans) and self.spans[i][0] < e:
            a, b = self.spans[i]
            if a < e and s < b:
                return True
            i += 1
        return False

    def add(self, s: int, e: int) -> None:
        i = bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.spans.insert(i, (s, e))
        self.max_len = max(self.max_len, e - s)
