"""Checks of the Security Council votes that a schema cannot express.

The votes table (``security_council_votes.csv``) records each vote's counts,
the permanent members' votes and the outcome. The Charter ties these
together (Article 27: nine votes in favour, and on a draft resolution no
permanent member against), so a typo in a count or an outcome is caught
here, with the file, line and field named, before the table reaches the
package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # the checks only call methods of a Table; importing it here would be circular
    from analysis.ingest.authored.parse import Table

#: Members of the Security Council since the enlargement of 1 January 1966.
COUNCIL_SIZE = 15

#: Votes in favour a Council decision needs (Article 27 of the Charter).
MAJORITY = 9

#: The vote fields of the permanent members, whose vote against a draft resolution is a veto.
PERMANENT_VOTES: tuple[str, ...] = ("russia_vote", "china_vote", "us_vote", "uk_vote", "france_vote")

#: The four counts of a vote, in the order the tables give them.
COUNT_FIELDS: tuple[str, ...] = ("votes_yes", "votes_no", "votes_abstain", "votes_not_participating")

#: What each count counts, as the permanent members' votes are written.
COUNTED_VOTE: dict[str, str] = {
    "votes_yes": "yes", "votes_no": "no", "votes_abstain": "abstain", "votes_not_participating": "absent",
}

#: First day on which the Russian Federation held the former Soviet seat.
RUSSIAN_SEAT_FROM = "1991-12-25"


def expected_outcome(kind: str, yes: int, permanent: list[str]) -> str:
    """Return the outcome the Charter gives a vote: adopted, vetoed or not adopted.

    A decision needs nine votes in favour; on a draft resolution (not on a
    procedural motion) a permanent member's vote against is a veto, but only
    when the nine votes are there. ``permanent`` holds the permanent
    members' known votes.

    Examples
    --------
    >>> expected_outcome("draft resolution", 10, ["no", "yes"])
    'vetoed'
    >>> expected_outcome("draft resolution", 2, ["no", "no", "yes"])
    'not adopted'
    >>> expected_outcome("procedural motion", 11, ["no", "no"])
    'adopted'
    """
    if yes < MAJORITY:
        return "not adopted"
    if kind == "draft resolution" and "no" in permanent:
        return "vetoed"
    return "adopted"


def check_vote_counts(votes: Table) -> None:
    """Require the counts to add up to the Council and to hold the permanent members' votes."""
    for row in votes.rows:
        counts = {f: int(row.values[f]) for f in COUNT_FIELDS}
        if sum(counts.values()) != COUNCIL_SIZE:
            raise votes.fail(
                f"the counts {', '.join(str(counts[f]) for f in COUNT_FIELDS)} add up to "
                f"{sum(counts.values())}, not the Council's {COUNCIL_SIZE} members",
                line=row.line, field="votes_yes",
            )
        for field, vote in COUNTED_VOTE.items():
            named = [p for p in PERMANENT_VOTES if row.values[p] == vote]
            if len(named) > counts[field]:
                raise votes.fail(
                    f"{len(named)} permanent members voted {vote!r} ({', '.join(named)}) "
                    f"but {field} is {counts[field]}",
                    line=row.line, field=field,
                )


def check_vote_outcomes(votes: Table) -> None:
    """Require each outcome to follow from the counts and vetoes, and adopted drafts to be numbered."""
    for row in votes.rows:
        v = row.values
        permanent = [v[p] for p in PERMANENT_VOTES if v[p]]
        expected = expected_outcome(v["kind"], int(v["votes_yes"]), permanent)
        if v["outcome"] != expected:
            raise votes.fail(
                f"outcome {v['outcome']!r} does not follow from {v['votes_yes']} votes in favour "
                f"and the permanent members' votes {permanent}; expected {expected!r}",
                line=row.line, field="outcome",
            )
        numbered = v["kind"] == "draft resolution" and expected == "adopted"
        if numbered != bool(v["resolution"]):
            need = "needs its resolution number" if numbered else "has no resolution number"
            raise votes.fail(f"a {v['kind']} {v['outcome']} {need}", line=row.line, field="resolution")


def check_vote_ids(votes: Table) -> None:
    """Require each vote's identifier to carry its date."""
    for row in votes.rows:
        if row.values["vote_id"][3:13] != row.values["date"]:
            raise votes.fail(
                f"identifier {row.values['vote_id']!r} does not carry the date {row.values['date']!r}",
                line=row.line, field="vote_id",
            )


def check_vote_events(votes: Table, events: Table) -> None:
    """Require a vote's linked event to be dated to the day of the vote."""
    days = {r.values["event_id"]: r.values["start_date"] for r in events.rows
            if r.values["date_precision"] == "day"}
    for row in votes.rows:
        event = row.values["event_id"]
        if event and days.get(event) != row.values["date"]:
            raise votes.fail(
                f"event {event!r} is not dated to the day of the vote ({row.values['date']})",
                line=row.line, field="event_id",
            )


def check_votes(votes: Table, events: Table) -> None:
    """Run every check of this module on the votes table."""
    check_vote_ids(votes)
    check_vote_counts(votes)
    check_vote_outcomes(votes)
    check_vote_events(votes, events)


def russia_seat(day: pd.Timestamp) -> str:
    """Return who held the seat of the Russian Federation on ``day``.

    Examples
    --------
    >>> russia_seat(pd.Timestamp("1980-01-13")), russia_seat(pd.Timestamp("2006-12-23"))
    ('Soviet Union', 'Russian Federation')
    """
    return "Soviet Union" if day < pd.Timestamp(RUSSIAN_SEAT_FROM) else "Russian Federation"
