"""The JSON API: one NinjaAPI with its OpenAPI description at /api/openapi.json and docs at /api/docs."""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.security import django_auth

from lantern.record.api import router as children_router

api = NinjaAPI(
    title="Lantern API",
    version="1",
    description="Read access to children's records for signed-in users; every call is checked against the "
    "caller's access to that child.",
    auth=django_auth,
    # The description names what Lantern holds: only signed-in users read it.
    docs_decorator=login_required,
)
api.add_router("/children/", children_router)
