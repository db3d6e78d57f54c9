"""`lantern restore FILE --yes`: replace the configured database's data with a backup's, checksum first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from lantern.core.backup import ENGINE_NAMES, configured_database, restore_database


class Command(BaseCommand):
    help = (
        "Restore a backup made by `lantern backup` into the configured database. This REPLACES the current "
        "data, so it needs --yes. The checksum in FILE.sha256 and the file's kind are checked first; "
        "when any check fails nothing is changed."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the backup file (FILE.sha256 must sit beside it)")
        parser.add_argument(
            "--yes", action="store_true", help="confirm: replace all the current data with the backup's"
        )
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args, file: Path, yes: bool, database: str, **options) -> None:
        result = restore_database(file, confirmed=yes, database=configured_database(database))
        self.stdout.write(f"Checksum verified: {result.sha256}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {result.path} into the {ENGINE_NAMES[result.engine]} database {result.database}."
            )
        )
        self.stdout.write("If the backup came from an older version of Lantern, run `lantern migrate` next.")
