from django.urls import path

from lantern.accounts import administration, two_factor, views

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("two-factor/set-up/", two_factor.two_factor_setup, name="two_factor_setup"),
    path("two-factor/", two_factor.two_factor_verify, name="two_factor_verify"),
    path("accounts/users/", administration.users, name="users"),
    path("accounts/users/<str:username>/two-factor/", administration.user_two_factor, name="user_two_factor"),
]
