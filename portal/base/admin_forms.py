"""Forms the admin uses in place of Wagtail's own."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class PortalLoginForm(LoginForm):
    """Wagtail's login form redeclares the password field without a label, so Django labels
    it "Password" from the field name, in English whatever the language (Wagtail 8.0)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
