"""Why an uploaded file could not be used (issue 9), for the window: the quarantine reasons and
their words in the user's language.

The reasons and their texts live with the checks that find them
(:mod:`reviewer_app.render.problems`); the window reaches them here, as it reaches everything
below the services (tests/unit/test_layering.py).
"""

from __future__ import annotations

from reviewer_app.render.problems import FileProblem, short_label, unusable_message

__all__ = ["FileProblem", "short_label", "unusable_message"]
