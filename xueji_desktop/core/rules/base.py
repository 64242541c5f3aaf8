"""Turning a profile rule into a finding: the force and the article come from the profile."""

from __future__ import annotations

from ..region_profiles.profiles import Profile
from .findings import Finding, Severity


def finding(profile: Profile, key: str, field: str | None, message: str, ref: str | None = None,
            severity: Severity | None = None) -> Finding:
    rule = profile.rule(key)
    force = severity or Severity(rule.force or "warn")
    return Finding(key, force, field, message, rule.article, ref)
