from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

from .validators import validate_code_under_parent


class AreaPageForm(WagtailAdminPageForm):
    """Checks the division code against the parent the editor is adding under."""

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("division_code")
        parent = getattr(self, "parent_page", None)
        if code and parent is not None:
            parent_code = getattr(parent.specific, "division_code", None)
            try:
                validate_code_under_parent(code, self._meta.model.level, parent_code)
            except ValidationError as error:
                self.add_error("division_code", error)
        return cleaned
