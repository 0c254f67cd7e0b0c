"""The closed vocabularies the services speak (statuses, verdicts, roles), for the UI.

They are defined with the schema in :mod:`reviewer_app.store.enums` (CHECK constraints list them);
the UI imports them from here so that it depends on the services, never on the store.
"""

from reviewer_app.store.enums import LABELS_JA, CaseStatus, DecisionKind, Role, Verdict

__all__ = ["LABELS_JA", "CaseStatus", "DecisionKind", "Role", "Verdict"]
