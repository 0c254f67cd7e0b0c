"""Paper surveys (issue 14): a dependent switched to paper (date, who, sealed reason), the source
of a submission revision (web or paper) with who entered it and when, and the signed entry and
input check (入力確認) of each paper revision.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain added columns (no foreign key or check on dependents and submission_revisions):
    # SQLite would have to rebuild those tables, which other tables reference.
    with op.batch_alter_table('dependents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paper_since', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('paper_marked_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('paper_reason_sealed', sa.LargeBinary(), nullable=True))
    with op.batch_alter_table('submission_revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=8), server_default='web',
                                      nullable=False))
        batch_op.add_column(sa.Column('entered_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('entered_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table('paper_signoffs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision_id', sa.Integer(), nullable=False),
    sa.Column('dependent_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('signed_body', sa.Text(), nullable=False),
    sa.Column('body_hash', sa.String(length=64), nullable=False),
    sa.Column('signer_key_id', sa.String(length=32), nullable=True),
    sa.Column('signature', sa.LargeBinary(length=64), nullable=False),
    sa.CheckConstraint("kind IN ('entry', 'check')", name=op.f('ck_paper_signoffs_kind')),
    sa.ForeignKeyConstraint(['dependent_id'], ['dependents.id'],
                            name=op.f('fk_paper_signoffs_dependent_id_dependents')),
    sa.ForeignKeyConstraint(['revision_id'], ['submission_revisions.id'],
                            name=op.f('fk_paper_signoffs_revision_id_submission_revisions')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                            name=op.f('fk_paper_signoffs_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paper_signoffs')),
    sa.UniqueConstraint('revision_id', 'dependent_id', 'kind',
                        name=op.f('uq_paper_signoffs_revision_id_dependent_id_kind'))
    )
    with op.batch_alter_table('paper_signoffs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paper_signoffs_dependent_id'), ['dependent_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('paper_signoffs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paper_signoffs_dependent_id'))
    op.drop_table('paper_signoffs')
    with op.batch_alter_table('submission_revisions', schema=None) as batch_op:
        batch_op.drop_column('entered_at')
        batch_op.drop_column('entered_by_id')
        batch_op.drop_column('source')
    with op.batch_alter_table('dependents', schema=None) as batch_op:
        batch_op.drop_column('paper_reason_sealed')
        batch_op.drop_column('paper_marked_by_id')
        batch_op.drop_column('paper_since')
