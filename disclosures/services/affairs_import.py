"""Importing a disclosure's table rows from a county system's export, XLSX or CSV (issue 10,
part 4; docs/architecture.md "Disclosure imports").

The file is streamed, never held whole: a workbook row by row in openpyxl's read-only mode
(spreadsheets._stream_rows, the declared dimension ignored), a CSV through the csv module after
its encoding is found (UTF-8 with or without BOM, else GB18030, which reads GBK). The header row
(the first non-empty row) is mapped to fields by the names county systems use (户主姓名 or 户主,
一卡通账号 or 银行卡号 ...); extra columns (序号, 备注) are ignored, a missing required column
is one Chinese error naming it.

Each cell is cleaned by the django-import-export resource's field and widget for its column
(disclosures/affairs_resources.py); then `RowChecker` checks what only the row, the page and the
file as a whole can say: amount = standard × quantity, the village's 村民小组, the period,
duplicates. The preview lists every bad row by the row number Excel shows (header = row 1); the
confirm reads the file again and hands the rows to `rows.write_table` as a generator, one
transaction: a row found bad then (it cannot be, the staged file does not change, but a page's
period might) rolls everything back.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from ..affairs_models import DisclosurePage, DisclosureTable, PeriodType
from ..affairs_resources import RESOURCES
from . import rows as row_service
from . import schedule, spreadsheets, tables
from .spreadsheets import ImportFileError

# Caps, each overridable in settings as DISCLOSURE_IMPORT_<NAME>. A county's 100,000-row subsidy
# export is about 4 MB as a workbook (30 MB unpacked) and 10 MB as CSV.
MAX_FILE_BYTES = 20 * spreadsheets.MB
MAX_UNPACKED_BYTES = 300 * spreadsheets.MB
MAX_ROWS = 200_000
MAX_SCANNED_ROWS = 250_000  # rows read, empty ones included
MAX_COLUMNS = 40
MAX_ERRORS = 500  # errors kept in the report; the count says the rest
PROGRESS_EVERY = 5000  # rows between progress updates

Progress = Callable[[int, int], None]


def cap(name: str):
    return getattr(settings, f"DISCLOSURE_IMPORT_{name}", globals()[name])


# --- headers ------------------------------------------------------------------------------------

# Per row kind and field: the names county systems give the column, the preferred first (it is
# also the template's header, the resource's column_name).
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    DisclosureTable.RowKind.SUBSIDY: {
        "household": ("户主", "户主姓名", "姓名", "户名", "领取人", "补贴对象"),
        "group": ("村民小组", "组别", "小组", "所在组", "组"),
        "item": ("补贴项目", "补贴名称", "补贴类别", "项目"),
        "standard": ("标准", "补贴标准", "发放标准"),
        "quantity": ("数量", "面积", "数量/面积", "数量或面积", "数量(面积)", "面积(亩)"),
        "amount": ("金额", "发放金额", "补贴金额", "实发金额", "应发金额"),
        "paid_on": ("发放日期", "发放时间", "日期"),
        "id_number": ("身份证号", "身份证号码", "身份证"),
        "bank_card": ("银行卡号", "一卡通账号", "一卡通卡号", "社保卡号", "卡号", "账号"),
    },
    DisclosureTable.RowKind.FINANCE: {
        "entry_date": ("日期", "记账日期", "凭证日期"),
        "voucher": ("凭证号", "凭证编号", "凭证字号"),
        "summary": ("摘要", "事由", "摘要说明"),
        "income": ("收入", "收入金额", "收入数"),
        "expense": ("支出", "支出金额", "支出数"),
    },
    DisclosureTable.RowKind.ASSETS: {
        "name": ("名称", "资产名称", "资源名称", "合同名称"),
        "category": ("类别", "类型", "资产类别"),
        "size": ("数量或面积", "数量", "面积", "规模"),
        "value": ("金额", "价值", "原值", "合同金额"),
        "counterparty": ("承包(租用)方", "承包方", "租用方", "承租方", "承包人"),
        "term": ("期限", "承包期限", "租期"),
        "id_number": ("身份证号", "身份证号码", "身份证"),
    },
    DisclosureTable.RowKind.PROJECT: {
        "name": ("项目名称", "名称", "工程名称"),
        "budget": ("预算", "预算金额", "投资额", "总投资"),
        "contractor": ("施工单位", "承建单位", "中标单位"),
        "progress": ("进度", "工程进度", "完成进度"),
        "paid": ("已支付", "已支付金额", "已付金额", "累计支付"),
        "started_on": ("开工日期", "开工时间"),
    },
}
# The date that must fall in the disclosure's period (a one-off disclosure: no check).
PERIOD_DATE = {
    DisclosureTable.RowKind.SUBSIDY: "paid_on",
    DisclosureTable.RowKind.FINANCE: "entry_date",
}
_HEADER_NOISE = re.compile(r"[\s*＊:：]|[（(]元[)）]")


def normalise_header(value) -> str:
    """金额（元） → 金额, 数量（面积） → 数量(面积): units and spaces dropped, brackets made
    half-width."""
    text = _HEADER_NOISE.sub("", str(value or ""))
    return text.replace("（", "(").replace("）", ")")


def resource_fields(row_kind: str) -> dict:
    """The resource's import fields by attribute (raw-only fields by their resource name)."""
    resource = RESOURCES[row_kind]()
    by_column = {f.column_name: f for f in resource.get_import_fields()}
    found = {}
    for name, resource_field in resource.fields.items():
        if resource_field.column_name in by_column and name not in ("table", "line"):
            found[name] = resource_field
    return found


