"""`lantern backup FILE [--force]`: back up the configured database, with FILE.sha256 beside it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.core.backup import ENGINE_NAMES, backup_database, configured_database
from lantern.core.backup_crypto import new_key as make_key


class Command(BaseCommand):
    help = (
        "Back up the configured database to FILE (SQLite: an online copy, safe while the app runs; "
        "PostgreSQL: pg_dump --format=custom), encrypted with LANTERN_BACKUP_KEY, and write its SHA-256 checksum to "
        "FILE.sha256."
    )
    # A backup must work whatever else is wrong with the project.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, nargs="?", help="the backup file to write (its directory must exist)")
        parser.add_argument(
            "--new-key", action="store_true", help="print a new key for LANTERN_BACKUP_KEY, and back up nothing"
        )
        parser.add_argument("--force", action="store_true", help="overwrite FILE if it already exists")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args, file: Path | None, force: bool, database: str, new_key: bool, **options) -> None:
        if new_key:
            self.stdout.write(make_key())
            self.stderr.write("Set it as LANTERN_BACKUP_KEY, and keep a copy somewhere other than the backups.")
            return
        if file is None:
            raise CommandError("Give the backup FILE to write (or --new-key to make a key)")
        result = backup_database(file, force=force, database=configured_database(database))
        self.stdout.write(
            f"Backed up the {ENGINE_NAMES[result.engine]} database {result.database} "
            f"to {result.path} ({result.size:,} bytes)."
        )
        self.stdout.write(f"SHA-256 (also in {result.checksum_path}):")
        self.stdout.write(f"{result.sha256}  {result.path.name}")
        self.stdout.write(self.style.SUCCESS("Backup complete. Keep the .sha256 file with the backup."))
