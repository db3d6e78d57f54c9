"""`lantern import cin-census FILE.xml`, `lantern import ssda903 FILE.csv ...|DIR` and `lantern import audits
FILE.xlsx|csv` (a council's case audit spreadsheet): all or nothing."""

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Import a CIN census or SSDA903 return into Lantern's records. Every problem is reported (file, line, child, "
        "field, reason) and nothing is written if there is any; importing the same file again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("return_name", choices=("cin-census", "ssda903", "audits", "improvement-plan", "ssd"))
        parser.add_argument(
            "paths", nargs="+", help="the CIN census XML file, the SSDA903 CSV files or directory, or the audit sheet"
        )
        parser.add_argument("--check", action="store_true", help="report what would change, write nothing")

    def handle(self, *args, return_name: str, paths: list[str], check: bool, **options) -> None:
        if return_name == "cin-census":
            from lantern.returns.cin_import import import_cin_census

            if len(paths) != 1:
                raise CommandError("Give one CIN census XML file")
            result = import_cin_census(paths[0], apply=not check)
        elif return_name == "audits":
            from lantern.audits.importing import import_audits

            if len(paths) != 1:
                raise CommandError("Give one audit spreadsheet (.xlsx or .csv)")
            result = import_audits(paths[0], apply=not check)
        elif return_name == "improvement-plan":
            from lantern.improvement.importing import import_plan

            if len(paths) != 1:
                raise CommandError("Give one improvement plan spreadsheet (.xlsx)")
            result = import_plan(paths[0], apply=not check)
        elif return_name == "ssd":
            from lantern.ssd.importing import import_ssd

            if len(paths) != 1:
                raise CommandError("Give one directory holding the SSD extract's CSV files (ssd_person.csv, ...)")
            result = import_ssd(paths[0], apply=not check)
        else:
            from lantern.returns.ssda903_import import import_ssda903

            result = import_ssda903(paths, apply=not check)
        for line in result.lines():
            self.stdout.write(line)
        if result.problems:
            raise CommandError(
                f"{len(result.problems)} problems: the {result.name} import was refused and nothing was written.",
                returncode=1,
            )
        if result.applied and not (result.created or result.updated):
            self.stdout.write(
                self.style.SUCCESS(f"Nothing new: Lantern already holds everything in the {result.name}.")
            )
        elif result.applied:
            self.stdout.write(self.style.SUCCESS(f"Imported the {result.name}."))