def template_headers(row_kind: str) -> list[str]:
    return [f.column_name for f in resource_fields(row_kind).values()]


def map_headers(row_kind: str, headers: list[str]) -> dict[str, int]:
    """field → column index of the file's header row; a required column missing is an error."""
    aliases = HEADERS[row_kind]
    fields = resource_fields(row_kind)
    normalised = [normalise_header(h) for h in headers]
    found: dict[str, int] = {}
    for name, names in aliases.items():
        # The resource's own column name first, then the others in the order given above.
        candidates = [normalise_header(fields[name].column_name), *map(normalise_header, names)]
        for candidate in candidates:
            if candidate in normalised:
                index = normalised.index(candidate)
                if index not in found.values():
                    found[name] = index
                    break
    missing = [
        fields[name].column_name
        for name in aliases
        if name not in found and getattr(fields[name].widget, "required", False)
    ]
    if missing:
        raise ImportFileError(
            _("表头缺少必需的列：%(columns)s。请使用“下载模板”中的表头（第 1 行）。")
            % {"columns": "、".join(f"“{m}”" for m in missing)}
        )
    return found


# --- reading ------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """An open file: its header row and a stream of (row number, cells)."""

    headers: list[str]
    rows: Iterator[tuple[int, tuple]]
    estimate: int  # rows expected (for progress; may be 0)


def _filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def _data_rows(numbered: Iterator[tuple[int, tuple]], name: str) -> Sheet:
    """The first non-empty row is the header; then the non-empty rows, counted against caps."""
    max_rows, max_scanned = cap("MAX_ROWS"), cap("MAX_SCANNED_ROWS")
    headers = None
    for number, row in numbered:
        if any(_filled(v) for v in row):
            headers = [str(h).strip() if h is not None else "" for h in row]
            break
        if number > max_scanned:
            break
    if not headers:
        raise ImportFileError(_("“%(name)s”里没有表头和数据。") % {"name": name})

    def rows():
        count = 0
        for number, row in numbered:
            if number > max_scanned:
                raise ImportFileError(
                    _("读到第 %(n)d 行仍未结束（空行也计算在内）。请删除表格末尾的空行后再上传。")
                    % {"n": max_scanned}
                )
            if not any(_filled(v) for v in row):
                continue
            count += 1
            if count > max_rows:
                raise ImportFileError(
                    _("超过 %(n)d 行数据，一次最多导入 %(n)d 行。请分批导入。") % {"n": max_rows}
                )
            yield number, row

    return Sheet(headers=headers, rows=rows(), estimate=0)


