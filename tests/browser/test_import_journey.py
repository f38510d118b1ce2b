"""The county petition office (县纪委监委信访室), on a desktop PC and on a 360 px phone, exports
宕昌县's catalog, changes one cell in Excel, imports it, sees exactly that change in the preview,
and only that item is republished (issue 7, "Import a clerk can trust").

Shared demo server: this test changes 宕昌县's catalog, the 办理时限 of the first step of item 31
(村级印章使用管理) on the desktop and of item 32 (户籍及入户证明协助办理) on the phone, which no
other browser test opens (they read item 1 and the risk list).

The server runs background tasks inline (conftest.py: ImmediateBackend), so the preview and the
confirm run in the upload and confirm requests; the job page is the same page a clerk sees when
a `db_worker` runs them (it then refreshes itself until the job is done).
"""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import pass_second_step

pytestmark = pytest.mark.browser

USER, PASSWORD = "petition_tanchang", "demo-pass-2026"
CATALOG = "宕昌县村级小微权力清单"
DEVICES = {
    # device: (viewport, the item it changes)
    "desktop": ({"width": 1100, "height": 720}, ("31", "村级印章使用管理")),
    "phone": ({"width": 360, "height": 740}, ("32", "户籍及入户证明协助办理")),
}


@pytest.fixture(params=list(DEVICES))
def device(request, browser, portal_server):
    viewport, item = DEVICES[request.param]
    context = browser.new_context(
        base_url=portal_server.url,
        viewport=viewport,
        locale="zh-CN",
        is_mobile=request.param == "phone",
        has_touch=request.param == "phone",
    )
    context.set_default_timeout(20_000)
    try:
        yield request.param, context.new_page(), item
    finally:
        context.close()


def log_in(page) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", USER)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    pass_second_step(page, USER)
    expect(page).to_have_url(re.compile(r"/admin/$"))


def open_catalog(page) -> str:
    """Down the admin's page tree to the catalog's listing; returns its URL."""
    page.goto("/admin/pages/")
    for name in ("陇南市", "宕昌县", CATALOG):
        link = page.locator("table.listing a", has_text=re.compile(f"^\\s*{name}\\s*$")).first
        if link.count() == 0:  # the user's explorer may start below this level
            continue
        with page.expect_navigation():
            link.click()
    expect(page.locator("h1, .w-breadcrumbs").first).to_contain_text(CATALOG)
    return page.url


def updated_times(page) -> dict[str, str]:
    """Each item of the listing: its title -> the exact time of its last update."""
    times = {}
    for row in page.locator("table.listing tbody tr").all():
        title = row.locator(".title-wrapper a, .title a").first.inner_text().strip()
        when = row.locator("time")  # none for an item never revised since it was seeded
        times[title] = when.first.get_attribute("datetime") if when.count() else None
    return times


def test_petition_office_imports_a_one_cell_change(device, tmp_path, artifacts_dir):
    name, page, (item_number, item_title) = device
    shot = "guide-petition-{}.png" if name == "desktop" else "phone-petition-{}.png"
    log_in(page)
    listing = open_catalog(page)
    before = updated_times(page)
    assert len(before) >= 30 and item_title in before, before

    # 导入导出 is a button in the catalog's header, not hidden in the ⋯ menu.
    button = page.locator("#w-slim-header-buttons").get_by_role("link", name="导入导出")
    expect(button).to_be_visible()
    page.screenshot(path=str(artifacts_dir / shot.format("1-catalog")))
    with page.expect_navigation():
        button.click()
    expect(page.get_by_role("heading", name="导出", exact=True)).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("下载 Excel 工作簿")).click()
    original = tmp_path / "original.xlsx"
    download.value.save_as(original)

    # In "Excel": one cell, the first step's 办理时限 of item 31.
    book = openpyxl.load_workbook(original)
    steps = book["步骤"]
    headers = [c.value for c in steps[1]]
    limit_col = headers.index("办理时限") + 1
    row = next(r for r in range(2, steps.max_row + 1) if steps.cell(r, 1).value == item_number)
    old = steps.cell(row, limit_col).value
    new = (int(old) if old else 0) + 7
    steps.cell(row, limit_col).value = new
    changed = tmp_path / "宕昌县清单.xlsx"
    out = io.BytesIO()
    book.save(out)
    changed.write_bytes(out.getvalue())

    page.set_input_files("#id_xlsx", str(changed))
    with page.expect_navigation():
        page.get_by_role("button", name="上传并预检").click()
    status = page.locator(".help-block[role=status]")
    expect(status).to_contain_text("将新增事项 0 项、更新 1 项")
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(item_number)
    expect(rows.first).to_contain_text(item_title)
    changes = rows.first.locator("li")
    expect(changes).to_have_count(1)
    old_text = str(old) if old else "—"
    expect(changes.first).to_have_text(f"步骤 1 · 办理时限：{old_text} → {new}")
    page.screenshot(path=str(artifacts_dir / shot.format("2-preview")))

    with page.expect_navigation():
        page.get_by_role("button", name="确认导入并发布").click()
    expect(page.locator(".help-block[role=status]")).to_contain_text(
        "导入完成：新增事项 0 项，更新 1 项"
    )
    page.screenshot(path=str(artifacts_dir / shot.format("3-done")))

    # Back in the catalog only the changed item has a new update time.
    with page.expect_navigation():
        page.get_by_role("link", name="返回清单").click()
    assert page.url.split("?")[0] == listing.split("?")[0]
    after = updated_times(page)
    moved = {title for title in before if after.get(title) != before[title]}
    assert moved == {item_title}, moved

    # Its history says it came from this import, in Chinese.
    page.locator("table.listing tbody tr", has_text=item_title).locator("a").first.click()
    page.wait_for_load_state()
    page_id = re.search(r"/pages/(\d+)/", page.url).group(1)
    page.goto(f"/admin/pages/{page_id}/history/")
    entry = page.locator("table.listing tbody tr").first
    expect(entry).to_contain_text("导入更新")
    expect(entry).to_contain_text(f"由 {USER} 从文件“宕昌县清单.xlsx”导入更新（1 处变化）")

    # A village of 宕昌县 shows the new time limit on its copy of the item.
    page.goto(f"/longnan/tanchang/awu/awu/power/{item_number}/")
    expect(page.locator("ol.steps > li").first).to_contain_text(f"时限：{new}")
