"""Print-ready résumé PDFs, built on `portal.core.pdf.PortalPDF` (fpdf2 with a Unicode
font, so "Nguyễn Đặng" and the typographic punctuation people paste from phones print
as typed).

A clean single-column layout with real text that applicant-tracking systems can read.
It prints a `ResumeVersion`'s content only, which by construction holds the résumé's
own sections and nothing about the person's record or supervision. Headings and labels
are in the résumé's language (its participant's preferred language), whoever prints it.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from portal.core.pdf import PortalPDF

from .models import EducationKind, ExperienceKind, format_us_phone


class ResumePDF(PortalPDF):
    def heading(self, text: str) -> None:
        self.ln(3)
        self.text_line(str(text).upper(), style="B", size=12)
        self.set_draw_color(120, 120, 120)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)


def resume_pdf_bytes(content: dict, *, language: str | None = None) -> bytes:
    """The PDF of a résumé version's `content` (see `services.resume_snapshot`), with its
    headings in `language` (the active language when None)."""
    with translation.override(language or translation.get_language()):
        return _resume_pdf(content).bytes()


def _resume_pdf(content: dict) -> ResumePDF:
    name = content.get("name", "")
    pdf = ResumePDF(title=f"{name} - {content.get('title', '')}", author=name)
    pdf.text_line(name, style="B", size=18, height=10)
    contact = [
        content.get("contact_city"),
        format_us_phone(content.get("contact_phone", "")),
        content.get("contact_email"),
    ]
    pdf.paragraph("  |  ".join(part for part in contact if part))

    if content.get("summary"):
        pdf.heading(_("Summary"))
        pdf.paragraph(content["summary"])

    if content.get("experience"):
        pdf.heading(_("Experience"))
        kinds = dict(ExperienceKind.choices)
        for job in content["experience"]:
            title = job.get("title") or str(kinds.get(job.get("kind"), ""))
            pdf.paragraph(title, style="B", size=11)
            dates = " - ".join(part for part in (job.get("start"), job.get("end")) if part)
            pdf.paragraph(
                ", ".join(part for part in (job.get("employer"), dates) if part), style="I"
            )
            if job.get("details"):
                pdf.paragraph(job["details"])
            pdf.ln(2)

    if content.get("education"):
        pdf.heading(_("Education"))
        kinds = dict(EducationKind.choices)
        for school in content["education"]:
            line = ", ".join(
                part
                for part in (str(kinds.get(school.get("kind"), "")), school.get("school"))
                if part
            )
            pdf.paragraph(line + (f" ({school['year']})" if school.get("year") else ""), style="B")
            if school.get("details"):
                pdf.paragraph(school["details"])
            pdf.ln(1)

    if content.get("certifications"):
        pdf.heading(_("Certifications"))
        for certificate in content["certifications"]:
            year = f" ({certificate['year']})" if certificate.get("year") else ""
            pdf.paragraph(f"- {certificate.get('name', '')}{year}")

    if content.get("skills"):
        pdf.heading(_("Skills"))
        pdf.paragraph(content["skills"])

    if content.get("references"):
        pdf.heading(_("References"))
        pdf.paragraph(content["references"])

    return pdf
