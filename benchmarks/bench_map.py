"""The flow map (F9) on a large flow, headless.

    .venv/bin/python benchmarks/bench_map.py [--states 2000] [--small 20] [--keys 30]

Prints, for a generated flow of `--states` states and, as the baseline in
the same run, one of `--small` states:

- layout: `flowmap.layer` (the whole flow's layers) and `flowmap.around`
  (two steps around the start), without the app; medians of 5;
- open: from F9 on the designer screen to the map drawn (the screen
  pushed and its first frame composed);
- keys: a cursor move in the whole-flow view and in the neighbourhood view,
  from the key press to the frame that shows it; median over `--keys`.

Times are wall clock on whatever machine runs it; compare the two flows'
figures of one run, not runs on different days.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from genflow import generate_flow  # noqa: E402


def layout_times(text: str) -> tuple[float, float]:
    from alur.designer.analysis import analyse
    from alur.designer.flowmap import around, layer
    from alur.flows.config import Config

    outline = analyse(text, "bench.flow.yaml", 0, Config()).outline
    assert outline is not None and outline.start is not None
    layered, near = [], []
    for _ in range(5):
        began = time.perf_counter()
        layer(outline)
        layered.append(time.perf_counter() - began)
        began = time.perf_counter()
        around(outline, outline.start)
        near.append(time.perf_counter() - began)
    return statistics.median(layered), statistics.median(near)


async def screen_times(path: Path, keys: int, size: tuple[int, int]) -> dict[str, float]:
    from alur.designer.app import DesignerApp
    from alur.designer.screens.flow_map import MapScreen
    from alur.designer.screens.main import DesignerScreen

    app = DesignerApp(path)
    frames: list[float] = []
    display = app._display

    def record_frame(screen, renderable) -> None:
        if renderable is not None:
            frames.append(time.perf_counter())
        display(screen, renderable)

    app._display = record_frame  # type: ignore[method-assign]

    async def timed(pilot, key: str) -> float:
        seen = len(frames)
        began = time.perf_counter()
        await pilot.press(key)
        while len(frames) == seen:
            await pilot.pause(0.001)
        return frames[-1] - began

    out: dict[str, float] = {}
    async with app.run_test(size=size) as pilot:
        while not (isinstance(app.screen, DesignerScreen) and app.screen.analysis is not None):
            await pilot.pause(0.02)
        await app.workers.wait_for_complete()
        began = time.perf_counter()
        await pilot.press("f9")
        while not isinstance(app.screen, MapScreen) or app.screen.map._drawn is None:
            await pilot.pause(0.001)
        await pilot.pause()
        out["open"] = time.perf_counter() - began
        out["around key"] = statistics.median([await timed(pilot, "down" if i % 4 < 2 else "up") for i in range(keys)])
        await pilot.press("w")
        await pilot.pause()
        out["whole key"] = statistics.median(
            [await timed(pilot, "down" if i % 4 < 2 else "right") for i in range(keys)]
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--states", type=int, default=2000)
    parser.add_argument("--small", type=int, default=20)
    parser.add_argument("--keys", type=int, default=30)
    args = parser.parse_args()
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for states in (args.small, args.states):
            text = generate_flow(states, seed=0)
            path = Path(folder) / f"bench{states}.flow.yaml"
            path.write_text(text, encoding="utf-8")
            layered, near = layout_times(text)
            results[states] = {
                "layer": layered,
                "around": near,
                **asyncio.run(screen_times(path, args.keys, (120, 40))),
            }
    names = list(results[args.states])
    print(f"{'':12}{args.small:>12} states{args.states:>12} states{'ratio':>10}")
    for name in names:
        small, big = results[args.small][name], results[args.states][name]
        print(f"{name:12}{small * 1000:>16.1f} ms{big * 1000:>16.1f} ms{big / small if small else float('nan'):>10.1f}")


if __name__ == "__main__":
    main()
