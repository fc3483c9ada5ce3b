"""Staff (cán bộ, công chức, viên chức, người lao động) and their yearly records.

Shaped for what comes next: ratings and sick days per year (AnnualRecord), exits with a date and
a reason (status + exit_date), and history kept in the audit log.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.fields import NFCCharField, NFCTextField
from portal.models import LegalDocument, Organization, OrgKind, ScopedQuerySet, name_or_code_q
from portal.text import fold
from positions.models import Position, Rank, TrainingLevel
from staffing import benefits as benefit_formulas
from staffing import rules

YEAR_VALIDATORS = [MinValueValidator(rules.YEAR_MIN), MaxValueValidator(rules.YEAR_MAX)]


class StaffCategory(models.TextChoices):
    CB = "CB", pgettext_lazy("staff category", "Cán bộ")
    CC = "CC", _("Công chức")
    VC = "VC", _("Viên chức hưởng lương từ ngân sách")
    VCTC = "VCTC", _("Viên chức tự bảo đảm chi")
    HD = "HD", _("Người lao động hợp đồng")


class Sex(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class StaffStatus(models.TextChoices):
    WORKING = rules.WORKING, _("Đang làm việc")
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
        """By name (every folded word), or by the start of the employee code."""
        q = name_or_code_q(text, code_field="employee_code")
        return self if q is None else self.filter(q)


class Staff(models.Model):
    employee_code = models.CharField(
        _("mã cán bộ"),
        max_length=rules.EMPLOYEE_CODE_MAX_LENGTH,
        unique=True,
        validators=[
            RegexValidator(
                rules.EMPLOYEE_CODE_PATTERN,
                _("Mã cán bộ tối đa 30 ký tự, không chứa dấu “/”; chữ số chỉ dùng 0–9."),
            )
        ],
    )
    personal_id = models.CharField(
        _("số định danh cá nhân"),
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        validators=[RegexValidator(rules.PERSONAL_ID_PATTERN, _("Số định danh cá nhân gồm đúng 12 chữ số."))],
    )
    full_name = NFCCharField(_("họ và tên"), max_length=120)
    # Searched with LIKE %…%, which no btree index serves: an index would only slow imports.
    search_key = models.CharField(max_length=120, editable=False)
    date_of_birth = models.DateField(_("ngày sinh"))
    birth_year_only = models.BooleanField(_("chỉ biết năm sinh"), default=False)
    sex = models.CharField(_("giới tính"), max_length=1, choices=Sex.choices)
    category = models.CharField(_("loại"), max_length=4, choices=StaffCategory.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="staff"
    )
    rank = models.ForeignKey(
        Rank, verbose_name=_("ngạch / chức danh"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    salary_step = models.PositiveSmallIntegerField(
        _("bậc lương"),
        null=True,
        blank=True,
        validators=[MinValueValidator(rules.SALARY_STEP_MIN), MaxValueValidator(rules.SALARY_STEP_MAX)],
    )
    salary_coefficient = models.DecimalField(_("hệ số lương"), max_digits=4, decimal_places=2, null=True, blank=True)
    recruitment_date = models.DateField(_("ngày tuyển dụng"), null=True, blank=True)
    insurance_years = models.DecimalField(_("số năm đóng BHXH"), max_digits=4, decimal_places=1, null=True, blank=True)
    # default and db_default "": rows written without these columns (COPY, raw INSERTs) get "".
    training_level = models.CharField(
        _("trình độ đào tạo"), max_length=3, choices=TrainingLevel.choices, blank=True, default="", db_default=""
    )
    training_field = NFCCharField(_("chuyên ngành đào tạo"), max_length=200, blank=True, default="", db_default="")
    # The monthly salary S (DOMAIN §8) = (coefficient + coefficient × seniority % + the allowance
    # coefficients) × base salary × (1 + percentage allowances %); staffing.benefits computes it.
    leadership_allowance = models.DecimalField(
        _("hệ số phụ cấp chức vụ lãnh đạo"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    other_allowance = models.DecimalField(
        _("hệ số phụ cấp khác"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    seniority_percent = models.DecimalField(
        _("phụ cấp thâm niên vượt khung (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    allowance_percent = models.DecimalField(
        _("phụ cấp theo tỷ lệ % khác (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Tổng các phụ cấp tính theo tỷ lệ % của tiền lương (ví dụ phụ cấp công vụ 25%)."),
    )
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
                condition=Q(status=rules.WORKING) | Q(exit_date__isnull=False), name="staff_exit_date_when_left"
            ),
            models.CheckConstraint(
                condition=Q(insurance_years__gte=0) | Q(insurance_years__isnull=True), name="staff_insurance_nonneg"
            ),
            models.CheckConstraint(
                condition=(Q(leadership_allowance__gte=0) | Q(leadership_allowance__isnull=True))
                & (Q(other_allowance__gte=0) | Q(other_allowance__isnull=True))
                & (Q(seniority_percent__gte=0) | Q(seniority_percent__isnull=True))
                & (Q(allowance_percent__gte=0) | Q(allowance_percent__isnull=True)),
                name="staff_allowances_nonneg",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.employee_code})"

    def get_absolute_url(self):
        return reverse("staffing:staff_detail", kwargs={"code": self.employee_code})

    def clean(self):
        super().clean()
        if rules.exit_date_missing(self.status, self.exit_date):
            raise ValidationError({"exit_date": _("Hãy nhập ngày nghỉ khi trạng thái không phải Đang làm việc.")})

    def save(self, *args, **kwargs):
        self.search_key = fold(self.full_name)[:120]
        super().save(*args, **kwargs)


# A person's stored columns besides the key (employee_code): what the demo builder and the staff
# import write and compare, in one order.
STAFF_DATA_FIELDS = (
    "personal_id",
    "full_name",
    "search_key",
    "date_of_birth",
    "birth_year_only",
    "sex",
    "category",
    "organization_id",
    "rank_id",
    "salary_step",
    "salary_coefficient",
    "recruitment_date",
    "insurance_years",
    "heavy_work",
    "redundant",
    "deferral",
    "status",
    "exit_date",
    "training_level",
    "training_field",
    "leadership_allowance",
    "other_allowance",
    "seniority_percent",
    "allowance_percent",
)


class AnnualRecordQuerySet(ScopedQuerySet):
    org_field = "staff__organization"


class AnnualRecord(models.Model):
    """One person's year: the quality rating and the sick-leave days."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="annual_records", verbose_name=_("cán bộ"))
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
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

    def get_additional_data(self):
        """Stored with each audit log entry, so the person's history finds deleted rows too."""
        return {"staff": self.staff_id}


