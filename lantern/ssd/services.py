"""The SSD import's own writes: the records no other app has a service for yet (services, teams, workers, addresses,
disabilities, assessment factors), each saved with the model's every check, and the link from an SSD id to the
record it became. Everything else the import writes goes through the record apps' services."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from lantern.core.services import save_checked
from lantern.core.writing import service
from lantern.journey.models import AssessmentFactor
from lantern.ssd.models import SsdLink


@service
def ssd_record_save(*, by, record: models.Model) -> models.Model:
    """A record whose only rules are its model's (fields, choices, constraints): checked, then saved."""
    return save_checked(record, by=by)


@service
def ssd_link_keep(*, by, table: str, ssd_id: str, record: models.Model, extra: dict[str, str]) -> SsdLink:
    """Remember which record an SSD row became, with the row's values Lantern has no field for."""
    content_type = ContentType.objects.get_for_model(type(record))
    link = SsdLink.objects.filter(table=table, ssd_id=ssd_id).first() or SsdLink(table=table, ssd_id=ssd_id)
    if link.pk and (link.content_type_id, link.object_id, link.extra) == (content_type.pk, record.pk, extra):
        return link
    link.content_type, link.object_id, link.extra = content_type, record.pk, extra
    return save_checked(link, by=by)


@service
def ssd_factors_set(*, by, assessment, factor_codes: list[str]):
    """An assessment's factors as the SSD row lists them (codes checked by the model's code list)."""
    have = {factor.code: factor for factor in assessment.factors.all()}
    for code, factor in have.items():
        if code not in factor_codes:
            factor.delete()
    for code in factor_codes:
        if code not in have:
            save_checked(AssessmentFactor(assessment=assessment, code=code), by=by)
    return assessment
