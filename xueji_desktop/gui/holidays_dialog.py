"""工作日设置: the registrar enters a year's 放假安排 from the State Council's notice.

Every working-day deadline (core.dates.workdays) counts 法定节假日 and 调休 from the library for the
years it knows and from what is entered here for the others; a year in neither is counted by
weekends alone, with a warning wherever such a deadline is shown. The dialog shows which years
are known, previews what the typed text means (each day with its weekday, working days per
month) and saves through `core.dates.holidays.enter_year`.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtWidgets import QDialog, QMessageBox

from ..core.dates import holidays, workdays
from ..core.dates.holidays import ParseError, format_days, format_named_days, runs_text
from ..core.dates.workdays import LIBRARY_YEARS, WorkCalendar, YearSource
from .forms.ui_holidays import Ui_HolidaysDialog
from .operations import run_op

RED, AMBER, GREEN = "#b00020", "#9a5b00", "#1b6e20"


def _span(years: list[int]) -> str:
    """"2004–2026、2028"."""
    parts, run = [], []
    for year in sorted(years):
        if run and year != run[-1] + 1:
            parts.append(run)
            run = []
        run.append(year)
    if run:
        parts.append(run)
    return "、".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else "、".join(map(str, r)) for r in parts)


class HolidaysDialog(QDialog, Ui_HolidaysDialog):
    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        self.cal = WorkCalendar.from_store()
        self._loaded: dict[int, tuple[str, str]] = {}  # the text each year opened with
        self._drafts: dict[int, tuple[str, str]] = {}  # unsaved text of years left for another
        self._year: int | None = None
        self._parsed: tuple[list[tuple[dt.date, str]], list[dt.date]] | None = None

        self.intro.setText(
            "转学、休学等各项期限按<b>工作日</b>计算，须扣除法定节假日、算入调休上班的周末。"
            f"程序内置 {LIBRARY_YEARS.start}–{LIBRARY_YEARS.stop - 1} 年的放假安排；以后的年份请在国务院办公厅"
            "公布当年《部分节假日安排的通知》后在此录入。录入的日期优先于内置数据，可用于更正。")
        self.clear_button.clicked.connect(self.clear_year)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)

        self._fill_years(self._preselected_year())
        self.year_box.currentIndexChanged.connect(self._year_changed)
        self.holidays_edit.textChanged.connect(self._update_preview)
        self.working_edit.textChanged.connect(self._update_preview)
        self._load_year(self.year)

    # years ---------------------------------------------------------------------------------------
    @property
    def year(self) -> int:
        return self.year_box.currentData()

    def _preselected_year(self) -> int:
        """The first year after the library's data that is not entered yet (2027), not beyond next year."""
        first = workdays.first_year_without_library()
        last = max(first, self.ws.today().year + 1)
        for year in range(first, last + 1):
            if self.cal.source(year) is YearSource.MISSING:
                return year
        return first

    def _years(self) -> list[int]:
        today = self.ws.today().year
        first = workdays.first_year_without_library()
        years = set(range(today - 1, max(today + 2, first + 1) + 1)) | set(self.cal.entered_years)
        return sorted(years)

    def _fill_years(self, select: int) -> None:
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in self._years():
            self.year_box.addItem(f"{year} 年 — {self.cal.source(year).label}", year)
        self.year_box.setCurrentIndex(max(0, self.year_box.findData(select)))
        self.year_box.blockSignals(False)
        self._show_years()

    def _show_years(self) -> None:
        entered = sorted(self.cal.entered_years)
        missing = [y for y in self._years() if y >= workdays.first_year_without_library()
                   and self.cal.source(y) is YearSource.MISSING]
        soon = [y for y in missing if y <= self.ws.today().year + 1]  # deadlines already reach these
        later = [y for y in missing if y not in soon]
        parts = [f"内置数据：{_span(list(LIBRARY_YEARS))} 年", f"已录入：{_span(entered) + ' 年' if entered else '无'}"]
        if soon:
            parts.append(f"<span style='color:{RED}'>未录入：{_span(soon)} 年（期限按周末计算，可能不准确）</span>")
        if later:
            parts.append(f"{_span(later)} 年：待国务院公布后录入")
        self.years_label.setText("　　".join(parts))

    def _year_changed(self) -> None:
        if self._year is not None and self._texts() != self._loaded.get(self._year):
            self._drafts[self._year] = self._texts()
        self._load_year(self.year)

    def _load_year(self, year: int) -> None:
        self._year = year
        source = self.cal.source(year)
        if source is YearSource.ENTERED:
            rest, working = holidays.entered_days(year)
            note = f"{year} 年已录入；修改后保存即替换该年的录入。"
        elif source is YearSource.LIBRARY:
            rest, working = workdays.library_days(year)
            note = f"以下为内置的 {year} 年放假安排；如国务院通知有更正，修改后保存即以录入为准。"
        else:
            rest, working = [], []
            note = (f"<span style='color:{RED}'>{year} 年尚未录入：期限按周末计算。"
                    "请按国务院办公厅的通知填写放假日期和调休上班日期。</span>")
        self.source_label.setText(note)
        loaded = (format_named_days(rest), format_days(working))
        self._loaded[year] = loaded
        text = self._drafts.pop(year, loaded)
        for edit, value in zip((self.holidays_edit, self.working_edit), text):
            edit.blockSignals(True)
            edit.setPlainText(value)
            edit.blockSignals(False)
        self.clear_button.setEnabled(source is YearSource.ENTERED)
        self._update_preview()

    def _texts(self) -> tuple[str, str]:
        return self.holidays_edit.toPlainText(), self.working_edit.toPlainText()

    # preview -------------------------------------------------------------------------------------
    def _update_preview(self) -> None:
        year = self.year
        self.status_label.clear()
        errors: list[str] = []
        self._parsed = None
        try:
            rest = holidays.parse_named_days(self.holidays_edit.toPlainText(), year)
        except ParseError as e:
            errors.append(f"放假日期：{e}")
            rest = None
        try:
            working = holidays.parse_days(self.working_edit.toPlainText(), year, working=True)
        except ParseError as e:
            errors.append(f"调休上班日期：{e}")
            working = None
        empty = False
        if rest is not None and working is not None:
            findings = holidays.check_year(year, rest, working)
            empty = any(f.rule == "holidays.empty" for f in findings)
            errors += [f.text for f in findings if f.rule != "holidays.empty"]
            if not errors:
                self._parsed = (rest, working)
        changed = self._texts() != self._loaded.get(year)
        self.save_button.setEnabled(self._parsed is not None and not empty and changed)
        self.preview.setHtml(self._preview_html(year, rest, working, errors))

    def _preview_html(self, year, rest, working, errors) -> str:
        """Errors first, then the days as ranges with weekdays, then working days per month."""
        html = []
        for error in errors:
            html.append(f"<p style='color:{RED}'>✗ {escape(error)}</p>")
        if rest:
            by_name: dict[str, list[dt.date]] = {}
            for day, name in rest:
                by_name.setdefault(name or "放假", []).append(day)
            lines = [f"{escape(name)}：{runs_text(days)}，共 {len(days)} 天"
                     for name, days in by_name.items()]
            html.append(f"<p><b>放假 {len(rest)} 天</b><br>{'<br>'.join(lines)}</p>")
        if working:
            html.append(f"<p><b>调休上班 {len(working)} 天</b>：{runs_text(working)}</p>")
        if self._parsed is None or self._texts() == self._loaded.get(year):
            cal, title = self.cal, "当前按"
        else:
            days = {d: False for d, _ in rest} | {d: True for d in working}
            cal, title = self.cal.with_year(year, days, dict(rest)), "保存后按"
        source = cal.source(year)
        counts = [cal.working_days_in_month(year, m).days for m in range(1, 13)]
        head = "".join(f"<th>{m}月</th>" for m in range(1, 13))
        cells = "".join(f"<td align='center'>{n}</td>" for n in counts)
        basis = {YearSource.ENTERED: "录入的放假安排", YearSource.LIBRARY: "内置数据",
                 YearSource.MISSING: "周末（未录入，可能不准确）"}[source]
        color = f" style='color:{AMBER}'" if source is YearSource.MISSING else ""
        html.append(f"<p{color}><b>{year} 年每月工作日</b>（{title}{basis}计算，全年 {sum(counts)} 天）</p>"
                    f"<table border='1' cellspacing='0' cellpadding='4'><tr>{head}</tr><tr>{cells}</tr></table>")
        return "".join(html)

    # actions -------------------------------------------------------------------------------------
    def save(self) -> None:
        if self._parsed is None:
            return
        year, (rest, working) = self.year, self._parsed
        run_op(self, lambda: holidays.enter_year(self.ws, year, rest, working),
               success=lambda _: self._saved(year, f"已保存 {year} 年的放假安排：放假 {len(rest)} 天，"
                                                   f"调休上班 {len(working)} 天。"), initiator=self)

    def clear_year(self) -> None:
        year = self.year
        if not self.ask(f"清除 {year} 年录入的放假安排？清除后该年按"
                        f"{'内置数据' if workdays.library_knows(year) else '周末'}计算期限。"):
            return
        run_op(self, lambda: holidays.clear_year(self.ws, year),
               success=lambda _: self._saved(year, f"已清除 {year} 年的录入。"), initiator=self)

    def _saved(self, year: int, message: str) -> None:
        self.cal = WorkCalendar.from_store()
        self._drafts.pop(year, None)
        self._fill_years(year)
        self._load_year(year)
        self.status_label.setText(f"<span style='color:{GREEN}'>✓ {escape(message)}</span>")

    def unsaved_years(self) -> list[int]:
        drafts = set(self._drafts)
        if self._year is not None and self._texts() != self._loaded.get(self._year):
            drafts.add(self._year)
        return sorted(drafts)

    def ask(self, question: str) -> bool:
        """A yes/no question (tests replace it)."""
        answer = QMessageBox.question(self, "工作日设置", question)
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        unsaved = self.unsaved_years()
        if unsaved and not self.ask(f"{'、'.join(map(str, unsaved))} 年的修改尚未保存，确定关闭吗？"):
            return
        super().reject()