class QuotaCategory(models.TextChoices):
    CBCC = "CBCC", _("Cán bộ, công chức")
    VC = "VC", _("Viên chức hưởng lương từ ngân sách")
    VCTC = "VCTC", _("Viên chức tự bảo đảm chi")
    HD = "HD", _("Hợp đồng lao động")


# Which staff categories count against which quota category (docs/rules.md §2).
QUOTA_CATEGORY_OF_STAFF = {"CB": "CBCC", "CC": "CBCC", "VC": "VC", "VCTC": "VCTC", "HD": "HD"}


class QuotaQuerySet(ScopedQuerySet):
    org_field = "organization"


class Quota(models.Model):
    """An approved number (biên chế được giao / số lượng người làm việc) for an organisation's
    whole subtree, per year and category, granted by a decision. Children's quotas for a year
    and category add up to at most the parent's (checked by services and the import)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="quotas"
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    category = models.CharField(_("loại biên chế"), max_length=4, choices=QuotaCategory.choices)
    assigned = models.PositiveIntegerField(_("số được giao"))
    decision_number = NFCCharField(_("số quyết định"), max_length=80)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = NFCCharField(_("cơ quan ban hành"), max_length=200, blank=True)
    legal_basis = models.ForeignKey(
        LegalDocument, verbose_name=_("căn cứ pháp lý"), null=True, blank=True, on_delete=models.PROTECT
    )

    objects = QuotaQuerySet.as_manager()

    class Meta:
        verbose_name = _("biên chế được giao")
        verbose_name_plural = _("biên chế được giao")
        ordering = ["organization", "-year", "category"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "category"], name="quota_unique_per_year"),
            models.CheckConstraint(
                condition=Q(year__gte=rules.YEAR_MIN, year__lte=rules.YEAR_MAX), name="quota_year_range"
            ),
            models.CheckConstraint(condition=Q(assigned__gte=0), name="quota_assigned_nonneg"),
        ]

    def __str__(self):
        return f"{self.organization.code} {self.year} {self.category}: {self.assigned}"


class AssignmentKind(models.TextChoices):
    PRIMARY = "primary", _("Vị trí chính")
    CONCURRENT = "concurrent", _("Kiêm nhiệm")


class AssignmentQuerySet(ScopedQuerySet):
    org_field = "staff__organization"

    def current(self, on_date=None):
        from django.utils import timezone

        on_date = on_date or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on_date), start_date__lte=on_date)


class Assignment(models.Model):
    """A person holding a position: one primary position and any number of concurrent ones
    (kiêm nhiệm), each with an FTE share; a person's current FTE adds up to at most 1."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("cán bộ"))
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("vị trí việc làm")
    )
    kind = models.CharField(
        _("hình thức"), max_length=10, choices=AssignmentKind.choices, default=AssignmentKind.PRIMARY
    )
    fte = models.DecimalField(_("tỷ lệ thời gian (FTE)"), max_digits=3, decimal_places=2, default=1)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân công vị trí")
        verbose_name_plural = _("phân công vị trí")
        ordering = ["staff", "kind", "-start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(fte__gt=0, fte__lte=rules.MAX_FTE), name="assignment_fte_range"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")), name="assignment_dates"
            ),
            models.UniqueConstraint(
                fields=["staff"], condition=Q(kind="primary", end_date__isnull=True), name="assignment_one_open_primary"
            ),
        ]

    def __str__(self):
        return f"{self.staff.employee_code} → {self.position.code} ({self.fte})"

    def get_additional_data(self):
        """Stored with each audit log entry, so the person's history finds deleted rows too."""
        return {"staff": self.staff_id}


