"""The emulator's API route handlers, one module per area."""
