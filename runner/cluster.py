"""Shards on an existing Dask cluster: `alur audit|replay --dask ADDRESS`.

The work that turns a shard into a partial report is all that needs to
travel (`alur.runner.parallel`), so a cluster runs it as a local process
pool does: the work is sent to every worker once, shards are submitted a
few per worker ahead of the one being waited for (memory stays flat), and
results come back in input order, so the report equals the one `--jobs 1`
writes, byte for byte. `distributed` is imported only here, only when
`--dask` is given: install it with the extra, `pip install 'alur[dask]'`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from alur.runner.errors import InputError

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 3


def _call(work: Callable[[T], R], item: T) -> R:
    return work(item)


def map_on_cluster(work: Callable[[T], R], items: Iterable[T], address: str) -> Iterator[R]:
    """`work` over `items` on the Dask scheduler at `address`, results in input order."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--dask needs Dask's distributed package: pip install 'alur[dask]'") from None
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError(f"--dask {address}: cannot reach the Dask scheduler ({error})") from None
    with client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        [shared] = client.scatter([work], broadcast=True, hash=False)
        window: deque = deque()
        for item in items:
            window.append(client.submit(_call, shared, item, pure=False))
            if len(window) >= workers * IN_FLIGHT_PER_WORKER:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
