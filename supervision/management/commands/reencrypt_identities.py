"""Re-encrypt every reporter's identity with the first key of IDENTITY_KEYS (and SECRET_KEY),
and recompute the identity hashes with the current IDENTITY_HASH_KEY. Idempotent; the rotation
steps are in docs/security.md "Reporter identity"."""

from django.core.management.base import BaseCommand, CommandError

from supervision.services.key_rotation import BATCH_SIZE, reencrypt

SHOW_UNREADABLE = 20


class Command(BaseCommand):
    help = (
        "用 IDENTITY_KEYS 的第一个密钥重新加密全部反映人身份信息，并用当前的 IDENTITY_HASH_KEY "
        "重算身份哈希（可重复运行）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help=f"每批处理的记录数（{BATCH_SIZE}）"
        )
        parser.add_argument("--dry-run", action="store_true", help="只统计，不写入。")

    def handle(self, *args, batch_size, dry_run, **options):
        if batch_size < 1:
            raise CommandError("--batch-size 必须是正整数。")
        report = reencrypt(batch_size=batch_size, dry_run=dry_run)
        verb = "需要" if dry_run else "已"
        self.stdout.write(
            f"检查了 {report.rows} 条记录中的 {report.values} 个加密字段："
            f"{verb}重新加密 {report.reencrypted} 个，{report.current} 个已是当前密钥；"
            f"{verb}重算身份哈希 {report.hashes_updated} 件。"
        )
        if dry_run:
            self.stdout.write("（试运行，未写入任何数据。）")
        if report.hashes_updated and not dry_run:
            self.stdout.write(
                "身份哈希有变化（IDENTITY_HASH_KEY 或归一化规则变了）。"
                "若是更换了 IDENTITY_HASH_KEY，此前发出的查询密码已无法核对"
                "（见 docs/security.md“Reporter identity”）。"
            )
        if report.unreadable:
            shown = "；".join(
                f"{label} #{pk} {field}" for label, pk, field in report.unreadable[:SHOW_UNREADABLE]
            )
            more = len(report.unreadable) - SHOW_UNREADABLE
            raise CommandError(
                f"有 {len(report.unreadable)} 个字段用现有密钥都无法解密，未作改动：{shown}"
                + (f"；另有 {more} 个" if more > 0 else "")
                + "。请把加密它们的旧密钥加回 IDENTITY_KEYS（或 SECRET_KEY_FALLBACKS）后重新运行。"
            )
