"""Uploads checked by their content, never trusted by name: images re-encoded under a server
name, PDFs refused when they carry active content. Pure checks; the services store the result."""

import io
import re
import uuid
import warnings

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from stocktaking.enums import (
    ATTACHMENT_MAX_BYTES,
    IMAGE_MAX_BYTES,
)

IMAGE_MAX_PIXELS = 40_000_000


def image_clean(upload: UploadedFile) -> ContentFile:
    """Re-encodes an uploaded image (PNG or JPEG) under a server-generated name.

    Raises ValidationError (field "image") for a file too large or not an image.
    """
    if upload.size > IMAGE_MAX_BYTES:
        raise ValidationError(
            {
                "image": _("The image is %(size)s MB; at most %(max)s MB are allowed.")
                % {"size": round(upload.size / 1024 / 1024, 1), "max": IMAGE_MAX_BYTES // 1024**2}
            }
        )
    too_many_pixels = ValidationError(
        {
            "image": _("The image has more than %(max)d million pixels.")
            % {"max": IMAGE_MAX_PIXELS // 1_000_000}
        }
    )
    upload.seek(0)
    try:
        # Pillow only warns for a picture between its two pixel limits; refuse those too.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            source = Image.open(upload)
        with source:
            if source.format not in ("PNG", "JPEG", "GIF", "WEBP"):
                raise UnidentifiedImageError(source.format)
            if source.width * source.height > IMAGE_MAX_PIXELS:
                raise too_many_pixels
            source.load()
            has_alpha = source.mode in ("RGBA", "LA", "P")
            image = source.convert("RGBA" if has_alpha else "RGB")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError(
            {"image": _("The file is not a PNG, JPEG, GIF or WebP image.")}
        ) from None
    image.thumbnail((1600, 1600))
    buffer = io.BytesIO()
    extension = "png" if has_alpha else "jpg"
    image.save(buffer, format="PNG" if has_alpha else "JPEG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def pdf_check(upload: UploadedFile) -> None:
    """Refuses anything but a PDF of at most ATTACHMENT_MAX_BYTES (by its bytes, not its name)."""
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("The file is %(size)s MB; at most %(max)s MB are allowed.")
                % {
                    "size": round(upload.size / 1024 / 1024, 1),
                    "max": ATTACHMENT_MAX_BYTES // 1024**2,
                }
            }
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if not head.startswith(b"%PDF-") or kind is None or kind.mime != "application/pdf":
        found = kind.mime if kind else _("unknown")
        raise ValidationError(
            {"file": _("The file is not a PDF (its content is %(found)s).") % {"found": found}}
        )
    if _pdf_has_active_content(upload):
        raise ValidationError(
            {
                "file": _(
                    "The PDF contains scripts or launch actions; remove them and upload it again."
                )
            }
        )


# PDF names that run something when the document is opened. A name may spell a letter as #xx.
PDF_ACTIVE_NAMES = re.compile(rb"/(?:JavaScript|JS|Launch)(?![A-Za-z])")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _pdf_has_active_content(upload: UploadedFile) -> bool:
    """A cheap scan of the PDF's bytes for script and launch actions. Objects inside compressed
    object streams are not inspected; downloads are served as attachments either way."""
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    content = PDF_NAME_ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), content)
    return PDF_ACTIVE_NAMES.search(content) is not None
