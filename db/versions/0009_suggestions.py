"""Suggestions read from payslips and bonus slips (issue 11): the cache of what each uploaded
file gave (sealed, bound to the file's dependent and the reading engine) and the amounts a
person accepted from them into the income sheet (sealed, bound to the case, the sheet version,
the document, the page and the person).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('suggestions',
    sa.Column('attachment_id', sa.Integer(), nullable=False),
    sa.Column('dependent_id', sa.Integer(), nullable=False),
    sa.Column('engine', sa.String(length=120), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('result_sealed', sa.LargeBinary(), nullable=True),
    sa.CheckConstraint("status IN ('read', 'failed')", name=op.f('ck_suggestions_status')),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'],
                            name=op.f('fk_suggestions_attachment_id_attachments')),
    sa.ForeignKeyConstraint(['dependent_id'], ['dependents.id'],
                            name=op.f('fk_suggestions_dependent_id_dependents')),
    sa.PrimaryKeyConstraint('attachment_id', name=op.f('pk_suggestions'))
    )
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suggestions_dependent_id'), ['dependent_id'],
                              unique=False)

    op.create_table('income_confirmations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('sheet_version', sa.Integer(), nullable=False),
    sa.Column('attachment_id', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=False),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('detail_sealed', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'],
                            name=op.f('fk_income_confirmations_attachment_id_attachments')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'],
                            name=op.f('fk_income_confirmations_case_id_cases')),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['users.id'],
                            name=op.f('fk_income_confirmations_confirmed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_income_confirmations'))
    )
    with op.batch_alter_table('income_confirmations', schema=None) as batch_op:
        batch_op.create_index('ix_income_confirmations_case_id_sheet_version',
                              ['case_id', 'sheet_version'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('income_confirmations', schema=None) as batch_op:
        batch_op.drop_index('ix_income_confirmations_case_id_sheet_version')
    op.drop_table('income_confirmations')
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suggestions_dependent_id'))
    op.drop_table('suggestions')
