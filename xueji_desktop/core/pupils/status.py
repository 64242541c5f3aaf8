"""A pupil's 学籍 status and the moves between statuses the workflows may make."""

from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    ENROLLED = "enrolled"  # 在校
    SUSPENDED = "suspended"  # 休学
    TRANSFERRED_OUT = "transferred_out"  # 转出
    SUSPECTED_DROPOUT = "suspected_dropout"  # 疑似辍学
    DROPPED_OUT = "dropped_out"  # 辍学
    LEFT_OTHER = "left_other"  # 其他离校
    ABROAD = "abroad"  # 出境
    BORROWED_OUT = "borrowed_out"  # 借读（外出）
    MISSING = "missing"  # 失踪/被羁押
    WITHDRAWN = "withdrawn"  # 退学
    DECEASED = "deceased"  # 死亡 (final)
    GRADUATED = "graduated"  # 毕业
    COMPLETED = "completed"  # 结业
    EXPELLED = "expelled"  # 开除学籍 (高中 only, where the text allows it: 长治 第四十条)
    DUPLICATE_REMOVED = "duplicate_removed"  # 重复学籍已删除: the child studies at another school (凉山 三(三))

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def on_roll(self) -> bool:
        """Counted in the school's classes (occupies a place)."""
        return self in ON_ROLL


LABELS = {
    Status.ENROLLED: "在校", Status.SUSPENDED: "休学", Status.TRANSFERRED_OUT: "转出",
    Status.SUSPECTED_DROPOUT: "疑似辍学", Status.DROPPED_OUT: "辍学", Status.LEFT_OTHER: "其他离校",
    Status.ABROAD: "出境", Status.BORROWED_OUT: "借读（外出）", Status.MISSING: "失踪",
    Status.WITHDRAWN: "退学", Status.DECEASED: "死亡", Status.GRADUATED: "毕业",
    Status.COMPLETED: "结业", Status.EXPELLED: "开除学籍", Status.DUPLICATE_REMOVED: "重复学籍已删除",
}

# Pupils who hold a place in their class: the 学籍 is kept at the school while they are away.
ON_ROLL = {Status.ENROLLED, Status.SUSPENDED, Status.SUSPECTED_DROPOUT, Status.DROPPED_OUT,
           Status.BORROWED_OUT, Status.MISSING}

# Which status may follow which (return moves: 复学, 返校, 入境复学, 借读返回).
TRANSITIONS: dict[Status, set[Status]] = {
    Status.ENROLLED: {Status.SUSPENDED, Status.TRANSFERRED_OUT, Status.SUSPECTED_DROPOUT,
                      Status.DROPPED_OUT, Status.LEFT_OTHER, Status.ABROAD, Status.BORROWED_OUT,
                      Status.MISSING, Status.WITHDRAWN, Status.DECEASED, Status.GRADUATED,
                      Status.COMPLETED, Status.EXPELLED, Status.DUPLICATE_REMOVED},
    Status.SUSPENDED: {Status.ENROLLED, Status.LEFT_OTHER, Status.DECEASED, Status.TRANSFERRED_OUT,
                       Status.WITHDRAWN,  # 自动退学 after a suspension run out (长治 第三十一条)
                       Status.DUPLICATE_REMOVED},
    Status.SUSPECTED_DROPOUT: {Status.ENROLLED, Status.DROPPED_OUT, Status.LEFT_OTHER, Status.DECEASED,
                               Status.DUPLICATE_REMOVED},
    Status.DROPPED_OUT: {Status.ENROLLED, Status.LEFT_OTHER, Status.DECEASED, Status.DUPLICATE_REMOVED},
    Status.LEFT_OTHER: {Status.ENROLLED},
    Status.ABROAD: {Status.ENROLLED, Status.WITHDRAWN},
    Status.BORROWED_OUT: {Status.ENROLLED, Status.DECEASED, Status.DUPLICATE_REMOVED},
    Status.MISSING: {Status.ENROLLED, Status.DECEASED, Status.DUPLICATE_REMOVED},
    Status.TRANSFERRED_OUT: set(),
    Status.WITHDRAWN: set(),
    Status.DECEASED: set(),  # final
    Status.GRADUATED: set(),
    Status.COMPLETED: set(),
    Status.EXPELLED: set(),
    Status.DUPLICATE_REMOVED: set(),
}


def can_move(current: Status, target: Status) -> bool:
    return target in TRANSITIONS[current]
