from django.contrib import admin

from .models import Delivery, Message


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    readonly_fields = [
        "channel",
        "status",
        "attempts",
        "claimed_at",
        "sent_at",
        "error",
    ]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Read-only: messages are written by services, never by hand."""

    list_display = ["subject", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["subject", "dedupe_key", "recipient__phone", "recipient__email"]
    raw_id_fields = ["recipient"]
    inlines = [DeliveryInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
