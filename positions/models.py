"""Job positions (vị trí việc làm): ranks and professional titles, the national framework
catalogue, the competency dictionary, each organisation's positions and their versioned
descriptions (bản mô tả công việc + khung năng lực)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.fields import NFCCharField, NFCTextField
from portal.models import LegalDocument, Organization, ScopedQuerySet, name_or_code_q
from portal.text import fold
from positions import rules


class Subgroup(models.TextChoices):
    CN = "CN", _("Chuyên ngành")
    DC = "DC", _("Dùng chung")


class TrainingLevel(models.TextChoices):
    """Trình độ đào tạo, lowest first (``rules.TRAINING_LEVELS`` holds the order)."""

    SO_CAP = "SC", _("Sơ cấp")
    TRUNG_CAP = "TC", _("Trung cấp")
    CAO_DANG = "CD", _("Cao đẳng")
    DAI_HOC = "DH", _("Đại học")
    THAC_SI = "THS", _("Thạc sĩ")
    TIEN_SI = "TS", _("Tiến sĩ")


class PositionGroup(models.Model):
    """LDQL (lãnh đạo, quản lý), CMNV (chuyên môn, nghiệp vụ), HTPV (hỗ trợ, phục vụ)."""

    code = models.CharField(_("mã"), max_length=8, unique=True)
    name = NFCCharField(_("tên nhóm"), max_length=120)
    legacy_names = NFCCharField(_("tên nhóm cũ tương ứng"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    has_subgroups = models.BooleanField(_("có nhóm phụ"), default=False)
    legal_basis = models.ForeignKey(
        LegalDocument, verbose_name=_("căn cứ pháp lý"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("nhóm vị trí việc làm")
        verbose_name_plural = _("nhóm vị trí việc làm")
        ordering = ["order"]

    def __str__(self):
        return self.name


class RankKind(models.TextChoices):
    RANK = rules.NGACH, _("Ngạch công chức")
    TITLE = rules.CDNN, _("Chức danh nghề nghiệp viên chức")


class Rank(models.Model):
    """A civil-service rank (ngạch, e.g. 01.003 Chuyên viên) or a viên chức professional title
    (chức danh nghề nghiệp, V.xx.yy.zz, grade hạng I–IV). ``level`` orders them: a higher
    number is a higher rank, so a position's minimum rank has level ≤ its maximum's."""

    code = models.CharField(_("mã"), max_length=rules.RANK_CODE_MAX_LENGTH, unique=True)
    name = NFCCharField(_("tên ngạch / chức danh"), max_length=200)
    kind = models.CharField(_("loại"), max_length=5, choices=RankKind.choices)
    field = NFCCharField(_("lĩnh vực"), max_length=120, blank=True)
    salary_group = models.CharField(_("nhóm lương"), max_length=10, blank=True)
    grade = models.CharField(_("hạng"), max_length=4, blank=True)
    level = models.PositiveSmallIntegerField(_("bậc so sánh"), help_text=_("Số càng lớn, ngạch/hạng càng cao."))
    coefficient_min = models.DecimalField(_("hệ số thấp nhất"), max_digits=4, decimal_places=2, null=True, blank=True)
    coefficient_max = models.DecimalField(_("hệ số cao nhất"), max_digits=4, decimal_places=2, null=True, blank=True)
    legal_basis = models.ForeignKey(
        LegalDocument, verbose_name=_("căn cứ pháp lý"), null=True, blank=True, on_delete=models.PROTECT
    )
    active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("ngạch, chức danh nghề nghiệp")
        verbose_name_plural = _("ngạch, chức danh nghề nghiệp")
        ordering = ["kind", "field", "-level", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(coefficient_min__isnull=True)
                | Q(coefficient_max__isnull=True)
                | Q(coefficient_max__gte=F("coefficient_min")),
                name="rank_coefficient_range",
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


# --------------------------------------------------------------------------- competencies


COMPETENCY_LEVEL_VALIDATORS = [
    MinValueValidator(rules.COMPETENCY_LEVEL_MIN),
    MaxValueValidator(rules.COMPETENCY_LEVEL_MAX),
]
COMPETENCY_LEVEL_RANGE = Q(level__gte=rules.COMPETENCY_LEVEL_MIN, level__lte=rules.COMPETENCY_LEVEL_MAX)


class CompetencyKind(models.TextChoices):
    GENERAL = "CHUNG", _("Năng lực chung")
    PROFESSIONAL = "CHUYENMON", _("Năng lực chuyên môn")
    MANAGEMENT = "QUANLY", _("Năng lực quản lý")


class Competency(models.Model):
    code = models.CharField(_("mã"), max_length=rules.COMPETENCY_CODE_MAX_LENGTH, unique=True)
    kind = models.CharField(_("nhóm năng lực"), max_length=10, choices=CompetencyKind.choices)
    name = NFCCharField(_("tên năng lực"), max_length=200)
    definition = NFCTextField(_("định nghĩa"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("năng lực")
        verbose_name_plural = _("từ điển năng lực")
        ordering = ["kind", "order", "code"]

    def __str__(self):
        return self.name


class CompetencyLevel(models.Model):
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="levels", verbose_name=_("năng lực")
    )
    level = models.PositiveSmallIntegerField(_("cấp độ"), validators=COMPETENCY_LEVEL_VALIDATORS)
    descriptor = NFCTextField(_("mô tả cấp độ"))

    class Meta:
        verbose_name = _("cấp độ năng lực")
        verbose_name_plural = _("cấp độ năng lực")
        ordering = ["competency", "level"]
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="competency_level_unique"),
            models.CheckConstraint(condition=COMPETENCY_LEVEL_RANGE, name="competency_level_1_5"),
        ]

    def __str__(self):
        return f"{self.competency} — {self.level}"


# --------------------------------------------------------------------------- framework catalogue


class FrameworkPosition(models.Model):
    """A standard position of the national framework catalogue, with a sample description that
    organisations start from (stored as the same JSON shape as a description's content)."""

    code = models.CharField(_("mã vị trí khung"), max_length=rules.FRAMEWORK_CODE_MAX_LENGTH, unique=True)
    name = NFCCharField(_("tên vị trí việc làm"), max_length=255)
    search_key = models.CharField(max_length=255, editable=False, db_index=True)
    group = models.ForeignKey(PositionGroup, verbose_name=_("nhóm"), on_delete=models.PROTECT)
    subgroup = models.CharField(_("nhóm phụ"), max_length=2, choices=Subgroup.choices, blank=True)
    min_rank = models.ForeignKey(
        Rank,
        verbose_name=_("ngạch/chức danh tối thiểu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    max_rank = models.ForeignKey(
        Rank,
        verbose_name=_("ngạch/chức danh tối đa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sample = models.JSONField(_("bản mô tả mẫu"), default=dict, blank=True)
    legal_basis = models.ForeignKey(
        LegalDocument, verbose_name=_("căn cứ pháp lý"), null=True, blank=True, on_delete=models.PROTECT
    )
    active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("vị trí việc làm khung")
        verbose_name_plural = _("danh mục vị trí việc làm khung")
        ordering = ["group__order", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        self.search_key = fold(self.name)[:255]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        check_group_and_ranks(self)


def check_group_and_ranks(position) -> None:
    """A position's or framework position's subgroup and rank range (``positions.rules``)."""
    errors = {}
    if (
        position.min_rank_id
        and position.max_rank_id
        and rules.rank_range_inverted(position.min_rank.level, position.max_rank.level)
    ):
        errors["max_rank"] = _("Ngạch/chức danh tối đa không được thấp hơn ngạch/chức danh tối thiểu.")
    if position.group_id and not rules.subgroup_allowed(position.group.has_subgroups, position.subgroup):
        errors["subgroup"] = _("Chỉ nhóm chuyên môn, nghiệp vụ mới có nhóm phụ.")
    if errors:
        raise ValidationError(errors)


# --------------------------------------------------------------------------- positions


class DescriptionStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Chờ phê duyệt")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã phê duyệt")


class PositionQuerySet(ScopedQuerySet):
    org_field = "organization"

    def search(self, text: str):
        """By name (every folded word), or by the start of the position code."""
        q = name_or_code_q(text, code_field="code")
        return self if q is None else self.filter(q)


class Position(models.Model):
    """A position of one organisation's catalogue (danh mục vị trí việc làm)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="positions"
    )
    code = models.CharField(_("mã vị trí"), max_length=rules.POSITION_CODE_MAX_LENGTH)
    name = NFCCharField(_("tên vị trí việc làm"), max_length=255)
    search_key = models.CharField(max_length=255, editable=False, db_index=True)
    group = models.ForeignKey(PositionGroup, verbose_name=_("nhóm"), on_delete=models.PROTECT)
    subgroup = models.CharField(_("nhóm phụ"), max_length=2, choices=Subgroup.choices, blank=True)
    min_rank = models.ForeignKey(
        Rank,
        verbose_name=_("ngạch/chức danh tối thiểu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    max_rank = models.ForeignKey(
        Rank,
        verbose_name=_("ngạch/chức danh tối đa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    headcount = models.PositiveIntegerField(_("số người cần"), default=1)
    # default and db_default "": rows written without these columns (COPY, raw INSERTs) get "".
    required_training_level = models.CharField(
        _("trình độ đào tạo yêu cầu"),
        max_length=3,
        choices=TrainingLevel.choices,
        blank=True,
        default="",
        db_default="",
        help_text=_("Trình độ tối thiểu của vị trí; người có trình độ thấp hơn thuộc diện (e) khi xét tinh giản."),
    )
    required_training_field = NFCCharField(
        _("chuyên ngành đào tạo yêu cầu"), max_length=200, blank=True, default="", db_default=""
    )
    framework = models.ForeignKey(
        FrameworkPosition,
        verbose_name=_("vị trí khung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="positions",
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("vị trí việc làm")
        verbose_name_plural = _("vị trí việc làm")
        ordering = ["organization", "group__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="position_code_unique_per_org"),
            models.CheckConstraint(condition=Q(headcount__gte=0), name="position_headcount_nonneg"),
            models.CheckConstraint(
                condition=Q(subgroup="") | Q(subgroup__in=["CN", "DC"]), name="position_subgroup_valid"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        self.search_key = fold(self.name)[:255]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("positions:position_detail", args=[self.pk])

    def clean(self):
        super().clean()
        check_group_and_ranks(self)


class CopySource(models.TextChoices):
    """Where a description's first content came from (``PositionDescription.copied_from_*``)."""

    VERSION = "version", _("phiên bản trước của vị trí")
    DESCRIPTION = "description", _("bản mô tả của vị trí khác")
    FRAMEWORK = "framework", _("danh mục vị trí việc làm khung")


class DescriptionQuerySet(ScopedQuerySet):
    org_field = "position__organization"


class PositionDescription(models.Model):
    """One version of a position's description and competency framework. Versions are never
    deleted; an approved version is immutable, a change starts a new draft version."""

    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, related_name="descriptions", verbose_name=_("vị trí việc làm")
    )
    version = models.PositiveIntegerField(_("phiên bản"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DescriptionStatus.choices, default=DescriptionStatus.DRAFT
    )
    # Content (prose fields hold light rich text sanitised with nh3 on save by the services).
    objective = NFCTextField(_("mục tiêu vị trí việc làm"), blank=True)
    relationships_internal = NFCTextField(_("quan hệ công việc bên trong"), blank=True)
    relationships_external = NFCTextField(_("quan hệ công việc bên ngoài"), blank=True)
    authority = NFCTextField(_("phạm vi quyền hạn"), blank=True)
    working_conditions = NFCTextField(_("điều kiện làm việc"), blank=True)
    training_level = NFCCharField(_("trình độ đào tạo"), max_length=255, blank=True)
    training_field = NFCCharField(_("chuyên ngành đào tạo"), max_length=255, blank=True)
    experience = NFCTextField(_("kinh nghiệm công tác"), blank=True)
    personal_qualities = NFCTextField(_("phẩm chất cá nhân"), blank=True)
    other_requirements = NFCTextField(_("yêu cầu khác"), blank=True)
    # Workflow. ``updated_at``/``updated_by``: the last save of the content (the workflow steps
    # save their own fields only); submitted_*, decided_*: the steps.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = NFCTextField(_("ý kiến trả lại"), blank=True)
    # Where the content was copied from, stored as data and put into words in the reader's
    # language (``copied_from_text``): the kind, the source's name as written (a framework
    # position's "code name", another position's "name — organisation") and its version.
    copied_from_kind = models.CharField(
        _("loại nguồn sao chép"), max_length=12, choices=CopySource.choices, blank=True, default="", db_default=""
    )
    copied_from = NFCCharField(_("sao chép từ"), max_length=255, blank=True)
    copied_from_version = models.PositiveIntegerField(_("phiên bản nguồn"), null=True, blank=True)

    objects = DescriptionQuerySet.as_manager()

    PROSE_FIELDS = rules.PROSE_FIELDS
    PLAIN_FIELDS = rules.PLAIN_FIELDS

    class Meta:
        verbose_name = _("bản mô tả công việc")
        verbose_name_plural = _("bản mô tả công việc")
        ordering = ["position", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["position", "version"], name="description_version_unique"),
            # At most one version of a position is being worked on (draft/submitted/returned).
            models.UniqueConstraint(
                fields=["position"], condition=~Q(status="approved"), name="description_one_open_version"
            ),
        ]

    def __str__(self):
        return f"{self.position} — v{self.version}"

    def get_absolute_url(self):
        return reverse("positions:description_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in (DescriptionStatus.DRAFT, DescriptionStatus.RETURNED)

    def copied_from_text(self) -> str:
        """Where the content came from, one sentence in the current language ("" if nowhere)."""
        values = {"source": self.copied_from, "v": self.copied_from_version}
        if self.copied_from_kind == CopySource.VERSION:
            return gettext("Sao chép từ phiên bản %(v)s") % values
        if self.copied_from_kind == CopySource.DESCRIPTION:
            return gettext("Sao chép từ %(source)s, phiên bản %(v)s") % values
        if self.copied_from_kind == CopySource.FRAMEWORK:
            return gettext("Sao chép từ danh mục khung: %(source)s") % values
        return gettext("Sao chép từ: %(source)s") % values if self.copied_from else ""


class DescriptionTask(models.Model):
    description = models.ForeignKey(PositionDescription, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    task = NFCTextField(_("nhiệm vụ"))
    outputs = NFCTextField(_("sản phẩm đầu ra"), blank=True)
    criteria = NFCTextField(_("tiêu chí đánh giá"), blank=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["description", "order"]

    def __str__(self):
        return f"{self.order}. {self.task[:60]}"


class DescriptionCompetency(models.Model):
    description = models.ForeignKey(PositionDescription, on_delete=models.CASCADE, related_name="competencies")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, verbose_name=_("năng lực"))
    level = models.PositiveSmallIntegerField(_("cấp độ yêu cầu"), validators=COMPETENCY_LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("năng lực yêu cầu")
        verbose_name_plural = _("khung năng lực")
        ordering = ["description", "competency__kind", "competency__order"]
        constraints = [
            models.UniqueConstraint(fields=["description", "competency"], name="description_competency_unique"),
            models.CheckConstraint(condition=COMPETENCY_LEVEL_RANGE, name="description_competency_level_1_5"),
        ]

    def __str__(self):
        return f"{self.competency}: {self.level}"
