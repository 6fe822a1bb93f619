"""The admin site manages users and organisations only: no case content is registered here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


class UserCreateForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("kind", "email", "username", "full_name", "organisation")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = (
            "kind",
            "email",
            "username",
            "full_name",
            "organisation",
            "is_active",
            "is_staff",
            "groups",
        )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreateForm
    form = UserEditForm
    ordering = ["email", "username"]
    list_display = ["__str__", "kind", "organisation", "is_active"]
    list_filter = ["kind", "is_active", "groups", "organisation"]
    search_fields = ["email", "username", "full_name"]
    fieldsets = (
        (None, {"fields": ("kind", "email", "username", "password")}),
        ("Person", {"fields": ("full_name", "organisation")}),
        ("Access", {"fields": ("is_active", "is_staff", "groups")}),
    )
    add_fieldsets = (
        (None, {"fields": ("kind", "email", "username", "full_name", "organisation")}),
        ("Password", {"fields": ("usable_password", "password1", "password2")}),
    )
    filter_horizontal = ["groups"]
