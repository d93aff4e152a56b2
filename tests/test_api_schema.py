"""schemathesis drives every operation of the API's OpenAPI spec with generated requests, against
a real server over a store the pipeline built: no request may make a server error, and every
answer must match the spec (its status, content type and JSON schema)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .conftest import copy_store
from .serving import serve

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    # Reviews are allowed (with a token the generated requests do not have), so the review
    # endpoints answer 401 as they would in use; a copy, since a request could change it.
    db = copy_store(demo_db, tmp_path_factory.mktemp("schema"))
    with serve(db, review_token="not-sent-by-schemathesis") as base:
        yield schemathesis.openapi.from_url(base + "/openapi.json")


def test_api_keeps_to_its_spec(api_schema: schemathesis.BaseSchema) -> None:
    # Each operation in turn, with Hypothesis driving its generated requests. (schemathesis's
    # own pytest fixture loader reads a pytest internal that pytest 9 no longer has.)
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def call(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        call()
