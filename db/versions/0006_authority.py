"""Authority from keys (issue 8): users' own keys, signed grants, the master key sealed per user
and epoch, and signatures on audit events, decisions and notices.

Existing users keep their password-wrapped master key until their first sign-in after the upgrade,
which gives them their own keys (services.workspace); the first administrator to sign in pins the
root of trust and re-seals every value with its owners bound in (a migration has no master key;
services.rotation). Rows written before the upgrade have no signature (NULL). Documents get a
data key each (``attachment_blobs.wrapped_key``); income sheets name their case's dependent.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_hash', sa.String(length=64), nullable=False),
    sa.Column('signer_key_id', sa.String(length=32), nullable=False),
    sa.Column('signature', sa.LargeBinary(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_grants_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grants')),
    sa.UniqueConstraint('body_hash', name=op.f('uq_grants_body_hash')),
    sa.UniqueConstraint('user_id', 'serial', name=op.f('uq_grants_user_id_serial'))
    )
    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grants_user_id'), ['user_id'], unique=False)

    op.create_table('master_key_wraps',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('epoch', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('sealed', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_master_key_wraps_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'epoch', name=op.f('pk_master_key_wraps'))
    )
    with op.batch_alter_table('attachment_blobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wrapped_key', sa.LargeBinary(), nullable=True))
    with op.batch_alter_table('income_sheets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dependent_id', sa.Integer(), nullable=True))
    op.execute("UPDATE income_sheets SET dependent_id = "
               "(SELECT c.dependent_id FROM cases c WHERE c.id = income_sheets.case_id)")
    with op.batch_alter_table('income_sheets', schema=None) as batch_op:
        batch_op.alter_column('dependent_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_income_sheets_dependent_id_dependents'),
                                    'dependents', ['dependent_id'], ['id'])
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signer_key_id', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('signature', sa.LargeBinary(length=64), nullable=True))

    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signed_body', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('body_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('signer_key_id', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('signature', sa.LargeBinary(length=64), nullable=True))

    with op.batch_alter_table('deficiency_notices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signed_body', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('body_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('signer_key_id', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('signature', sa.LargeBinary(length=64), nullable=True))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sign_public_key', sa.LargeBinary(length=32), nullable=True))
        batch_op.add_column(sa.Column('box_public_key', sa.LargeBinary(length=32), nullable=True))
        batch_op.add_column(sa.Column('wrapped_private_keys', sa.LargeBinary(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('income_sheets', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_income_sheets_dependent_id_dependents'),
                                 type_='foreignkey')
        batch_op.drop_column('dependent_id')
    with op.batch_alter_table('attachment_blobs', schema=None) as batch_op:
        batch_op.drop_column('wrapped_key')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('wrapped_private_keys')
        batch_op.drop_column('box_public_key')
        batch_op.drop_column('sign_public_key')

    with op.batch_alter_table('deficiency_notices', schema=None) as batch_op:
        batch_op.drop_column('signature')
        batch_op.drop_column('signer_key_id')
        batch_op.drop_column('body_hash')
        batch_op.drop_column('signed_body')

    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_column('signature')
        batch_op.drop_column('signer_key_id')
        batch_op.drop_column('body_hash')
        batch_op.drop_column('signed_body')

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_column('signature')
        batch_op.drop_column('signer_key_id')

    op.drop_table('master_key_wraps')
    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grants_user_id'))

    op.drop_table('grants')
