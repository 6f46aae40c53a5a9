"""Thin command-line layers, one module per `alur` subcommand."""
