"""The refresh loop every wizard over a domain draft shares: each page writes its widgets into the
draft, the domain checks the whole draft once, each page shows the findings that concern it. Closing
one with something typed in it asks first (gui.discard)."""

from __future__ import annotations

from ..core.rules.findings import Finding
from .discard import DiscardGuard


class DraftRefresh(DiscardGuard):
    """Mixed into a QWizard that has `draft`, `pages_by_name` and a `check_draft()` returning findings."""

    findings: list[Finding]
    _refreshing: bool = False

    def check_draft(self) -> list[Finding]:
        raise NotImplementedError

    def after_check(self, findings: list[Finding]) -> None:
        """Hook between the check and the pages showing it (e.g. questions the rules ask)."""

    def ready(self) -> bool:
        return True

    def refresh(self) -> None:
        if self._refreshing or not self.ready():
            return
        self._refreshing = True
        try:
            for page in self.pages_by_name.values():
                if hasattr(page, "collect"):
                    page.collect(self.draft)
            self.findings = self.check_draft()
            self.after_check(self.findings)
            for page in self.pages_by_name.values():
                page.show_findings(self.findings)
        finally:
            self._refreshing = False
