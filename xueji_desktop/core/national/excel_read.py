"""Reading the national system's Excel files (.xlsx, .xls) into raw rows under the template's column names.

    sheets = read_workbook(path)      # ImportFileError (Chinese message) when the file cannot be read at all
    for sheet in sheets:              # every worksheet with a recognisable header row
        sheet.columns                 # {column index: template column name}
        sheet.rows                    # [(Excel row number, raw cell values)]

The header row is looked for within the first HEADER_SEARCH_ROWS rows: the first row naming 姓名 and at
least two other template columns. Header cells are matched by name (`canonical`): with or without ★ or *,
spaces anywhere, full-width brackets, the 学生基本信息表's labels as well as the template's (出生地 or
出生地行政区划代码, 身份证件号 or 身份证号 …), in any order. Sheets without such a header (the template's
说明 and 代码表 sheets) are skipped and named in `skipped`.

Refused as a whole, nothing read: an empty file, a file that is not Excel, a password-protected workbook
(an encrypted OOXML package or an encrypted .xls), a workbook where no sheet has a header row, a header row
with merged cells or a column named twice (a two-row header), a .xls when xlrd is missing.

Cell values are returned as the file holds them (str, int, float, datetime, bool, None); turning them into
text per column, and naming a number or a date cell where text is due, is `excel_import`'s work.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..pupils.fields import GUARDIAN_FIELDS, STUDENT_FIELDS
from .layouts import template_column
from .template import CLASS_COLUMN, KNOWN_COLUMNS, WRAPPER, column_of, member_column

HEADER_SEARCH_ROWS = 20
NUMBER_COLUMN = "学籍号"  # the national system's 全国学籍号: kept by an imported pupil
NOTE_COLUMN = "问题说明"  # added by the rejects workbook, ignored when it is imported again

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_MARKS = re.compile(r"[★☆*＊\s\u3000]+")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def get_column_letter(index: int) -> str:
    """Excel's letters for a 1-based column number (1 → A, 27 → AA), as openpyxl names them."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class ImportFileError(ValueError):
    """The file cannot be imported at all; the message (Chinese) says why and what to do. Nothing was read."""


def _normal(text) -> str:
    """A header as compared: NFKC (full-width brackets and letters), without ★/* and spaces."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", str(text if text is not None else "")))


def _aliases() -> dict[str, str]:
    names: dict[str, str] = {}
    for column in sorted(KNOWN_COLUMNS):
        names[_normal(column)] = column
    # the 学生基本信息表's labels where the template names the column otherwise
    for f in STUDENT_FIELDS:
        names.setdefault(_normal(f.label), column_of(f))
    for n in (1, 2):
        for f in GUARDIAN_FIELDS:
            names.setdefault(_normal(f"成员{n}{f.label}"), member_column(n, f))
    for alias in ("学籍号", "全国学籍号", "学籍号码", "学生学籍号", "全国学籍号码"):
        names[_normal(alias)] = NUMBER_COLUMN
    for alias, column in (("身份证号码", "身份证号"), ("身份证件号码", "身份证号"), ("证件号码", "身份证号"),
                          ("证件号", "身份证号"), ("班级", CLASS_COLUMN), ("班号", CLASS_COLUMN),
                          ("班级名称", CLASS_COLUMN)):
        if column in KNOWN_COLUMNS:
            names.setdefault(_normal(alias), column)
    names[_normal(NOTE_COLUMN)] = NOTE_COLUMN
    return names


_ALIASES = _aliases()


def canonical(header) -> str | None:
    """The template column a header cell names, in either layout of `layouts` ("★ 身份证件号 " → "身份证号"),
    or one of the other names registrars and the national system's exports give it (学籍号, 全国学籍号 …)."""
    if header is None:
        return None
    return template_column(header) or _ALIASES.get(_normal(header))


@dataclass
class SheetRows:
    title: str
    header_row: int  # the Excel row number of the header
    headers: list[str]  # the header cells as written, by column index
    columns: dict[int, str]  # column index (0-based) → template column name
    ignored: list[str] = field(default_factory=list)  # header cells that name no template column
    rows: list[tuple[int, tuple]] = field(default_factory=list)  # (Excel row number, raw values)
    _index: dict[str, int] | None = field(default=None, repr=False, compare=False)

    def index(self, column: str) -> int | None:
        """The 0-based index of a template column in this sheet, None when the sheet lacks it."""
        if self._index is None:
            self._index = {name: i for i, name in self.columns.items()}
        return self._index.get(column)

    def letter(self, column: str) -> str:
        """"F 列（身份证号）": where a template column is in this sheet, as the registrar finds it."""
        index = self.index(column)
        if index is None:
            return f"“{column}”列（表中没有这一列）"
        return f"{get_column_letter(index + 1)} 列（{self.headers[index]}）"


@dataclass
class _RawSheet:
    title: str
    rows: list[tuple]  # every row from the first, values only
    merged: list[tuple[int, int, int, int]]  # (min_col, min_row, max_col, max_row), 1-based


