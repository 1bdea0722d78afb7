"""Audit: which citations are outdated, inconsistent or malformed, each with its evidence.

``checks`` holds the checks over plain records, ``registry`` the status facts (bundled CSV, a
user's CSV, facts stated in the ingested texts).  The public API is re-exported here.
"""
from graph.audit.checks import (EXPLANATIONS, KINDS, SEVERITIES, Facts, Finding, audit, audit_facts, load_facts,
                                parse_as_of, parse_kinds, to_records)

__all__ = ["EXPLANATIONS", "KINDS", "SEVERITIES", "Facts", "Finding", "audit", "audit_facts", "load_facts",
           "parse_as_of", "parse_kinds", "to_records"]
