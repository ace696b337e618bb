"""drf-spectacular's AutoSchema, documenting our error responses on every operation."""

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse

from .serializers import ErrorResponseSerializer

# Which error an operation may answer, and when. Every view may refuse a
# request (400), a caller (401/403), a missing object (404) or a flood (429).
ERROR_RESPONSES = {
    "400": "The request is not valid.",
    "401": "No or bad credentials.",
    "403": "Not allowed for this caller.",
    "404": "Not found, or not yours.",
    "405": "Method not allowed.",
    "406": "Cannot answer in the media type asked for.",
    "415": "The request body's media type is not accepted.",
    "429": "Too many requests.",
}


class AutoSchema(openapi.AutoSchema):
    """Adds ErrorResponse bodies for the error statuses an operation lacks."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction=direction)
        for code, description in ERROR_RESPONSES.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorResponseSerializer, description=description),
                    code,
                    direction=direction,
                )
        return responses


def only_api_v1(endpoints: list) -> list:
    """Keep our /api/v1/ views; Wagtail's admin API is DRF too, and not ours."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
