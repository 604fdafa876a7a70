"""What changed in a plan between two versions of a group file, in plain words for the client.

A pure function of two models: the booklet's Start shows its result ("wat is er veranderd"), so
the sentences speak to the client ("je") and may quote the plan (the booklet is encrypted). They
never reach a message or a log.
"""

from __future__ import annotations

from resourceboek.groupfile.model import Groep, Kortetermijndoel, Status

DONE = (Status.bereikt, Status.gestopt)


def plan_changes(before: Groep, after: Groep) -> list[str]:
    """Sentences for what changed from `before` to `after`; empty when nothing did."""
    return [
        *_goal_changes(before.kortetermijndoelen, after.kortetermijndoelen),
        *_long_term_changes(before.langetermijndoelen, after.langetermijndoelen),
        *_plan_part_changes(before, after),
    ]


def _goal_changes(before: list[Kortetermijndoel], after: list[Kortetermijndoel]) -> list[str]:
    old = {goal.doel: goal for goal in before}
    found = []
    for goal in after:
        was = old.get(goal.doel)
        if was is None:
            found.append(f"Nieuw doel: {goal.doel}")
        elif goal.status == Status.bereikt and was.status != Status.bereikt:
            found.append(f"Doel bereikt: {goal.doel}")
        elif goal.status == Status.gestopt and was.status != Status.gestopt:
            found.append(f"Gestopt met het doel: {goal.doel}")
        elif goal != was:
            found.append(f"Doel aangepast: {goal.doel}")
    kept = {goal.doel for goal in after}
    found += [f"Doel van de lijst: {goal.doel}" for goal in before if goal.doel not in kept]
    return found


def _long_term_changes(before: list[str], after: list[str]) -> list[str]:
    found = [f"Nieuw doel voor later: {goal}" for goal in after if goal not in before]
    return found + [f"Doel voor later van de lijst: {goal}" for goal in before if goal not in after]


PARTS = (
    ("signalen", "De signalen dat het niet goed gaat zijn veranderd."),
    ("contact_bij_crisis", "Wie er gebeld wordt bij een crisis is veranderd."),
    ("medicatie_helpt", "De medicatie die je helpt bij een crisis is veranderd."),
    ("medicatie_weigeren", "De medicatie die je niet wilt is veranderd."),
)
"""The parts of the signaleringsplan whose change the client should see at once."""


def _plan_part_changes(before: Groep, after: Groep) -> list[str]:
    old, new = before.signaleringsplan, after.signaleringsplan
    found = [text for part, text in PARTS if getattr(old, part) != getattr(new, part)]
    if _phones(before) != _phones(after):
        found.append("Telefoonnummers of e-mailadressen in je contacten zijn veranderd.")
    return found


def _phones(groep: Groep) -> dict[str, tuple[str | None, str | None]]:
    return {key: (p.telefoon, p.email) for key, p in groep.personen.items()}
