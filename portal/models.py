"""Core models: the organisation tree, legal documents, user memberships and access scoping.

The tree is a materialised path of organisation codes (``/01/000.00.00.H30/``): the parent
foreign key is the truth, ``path`` and ``depth`` are derived from it on save (and set-wise by the
organisation import), so a subtree is one ``path LIKE 'prefix%'`` query and the ancestors are one
``code IN (...)`` query.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.fields import NFCCharField, NFCTextField
from portal.text import ascii_digits, fold

ORG_CODE_VALIDATOR = RegexValidator(
    r"^[0-9A-Z.\-]{1,35}$",
    _("Mã đơn vị gồm tối đa 35 ký tự: chữ số, chữ in hoa không dấu, dấu chấm hoặc gạch ngang."),
)
ADMIN_UNIT_CODE_VALIDATOR = RegexValidator(
    r"^([0-9]{2}|[0-9]{5})$",
    _("Mã ĐVHC gồm 2 chữ số (tỉnh) hoặc 5 chữ số (xã)."),
)


class OrgKind(models.TextChoices):
    BO = "BO", _("Bộ, cơ quan ngang bộ")
    CQCP = "CQCP", _("Cơ quan thuộc Chính phủ")
    TINH = "TINH", _("Tỉnh, thành phố")
    SO = "SO", _("Sở, ban, ngành")
    PHONG = "PHONG", _("Vụ, cục, chi cục, phòng, văn phòng")
    SNCL = "SNCL", _("Đơn vị sự nghiệp công lập")
    XA = "XA", _("Xã, phường, đặc khu")


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("Quản trị toàn quốc")
    ORG_ADMIN = "org_admin", _("Quản trị đơn vị")
    HR_OFFICER = "hr_officer", _("Cán bộ tổ chức")
    MANAGER = "manager", _("Lãnh đạo (xem báo cáo)")


# What each role may do inside its subtree.
VIEW_ROLES = frozenset(Role.values)
EDIT_ROLES = frozenset({Role.NATIONAL_ADMIN, Role.ORG_ADMIN, Role.HR_OFFICER})
ADMIN_ROLES = frozenset({Role.NATIONAL_ADMIN, Role.ORG_ADMIN})


# --------------------------------------------------------------------------- access scoping


@dataclass(frozen=True)
class Scope:
    """The organisation subtrees a user reaches, per role. ``national`` reaches everything."""

    national: bool
    paths: dict[str, tuple[str, ...]]  # role -> path prefixes (already minimal)

    def prefixes(self, roles=VIEW_ROLES) -> tuple[str, ...]:
        found: set[str] = set()
        for role in roles:
            found.update(self.paths.get(role, ()))
        return _minimal_prefixes(found)

    def has_any(self, roles=VIEW_ROLES) -> bool:
        return self.national or bool(self.prefixes(roles))

    def covers(self, path: str, roles=VIEW_ROLES) -> bool:
        return self.national or any(path.startswith(p) for p in self.prefixes(roles))

    def holds(self, role: str) -> bool:
        """The user was granted ``role`` itself (``has_any`` is also true for a national admin,
        who reaches everything: this tells whose home page shows the role's work)."""
        return self.national if role == Role.NATIONAL_ADMIN else bool(self.paths.get(role))


def _minimal_prefixes(paths) -> tuple[str, ...]:
    kept: list[str] = []
    for p in sorted(paths, key=len):
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return tuple(sorted(kept))


def scope_for(user) -> Scope:
    """The user's scope, computed once per request (cached on the user object)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope(national=False, paths={})
    cached = getattr(user, "_vtvl_scope", None)
    if cached is not None:
        return cached
    national = user.is_superuser
    paths: dict[str, set[str]] = {}
    for role, path in Membership.objects.filter(user=user).values_list("role", "organization__path"):
        if role == Role.NATIONAL_ADMIN:
            national = True
        elif path:
            paths.setdefault(role, set()).add(path)
    scope = Scope(national=national, paths={r: _minimal_prefixes(p) for r, p in paths.items()})
    user._vtvl_scope = scope
    return scope


def scope_q(user, org_field: str, roles=VIEW_ROLES) -> Q | None:
    """A Q object restricting ``org_field`` (a lookup path to an Organization) to the user's
    subtrees; ``None`` means no restriction (national admin)."""
    scope = scope_for(user)
    if scope.national:
        return None
    prefix = f"{org_field}__path" if org_field else "path"
    prefixes = scope.prefixes(roles)
    if not prefixes:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{prefix}__startswith": p}) for p in prefixes))


class ScopedQuerySet(models.QuerySet):
    """Base queryset: ``for_user`` keeps the rows whose organisation lies in the user's scope.
    Subclasses name the lookup to their organisation in ``org_field``."""

    org_field = "organization"

    def for_user(self, user, roles=VIEW_ROLES):
        q = scope_q(user, self.org_field, roles)
        return self if q is None else self.filter(q)


# --------------------------------------------------------------------------- legal documents


class LegalDocument(models.Model):
    """A legal text that a rule set rests on (decree, resolution, circular, decision, letter)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True, help_text=_("Mã ổn định, ví dụ ND135-2020."))
    number = NFCCharField(_("số, ký hiệu"), max_length=80)
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = NFCCharField(_("cơ quan ban hành"), max_length=200)
    title = NFCCharField(_("trích yếu"), max_length=500)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=True,
        help_text=_("Bỏ chọn nếu nội dung chưa được đối chiếu với văn bản gốc (cần kiểm tra)."),
    )
    note = NFCTextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("văn bản pháp lý")
        verbose_name_plural = _("văn bản pháp lý")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="legaldoc_effective_range",
            )
        ]

    def __str__(self):
        return f"{self.number} ({self.issuer})"

    @classmethod
    def in_force(cls, on_date):
        return cls.objects.filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=on_date), effective_from__lte=on_date
        )


