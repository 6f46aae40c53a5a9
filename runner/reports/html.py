"""One self-contained HTML page for a manager: where customers got stuck.

Opened from a CI artifact, with no network: the CSS, the script and the
pictures (inline SVG) are all in the file. For `replay` and `explore` the
flow is drawn (alur.runner.reports.flow_layout) with each state coloured by
how many conversations got stuck there (looped, were refused a human, or
were left), the worst one outlined and named, with the visits `--coverage`
counts on each box, and a funnel from the start to an end or a handoff.
For `audit`, which has no flow, a bar chart ranks the bot messages
customers most often got stuck on. Under the picture, every finding with
its excerpt; a small script filters them by kind and state (and keeps the
filter in the address, `#kind=loop&state=ask_order_id`, so a link shows
the same view). With scripts off, every finding is shown.

Every text is shown as in the other formats people read (masked, control
characters escaped: alur.runner.safe_text) and then HTML-escaped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import TextIO

from alur.flows.graph import Edge, Node
from alur.runner.findings import ConversationResult, Finding, Report
from alur.runner.reports import Renderer
from alur.runner.reports.common import count, excerpt_lines, failing, masker, one_line, shown_source, tally
from alur.runner.reports.flow_layout import BOX_HEIGHT, BOX_WIDTH, Placed, edge_path, place
from alur.runner.reports.sections import sections_of
from alur.runner.safe_text import escape_controls, shown

MAX_CONVERSATIONS = 2_000  # listed in full; a page of more is not read, and browsers slow down
TOP_MESSAGES = 12

# what each kind means to a manager, in the legend and the chart
STUCK = {
    "loop": "looped",
    "missing_escalation": "refused a human",
    "dead_end": "left",
    "expectation": "expectation failed",
}
KIND_COLOURS = {"loop": "#e8590c", "missing_escalation": "#c2255c", "dead_end": "#5f3dc4", "expectation": "#1971c2"}
NEVER = "#f1f3f5"
CLEAR = "#d3f9d8"
# from a little stuck to the most stuck: pale yellow to deep red
SCALE = ((0xFF, 0xF3, 0xBF), (0xFF, 0xA9, 0x4D), (0xE0, 0x31, 0x31))


def text(value: str) -> str:
    """A text from a flow or a run (no customer data), safe in HTML."""
    return escape(escape_controls(value))


@dataclass(slots=True)
class StateTally:
    """Per state: visits (replay's coverage; None where not counted) and
    the conversations stuck there, by finding kind."""

    visits: int | None = None
    reached: bool | None = True  # None: not known (explore tracks only the waiting states)
    stuck: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    left: int = 0  # conversations whose replay stopped here, short of an end or a handoff

    @property
    def stuck_total(self) -> int:
        """Conversations with a finding here, plus those that left here."""
        return (len(set().union(*self.stuck.values())) if self.stuck else 0) + self.left


@dataclass(frozen=True, slots=True)
class FlowView:
    """What the drawing needs of a flow: its nodes and edges (flows.graph),
    how often each state was visited, which were reached at all."""

    nodes: list[Node]
    edges: list[Edge]
    visits: Mapping[str, int] | None
    left: Mapping[str, int]  # conversations that stopped in each state (replay)
    reached: frozenset[str] | None  # None: every state with visits


def flow_view(report: Report) -> FlowView | None:
    """The flow drawn for `report`: replay's coverage or explore's flow; None for audit."""
    coverage = getattr(report, "coverage", None)
    diagram = getattr(coverage, "diagram", None)
    if diagram is not None:
        return FlowView(diagram[0], diagram[1], dict(coverage.state_visits), dict(coverage.left_in), None)  # type: ignore[union-attr]
    flow = getattr(report, "flow_model", None)
    if flow is not None and coverage is not None:
        from alur.flows.graph import layout

        nodes, edges = layout(flow)
        reached = {flow.start, *coverage.reached, *coverage.explored}
        return FlowView(nodes, edges, None, {}, frozenset(reached))
    return None


def state_tallies(view: FlowView, results: Iterable[ConversationResult]) -> dict[str, StateTally]:
    """Each state's visits and the conversations stuck there."""
    kinds = {node.name: node.kind for node in view.nodes}
    tallies = {name: StateTally() for name, kind in kinds.items() if kind not in ("start", "any")}
    for name, tally_ in tallies.items():
        if kinds[name] not in ("ended", "escalated"):
            tally_.left = view.left.get(name, 0)
        if view.visits is not None:
            tally_.visits = view.visits.get(name, 0)
            tally_.reached = tally_.visits > 0
        elif view.reached is not None:
            tally_.reached = name in view.reached if kinds[name] == "wait" else None
    for number, result in enumerate(results):
        for finding in result.findings:
            if finding.state in tallies:
                tallies[finding.state].stuck[finding.kind].add(number)
    return tallies


def heat(share: float) -> str:
    """The fill for a state where `share` (0 to 1) of the most stuck state's conversations got stuck."""
    low, high = (SCALE[0], SCALE[1]) if share < 0.5 else (SCALE[1], SCALE[2])
    t = share * 2 if share < 0.5 else share * 2 - 1
    return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(low, high, strict=True))


