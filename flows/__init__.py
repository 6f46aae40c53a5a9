"""The flow language: loading, the model, validation rules and the engine.

Imports neither textual nor the runner."""
