"""Editor forms, one module per part of the template; each module offers build() and apply()."""
