"""Passwords and tokens, key derivation, encryption of pages and PDFs, the derived-key store, the lock page. Imports `pages` and below."""
