"""Top-level page header buttons in the Wagtail admin.

Wagtail 8 puts every button of the ``register_page_header_buttons`` hook in the header's ⋯
dropdown, beside 取消发布 and 删除, and offers no hook for a button of its own in the header of
the page listing or the edit view. A clerk does not look in a menu for a page's main tool (issue
7: 导入导出 was missed there). Rule: a hook button that is a ``HeaderButton`` is shown in the
header itself, before the ⋯ menu; every other button stays in the menu, as Wagtail decides.
``promote_header_buttons`` installs that rule on the two views that call the hook (idempotent;
apps that return a HeaderButton call it from their ``AppConfig.ready``). Checked against Wagtail
8.0's ``BaseListingView``/``EditView`` (``get_header_buttons``, ``get_header_more_buttons``);
tests/disclosures/test_import_header.py fails if a Wagtail upgrade moves the button.
"""

from __future__ import annotations

from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.widgets.button import ButtonWithDropdown, HeaderButton

_INSTALLED = "_portal_header_buttons_promoted"


def _split(buttons):
    top = [b for b in buttons if isinstance(b, HeaderButton)]
    return top, [b for b in buttons if not isinstance(b, HeaderButton)]


def promote_header_buttons() -> None:
    for view in (IndexView, EditView):
        if getattr(view, _INSTALLED, False):
            continue
        more, header = view.get_header_more_buttons, view.get_header_buttons

        def get_header_more_buttons(self, _more=more):
            return _split(_more(self))[1]

        def get_header_buttons(self, _header=header, _more=more):
            buttons = list(_header(self))
            top = _split(_more(self))[0]
            # Before the ⋯ dropdown (always last), after Wagtail's own header buttons.
            at = len(buttons) - (bool(buttons) and isinstance(buttons[-1], ButtonWithDropdown))
            return buttons[:at] + top + buttons[at:]

        view.get_header_more_buttons = get_header_more_buttons
        view.get_header_buttons = get_header_buttons
        setattr(view, _INSTALLED, True)
