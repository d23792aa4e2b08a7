"""bolvaerk: the security workbench of a port (PFSA/PSA, incidents, secure EDI)."""

__version__ = "0.1.0"
