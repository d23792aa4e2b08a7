"""EDI adapters: message syntaxes (EDIFACT, XML) and protection (CMS, keys, certificates,
transports)."""
