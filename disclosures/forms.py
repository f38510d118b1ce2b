from wagtail.admin.forms import WagtailAdminPageForm

from .services.validation import StepData, number_error, step_errors, taken_numbers


class PowerItemForm(WagtailAdminPageForm):
    """Checks the number against its list and the steps as a whole (branches must point to a step
    that exists after this very edit, including steps added or removed in the same form)."""

    def clean(self):
        cleaned = super().clean()
        parent = getattr(self, "parent_page", None)
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        number = cleaned.get("number")
        if parent is not None and number:
            problem = number_error(number, taken_numbers(parent, exclude_pk=self.instance.pk))
            if problem:
                self.add_error("number", problem)
        formset = self.formsets.get("steps")
        if formset is not None and all(f.is_valid() for f in formset.forms):
            steps = [
                StepData(
                    key=f.cleaned_data.get("key", ""),
                    branch_target=f.cleaned_data.get("branch_target", ""),
                    branch_condition=f.cleaned_data.get("branch_condition", ""),
                    time_limit=f.cleaned_data.get("time_limit"),
                )
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            for problem in step_errors(steps):
                self.add_error(None, problem)
        return cleaned


class DisclosurePageForm(WagtailAdminPageForm):
    """What the model's own checks cannot see: the village a new disclosure is being added to
    (for its county's rule), and the attachments as edited in this very form (their captions,
    titles and file names are public: no full number; changing them on a published disclosure
    is a correction like any other and needs its 更正说明)."""

    def clean(self):
        cleaned = super().clean()
        from .services.affairs import attachment_problems

        parent = getattr(self, "parent_page", None)
        if parent is not None and not self.instance.path:
            self.instance.parent_for_rules = parent  # read by affairs._rule_for
        formset = self.formsets.get("attachments")
        if formset is not None and all(f.is_valid() for f in formset.forms):
            documents = [
                f.cleaned_data["document"]
                for f in formset.forms
                if f.cleaned_data
                and not f.cleaned_data.get("DELETE")
                and f.cleaned_data.get("document")
            ]
            captions = [
                f.cleaned_data.get("caption", "")
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            for field, problem in attachment_problems(
                self.instance, documents, captions, cleaned.get("correction_note", "")
            ):
                self.add_error(field, problem)
        return cleaned
