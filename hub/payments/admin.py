from django.contrib import admin

from .models import Payment, PaymentEvent, StripeEvent


class PaymentEventInline(admin.TabularInline):
    model = PaymentEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "amount", "reference", "actor", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """The ledger is written by services only; the admin reads it."""

    list_display = ["reference", "method", "status", "amount", "currency", "paid_at"]
    list_filter = ["method", "status", "currency"]
    search_fields = ["reference", "stripe_payment_intent_id"]
    inlines = [PaymentEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ["event_id", "type", "received_at", "processed_at"]
    list_filter = ["type"]
    search_fields = ["event_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
