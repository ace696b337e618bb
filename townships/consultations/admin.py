from django.contrib import admin

from .models import Category, RoutingRule


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = [
        "slug",
        "name_zh_hans",
        "first_reply_hours",
        "resolve_hours",
        "is_active",
    ]
    list_filter = ["is_active"]
    search_fields = ["slug", "name_zh_hans", "name_vi", "name_en"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["township", "category", "department"]
    list_filter = ["township"]
    list_select_related = ["township", "category", "department"]
