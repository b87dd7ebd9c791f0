"""Pay stub PDFs on the portal's PDF helper (portal.core.pdf: fpdf2 with a Unicode
font), so that a name like "Nguyễn Đặng" prints as typed."""

from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from portal.core.pdf import PortalPDF
from portal.core.templatetags.formatting import date_display


def _row(pdf: PortalPDF, label: str, value: str, *, bold: bool = False) -> None:
    """A label on the left and its amount on the right of one line."""
    pdf.use_font("B" if bold else "", 11)
    pdf.cell(110, 7, label)
    pdf.cell(0, 7, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def pay_stub_pdf_bytes(stub) -> bytes:
    """One page: who, which period and pay date, hours, rate, pay, adjustments with their
    reasons, gross and year-to-date gross."""
    period = stub.run.period
    pdf = PortalPDF(title=_("Pay stub"))
    pdf.text_line(_("Pay stub"), style="B", size=18, height=10)
    pdf.text_line(stub.participant.full_name)
    pdf.text_line(
        _("Days worked: %(start)s to %(end)s. Pay date: %(pay_date)s.")
        % {
            "start": date_display(period.starts_on),
            "end": date_display(period.ends_on),
            "pay_date": date_display(period.pay_date),
        }
    )
    pdf.ln(4)
    _row(pdf, _("Regular hours"), f"{stub.regular_hours:.2f}")
    _row(pdf, _("Overtime hours"), f"{stub.overtime_hours:.2f}")
    _row(pdf, _("Hourly rate"), f"${stub.hourly_rate:.2f}")
    _row(pdf, _("Pay for hours worked"), f"${stub.work_pay:.2f}")
    for adjustment in stub.adjustments.all():
        _row(pdf, f"{_('Adjustment')}: {adjustment.reason}"[:60], f"${adjustment.amount:.2f}")
    _row(pdf, _("Gross pay"), f"${stub.gross:.2f}", bold=True)
    if stub.year_to_date_gross is not None:
        _row(pdf, _("Gross pay this year"), f"${stub.year_to_date_gross:.2f}")
    pdf.ln(4)
    pdf.paragraph(
        _("Gross pay is before taxes. The payroll processor sends the net pay."),
        style="I",
        size=9,
    )
    return pdf.bytes()
