from django.contrib import admin

from .models import (
    CashRemittance,
    Courier,
    DeliveryZone,
    Rate,
    Run,
    Shipment,
    TrackingEvent,
)


class RateInline(admin.TabularInline):
    model = Rate
    extra = 1


@admin.register(DeliveryZone)
class DeliveryZoneAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "township",
        "kind",
        "service_point",
        "position",
        "is_active",
    ]
    list_filter = ["township", "kind", "is_active"]
    inlines = [RateInline]


@admin.register(Courier)
class CourierAdmin(admin.ModelAdmin):
    list_display = ["user", "township", "is_active"]
    list_filter = ["township", "is_active"]
    raw_id_fields = ["user"]


class TrackingEventInline(admin.TabularInline):
    model = TrackingEvent
    extra = 0
    readonly_fields = ["status", "at", "actor", "place", "note"]
    can_delete = False


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    list_display = ["reference", "kind", "township", "status", "courier", "provider"]
    list_filter = ["township", "status", "kind", "provider"]
    search_fields = ["reference", "recipient_name", "provider_reference"]
    readonly_fields = ["uuid", "delivery_code", "cash_payment", "recipient"]
    raw_id_fields = ["courier", "run", "zone"]
    inlines = [TrackingEventInline]


admin.site.register(Run)
admin.site.register(CashRemittance)
