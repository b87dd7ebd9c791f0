"""Participant documents in a real browser: the participant uploads a PDF from a phone
and is told clearly when a file is not a PDF; staff see and add documents on the
participant page. Every page visited is checked with axe."""

import pytest
from fpdf import FPDF
from playwright.sync_api import Page, expect

from .axe import assert_no_axe_violations
from .test_participants import PHONE, fits_the_screen, sign_in

pytestmark = pytest.mark.usefixtures("demo_data")


def a_pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


def test_participant_uploads_a_pdf_and_staff_see_it(page: Page, live_server, demo_password):
    base = live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, base, "participant", demo_password)
    page.get_by_role("link", name="My documents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My documents")
    assert_no_axe_violations(page)
    fits_the_screen(page)

    # A photo renamed .pdf: a clear message, nothing kept.
    page.get_by_label("Kind of document").select_option("certificate")
    page.get_by_label("Title").fill("Forklift certificate")
    page.get_by_label("PDF file").set_input_files(
        {"name": "forklift.pdf", "mimeType": "application/pdf", "buffer": b"\x89PNG\r\n\x1a\n"}
    )
    page.get_by_role("button", name="Upload").click()
    # The summary names the field; the message itself is shown once, next to it.
    expect(page.get_by_role("alert")).to_contain_text("PDF file")
    expect(page.locator(".field--error")).to_contain_text("This file is not a PDF")
    expect(page.get_by_text("No documents yet.")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Kind of document").select_option("certificate")
    page.get_by_label("Title").fill("Forklift certificate")
    page.get_by_label("PDF file").set_input_files(
        {"name": "forklift.pdf", "mimeType": "application/pdf", "buffer": a_pdf("Forklift")}
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("The document is saved.")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_screen(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Forklift certificate").click()
    assert download_info.value.suggested_filename == "forklift-certificate.pdf"

    # The facilitator finds it on the participant page and adds a letter.
    staff = page.context.browser.new_context().new_page()
    sign_in(staff, base, "facilitator", demo_password)
    staff.goto(f"{base}/participants/")
    staff.get_by_role("link", name="Pat Participant").click()
    documents = staff.locator("#documents")
    expect(documents.get_by_role("link", name="Forklift certificate")).to_be_visible()
    assert_no_axe_violations(staff)
    documents.get_by_label("Kind of document").select_option("recommendation")
    documents.get_by_label("Title").fill("Letter from the kitchen manager")
    documents.get_by_label("PDF file").set_input_files(
        {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": a_pdf("Letter")}
    )
    documents.get_by_role("button", name="Upload").click()
    expect(staff.get_by_text("The document is saved.")).to_be_visible()
    expect(staff.get_by_role("link", name="Letter from the kitchen manager")).to_be_visible()
    assert_no_axe_violations(staff)
