"""Which Lantern record each SSD row became, by the SSD's own id, so that the same extract again changes nothing.

One table here rather than an `ssd_id` field on every record model: the SSD ids are the council's old system's,
only the import and export need them, and a new field would mean a migration in every record app. `extra` keeps
the row's values that Lantern has no field for, so they are reported, kept and exported again, never dropped.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from lantern.core.modelling import Record


class SsdLink(Record):
    table = models.CharField(max_length=40)
    ssd_id = models.CharField("SSD id", max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["table", "ssd_id"], name="ssd_link_one_record_per_id")]
        indexes = [models.Index(fields=["content_type", "object_id"], name="ssd_link_record")]

    def __str__(self) -> str:
        return f"{self.table} {self.ssd_id}"
