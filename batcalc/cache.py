"""Values worked out from an object and kept for as long as the process may ask again: the one home of
the pattern "by the object's identity, the object kept so that its id stays its own, at most N".

A catalogue spec's derived figures, a consumption model's chord, the model each vehicle was given: each
is worth keeping between files of a batch, each is keyed by an object that has no cheap hash (a
pydantic spec, a vehicle with its road load), and each must not outlive its object's id: an id is
reused once its object is freed, so an entry holds its object, and a lookup checks it is the same one.
"""

from __future__ import annotations

from collections.abc import Hashable, ItemsView
from typing import Generic, Optional, TypeVar

V = TypeVar("V")


class ByIdentity(Generic[V]):
    """Values by (owner object, extra key), at most ``size`` kept: when full, all are dropped (the
    callers' owners are a batch's few catalogue specs, models and vehicles, so a full cache means a new
    set of them, bands at many assumption points)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: dict[tuple[int, Hashable], tuple[object, V]] = {}

    def get(self, owner: object, extra: Hashable = None) -> Optional[V]:
        """The value kept for ``owner`` (this very object) and ``extra``, or None."""
        hit = self._entries.get((id(owner), extra))
        return hit[1] if hit is not None and hit[0] is owner else None

    def put(self, owner: object, extra: Hashable, value: V) -> V:
        """Keep ``value`` for ``owner`` and ``extra`` (and ``owner`` with it); returns ``value``."""
        if len(self._entries) >= self._size:
            self._entries.clear()
        self._entries[(id(owner), extra)] = (owner, value)
        return value

    def clear(self) -> None:
        self._entries.clear()

    def items(self) -> ItemsView[tuple[int, Hashable], tuple[object, V]]:
        """``((id of the owner, extra), (owner, value))`` of every entry kept."""
        return self._entries.items()

    def __len__(self) -> int:
        return len(self._entries)
