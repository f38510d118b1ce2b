"""Public text never carries a full ID number, bank card or mobile number."""

import pytest

from portal.base.masking import mask_bank_card, mask_id_number, mask_name, mask_phone, mask_text


@pytest.mark.parametrize(
    ("raw", "masked"),
    [("13912345678", "139****5678"), ("0939-5521234", "0939-5521234"), ("", "")],
)
def test_mask_phone(raw, masked):
    assert mask_phone(raw) == masked


def test_mask_id_number_keeps_region_and_last_four():
    assert mask_id_number("62122319800101123X") == "621223********123X"


def test_mask_bank_card():
    assert mask_bank_card("6228480402564890018") == "6228***********0018"


@pytest.mark.parametrize(
    ("raw", "masked"), [("张三", "张*"), ("张三明", "张*明"), ("欧阳小明", "欧**明"), ("李", "李")]
)
def test_mask_name(raw, masked):
    assert mask_name(raw) == masked


def test_mask_text_catches_everything_in_free_text():
    text = "户主身份证62122319800101123X，卡号6228480402564890018，电话13912345678。"
    masked = mask_text(text)
    assert "62122319800101123X" not in masked
    assert "6228480402564890018" not in masked
    assert "13912345678" not in masked
    assert masked == "户主身份证621223********123X，卡号6228***********0018，电话139****5678。"


@pytest.mark.parametrize(
    "raw",
    [
        "62122319800101123x",  # lowercase x
        "621223 19800101 123X",  # 6-8-4
        "621223 1980 0101 123X",  # 6-4-4-4
        "６２１２２３１９８００１０１１２３Ｘ",  # full-width digits and X
        "６２１２２３　１９８００１０１　１２３ｘ",  # full-width spaces and x
    ],
)
def test_an_id_number_is_masked_however_it_is_written(raw):
    assert mask_id_number(raw) == "621223********123X"
    assert mask_text(f"身份证：{raw}。") == "身份证：621223********123X。"


@pytest.mark.parametrize(
    "raw",
    [
        "139 1234 5678",
        "139-1234-5678",
        "+86 139 1234 5678",
        "8613912345678",
        "１３９１２３４５６７８",
    ],
)
def test_a_mobile_is_masked_however_it_is_written(raw):
    assert mask_text(f"电话{raw}。") == "电话139****5678。"


@pytest.mark.parametrize(
    "raw", ["6228 4804 0256 4890 018", "６２２８４８０４０２５６４８９００１８"]
)
def test_a_bank_card_is_masked_however_it_is_written(raw):
    assert mask_text(f"卡号{raw}。") == "卡号6228***********0018。"


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-01 至 2024-12-31",  # dates are not numbers to hide
        "办公电话 0939-5521234",  # a landline is public
        "金额 1234567.89 元",
        "第 2024 年 12 月 31 日",
    ],
)
def test_what_is_not_personal_stays_as_it_is(text):
    assert mask_text(text) == text


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("身份证 620102-19900101-123X", "身份证 620102********123X"),
        ("身份证 620102 1990 0101 123 X", "身份证 620102********123X"),
        ("卡号 6228-4804-0256-4890-018", "卡号 6228***********0018"),
        # Dates, voucher numbers and office phones with hyphens are not personal numbers.
        ("2026-08-15 记-10-002 0939-5606205", "2026-08-15 记-10-002 0939-5606205"),
    ],
)
def test_hyphens_between_groups_do_not_hide_a_number(raw, masked):
    assert mask_text(raw) == masked
