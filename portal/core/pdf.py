"""The one way the portal makes a PDF: fpdf2 (pure Python) with a Unicode TrueType font
shipped as a Python package (Source Sans Pro, SIL Open Font License, from
`font-source-sans-pro`), so that "Nguyễn Đặng", "José Peña" and typographic quotes print as
typed, in any language the portal speaks."""

from pathlib import Path

import font_source_sans_pro
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_FAMILY = "SourceSans"
_FONT_DIRECTORY = Path(font_source_sans_pro.font_directory)
_FONT_FILES = {
    "": "SourceSansPro-Regular.ttf",
    "B": "SourceSansPro-Bold.ttf",
    "I": "SourceSansPro-It.ttf",
    "BI": "SourceSansPro-BoldIt.ttf",
}


class PortalPDF(FPDF):
    """A Letter page with the portal's font and margins. `text_line` and `paragraph`
    write a line or a wrapped paragraph in the font's styles ("", "B", "I")."""

    def __init__(self, *, title: str, author: str = "") -> None:
        super().__init__(format="Letter")
        for style, file_name in _FONT_FILES.items():
            self.add_font(FONT_FAMILY, style, str(_FONT_DIRECTORY / file_name))
        self.set_title(title)
        if author:
            self.set_author(author)
        self.set_creator("Second Chance Jobs Portal")
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(auto=True, margin=18)
        self.add_page()

    def use_font(self, style: str = "", size: float = 11) -> None:
        self.set_font(FONT_FAMILY, style, size)

    def text_line(self, text, *, style: str = "", size: float = 11, height: float = 7) -> None:
        self.use_font(style, size)
        self.cell(0, height, str(text or ""), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text, *, style: str = "", size: float = 10, height: float = 5) -> None:
        self.use_font(style, size)
        self.multi_cell(0, height, str(text or ""), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def bytes(self) -> bytes:
        return bytes(self.output())
