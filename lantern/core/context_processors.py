from django.http import HttpRequest


def lantern(request: HttpRequest) -> dict:
    from lantern.core.models import AuthoritySettings

    return {"authority_name": AuthoritySettings.current().name if request.user.is_authenticated else ""}
