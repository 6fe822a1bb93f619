"""Closing and reopening a young person's case, and the transfer summary.

Closing reaches into every app below it (case teams and grants, meetings, advocacy, the
portal account), so it sits on top with the other screens that gather from many apps. The
closure itself is a fact about the young person, kept in `participation.models.CaseClosure`.
"""
