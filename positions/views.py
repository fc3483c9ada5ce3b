"""Thin views of the positions pages: parse, call a report or a service, render. Every object is
reached through ``for_user`` (404 outside the scope); editing needs an edit role over the
position's organisation (403 otherwise), deciding needs ``services.can_approve``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.models import EDIT_ROLES, scope_for
from positions import exporting, reports, rules, services
from positions.diffing import diff_sections
from positions.forms import DescriptionEditor, PositionForm, PositionSearchForm, ReturnForm
from positions.models import DescriptionStatus, FrameworkPosition

PAGE_SIZE = 50


def _require(ok: bool):
    if not ok:
        raise PermissionDenied


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _back(request, default):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


# --------------------------------------------------------------------------- catalogue and search


def position_list(request):
    form = PositionSearchForm(request.GET or None, organizations=reports.organizations_with_positions(request.user))
    results = reports.search_positions(request.user, **form.filters())
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "positions/position_list.html",
        {
            "form": form,
            "page": page,
            "home": reports.single_home_organization(request.user),
        },
    )


def catalogue(request, code):
    org = reports.organization_for(request.user, code)
    return render(
        request,
        "positions/catalogue.html",
        {
            "org": org,
            "catalogue": reports.catalogue(org),
            "can_edit": scope_for(request.user).covers(org.path, EDIT_ROLES),
        },
    )


def catalogue_print(request, code):
    org = reports.organization_for(request.user, code)
    return render(request, "positions/catalogue_print.html", {"org": org, "catalogue": reports.catalogue(org)})


def catalogue_export(request, code):
    org = reports.organization_for(request.user, code)
    response = HttpResponse(exporting.catalogue_xlsx(reports.catalogue(org)), content_type=exporting.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exporting.catalogue_filename(org)}"'
    return response


def framework_search(request, code):
    org = reports.organization_for(request.user, code)
    found = reports.framework_search(request.GET.get("fq", ""))
    return render(request, "positions/_framework_results.html", {"org": org, "found": found})


# --------------------------------------------------------------------------- positions


def position_create(request, code):
    org = reports.organization_for(request.user, code)
    _require(scope_for(request.user).covers(org.path, EDIT_ROLES))
    picked = FrameworkPosition.objects.filter(active=True, pk=request.GET.get("framework") or None).first()
    form = PositionForm(request.POST or None, organization=org, initial=_framework_initial(picked))
    if request.method == "POST" and form.is_valid():
        position = services.create_position(user=request.user, organization=org, **form.cleaned_data)
        messages.success(request, _("Đã thêm vị trí “%(name)s” vào danh mục.") % {"name": position.name})
        return redirect("positions:description_edit", pk=position.descriptions.get().pk)
    found = reports.framework_search(request.GET.get("fq", "")) if picked is None else ()
    return render(request, "positions/position_form.html", {"org": org, "form": form, "picked": picked, "found": found})


def _framework_initial(framework) -> dict:
    if framework is None:
        return {}
    fields = ("code", "name", "group", "subgroup", "min_rank", "max_rank")
    sample = framework.sample or {}
    level, field = rules.training_requirement(sample.get("training_level"), sample.get("training_field"))
    return {
        **{f: getattr(framework, f) for f in fields},
        "required_training_level": level,
        "required_training_field": field,
        "framework": framework,
        "copy_sample": True,
    }


def position_detail(request, pk):
    position = reports.position_for(request.user, pk)
    versions = list(reports.versions_of(position))
    for newer, older in zip(versions, versions[1:], strict=False):
        newer.previous_pk = older.pk
    return render(
        request,
        "positions/position_detail.html",
        {
            "position": position,
            "versions": versions,
            "open_version": next((v for v in versions if v.status != DescriptionStatus.APPROVED), None),
            "can_edit": services.can_edit(request.user, position),
        },
    )


def position_edit(request, pk):
    position = reports.position_for(request.user, pk)
    _require(services.can_edit(request.user, position))
    form = PositionForm(
        request.POST or None, organization=position.organization, instance=position, with_framework=False
    )
    if request.method == "POST" and form.is_valid():
        services.update_position(user=request.user, position=position, **form.cleaned_data)
        messages.success(request, _("Đã lưu thông tin vị trí."))
        return redirect(position)
    return render(
        request, "positions/position_form.html", {"org": position.organization, "form": form, "position": position}
    )


# --------------------------------------------------------------------------- descriptions


def description_detail(request, pk):
    description = reports.description_for(request.user, pk)
    return render(request, "positions/description_detail.html", _description_context(request, description))


def _description_context(request, description) -> dict:
    tasks, competencies = reports.description_content(description)
    position = description.position
    versions = list(reports.other_versions(description))
    others = [v for v in versions if v.pk != description.pk]
    return {
        "description": description,
        "position": position,
        "org": position.organization,
        "tasks": tasks,
        "competencies": competencies,
        "versions": versions,
        "compare_with": next((v for v in others if v.version < description.version), others[0] if others else None),
        "can_edit": services.can_edit(request.user, position),
        "can_approve": services.can_approve(request.user, description),
        "return_form": ReturnForm(),
    }


def description_print(request, pk):
    description = reports.description_for(request.user, pk)
    return render(request, "positions/description_print.html", _description_context(request, description))


def description_edit(request, pk):
    description = reports.description_for(request.user, pk)
    _require(services.can_edit(request.user, description.position))
    if not description.is_editable:
        messages.info(request, _("Phiên bản này không còn là bản nháp; hãy tạo phiên bản mới để sửa."))
        return redirect(description)
    editor = DescriptionEditor(description, reports.competency_dictionary(description), request.POST or None)
    if request.method == "POST" and editor.is_valid():
        try:
            saved = services.save_draft(
                description=description,
                user=request.user,
                expected_lock_version=editor.lock_version,
                content=editor.content(),
            )
        except services.ConcurrentEditError as exc:
            return _conflict(request, description, editor, exc.current)
        messages.success(request, _("Đã lưu bản nháp (phiên bản %(v)s).") % {"v": saved.version})
        if "save_submit" in request.POST:
            return _submit(request, saved)
        return redirect("positions:description_edit", pk=saved.pk)
    return render(request, "positions/description_edit.html", {"description": description, "editor": editor})


def _conflict(request, description, editor, current):
    """HTTP 409: show what the other person changed since this one opened the draft, and this
    person's text again, bound to the current lock version so that saving is a deliberate act."""
    mine = services.clean_content(editor.content())
    theirs = services.content_of(current)
    before = reports.content_sections(editor.base or mine)
    changes = [row for row in diff_sections(before, reports.content_sections(theirs)) if row.changed]
    again = DescriptionEditor(
        current, editor.levels.blocks, content=mine, lock_version=current.lock_version, base=theirs
    )
    context = {"description": current, "editor": again, "conflict": changes, "other": current.updated_by}
    return render(request, "positions/description_edit.html", context, status=409)


