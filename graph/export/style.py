"""Colours shared by the exports: entity types and relation categories."""
from __future__ import annotations

TYPE_COLOURS = {
    "PERSON": "#4e79a7",
    "ORG": "#f28e2b",
    "GPE": "#59a14f",
    "NORP": "#b07aa1",
    "LOC": "#76b7b2",
    "FAC": "#9c755f",
    "EVENT": "#e15759",
}
OTHER_COLOUR = "#bab0ac"


def type_colour(entity_type: str | None) -> str:
    return TYPE_COLOURS.get(entity_type or "", OTHER_COLOUR)


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
