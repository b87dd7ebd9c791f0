"""Print-ready résumé PDFs with fpdf2 (pure Python: no system libraries to install).

A clean single-column layout with real text that applicant-tracking systems can read.
It prints a `ResumeVersion`'s content only, which by construction holds the résumé's
own sections and nothing about the person's record or supervision.
"""

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .models import EducationKind, ExperienceKind, format_us_phone

# The PDF's built-in fonts speak Latin-1 (enough for English and Spanish); typographic
# punctuation people paste from phones is turned into its plain equivalent.
PLAIN_PUNCTUATION = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2022": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)


def _plain(text) -> str:
    text = str(text or "").translate(PLAIN_PUNCTUATION)
    return text.encode("latin-1", "replace").decode("latin-1")


class _ResumePDF(FPDF):
    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font("Helvetica", "B", 12)
        self.cell(0, 7, _plain(text).upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(120, 120, 120)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def body(self, text: str, *, style: str = "", size: int = 10) -> None:
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, 5, _plain(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def resume_pdf_bytes(content: dict) -> bytes:
    """The PDF of a résumé version's `content` (see `services.resume_snapshot`)."""
    pdf = _ResumePDF(format="Letter")
    pdf.set_title(_plain(f"{content.get('name', '')} - {content.get('title', '')}"))
    pdf.set_author(_plain(content.get("name", "")))
    pdf.set_creator("Second Chance Jobs Portal")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, _plain(content.get("name", "")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    contact = [
        content.get("contact_city"),
        format_us_phone(content.get("contact_phone", "")),
        content.get("contact_email"),
    ]
    pdf.body("  |  ".join(part for part in contact if part))

    if content.get("summary"):
        pdf.heading(_("Summary"))
        pdf.body(content["summary"])

    if content.get("experience"):
        pdf.heading(_("Experience"))
        kinds = dict(ExperienceKind.choices)
        for job in content["experience"]:
            title = job.get("title") or str(kinds.get(job.get("kind"), ""))
            pdf.body(title, style="B", size=11)
            dates = " - ".join(part for part in (job.get("start"), job.get("end")) if part)
            pdf.body(", ".join(part for part in (job.get("employer"), dates) if part), style="I")
            if job.get("details"):
                pdf.body(job["details"])
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
            pdf.body(line + (f" ({school['year']})" if school.get("year") else ""), style="B")
            if school.get("details"):
                pdf.body(school["details"])
            pdf.ln(1)

    if content.get("certifications"):
        pdf.heading(_("Certifications"))
        for certificate in content["certifications"]:
            year = f" ({certificate['year']})" if certificate.get("year") else ""
            pdf.body(f"- {certificate.get('name', '')}{year}")

    if content.get("skills"):
        pdf.heading(_("Skills"))
        pdf.body(content["skills"])

    if content.get("references"):
        pdf.heading(_("References"))
        pdf.body(content["references"])

    return bytes(pdf.output())
