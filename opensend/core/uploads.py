"""Every uploaded file goes through here: checked, cleaned, scanned, then stored.

`check_upload(file)` refuses anything that is not, by its content (never its name), one of
the allowed types (PDF, Word .doc/.docx, OpenDocument text, plain text, JPEG, PNG), is empty
or over `OPENSEND_UPLOAD_MAX_BYTES`, or that the virus scanner (clamd, when configured) says is
infected. It returns a `CheckedUpload`; nothing is stored until `store_upload(...)` saves it
under a random name through Django storage. Forms use `DocumentField`, which runs the same check,
so a bad file is an error on the field (a 400) and nothing else the person typed is lost.

Where a family may send a recording ("all about me", issue 14), `audio=True` also allows MP3,
M4A (AAC in MP4) and WAV, each recognised by its content; nowhere else accepts audio.
"""

import io
import re
import socket
import struct
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from typing import Any

import puremagic
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_NAME_LENGTH = 100
ALLOWED_TYPES_TEXT = "a PDF, Word document, OpenDocument text, plain text file, JPEG or PNG"

EMPTY = "The selected file is empty"
WRONG_TYPE = f"The selected file must be {ALLOWED_TYPES_TEXT}"
INFECTED = "The selected file contains a virus"
SCAN_FAILED = "The selected file could not be checked for viruses. Try again later"


@dataclass(frozen=True)
class FileKind:
    """One allowed type: what it is called, its MIME type, and the extensions it may keep."""

    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileKind("PDF", "application/pdf", (".pdf",))
