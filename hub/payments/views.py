import logging

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import gateway, services

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's webhook: 400 and nothing written unless the signature holds.

    A verified event is stored by its id and processed by a Celery task; a
    repeated delivery is acknowledged and does nothing.
    """
    try:
        event = gateway.webhook_event(
            payload=request.body,
            signature=request.META.get("HTTP_STRIPE_SIGNATURE", ""),
        )
    except gateway.SignatureError as error:
        logger.warning("Stripe webhook refused: %s", error)
        return HttpResponseBadRequest("bad signature")
    services.stripe_event_receive(event=event)
    return HttpResponse("ok")
