from django.contrib import messages
from django.contrib.auth.views import LoginView, LogoutView, PasswordChangeView, PasswordResetConfirmView
from django.urls import reverse_lazy

from lantern.accounts.forms import SignInForm
from lantern.accounts.models import AccountEvent


class SignInView(LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


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

    def form_valid(self, form):
        response = super().form_valid(form)
        AccountEvent.objects.create(user=form.user, kind=AccountEvent.Kind.PASSWORD_CHANGED, by=form.user)
        messages.success(self.request, "Your password is set: sign in with it")
        return response
