EXTRA_DIST += doc/optimizers.md
