"""The emulator's file bytes: the on-disk blob store and the pre-signed storage endpoints."""
