"""Use cases: load, call the domain, save. `do_*` changes state, `access_*` loads with a check."""
