"""The form engine: YAML definitions, vocabularies, validation and WTForms building.

Pure code: no Flask, no database. The app passes vocabularies and the case's people in.
Templates for rendering live in ``templates/formengine/macros.html``.
"""

from app.formengine.builder import SummaryItem, apply_errors, build_form_class
from app.formengine.describe import describe_fields, display_values
from app.formengine.fieldtypes import FIELD_TYPES, Context, FieldType, Invalid
from app.formengine.formdata import (
    RowChange,
    add_button_name,
    apply_row_buttons,
    form_data_from_submission,
    nested_name,
    remove_button_name,
    submission_from_form,
)
from app.formengine.loader import (
    DefinitionError,
    Problem,
    builtin_forms_dir,
    check_paths,
    definition_from_data,
    load_definition,
    load_directory,
    load_file,
)
from app.formengine.schema import FormDefinition
from app.formengine.validation import (
    ValidationResult,
    carry_over,
    default_data,
    validate_submission,
)
from app.formengine.vocabularies import (
    DEFAULT_VOCABULARIES,
    Vocabularies,
    VocabularyItem,
    merged_vocabularies,
)

__all__ = [
    "DEFAULT_VOCABULARIES",
    "FIELD_TYPES",
    "Context",
    "DefinitionError",
    "FieldType",
    "FormDefinition",
    "Invalid",
    "Problem",
    "RowChange",
    "SummaryItem",
    "ValidationResult",
    "Vocabularies",
    "VocabularyItem",
    "add_button_name",
    "apply_errors",
    "apply_row_buttons",
    "build_form_class",
    "builtin_forms_dir",
    "carry_over",
    "check_paths",
    "default_data",
    "definition_from_data",
    "describe_fields",
    "display_values",
    "form_data_from_submission",
    "load_definition",
    "load_directory",
    "load_file",
    "merged_vocabularies",
    "nested_name",
    "remove_button_name",
    "submission_from_form",
    "validate_submission",
]
