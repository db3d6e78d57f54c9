"""`lantern audits agreement [--json] [--by auditor|team|theme]`: how far moderation agrees with each auditor."""

import json

from django.core.management.base import BaseCommand, CommandParser

from lantern.audits.agreement import MINIMUM
from lantern.audits.models import CaseAudit
from lantern.audits.selectors import agreement_by

GROUPS = {"auditor": "auditor_name", "team": "team_name", "theme": "theme"}


class Command(BaseCommand):
    help = "Moderation and agreement: audits, moderated, changed, lowered, raised and weighted kappa per auditor."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        figures = sub.add_parser("agreement", help="per auditor (or team, theme): weighted kappa with its 95% CI")
        figures.add_argument("--json", action="store_true", help="a JSON list, one object per auditor")
        figures.add_argument("--by", choices=sorted(GROUPS), default="auditor")

    def handle(self, *args, action: str, **options) -> None:
        rows = agreement_by(GROUPS[options["by"]], CaseAudit.objects.all())
        if options["json"]:
            self.stdout.write(json.dumps([row.as_json() for row in rows], indent=2))
            return
        self.stdout.write(f"{'name':<30} audits moderated changed lowered raised  weighted kappa (95% CI)")
        for row in rows:
            if row.too_few:
                kappa = f"too few to say (fewer than {MINIMUM} moderated)"
            elif row.kappa is None:
                kappa = "not defined (one grade given throughout)"
            else:
                kappa = f"{row.kappa.value:.2f} ({row.kappa.ci_low:.2f} to {row.kappa.ci_high:.2f})"
            self.stdout.write(
                f"{row.name[:30]:<30} {row.audits:>6} {row.moderated:>9} {row.changed:>7} {row.lowered:>7} "
                f"{row.raised:>6}  {kappa}"
            )
