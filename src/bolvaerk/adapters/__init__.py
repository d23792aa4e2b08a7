"""Adapters: everything that touches the outside world (files, databases, renderers, networks)."""