# --------------------------------------------------------------------------- organisations


def name_or_code_q(text: str, *, code_field: str, code_lookup: str = "istartswith") -> Q | None:
    """The search "by name or code" of the lists: every folded word of ``text`` somewhere in the
    ``search_key`` ("to chuc bien che" finds "Phòng Tổ chức, biên chế"), or ``text`` matching the
    code case-insensitively (by default its start: "demo0008" finds DEMO00081; fullwidth digits
    typed from an IME count as 0–9). ``None`` for an empty search."""
    words = fold(text).split()
    if not words:
        return None
    in_name = reduce(and_, (Q(search_key__contains=w) for w in words))
    return in_name | Q(**{f"{code_field}__{code_lookup}": ascii_digits(text.strip())})


class OrganizationQuerySet(ScopedQuerySet):
    org_field = ""

    def search(self, text: str):
        """By name, or ``text`` anywhere in the code (a code's distinctive part is its end:
        "H30" finds 000.00.00.H30)."""
        q = name_or_code_q(text, code_field="code", code_lookup="icontains")
        return self if q is None else self.filter(q)


class Organization(models.Model):
    code = models.CharField(
        _("mã định danh"),
        max_length=35,
        unique=True,
        validators=[ORG_CODE_VALIDATOR],
        help_text=_("Mã định danh điện tử của cơ quan, ví dụ 000.00.00.H30."),
    )
    name = NFCCharField(_("tên đơn vị"), max_length=255)
    short_name = NFCCharField(_("tên viết tắt"), max_length=100, blank=True)
    name_en = NFCCharField(_("tên tiếng Anh"), max_length=255, blank=True)
    kind = models.CharField(_("loại hình"), max_length=8, choices=OrgKind.choices)
    admin_unit_code = models.CharField(_("mã ĐVHC"), max_length=5, blank=True, validators=[ADMIN_UNIT_CODE_VALIDATOR])
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=2000, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    search_key = models.CharField(max_length=255, editable=False, db_index=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self", verbose_name=_("đơn vị tiền thân"), symmetrical=False, blank=True, related_name="successors"
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="org_valid_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:organization_detail", args=[self.code])

    @property
    def is_active(self) -> bool:
        return self.valid_to is None

    @staticmethod
    def build_path(parent_path: str | None, code: str) -> str:
        return f"{parent_path or '/'}{code}/"

    def clean(self):
        super().clean()
        if self.parent_id and self.pk:
            parent_path = Organization.objects.filter(pk=self.parent_id).values_list("path", flat=True).first()
            if parent_path and self.path and parent_path.startswith(self.path):
                raise ValidationError(
                    {"parent": _("Không thể chọn chính đơn vị này hoặc đơn vị cấp dưới của nó làm cấp trên.")}
                )

    def save(self, *args, **kwargs):
        """Derive path, depth and the search key; if the code or parent changed, re-root the
        subtree in one UPDATE."""
        old_path = self.path
        parent_path = self.parent.path if self.parent_id else None
        self.path = self.build_path(parent_path, self.code)
        self.depth = self.path.count("/") - 2
        self.search_key = fold(" ".join(filter(None, [self.name, self.short_name, self.name_en])))[:255]
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                Organization.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(models.Value(self.path), Substr("path", len(old_path) + 1)),
                    depth=models.F("depth") + (self.depth - old_path.count("/") + 2),
                )

    def ancestor_codes(self) -> list[str]:
        return [c for c in self.path.split("/") if c][:-1]

    def ancestors(self):
        """Ancestors, root first, in one query."""
        return Organization.objects.filter(code__in=self.ancestor_codes()).order_by("depth")

    def descendants(self, include_self=True):
        qs = Organization.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)


# --------------------------------------------------------------------------- memberships


class Membership(models.Model):
    """A role of a user over an organisation's whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="membership_unique"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(role="national_admin"), name="membership_one_national_admin"
            ),
            models.CheckConstraint(
                condition=Q(role="national_admin", organization__isnull=True)
                | (~Q(role="national_admin") & Q(organization__isnull=False)),
                name="membership_org_iff_not_national",
            ),
        ]

    def __str__(self):
        where = self.organization.name if self.organization_id else _("toàn quốc")
        return f"{self.user} — {self.get_role_display()} — {where}"

    def get_additional_data(self):
        """Stored with each audit log entry: the log of the organisation's admins places a role
        revoked (the membership deleted) through it."""
        return {"organization": self.organization_id}

    def clean(self):
        super().clean()
        if self.role == Role.NATIONAL_ADMIN and self.organization_id:
            raise ValidationError({"organization": _("Quản trị toàn quốc không gắn với một đơn vị.")})
        if self.role != Role.NATIONAL_ADMIN and not self.organization_id:
            raise ValidationError({"organization": _("Hãy chọn đơn vị cho vai trò này.")})


def home_organization(user) -> Organization | None:
    """The organisation the user's home page is about: the highest one they hold a role in."""
    return (
        Organization.objects.filter(memberships__user=user).order_by("depth", "code").first()
        if user.is_authenticated
        else None
    )
