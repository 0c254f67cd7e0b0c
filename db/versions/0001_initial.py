"""Initial schema: every table of reviewer_app.store.models, on SQLite and PostgreSQL.

Written from the models (autogenerate, then reviewed); UTC date-times are plain
``DateTime(timezone=True)`` here (the model's TypeDecorator only converts values). A test checks
that the migrated schema equals the models on both back ends.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 09:23:32.764401
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('insurers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_insurers')),
    sa.UniqueConstraint('code', name=op.f('uq_insurers_code'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('text_value', sa.Text(), nullable=True),
    sa.Column('sealed_value', sa.LargeBinary(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('wrapped_master_key', sa.LargeBinary(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('password_changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("role IN ('examiner', 'supervisor', 'admin')", name=op.f('ck_users_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('name', name=op.f('uq_users_name'))
    )
    op.create_table('audit_events',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=128), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_events_user_id_users')),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_events')),
    sa.UniqueConstraint('hash', name=op.f('uq_audit_events_hash'))
    )
    op.create_index(op.f('ix_audit_events_action'), 'audit_events', ['action'], unique=False)
    op.create_index(op.f('ix_audit_events_subject'), 'audit_events', ['subject'], unique=False)

    op.create_table('surveys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('insurer_id', sa.Integer(), nullable=False),
    sa.Column('survey_key', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('target_year', sa.Integer(), nullable=False),
    sa.Column('answer_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answer_end', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submission_deadline', sa.Date(), nullable=False),
    sa.Column('non_submission_exclusion_date', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['insurer_id'], ['insurers.id'], name=op.f('fk_surveys_insurer_id_insurers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surveys')),
    sa.UniqueConstraint('insurer_id', 'survey_key', name=op.f('uq_surveys_insurer_id_survey_key'))
    )
    op.create_table('trusted_exporters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_id', sa.String(length=32), nullable=False),
    sa.Column('public_key_text', sa.String(length=200), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_trusted_exporters_added_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trusted_exporters')),
    sa.UniqueConstraint('key_id', name=op.f('uq_trusted_exporters_key_id'))
    )
    op.create_table('imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bundle_id', sa.String(length=64), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('exporter_key_id', sa.String(length=32), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=True),
    sa.Column('bundle_created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_by_id', sa.Integer(), nullable=False),
    sa.Column('members', sa.Integer(), nullable=False),
    sa.Column('dependents', sa.Integer(), nullable=False),
    sa.Column('attachments', sa.Integer(), nullable=False),
    sa.Column('new', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('bytes', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['imported_by_id'], ['users.id'], name=op.f('fk_imports_imported_by_id_users')),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_imports_survey_id_surveys')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_imports'))
    )
    op.create_index(op.f('ix_imports_bundle_id'), 'imports', ['bundle_id'], unique=False)
    op.create_index(op.f('ix_imports_file_sha256'), 'imports', ['file_sha256'], unique=False)

    op.create_table('members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('member_key', sa.String(length=64), nullable=False),
    sa.Column('submission_key', sa.String(length=64), nullable=False),
    sa.Column('office_code', sa.String(length=20), nullable=False),
    sa.Column('office_name', sa.String(length=100), nullable=False),
    sa.Column('current_revision', sa.Integer(), nullable=False),
    sa.Column('personal_sealed', sa.LargeBinary(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_members_survey_id_surveys')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_members')),
    sa.UniqueConstraint('survey_id', 'member_key', name=op.f('uq_members_survey_id_member_key'))
    )
    op.create_index(op.f('ix_members_office_code'), 'members', ['office_code'], unique=False)

    op.create_table('dependents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('dependent_key', sa.String(length=64), nullable=False),
    sa.Column('relationship', sa.String(length=16), nullable=False),
    sa.Column('relationship_label', sa.String(length=100), nullable=False),
    sa.Column('member_status', sa.String(length=16), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('personal_sealed', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_dependents_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dependents')),
    sa.UniqueConstraint('member_id', 'dependent_key', name=op.f('uq_dependents_member_id_dependent_key'))
    )
    op.create_index(op.f('ix_dependents_relationship'), 'dependents', ['relationship'], unique=False)

    op.create_table('submission_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('content_mac', sa.LargeBinary(length=32), nullable=False),
    sa.Column('sealed_json', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['import_id'], ['imports.id'], name=op.f('fk_submission_revisions_import_id_imports')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_submission_revisions_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission_revisions')),
    sa.UniqueConstraint('member_id', 'revision', name=op.f('uq_submission_revisions_member_id_revision'))
    )
    op.create_index(op.f('ix_submission_revisions_import_id'), 'submission_revisions', ['import_id'], unique=False)

    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('dependent_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('proposed_verdict', sa.String(length=16), nullable=True),
    sa.Column('proposed_exclusion_date', sa.Date(), nullable=True),
    sa.Column('review_started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_after_review', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("proposed_verdict IS NULL OR proposed_verdict IN ('continue', 'exclude', 'needs_review')", name=op.f('ck_cases_proposed_verdict')),
    sa.CheckConstraint("status IN ('not_started', 'in_review', 'notice_sent', 'awaiting_approval', 'done')", name=op.f('ck_cases_status')),
    sa.ForeignKeyConstraint(['assignee_id'], ['users.id'], name=op.f('fk_cases_assignee_id_users')),
    sa.ForeignKeyConstraint(['dependent_id'], ['dependents.id'], name=op.f('fk_cases_dependent_id_dependents')),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_cases_survey_id_surveys')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('dependent_id', name=op.f('uq_cases_dependent_id'))
    )
    op.create_index(op.f('ix_cases_assignee_id'), 'cases', ['assignee_id'], unique=False)
    op.create_index('ix_cases_survey_id_status', 'cases', ['survey_id', 'status'], unique=False)

    op.create_table('required_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dependent_id', sa.Integer(), nullable=False),
    sa.Column('revision_id', sa.Integer(), nullable=False),
    sa.Column('document_key', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('proceed_without', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['dependent_id'], ['dependents.id'], name=op.f('fk_required_documents_dependent_id_dependents')),
    sa.ForeignKeyConstraint(['revision_id'], ['submission_revisions.id'], name=op.f('fk_required_documents_revision_id_submission_revisions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_required_documents')),
    sa.UniqueConstraint('revision_id', 'dependent_id', 'document_key', name=op.f('uq_required_documents_revision_id_dependent_id_document_key'))
    )
    op.create_index(op.f('ix_required_documents_dependent_id'), 'required_documents', ['dependent_id'], unique=False)

    op.create_table('search_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('dependent_id', sa.Integer(), nullable=True),
    sa.Column('token', sa.LargeBinary(length=16), nullable=False),
    sa.ForeignKeyConstraint(['dependent_id'], ['dependents.id'], name=op.f('fk_search_tokens_dependent_id_dependents')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_search_tokens_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_tokens'))
    )
    op.create_index(op.f('ix_search_tokens_dependent_id'), 'search_tokens', ['dependent_id'], unique=False)
    op.create_index(op.f('ix_search_tokens_member_id'), 'search_tokens', ['member_id'], unique=False)
    op.create_index(op.f('ix_search_tokens_token'), 'search_tokens', ['token'], unique=False)

    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('required_document_id', sa.Integer(), nullable=False),
    sa.Column('dependent_id', sa.Integer(), nullable=False),
    sa.Column('file_key', sa.String(length=64), nullable=False),
    sa.Column('media_type', sa.String(length=32), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('rotation', sa.Integer(), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=True),
    sa.Column('original_name_sealed', sa.LargeBinary(), nullable=True),
    sa.CheckConstraint('rotation IN (0, 90, 180, 270)', name=op.f('ck_attachments_rotation')),
    sa.ForeignKeyConstraint(['dependent_id'], ['dependents.id'], name=op.f('fk_attachments_dependent_id_dependents')),
    sa.ForeignKeyConstraint(['required_document_id'], ['required_documents.id'], name=op.f('fk_attachments_required_document_id_required_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments')),
    sa.UniqueConstraint('required_document_id', 'file_key', name=op.f('uq_attachments_required_document_id_file_key'))
    )
    op.create_index(op.f('ix_attachments_dependent_id'), 'attachments', ['dependent_id'], unique=False)

    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('verdict', sa.String(length=16), nullable=True),
    sa.Column('exclusion_date', sa.Date(), nullable=True),
    sa.Column('proposal_id', sa.Integer(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('comment_sealed', sa.LargeBinary(), nullable=True),
    sa.Column('evaluation_sealed', sa.LargeBinary(), nullable=True),
    sa.CheckConstraint("kind IN ('proposal', 'approval', 'return')", name=op.f('ck_decisions_kind')),
    sa.CheckConstraint("verdict IS NULL OR verdict IN ('continue', 'exclude', 'needs_review')", name=op.f('ck_decisions_verdict')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_decisions_case_id_cases')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_decisions_decided_by_id_users')),
    sa.ForeignKeyConstraint(['proposal_id'], ['decisions.id'], name=op.f('fk_decisions_proposal_id_decisions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions'))
    )
    op.create_index(op.f('ix_decisions_case_id'), 'decisions', ['case_id'], unique=False)

    op.create_table('deficiency_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('item_count', sa.Integer(), nullable=False),
    sa.Column('reply_deadline', sa.Date(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('exported_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('items_sealed', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_deficiency_notices_case_id_cases')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_deficiency_notices_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deficiency_notices'))
    )
    op.create_index(op.f('ix_deficiency_notices_case_id'), 'deficiency_notices', ['case_id'], unique=False)

    op.create_table('document_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('document_key', sa.String(length=64), nullable=False),
    sa.Column('verdict', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=True),
    sa.Column('note_sealed', sa.LargeBinary(), nullable=True),
    sa.Column('checked_by_id', sa.Integer(), nullable=True),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("verdict IN ('unchecked', 'ok', 'deficient')", name=op.f('ck_document_checks_verdict')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_document_checks_case_id_cases')),
    sa.ForeignKeyConstraint(['checked_by_id'], ['users.id'], name=op.f('fk_document_checks_checked_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_checks')),
    sa.UniqueConstraint('case_id', 'document_key', name=op.f('uq_document_checks_case_id_document_key'))
    )
    op.create_table('income_sheets',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('sealed_json', sa.LargeBinary(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_income_sheets_case_id_cases')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_income_sheets_updated_by_id_users')),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_income_sheets'))
    )
    op.create_table('attachment_blobs',
    sa.Column('attachment_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'], name=op.f('fk_attachment_blobs_attachment_id_attachments')),
    sa.PrimaryKeyConstraint('attachment_id', name=op.f('pk_attachment_blobs'))
    )


def downgrade() -> None:
    op.drop_table('attachment_blobs')
    op.drop_table('income_sheets')
    op.drop_table('document_checks')
    op.drop_table('deficiency_notices')
    op.drop_table('decisions')
    op.drop_table('attachments')
    op.drop_table('search_tokens')
    op.drop_table('required_documents')
    op.drop_table('cases')
    op.drop_table('submission_revisions')
    op.drop_table('dependents')
    op.drop_table('members')
    op.drop_table('imports')
    op.drop_table('trusted_exporters')
    op.drop_table('surveys')
    op.drop_table('audit_events')
    op.drop_table('users')
    op.drop_table('settings')
    op.drop_table('insurers')
