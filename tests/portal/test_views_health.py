"""Background tasks (django.tasks) and the health endpoint."""

from django.tasks import TaskResultStatus
from django.test import Client
from django.urls import reverse

from portal.models import Organization
from portal.views import health_task


def test_health_task_runs_with_the_immediate_backend(tree, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    result = health_task.enqueue(value=5)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == Organization.objects.count() + 5
    assert result.return_value == 7 + 5  # the seven organisations of the test tree


def test_health_task_default_value(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    result = health_task.enqueue()
    assert result.return_value == Organization.objects.count() + 1


def test_healthz_answers_ok_without_login(db):
    response = Client().get(reverse("portal:healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
