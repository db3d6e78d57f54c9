from django.contrib import messages
from django.contrib.auth.views import LoginView, LogoutView, PasswordChangeView, PasswordResetConfirmView
from django.urls import reverse_lazy

from lantern.accounts import selectors
from lantern.accounts.forms import SignInForm
from lantern.accounts.models import AccountEvent
from lantern.core.dates import moment_label

NOTICES = {
    AccountEvent.Kind.DEVICE_ADDED: "An authenticator app was added to your account on {at}. "
    "If this was not you, tell your Lantern administrator straight away.",
    AccountEvent.Kind.DEVICES_RESET: "An administrator removed the authenticator app(s) from your account on {at}.",
}


class SignInView(LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        # The email may go unread or to an old address: the person signing in is also told of every change to
        # their second factor since they last signed in, so that an app someone else added is noticed.
        user = form.get_user()
        previous = user.last_login  # signing in (below) moves it to now
        response = super().form_valid(form)
        for event in selectors.second_factor_changes_since(user, previous):
            messages.warning(self.request, NOTICES[event.kind].format(at=moment_label(event.at)))
        return response


class SignOutView(LogoutView):
    """Signs out (POST only, as Django requires) and says so on the sign-in page."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You have signed out")
        return response


class PasswordChange(PasswordChangeView):
    """The signed-in user changes their own password (the old one first); their other sessions end."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        AccountEvent.objects.create(
            user=self.request.user, kind=AccountEvent.Kind.PASSWORD_CHANGED, by=self.request.user
        )
        messages.success(self.request, "Your password is changed")
        return response


class PasswordSet(PasswordResetConfirmView):
    """The one-time link an administrator gives (lantern/staff): set a new password, then sign in."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def get_user(self, uidb64):
        # A leaver's outstanding link stops working when the account is disabled (it could not sign in anyway).
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        response = super().form_valid(form)
        AccountEvent.objects.create(user=form.user, kind=AccountEvent.Kind.PASSWORD_CHANGED, by=form.user)
        messages.success(self.request, "Your password is set: sign in with it")
        return response
