"""The one visibility rule applied to a record through its child (issue 13): checked per row,
never as a list of every visible child rebuilt inside each query. Which rows each role sees
is held by the permission matrices (people, casework, reviews, disputes)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opensend.casework.selectors import request_list_for_user
from testsupport.journeys import new_request

pytestmark = pytest.mark.django_db

ROLES = ["caseworker", "team_manager", "senco", "health", "parent", "young_person", "admin"]


@pytest.mark.parametrize("role", ROLES)
def test_the_rule_is_checked_per_row(world, role):
    user = world.users[role]
    request = new_request(world, actor=world.users["admin"])
    with CaptureQueriesContext(connection) as ctx:
        list(request_list_for_user(user=user).filter(pk=request.pk))
    sql = ctx.captured_queries[-1]["sql"].upper()
    assert "IN (SELECT" not in sql
