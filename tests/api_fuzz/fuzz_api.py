"""Schemathesis against the portal's own OpenAPI schema (`make fuzz`, part of `make check`).

Every operation of /api/schema/ is called in-process through the WSGI application with
data generated from the schema (valid and invalid), once as each of the four demo logins,
and each response goes through every built-in check of schemathesis: no server error,
status codes, content types, headers and bodies as documented, valid data accepted and
invalid data refused, authentication not ignored, and the rest.

The file name does not start with `test_`, so `make test` leaves it out; `make fuzz`
names it. Settings (seed, number of cases) are in schemathesis.toml beside it.
"""

from pathlib import Path

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

CONFIG = schemathesis.Config.from_path(Path(__file__).with_name("schemathesis.toml"))
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json", get_wsgi_application(), config=CONFIG
)


@pytest.mark.django_db
@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_api(case, identity_headers):
    case.call_and_validate(headers=identity_headers)
