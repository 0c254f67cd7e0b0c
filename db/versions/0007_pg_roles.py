"""Each user's own PostgreSQL login role (issue 8): ``users.db_role`` names it, and
``login_secrets`` holds what the sign-in gate checks before it releases the role's password.

The roles, grants, row-level security policies and functions themselves are applied by
``reviewer_app.store.pg_roles.apply`` after ``init`` and after every upgrade (they depend on the
workspace id and are re-applied whole, so new tables get their privileges too).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('db_role', sa.String(length=63), nullable=True))
    op.create_table('login_secrets',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('proof_hash', sa.String(length=64), nullable=False),
    sa.Column('sealed_password', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_login_secrets_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_login_secrets'))
    )


def downgrade() -> None:
    op.drop_table('login_secrets')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('db_role')
