"""Reading uploaded spreadsheets without letting a hostile file hurt the site.

A workbook is a zip of XML: 5 KB can declare a million-row sheet (``<dimension
ref="A1:XFD1048576"/>``) or unpack to gigabytes. So the size on disk is checked before anything is
read, the unpacked size of the zip before it is parsed, and sheets are streamed row by row
(openpyxl read-only mode, the declared dimension ignored) and counted as they go: the read stops
at the first cap it passes and says which one, in Chinese. Nothing here knows about catalogs;
``catalog_io`` chooses the caps.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _

MB = 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a spreadsheet, empty, too big, missing columns)."""


@dataclass(frozen=True)
class Caps:
    max_rows: int  # rows with data, header excluded
    max_scanned_rows: int  # rows read, empty ones included
    max_columns: int


@dataclass
class Table:
    """One sheet: its headers and its non-empty rows, each with its spreadsheet row number."""

    title: str
    headers: list[str]
    rows: list[tuple[int, tuple]] = field(default_factory=list)

    def records(self) -> Iterator[tuple[int, dict]]:
        for number, values in self.rows:
            yield number, dict(zip(self.headers, values, strict=False))


def source_size(source: bytes | Path) -> int:
    return len(source) if isinstance(source, bytes) else Path(source).stat().st_size


def open_source(source: bytes | Path) -> BinaryIO:
    return io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")


