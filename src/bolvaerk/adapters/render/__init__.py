"""Renderers: one Document (bolvaerk.domain.document) into bytes of a file format."""
