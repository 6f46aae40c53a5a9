"""Starting points for a new flow (`alur design NEW.flow.yaml --template NAME`,
or New in the designer). Each template is a complete, valid flow that
already does the things every customer-service flow must: greet, understand
a request, hand over to a human when asked, and give up gracefully.
"""

from __future__ import annotations

from importlib import resources

TEMPLATES = {
    "basic-id": "Layanan pelanggan (Bahasa Indonesia): menu, kumpulkan data, serahkan ke CS",
    "basic-en": "Customer service (English): menu, collect a value, hand over to an agent",
    "minimal": "The smallest useful flow: greet, answer, hand over",
}
DEFAULT = "basic-id"


def template_names() -> list[tuple[str, str]]:
    """(name, description) of every template, the default first."""
    return [(name, f"{name} — {description}") for name, description in TEMPLATES.items()]


def template_text(name: str, flow_id: str | None = None) -> str:
    """The template's YAML; with `flow_id`, its `flow:` line names the new flow."""
    if name not in TEMPLATES:
        raise KeyError(f"no template {name!r}; choose one of {', '.join(TEMPLATES)}")
    text = resources.files(__name__).joinpath(f"{name}.flow.yaml").read_text(encoding="utf-8")
    if flow_id:
        text = text.replace("flow: new_flow\n", f"flow: {flow_id}\n", 1)
    return text
