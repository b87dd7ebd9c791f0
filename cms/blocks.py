"""The small set of StreamField blocks every content page is built from: heading,
paragraph, image (with required alt text), call to action, quote and FAQ. Plus the ordered
steps of an incentive's "how to claim"."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
        help_text=_("The page title is the only top heading; sections come under it."),
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"


class ImageWithAltBlock(blocks.StructBlock):
    """An image with the words a screen reader says instead: required, and not a file name."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alt text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        alt_text = (value.get("alt_text") or "").strip()
        if alt_text.lower().endswith((".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg")):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Describe the image in words, not with its file name.")
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("button text"), max_length=80)
    description = blocks.CharBlock(label=_("description"), required=False, max_length=250)
    page = blocks.PageChooserBlock(label=_("page on this site"), required=False)
    url = blocks.URLBlock(label=_("or a web address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                non_block_errors=[
                    ValidationError(_("Choose a page on this site or enter a web address (one).")),
                ]
            )
        return value

    class Meta:
        icon = "link"
        template = "cms/blocks/call_to_action.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"


class FaqBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("answer"), features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "help"
        template = "cms/blocks/faq.html"


class ContentBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"), features=PARAGRAPH_FEATURES, template="cms/blocks/paragraph.html"
    )
    image = ImageWithAltBlock()
    call_to_action = CallToActionBlock()
    quote = QuoteBlock()
    faq = FaqBlock()


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"), max_length=200)
    details = blocks.RichTextBlock(label=_("details"), required=False, features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "list-ol"
