"""`lantern validate cin-census FILE.xml` and `lantern validate ssda903 DIR` with the DfE's own validators."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.care.services import collection_year_of
from lantern.core.services import local_today


class Command(BaseCommand):
    help = "Validate a CIN census or SSDA903 return with the DfE validators; exit status 1 if any error."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("return_name", choices=("cin-census", "ssda903"))
        parser.add_argument("path", help="the CIN census XML file, or the SSDA903 directory (or one CSV file)")
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="collection year (2026 = 2025/26); CIN default: the file's header; SSDA903: the last complete year",
        )

    def handle(self, *args, return_name: str, path: str, year: int | None, **options) -> None:
        from lantern.returns import validators

        try:
            if return_name == "cin-census":
                result = validators.validate_cin_census(path, year=year)
            else:
                chosen = year or collection_year_of(local_today()) - 1
                result = validators.validate_ssda903(path, year=chosen)
        except validators.ValidatorsUnavailable as error:
            raise CommandError(str(error)) from error
        except (validators.ReturnUnreadable, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        for line in validators.describe(result):
            self.stdout.write(line)
        if result.errors:
            raise CommandError(f"{len(result.errors)} errors: the return would be rejected.", returncode=1)
        self.stdout.write(self.style.SUCCESS("No errors."))
