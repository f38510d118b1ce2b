"""Signals the tree sends so that apps hanging on it can add their own roles and permissions
without the tree knowing them (docs/architecture.md "Layers")."""

from django.dispatch import Signal

# ensure_roles() finished (setup_roles, seed_demo): an app re-syncs everything it owns.
roles_ensured = Signal()
# A township's groups and workflow exist (kwargs: township, groups {role: Group}).
township_roles_ensured = Signal()
# A user was given a role over a node (kwargs: user, role, jurisdiction).
role_assigned = Signal()
