"""Quarantined attachments (issue 9): a member's file whose contents cannot be shown.

``attachments.quarantine_reason`` holds the content problem the import found
(``reviewer_app.render.problems.FileProblem``: ``damaged``, ``password_protected`` ...), NULL for
a file that passed. The bytes are stored sealed like any other attachment.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('attachments') as batch:
        batch.add_column(sa.Column('quarantine_reason', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('attachments') as batch:
        batch.drop_column('quarantine_reason')
