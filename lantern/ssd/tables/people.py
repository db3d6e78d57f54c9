"""ssd_person, ssd_disability, ssd_address: children (the SSD person id is Lantern's LA child ID, the id the returns
already carry as LAchildID / CHILD), their disabilities and addresses."""

from lantern.core import codes
from lantern.people.models import Address, Child, ChildDisability
from lantern.people.services import child_from_return, child_register
from lantern.ssd import values
from lantern.ssd.services import ssd_record_save
from lantern.ssd.tables.base import Table, assign

# --- ssd_person ----------------------------------------------------------------------------------------------------

PERSON_FIELDS = {
    "first_name": "pers_forename", "last_name": "pers_surname", "sex": "pers_sex", "ethnicity": "pers_ethnicity",
    "date_of_birth": "pers_dob", "expected_date_of_birth": "pers_expected_dob", "death_date": "pers_death_date",
    "nhs_number": "pers_common_child_id", "upn": "pers_upn", "upn_unknown": "pers_upn_unknown",
    "la_child_id": "pers_person_id",
}  # fmt: skip


def read_person(importer, row) -> dict:
    return {
        "first_name": row.get("pers_forename"),
        "last_name": row.get("pers_surname"),
        "sex": row.get("pers_sex", values.code, codes.SEX, "sex"),
        "ethnicity": row.get("pers_ethnicity", values.code, codes.ETHNICITY, "ethnicity"),
        "date_of_birth": row.get("pers_dob", values.iso_date),
        "expected_date_of_birth": row.get("pers_expected_dob", values.iso_date),
        "death_date": row.get("pers_death_date", values.iso_date),
        "nhs_number": (row.get("pers_common_child_id") or "").replace(" ", ""),
        "upn": (row.get("pers_upn") or "").upper(),
        "upn_unknown": row.get("pers_upn_unknown", values.code, codes.UPN_UNKNOWN, "UPN unknown"),
    }


def create_person(importer, row, wanted: dict) -> Child:
    details = {k: v for k, v in wanted.items() if k != "death_date"}
    child = child_register(by=importer.by, la_child_id=row.id, **details)
    if wanted["death_date"]:
        child.death_date = wanted["death_date"]
        child = child_from_return(by=importer.by, record=child)
    return child


def update_person(importer, row, child: Child, wanted: dict) -> Child:
    return child_from_return(by=importer.by, record=assign(child, wanted))


def export_person(exporter):
    for child in Child.objects.all():
        yield child, {
            "pers_forename": child.first_name, "pers_surname": child.last_name, "pers_sex": child.sex,
            "pers_ethnicity": child.ethnicity, "pers_dob": values.out_date(child.date_of_birth),
            "pers_expected_dob": values.out_date(child.expected_date_of_birth),
            "pers_death_date": values.out_date(child.death_date), "pers_common_child_id": child.nhs_number,
            "pers_upn": child.upn, "pers_upn_unknown": child.upn_unknown,
        }  # fmt: skip


PERSON = Table(
    name="ssd_person",
    key="pers_person_id",
    columns=(
        "pers_person_id",
        "pers_forename",
        "pers_surname",
        "pers_sex",
        "pers_gender",
        "pers_ethnicity",
        "pers_dob",
        "pers_common_child_id",
        "pers_legacy_id",
        "pers_upn_unknown",
        "pers_send_flag",
        "pers_expected_dob",
        "pers_death_date",
        "pers_is_mother",
        "pers_nationality",
        "pers_upn",
    ),  # fmt: skip
    optional=("pers_upn",),
    model=Child,
    fields=PERSON_FIELDS,
    read=read_person,
    create=create_person,
    update=update_person,
    export=export_person,
    kept=("pers_gender", "pers_legacy_id", "pers_send_flag", "pers_is_mother", "pers_nationality"),
    default_id=lambda child: child.la_child_id,
    match=lambda ssd_id, row: Child.objects.filter(la_child_id=ssd_id).first(),
)

# --- ssd_disability ------------------------------------------------------------------------------------------------


def read_disability(importer, row) -> dict:
    return {
        "child": row.ref("disa_person_id"),
        "code": row.get("disa_disability_code", values.code, codes.DISABILITY, "disability"),
    }


def export_disability(exporter):
    for disability in ChildDisability.objects.select_related("child"):
        yield (
            disability,
            {"disa_person_id": exporter.id_of("ssd_person", disability.child), "disa_disability_code": disability.code},
        )


DISABILITY = Table(
    name="ssd_disability",
    key="disa_table_id",
    columns=("disa_person_id", "disa_table_id", "disa_disability_code"),
    model=ChildDisability,
    fields={"child": "disa_person_id", "code": "disa_disability_code"},
    refers={"disa_person_id": "ssd_person"},
    read=read_disability,
    create=lambda importer, row, wanted: ssd_record_save(by=importer.by, record=ChildDisability(**wanted)),
    update=lambda importer, row, record, wanted: ssd_record_save(by=importer.by, record=assign(record, wanted)),
    export=export_disability,
)

# --- ssd_address ---------------------------------------------------------------------------------------------------

# D2I's address JSON keys; Lantern keeps a first line and a town.
ADDRESS_KEYS = {"HOUSE", "STREET", "TOWN"}


def read_address(importer, row) -> dict:
    parts = row.get("addr_address_json", values.json_value, dict) or {}
    for key in sorted(set(parts) - ADDRESS_KEYS):
        if parts[key] not in ("", None):
            importer.kept[f"ssd_address.addr_address_json.{key} (not kept)"] += 1
    line_1 = " ".join(str(parts[k]).strip() for k in ("HOUSE", "STREET") if parts.get(k))
    return {
        "child": row.ref("addr_person_id"),
        "line_1": line_1,
        "town": str(parts.get("TOWN") or "").strip(),
        "postcode": (row.get("addr_address_postcode") or "").upper(),
        "start_date": row.get("addr_address_start_date", values.iso_date),
        "end_date": row.get("addr_address_end_date", values.iso_date),
    }


def export_address(exporter):
    for address in Address.objects.select_related("child"):
        parts = {"STREET": address.line_1, **({"TOWN": address.town} if address.town else {})}
        yield address, {
            "addr_address_json": values.out_json(parts), "addr_person_id": exporter.id_of("ssd_person", address.child),
            "addr_address_start_date": values.out_date(address.start_date),
            "addr_address_end_date": values.out_date(address.end_date), "addr_address_postcode": address.postcode,
        }  # fmt: skip


ADDRESS = Table(
    name="ssd_address",
    key="addr_table_id",
    columns=(
        "addr_table_id",
        "addr_address_json",
        "addr_person_id",
        "addr_address_type",
        "addr_address_start_date",
        "addr_address_end_date",
        "addr_address_postcode",
    ),  # fmt: skip
    model=Address,
    fields={
        "child": "addr_person_id",
        "line_1": "addr_address_json",
        "town": "addr_address_json",
        "postcode": "addr_address_postcode",
        "start_date": "addr_address_start_date",
        "end_date": "addr_address_end_date",
    },  # fmt: skip
    refers={"addr_person_id": "ssd_person"},
    read=read_address,
    create=lambda importer, row, wanted: ssd_record_save(by=importer.by, record=Address(**wanted)),
    update=lambda importer, row, record, wanted: ssd_record_save(by=importer.by, record=assign(record, wanted)),
    export=export_address,
    kept=("addr_address_type",),
)
