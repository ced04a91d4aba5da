"""Provenance: answers, the statements a statement is based on, relays' wording and delays,
independent voices, and the W3C PROV export."""
