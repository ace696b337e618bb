"""Township staff and heads keep their township's service catalogue in /cms/ (J4).

Rights come from townships.core memberships, not from Django model permissions:
the permission policy below lets anyone who edits some township into the
"Public services" menu, and every view lists, opens and saves only services
of the townships the user edits. Another township's service is a 404, and the
form offers only the user's own townships and departments. Saving goes through
the services, which check the rights once more.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from hub.accounts.models import User

from .forms import PublicServiceAdminForm
from .models import PublicService
from .permissions import EDITOR_ROLES, can_edit_public_services, townships_editable_by
from .services import public_service_create, public_service_update


class PublicServicePermissionPolicy(BasePermissionPolicy):
    """Editors of a township may add, change, delete and view its services."""

    def __init__(self) -> None:
        super().__init__(PublicService)

    def user_has_permission(self, user, action) -> bool:
        return townships_editable_by(user).exists()

    def user_has_any_permission(self, user, actions) -> bool:
        return self.user_has_permission(user, "change")

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return can_edit_public_services(user, instance.township)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return self.user_has_permission_for_instance(user, "change", instance)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        return PublicService.objects.for_townships(townships_editable_by(user))

    def users_with_any_permission(self, actions) -> QuerySet:
        return User.objects.filter(
            Q(is_superuser=True) | Q(memberships__role__in=EDITOR_ROLES),
            is_active=True,
        ).distinct()


permission_policy = PublicServicePermissionPolicy()
register_permission_policy(PublicService, permission_policy)


def _editable(request) -> QuerySet[PublicService]:
    return permission_policy.instances_user_has_any_permission_for(
        request.user, ["change"]
    ).select_related("township", "department")


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        return _editable(self.request)


class CreateView(generic.CreateView):
    def save_instance(self):
        service = public_service_create(
            actor=self.request.user, service=self.form.save(commit=False)
        )
        log(instance=service, action="wagtail.create", user=self.request.user)
        return service


class EditView(generic.EditView):
    def get_queryset(self):
        return _editable(self.request)

    def save_instance(self):
        service = public_service_update(
            actor=self.request.user, service=self.form.save(commit=False)
        )
        log(instance=service, action="wagtail.edit", user=self.request.user)
        return service


class DeleteView(generic.DeleteView):
    def get_queryset(self):
        return _editable(self.request)


class HistoryView(history.HistoryView):
    def get_base_object_queryset(self):
        return _editable(self.request)


class UsageView(usage.UsageView):
    def get_base_object_queryset(self):
        return _editable(self.request)


class PublicServiceViewSet(ModelViewSet):
    model = PublicService
    icon = "list-ul"
    menu_label = _("Public services")
    add_to_admin_menu = True
    # Copying would open any service by its pk; the add form is the way.
    copy_view_enabled = False
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    list_display = ["name", "township", "department", "is_online", "is_active"]
    search_fields = ["name_zh_hans", "name_vi", "name_en", "slug"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("township"), FieldPanel("department")]),
                    FieldPanel("slug"),
                    FieldPanel("name_zh_hans"),
                    FieldPanel("name_vi"),
                    FieldPanel("name_en"),
                ],
                heading=_("Service"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("description_zh_hans"),
                    FieldPanel("description_vi"),
                    FieldPanel("description_en"),
                    FieldPanel("eligibility_zh_hans"),
                    FieldPanel("eligibility_vi"),
                    FieldPanel("eligibility_en"),
                    FieldPanel("legal_basis"),
                ],
                heading=_("Description"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("fee"), FieldPanel("courier_fee")]),
                    FieldRowPanel(
                        [
                            FieldPanel("legal_time_limit_days"),
                            FieldPanel("promised_time_days"),
                        ]
                    ),
                    FieldPanel("visits_needed"),
                ],
                heading=_("Fee and time"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("offers_e_certificate"),
                    FieldPanel("offers_pickup"),
                    FieldPanel("offers_courier"),
                ],
                heading=_("Delivery of the result"),
            ),
            MultiFieldPanel(
                [FieldPanel("is_online"), FieldPanel("is_active")],
                heading=_("Availability"),
            ),
            InlinePanel(
                "materials", heading=_("Required materials"), label=_("material")
            ),
            # townships.applications.FormField: the online form, step by step.
            InlinePanel(
                "form_fields", heading=_("Application form"), label=_("question")
            ),
        ],
        base_form_class=PublicServiceAdminForm,
    )


@hooks.register("register_admin_viewset")
def register_public_service_viewset():
    # Named apart from the public pages' URL namespace, "public_services".
    return PublicServiceViewSet("public_services_admin", url_prefix="public-services")