# --------------------------------------------------------------------------- rule sets (data)
# Every legal rule the reports compute with is data with a legal basis and dates, edited by
# national admins in the admin; ``staffing.rulesets`` turns these rows into the pure dataclasses
# of ``staffing.reductions`` and ``staffing.retirement``.


class ReductionRuleSet(models.Model):
    """A headcount-reduction rule set (Resolution 39, Conclusion 40, Guidance 10989/BNV …): a
    percentage cut of the quota assigned in ``base_year``, per category, over a period."""

    legal_document = models.OneToOneField(
        LegalDocument,
        verbose_name=_("văn bản pháp lý"),
        on_delete=models.PROTECT,
        related_name="reduction_rule_set",
        help_text=_("Mã của văn bản (ví dụ KL40-2022) là mã của bộ quy tắc mà báo cáo và lệnh dùng."),
    )
    period_from = models.PositiveSmallIntegerField(_("giai đoạn từ năm"), validators=YEAR_VALIDATORS)
    period_to = models.PositiveSmallIntegerField(_("đến năm"), validators=YEAR_VALIDATORS)
    base_year = models.PositiveSmallIntegerField(
        _("năm gốc"), validators=YEAR_VALIDATORS, help_text=_("Năm của biên chế được giao làm căn cứ tính.")
    )
    binding = models.BooleanField(
        pgettext_lazy("rule set", "bắt buộc"),
        default=True,
        help_text=_("Bỏ chọn khi văn bản chỉ là hướng dẫn, định hướng, chưa phải quyết định bắt buộc."),
    )
    note = NFCTextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bộ quy tắc tinh giản biên chế")
        verbose_name_plural = _("bộ quy tắc tinh giản biên chế")
        ordering = ["period_from", "legal_document__code"]
        constraints = [
            models.CheckConstraint(condition=Q(period_to__gte=models.F("period_from")), name="reduction_period"),
            models.CheckConstraint(condition=Q(base_year__lte=models.F("period_from")), name="reduction_base_year"),
        ]

    def __str__(self):
        return f"{self.legal_document.code} ({self.period_from}–{self.period_to})"

    @property
    def code(self) -> str:
        return self.legal_document.code


