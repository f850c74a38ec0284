"""Test-only helpers: scripted HTTP server, forward proxy, TLS certificates."""
