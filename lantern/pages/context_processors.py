from django.http import HttpRequest


def lantern(request: HttpRequest) -> dict:
    from lantern.accounts.roles import Scope, widest_scope
    from lantern.core.models import AuthoritySettings

    if not request.user.is_authenticated:
        return {"authority_name": "", "reads_records": False}
    return {
        "authority_name": AuthoritySettings.current().name,
        # Administrators manage users but read no case records: their navigation leaves those pages out.
        "reads_records": widest_scope(request.user.roles) is not Scope.NONE,
    }
