"""The DfE SEN2 person-level return, built from the live records (docs/insights.md, "SEN2").

`collection` finds the year and its census date, `build` gathers the records into the return's
tree, `checks` runs the pre-submission checks a council would run, `xml` writes the XML and
validates it against the schema kept in `schema/`.
"""
