"""Pure formatting of the society's outputs: rows in, file bytes out (no database, no Qt)."""
