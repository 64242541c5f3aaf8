"""Small OLE compound files (MS-CFB, version 3) for the import's tests: the container of a .xls workbook and
of a password-protected .xlsx (its EncryptionInfo and EncryptedPackage streams), and a .xls workbook
(BIFF8) with text, number and date cells and merged ranges. Only what the readers look at is written."""

from __future__ import annotations

import datetime as dt
import struct

SECTOR = 512
FREE, END, FAT_SECTOR, NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def compound_file(streams: dict[str, bytes]) -> bytes:
    """Every stream padded to 4,096 bytes at least (so none goes into the mini stream), stored after one
    directory sector run; the entries hang off the root as a chain of right siblings."""
    names = list(streams)
    datas = [streams[n] + bytes(max(0, 4096 - len(streams[n]))) for n in names]
    data_sectors = [-(-len(d) // SECTOR) for d in datas]
    dir_sectors = -(-(len(names) + 1) * 128 // SECTOR)
    body = dir_sectors + sum(data_sectors)
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + body:
        fat_sectors += 1
    fat = [FAT_SECTOR] * fat_sectors
    first_dir = len(fat)
    fat += [first_dir + i + 1 for i in range(dir_sectors - 1)] + [END]
    starts = []
    for count in data_sectors:
        start = len(fat)
        starts.append(start)
        fat += [start + i + 1 for i in range(count - 1)] + [END]
    fat += [FREE] * (fat_sectors * 128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded), kind, 1, NONE, right, child)
                + bytes(16) + bytes(4) + bytes(16) + struct.pack("<IQ", start, size))

    directory = entry("Root Entry", 5, 1 if names else NONE, NONE, END, 0)
    for i, (name, data) in enumerate(zip(names, datas)):
        directory += entry(name, 2, NONE, i + 2 if i + 1 < len(names) else NONE, starts[i], len(data))
    directory = directory.ljust(dir_sectors * SECTOR, b"\0")
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, fat_sectors, first_dir, 0, 4096, END, 0, END, 0)
              + struct.pack("<109I", *difat))
    assert len(header) == SECTOR
    body_bytes = b"".join(d.ljust(n * SECTOR, b"\0") for d, n in zip(datas, data_sectors))
    return header + struct.pack(f"<{len(fat)}I", *fat) + directory + body_bytes


# --- a .xls workbook (BIFF8) --------------------------------------------------------------------------------

def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _text(value: str) -> bytes:
    return struct.pack("<HB", len(value), 1) + value.encode("utf-16-le")


_EPOCH = dt.datetime(1899, 12, 30)


def xls_workbook(sheets: dict[str, list[list]], merged: dict[str, list[tuple[int, int, int, int]]] | None = None,
                 encrypted: bool = False) -> bytes:
    """`sheets`: title → rows of values (str, int, float, datetime, None). `merged`: title → (first row, last
    row, first column, last column), 0-based. Dates are NUMBER cells with a date format (XF 1)."""
    merged = merged or {}
    bof = lambda kind: _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))
    font = _record(0x0031, struct.pack("<HHHHHBBBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0, 5, 1)
                   + "Arial".encode("utf-16-le"))
    xf_general = _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    xf_cell = _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    xf_date = _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 14, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    xfs = xf_general * 15 + xf_cell + xf_date  # XF 15 a cell, XF 16 a date cell
    head = bof(0x0005)
    if encrypted:
        head += _record(0x002F, struct.pack("<H", 1) + bytes(52))  # FILEPASS: RC4
    head += _record(0x0042, struct.pack("<H", 1200)) + font * 5 + xfs
    bodies = []
    for title, rows in sheets.items():
        cells = b""
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, dt.datetime):
                    serial = (value - _EPOCH).total_seconds() / 86400
                    cells += _record(0x0203, struct.pack("<HHHd", r, c, 16, serial))
                elif isinstance(value, (int, float)):
                    cells += _record(0x0203, struct.pack("<HHHd", r, c, 15, float(value)))
                else:
                    cells += _record(0x0204, struct.pack("<HHH", r, c, 15) + _text(str(value)))
        ranges = merged.get(title, [])
        if ranges:
            cells += _record(0x00E5, struct.pack("<H", len(ranges))
                             + b"".join(struct.pack("<HHHH", *m) for m in ranges))
        width = max((len(r) for r in rows), default=0)
        bodies.append(bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
                      + cells + _record(0x000A))
    sheet_records = [_record(0x0085, struct.pack("<IBB", 0, 0, 0) + struct.pack("<B", len(t)) + b"\x01"
                             + t.encode("utf-16-le")) for t in sheets]
    globals_size = len(head) + sum(len(s) for s in sheet_records) + 4
    offsets, at = [], globals_size
    for body in bodies:
        offsets.append(at)
        at += len(body)
    sheet_records = [_record(0x0085, struct.pack("<I", off) + rec[8:]) for off, rec in zip(offsets, sheet_records)]
    stream = head + b"".join(sheet_records) + _record(0x000A) + b"".join(bodies)
    return compound_file({"Workbook": stream})
