"""The upload checks (type by content, size, names, virus scan) and the download response."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.test import override_settings

from opensend.core import uploads
from opensend.core.downloads import bytes_response, content_disposition
from testsupport import samples
from testsupport.downloads import assert_safe_headers


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("advice.pdf", samples.PDF_BYTES, uploads.PDF),
        ("scan.png", samples.PNG_BYTES, uploads.PNG),
        ("photo.jpg", samples.JPEG_BYTES, uploads.JPEG),
        ("report.docx", samples.docx_bytes(), uploads.DOCX),
        ("old report.doc", samples.DOC_BYTES, uploads.DOC),
        ("views.odt", samples.odt_bytes(), uploads.ODT),
        ("notes.txt", samples.TEXT_BYTES, uploads.TEXT),
        ("notes.txt", "Barn åsikter: 😀 ünïcödé\n".encode(), uploads.TEXT),
    ],
)
def test_allowed_types_are_recognised_by_content(name, content, kind):
    checked = uploads.check_upload(samples.upload(name, content))
    assert checked.kind == kind
    assert checked.name == name
    assert checked.content == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("advice.pdf", samples.EXE_BYTES),  # a Windows program renamed .pdf
        ("picture.svg", samples.SVG_WITH_SCRIPT),
        ("picture.png", samples.SVG_WITH_SCRIPT),
        ("notes.txt", samples.HTML_BYTES),  # HTML named .txt
        ("notes.txt", b"  <html><body>hello</body></html>"),
        ("notes.txt", b"Dear team,\n<script>fetch('/')</script>"),
        ("notes.txt", b"some text\x00with a NUL"),
        ("notes.txt", "latin-1 caf\xe9".encode("latin-1")),  # not UTF-8
        ("sheet.doc", samples.XLS_BYTES),  # an Office 97 file that is not Word
        ("report.docx", samples.plain_zip_bytes()),  # a zip that is not a Word document
        ("report.docx", samples.docx_bytes(main_type="spreadsheetml.sheet.main+xml")),
        ("report.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_other_files_are_refused(name, content):
    with pytest.raises(ValidationError) as error:
        uploads.check_upload(samples.upload(name, content))
    assert error.value.messages == [uploads.WRONG_TYPE]
    assert error.value.messages[0].startswith("The selected file must be a PDF")


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="The selected file is empty"):
        uploads.check_upload(samples.upload("a.pdf", b""))


@override_settings(OPENSEND_UPLOAD_MAX_BYTES=100)
def test_a_file_over_the_limit_is_refused_with_the_limit_in_the_message():
    with pytest.raises(ValidationError) as error:
        uploads.check_upload(samples.upload("a.pdf", samples.PDF_BYTES + b"%" * 100))
    assert error.value.messages == ["The file must be smaller than 100 bytes"]


def test_the_default_limit_is_20_mb():
    assert uploads.max_upload_bytes() == 20 * 1024 * 1024
    assert uploads.too_big_message() == "The file must be smaller than 20 MB"


@pytest.mark.parametrize(
    ("given", "kind", "expected"),
    [
        ("../../etc/passwd\x00.pdf", uploads.PDF, "passwd.pdf"),
        ("..\\..\\Windows\\system32\\advice.PDF", uploads.PDF, "advice.pdf"),
        ("advice\r\n.pdf", uploads.PDF, "advice.pdf"),
        ("   ...hidden.pdf  ", uploads.PDF, "hidden.pdf"),
        ('what?<is>"this"|.pdf', uploads.PDF, "what__is__this__.pdf"),
        ("report.pdf", uploads.PNG, "report.png"),  # the name follows what the file really is
        ("my.report v2", uploads.TEXT, "my.report v2.txt"),
        ("", uploads.PDF, "document.pdf"),
        ("\x00\x01", uploads.PDF, "document.pdf"),
        ("a" * 300 + ".pdf", uploads.PDF, "a" * 96 + ".pdf"),
        ("photo.JPEG", uploads.JPEG, "photo.jpeg"),
        ("rapport\u202egnp.pdf", uploads.PDF, "rapportgnp.pdf"),  # right-to-left override
    ],
)
def test_file_names_are_cleaned(given, kind, expected):
    cleaned = uploads.clean_filename(given, kind=kind)
    assert cleaned == expected
    assert len(cleaned) <= uploads.MAX_NAME_LENGTH


def test_a_checked_file_is_stored_under_a_random_name():
    checked = uploads.check_upload(samples.upload("../../etc/passwd\x00.pdf", samples.PDF_BYTES))
    assert checked.name == "passwd.pdf"
    assert checked.content_type == "application/pdf"
    field = models.FileField(upload_to=uploads.RandomName("tests"), max_length=200)
    field.set_attributes_from_name("document")
    field_file = FieldFile(SimpleNamespace(), field, None)
    stored = uploads.store_upload(field_file, checked)
    assert stored.startswith("tests/")
    assert stored.endswith(".pdf")
    assert "passwd" not in stored
    assert len(stored.rsplit("/", 1)[-1]) == 32 + len(".pdf")
    assert default_storage.exists(stored)
    with default_storage.open(stored, "rb") as handle:
        assert handle.read() == samples.PDF_BYTES
    uploads.delete_stored(field_file)
    assert not default_storage.exists(stored)


def test_no_scanner_is_called_unless_configured():
    assert not uploads.clamd_configured()
    assert uploads.check_upload(samples.upload("eicar.txt", samples.EICAR)).kind == uploads.TEXT


def test_the_scanner_refuses_an_infected_file_over_tcp():
    with samples.FakeClamd() as clamd:
        with override_settings(OPENSEND_CLAMD_HOST=clamd.host, OPENSEND_CLAMD_PORT=clamd.port):
            with pytest.raises(ValidationError, match="The selected file contains a virus"):
                uploads.check_upload(samples.upload("eicar.txt", samples.EICAR))
            clean = uploads.check_upload(samples.upload("advice.pdf", samples.PDF_BYTES))
    assert clean.kind == uploads.PDF
    assert clamd.received == [samples.EICAR, samples.PDF_BYTES]


def test_the_scanner_streams_big_files_in_chunks():
    content = samples.PDF_BYTES + b"%" * 200_000 + samples.EICAR
    with samples.FakeClamd() as clamd:
        with override_settings(OPENSEND_CLAMD_HOST=clamd.host, OPENSEND_CLAMD_PORT=clamd.port):
            assert uploads.clamd_scan(content, chunk_size=4096) == "Eicar-Test-Signature"
    assert clamd.received == [content]


def test_the_scanner_over_a_unix_socket(tmp_path):
    path = str(tmp_path / "clamd.sock")
    with samples.FakeClamd(unix_path=path) as clamd:
        with override_settings(OPENSEND_CLAMD_SOCKET=path):
            assert uploads.scan_for_viruses(samples.EICAR) == "Eicar-Test-Signature"
            assert uploads.scan_for_viruses(samples.TEXT_BYTES) is None
    assert len(clamd.received) == 2


def test_a_scanner_that_cannot_be_reached_refuses_the_file():
    with override_settings(
        OPENSEND_CLAMD_HOST="127.0.0.1", OPENSEND_CLAMD_PORT=samples.unused_port()
    ):
        with pytest.raises(ValidationError, match="could not be checked for viruses"):
            uploads.check_upload(samples.upload("advice.pdf", samples.PDF_BYTES))


def test_the_document_field_gives_a_checked_file_or_a_field_error():
    from opensend.core.forms import GovukForm

    class Form(GovukForm):
        document = uploads.DocumentField(label="Document", required=False)

    good = Form({}, {"document": samples.upload("a.pdf", samples.PDF_BYTES)})
    assert good.is_valid()
    assert isinstance(good.cleaned_data["document"], uploads.CheckedUpload)
    bad = Form({}, {"document": samples.upload("a.pdf", samples.EXE_BYTES)})
    assert not bad.is_valid()
    assert bad.errors["document"] == [uploads.WRONG_TYPE]
    assert Form({}, {}).is_valid()


def test_the_download_headers():
    response = bytes_response(b"%PDF-1.4", filename="Jo's advice ü.pdf", content_type="x/y")
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Jo's advice _.pdf\"; filename*=UTF-8''Jo%27s%20advice%20%C3%BC.pdf"
    )
    assert_safe_headers(response)
    assert content_disposition('../a"b\r\n.pdf') == (
        "attachment; filename=\"a_b.pdf\"; filename*=UTF-8''a_b.pdf"
    )


MP3_WITH_TAG = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + b"\x00" * 64
MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 64
M4A_BYTES = b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + b"\x00" * 64
MP4_VIDEO = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00" * 64
WAV_BYTES = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (MP3_WITH_TAG, "audio/mpeg"),
        (MP3_FRAME, "audio/mpeg"),
        (M4A_BYTES, "audio/mp4"),
        (WAV_BYTES, "audio/wav"),
    ],
)
def test_a_recording_is_accepted_only_where_audio_is_allowed(content, content_type):
    from opensend.core.uploads import WRONG_TYPE_WITH_AUDIO, check_upload

    checked = check_upload(samples.upload("me.bin", content), audio=True)
    assert checked.content_type == content_type
    assert checked.name.endswith(checked.kind.extensions[0])
    with pytest.raises(ValidationError) as refused:
        check_upload(samples.upload("me.bin", content))
    assert WRONG_TYPE_WITH_AUDIO not in str(refused.value)


def test_a_video_or_a_program_is_not_a_recording():
    from opensend.core.uploads import WRONG_TYPE_WITH_AUDIO, check_upload

    for content in (MP4_VIDEO, b"MZ\x90\x00" + b"\x00" * 64):
        with pytest.raises(ValidationError) as refused:
            check_upload(samples.upload("me.mp3", content), audio=True)
        assert WRONG_TYPE_WITH_AUDIO in str(refused.value)