class HtmlRenderer(Renderer):
    name = "html"

    def render(self, report: Report, out: TextIO) -> None:
        results = list(failing(report))
        kinds, failed = tally(report)
        total = report.conversations
        verdict = (
            f"{failed:,} of {count(total, 'conversation')} with findings"
            if failed
            else f"no findings in {count(total, 'conversation')}"
        )
        out.write(PAGE_HEAD.format(title=escape(self.title), style=STYLE))
        out.write(f"<h1>{escape(self.title)}</h1>\n<p class=verdict>{escape(verdict)}</p>\n")
        out.write(self.kind_counts(kinds))
        view = flow_view(report)
        states: dict[str, StateTally] = {}
        if view is not None:
            states = state_tallies(view, results)
            out.write(self.flow_picture(view, states))
            out.write(self.funnel(view, states, total))
        else:
            out.write(self.message_chart(results))
        out.write(self.skipped(report))
        for section in sections_of(report):
            out.write(
                f"<section><h2>{text(section.key.replace('_', ' '))}</h2><pre>{escape(escape_controls(chr(10).join(section.text), lines=True))}</pre></section>\n"
            )
        out.write(self.findings(results, failed))
        out.write(f"<script>{SCRIPT}</script>\n</body>\n</html>\n")

    # -- the summary -----------------------------------------------------------

    @staticmethod
    def kind_counts(kinds: Mapping[str, int]) -> str:
        cells = "".join(
            f'<li><span class=swatch style="background:{KIND_COLOURS.get(kind, "#868e96")}"></span>'
            f"<b>{number:,}</b> {text(kind)} <small>({escape(STUCK.get(kind, kind))})</small></li>"
            for kind, number in kinds.items()
        )
        return f"<ul class=kinds>{cells}</ul>\n"

    def flow_picture(self, view: FlowView, states: Mapping[str, StateTally]) -> str:
        """The flow as an SVG, each state coloured by the conversations stuck there."""
        drawing = place(view.nodes, view.edges)
        most = max((t.stuck_total for t in states.values()), default=0)
        worst = next((name for name, t in states.items() if most and t.stuck_total == most), None)
        parts = [
            f'<svg id=flow xmlns="http://www.w3.org/2000/svg" width="{drawing.width}" height="{drawing.height}" '
            f'viewBox="0 0 {drawing.width} {drawing.height}" role="img" aria-label="the flow, coloured by where customers got stuck">',
            '<defs><marker id=arrow viewBox="0 0 10 10" refX=10 refY=5 markerWidth=7 markerHeight=7 orient=auto-start-reverse>'
            '<path d="M0,0 L10,5 L0,10 z" fill="#868e96"/></marker></defs>',
        ]
        for edge in view.edges:
            source, target = drawing.placed.get(edge.source), drawing.placed.get(edge.target)
            if source is None or target is None:
                continue
            dash = ' stroke-dasharray="5 4"' if edge.kind in ("fallback", "global") else ""
            parts.append(
                f'<path class=edge d="{edge_path(source, target)}"{dash} marker-end="url(#arrow)"><title>{text(edge.label)}</title></path>'
            )
        for placed in drawing.placed.values():
            parts.append(self.state_box(placed, states.get(placed.node.name), most, placed.node.name == worst))
        parts.append("</svg>")
        where = ""
        if worst is not None:
            where = (
                f"<p class=worst>Customers got stuck most in <b>{text(worst)}</b>: {count(most, 'conversation')}.</p>"
            )
        return f"<section><h2>Where customers got stuck</h2>{where}{LEGEND}<div class=picture>{''.join(parts)}</div></section>\n"

    @staticmethod
    def state_box(placed: Placed, state: StateTally | None, most: int, worst: bool) -> str:
        node, x, y = placed.node, placed.x, placed.y
        if state is None:  # the start point, or "any waiting state"
            label = "start" if node.kind == "start" else node.label
            return (
                f'<g class="node {node.kind}"><rect x={x} y={y} width={BOX_WIDTH} height={BOX_HEIGHT} rx=32 fill="#fff" stroke="#868e96" stroke-dasharray="4 3"/>'
                f"<text x={placed.centre} y={y + BOX_HEIGHT // 2 + 5} text-anchor=middle>{text(label)}</text></g>"
            )
        stuck = state.stuck_total
        fill = (
            heat(stuck / most) if stuck else NEVER if state.reached is False else CLEAR if state.reached else "#ffffff"
        )
        stroke, width = ("#c92a2a", 5) if worst else ("#495057", 1.5)
        dash = ' stroke-dasharray="4 3"' if state.reached is False else ""
        lines = [
            f"{state.visits:,} visits"
            if state.visits is not None
            else {True: "reached", False: "not reached", None: ""}[state.reached]
        ]
        detail = " · ".join(
            [f"{len(who)} {STUCK.get(kind, kind)}" for kind, who in sorted(state.stuck.items()) if who]
            + ([f"{state.left} stopped here"] if state.left else [])
        )
        title = f"{node.name}: {lines[0]}" + (f"; {detail}" if detail else "")
        rounded = 14 if node.kind in ("ended", "escalated") else 4
        badge = f"<text class=badge x={x + BOX_WIDTH - 6} y={y - 6} text-anchor=end>worst</text>" if worst else ""
        return (
            f'<g class="node state" data-state="{text(node.name)}" data-stuck="{stuck}" data-fill="{fill}"{" data-worst=1" if worst else ""}>'
            f"<title>{text(title)}</title>"
            f'<rect x={x} y={y} width={BOX_WIDTH} height={BOX_HEIGHT} rx={rounded} fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>'
            f"<text x={placed.centre} y={y + 20} text-anchor=middle class=name>{text(one_line(node.name, 24))}</text>"
            f"<text x={placed.centre} y={y + 38} text-anchor=middle>{escape(lines[0])}</text>"
            f"<text x={placed.centre} y={y + 55} text-anchor=middle class=stuck>{f'{stuck} stuck' if stuck else ''}</text>"
            f"{badge}</g>"
        )

    @staticmethod
    def funnel(view: FlowView, states: Mapping[str, StateTally], total: int) -> str:
        """From the start to an end or a handoff: replay's visits of the
        start, of the ending states and of the handoff states; for explore,
        the waiting states reached."""
        kinds = {node.name: node.kind for node in view.nodes}
        if view.visits is None:
            waiting = [t for t in states.values() if t.reached is not None]
            reached = sum(1 for t in waiting if t.reached)
            trapped = sum(1 for t in states.values() if t.stuck_total)
            steps = [
                ("waiting states", len(waiting)),
                ("reached by a persona", reached),
                ("states with a trap", trapped),
            ]
        else:
            start = next((edge.target for edge in view.edges if edge.kind == "start"), "")
            ended = sum(n for name, n in view.left.items() if kinds.get(name) == "ended")
            handed = sum(n for name, n in view.left.items() if kinds.get(name) == "escalated")
            steps = [
                ("conversations", total),
                (f"started in {start}", (states[start].visits or 0) if start in states else 0),
                ("reached an end", ended),
                ("handed to a human", handed),
                ("stopped on the way", max(total - ended - handed, 0)),
            ]
        top = max((n for _, n in steps), default=0) or 1
        rows = "".join(
            f'<div class=step><span class=label>{text(label)}</span><span class=bar style="width:{max(100 * n / top, 0.5):.1f}%"></span><b>{n:,}</b></div>'
            for label, n in steps
        )
        return f"<section><h2>Funnel</h2><div class=funnel>{rows}</div></section>\n"

    # -- audit: no flow ----------------------------------------------------------

    def message_chart(self, results: list[ConversationResult]) -> str:
        """The bot messages customers most often got stuck on, ranked, each bar split by kind."""
        stuck_on: dict[str, Counter[str]] = defaultdict(Counter)
        for result in results:
            for finding in result.findings:
                message = self.bot_message(finding, result.masked)
                if message is not None:
                    stuck_on[message][finding.kind] += 1
        if not stuck_on:
            return "<section><h2>Bot messages customers got stuck on</h2><p>No conversation got stuck.</p></section>\n"
        ranked = sorted(stuck_on.items(), key=lambda item: (-sum(item[1].values()), item[0]))[:TOP_MESSAGES]
        top = sum(ranked[0][1].values())
        rows = []
        for message, kinds in ranked:
            segments = "".join(
                f'<span class="seg" data-kind="{text(kind)}" title="{number} {escape(STUCK.get(kind, kind))}" '
                f'style="width:{100 * number / top:.2f}%;background:{KIND_COLOURS.get(kind, "#868e96")}"></span>'
                for kind, number in sorted(kinds.items())
            )
            rows.append(
                f'<div class=step><span class="label message" title="{escape(message)}">{escape(message)}</span><span class=stack>{segments}</span><b>{sum(kinds.values()):,}</b></div>'
            )
        return (
            f"<section><h2>Bot messages customers got stuck on</h2><div class=chart>{''.join(rows)}</div></section>\n"
        )

    @staticmethod
    def bot_message(finding: Finding, masked: bool) -> str | None:
        """The last bot message at or before the finding's turn, as reports show it."""
        lines = excerpt_lines(finding, len(finding.excerpt), limit=140, masked=masked)
        said = [
            line.text for line in lines if line.role == "bot" and (line.index is None or line.index <= finding.turn)
        ]
        return said[-1] if said else None

    # -- the findings ------------------------------------------------------------

    @staticmethod
    def skipped(report: Report) -> str:
        skipped = list(report.skipped)
        if not skipped:
            return ""
        items = "".join(
            f"<li><code>{escape(shown_source(s.source))}</code>: {escape(shown(s.reason))}</li>" for s in skipped[:100]
        )
        more = f"<li>… and {len(skipped) - 100:,} more</li>" if len(skipped) > 100 else ""
        return f"<section><h2>{count(len(skipped), 'input')} could not be read</h2><ul>{items}{more}</ul></section>\n"

    def findings(self, results: list[ConversationResult], failed: int) -> str:
        if not results:
            return ""
        listed = results[:MAX_CONVERSATIONS]
        kinds = sorted({f.kind for r in listed for f in r.findings})
        state_names = sorted({f.state for r in listed for f in r.findings if f.state})
        options = lambda values: "".join(f'<option value="{text(v)}">{text(v)}</option>' for v in values)  # noqa: E731
        form = (
            "<form id=filter hidden><label>kind <select name=kind><option value=''>all</option>"
            f"{options(kinds)}</select></label> <label>state <select name=state><option value=''>all</option>"
            f"{options(state_names)}</select></label> <span id=shown></span></form>"
        )
        body = "".join(self.conversation(result) for result in listed)
        more = (
            f"<p>… and {failed - len(listed):,} more conversations with findings (see the JSON report).</p>"
            if failed > len(listed)
            else ""
        )
        return f"<section><h2>Findings</h2>{form}<div id=findings>{body}</div>{more}</section>\n"

    def conversation(self, result: ConversationResult) -> str:
        hide = masker(result)
        parts = [
            f"<article class=conversation><h3>{escape(hide(result.id))} <small>{escape(shown_source(result.source))}</small></h3>"
        ]
        if result.error is not None:
            parts.append(f"<p class=error data-kind=error>error: {escape(hide(result.error))}</p>")
        for finding in result.findings:
            state = finding.state or ""
            excerpt = "\n".join(
                f"{'>' if line.is_finding else ' '} {line.number:>4} | {line.role:<6} {line.text}"
                for line in excerpt_lines(finding, self.excerpt_turns, masked=result.masked)
            )
            colour = KIND_COLOURS.get(finding.kind, "#868e96")
            parts.append(
                f'<div class=finding data-kind="{text(finding.kind)}" data-state="{text(state)}">'
                f'<span class=kind style="background:{colour}">{text(finding.kind)}</span> '
                + (f"in <code>{text(state)}</code> " if state else "")
                + f"at turn {finding.turn}: {escape(hide(finding.message))}"
                + (f"<pre>{escape(excerpt)}</pre>" if excerpt else "")
                + "</div>"
            )
        parts.append("</article>")
        return "".join(parts)


