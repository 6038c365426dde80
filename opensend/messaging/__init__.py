"""Messages between a family and their caseworker: one secure thread per child.

Issue 14, item 5 ("Talk to the caseworker"). The family (a parent or carer with parental
responsibility, or the young person) and the child's caseworker write to each other about one
child; the rest of the child's SENAR team can read and answer when the caseworker is away.
Nobody else (schools, health, social care) sees the thread. Every message can carry a file
through the safe upload service; each side sees when the other has read what they sent; the
family is told how soon we reply (our customer charter, a local standard, not the law), and the
staff inbox lists the threads waiting for a reply, soonest due first.

Layout: models, access (who may read and write), services (writes, audited, atomic),
selectors (reads, the same 404 for missing and forbidden), forms, views, urls.
"""