@contextlib.contextmanager
def open_sheet(path: Path, name: str):
    """The file at `path` (uploaded as `name`) as a `Sheet`, XLSX or CSV by its content."""
    size = path.stat().st_size
    spreadsheets.check_file_size(name, size, cap("MAX_FILE_BYTES"))
    if size == 0:
        raise ImportFileError(_("“%(name)s”是空文件。") % {"name": name})
    with open(path, "rb") as handle:
        is_zip = handle.read(4) == b"PK\x03\x04"
        handle.seek(0)
        if is_zip:
            with _open_xlsx(handle, name) as sheet:
                yield sheet
        elif name.lower().endswith(".xlsx"):
            # Named a workbook but not one (a renamed or damaged file): read as CSV it would
            # only get a puzzling "columns missing".
            raise spreadsheets._not_a_workbook(name)
        else:
            yield _open_csv(path, name)


@contextlib.contextmanager
def _open_xlsx(handle, name: str):
    import openpyxl

    spreadsheets.check_archive(handle, name, cap("MAX_UNPACKED_BYTES"))
    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise spreadsheets._not_a_workbook(name) from None
    try:
        visible = [s for s in book.worksheets if s.sheet_state == "visible"] or book.worksheets
        worksheet = visible[0]
        columns = cap("MAX_COLUMNS")
        stream = enumerate(spreadsheets._stream_rows(worksheet, columns), start=1)
        sheet = _data_rows(_guard_xlsx(stream, name), name)
        with contextlib.suppress(Exception):
            sheet.estimate = max(0, (worksheet.max_row or 0) - 1)
        yield sheet
    finally:
        book.close()


def _guard_xlsx(stream, name):
    try:
        yield from stream
    except ImportFileError:
        raise
    except Exception:
        raise spreadsheets._not_a_workbook(name) from None


def csv_encoding(path: Path, name: str) -> str:
    """utf-8-sig if the whole file decodes as UTF-8 (read in chunks), else gb18030 (GBK's
    superset, what Excel in China saves)."""
    with open(path, "rb") as handle:
        if b"\x00" in handle.read(1024):
            raise ImportFileError(_("无法读取“%(name)s”：这不是 CSV 文本文件。") % {"name": name})
        for encoding, name_for_csv in (("utf-8", "utf-8-sig"), ("gb18030", "gb18030")):
            handle.seek(0)
            if _decodes(handle, encoding):
                return name_for_csv
    raise ImportFileError(_("无法读取“%(name)s”：文件编码不是 UTF-8 或 GBK。") % {"name": name})


