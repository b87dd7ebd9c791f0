"""Small helpers to write launch content: money in words, rich-text paragraphs, steps."""

from decimal import Decimal

from wagtail.rich_text import RichText


def money(amount: Decimal) -> str:
    return f"${amount:,.0f}"


def paragraphs(*texts: str) -> RichText:
    return RichText("".join(f"<p>{text}</p>" for text in texts))


def steps(*items: tuple[str, str]) -> list:
    return [("step", {"title": title, "details": paragraphs(details)}) for title, details in items]
