"""Helpers shared by the channel-limit rules."""

from __future__ import annotations

from alur.flows.loader import Span
from alur.flows.model import Button, State
from alur.flows.rules._context import Context


def applies(ctx: Context, channel: str) -> bool:
    """Channel rules check only the channels a flow declares in `channels`."""
    return channel in ctx.flow.channels


def title_span(ctx: Context, state: State, index: int, button: Button) -> Span | None:
    """The title of button `index` of `state` (the title inside a mapping button)."""
    return ctx.span(("states", state.name, "buttons", index, "title")) or button.span


def description_span(ctx: Context, state: State, index: int, button: Button) -> Span | None:
    return ctx.span(("states", state.name, "buttons", index, "description")) or button.span


def quote(text: str, width: int = 30) -> str:
    """A short, quoted preview of a long text for messages."""
    return repr(text if len(text) <= width else text[: width - 1] + "…")
