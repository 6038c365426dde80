"""The SEN2 return reads each table once, whatever the number of children (issue 15: built in
under 10 s at 100,000 plans): a column the build, the checks, the CSV or the audit lines read
that `loading` left out would be read back one row at a time and show here."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from opensend.insights.models import Sen2Collection
from opensend.insights.sen2 import build, checks, tables, xml
from opensend.insights.sen2.loading import related
from testsupport.demo import demo_area
from testsupport.sen2 import sen2_collection

# children, settings, requests, plans, enrolments, mediation cases, appeals, clock exceptions,
# plan versions, cessations, reviews, amendments, phase transfers
TABLES_READ = 13


def test_the_whole_return_is_a_fixed_number_of_queries(db):
    sen2_collection(2027, declarations="")
    demo_area(60)
    collection = Sen2Collection.objects.get(year=2027)
    with CaptureQueriesContext(connection) as queries:
        result = build.build(collection)
        checks.problems(result)
        tables.csv_bytes(result)
        xml.to_bytes(result.message)
        labels = [str(entry.child) for entry in result.persons]
        for entry in result.persons:
            for plan in entry.plans:
                str(plan.named_setting) if plan.named_setting else None
                for enrolment in related(entry.child, "enrolments"):
                    str(enrolment.setting)
    assert len(result.persons) > 40
    assert all(label.strip() for label in labels)
    assert len(queries) == TABLES_READ, [q["sql"][:120] for q in queries]
