"""Helpers shared by the channel-limit rules."""

from __future__ import annotations

from collections.abc import Iterator

from alur.flows.loader import Span
from alur.flows.model import Button, State
from alur.flows.rules._context import Context, Problem


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


def texts_and_buttons(
    ctx: Context, text: int, buttons: int, title: int, *, too_long: str, too_many: str, long_title: str
) -> Iterator[Problem]:
    """Every message longer than `text`, every state with more than `buttons`
    buttons, every button title longer than `title`. The messages are
    templates with `{length}`/`{count}`, `{limit}` and `{title}`."""
    for message in ctx.messages:
        if len(message.text) > text:
            yield Problem(message.span, too_long.format(length=len(message.text), limit=text))
    for name, state in ctx.flow.states.items():
        if len(state.buttons) > buttons:
            yield Problem(
                ctx.span(("states", name, "buttons")), too_many.format(count=len(state.buttons), limit=buttons)
            )
        for index, button in enumerate(state.buttons):
            if len(button.title) > title:
                yield Problem(
                    title_span(ctx, state, index, button),
                    long_title.format(title=quote(button.title), length=len(button.title), limit=title),
                )