LEGEND = (
    "<p class=legend>"
    f'<span><i style="background:{CLEAR}"></i>no one stuck</span>'
    f'<span><i style="background:{heat(0.2)}"></i>a few stuck</span>'
    f'<span><i style="background:{heat(1.0)}"></i>most stuck</span>'
    '<span><i style="background:#fff;border:3px solid #c92a2a"></i>worst state</span>'
    f'<span><i style="background:{NEVER};border-style:dashed"></i>never reached</span>'
    "<span>stuck: conversations that looped, were refused a human, or stopped there</span></p>"
)

PAGE_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
"""

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1200px;padding:0 16px;color:#212529}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.verdict{font-size:16px;margin:0 0 12px}
.kinds{list-style:none;padding:0;display:flex;gap:18px;flex-wrap:wrap}.swatch,.legend i{display:inline-block;width:14px;height:14px;border-radius:3px;margin-right:6px;vertical-align:-2px;border:1px solid #adb5bd}
.legend{display:flex;gap:16px;flex-wrap:wrap;color:#495057}.worst{font-size:16px;color:#c92a2a}
.picture{overflow:auto;border:1px solid #dee2e6;border-radius:6px;background:#fff}
svg text{font-size:12px;fill:#212529}svg text.name{font-weight:600;font-size:13px}svg text.stuck{font-weight:700;fill:#862e9c}
svg text.badge{font-weight:700;fill:#c92a2a;font-size:13px}.edge{fill:none;stroke:#adb5bd;stroke-width:1.4}
.step{display:flex;align-items:center;gap:10px;margin:4px 0}.step .label{flex:0 0 320px;text-align:right;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.step .bar{display:inline-block;height:18px;background:#339af0;border-radius:3px}.step .stack{display:flex;flex:1;max-width:60%}.seg{height:18px;display:inline-block}
.funnel .step .bar{max-width:60%}.conversation{border-top:1px solid #dee2e6;padding:6px 0}.conversation h3{font-size:14px;margin:6px 0}
.finding{margin:6px 0 6px 12px}.kind{color:#fff;border-radius:3px;padding:1px 6px;font-size:12px}
pre{background:#f8f9fa;padding:8px;overflow:auto;white-space:pre-wrap;word-break:break-word}.error{color:#c92a2a}
#filter{margin:8px 0;padding:8px;background:#f1f3f5;border-radius:6px}
"""

