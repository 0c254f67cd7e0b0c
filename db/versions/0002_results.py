"""Results back to the web system and re-submissions (issue 7).

``results_exports`` and ``result_marks`` (what each results export said), ``cases.resubmitted_at``
and the answer of a deficiency notice (``answered_at``, ``answered_revision``). The workspace's
results signing key is a setting; an existing workspace gets one at its next sign-in (the key must
be sealed under the master key, which a migration does not have).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('cases') as batch:
        batch.add_column(sa.Column('resubmitted_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('deficiency_notices') as batch:
        batch.add_column(sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('answered_revision', sa.Integer(), nullable=True))
    op.create_table('results_exports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('bundle_id', sa.String(length=64), nullable=False),
    sa.Column('full', sa.Boolean(), nullable=False),
    sa.Column('dependents', sa.Integer(), nullable=False),
    sa.Column('notices', sa.Integer(), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('recipient_key_id', sa.String(length=32), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_results_exports_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_results_exports')),
    sa.UniqueConstraint('seq', name=op.f('uq_results_exports_seq'))
    )
    op.create_table('result_marks',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('state_mac', sa.LargeBinary(length=32), nullable=False),
    sa.Column('export_seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_result_marks_case_id_cases')),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_result_marks'))
    )


def downgrade() -> None:
    op.drop_table('result_marks')
    op.drop_table('results_exports')
    with op.batch_alter_table('deficiency_notices') as batch:
        batch.drop_column('answered_revision')
        batch.drop_column('answered_at')
    with op.batch_alter_table('cases') as batch:
        batch.drop_column('resubmitted_at')