def read_workbook(path: str | Path) -> tuple[list[SheetRows], list[str]]:
    """The sheets with a header row, and notes on the sheets skipped. ImportFileError when nothing can be read."""
    path = Path(path)
    name = path.name
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise ImportFileError(f"找不到文件“{path}”") from None
    except IsADirectoryError:
        raise ImportFileError(f"“{path}”是文件夹，请选择 Excel 文件（.xlsx 或 .xls）") from None
    except OSError as e:
        raise ImportFileError(f"无法读取“{name}”：{e.strerror or e}") from None
    if not head:
        raise ImportFileError(f"“{name}”是空文件（0 字节），请重新从全国学籍系统导出")
    if head.startswith(_ZIP):
        raw = _read_xlsx(path)
    elif head == _OLE:
        raw = _read_ole(path)
    else:
        raise ImportFileError(f"“{name}”不是 Excel 文件：请选择全国学籍系统导出的 .xls 或 .xlsx 文件"
                              "（如是 CSV 或 WPS 文件，请在 Excel 或 WPS 中另存为 .xlsx）")
    sheets, skipped = [], []
    for sheet in raw:
        found = _sheet_rows(name, sheet)
        if found is None:
            if any(_filled(v) for row in sheet.rows for v in row):
                skipped.append(f"工作表“{sheet.title}”前 {HEADER_SEARCH_ROWS} 行中没有含“姓名”等列名的表头，未读取")
            continue
        sheets.append(found)
    if not sheets:
        if not any(_filled(v) for sheet in raw for row in sheet.rows for v in row):
            raise ImportFileError(f"“{name}”中没有任何内容：请检查是否选错了文件")
        raise ImportFileError(
            f"“{name}”的各工作表前 {HEADER_SEARCH_ROWS} 行中都没有可识别的表头：表头一行应有“姓名”“性别”“出生日期”"
            "“身份证号”等全国学籍系统导入模板的列名（可带 ★）")
    return sheets, skipped


def _filled(value) -> bool:
    return value is not None and (not isinstance(value, str) or value.strip() != "")


def _sheet_rows(file_name: str, sheet: _RawSheet) -> SheetRows | None:
    h = _find_header(sheet.rows)
    if h is None:
        return None
    excel_row = h + 1
    for min_col, min_row, max_col, max_row in sheet.merged:
        if min_row <= excel_row <= max_row:
            span = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
            raise ImportFileError(
                f"“{file_name}”工作表“{sheet.title}”第 {excel_row} 行（表头）有合并单元格（{span}）：请取消合并，"
                "表头只保留一行，每列一个列名（如“成员1姓名”），再导入")
    header = sheet.rows[h]
    headers = [str(v).strip() if v is not None else "" for v in header]
    columns: dict[int, str] = {}
    seen: dict[str, int] = {}
    ignored = []
    for index, text in enumerate(headers):
        if not text:
            continue
        column = canonical(text)
        if column is None:
            ignored.append(text)
            continue
        if column in seen:
            first = seen[column]
            raise ImportFileError(
                f"“{file_name}”工作表“{sheet.title}”第 {excel_row} 行（表头）中“{column}”出现两次"
                f"（{get_column_letter(first + 1)} 列“{headers[first]}”、{get_column_letter(index + 1)} 列“{text}”）："
                "家庭成员的列请写成“成员1姓名”“成员2姓名”，表头只保留一行")
        seen[column] = index
        if column != NOTE_COLUMN:
            columns[index] = column
    rows = [(h + 1 + i + 1, row) for i, row in enumerate(sheet.rows[h + 1:]) if any(_filled(v) for v in row)]
    return SheetRows(sheet.title, excel_row, headers, columns, ignored, rows)


def _find_header(rows: list[tuple]) -> int | None:
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        named = {canonical(v) for v in row if isinstance(v, str)} - {None, NOTE_COLUMN, *WRAPPER}
        if "姓名" in named and len(named) >= 3:
            return i
    return None


# --- .xlsx ------------------------------------------------------------------------------------------

def _read_xlsx(path: Path) -> list[_RawSheet]:
    name = path.name
    try:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
    except zipfile.BadZipFile:
        raise ImportFileError(f"“{name}”已损坏，无法打开：请重新从全国学籍系统导出，或在 Excel 中打开后另存为 .xlsx") from None
    except Exception:  # noqa: BLE001 - a zip that is no workbook (a .docx, a damaged file): one sentence
        raise ImportFileError(f"“{name}”不是 Excel 工作簿（.xlsx），或文件已损坏：请在 Excel 中打开后另存为 .xlsx") from None
    try:
        sheets = []
        for ws in book.worksheets:
            if not hasattr(ws, "iter_rows"):
                continue  # a chart sheet
            try:
                rows = _fast_rows(book, ws)
            except Exception:  # noqa: BLE001 - markup the short reader does not know: openpyxl's own reader
                ws.reset_dimensions()  # a sheet formatted down to row 1048576 is read only as far as it holds cells
                rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
            sheets.append(_RawSheet(ws.title, rows, _xlsx_merges(book, ws)))
        return sheets
    except Exception:  # noqa: BLE001 - damaged XML inside the package
        raise ImportFileError(f"“{name}”已损坏，无法读取其中的工作表：请在 Excel 中打开后另存为 .xlsx") from None
    finally:
        book.close()


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE, _TEXT = (_MAIN + t for t in ("row", "c", "v", "is", "t"))