class ReductionTarget(models.Model):
    """One percentage of a rule set: a quota category, optionally only for some organisation
    kinds and for units formed from a number of predecessors (a merge)."""

    rule_set = models.ForeignKey(
        ReductionRuleSet, on_delete=models.CASCADE, related_name="targets", verbose_name=_("bộ quy tắc")
    )
    category = models.CharField(_("loại biên chế"), max_length=4, choices=QuotaCategory.choices)
    percent = models.DecimalField(
        _("tỷ lệ tinh giản tối thiểu (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    org_kinds = models.CharField(
        _("loại hình đơn vị"),
        max_length=100,
        blank=True,
        help_text=_("Mã loại hình cách nhau bởi dấu phẩy (ví dụ BO,TINH); để trống: mọi loại hình."),
    )
    predecessors_min = models.PositiveSmallIntegerField(
        _("hợp nhất từ ít nhất (đơn vị)"),
        null=True,
        blank=True,
        help_text=_("Số đơn vị tiền thân tối thiểu; 2 = hình thành từ hợp nhất 2 đơn vị. Để trống: không xét."),
    )
    predecessors_max = models.PositiveSmallIntegerField(
        _("hợp nhất từ nhiều nhất (đơn vị)"),
        null=True,
        blank=True,
        help_text=_("Số đơn vị tiền thân tối đa; 0 = không hợp nhất. Để trống: không xét."),
    )
    note = NFCCharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("mục tiêu tinh giản")
        verbose_name_plural = _("mục tiêu tinh giản")
        ordering = ["rule_set", "category", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="reduction_percent_range"),
            models.CheckConstraint(
                condition=Q(predecessors_min__isnull=True)
                | Q(predecessors_max__isnull=True)
                | Q(predecessors_max__gte=models.F("predecessors_min")),
                name="reduction_predecessors_range",
            ),
        ]

    def __str__(self):
        return f"{self.category} {self.percent}%"

    @property
    def kind_codes(self) -> frozenset[str]:
        return frozenset(k.strip() for k in self.org_kinds.split(",") if k.strip())

    def clean(self):
        super().clean()
        from portal.models import OrgKind

        unknown = sorted(self.kind_codes - set(OrgKind.values))
        if unknown:
            raise ValidationError(
                {
                    "org_kinds": _("Loại hình không hợp lệ: %(codes)s; chọn trong: %(known)s.")
                    % {"codes": ", ".join(unknown), "known": ", ".join(OrgKind.values)}
                }
            )
        self.org_kinds = ",".join(sorted(self.kind_codes))


class RetirementAgeRule(models.Model):
    """The retirement age of one sex under a legal document (Decree 135/2020, Article 4): the age
    before the reform, the first year of the stepwise increase, the months added each year, the
    final age, and how many years earlier heavy, hazardous work allows. The rule is in force from
    its legal document's effective date."""

    legal_document = models.ForeignKey(
        LegalDocument, verbose_name=_("văn bản pháp lý"), on_delete=models.PROTECT, related_name="retirement_rules"
    )
    sex = models.CharField(_("giới tính"), max_length=1, choices=Sex.choices)
    base_years = models.PositiveSmallIntegerField(_("tuổi trước lộ trình (năm)"))
    base_months = models.PositiveSmallIntegerField(_("và tháng"), default=0, validators=[MaxValueValidator(11)])
    step_from = models.PositiveSmallIntegerField(_("lộ trình tăng từ năm"), validators=YEAR_VALIDATORS)
    months_per_year = models.PositiveSmallIntegerField(_("số tháng tăng mỗi năm"), validators=[MaxValueValidator(11)])
    final_years = models.PositiveSmallIntegerField(_("tuổi cuối lộ trình (năm)"))
    final_months = models.PositiveSmallIntegerField(_("và tháng"), default=0, validators=[MaxValueValidator(11)])
    early_retirement_years = models.PositiveSmallIntegerField(
        _("được nghỉ sớm tối đa (năm)"), default=5, help_text=_("Nặng nhọc, độc hại; vùng đặc biệt khó khăn.")
    )

    class Meta:
        verbose_name = _("quy tắc tuổi nghỉ hưu")
        verbose_name_plural = _("quy tắc tuổi nghỉ hưu")
        ordering = ["legal_document", "sex"]
        constraints = [
            models.UniqueConstraint(fields=["legal_document", "sex"], name="retirement_rule_one_per_sex"),
            models.CheckConstraint(
                condition=Q(base_months__lte=11, final_months__lte=11, months_per_year__lte=11),
                name="retirement_rule_months",
            ),
        ]

    def __str__(self):
        return f"{self.legal_document.code} {self.get_sex_display()}"

    def clean(self):
        super().clean()
        if (self.final_years or 0) * 12 + (self.final_months or 0) < (self.base_years or 0) * 12 + (
            self.base_months or 0
        ):
            raise ValidationError({"final_years": _("Tuổi cuối lộ trình không được thấp hơn tuổi trước lộ trình.")})


class BaseSalary(models.Model):
    """The base salary (lương cơ sở) in force over a period, by a legal document."""

    legal_document = models.ForeignKey(
        LegalDocument, verbose_name=_("văn bản pháp lý"), on_delete=models.PROTECT, related_name="base_salaries"
    )
    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    effective_from = models.DateField(_("áp dụng từ"), unique=True)
    effective_to = models.DateField(_("đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("lương cơ sở")
        verbose_name_plural = _("lương cơ sở")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="base_salary_positive"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="base_salary_range",
            ),
        ]

    def __str__(self):
        return f"{self.amount:,} ({self.effective_from:%d/%m/%Y})".replace(",", ".")


