from django.core.management.base import BaseCommand

from villages.services.roles import ensure_roles


class Command(BaseCommand):
    help = "创建或补齐角色用户组、各乡镇的页面权限和审核流程（可重复运行）。"

    def handle(self, *args, **options):
        groups = ensure_roles()
        self.stdout.write(
            self.style.SUCCESS(f"角色已就绪：{len(groups)} 个角色组，各乡镇权限和审核流程已补齐。")
        )
