from django.contrib import admin

from oscar.apps.partner.admin import *  # noqa: F403

from .models import Badge, StallAction


@admin.register(Badge)
class BadgeAdmin(admin.ModelAdmin):
    list_display = ["stall", "product", "kind", "number", "expires_on", "recorded_by"]
    raw_id_fields = ["stall", "product", "recorded_by"]


@admin.register(StallAction)
class StallActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "stall", "actor", "on_behalf_of", "verb", "product"]
    readonly_fields = [f for f in ["stall", "actor", "on_behalf_of", "product"]]
