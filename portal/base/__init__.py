"""The portal's base layer: the abstract base page, system checks, masking, middleware, the
public-visibility rule and rate limits. It imports no other app of ours (enforced by
import-linter, see pyproject.toml and docs/architecture.md "Layers"), so every app can build on it.
"""