def _decodes(handle, encoding: str) -> bool:
    """Whether the whole file decodes in `encoding` (read in chunks, never whole)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := handle.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _open_csv(path: Path, name: str) -> Sheet:
    encoding = csv_encoding(path, name)
    with open(path, "rb") as handle:
        estimate = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    handle = open(path, encoding=encoding, newline="")  # noqa: SIM115 (closed by the generator)

    def numbered():
        with handle:
            try:
                yield from enumerate(csv.reader(handle), start=1)
            except csv.Error:
                raise ImportFileError(
                    _("无法读取“%(name)s”：不是有效的 CSV 文件。") % {"name": name}
                ) from None

    sheet = _data_rows(numbered(), name)
    sheet.estimate = max(0, estimate - 1)
    return sheet


# --- checking -----------------------------------------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
GROUP_RE = re.compile(r"^第?([0-9]+|[零〇一二两三四五六七八九十]+)(?:村民小组|村民组|小组|组|社)?$")
_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})


def _chinese_number(text: str) -> int | None:
    """一 … 九十九."""
    if "十" not in text:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    tens, _sep, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    high = _CN_DIGITS.get(tens, None) if tens else 1
    low = _CN_DIGITS.get(ones, None) if ones else 0
    if high is None or low is None:
        return None
    return high * 10 + low


def group_number(value: str) -> int | None:
    """3组, 第三组, 第3村民小组, 三社, 3 → 3; anything else None."""
    text = re.sub(r"\s", "", str(value or "")).translate(_FULLWIDTH)
    match = GROUP_RE.match(text)
    if not match:
        return None
    number = match.group(1)
    return int(number) if number.isdigit() else _chinese_number(number)


def group_label(number: int) -> str:
    return _("第%(n)d村民小组") % {"n": number}


@dataclass
class Report:
    """What the preview says: rows, every error (up to MAX_ERRORS), totals and the digest."""

    rows: int = 0
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    totals: dict[str, Decimal] = field(default_factory=dict)
    digest: str = ""
    duplicate_of_table: int | None = None
    context: dict = field(default_factory=dict)
    stash_sha256: str = ""

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and self.rows > 0

    def as_json(self) -> dict:
        return {
            "rows": self.rows,
            "errors": self.errors,
            "error_count": self.error_count,
            "totals": {k: format(v, "f") for k, v in self.totals.items()},
            "digest": self.digest,
            "duplicate_of_table": self.duplicate_of_table,
            "context": self.context,
            "stash_sha256": self.stash_sha256,
        }


class RowChecker:
    """Cleans and checks the rows of one file for one page, in order; keeps the running digest,
    totals, duplicate keys and errors."""

    def __init__(self, page: DisclosurePage, row_kind: str, headers: list[str], village=None):
        self.page, self.row_kind = page, row_kind
        self.columns = map_headers(row_kind, headers)
        self.labels = {name: headers[index] for name, index in self.columns.items()}
        self.fields = resource_fields(row_kind)
        self.spec = tables.SPECS[row_kind]
        village = village or page.get_parent().specific
        self.group_count = getattr(village, "group_count", None)
        self.period = None
        date_field = PERIOD_DATE.get(row_kind)
        if date_field and page.period_type != PeriodType.ONCE and page.period_start:
            start = schedule.period_start_of(page.period_type, page.period_start)
            self.period = (date_field, start, schedule.period_end(page.period_type, start))
        self.digest = row_service.Digest(row_kind)
        self.report = Report(totals={c.name: Decimal("0") for c in self.spec.total_columns})
        self._seen: dict[bytes, int] = {}
        # A file has few distinct groups: each form parsed and each label translated once.
        self._groups: dict[str, int | None] = {}
        self._group_labels: dict[int, str] = {}

    def _label_group(self, number: int) -> str:
        self._group_labels[number] = group_label(number)
        return self._group_labels[number]

    def label(self, name: str) -> str:
        return self.labels.get(name) or self.fields[name].column_name

    def error(self, line: int, name: str, message: str) -> None:
        self.report.error_count += 1
        if len(self.report.errors) < cap("MAX_ERRORS"):
            column = self.label(name) if name else ""
            self.report.errors.append({"line": line, "column": column, "message": message})

    def check(self, line: int, cells: tuple) -> dict | None:
        """The row's clean values (as rows.make_row takes them), or None with its errors noted."""
        values, bad = {}, False
        for name, resource_field in self.fields.items():
            index = self.columns.get(name)
            cell = cells[index] if index is not None and index < len(cells) else None
            try:
                values[name] = resource_field.widget.clean(cell)
            except ValueError as problem:
                self.error(line, name, str(problem))
                bad = True
        if bad:
            return None
        bad = not self._check_row(line, values)
        row_key = row_service.row_key(self.row_kind, values)
        key = hashlib.blake2b("\x1f".join(row_key).encode(), digest_size=16).digest()
        first = self._seen.setdefault(key, line)
        if first != line:
            self.error(line, "", _("与第 %(first)d 行完全重复。") % {"first": first})
            return None
        if bad:
            return None
        self.report.rows += 1
        self.digest.add_key(row_key)
        for column in self.spec.total_columns:
            self.report.totals[column.name] += values.get(column.name) or 0
        return values

    def _check_row(self, line: int, values: dict) -> bool:
        ok = True
        if self.row_kind == DisclosureTable.RowKind.SUBSIDY:
            ok = self._check_subsidy(line, values)
        for name in ("income", "expense", "paid"):
            if name in values and values[name] is None:
                values[name] = Decimal("0.00")
        if self.period:
            name, start, end = self.period
            day = values.get(name)
            if day is not None and not start <= day <= end:
                self.error(
                    line,
                    name,
                    _("日期 %(day)s 不在本期公开的期间（%(start)s 至 %(end)s）内。")
                    % {"day": day, "start": start, "end": end},
                )
                ok = False
        return ok

    def _check_subsidy(self, line: int, values: dict) -> bool:
        ok = True
        number = self._groups.get(values["group"], False)
        if number is False:
            number = self._groups[values["group"]] = group_number(values["group"])
        if number is not None and (not self.group_count or 1 <= number <= self.group_count):
            values["group"] = self._group_labels.get(number) or self._label_group(number)
        elif self.group_count:
            self.error(
                line,
                "group",
                _("本村没有“%(group)s”：本村有第1至第%(n)d村民小组。")
                % {"group": values["group"], "n": self.group_count},
            )
            ok = False
        standard, quantity, amount = values["standard"], values["quantity"], values["amount"]
        if standard is not None and quantity is not None:
            exact = standard * quantity
            product = exact.quantize(tables.CENT, rounding=ROUND_HALF_UP)
            # Within one fen of the exact product: county systems round (四舍五入) or cut.
            if abs(amount - exact) >= tables.CENT:
                self.error(
                    line,
                    "amount",
                    _("金额 %(amount)s 不等于标准 %(standard)s × 数量 %(quantity)s = %(product)s。")
                    % {
                        "amount": amount,
                        "standard": standard,
                        "quantity": quantity,
                        "product": product,
                    },
                )
                ok = False
        # A file without 标准 or 数量: quantity 1 and the standard the amount (or what they give).
        if quantity is None:
            quantity = (amount / standard).quantize(tables.CENT) if standard else Decimal("1.00")
        if standard is None:
            standard = (amount / quantity).quantize(tables.CENT) if quantity else amount
        values["standard"], values["quantity"] = standard, quantity
        return ok