# --------------------------------------------------------------------------- streamlining rule sets (data)
# Decree 154/2025's review rules and the benefit regimes (Decree 154/2025, Decree 178/2024 as
# amended by 67/2025) as data a national admin edits; ``staffing.rulesets`` turns them into the
# dataclasses of ``staffing.candidates`` and ``staffing.benefits``.


class BenefitPurpose(models.TextChoices):
    STREAMLINING = "TGBC", _("Tinh giản biên chế")
    RESTRUCTURING = "SXBM", _("Sắp xếp tổ chức bộ máy")


class BenefitRegime(models.Model):
    """A benefit regime: the shape of its formulas (``formula``, code in ``staffing.benefits``),
    the period it applies to and every number as a ``BenefitParameter``."""

    legal_document = models.OneToOneField(
        LegalDocument,
        verbose_name=_("văn bản pháp lý"),
        on_delete=models.PROTECT,
        related_name="benefit_regime",
        help_text=_("Mã của văn bản (ví dụ ND154-2025) là mã của chế độ mà danh sách và lệnh dùng."),
    )
    amended_by = models.ForeignKey(
        LegalDocument,
        verbose_name=_("văn bản sửa đổi, bổ sung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    purpose = models.CharField(_("áp dụng cho"), max_length=4, choices=BenefitPurpose.choices)
    formula = models.CharField(
        _("cách tính"),
        max_length=10,
        choices=[(k, v) for k, v in benefit_formulas.FORMULAS.items()],
        help_text=_("Dạng công thức; mọi con số là tham số bên dưới."),
    )
    effective_from = models.DateField(_("áp dụng từ"))
    effective_to = models.DateField(_("đến"), null=True, blank=True)
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=True,
        help_text=_("Bỏ chọn nếu chế độ chưa được đối chiếu với văn bản gốc (cần kiểm tra)."),
    )
    note = NFCTextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("chế độ, chính sách khi nghỉ")
        verbose_name_plural = _("chế độ, chính sách khi nghỉ")
        ordering = ["effective_from", "legal_document__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="benefit_regime_range",
            ),
        ]

    def __str__(self):
        return self.legal_document.code

    @property
    def code(self) -> str:
        return self.legal_document.code


class BenefitParameter(models.Model):
    """One number of a benefit regime (a multiple of the monthly salary, a number of months or
    years), with whether it was confirmed from the legal text."""

    regime = models.ForeignKey(
        BenefitRegime, on_delete=models.CASCADE, related_name="parameters", verbose_name=_("chế độ")
    )
    key = models.CharField(
        _("tham số"), max_length=40, choices=[(k, v) for k, v in benefit_formulas.PARAMETERS.items()]
    )
    value = models.DecimalField(_("giá trị"), max_digits=8, decimal_places=3, validators=[MinValueValidator(0)])
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"), default=True, help_text=_("Bỏ chọn nếu giá trị chưa được xác nhận (cần kiểm tra).")
    )
    note = NFCCharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("tham số chế độ")
        verbose_name_plural = _("tham số chế độ")
        ordering = ["regime", "id"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "key"], name="benefit_parameter_unique"),
            models.CheckConstraint(condition=Q(value__gte=0), name="benefit_parameter_nonneg"),
        ]

    def __str__(self):
        return f"{self.key} = {self.value}"


