"""schemathesis against the live schema, in the services pass of CI: no server
error, and every response (status, headers, body) as the schema says, for an
anonymous caller and for a citizen holding a token (with an order and parcels).
"""

import json

from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
)

from hub.wsgi import application

# Like DRF, the API ignores a malformed optional query parameter (?page_size=x
# means the default page size) instead of refusing it; and a request valid by
# the schema may still name a township, category or material that does not
# exist, which the API refuses with 400 and a field message, as the web's forms
# do. Neither is a server error nor a response off the schema, so those two
# checks are left out.
LENIENT = [negative_data_rejection, positive_data_acceptance]

# Ten examples per operation keep the two runs over some sixty operations
# within about three minutes on two cores.
FUZZ = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _live_schema():
    """The schema /api/schema/ serves, bound to the project's WSGI app.

    Generated in-process rather than with from_wsgi()/from_fixture(): the
    lazy fixture loader of schemathesis 4.32 fails on pytest 9 (it sets the
    removed ``Item._nodeid``), and generating the schema needs no database.
    """
    generated = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(
        json.loads(OpenApiJsonRenderer().render(generated))
    )
    loaded.app = application
    return loaded


schema = _live_schema()


@pytest.fixture
def wsgi_in_test_transaction(db):
    """Keep the test's connection open across WSGI requests.

    Django's test client does the same: close_old_connections would end the
    connection, and with it the test's transaction, after each request.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def citizen_token(cod_order, citizen) -> str:
    _instance, token = AuthToken.objects.create(user=citizen)
    return token


@pytest.mark.services
@schema.parametrize()
@FUZZ
def test_anonymous_callers_cannot_break_the_api(case, wsgi_in_test_transaction):
    cache.clear()  # the throttle's counters: fuzz the views, not the 429
    case.call_and_validate(excluded_checks=LENIENT)


@pytest.mark.services
@schema.parametrize()
@FUZZ
def test_token_callers_cannot_break_the_api(
    case, wsgi_in_test_transaction, citizen_token
):
    cache.clear()
    case.call_and_validate(
        headers={"Authorization": f"Token {citizen_token}"}, excluded_checks=LENIENT
    )
