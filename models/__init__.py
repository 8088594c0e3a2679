"""claimcheck's built-in model artefacts, installed as the package `claimcheck.models.builtin`.

This folder stays at the top of the repository; pyproject.toml maps it into the package so a
non-editable install carries the files too. Only claimcheck/models/catalogue.json names them.
"""
