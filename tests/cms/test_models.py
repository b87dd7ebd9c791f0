import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.blocks import CallToActionBlock, ImageWithAltBlock
from cms.models import (
    HomePage,
    IncentiveIndexPage,
    IncentivePage,
    ResourceDirectoryPage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)
from portal.core.models import HelpKind, PartnerOrganisation
from tests.factories.cms import ImageFactory, ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "allowed_parents"),
    [
        (HomePage, {"Page"}),
        (IncentiveIndexPage, {"HomePage"}),
        (IncentivePage, {"IncentiveIndexPage"}),
        (ResourceDirectoryPage, {"HomePage"}),
        (StoryIndexPage, {"HomePage"}),
        (StoryPage, {"StoryIndexPage"}),
        (StandardPage, {"HomePage", "StandardPage"}),
    ],
)
def test_each_page_type_lives_only_under_its_parents(model, allowed_parents):
    assert {parent.__name__ for parent in model.allowed_parent_page_models()} == allowed_parents


@pytest.mark.parametrize(
    ("model", "allowed_children"),
    [
        (
            HomePage,
            {"IncentiveIndexPage", "ResourceDirectoryPage", "StoryIndexPage", "StandardPage"},
        ),
        (IncentiveIndexPage, {"IncentivePage"}),
        (IncentivePage, set()),
        (ResourceDirectoryPage, set()),
        (StoryIndexPage, {"StoryPage"}),
        (StoryPage, set()),
        (StandardPage, {"StandardPage"}),
    ],
)
def test_each_page_type_takes_only_its_children(model, allowed_children):
    assert {child.__name__ for child in model.allowed_subpage_models()} == allowed_children


def test_only_one_index_of_each_kind_under_the_home_page(site_tree):
    assert not IncentiveIndexPage.can_create_at(site_tree)
    assert not ResourceDirectoryPage.can_create_at(site_tree)
    assert not StoryIndexPage.can_create_at(site_tree)
    assert StandardPage.can_create_at(site_tree)
    assert not StoryPage.can_create_at(site_tree)


def _resource(**fields):
    defaults = {
        "name": "Shelter",
        "category": HelpKind.HOUSING,
        "description": "Beds.",
        "address": "1 Main St",
        "zip_code": "64106",
        "phone": "816 555 0100",
    }
    return PartnerOrganisation(**{**defaults, **fields})


def test_a_resource_keeps_a_tidy_phone_number():
    resource = _resource(phone="816.555.0100")
    resource.full_clean()
    assert resource.phone == "(816) 555-0100"


def test_a_resource_without_phone_or_address_is_refused():
    with pytest.raises(ValidationError) as error:
        _resource(phone="", address="", zip_code="").full_clean()
    assert error.value.message_dict["phone"] == [
        "Give a phone number or a street address, so people can reach them."
    ]
    assert "address" in error.value.message_dict


def test_a_hotline_with_a_phone_only_is_fine():
    _resource(address="", zip_code="").full_clean()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"zip_code": "00000"}, "zip_code", "This is not a known US ZIP code."),
        ({"zip_code": "6410"}, "zip_code", "This is not a known US ZIP code."),
        ({"zip_code": ""}, "zip_code", "Add the ZIP code of the address."),
        ({"phone": "12"}, "phone", "Enter a US phone number, for example (816) 555-0123."),
        ({"website": "www example"}, "website", "Enter a full web address, starting with https://"),
    ],
)
def test_bad_resource_details_are_refused_with_a_clear_message(fields, field, message):
    with pytest.raises(ValidationError) as error:
        _resource(**fields).full_clean()
    assert message in error.value.message_dict[field]


def test_an_incentive_with_a_broken_source_address_is_refused(tax_credit_page):
    tax_credit_page.source_url = "irs dot gov"
    with pytest.raises(ValidationError) as error:
        tax_credit_page.full_clean()
    assert error.value.message_dict["source_url"] == [
        "Enter a full web address, starting with https://"
    ]


def test_a_story_image_needs_alt_text(story_index):
    story = StoryPage(
        title="News", slug="news", author="Staff", summary="Short.", image=ImageFactory()
    )
    with pytest.raises(ValidationError) as error:
        story_index.add_child(instance=story)
    assert error.value.message_dict["image_alt_text"] == [
        "Describe the image for people who cannot see it."
    ]
    story.image_alt_text = "Two people shaking hands at a hiring fair"
    story_index.add_child(instance=story)
    assert StoryPage.objects.get(slug="news").image_alt_text.startswith("Two people")


def test_an_image_block_without_alt_text_is_refused():
    block = ImageWithAltBlock()
    image = ImageFactory()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    assert "alt_text" in error.value.block_errors
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "IMG_0042.JPG"}))
    assert error.value.block_errors["alt_text"].message == (
        "Describe the image in words, not with its file name."
    )
    cleaned = block.clean(block.to_python({"image": image.pk, "alt_text": "A crew at work"}))
    assert cleaned["alt_text"] == "A crew at work"


def test_a_call_to_action_needs_exactly_one_destination(site_tree):
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"text": "Go", "page": None, "url": ""}))
    with pytest.raises(StructBlockValidationError):
        block.clean(
            block.to_python({"text": "Go", "page": site_tree.pk, "url": "https://example.org"})
        )
    assert block.clean(block.to_python({"text": "Go", "page": site_tree.pk, "url": ""}))


def test_resource_factory_rows_are_valid():
    ResourceFactory().full_clean()
