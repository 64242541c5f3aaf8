"""Scans and photos kept with a case: copied into a folder beside the database, named by hash.

The file is written (temporary name, fsync, rename) before its row is committed, so a crash leaves
at most an unreferenced file, never a row without its file; the same scan added twice is stored once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from ...store.models import Attachment, Case
from ..rules.findings import Finding, RuleViolation, Severity
from ..school.events import Changes, EventKind, changing

MAX_BYTES = 20 * 1024 * 1024
KINDS = {b"\xff\xd8\xff": ".jpg", b"\x89PNG\r\n\x1a\n": ".png", b"%PDF-": ".pdf"}


def folder(ws) -> Path:
    return ws.path.with_name(ws.path.name + ".attachments")


def stored_path(ws, attachment: Attachment) -> Path:
    suffix = Path(attachment.filename).suffix.lower() or ".bin"
    return folder(ws) / attachment.sha256[:2] / f"{attachment.sha256}{suffix}"


def _kind(head: bytes) -> str | None:
    return next((suffix for magic, suffix in KINDS.items() if head.startswith(magic)), None)


def check_file(source: Path, label: str) -> list[Finding]:
    def block(message: str) -> Finding:
        return Finding("attachment.file", Severity.BLOCK, "attachment", message, "")

    if not label.strip():
        return [block("证明材料：请先说明这份材料是什么（如：户口簿）")]
    if not source.is_file():
        return [block(f"证明材料：找不到文件 {source}")]
    size = source.stat().st_size
    if size == 0:
        return [block(f"证明材料：文件 {source.name} 是空的")]
    if size > MAX_BYTES:
        return [block(f"证明材料：文件 {source.name} 有 {size / 1048576:.1f} MB，超过 20 MB，请降低扫描分辨率")]
    with source.open("rb") as f:
        if _kind(f.read(8)) is None:
            return [block(f"证明材料：{source.name} 不是 JPG、PNG 图片或 PDF 文件")]
    return []


def add_attachment(ws, case: Case, label: str, source: str | Path) -> tuple[Attachment, Changes]:
    source = Path(source)
    found = check_file(source, label)
    if found:
        raise RuleViolation(found)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    with source.open("rb") as f:
        suffix = _kind(f.read(8))
    target = folder(ws) / digest[:2] / f"{digest}{suffix}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(target.suffix + ".part")
        with source.open("rb") as src, temporary.open("wb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(temporary, target)
    with changing(ws.db, ws.user, ws.now()) as tx:
        attachment = Attachment.create(case=case, label=label.strip(), filename=source.stem + suffix,
                                       sha256=digest, size=source.stat().st_size, added_by=tx.author,
                                       added_at=tx.now)
        tx.record(EventKind.CASE_ATTACHMENT_ADDED, f"申请 {case.number} 添加证明材料：{label.strip()}（{source.name}）",
                  {"case": case.uuid, "label": label.strip(), "filename": source.name, "sha256": digest},
                  student=case.student, case_id=case.id)
    return attachment, tx.changes
