"""Safe formatting for text employers write (job descriptions).

Employers are not technical: they type paragraphs, bullet lines starting with "- " or
"* ", **bold**, *italic* and links. The text is stored as typed; this module turns it
into HTML in two steps that each stand on their own:

1. markdown-it-py (CommonMark) with raw HTML switched off and every rule an employer would
   trip over by accident switched off too (headings from "#1 priority", code blocks from
   indented lines). An image is shown as its alt text only. A single line break stays a
   line break, so text written before formatting existed still looks as it did.
2. nh3 (the Ammonia sanitizer) cleans the result to an allow-list: a few text tags, links
   with http/https/mailto only, rel="nofollow noopener". Even if the converter let
   something through, no script, style, event attribute or javascript: URL survives.
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener"

_markdown = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False}).disable(
    ["code", "fence", "heading", "lheading", "hr", "html_block", "html_inline"]
)


def _image_as_alt_text(renderer, tokens, idx, options, env) -> str:
    # No pictures from outside the portal (tracking, offensive content): keep the words.
    return escapeHtml(renderer.renderInlineAsText(tokens[idx].children or [], options, env))


_markdown.add_render_rule("image", _image_as_alt_text)


def render_formatted_text(text: str) -> SafeString:
    """The sanitized HTML of `text` written with the simple formatting above."""
    if not text or not text.strip():
        return mark_safe("")
    html = _markdown.render(text)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned.strip())  # noqa: S308 (sanitized by nh3 to the allow-list above)
