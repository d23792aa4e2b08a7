"""Forms of sections 5, 6.1 and the risk forms 7.2: parse what the user typed, keep it for a
re-rendered page when something is wrong."""