class StreamliningRuleSet(models.Model):
    """Who may be streamlined (Decree 154/2025): the review years it covers, the review window
    (the year and the years before it whose ratings and sick days count), the sick-leave table
    (``SickLeaveMaximum``, on its own legal basis) and the benefit regime its lists use."""

    legal_document = models.OneToOneField(
        LegalDocument,
        verbose_name=_("văn bản pháp lý"),
        on_delete=models.PROTECT,
        related_name="streamlining_rule_set",
        help_text=_("Mã của văn bản (ví dụ ND154-2025) là mã của bộ quy tắc mà danh sách và lệnh dùng."),
    )
    period_from = models.PositiveSmallIntegerField(_("xét từ năm"), validators=YEAR_VALIDATORS)
    period_to = models.PositiveSmallIntegerField(_("đến năm"), validators=YEAR_VALIDATORS)
    years_before = models.PositiveSmallIntegerField(
        _("số năm liền trước được xét"),
        default=1,
        validators=[MaxValueValidator(5)],
        help_text=_("Xếp loại và số ngày nghỉ ốm của năm xét và của số năm liền trước này (trường hợp g, h)."),
    )
    benefit_regime = models.ForeignKey(
        BenefitRegime, verbose_name=_("chế độ, chính sách"), on_delete=models.PROTECT, related_name="rule_sets"
    )
    sick_leave_basis = models.ForeignKey(
        LegalDocument,
        verbose_name=_("căn cứ mức nghỉ ốm tối đa"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=True,
        help_text=_("Bỏ chọn nếu nội dung chưa được đối chiếu với văn bản gốc (cần kiểm tra)."),
    )
    note = NFCTextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bộ quy tắc xét tinh giản biên chế")
        verbose_name_plural = _("bộ quy tắc xét tinh giản biên chế")
        ordering = ["period_from", "legal_document__code"]
        constraints = [
            models.CheckConstraint(condition=Q(period_to__gte=models.F("period_from")), name="streamlining_period"),
        ]

    def __str__(self):
        return f"{self.legal_document.code} ({self.period_from}–{self.period_to})"

    @property
    def code(self) -> str:
        return self.legal_document.code


class SickLeaveMaximum(models.Model):
    """The maximum sick-leave days for a range of insured years, under normal conditions or in
    heavy, hazardous work (case h)."""

    rule_set = models.ForeignKey(
        StreamliningRuleSet, on_delete=models.CASCADE, related_name="sick_leave", verbose_name=_("bộ quy tắc")
    )
    heavy_work = models.BooleanField(_("nặng nhọc, độc hại, vùng đặc biệt khó khăn"), default=False)
    insurance_years_min = models.DecimalField(
        _("số năm đóng BHXH từ"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0)]
    )
    insurance_years_below = models.DecimalField(
        _("đến dưới (năm)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Để trống: không giới hạn trên."),
    )
    max_days = models.PositiveSmallIntegerField(_("số ngày nghỉ ốm tối đa"), validators=[MinValueValidator(1)])
    verified = models.BooleanField(_("đã đối chiếu văn bản"), default=True)

    class Meta:
        verbose_name = _("mức nghỉ ốm tối đa")
        verbose_name_plural = _("mức nghỉ ốm tối đa")
        ordering = ["rule_set", "heavy_work", "insurance_years_min"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "heavy_work", "insurance_years_min"], name="sick_leave_maximum_unique"
            ),
            models.CheckConstraint(
                condition=Q(insurance_years_below__isnull=True)
                | Q(insurance_years_below__gt=models.F("insurance_years_min")),
                name="sick_leave_maximum_range",
            ),
            models.CheckConstraint(condition=Q(max_days__gt=0), name="sick_leave_maximum_days"),
        ]

    def __str__(self):
        upper = self.insurance_years_below if self.insurance_years_below is not None else "…"
        return f"{self.insurance_years_min}–{upper}: {self.max_days}"


# --------------------------------------------------------------------------- streamlining (issue 9)
# Decree 154/2025 Art. 2.1's cases, lettered the Vietnamese way (a b c d đ e g h). Cases a, e, g and
# h are computed from the data (staffing.candidates); b, c, d and đ are decided per person by HR.


class StreamliningCase(models.TextChoices):
    A = "a", _("(a) Dôi dư do sắp xếp tổ chức bộ máy")
    B = "b", _("(b) Lãnh đạo thôi giữ chức vụ hoặc chuyển sang vị trí có phụ cấp thấp hơn do sắp xếp")
    C = "c", _("(c) Lãnh đạo thôi giữ chức vụ do sắp xếp hoặc đánh giá chất lượng theo quyết định có thẩm quyền")
    D = "d", _("(d) Dôi dư do rà soát, sắp xếp lại nhân sự theo quyết định của cấp có thẩm quyền")
    DD = "đ", _("(đ) Dôi dư do cơ cấu lại theo vị trí việc làm, không bố trí được việc làm khác")
    E = "e", _("(e) Trình độ đào tạo chưa đạt chuẩn của vị trí việc làm đang đảm nhiệm")
    G = "g", _("(g) Xếp loại Không hoàn thành nhiệm vụ")
    H = "h", _("(h) Nghỉ ốm từ mức tối đa hưởng chế độ ốm đau trở lên")


# The cases HR decides per person, with a note (the others are computed from the data).
DECIDED_CASES = ("b", "c", "d", "đ")


