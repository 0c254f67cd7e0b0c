"""Every column sealed under the master key is re-sealed by a rotation (services.rotation): a
new sealed column that is not listed would be lost to everyone at the next rotation."""

from __future__ import annotations

from sqlalchemy import LargeBinary

from reviewer_app.services.rotation import SEALED_COLUMNS
from reviewer_app.store.models import Base


def test_every_sealed_column_is_resealed_by_a_rotation() -> None:
    listed = {(model.__tablename__, column) for model, columns in SEALED_COLUMNS
              for column in columns}
    sealed = {(table.name, column.name) for table in Base.metadata.sorted_tables
              for column in table.columns
              if isinstance(column.type, LargeBinary) and "sealed" in column.name
              # sealed to each user's own key (replaced whole by a rotation), and the
              # PostgreSQL login secrets, sealed under each user's proof (store.pg_roles)
              and table.name not in ("master_key_wraps", "login_secrets")}
    assert sealed == listed
