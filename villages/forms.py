from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

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


class StaffProfileForm(WagtailAdminModelForm):
    """Saving a profile goes through assign_role so the user's groups always match their role
    and jurisdiction (no hand-edited group membership)."""

    def save(self, commit=True):
        from .services.roles import assign_role

        instance = super().save(commit=False)
        if not commit:
            return instance
        self.instance = assign_role(
            instance.user, instance.role, instance.jurisdiction, title=instance.title
        )
        return self.instance
