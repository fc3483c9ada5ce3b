"""Staff (cán bộ, công chức, viên chức, người lao động) and their yearly records.

Shaped for what comes next: ratings and sick days per year (AnnualRecord), exits with a date and
a reason (status + exit_date), and history kept in the audit log.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.fields import NFCCharField
from portal.models import Organization, ScopedQuerySet
from portal.text import fold


class StaffCategory(models.TextChoices):
    CB = "CB", _("Cán bộ")
    CC = "CC", _("Công chức")
    VC = "VC", _("Viên chức hưởng lương từ ngân sách")
    VCTC = "VCTC", _("Viên chức tự bảo đảm chi")
    HD = "HD", _("Người lao động hợp đồng")


class Sex(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class StaffStatus(models.TextChoices):
    WORKING = "DLV", _("Đang làm việc")
    RETIRED = "NH", _("Nghỉ hưu")
    RESIGNED = "TV", _("Thôi việc")
    TRANSFERRED = "CCT", _("Chuyển công tác")
    STREAMLINED = "TGBC", _("Tinh giản biên chế")
    DECEASED = "CHET", _("Từ trần")


class Deferral(models.TextChoices):
    MATERNITY = "TS", _("Mang thai, nghỉ thai sản, nuôi con dưới 36 tháng")
    DISCIPLINE = "KL", _("Đang bị kỷ luật, điều tra, truy tố")


class Rating(models.TextChoices):
    EXCELLENT = "HTXSNV", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "HTTNV", _("Hoàn thành tốt nhiệm vụ")
    DONE = "HTNV", _("Hoàn thành nhiệm vụ")
    NOT_DONE = "KHTNV", _("Không hoàn thành nhiệm vụ")


class StaffQuerySet(ScopedQuerySet):
    org_field = "organization"

    def working(self):
        return self.filter(status=StaffStatus.WORKING)

    def search(self, text: str):
        key = fold(text)
        return self.filter(Q(search_key__contains=key) | Q(employee_code__iexact=text.strip())) if key else self


class Staff(models.Model):
    employee_code = models.CharField(_("mã cán bộ"), max_length=30, unique=True)
    personal_id = models.CharField(
        _("số định danh cá nhân"),
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        validators=[RegexValidator(r"^\d{12}$", _("Số định danh cá nhân gồm đúng 12 chữ số."))],
    )
    full_name = NFCCharField(_("họ và tên"), max_length=120)
    search_key = models.CharField(max_length=120, editable=False, db_index=True)
    date_of_birth = models.DateField(_("ngày sinh"))
    birth_year_only = models.BooleanField(_("chỉ biết năm sinh"), default=False)
    sex = models.CharField(_("giới tính"), max_length=1, choices=Sex.choices)
    category = models.CharField(_("loại"), max_length=4, choices=StaffCategory.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="staff"
    )
    salary_step = models.PositiveSmallIntegerField(
        _("bậc lương"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    salary_coefficient = models.DecimalField(_("hệ số lương"), max_digits=4, decimal_places=2, null=True, blank=True)
    recruitment_date = models.DateField(_("ngày tuyển dụng"), null=True, blank=True)
    insurance_years = models.DecimalField(_("số năm đóng BHXH"), max_digits=4, decimal_places=1, null=True, blank=True)
    heavy_work = models.BooleanField(_("nặng nhọc, độc hại"), default=False)
    redundant = models.BooleanField(_("diện dôi dư"), default=False)
    deferral = models.CharField(_("hoãn xét tinh giản"), max_length=2, choices=Deferral.choices, blank=True)
    status = models.CharField(_("trạng thái"), max_length=4, choices=StaffStatus.choices, default=StaffStatus.WORKING)
    exit_date = models.DateField(_("ngày nghỉ"), null=True, blank=True)

    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["employee_code"]
        indexes = [models.Index(fields=["organization", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="DLV") | Q(exit_date__isnull=False), name="staff_exit_date_when_left"
            ),
            models.CheckConstraint(
                condition=Q(insurance_years__gte=0) | Q(insurance_years__isnull=True), name="staff_insurance_nonneg"
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.employee_code})"

    def clean(self):
        super().clean()
        if self.status != StaffStatus.WORKING and not self.exit_date:
            raise ValidationError({"exit_date": _("Hãy nhập ngày nghỉ khi trạng thái không phải Đang làm việc.")})

    def save(self, *args, **kwargs):
        self.search_key = fold(self.full_name)[:120]
        super().save(*args, **kwargs)


class AnnualRecordQuerySet(ScopedQuerySet):
    org_field = "staff__organization"


class AnnualRecord(models.Model):
    """One person's year: the quality rating and the sick-leave days."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="annual_records", verbose_name=_("cán bộ"))
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    rating = models.CharField(_("xếp loại"), max_length=6, choices=Rating.choices, blank=True)
    sick_days = models.PositiveSmallIntegerField(_("số ngày nghỉ ốm"), null=True, blank=True)

    objects = AnnualRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("đánh giá, nghỉ ốm theo năm")
        verbose_name_plural = _("đánh giá, nghỉ ốm theo năm")
        ordering = ["staff", "-year"]
        constraints = [models.UniqueConstraint(fields=["staff", "year"], name="annual_record_unique")]

    def __str__(self):
        return f"{self.staff.employee_code} {self.year}"
