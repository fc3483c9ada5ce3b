from django.urls import path

from positions import views

app_name = "positions"

urlpatterns = [
    path("", views.position_list, name="position_list"),
    path("approvals/", views.approval_queue, name="approval_queue"),
    path("org/<str:code>/", views.catalogue, name="catalogue"),
    path("org/<str:code>/print/", views.catalogue_print, name="catalogue_print"),
    path("org/<str:code>/export.xlsx", views.catalogue_export, name="catalogue_export"),
    path("org/<str:code>/new/", views.position_create, name="position_create"),
    path("org/<str:code>/framework/", views.framework_search, name="framework_search"),
    path("<int:pk>/", views.position_detail, name="position_detail"),
    path("<int:pk>/edit/", views.position_edit, name="position_edit"),
    path("descriptions/diff/", views.description_diff, name="description_diff"),
    path("descriptions/<int:pk>/", views.description_detail, name="description_detail"),
    path("descriptions/<int:pk>/edit/", views.description_edit, name="description_edit"),
    path("descriptions/<int:pk>/print/", views.description_print, name="description_print"),
    path("descriptions/<int:pk>/copy/", views.description_copy, name="description_copy"),
    path("descriptions/<int:pk>/submit/", views.description_submit, name="description_submit"),
    path("descriptions/<int:pk>/approve/", views.description_approve, name="description_approve"),
    path("descriptions/<int:pk>/return/", views.description_return, name="description_return"),
    path("descriptions/<int:pk>/new-version/", views.description_new_version, name="description_new_version"),
]
