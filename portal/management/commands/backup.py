"""Make a backup: the database, the media, PDF and case-file folders, and a manifest written
last (portal/management/backup.py). `make backup` runs it; BACKUP_DIR says where."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from portal.management.backup import BackupError, backup_root, create_backup


class Command(BaseCommand):
    help = "备份数据库和文件（图片、文档、PDF、案件附件）到 BACKUP_DIR（默认 var/backups/）。"

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="backup root (default: BACKUP_DIR or var/backups)")

    def handle(self, *args, dir=None, **options):
        root = Path(dir) if dir else backup_root()
        try:
            target = create_backup(root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(f"数据库出错 (database error): {error}") from error
        self.stdout.write(f"备份完成 (backup written): {target}")
        self.stdout.write(
            "注意：反映人身份密钥（IDENTITY_KEYS、SECRET_KEY、IDENTITY_HASH_KEY）不在备份中，"
            "请另行妥善保存；恢复时须使用同一套密钥。"
        )