def _fast_rows(book, ws) -> list[tuple]:
    """The sheet's values, row by row from the first (missing rows empty): the sheet XML read with
    ElementTree's iterparse, about four times faster than openpyxl's read-only cells for a 3,000-row
    export. Values as openpyxl gives them: shared and inline strings, numbers (int when written without a
    point or exponent), booleans, dates for cells with a date format; errors as None."""
    import xml.etree.ElementTree as ET

    from openpyxl.utils.cell import column_index_from_string
    from openpyxl.utils.datetime import from_excel

    strings = ws._shared_strings
    dates = book._date_formats
    epoch = book.epoch
    rows: list[tuple] = []
    with book._archive.open(ws._worksheet_path) as f:
        for _, element in ET.iterparse(f):
            if element.tag != _ROW:
                continue
            number = int(element.get("r") or len(rows) + 1)
            while len(rows) < number - 1:
                rows.append(())
            values: list = []
            for c in element.iter(_CELL):
                ref = c.get("r")
                if ref:
                    index = column_index_from_string(ref.rstrip("0123456789")) - 1
                    if index < len(values):
                        raise ValueError("cells out of order")
                    values.extend([None] * (index - len(values)))
                kind = c.get("t", "n")
                v = c.findtext(_VALUE)
                if kind == "inlineStr":
                    node = c.find(_INLINE)
                    value = "".join(t.text or "" for t in node.iter(_TEXT)) if node is not None else None
                elif v is None:
                    value = None
                elif kind == "s":
                    value = str(strings[int(v)])
                elif kind == "n":
                    value = float(v) if any(x in v for x in ".eE") else int(v)
                    if int(c.get("s") or 0) in dates:
                        value = from_excel(value, epoch)
                elif kind == "b":
                    value = v == "1"
                elif kind == "str":
                    value = v
                elif kind == "d":
                    value = dt.datetime.fromisoformat(v)
                else:  # "e": #N/A, #VALUE! …
                    value = None
                values.append(value)
            rows.append(tuple(values))
            element.clear()
    return rows


def _xlsx_merges(book, ws) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a read-only sheet (openpyxl's read-only mode does not read them): the
    <mergeCell> elements after the sheet's data."""
    path = getattr(ws, "_worksheet_path", None)
    archive = getattr(book, "_archive", None)
    if not path or archive is None:
        return []
    with archive.open(path) as f:
        data = f.read()
    from openpyxl.utils import range_boundaries

    return [range_boundaries(ref.decode()) for ref in _MERGE.findall(data)]


# --- .xls (and any OLE file) -------------------------------------------------------------------------

def _read_ole(path: Path) -> list[_RawSheet]:
    name = path.name
    data = path.read_bytes()
    if _encrypted_package(data):
        raise ImportFileError(f"“{name}”设有打开密码：请在 Excel 中输入密码打开，在“文件 → 信息 → 保护工作簿”中"
                              "删除密码并另存为 .xlsx，再导入")
    try:
        import xlrd
    except ImportError:
        raise ImportFileError(f"“{name}”是旧版 Excel 文件（.xls）：请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入") from None
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except xlrd.XLRDError as e:
        if "encrypt" in str(e).lower():
            raise ImportFileError(f"“{name}”设有打开密码：请在 Excel 中输入密码打开，删除密码并另存为 .xlsx，再导入") from None
        raise ImportFileError(f"“{name}”不是可读取的 Excel 文件（.xls）：请在 Excel 中打开后另存为 .xlsx") from None
    except Exception:  # noqa: BLE001 - a damaged .xls: one sentence
        raise ImportFileError(f"“{name}”已损坏，无法读取：请在 Excel 中打开后另存为 .xlsx") from None
    try:
        sheets = []
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rows = [tuple(_xls_value(book, sheet.cell(r, c)) for c in range(sheet.row_len(r)))
                    for r in range(sheet.nrows)]
            merged = [(c1 + 1, r1 + 1, c2, r2) for r1, r2, c1, c2 in sheet.merged_cells]
            sheets.append(_RawSheet(sheet.name, rows, merged))
            book.unload_sheet(index)
        return sheets
    finally:
        book.release_resources()


def _xls_value(book, cell):
    import xlrd

    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if kind == xlrd.XL_CELL_NUMBER:
        value = cell.value
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    return cell.value


def _encrypted_package(data: bytes) -> bool:
    """An OLE compound file holding an encrypted OOXML workbook (ECMA-376 agile or standard encryption):
    its directory names the streams EncryptionInfo and EncryptedPackage."""
    try:
        from xlrd.compdoc import CompDoc

        names = {entry.name for entry in CompDoc(data).dirlist}
        return "EncryptedPackage" in names
    except Exception:  # noqa: BLE001 - no xlrd, or a directory it cannot read: look for the stream's name
        return "EncryptedPackage".encode("utf-16-le") in data


def excel_date(value) -> dt.date | None:
    """A date cell (datetime) as a date; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None
