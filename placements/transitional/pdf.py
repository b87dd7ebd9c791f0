"""Pay stub PDFs with fpdf2 (the same pure-Python library and Latin-1 text handling as
the résumé PDF in jobseekers/pdf.py)."""

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from jobseekers.pdf import _plain


def _row(pdf: FPDF, label: str, value: str, *, bold: bool = False) -> None:
    pdf.set_font("Helvetica", "B" if bold else "", 11)
    pdf.cell(110, 7, _plain(label))
    pdf.cell(0, 7, _plain(value), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def pay_stub_pdf_bytes(stub) -> bytes:
    """One page: who, which period and pay date, hours, rate, pay, adjustments with their
    reasons, gross and year-to-date gross."""
    period = stub.run.period
    pdf = FPDF(format="Letter")
    pdf.set_title(_plain(_("Pay stub")))
    pdf.set_creator("Second Chance Jobs Portal")
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, _plain(_("Pay stub")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 7, _plain(stub.participant.full_name), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(
        0,
        7,
        _plain(
            _("Days worked: %(start)s to %(end)s. Pay date: %(pay_date)s.")
            % {
                "start": period.starts_on.isoformat(),
                "end": period.ends_on.isoformat(),
                "pay_date": period.pay_date.isoformat(),
            }
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
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
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(
        0,
        5,
        _plain(_("Gross pay is before taxes. The payroll processor sends the net pay.")),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    return bytes(pdf.output())