DOC = FileKind("Word document", "application/msword", (".doc",))
DOCX = FileKind(
    "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
ODT = FileKind("OpenDocument text", "application/vnd.oasis.opendocument.text", (".odt",))
TEXT = FileKind("Plain text", "text/plain", (".txt", ".text"))
JPEG = FileKind("JPEG image", "image/jpeg", (".jpg", ".jpeg"))
PNG = FileKind("PNG image", "image/png", (".png",))
ALLOWED_KINDS = (PDF, DOC, DOCX, ODT, TEXT, JPEG, PNG)
MP3 = FileKind("MP3 audio", "audio/mpeg", (".mp3",))
M4A = FileKind("M4A audio", "audio/mp4", (".m4a",))
WAV = FileKind("WAV audio", "audio/wav", (".wav",))
AUDIO_KINDS = (MP3, M4A, WAV)
KINDS_BY_TYPE = {kind.content_type: kind for kind in (*ALLOWED_KINDS, *AUDIO_KINDS)}
ALLOWED_WITH_AUDIO_TEXT = (
    "a PDF, Word document, OpenDocument text, plain text file, JPEG, PNG, MP3, M4A or WAV"
)
WRONG_TYPE_WITH_AUDIO = f"The selected file must be {ALLOWED_WITH_AUDIO_TEXT}"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
# Text that a browser or another program would treat as markup or a script.
_MARKUP = re.compile(
    rb"^\s*<(?:!doctype|html|head|body|svg|\?xml|script|iframe|object|embed|meta|a\s)", re.I
)
_SCRIPTY = re.compile(rb"<\s*(?:script|svg|html|iframe)\b|javascript:", re.I)
_SMALL_ZIP_ENTRY = 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "OPENSEND_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def size_text(size: int) -> str:
    """20971520 -> "20 MB" (binary megabytes, as people see them in their file manager)."""
    if size >= 1024 * 1024:
        value, unit = size / (1024 * 1024), "MB"
    elif size >= 1024:
        value, unit = size / 1024, "KB"
    else:
        return f"{size} bytes"
    return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"


def too_big_message() -> str:
    return f"The file must be smaller than {size_text(max_upload_bytes())}"


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed every check, not yet stored."""

    name: str  # the cleaned original name, with the extension of what it really is
    kind: FileKind
    content: bytes

    @property
    def content_type(self) -> str:
        return self.kind.content_type

    @property
    def size(self) -> int:
        return len(self.content)


# --- names ---------------------------------------------------------------------------------


def clean_filename(name: str, *, kind: FileKind | None = None) -> str:
    """A name safe to show and to offer as a download: no folders, no control characters, no
    leading dots, at most 100 characters; with `kind`, ending in one of that type's extensions."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*]', "_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if dot and re.fullmatch(r"[A-Za-z0-9]{1,5}", ext):
        ext = f".{ext.lower()}"
    else:
        stem, ext = name, ""
    if kind is not None and ext not in kind.extensions:
        ext = kind.extensions[0]
    stem = stem.strip(" .") or "document"
    return stem[: MAX_NAME_LENGTH - len(ext)].rstrip(" .") + ext


# --- content -------------------------------------------------------------------------------


def _puremagic_types(head: bytes) -> set[str]:
    try:
        return {m.mime_type for m in puremagic.magic_string(head) if m.mime_type}
    except (puremagic.PureError, ValueError):
        return set()


def _zip_kind(content: bytes) -> FileKind | None:
    """A .docx ([Content_Types].xml naming the Word main part) or .odt ("mimetype" first)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            return None  # macros
        if infos and infos[0].filename == "mimetype" and infos[0].file_size < 200:
            if archive.read("mimetype").strip() == _ODT_MIMETYPE and "content.xml" in names:
                return ODT
            return None
        types = archive.getinfo("[Content_Types].xml")
        if types.file_size > _SMALL_ZIP_ENTRY:
            return None
        if _DOCX_MAIN in archive.read(types) and "word/document.xml" in names:
            return DOCX
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        return None
    return None


def _is_plain_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f" for ch in text):
        return False
    if _MARKUP.match(content) or _SCRIPTY.search(content):
        return False
    # A text file that another program would recognise as something else (HTML, SVG, a script).
    found = _puremagic_types(content[:4096])
    return not any(t != "text/plain" for t in found)


def detect_kind(content: bytes) -> FileKind | None:
    """What the bytes are, if they are one of the allowed types; else None."""
    head = content[:4096]
    found = _puremagic_types(head)
    if head.startswith(b"%PDF-") and PDF.content_type in found:
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n") and PNG.content_type in found:
        return PNG
    if head.startswith(b"\xff\xd8\xff") and JPEG.content_type in found:
        return JPEG
    if head.startswith(_OLE_MAGIC):
        # Every Office 97 file is an OLE container: only Word's has a WordDocument stream.
        return DOC if _WORD_STREAM in content else None
    if head.startswith(_ZIP_MAGIC):
        return _zip_kind(content)
    if _is_plain_text(content):
        return TEXT
    return None


def detect_audio(content: bytes) -> FileKind | None:
    """An MP3 (an ID3 tag, or an MPEG audio frame header), an M4A (an MP4 "ftyp" box of the
    audio brand M4A or M4B, never a video) or a WAV (RIFF ... WAVE); else None."""
    head = content[:64]
    if head.startswith(b"ID3") and len(head) >= 10:
        return MP3
    if len(head) >= 4 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06:
        bitrate, rate = head[2] >> 4, (head[2] >> 2) & 0x03
        if bitrate not in (0, 0x0F) and rate != 0x03:
            return MP3
    brand = head[8:12] if head[4:8] == b"ftyp" else b""
    if brand in (b"M4A ", b"M4B "):
        return M4A
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return WAV
    return None


# --- virus scanning (ClamAV's clamd) ---------------------------------------------------------


class ScanError(Exception):
    """The scanner could not be reached or gave an answer we do not understand."""


def clamd_configured() -> bool:
    socket_path = getattr(settings, "OPENSEND_CLAMD_SOCKET", "")
    return bool(socket_path or getattr(settings, "OPENSEND_CLAMD_HOST", ""))


def _clamd_connection() -> socket.socket:
    timeout = float(getattr(settings, "OPENSEND_CLAMD_TIMEOUT", 30))
    path = getattr(settings, "OPENSEND_CLAMD_SOCKET", "")
    if path:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(path)
        return sock
    host = str(getattr(settings, "OPENSEND_CLAMD_HOST", ""))
    port = int(getattr(settings, "OPENSEND_CLAMD_PORT", 3310))
    return socket.create_connection((host, port), timeout=timeout)


def clamd_scan(content: bytes, *, chunk_size: int = 64 * 1024) -> str | None:
    """Scan with clamd's INSTREAM command: None if clean, else the signature's name."""
    try:
        with _clamd_connection() as sock:
            sock.sendall(b"zINSTREAM\0")
            for start in range(0, len(content), chunk_size):
                chunk = content[start : start + chunk_size]
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                data = sock.recv(4096)
                if not data:
                    break
                reply += data
    except OSError as exc:
        raise ScanError(str(exc)) from exc
    answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    # "stream: OK", "stream: Eicar-Signature FOUND", or "... ERROR" (e.g. size limit exceeded).
    if answer.endswith(" OK"):
        return None
    if answer.endswith(" FOUND"):
        return answer.removeprefix("stream:").removesuffix("FOUND").strip() or "unknown"
    raise ScanError(answer or "no answer from clamd")


def scan_for_viruses(content: bytes) -> str | None:
    """None when clean (or when no scanner is configured); else the signature's name."""
    if not clamd_configured():
        return None
    return clamd_scan(content)


# --- checking and storing --------------------------------------------------------------------


def _read(file: Any, limit: int) -> bytes:
    """At most limit + 1 bytes, so a file that is too big is known without reading it all."""
    if hasattr(file, "seek"):
        file.seek(0)
    if hasattr(file, "chunks"):
        data = bytearray()
        for chunk in file.chunks():
            data += chunk
            if len(data) > limit:
                break
        return bytes(data[: limit + 1])
    return bytes(file.read(limit + 1))


def check_upload(file: Any, *, audio: bool = False) -> CheckedUpload:
    """Refuse (ValidationError with a GOV.UK message) anything not safe to keep; else the file,
    cleaned and checked, ready for `store_upload`. `audio` also allows a recording."""
    if isinstance(file, CheckedUpload):
        return file
    limit = max_upload_bytes()
    if getattr(file, "size", None) is not None and file.size > limit:
        raise ValidationError(too_big_message(), code="too_big")
    content = _read(file, limit)
    if len(content) > limit:
        raise ValidationError(too_big_message(), code="too_big")
    if not content:
        raise ValidationError(EMPTY, code="empty")
    kind = detect_kind(content)
    if audio and kind in (None, TEXT):
        kind = detect_audio(content) or kind
    if kind is None:
        raise ValidationError(WRONG_TYPE_WITH_AUDIO if audio else WRONG_TYPE, code="wrong_type")
    try:
        signature = scan_for_viruses(content)
    except ScanError as exc:
        raise ValidationError(SCAN_FAILED, code="scan_failed") from exc
    if signature is not None:
        raise ValidationError(INFECTED, code="infected")
    return CheckedUpload(
        name=clean_filename(getattr(file, "name", "") or "", kind=kind), kind=kind, content=content
    )


@deconstructible
class RandomName:
    """`upload_to` for stored documents: `<folder>/<year>/<month>/<random hex><extension>`,
    never the name the person's computer gave it."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: Any, filename: str) -> str:
        suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
        if not re.fullmatch(r"\.[a-z0-9]{1,5}", suffix):
            suffix = ""
        return f"{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def store_upload(field_file: FieldFile, checked: CheckedUpload) -> str:
    """Save the checked file into a FileField (upload_to=RandomName) without saving the model;
    returns the stored name. Set the model's original-name and type fields from `checked`."""
    field_file.save(f"upload{checked.kind.extensions[0]}", ContentFile(checked.content), save=False)
    return field_file.name or ""


def delete_stored(field_file: FieldFile) -> None:
    """Remove a file stored by `store_upload` when the record it was for was not saved."""
    if field_file.name:
        field_file.storage.delete(field_file.name)


def checked_or_error(file: Any, *, field: str = "document") -> CheckedUpload | None:
    """For services: None for no file, the checked file, or a ValidationError on `field`."""
    if not file:
        return None
    try:
        return check_upload(file)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


def attach_document(instance: Any, checked: CheckedUpload, *, field: str = "document") -> None:
    """Store the file in `instance.<field>` (random name) and keep its cleaned original name and
    type in `<field>_name` and `<field>_type`. The caller saves the instance; if that fails it
    calls `delete_stored`."""
    store_upload(getattr(instance, field), checked)
    setattr(instance, f"{field}_name", checked.name)
    setattr(instance, f"{field}_type", checked.content_type)


class DocumentField(forms.FileField):
    """A file upload checked by `check_upload`: its cleaned value is a `CheckedUpload`."""

    def __init__(self, *, audio: bool = False, **kwargs: Any) -> None:
        self.audio = audio
        allowed = ALLOWED_WITH_AUDIO_TEXT if audio else ALLOWED_TYPES_TEXT
        kwargs.setdefault(
            "help_text",
            f"{allowed[0].upper()}{allowed[1:]}, smaller than {size_text(max_upload_bytes())}",
        )
        super().__init__(**kwargs)
        self.error_messages["empty"] = EMPTY
        self.error_messages["required"] = "Select a file"

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if not value:
            return None
        return check_upload(value, audio=self.audio)


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that lets the person choose several files at once."""

    allow_multiple_selected = True


MAX_FILES = 10


class MultipleDocumentField(DocumentField):
    """Several uploads, each checked by `check_upload`: the cleaned value is a list of
    `CheckedUpload` (empty when none were chosen and the field is optional)."""

    def __init__(self, *, audio: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        allowed = ALLOWED_WITH_AUDIO_TEXT if audio else ALLOWED_TYPES_TEXT
        kwargs.setdefault(
            "help_text",
            f"Up to {MAX_FILES} files. Each must be {allowed}, "
            f"smaller than {size_text(max_upload_bytes())}",
        )
        super().__init__(audio=audio, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > MAX_FILES:
            raise ValidationError(f"Choose {MAX_FILES} files or fewer", code="too_many")
        checked = []
        for file in files:
            try:
                checked.append(check_upload(file, audio=self.audio))
            except ValidationError as exc:
                name = clean_filename(getattr(file, "name", "") or "")
                raise ValidationError([f"{name}: {message}" for message in exc.messages]) from exc
        return checked
