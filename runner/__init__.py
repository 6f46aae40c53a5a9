"""Running flows and transcripts: the `alur` CLI, replay, audit, reports."""
