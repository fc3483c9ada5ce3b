"""The cell parsers that several sheets share, built from ``positions.rules``: a rank's own code
(ranks sheet), a reference to a stored rank (positions, framework and staff sheets), a position
code (positions sheet, the staff sheet's positions), a reference to a framework position and the
position groups."""

from django.utils.translation import gettext_lazy

from imports.values import Choice, Code, Text
from positions import rules
from positions.models import TrainingLevel

RANK_CODE = Code(rules.RANK_OR_TITLE_CODE_PATTERN, rules.RANK_OR_TITLE_CODE_HELP)
RANK_REF = Code(
    rules.RANK_REF_PATTERN,
    gettext_lazy("mã ngạch công chức hoặc chức danh nghề nghiệp có trên cổng, ví dụ 01.003 hoặc V.07.01.03"),
    empty=None,
)
POSITION_CODE = Code(
    rules.POSITION_CODE_PATTERN,
    gettext_lazy("tối đa 30 ký tự, không chứa dấu chấm phẩy (;) và dấu hai chấm (:)"),
)
OPTIONAL_POSITION_CODE = Code(POSITION_CODE.regex.pattern, POSITION_CODE.description, empty=None)
FRAMEWORK_REF = Code(
    rules.FRAMEWORK_REF_PATTERN,
    gettext_lazy("mã một vị trí của danh mục vị trí việc làm khung, ví dụ CMNV-DC-01"),
    empty=None,
)
GROUP = Choice(rules.POSITION_GROUPS)
TRAINING_FIELD = Text(max_length=rules.TRAINING_FIELD_MAX_LENGTH)  # a person's field, or a position's
# A training level (positions.models.TrainingLevel): the code or the label, as every enumeration,
# and the spellings of ``rules.TRAINING_LEVEL_ALIASES``; a position's required level also as
# descriptions word it, "Đại học trở lên".
TRAINING_LEVEL = Choice(TrainingLevel, aliases=rules.TRAINING_LEVEL_ALIASES)
REQUIRED_TRAINING_LEVEL = Choice(
    TrainingLevel,
    aliases={
        **rules.TRAINING_LEVEL_ALIASES,
        **{f"{label} {rules.OR_ABOVE}": code for code, label in TrainingLevel.choices},
        **{f"{alias} {rules.OR_ABOVE}": code for alias, code in rules.TRAINING_LEVEL_ALIASES.items()},
    },
)
