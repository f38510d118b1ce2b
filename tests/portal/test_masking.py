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
