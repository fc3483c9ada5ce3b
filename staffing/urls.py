from django.urls import path

from staffing.views import staff as views

app_name = "staffing"

# Employee codes may contain "/" (e.g. "CB/2020/001"), hence ``path:``; the fixed pages come
# first and "new"/"quotas" are not accepted as codes.
urlpatterns = [
    path("", views.staff_list, name="staff_list"),
    path("new/", views.staff_create, name="staff_create"),
    path("quotas/", views.quota_list, name="quota_list"),
    path("quotas/new/", views.quota_create, name="quota_create"),
    path("quotas/<int:pk>/edit/", views.quota_edit, name="quota_edit"),
    path("<path:code>/edit/", views.staff_edit, name="staff_edit"),
    path("<path:code>/records/", views.staff_records, name="staff_records"),
    path("<path:code>/assignments/new/", views.assignment_create, name="assignment_create"),
    path("<path:code>/assignments/<int:pk>/end/", views.assignment_end, name="assignment_end"),
    path("<path:code>/", views.staff_detail, name="staff_detail"),
]
