"""`gongkai signing-key generate|rotate|list`: manage the platform key that signs published documents."""

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from gongkai.core.commands import TranslatedCommand
from gongkai.publishing import signing
from gongkai.publishing.models import SigningKey


class Command(TranslatedCommand):
    help = _(
        "generate: create the first signing key; rotate: create a new key and retire the active one "
        "(old signatures stay verifiable); list: show every key. Private keys are files in GONGKAI_HOME/signing-keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["generate", "rotate", "list"])

    def handle(self, *args, operation: str, **options):
        if operation == "list":
            for key in SigningKey.objects.order_by("created_at", "id"):
                state = f"停用于 {key.retired_at:%Y-%m-%d %H:%M}" if key.retired_at else "使用中"
                self.stdout.write(f"{key.key_id}  {key.algorithm}  创建于 {key.created_at:%Y-%m-%d %H:%M}  {state}")
            return

        active = signing.active_key()
        if operation == "generate" and active is not None:
            raise CommandError(f"已有使用中的签名密钥 {active.key_id}：如需更换，请运行 gongkai signing-key rotate。")
        if operation == "rotate" and active is None:
            raise CommandError("还没有签名密钥：请先运行 gongkai signing-key generate。")

        key = signing.generate_key(actor_label=f"gongkai signing-key {operation}")
        self.stdout.write(f"新签名密钥 {key.key_id} 已启用，私钥保存在 {signing.key_folder() / (key.key_id + '.pem')}。")
        if active is not None:
            self.stdout.write(f"原密钥 {active.key_id} 已停用，其签名仍可验证。")
