"""Building a subject access file: the PDF (WeasyPrint, from an HTML template with print CSS), the chronology as CSV
and a manifest, zipped into a temporary file that the download streams from.

Each part is written into the zip as soon as it is made, and the zip lives in a temporary file rather than in
memory, so that a long record costs disk, not the server's memory; the response streams it in chunks.
"""

import csv
import hashlib
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import IO

from django.template.loader import render_to_string
from django.utils import timezone

from lantern.pages.cells import safe_cell
from lantern.subject_access.models import SubjectAccessRequest
from lantern.subject_access.redaction import MARK
from lantern.subject_access.selectors import SubjectFile, subject_file

CSV_HEADERS = ["Date", "Time", "Area", "Event", "Detail"]


@dataclass
class Bundle:
    file: IO[bytes]
    filename: str
    manifest: dict


def _stem(sar: SubjectAccessRequest, at: datetime) -> str:
    return f"subject-access-{sar.child.la_child_id}-{timezone.localtime(at):%Y%m%d-%H%M%S}"


def render_pdf(sar: SubjectAccessRequest, data: SubjectFile, *, at: datetime, by) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, and only this export needs it.
    from weasyprint import CSS, HTML

    html = render_to_string(
        "subject_access/file.html",
        {"sar": sar, "file": data, "at": timezone.localtime(at), "by": by, "mark": MARK},
    )
    css = CSS(string=render_to_string("subject_access/print.css"))
    return HTML(string=html).write_pdf(stylesheets=[css])


def chronology_csv(data: SubjectFile) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    for event in data.chronology:
        time = f"{timezone.localtime(event.at):%H:%M}" if event.at else ""
        writer.writerow([event.on.isoformat(), time, *(safe_cell(v) for v in (event.kind, event.title, event.detail))])
    # A byte order mark, so that Excel reads the file as UTF-8.
    return ("\ufeff" + out.getvalue()).encode()


def build_bundle(sar: SubjectAccessRequest, *, by, at: datetime | None = None) -> Bundle:
    """The whole file for one request as a zip in a temporary file, positioned at its start."""
    at = at or timezone.now()
    data = subject_file(sar, as_of=timezone.localdate(at))
    stem = _stem(sar, at)
    parts = [
        (
            f"{stem}.pdf",
            "The child's file: record, people, workers, chronology, timescales, notes, records held",
            render_pdf(sar, data, at=at, by=by),
        ),
        (f"{stem}-chronology.csv", "Every event in the chronology, oldest first", chronology_csv(data)),
    ]
    manifest = {
        "request_reference": sar.reference,
        "request_logged_at": timezone.localtime(sar.requested_at).isoformat(),
        "child": {"la_child_id": sar.child.la_child_id},
        "produced_at": timezone.localtime(at).isoformat(),
        "produced_by": {"name": by.get_full_name() or by.get_username(), "username": by.get_username()},
        "redaction": {
            "choice": sar.get_redaction_display(),
            "third_parties_redacted": sar.redacts_third_parties,
            "workers_redacted": sar.redacts_workers,
            "marker": MARK if sar.redacts_third_parties else None,
            "applies_to": _redaction_scope(sar),
        },
        "sections": {
            "Who they are": len(data.details),
            "Addresses": len(data.addresses),
            "Family and other people": len(data.people),
            "Workers allocated": len(data.workers),
            "Chronology": len(data.chronology),
            "Timescales": len(data.clocks),
            "Notes": len(data.notes),
            "Records held": len(data.records_held),
        },
        "files": [
            {"name": name, "contents": what, "bytes": len(body), "sha256": hashlib.sha256(body).hexdigest()}
            for name, what, body in parts
        ],
    }
    spooled = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    with zipfile.ZipFile(spooled, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, _, body in parts:
            archive.writestr(name, body)
        archive.writestr(f"{stem}-manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    spooled.seek(0)
    return Bundle(file=spooled, filename=f"{stem}.zip", manifest=manifest)


def _redaction_scope(sar: SubjectAccessRequest) -> list[str]:
    if not sar.redacts_third_parties:
        return []
    scope = [
        "names of family members and other people related to the child, wherever they appear",
        "their first and last names on their own in free text, unless also one of the child's own names",
    ]
    if sar.redacts_workers:
        scope.append("names of workers allocated to the child, who visited or assessed them, and lead practitioners")
    # Said so that a reader of the manifest knows what was not touched, and why.
    scope.append("addresses: the record holds none for other people; the child's own addresses are not redacted")
    return scope
