"""Caseworker, manager and professional pages for the EHC journey. Thin: selectors and services.

`cases` is the case page and what hangs off it (the request form, reusing advice, the decision
letter); the case's steps are declared in `casework.steps` and served by core's step view;
`advice` is a professional's workspace; `panels` is the SEND panel.
"""
