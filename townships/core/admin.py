from django.contrib import admin

from .models import CalendarDay, Department, Membership, Township
from .services import membership_grant, membership_revoke


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Township)
class TownshipAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_zh_hans", "name_en", "county", "province", "country"]
    search_fields = ["slug", "name_zh_hans", "name_vi", "name_en"]
    inlines = [DepartmentInline]
    # Groups are provisioned by `manage.py create_township`, not edited by hand.
    readonly_fields = ["editors_group", "heads_group"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Grants and revokes go through the services, which keep CMS groups in step."""

    list_display = ["user", "township", "role", "department"]
    list_filter = ["role", "township"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change):
        if change and {"user", "township", "role"} & set(form.changed_data):
            original = Membership.objects.get(pk=obj.pk)
            membership_revoke(
                user=original.user, township=original.township, role=original.role
            )
        saved = membership_grant(
            user=obj.user,
            township=obj.township,
            role=obj.role,
            department=obj.department,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        membership_revoke(user=obj.user, township=obj.township, role=obj.role)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            self.delete_model(request, membership)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Staff correct the holiday calendar here; deadlines read it at once."""

    list_display = ["date", "country", "township", "is_working_day", "name"]
    list_filter = ["country", "is_working_day", "township"]
    search_fields = ["name"]
    date_hierarchy = "date"
    autocomplete_fields = ["township"]
