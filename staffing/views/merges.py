"""The merge pages (/reports/merges/): the scenarios a user may read, a new scenario, a scenario's frozen
figures with its choices, recomputing it, comparing two, and applying one after a confirmation.
Thin: parse, call ``staffing.services`` (writes) or ``staffing.reports.merges`` (reads), render.
Every scenario is looked up through ``for_user``: 404 outside the scope; writing needs the
organisation admin of the scenario's common parent (or a national admin): 403 otherwise."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.models import OrgKind
from staffing import services
from staffing.forms import apply_errors
from staffing.forms_merges import ApplyForm, ChoicesForm, ScenarioForm
from staffing.reports import merges as reads

# The kind a new unit usually has under a parent of each kind (the form's first guess).
CHILD_KIND = {None: OrgKind.TINH, OrgKind.TINH: OrgKind.SO, OrgKind.SO: OrgKind.PHONG, OrgKind.BO: OrgKind.PHONG}


def _require_write(request, scenario) -> None:
    if not reads.may_write(request.user, scenario):
        raise PermissionDenied


def scenario_list(request):
    root = reads.root_for(request.user, None)
    return render(
        request,
        "staffing/merges/list.html",
        {"scenarios": reads.scenarios_for(request.user), "can_create": reads.may_merge_under(request.user, root)},
    )


def _scenario_form(request, root, scenario=None):
    initial = {}
    if scenario is not None:
        fields = ("title", "new_name", "new_code", "new_kind", "new_parent", "effective_date")
        initial = {name: getattr(scenario, name) for name in fields}
        initial |= {"decision_number": scenario.decision_number, "decision_date": scenario.decision_date}
        initial |= {"issuer": scenario.issuer, "units": list(scenario.units.all())}
    else:
        initial = {"new_parent": root, "new_kind": CHILD_KIND.get(root.kind if root else None, "")}
    return ScenarioForm(
        request.POST or None,
        initial=initial,
        units=reads.unit_choices(root),
        parents=reads.parent_choices(root),
        root=root,
    )


def _save(request, form, scenario=None):
    data = dict(form.cleaned_data)
    data["units"] = list(data["units"])
    try:
        return services.save_scenario(user=request.user, scenario=scenario, **data)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


def scenario_create(request):
    root = reads.root_for(request.user, request.GET.get("org", "").strip() or None)
    if not reads.may_merge_under(request.user, root):
        raise PermissionDenied
    form = _scenario_form(request, root)
    if request.method == "POST" and form.is_valid() and (saved := _save(request, form)):
        messages.success(request, _("Đã lưu phương án “%(title)s”.") % {"title": saved.title})
        return redirect(saved)
    context = {"form": form, "root": root, "levels": reads.UNIT_CHOICE_LEVELS}
    return render(request, "staffing/merges/form.html", context)


def scenario_edit(request, pk):
    scenario = reads.scenario_for(request.user, pk)
    _require_write(request, scenario)
    if scenario.is_applied:
        raise PermissionDenied
    form = _scenario_form(request, scenario.organization, scenario)
    if request.method == "POST" and form.is_valid() and _save(request, form, scenario):
        messages.success(request, _("Đã lưu phương án “%(title)s”.") % {"title": scenario.title})
        return redirect(scenario)
    context = {"form": form, "root": scenario.organization, "scenario": scenario}
    return render(request, "staffing/merges/form.html", context)


def _detail(request, scenario, form=None):
    writable = reads.may_write(request.user, scenario) and not scenario.is_applied
    if form is None and writable:
        form = ChoicesForm(figures=scenario.figures)
    stale = not scenario.is_applied and reads.is_stale(
        scenario, reads.live_data(list(scenario.units.all()), scenario.effective_date, with_rules=False)
    )
    view = reads.present(scenario.figures, {u.code: u.name for u in scenario.units.all()})
    for category in view["categories"]:
        name = f"norm-{category['category']}"
        category["norm_field"] = form[name] if form is not None and writable and name in form.fields else None
    context = {
        "scenario": scenario,
        "figures": scenario.figures,
        "view": view,
        "form": form if writable else None,
        "can_write": writable,
        "stale": stale,
        "others": reads.other_scenarios(request.user, scenario),
    }
    return render(request, "staffing/merges/detail.html", context)


def scenario_detail(request, pk):
    return _detail(request, reads.scenario_for(request.user, pk))


@require_POST
def scenario_choices(request, pk):
    scenario = reads.scenario_for(request.user, pk)
    _require_write(request, scenario)
    form = ChoicesForm(request.POST, figures=scenario.figures)
    if form.is_valid():
        try:
            services.update_scenario_choices(user=request.user, scenario=scenario, **form.choices())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã tính lại và lưu phương án theo lựa chọn của bạn."))
            return redirect(scenario)
    return _detail(request, scenario, form)


@require_POST
def scenario_recompute(request, pk):
    scenario = reads.scenario_for(request.user, pk)
    _require_write(request, scenario)
    try:
        problems = services.recompute_scenario(user=request.user, scenario=scenario)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(scenario)
    messages.success(request, _("Đã tính lại phương án theo dữ liệu hiện tại."))
    for problem in problems:
        messages.warning(request, problem.message)
    return redirect(scenario)


@require_POST
def scenario_delete(request, pk):
    scenario = reads.scenario_for(request.user, pk)
    _require_write(request, scenario)
    try:
        services.delete_scenario(user=request.user, scenario=scenario)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(scenario)
    messages.success(request, _("Đã xóa phương án “%(title)s”.") % {"title": scenario.title})
    return redirect("merges:scenario_list")


def scenario_compare(request):
    ids = [request.GET.get(k, "").strip() for k in ("a", "b")]
    if not all(i.isascii() and i.isdigit() for i in ids):
        messages.error(request, _("Hãy chọn hai phương án để so sánh."))
        return redirect("merges:scenario_list")
    left, right = (reads.scenario_for(request.user, int(i)) for i in ids)
    context = {"left": left, "right": right, "rows": reads.compare_rows(left.figures, right.figures)}
    return render(request, "staffing/merges/compare.html", context)


def scenario_apply(request, pk):
    scenario = reads.scenario_for(request.user, pk)
    _require_write(request, scenario)
    if scenario.is_applied:
        return redirect(scenario)
    form = ApplyForm(request.POST if request.method == "POST" else None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.merge_organizations(scenario=scenario, user=request.user)
        except services.MergeError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                _("Đã sáp nhập: đơn vị mới “%(name)s” hoạt động từ %(date)s.")
                % {"name": scenario.new_name, "date": scenario.effective_date.strftime("%d/%m/%Y")},
            )
            return redirect(scenario.result)
    plan = reads.apply_plan(scenario)
    return render(request, "staffing/merges/apply.html", {"plan": plan, "form": form, "errors": errors})
