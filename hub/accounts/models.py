"""The one user model (phone and/or e-mail login), the citizen profile, login codes."""

from django.contrib.auth.base_user import BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oscar.apps.customer.abstract_models import AbstractUser
from phonenumber_field.modelfields import PhoneNumberField

from hub.core.models import TimeStampedModel


class UserManager(BaseUserManager):
    """Creates users identified by an e-mail address, a phone number, or both."""

    use_in_migrations = True

    def create_user(
        self,
        email: str | None = None,
        password: str | None = None,
        *,
        phone: str | None = None,
        **extra_fields,
    ) -> "User":
        if not email and not phone:
            raise ValueError("A user needs an e-mail address or a phone number.")
        user = self.model(
            email=self.normalize_email(email) if email else None,
            phone=phone or None,
            **extra_fields,
        )
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **extra_fields) -> "User":
        extra_fields.update(is_staff=True, is_superuser=True, is_active=True)
        return self.create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username: str) -> "User":
        return self.get(**{self.model.USERNAME_FIELD: username})


class User(AbstractUser):
    """One account for shopping, selling, applying and asking.

    Villagers often have a phone and no e-mail; shoppers often the reverse. At
    least one of the two is required and each is unique.
    """

    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    phone = PhoneNumberField(_("phone number"), unique=True, null=True, blank=True)
    is_phone_verified = models.BooleanField(_("phone verified"), default=False)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone__isnull=False),
                name="accounts_user_has_email_or_phone",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or str(self.phone or self.email)

    def clean(self) -> None:
        # Oscar's clean() lowercases the e-mail; keep None rather than "".
        self.email = self.__class__.objects.normalize_email(self.email) or None
        if not self.phone:
            self.phone = None

    @property
    def login_name(self) -> str:
        """What the user types to log in: the phone number if any, else the e-mail."""
        return str(self.phone) if self.phone else (self.email or "")


class Profile(TimeStampedModel):
    """What the shop and the service hall both reuse: real name, township, language."""

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="profile"
    )
    real_name = models.CharField(_("real name"), max_length=100, blank=True)
    township = models.ForeignKey(
        "townships.Township",
        verbose_name=_("township of residence"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
    )
    village = models.CharField(_("village"), max_length=100, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, blank=True
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.real_name or str(self.user)


class LoginCode(models.Model):
    """A one-time SMS code; only its salted hash is kept."""

    phone = PhoneNumberField(_("phone number"), db_index=True)
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("login code")
        verbose_name_plural = _("login codes")

    def __str__(self) -> str:
        return f"{self.phone} @ {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()
