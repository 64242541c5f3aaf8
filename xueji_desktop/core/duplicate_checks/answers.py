"""The registrar's answers to a duplicate-学籍 case, each one transaction with its event (sent to the bureau
with the next batch):

- `confirm_attendance`: the child studies here. Where the region's text asks for it (《凉山州规定》三(三): 学生实际
  就读学校必须上传《学生实际就读证明表》（附表3）作为佐证) the signed and stamped form's scan goes with the answer;
  core.forms.attendance_proof prints the form filled in from the record.
- `declare_not_same`: the two records are of different children, with the school's reason.
- `remove_record`: the child does not study here (对方学校删除): the record leaves the roll as 重复学籍已删除 — the
  pupil's row, record and history stay, nothing is deleted.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from ...store.models import Student
from ..casework import cases
from ..pupils.status import Status
from ..school.events import Changes, EventKind, changing
from .queries import (
    ATTENDS,
    NOT_SAME,
    REMOVED,
    RULE,
    DuplicateCheckError,
    governing_rule,
    proof_required,
    raw,
    save,
)

MAX_PROOF_BYTES = 4 * 1024 * 1024  # it travels in the batch on the stick
PROOF_KINDS = {b"\xff\xd8\xff": "JPG", b"\x89PNG\r\n\x1a\n": "PNG", b"%PDF-": "PDF"}
MIN_NOTE = 4


def _open_case(uuid: str) -> dict:
    doc = raw(uuid)
    if doc.get("closed"):
        raise DuplicateCheckError(f"这件重复学籍核查已由教育局于 {doc['closed'].get('on', '')} 结案，不能再答复")
    if doc.get("answer"):
        done = doc["answer"]
        raise DuplicateCheckError(f"这件重复学籍核查已于 {done.get('on', '')} 答复（{done.get('label', '')}），"
                                  "如需更正请与教育局联系")
    return doc


def _pupil(doc: dict) -> Student:
    student = Student.get_or_none(Student.student_number == str(doc.get("student_number") or ""))
    if student is None:
        raise DuplicateCheckError(f"本校没有学籍号为 {doc.get('student_number', '')} 的学生，请与教育局核实")
    return student


def _article(ws) -> list[str]:
    rule = governing_rule(ws.profile)
    return [rule.article] if rule.applies and rule.article else []


def read_proof(path: str | Path | None) -> dict | None:
    """The scan as it travels: name, hash, size and the bytes (base64); DuplicateCheckError naming the field."""
    if path is None or not str(path).strip():
        return None
    source = Path(path)
    if not source.is_file():
        raise DuplicateCheckError(f"证明材料：找不到文件 {source}")
    data = source.read_bytes()
    if not data:
        raise DuplicateCheckError(f"证明材料：文件 {source.name} 是空的")
    if len(data) > MAX_PROOF_BYTES:
        raise DuplicateCheckError(f"证明材料：文件 {source.name} 有 {len(data) / 1048576:.1f} MB，超过 4 MB，"
                                  "请降低扫描分辨率（随批次报送教育局）")
    if not any(data.startswith(magic) for magic in PROOF_KINDS):
        raise DuplicateCheckError(f"证明材料：{source.name} 不是 JPG、PNG 图片或 PDF 文件")
    return {"filename": source.name[:120], "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
            "data": base64.b64encode(data).decode("ascii")}


def confirm_attendance(ws, uuid: str, proof: str | Path | None = None, note: str = "") -> Changes:
    """本校为学生实际就读学校; DuplicateCheckError (nothing written) when refused."""
    doc = _open_case(uuid)
    student = _pupil(doc)
    if student.status != Status.ENROLLED.value:
        raise DuplicateCheckError(f"{student.name}的学籍状态为“{Status(student.status).label}”，不在本校就读，"
                                  "不能确认在本校就读")
    attached = read_proof(proof)
    if attached is None and proof_required(ws.profile):
        rule = ws.profile.rule(RULE)
        raise DuplicateCheckError(f"学生实际在校就读证明表：请打印附表3，经学生、家长、校长签字并盖章后扫描，附上扫描件"
                                  f"（{rule.article}：{rule.quote}）")
    with changing(ws.db, ws.user, ws.now()) as tx:
        doc["answer"] = {"kind": ATTENDS, "label": "确认在本校就读", "on": tx.now.date().isoformat(),
                         "note": note.strip(), "proof": {k: v for k, v in (attached or {}).items() if k != "data"}}
        save(doc)
        tail = f"，附{attached['filename']}" if attached else ""
        tx.record(EventKind.DUPLICATE_ANSWERED,
                  f"重复学籍核查：确认{student.name}（{student.student_number}）在本校就读{tail}"
                  + (f"；{note.strip()}" if note.strip() else ""),
                  {"duplicate": doc["uuid"], "answer": ATTENDS, "note": note.strip(), "proof": attached},
                  student=student, articles=_article(ws))
    return tx.changes


def declare_not_same(ws, uuid: str, note: str) -> Changes:
    doc = _open_case(uuid)
    student = _pupil(doc)
    note = (note or "").strip()
    if len(note) < MIN_NOTE:
        raise DuplicateCheckError("说明：请写明核实情况（至少 4 个字），例如两人身份证件号不同、已核对户口簿")
    with changing(ws.db, ws.user, ws.now()) as tx:
        doc["answer"] = {"kind": NOT_SAME, "label": "不是同一学生", "on": tx.now.date().isoformat(), "note": note}
        save(doc)
        tx.record(EventKind.DUPLICATE_ANSWERED,
                  f"重复学籍核查：{student.name}（{student.student_number}）与{doc.get('other', {}).get('school_name', '')}"
                  f"的学生不是同一人；{note}",
                  {"duplicate": doc["uuid"], "answer": NOT_SAME, "note": note}, student=student,
                  articles=_article(ws))
    return tx.changes


def remove_record(ws, uuid: str, note: str) -> Changes:
    """对方学校删除: the record leaves the roll (重复学籍已删除), its history kept; refused while the pupil has an open
    application."""
    doc = _open_case(uuid)
    student = _pupil(doc)
    note = (note or "").strip()
    if len(note) < MIN_NOTE:
        raise DuplicateCheckError("删除原因：请写明核实情况（至少 4 个字），例如该生实际在对方学校就读，已与家长核实")
    status = Status(student.status)
    if not status.on_roll:
        raise DuplicateCheckError(f"{student.name}的学籍状态为“{status.label}”，已不在本校学籍中，无需删除："
                                  "报送批次后，教育局即可看到并结案")
    busy = cases.open_cases_of(student.student_number, student.id_number or "")
    if busy:
        raise DuplicateCheckError(f"{student.name}有办理中的申请 {busy[0].number}：请先撤回或办结，再删除重复学籍")
    other = doc.get("other") or {}
    with changing(ws.db, ws.user, ws.now()) as tx:
        Student.update(status=Status.DUPLICATE_REMOVED.value, updated_at=tx.now).where(
            Student.id == student.id).execute()
        doc["answer"] = {"kind": REMOVED, "label": "删除本校的重复学籍", "on": tx.now.date().isoformat(), "note": note}
        save(doc)
        tx.changes.classes = True
        tx.record(EventKind.DUPLICATE_RECORD_REMOVED,
                  f"删除重复学籍：{student.name}（{student.student_number}）实际在{other.get('school_name', '')}就读"
                  f"（对方学籍号 {other.get('student_number', '')}）；{note}",
                  {"duplicate": doc["uuid"], "status_from": status.value, "status_to": Status.DUPLICATE_REMOVED.value,
                   "note": note, "other_school": other.get("school_name", ""),
                   "other_number": other.get("student_number", "")},
                  student=student, articles=_article(ws))
    return tx.changes