def check_file_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ImportFileError(
            _("“%(name)s”有 %(size).1f MB，超过上限 %(max)d MB。请按表分别上传或分批导入。")
            % {"name": name, "size": size / MB, "max": max_bytes // MB}
        )


def upload_error(upload, max_bytes: int) -> str:
    """What is wrong with an uploaded table file before it is staged ("" when nothing): none
    chosen, not .xlsx or .csv, or too large. Every import's upload form asks this."""
    if upload is None:
        return _("请选择要导入的文件。")
    if not upload.name.lower().endswith((".xlsx", ".csv")):
        return _("只能导入 Excel 工作簿（.xlsx）或 CSV 文件。")
    try:
        check_file_size(upload.name, upload.size, max_bytes)
    except ImportFileError as problem:
        return str(problem)
    return ""


def _filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def collect_rows(rows: Iterable[tuple], title: str, caps: Caps) -> Table:
    """Keep the non-empty rows of a stream, the first one being the header; stop at a cap."""
    table: Table | None = None
    for number, row in enumerate(rows, start=1):
        if number > caps.max_scanned_rows:
            raise ImportFileError(
                _(
                    "“%(sheet)s”表读到第 %(n)d 行仍未结束（空行也计算在内），超过读取上限 "
                    "%(n)d 行。请删除表格末尾的空行或多余内容后再上传。"
                )
                % {"sheet": title, "n": caps.max_scanned_rows}
            )
        if len(row) > caps.max_columns:
            if any(_filled(v) for v in row[caps.max_columns :]):
                raise ImportFileError(
                    _("“%(sheet)s”表第 %(row)d 行超过 %(n)d 列。请使用导出的模板。")
                    % {"sheet": title, "row": number, "n": caps.max_columns}
                )
            row = row[: caps.max_columns]
        if not any(_filled(v) for v in row):
            continue  # spreadsheets keep formatted blank rows
        while row and not _filled(row[-1]):
            row = row[:-1]
        if table is None:
            headers = [str(h).strip() if h is not None else "" for h in row]
            table = Table(title=title, headers=headers)
            continue
        if len(table.rows) >= caps.max_rows:
            raise ImportFileError(
                _("“%(sheet)s”表超过 %(n)d 行数据，一次最多导入 %(n)d 行。请分批导入。")
                % {"sheet": title, "n": caps.max_rows}
            )
        table.rows.append((number, tuple(row)))
    return table or Table(title=title, headers=[])


# --- XLSX ---------------------------------------------------------------------------------------


def _not_a_workbook(name: str) -> ImportFileError:
    return ImportFileError(
        _("无法读取“%(name)s”：不是有效的 Excel 工作簿（.xlsx）。") % {"name": name}
    )


def check_archive(handle: BinaryIO, name: str, max_unpacked_bytes: int) -> None:
    """Refuse a zip bomb from its directory alone: zipfile stops at each member's declared size
    (a member that unpacks to more fails its CRC), so the declared total is a true bound."""
    try:
        with zipfile.ZipFile(handle) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_a_workbook(name) from None
    if unpacked > max_unpacked_bytes:
        raise ImportFileError(
            _(
                "“%(name)s”解压后有 %(size)d MB，超过上限 %(max)d MB，不像是一份清单。"
                "请检查文件，或另存为新的工作簿后再上传。"
            )
            % {"name": name, "size": unpacked // MB, "max": max_unpacked_bytes // MB}
        )
    handle.seek(0)


def read_xlsx(
    source: bytes | Path, name: str, caps_by_title: dict[str, Caps], max_unpacked_bytes: int
) -> dict[str, Table]:
    """The sheets named in ``caps_by_title``, streamed. Other sheets are not read at all."""
    import openpyxl

    with open_source(source) as handle:
        if not handle.read(4):
            raise ImportFileError(_("“%(name)s”是空文件。") % {"name": name})
        handle.seek(0)
        check_archive(handle, name, max_unpacked_bytes)
        try:
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a broken file
            raise _not_a_workbook(name) from None
        tables = {}
        try:
            for sheet in book.worksheets:
                title = str(sheet.title).strip()
                if title not in caps_by_title or title in tables:
                    continue
                caps = caps_by_title[title]
                try:
                    tables[title] = collect_rows(_stream_rows(sheet, caps.max_columns), title, caps)
                except ImportFileError:
                    raise
                except Exception:
                    raise _not_a_workbook(name) from None
        finally:
            book.close()
    return tables


def _stream_rows(sheet, max_columns: int) -> Iterator[tuple]:
    """The rows of a read-only sheet as they are in its XML, ignoring the declared <dimension>
    (which may lie: A1:XFD1048576) that openpyxl's iter_rows pads every row and the sheet to.
    A row is at most ``max_columns`` values, plus one more if a cell further right has a value
    (so that the caller can refuse it); a missing row is an empty tuple."""
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent
    expected = 1
    with sheet._get_source() as src:
        parser = WorkSheetParser(
            src,
            sheet._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for index, cells in parser.parse():
            if index < expected:
                continue  # out of order or repeated: openpyxl skips these too
            while expected < index:  # rows the XML leaves out (a lone cell at row 1,048,576)
                expected += 1
                yield ()
            expected += 1
            values = [None] * max_columns
            beyond = None
            for cell in cells:
                column, value = cell["column"], cell["value"]
                if column <= max_columns:
                    values[column - 1] = value
                elif beyond is None and _filled(value):
                    beyond = value
            if beyond is not None:
                values.append(beyond)
            yield tuple(values)


# --- writing a workbook a clerk can fill -------------------------------------------------------


@dataclass
class OutSheet:
    """One sheet to write: its headers and rows, column widths by header, and for some columns
    the values allowed (offered as a drop-down list)."""

    title: str
    headers: list[str]
    rows: list[tuple]
    widths: dict[str, int] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)


CHOICES_TITLE = "可选值"
HEADER_FILL = "DDEBF7"
DEFAULT_WIDTH = 14
LAST_ROW = 1_048_576  # Excel's last row: a list applies to rows a clerk adds too


def write_xlsx(sheets: list[OutSheet]) -> bytes:
    """A workbook with a bold, frozen header row, sensible column widths and drop-down lists.

    The allowed values live in a hidden sheet (可选值), one column per list, and each list column
    is validated against its range there: an inline list is limited to 255 characters, a range
    is not. Importing reads only the data sheets it knows, so the hidden sheet is ignored."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    book.remove(book.active)
    lists = book.create_sheet(CHOICES_TITLE)
    lists.sheet_state = "hidden"
    list_ranges: dict[tuple[str, ...], str] = {}

    def list_range(header: str, values: list[str]) -> str:
        key = tuple(values)
        if key not in list_ranges:
            column = get_column_letter(len(list_ranges) + 1)
            lists[f"{column}1"] = header
            for i, value in enumerate(values, start=2):
                lists[f"{column}{i}"] = value
            last = max(len(values) + 1, 2)
            list_ranges[key] = f"{quote_sheetname(CHOICES_TITLE)}!${column}$2:${column}${last}"
        return list_ranges[key]

    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    centred = Alignment(vertical="center", wrap_text=True)
    for spec in sheets:
        sheet = book.create_sheet(spec.title, index=len(book.sheetnames) - 1)
        sheet.append(spec.headers)
        for row in spec.rows:
            sheet.append(list(row))
        sheet.freeze_panes = "A2"
        for index, header in enumerate(spec.headers, start=1):
            letter = get_column_letter(index)
            cell = sheet.cell(row=1, column=index)
            cell.font, cell.fill, cell.alignment = bold, fill, centred
            sheet.column_dimensions[letter].width = spec.widths.get(header, DEFAULT_WIDTH)
            values = spec.choices.get(header)
            if values is None:
                continue
            validation = DataValidation(
                type="list",
                formula1=list_range(header, values),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=_("请从列表中选择"),
                error=_("“%(column)s”只能填列表中的值。") % {"column": header},
            )
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
            sheet.add_data_validation(validation)
    book.move_sheet(CHOICES_TITLE, offset=len(book.sheetnames))  # last, after the data sheets
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- CSV ----------------------------------------------------------------------------------------


def _decode(raw: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("无法读取“%(name)s”：文件编码不是 UTF-8 或 GBK。") % {"name": name})


def read_csv(source: bytes | Path, name: str, title: str, caps: Caps) -> Table:
    """The size was checked by the caller, so the text fits in memory; rows are still counted."""
    with open_source(source) as handle:
        raw = handle.read()
    if not raw.strip():
        raise ImportFileError(_("“%(name)s”是空文件。") % {"name": name})
    if raw[:4] == b"PK\x03\x04" or b"\x00" in raw[:1024]:
        raise ImportFileError(_("无法读取“%(name)s”：这不是 CSV 文本文件。") % {"name": name})
    text = _decode(raw, name)
    del raw
    try:
        rows = (tuple(row) for row in csv.reader(io.StringIO(text, newline="")))
        return collect_rows(rows, title, caps)
    except csv.Error:
        raise ImportFileError(
            _("无法读取“%(name)s”：不是有效的 CSV 文件。") % {"name": name}
        ) from None