def _progress_rows(sheet: Sheet, progress: Progress | None) -> Iterator[tuple[int, tuple]]:
    for count, item in enumerate(sheet.rows, start=1):
        if progress and count % PROGRESS_EVERY == 0:
            progress(count, max(sheet.estimate, count))
        yield item


def page_context(page: DisclosurePage) -> dict:
    """What the checks depended on besides the file: a confirm refuses if it changed."""
    village = page.get_parent().specific
    return {
        "kind": page.kind,
        "period_type": page.period_type,
        "period_start": page.period_start.isoformat() if page.period_start else "",
        "group_count": getattr(village, "group_count", None),
    }


def _encode(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def check_file(
    page: DisclosurePage,
    path: Path,
    name: str,
    progress: Progress | None = None,
    stash: Path | None = None,
) -> Report:
    """The preview: every row of the file cleaned and checked, nothing written to the database.
    With `stash`, the clean rows are also written there (JSON lines) for the confirm, which then
    need not read and check the file a second time; removed again if any row is bad."""
    row_kind = tables.TABLE_OF_KIND[page.kind]
    out = open(stash, "w", encoding="utf-8") if stash else None  # noqa: SIM115 (closed below)
    try:
        with open_sheet(path, name) as sheet:
            checker = RowChecker(page, row_kind, sheet.headers)
            order = list(checker.fields)
            for line, cells in _progress_rows(sheet, progress):
                values = checker.check(line, cells)
                if out is not None and values is not None and not checker.report.error_count:
                    out.write(json.dumps([line, *(_encode(values[f]) for f in order)]) + "\n")
    finally:
        if out is not None:
            out.close()
    report = checker.report
    if stash and not report.ok:
        stash.unlink(missing_ok=True)
    elif stash:
        report.stash_sha256 = file_sha256(stash)
    if report.rows == 0 and report.error_count == 0:
        raise ImportFileError(_("“%(name)s”只有表头，没有数据行。") % {"name": name})
    report.digest = checker.digest.hexdigest()
    report.context = page_context(page)
    if report.ok:
        found = row_service.existing_table(page, report.digest)
        # Only the table the page shows now makes the import pointless; an earlier one of its
        # tables is put back by the confirm (without writing the rows again).
        report.duplicate_of_table = found.pk if found and found.pk == page.table_id else None
    if progress:
        progress(report.rows + report.error_count, report.rows + report.error_count)
    return report


class FileChanged(Exception):
    """The rows read at the confirm are not those previewed (nothing was written)."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def staged_rows(row_kind: str, stash: Path) -> Iterator[tuple[int, dict]]:
    """The clean rows the preview staged, as (line, values) again."""
    fields = resource_fields(row_kind)
    spec = tables.SPECS[row_kind]
    decoders = {}
    for name in fields:
        column = spec.column(name)
        if column is not None and column.numeric:
            decoders[name] = Decimal
        elif column is not None and column.type == tables.DATE:
            decoders[name] = datetime.date.fromisoformat
    order = list(fields)
    with open(stash, encoding="utf-8") as handle:
        for text in handle:
            line, *cells = json.loads(text)
            values = {}
            for name, value in zip(order, cells, strict=True):
                decode = decoders.get(name)
                values[name] = decode(value) if decode and value is not None else value
            yield line, values


def write_staged(
    page: DisclosurePage,
    stash: Path,
    digest: str,
    *,
    stash_sha256: str,
    user=None,
    file_name: str = "",
    total: int = 0,
    progress: Progress | None = None,
) -> tuple[DisclosureTable, bool]:
    """The confirm: the rows the preview checked and staged, written by `rows.write_table` in the
    caller's transaction. A staged file that is not the one the preview wrote (its SHA-256
    differs) raises `FileChanged` before anything is written."""
    if file_sha256(stash) != stash_sha256:
        raise FileChanged(0)
    row_kind = tables.TABLE_OF_KIND[page.kind]
    return row_service.write_table(
        page,
        row_kind,
        staged_rows(row_kind, stash),
        digest,
        user=user,
        file_name=file_name,
        batch_size=2000,
        progress=(lambda done: progress(done, max(total, done))) if progress else None,
    )


# --- the template ---------------------------------------------------------------------------------

EXAMPLES = {
    DisclosureTable.RowKind.SUBSIDY: (
        "张三明",
        "第1村民小组",
        "耕地地力保护补贴",
        "105.50",
        "6.2",
        "654.10",
        "2026-08-15",
        "",
        "",
    ),
    DisclosureTable.RowKind.FINANCE: ("2026-08-03", "记-015", "村道维修材料款", "", "3200.00"),
    DisclosureTable.RowKind.ASSETS: (
        "村集体果园",
        "资源",
        "45亩",
        "18000.00",
        "宕昌县某某种植专业合作社",
        "2024-2033",
        "",
    ),
    DisclosureTable.RowKind.PROJECT: (
        "二组通组道路硬化",
        "386000.00",
        "宕昌县某某建筑工程有限公司",
        "完工70%",
        "200000.00",
        "2026-05-06",
    ),
}


def template_xlsx(row_kind: str) -> bytes:
    """A workbook a clerk fills: the headers the import reads and one example row."""
    headers = template_headers(row_kind)
    example = list(EXAMPLES[row_kind])
    for index, header in enumerate(headers):
        if header.endswith("（元）") or header == "数量":
            example[index] = float(example[index]) if example[index] else None
        elif "日期" in header or header == "日期":
            value = example[index]
            example[index] = datetime.date.fromisoformat(value) if value else None
    sheet = spreadsheets.OutSheet(
        title=str(tables.SPECS[row_kind].model._meta.verbose_name),
        headers=headers,
        rows=[tuple(example)],
        widths={h: 22 for h in headers if h in ("户主", "补贴项目", "摘要", "名称", "项目名称")},
    )
    return spreadsheets.write_xlsx([sheet])
