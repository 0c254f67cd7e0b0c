"""Indexes for the queue's views (issue 7 §4): 未提出, 再提出あり, 期限切れ.

``dependents.member_status`` (not submitted), ``cases.resubmitted_at`` (re-submitted) and
``deficiency_notices.reply_deadline`` with ``(case_id, id)`` (overdue: the latest notice), so each view stays an index lookup at
100,000 dependents (tests/benchmarks/bench_queue.py).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f('ix_dependents_member_status'), 'dependents', ['member_status'],
                    unique=False)
    op.create_index(op.f('ix_cases_resubmitted_at'), 'cases', ['resubmitted_at'], unique=False)
    op.create_index(op.f('ix_deficiency_notices_reply_deadline'), 'deficiency_notices',
                    ['reply_deadline'], unique=False)
    op.create_index(op.f('ix_deficiency_notices_case_id_id'), 'deficiency_notices',
                    ['case_id', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_deficiency_notices_case_id_id'), table_name='deficiency_notices')
    op.drop_index(op.f('ix_deficiency_notices_reply_deadline'), table_name='deficiency_notices')
    op.drop_index(op.f('ix_cases_resubmitted_at'), table_name='cases')
    op.drop_index(op.f('ix_dependents_member_status'), table_name='dependents')
