"""What supervision hangs on the village page (villages/hooks.py) and on the admin.

The public side (我要监督, 进度查询) is in `public_hooks`; the admin side (case list, intake,
partners, identity log) in `admin_hooks`; 设置's calendar, rules and templates in
`config_hooks`. Each registers with Wagtail when imported here.
"""

from . import admin_hooks, config_hooks, public_hooks  # noqa: F401
