"""Survey settings only from a newer export, and an insurer bound to its exporter (issue 8 §8).

``insurers.exporter_key_id``: the pinned exporter key whose bundles speak for the insurer, filled
from the earliest import of each insurer's surveys. ``surveys.metadata_at``: the ``created_at`` of
the bundle the survey's settings came from, filled with the newest import of the survey (what
the importer kept until now: the last bundle imported, which was usually the newest).

Revision ID: 0005
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('insurers') as batch:
        batch.add_column(sa.Column('exporter_key_id', sa.String(length=32), nullable=True))
    with op.batch_alter_table('surveys') as batch:
        batch.add_column(sa.Column('metadata_at', sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE insurers SET exporter_key_id = (SELECT i.exporter_key_id FROM imports i "
        "JOIN surveys s ON s.id = i.survey_id WHERE s.insurer_id = insurers.id "
        "ORDER BY i.id LIMIT 1)")
    op.execute(
        "UPDATE surveys SET metadata_at = (SELECT max(i.bundle_created_at) FROM imports i "
        "WHERE i.survey_id = surveys.id)")


def downgrade() -> None:
    with op.batch_alter_table('surveys') as batch:
        batch.drop_column('metadata_at')
    with op.batch_alter_table('insurers') as batch:
        batch.drop_column('exporter_key_id')
