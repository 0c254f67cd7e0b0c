"""Subcommands of ``reviewer-app``; see :mod:`reviewer_app.cli`."""
