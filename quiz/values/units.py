"""Units of measure: which words name one, its dimension, and converting between them.

A small table knows the units decks and learners use most (metric and U.S. lengths,
masses, areas, volumes, temperatures, speeds, durations, powers), so grading ``31 miles``
against ``50 km`` costs a dictionary look-up. A unit the table does not know (``27
nautical leagues``, ``3 furlongs``) is asked of pint, the units library of the field. pint
takes about a second to import and build, so it is never imported with this module:
`warm` loads it in the background (the study service starts it once a deck with units is
asking its first question) and grading only waits for that load when it is still running.
Counted nouns ("troops", "people") are no unit at all.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from functools import lru_cache
from typing import Any

from quiz.frozen import Record
from quiz.patterns import LazyPattern


class Unit(Record):
    """A unit of the table: its dimension and how to reach the dimension's base unit."""

    key: str
    dimension: str
    factor: Decimal
    offset: Decimal = Decimal(0)
    """Added after the factor (temperatures): base = amount × factor + offset."""


def _d(text: str) -> Decimal:
    return Decimal(text)


_FIVE_NINTHS = Decimal(5) / Decimal(9)
# key: (dimension, factor to the base unit, written forms). Bases: metre, kilogram,
# square metre, litre, kelvin, metre per second, second, watt.
_TABLE: dict[str, tuple[str, Decimal, tuple[str, ...]]] = {
    "km": ("length", _d("1000"), ("km", "kilometre", "kilometres", "kilometer", "kilometers", "kms")),
    "m": ("length", _d("1"), ("m", "metre", "metres", "meter", "meters")),
    "cm": ("length", _d("0.01"), ("cm", "centimetre", "centimetres", "centimeter", "centimeters")),
    "mm": ("length", _d("0.001"), ("mm", "millimetre", "millimetres", "millimeter", "millimeters")),
    "mi": ("length", _d("1609.344"), ("mi", "mile", "miles", "statute miles")),
    "nmi": ("length", _d("1852"), ("nmi", "nautical mile", "nautical miles", "nm")),
    "ft": ("length", _d("0.3048"), ("ft", "foot", "feet", "'")),
    "yd": ("length", _d("0.9144"), ("yd", "yds", "yard", "yards")),
    "in": ("length", _d("0.0254"), ("in", "inch", "inches", '"')),
    "kg": ("mass", _d("1"), ("kg", "kgs", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos")),
    "g": ("mass", _d("0.001"), ("g", "gram", "grams", "gramme", "grammes")),
    "lb": ("mass", _d("0.45359237"), ("lb", "lbs", "pound", "pounds")),
    "oz": ("mass", _d("0.028349523125"), ("oz", "ounce", "ounces")),
    "st": ("mass", _d("6.35029318"), ("stone", "stones")),
    "t": ("mass", _d("1000"), ("t", "tonne", "tonnes", "metric ton", "metric tons", "metric tonnes")),
    "ton": ("mass", _d("907.18474"), ("ton", "tons", "short ton", "short tons")),
    "km2": ("area", _d("1000000"), ("km2", "km²", "sq km", "sq. km", "square kilometre", "square kilometres",
                                    "square kilometer", "square kilometers")),
    "m2": ("area", _d("1"), ("m2", "m²", "sq m", "square metre", "square metres", "square meter", "square meters")),
    "mi2": ("area", _d("2589988.110336"), ("mi2", "mi²", "sq mi", "sq. mi", "square mile", "square miles")),
    "ft2": ("area", _d("0.09290304"), ("ft2", "ft²", "sq ft", "sq. ft", "square foot", "square feet")),
    "ha": ("area", _d("10000"), ("ha", "hectare", "hectares")),
    "acre": ("area", _d("4046.8564224"), ("acre", "acres")),
    "l": ("volume", _d("1"), ("l", "litre", "litres", "liter", "liters")),
    "ml": ("volume", _d("0.001"), ("ml", "millilitre", "millilitres", "milliliter", "milliliters")),
    "gal": ("volume", _d("3.785411784"), ("gal", "gallon", "gallons", "us gallons")),
    "m3": ("volume", _d("1000"), ("m3", "m³", "cubic metre", "cubic metres", "cubic meter", "cubic meters")),
    "°c": ("temperature", _d("1"), ("°c", "c", "ºc", "degrees celsius", "celsius", "degrees c", "deg c",
                                    "degrees centigrade", "centigrade")),
    "°f": ("temperature", _FIVE_NINTHS, ("°f", "f", "ºf", "degrees fahrenheit", "fahrenheit", "degrees f", "deg f")),
    "k": ("temperature", _d("1"), ("kelvin", "kelvins", "degrees kelvin")),
    "km/h": ("speed", _d("1000") / _d("3600"), ("km/h", "kph", "kmh", "km per hour", "kilometres per hour",
                                                "kilometers per hour")),
    "mph": ("speed", _d("0.44704"), ("mph", "miles per hour", "mi/h")),
    "m/s": ("speed", _d("1"), ("m/s", "metres per second", "meters per second")),
    "kn": ("speed", _d("1852") / _d("3600"), ("kn", "kt", "kts", "knot", "knots")),
    "s": ("time", _d("1"), ("s", "sec", "secs", "second", "seconds")),
    "min": ("time", _d("60"), ("min", "mins", "minute", "minutes")),
    "h": ("time", _d("3600"), ("h", "hr", "hrs", "hour", "hours")),
    "day": ("time", _d("86400"), ("day", "days")),
    "week": ("time", _d("604800"), ("week", "weeks", "wk", "wks")),
    "month": ("time", _d("2629800"), ("month", "months")),
    "year": ("time", _d("31557600"), ("year", "years", "yr", "yrs")),
    "w": ("power", _d("1"), ("w", "watt", "watts")),
    "kw": ("power", _d("1000"), ("kw", "kilowatt", "kilowatts")),
    "mw": ("power", _d("1000000"), ("mw", "megawatt", "megawatts")),
    "gw": ("power", _d("1000000000"), ("gw", "gigawatt", "gigawatts")),
}
_OFFSETS = {"°c": Decimal("273.15"), "°f": Decimal("459.67") * _FIVE_NINTHS}

UNITS: dict[str, Unit] = {
    key: Unit(key, dim, factor, _OFFSETS.get(key, Decimal(0))) for key, (dim, factor, _) in _TABLE.items()
}
"""The table's units by canonical key."""

_FORMS: dict[str, str] = {form: key for key, (_, _, forms) in _TABLE.items() for form in forms}

LETTERS: dict[str, dict[str, str]] = {"length": {"m": "m"}, "mass": {"t": "t"}}
"""Unit letters that glue to a number as scale letters do: "330m" is metres for a length
("m" is otherwise million), "5t" tonnes for a mass."""


def unit_key(unit: str | None) -> str | None:
    """The canonical key of a unit the table knows ("kilometres" -> "km"), else None.

    Counted nouns ("troops", "people") have no key: they never make an answer wrong.
    """
    if not unit:
        return None
    return _FORMS.get(unit.casefold().strip(" ."))


def dimension(unit: str | None) -> str | None:
    """The dimension of a unit the table knows ("length" for "miles"), else None."""
    key = unit_key(unit)
    return UNITS[key].dimension if key else None


class Conversion(Record):
    """An amount moved into another unit, or why it could not be."""

    amount: Decimal | None
    """The amount in the target unit, or None."""
    same_dimension: bool
    """False when both are units but measure different things (miles and kilograms)."""


NOT_UNITS = Conversion(None, True)
"""One side is no unit at all (a counted noun): nothing to convert, nothing wrong."""


def convert(amount: Decimal, source: str, target: str) -> Conversion:
    """Express ``amount`` of unit ``source`` in unit ``target``.

    Both are written units ("miles", "km"). The table answers when it knows both; when
    it knows one and not the other, pint is asked (imported on first use).
    """
    a, b = unit_key(source), unit_key(target)
    if a is not None and b is not None:
        ua, ub = UNITS[a], UNITS[b]
        if ua.dimension != ub.dimension:
            return Conversion(None, False)
        return Conversion((amount * ua.factor + ua.offset - ub.offset) / ub.factor, True)
    if a is None and b is None:
        return NOT_UNITS
    if _PINT_WORTHY.fullmatch(source if a is None else target) is None:
        return NOT_UNITS  # "or so", "troops of the line": no unit pint could know
    return _pint_convert(amount, source if a is None else a, target if b is None else b)


_PINT_WORTHY = LazyPattern(r"(?:[a-zA-Z°µ²³/]+(?: |$)){1,3}")
"""What pint is asked about: one to three words of letters ("nautical leagues")."""

# pint names for the table's keys where they differ from the key.
_PINT_NAMES = {
    "°c": "degC", "°f": "degF", "k": "kelvin", "km2": "km**2", "m2": "m**2", "mi2": "mi**2",
    "ft2": "ft**2", "m3": "m**3", "st": "stone", "ton": "short_ton", "kn": "knot",
    "min": "minute", "h": "hour", "w": "W", "kw": "kW", "mw": "MW", "gw": "GW", "in": "inch",
}


def _pint_convert(amount: Decimal, source: str, target: str) -> Conversion:
    """`convert` through pint, for a unit outside the table; NOT_UNITS when pint knows neither."""
    registry = _registry()
    if registry is None:
        return NOT_UNITS
    units = [_pint_unit(registry, _PINT_NAMES.get(u, u)) for u in (source, target)]
    if units[0] is None or units[1] is None:
        return NOT_UNITS
    try:
        quantity = registry.Quantity(float(amount), units[0])
        if quantity.dimensionality != registry.Quantity(1, units[1]).dimensionality:
            return Conversion(None, False)
        return Conversion(Decimal(repr(float(quantity.to(units[1]).magnitude))), True)
    except Exception:  # noqa: BLE001 - pint raises many kinds; a failed conversion is no conversion
        return NOT_UNITS


@lru_cache(maxsize=256)
def _pint_unit(registry: Any, text: str) -> Any:
    """pint's unit for a written unit ("nautical miles"), or None when it is no unit."""
    for candidate in (text.strip(" ."), text.strip(" .").replace(" ", "_")):
        try:
            unit = registry.parse_units(candidate)
        except Exception:  # noqa: BLE001 - UndefinedUnitError, syntax errors of its parser
            continue
        if not unit.dimensionless:
            return unit
    return None


def may_use_pint(unit: str | None) -> bool:
    """Whether grading against an answer in ``unit`` can ever ask pint (see `convert`).

    Only an answer with a unit can: one the table knows (a learner may type "furlongs")
    or one it does not that pint might ("troops" against a learner's "km").
    """
    if not unit:
        return False
    return unit_key(unit) is not None or _PINT_WORTHY.fullmatch(unit) is not None


def warm() -> None:
    """Import pint and build the registry `convert` uses, now rather than while grading.

    Safe to call from any thread, any number of times: the registry is built once, and a
    grading call that needs it meanwhile waits for this build instead of starting another.
    """
    registry = _registry()
    if registry is not None:
        _pint_convert(Decimal(1), "furlong", "m")  # pint's parser and converter caches


_pint_lock = threading.Lock()
_pint: list[Any] = []
"""The registry once built (None when pint is missing): empty until `_registry` runs."""


def _registry() -> Any:
    """pint's unit registry, imported and built on first use; None if pint is missing."""
    if not _pint:
        with _pint_lock:
            if not _pint:
                _pint.append(_build_registry())
    return _pint[0]


def _build_registry() -> Any:
    """Import pint and build a registry (about a second); None if pint is missing. Both
    stay as long as the process, built without the collector (`quiz.collector`)."""
    from quiz.collector import long_lived

    with long_lived():
        try:
            import pint
        except ImportError:
            return None
        return pint.UnitRegistry()
