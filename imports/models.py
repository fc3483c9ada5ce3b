"""The import jobs of the engine: one row per file imported (web upload or command line).

The table keeps its historical name ``portal_importjob`` (the model lived in ``portal`` before the
engine became its own app)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Organization, ScopedQuerySet


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Đã tải lên")
    VALIDATING = "validating", _("Đang kiểm tra")
    READY = "ready", _("Sẵn sàng nhập")
    QUEUED = "queued", _("Đang chờ ghi dữ liệu")
    REJECTED = "rejected", _("Bị từ chối")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã nhập xong")
    FAILED = "failed", _("Lỗi hệ thống")
    CANCELLED = "cancelled", _("Đã huỷ")


# Validating or running: at most one such job per organisation scope (the constraint below).
ACTIVE_IMPORT_STATUSES = (ImportStatus.VALIDATING, ImportStatus.RUNNING)
# Waiting for a worker: an upload not yet validated, a confirmation not yet started. Not active:
# a queued confirmation does not block another upload of its scope; the worker's claim of it
# does (the scope busy: back to ``ready`` with the message).
WAITING_IMPORT_STATUSES = (ImportStatus.UPLOADED, ImportStatus.QUEUED)


class ImportJobQuerySet(ScopedQuerySet):
    org_field = "organization"  # a job of the whole portal (no organisation): national admins only


class ImportJob(models.Model):
    """One import of a file (web upload or command line). The uploaded bytes and the preview
    live here, not in a local temp dir, so preview and confirm may reach different processes.
    Only one job per organisation scope (NULL = the whole portal) may be validating or running.

    uploaded → validating → ready (previewed) or rejected; ready → running → done (or rejected
    when the data changed since the preview); a big file's confirmation waits as ``queued``
    between ready and running. ``failed``: an unexpected error or a job whose process died (its
    heartbeat, ``updated_at``, older than ``IMPORT_HEARTBEAT_TIMEOUT``); ``cancelled``: stopped by
    an admin. Neither writes anything; the file stays for a re-run."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("loại dữ liệu"), max_length=20)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("phạm vi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="import_jobs",
        help_text=_("Để trống: toàn cổng."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    file_name = models.CharField(_("tên tệp"), max_length=255)
    file_sha256 = models.CharField(_("SHA-256 của tệp"), max_length=64)
    file_content = models.BinaryField(_("nội dung tệp"), default=b"", editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    counts = models.JSONField(_("số dòng"), default=dict, blank=True)
    errors = models.JSONField(_("lỗi (tối đa 1.000 lỗi đầu)"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("tổng số lỗi"), default=0)
    # The rows a ready job will add and the fields it will change (old → new), and once done the
    # rows it added and changed, for the job page to page through (imports.preview, bounded).
    preview = models.JSONField(_("xem trước (các dòng thêm mới, cập nhật)"), default=dict, blank=True)
    message = models.TextField(_("thông báo"), blank=True)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), default=timezone.now)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt nhập dữ liệu")
        verbose_name_plural = _("lượt nhập dữ liệu")
        db_table = "portal_importjob"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Coalesce("organization", models.Value(0), output_field=models.BigIntegerField()),
                condition=Q(status__in=ACTIVE_IMPORT_STATUSES),
                name="importjob_one_active_per_scope",
                violation_error_message=_("Đơn vị này đang có một lượt nhập dữ liệu khác chưa xong."),
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="importjob_progress_max_100"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.file_name}"

    def get_absolute_url(self):
        return reverse("imports:import_detail", args=[self.pk])

    # What the screens ask about a job's status (templates compare with these, never literals).
    @property
    def is_active(self) -> bool:
        """Validating or running (blocks its scope)."""
        return self.status in ACTIVE_IMPORT_STATUSES

    @property
    def is_waiting(self) -> bool:
        """Waiting for a worker: an upload not yet validated, a confirmation not yet started."""
        return self.status in WAITING_IMPORT_STATUSES

    @property
    def is_pending(self) -> bool:
        """Not settled yet: the job page polls its progress."""
        return self.is_active or self.is_waiting

    @property
    def is_uploaded(self) -> bool:
        return self.status == ImportStatus.UPLOADED

    @property
    def is_validating(self) -> bool:
        return self.status == ImportStatus.VALIDATING

    @property
    def is_ready(self) -> bool:
        return self.status == ImportStatus.READY

    @property
    def is_queued(self) -> bool:
        """A confirmation waiting for a worker."""
        return self.status == ImportStatus.QUEUED

    @property
    def is_running(self) -> bool:
        return self.status == ImportStatus.RUNNING

    @property
    def is_done(self) -> bool:
        return self.status == ImportStatus.DONE

    @property
    def is_rejected(self) -> bool:
        return self.status == ImportStatus.REJECTED

    @property
    def is_failed(self) -> bool:
        return self.status == ImportStatus.FAILED

    @property
    def is_cancelled(self) -> bool:
        return self.status == ImportStatus.CANCELLED

    @property
    def can_cancel(self) -> bool:
        """An admin may stop a job that is not settled yet."""
        return self.is_pending

    @property
    def can_rerun(self) -> bool:
        """A failed or cancelled job: one click imports its stored file again."""
        return self.is_failed or self.is_cancelled
