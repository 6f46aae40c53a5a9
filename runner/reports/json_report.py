"""The JSON report of contract §4, plus `skipped` (input that could not be
read) and one top-level key per section of the report (replay's `coverage`
and `drift`, explore's `coverage`).

Written as a stream, result by result, so that a report of a million
conversations never has to exist in memory as one object. The document is
exactly the report's `to_dict()` with personal data masked.
"""

from __future__ import annotations

from typing import TextIO

from alur.runner.findings import ConversationResult, Report
from alur.runner.reports import Renderer
from alur.runner.reports.common import mask, masked_source, tally
from alur.runner.reports.sections import sections_of
from alur.runner.safe_text import json_safe

try:
    from orjson import dumps as _orjson_dumps

    def _dumps(value: object) -> str:
        return json_safe(_orjson_dumps(value).decode())

except ImportError:  # orjson is a dependency, but the stdlib keeps alur working without it
    import json

    def _dumps(value: object) -> str:
        return json_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def masked_result(result: ConversationResult) -> dict[str, object]:
    """`result.to_dict()` with its id, messages and error masked, and
    **[alur]** its `source` ("day1.jsonl:12"): where to find the conversation,
    and what tells apart two whose ids are both masked to "[PHONE]"."""
    data = result.to_dict()
    if result.source:
        data["source"] = masked_source(result.source)
    if result.masked:
        return data
    data["id"] = mask(result.id)
    data["findings"] = [dict(f, message=mask(f["message"])) for f in data["findings"]]  # type: ignore[union-attr]
    if result.error is not None:
        data["error"] = mask(result.error)
    return data


class JsonRenderer(Renderer):
    name = "json"
    separator = ","

    def render(self, report: Report, out: TextIO) -> None:
        out.write(f'{{"flow": {_dumps(report.flow)}, "conversations": {report.conversations}, ')
        out.write(f'"summary": {_dumps(tally(report)[0])},\n "results": [')
        if not self.prerendered(report, out):
            out.write(self.fragments(report.results))
        out.write('],\n "skipped": [')
        out.write(
            ",".join(
                "\n  " + _dumps({"source": masked_source(item.source), "reason": mask(item.reason)})
                for item in report.skipped
            )
        )
        out.write("]")
        for section in sections_of(report):
            out.write(f",\n {_dumps(section.key)}: {_dumps(section.data)}")
        out.write("}\n")

    def fragment(self, result: ConversationResult) -> str:
        return "\n  " + _dumps(masked_result(result))
