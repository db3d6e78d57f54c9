from django.urls import path

from lantern.accounts import administration, two_factor, views

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("two-factor/set-up/", two_factor.two_factor_setup, name="two_factor_setup"),
    path("two-factor/", two_factor.two_factor_verify, name="two_factor_verify"),
    path("account/password/", views.PasswordChange.as_view(), name="password_change"),
    path("account/password/set/<uidb64>/<token>/", views.PasswordSet.as_view(), name="password_set"),
    path("accounts/users/", administration.users, name="users"),
    path("accounts/users/<str:username>/two-factor/", administration.user_two_factor, name="user_two_factor"),
]
