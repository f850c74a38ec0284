"""The emulator's data model and SQLite store: schema, IDs, permissions."""
