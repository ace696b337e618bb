from django.contrib import admin

from .models import Department, Membership, Township


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Township)
class TownshipAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_zh_hans", "name_en", "county", "province", "country"]
    search_fields = ["slug", "name_zh_hans", "name_vi", "name_en"]
    inlines = [DepartmentInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "township", "role", "department"]
    list_filter = ["role", "township"]
    raw_id_fields = ["user"]