class StreamliningDecisionQuerySet(ScopedQuerySet):
    org_field = "staff__organization"


class StreamliningDecision(models.Model):
    """HR's decision that a person falls under case b, c, d or đ for a review year, with the note
    that says why (who decided it and when are kept here and in the audit log)."""

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="streamlining_decisions", verbose_name=_("cán bộ")
    )
    year = models.PositiveSmallIntegerField(_("năm xét"), validators=YEAR_VALIDATORS)
    case = models.CharField(
        _("trường hợp"), max_length=1, choices=[(c, StreamliningCase(c).label) for c in DECIDED_CASES]
    )
    note = NFCTextField(_("căn cứ, ghi chú"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)

    objects = StreamliningDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyết định diện tinh giản")
        verbose_name_plural = _("quyết định diện tinh giản")
        ordering = ["staff", "year", "case"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "year", "case"], name="streamlining_decision_unique"),
            models.CheckConstraint(condition=Q(case__in=DECIDED_CASES), name="streamlining_decision_case"),
            models.CheckConstraint(condition=~Q(note=""), name="streamlining_decision_note"),
        ]

    def __str__(self):
        return f"{self.staff.employee_code} {self.year} ({self.case})"

    def get_additional_data(self):
        return {"staff": self.staff_id}


class StreamliningExclusionQuerySet(ScopedQuerySet):
    org_field = "staff__organization"


class StreamliningExclusion(models.Model):
    """A person left out of a review year's candidate list by HR, with the required reason; kept
    and shown on the list (not deleted from it silently)."""

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="streamlining_exclusions", verbose_name=_("cán bộ")
    )
    year = models.PositiveSmallIntegerField(_("năm xét"), validators=YEAR_VALIDATORS)
    reason = NFCTextField(_("lý do không đưa vào danh sách"))
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    excluded_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)

    objects = StreamliningExclusionQuerySet.as_manager()

    class Meta:
        verbose_name = _("không đưa vào danh sách tinh giản")
        verbose_name_plural = _("không đưa vào danh sách tinh giản")
        ordering = ["staff", "year"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "year"], name="streamlining_exclusion_unique"),
            models.CheckConstraint(condition=~Q(reason=""), name="streamlining_exclusion_reason"),
        ]

    def __str__(self):
        return f"{self.staff.employee_code} {self.year}"

    def get_additional_data(self):
        return {"staff": self.staff_id}


class ImmutableError(Exception):
    """A saved snapshot is never changed or deleted."""


class CandidateSnapshotQuerySet(ScopedQuerySet):
    org_field = "organization"

    def update(self, **kwargs):
        raise ImmutableError("candidate snapshots are immutable")

    def delete(self):
        raise ImmutableError("candidate snapshots are immutable")