def _submit(request, description):
    try:
        services.submit_description(description=description, user=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("positions:description_edit", pk=description.pk)
    messages.success(request, _("Đã trình phê duyệt bản mô tả (phiên bản %(v)s).") % {"v": description.version})
    return redirect(description)


@require_POST
def description_submit(request, pk):
    description = reports.description_for(request.user, pk)
    _require(services.can_edit(request.user, description.position))
    return _submit(request, description)


@require_POST
def description_approve(request, pk):
    description = reports.description_for(request.user, pk)
    _require(services.can_approve(request.user, description))
    try:
        services.approve_description(description=description, user=request.user)
        messages.success(request, _("Đã phê duyệt “%(p)s”, phiên bản %(v)s.") % _names(description))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return _back(request, description)


@require_POST
def description_return(request, pk):
    description = reports.description_for(request.user, pk)
    _require(services.can_approve(request.user, description))
    try:
        services.return_description(description=description, user=request.user, comment=request.POST.get("comment", ""))
        messages.success(request, _("Đã trả lại “%(p)s”, phiên bản %(v)s, kèm ý kiến.") % _names(description))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return _back(request, description)


def _names(description) -> dict:
    return {"p": description.position.name, "v": description.version}


@require_POST
def description_new_version(request, pk):
    description = reports.description_for(request.user, pk)
    _require(services.can_edit(request.user, description.position))
    if description.status != DescriptionStatus.APPROVED:
        raise Http404
    draft = services.new_version_from(description=description, user=request.user)
    messages.success(request, _("Đã tạo phiên bản %(v)s (bản nháp) để chỉnh sửa.") % {"v": draft.version})
    return redirect("positions:description_edit", pk=draft.pk)


def description_copy(request, pk):
    description = reports.description_for(request.user, pk)
    _require(services.can_edit(request.user, description.position))
    if not description.is_editable:
        messages.info(request, _("Chỉ sao chép được vào một bản nháp."))
        return redirect(description)
    if request.method == "POST":
        return _copy(request, description)
    text = request.GET.get("q", "")
    return render(
        request,
        "positions/description_copy.html",
        {
            "description": description,
            "q": text,
            "sources": reports.copy_sources(request.user, description, text),
            "frameworks": reports.framework_search(text),
        },
    )


def _copy(request, description):
    if request.POST.get("source"):
        source = reports.description_for(request.user, request.POST["source"])
        if source.status != DescriptionStatus.APPROVED:
            raise Http404
        label = _("%(p)s — %(o)s, phiên bản %(v)s") % {
            "p": source.position.name,
            "o": source.position.organization.name,
            "v": source.version,
        }
        services.copy_into(description=description, user=request.user, source=source, label=label)
    else:
        framework = FrameworkPosition.objects.filter(active=True, pk=request.POST.get("framework") or None).first()
        if framework is None:
            raise Http404
        label = _("Danh mục khung: %(f)s") % {"f": framework}
        services.copy_into(description=description, user=request.user, sample=framework.sample, label=label)
    messages.success(request, _("Đã sao chép nội dung từ %(label)s. Hãy rà soát rồi lưu.") % {"label": label})
    return redirect("positions:description_edit", pk=description.pk)


def description_diff(request):
    try:
        left = reports.description_for(request.user, int(request.GET["a"]))
        right = reports.description_for(request.user, int(request.GET["b"]))
    except (KeyError, ValueError):
        raise Http404 from None
    rows = diff_sections(reports.description_sections(left), reports.description_sections(right))
    return render(
        request,
        "positions/description_diff.html",
        {"left": left, "right": right, "rows": rows, "versions": reports.other_versions(right)},
    )


def approval_queue(request):
    page = Paginator(reports.approval_queue(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "positions/approval_queue.html", {"page": page, "return_form": ReturnForm()})
