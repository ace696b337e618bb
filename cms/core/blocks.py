"""Blocks shared by the CMS pages (bakerydemo's BaseStreamBlock, kept small)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading (h2 or h3)."""

    heading_text = blocks.CharBlock(label=_("heading"), max_length=120)
    size = blocks.ChoiceBlock(
        label=_("size"),
        choices=[("h2", "H2"), ("h3", "H3")],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    """An image with an optional caption; rendered as a lazy WebP rendition."""

    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document (a form to print, a regulation)."""

    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("link text"), required=False, max_length=120)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every CMS page: headings, paragraphs, images, document links."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul"],
    )
    image = ImageBlock()
    document_link = DocumentLinkBlock()