class CandidateSnapshot(models.Model):
    """A saved candidate list: numbered per organisation and review year, dated, with who saved it,
    the rule set and base salary used and every row's data frozen as JSON (the reasons and the data
    behind them, the amounts). Immutable: no update, no delete (model, queryset, admin, URLs)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="candidate_snapshots"
    )
    year = models.PositiveSmallIntegerField(_("năm xét"), validators=YEAR_VALIDATORS)
    number = models.PositiveIntegerField(_("số"))
    as_of = models.DateField(_("tính đến ngày"))
    rule_set_code = models.CharField(_("bộ quy tắc"), max_length=40)
    benefit_rule_set_code = models.CharField(_("chế độ, chính sách"), max_length=40)
    base_salary = models.PositiveIntegerField(_("lương cơ sở (đồng/tháng)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người lưu"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("thời điểm lưu"), auto_now_add=True)
    note = NFCTextField(_("ghi chú"), blank=True)
    # The list as computed when saved (staffing.candidates' output as JSON: every row with its
    # cases, reasons, the data behind them, retirement date, salary and benefit items) and totals.
    data = models.JSONField(_("dữ liệu danh sách"), default=dict)
    totals = models.JSONField(_("tổng hợp"), default=dict)

    objects = CandidateSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("danh sách tinh giản đã lưu")
        verbose_name_plural = _("danh sách tinh giản đã lưu")
        ordering = ["organization", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "number"], name="candidate_snapshot_number"),
        ]

    def __str__(self):
        return f"{self.organization.code} {self.year} #{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ImmutableError("candidate snapshots are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("candidate snapshots are immutable")


# --------------------------------------------------------------------------- merges (issue 10)
# A merge scenario is a sandbox: the units to merge, the new unit, the user's choices (the combined
# catalogue and the norms) and the figures computed from them, frozen as JSON when saved
# (staffing.merges); applying it (staffing.services.merge_organizations) changes the live data.


class MergeRuleSet(models.Model):
    """The rules a merge scenario is computed with (DOMAIN §6): the years within which the surplus
    must be resolved, and how many months a leader who loses the post keeps the leadership
    allowance; in force from its legal document's effective date (``staffing.rulesets.merge_rules``)."""

    legal_document = models.OneToOneField(
        LegalDocument, verbose_name=_("văn bản pháp lý"), on_delete=models.PROTECT, related_name="merge_rule_set"
    )
    resolution_years = models.PositiveSmallIntegerField(
        _("số năm giải quyết dôi dư"),
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Số người dôi dư sau sáp nhập phải được giải quyết trong số năm này kể từ ngày sáp nhập."),
    )
    leader_allowance_months = models.PositiveSmallIntegerField(
        _("số tháng bảo lưu phụ cấp chức vụ"),
        validators=[MaxValueValidator(120)],
        help_text=_("Lãnh đạo thôi giữ chức vụ do sáp nhập được bảo lưu phụ cấp chức vụ trong số tháng này."),
    )
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=True,
        help_text=_("Bỏ chọn nếu các con số chưa được đối chiếu với văn bản gốc (cần kiểm tra)."),
    )
    note = NFCTextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("quy định về sáp nhập")
        verbose_name_plural = _("quy định về sáp nhập")
        ordering = ["legal_document__effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolution_years__gte=1, resolution_years__lte=20), name="merge_rules_resolution_years"
            ),
            models.CheckConstraint(condition=Q(leader_allowance_months__lte=120), name="merge_rules_allowance_months"),
        ]

    def __str__(self):
        return self.legal_document.code


class MergeStatus(models.TextChoices):
    DRAFT = "draft", _("Phương án")
    APPLIED = "applied", _("Đã áp dụng")


class MergeScenarioQuerySet(ScopedQuerySet):
    org_field = "organization"


class MergeScenario(models.Model):
    """A merge of two or more organisations into a new one, simulated. ``organization`` is the
    common parent (the deepest unit whose subtree holds the merged units and the new unit's
    parent): the scenario is read in its subtree's scope and written by its admins; None for
    roots (national admins only)."""

    title = NFCCharField(_("tên phương án"), max_length=200)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("đơn vị cấp trên chung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merge_scenarios",
    )
    units = models.ManyToManyField(Organization, verbose_name=_("các đơn vị sáp nhập"), related_name="+")
    new_code = models.CharField(_("mã đơn vị mới"), max_length=35)
    new_name = NFCCharField(_("tên đơn vị mới"), max_length=255)
    new_kind = models.CharField(_("loại hình"), max_length=8, choices=OrgKind.choices)
    new_parent = models.ForeignKey(
        Organization,
        verbose_name=_("đơn vị cấp trên của đơn vị mới"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    effective_date = models.DateField(_("ngày sáp nhập có hiệu lực"))
    decision_number = NFCCharField(_("số quyết định sáp nhập"), max_length=80, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer = NFCCharField(_("cơ quan ban hành"), max_length=200, blank=True)
    # The user's choices: the new unit's positions (code, name, group, people needed, the old
    # positions mapped to each) and the norm per quota category (staffing.merges).
    catalogue = models.JSONField(_("danh mục vị trí của đơn vị mới"), default=list)
    norms = models.JSONField(_("định mức biên chế"), default=dict)
    # The figures when last computed, and a fingerprint of the live data they used.
    figures = models.JSONField(_("số liệu đã tính"), default=dict)
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    computed_at = models.DateTimeField(_("tính lúc"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=8, choices=MergeStatus.choices, default=MergeStatus.DRAFT)
    result = models.ForeignKey(
        Organization,
        verbose_name=_("đơn vị mới"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merge_origin",
    )
    applied_at = models.DateTimeField(_("áp dụng lúc"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người áp dụng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = MergeScenarioQuerySet.as_manager()

    class Meta:
        verbose_name = _("phương án sáp nhập")
        verbose_name_plural = _("phương án sáp nhập")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(result__isnull=False, applied_at__isnull=False),
                name="merge_scenario_applied_result",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("merges:scenario_detail", args=[self.pk])

    @property
    def is_applied(self) -> bool:
        return self.status == MergeStatus.APPLIED
