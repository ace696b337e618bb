"""Hub admins see the whole catalogue in /django-admin/; saves go through services."""

from django.contrib import admin

from .models import PublicService, RequiredMaterial
from .services import public_service_create, public_service_update


class RequiredMaterialInline(admin.TabularInline):
    model = RequiredMaterial
    extra = 0


@admin.register(PublicService)
class PublicServiceAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_zh_hans", "township", "department", "is_active"]
    list_filter = ["township", "is_active", "is_online"]
    search_fields = ["slug", "name_zh_hans", "name_vi", "name_en"]
    list_select_related = ["township", "department"]
    inlines = [RequiredMaterialInline]

    def save_model(self, request, obj, form, change):
        if change:
            public_service_update(actor=request.user, service=obj)
        else:
            public_service_create(actor=request.user, service=obj)
