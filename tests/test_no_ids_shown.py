"""No internal id (reason, refusal, ground, party or kind id) reaches what the registrar reads: the
parties of every chain, the history of a transfer, and the printed form."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest

from tests.conftest import make_school, pupil_draft
from xueji_desktop.core.casework import cases
from xueji_desktop.core.casework.cases import StepDecision
from xueji_desktop.core.forms.printing import print_case_form
from xueji_desktop.core.region_profiles.profiles import available_profiles, load_profile
from xueji_desktop.core.transfers import transfer
from xueji_desktop.core.transfers.transfer import OtherSchool, TransferDraft
from xueji_desktop.core.transfers.transfer_facts import party_label
from xueji_desktop.core.transfers.transfer_rules import allowed_reasons, evidence_for
from xueji_desktop.store.models import Event

SNAKE_ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
PROFILES = [pid for pid, _ in available_profiles()]


def _parties(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [x for v in value for x in _parties(v)]
    if isinstance(value, dict):
        return [x for v in value.values() for x in _parties(v)]
    return []


@pytest.mark.parametrize("pid", PROFILES)
def test_every_approving_party_has_a_chinese_name(pid):
    p = load_profile(pid)
    keys = [k for k in p.keys() if k.endswith(("approvers", "approval_chain", "report_to"))]
    assert "transfer.approval_chain" in keys
    for key in keys:
        for party in _parties(p.value(key)):
            for shown in (cases.party_label(party), party_label(party)):
                assert shown and not SNAKE_ID.search(shown), (key, party, shown)
    assert cases.party_label("no_such_office") == "其他审批单位"


def test_a_transfer_shows_labels_in_its_history_and_form(tmp_path):
    ws = make_school(tmp_path / "s.sqlite3", profile_id="heilongjiang", today=dt.date(2026, 9, 3))
    pupil = pupil_draft(name="李小龙", seq=611, birth=dt.date(2018, 4, 2), grade=3, new=False, region="110101")
    reason = allowed_reasons(ws.profile)[0]
    draft = TransferDraft(direction="in", pupil=pupil, incoming_number="G" + pupil.student["id_number"],
                          other_school=OtherSchool("北京市东城区史家小学", "110101", "010-65132456"),
                          grade_from=3, grade_to=3, reason_id=reason["id"],
                          evidence_seen=evidence_for(ws.profile, reason["id"]), applied_on=ws.today())
    draft.declared = {q.id: False for q in transfer.questions(ws, draft)}
    draft.reasons = {f.rule: "家长书面说明" for f in transfer.check(ws, draft) if f.severity.value == "warn"}
    case, _ = transfer.open_transfer(ws, draft)
    first = cases.steps(case)[0]
    transfer.record_step(ws, case.id, StepDecision(first.party, ws.today(), "王校长", "approved"))
    summaries = [e.summary for e in Event.select().where(Event.case_id == case.id)]
    assert any(reason["label"] in s for s in summaries)
    for s in summaries:
        assert not SNAKE_ID.search(s), s
    out = print_case_form(ws, "generic_transfer", [case], tmp_path / "form.pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "李小龙" in text and not SNAKE_ID.search(text), SNAKE_ID.findall(text)
    ws.close()
