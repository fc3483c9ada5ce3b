"""Model fields that store Vietnamese text in NFC, whatever the write path (forms, admin, bulk)."""

from django.db import models

from portal.text import nfc, nfc_multiline


class _NFCMixin:
    def to_python(self, value):
        value = super().to_python(value)
        return nfc(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return nfc(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = nfc(value)
            setattr(model_instance, self.attname, value)
        return value


class NFCCharField(_NFCMixin, models.CharField):
    """A CharField whose values are stored NFC, trimmed, with runs of spaces folded."""


class NFCTextField(models.TextField):
    """A TextField stored NFC without invisible format characters (bidi controls, zero-width
    spaces) and control characters; line breaks and spacing kept."""

    def to_python(self, value):
        value = super().to_python(value)
        return nfc_multiline(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return nfc_multiline(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = nfc_multiline(value)
            setattr(model_instance, self.attname, value)
        return value