# Filters the findings by kind and state; keeps the choice in the address
# (`#kind=loop&state=ask_order_id`) so that a link opens the same view.
SCRIPT = """
(function(){
var form=document.getElementById('filter');if(!form)return;form.hidden=false;
function apply(){var kind=form.kind.value,state=form.state.value,shown=0;
document.querySelectorAll('.conversation').forEach(function(c){var any=false;
c.querySelectorAll('.finding').forEach(function(f){var ok=(!kind||f.dataset.kind===kind)&&(!state||f.dataset.state===state);f.hidden=!ok;if(ok){any=true;shown++;}});
c.hidden=!any&&!!(kind||state);});
document.getElementById('shown').textContent=shown+' finding'+(shown===1?'':'s')+' shown';
var h=[];if(kind)h.push('kind='+encodeURIComponent(kind));if(state)h.push('state='+encodeURIComponent(state));
history.replaceState(null,'',h.length?'#'+h.join('&'):location.pathname+location.search);}
new URLSearchParams(location.hash.slice(1)).forEach(function(v,k){var s=form.elements[k];if(s&&Array.prototype.some.call(s.options,function(o){return o.value===v;}))s.value=v;});
form.addEventListener('change',apply);
document.querySelectorAll('g.state').forEach(function(g){g.style.cursor='pointer';g.addEventListener('click',function(){
var v=g.dataset.state;if(Array.prototype.some.call(form.state.options,function(o){return o.value===v;})){form.state.value=v;apply();form.scrollIntoView();}});});
apply();})();
"""
