"""The text a power item is found by: name, number, category, basis, steps and risks in one
column. Kept on the row so one LIKE query searches everything on SQLite and PostgreSQL alike."""


def build_search_text(item) -> str:
    parts = [item.title, item.number, item.legal_basis, item.responsible_body, item.boundaries]
    if item.category_id:
        parts.append(item.category.name)
    for step in item.steps.all():
        parts += [step.actor, step.action, step.document, step.branch_condition]
    for risk in item.risks.all():
        parts += [risk.description, risk.manifestation, risk.measures]
    return "\n".join(p for p in parts if p)
