"""The API's request parsers.

Kept apart from portal.core.drf: DRF reads DEFAULT_PARSER_CLASSES when `rest_framework.views`
is first imported, and portal.core.drf imports that module, so a parser defined there is
asked for while its module is still half-loaded."""

import io

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework.parsers import JSONParser


class SizeLimitedJSONParser(JSONParser):
    """JSON bodies within DATA_UPLOAD_MAX_MEMORY_SIZE, like Django's forms.

    DRF's JSONParser reads the request stream itself, past the check Django makes when a
    view reads `request.body` or `request.POST`; this reads at most one byte over the
    limit and refuses the body (RequestDataTooBig, answered 413 `request_too_large`)."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and stream is not None:
            body = stream.read(limit + 1)
            if len(body) > limit:
                raise RequestDataTooBig(
                    "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE."
                )
            stream = io.BytesIO(body)
        return super().parse(stream, media_type, parser_context)
