"""Restore a backup made by `manage.py backup` (portal/management/backup.py): checksums first,
then the migrations, then (unless --force) that nothing would be overwritten."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from portal.management.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "从备份目录恢复数据库和文件。先核对校验值；目标已有内容时须加 --force。"

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup directory (var/backups/<time>)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="overwrite a database with content; folders with files are kept aside",
        )

    def handle(self, *args, backup, force, **options):
        try:
            result = restore_backup(backup, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(f"数据库出错 (database error): {error}") from error
        manifest = result.manifest
        self.stdout.write(
            f"已恢复 (restored) {backup}：备份时间 {manifest['created_at']}，"
            f"代码版本 {manifest['app'].get('version')} {manifest['app'].get('commit', '')[:12]}"
        )
        for folder in result.kept_folders:
            self.stdout.write(f"原有文件已改名保留 (previous files kept): {folder}")
        for label, (expected, found) in result.count_mismatches.items():
            self.stderr.write(
                f"行数不符 (row count differs) {label}: 备份 {expected}，恢复后 {found}"
            )
        if result.missing_migrations:
            self.stdout.write(
                f"备份比代码旧，还有 {len(result.missing_migrations)} 个迁移未执行："
                "请运行 manage.py migrate。"
            )
        self.stdout.write(
            "页面缓存已清空；请重启网站进程（gunicorn）和任务进程，使其不再使用恢复前的记忆。"
            " (Page cache cleared: restart gunicorn and the worker.)"
        )
        self.stdout.write(
            "恢复须使用备份时的同一套 IDENTITY_KEYS、SECRET_KEY 和 IDENTITY_HASH_KEY，"
            "否则反映人身份无法解密、回执查询密码无法核对。"
        )
        if result.count_mismatches:
            raise CommandError("恢复后的行数与备份清单不符 (row counts differ from the manifest).")
