"""Built-in pools of common names, by category, for name distractors a deck cannot supply.

Plain data, deliberately modest: a pool is the last resort after the author's
``distractors:`` and the deck's own names of the same category. Each pool mixes periods and
regions so a distractor rarely stands out by era or language alone.
"""

from __future__ import annotations

from quiz.values.common import drop_article, fold

PERSONS: tuple[str, ...] = (
    "George Washington", "Thomas Jefferson", "Benjamin Franklin", "John Adams",
    "Abraham Lincoln", "Theodore Roosevelt", "Franklin D. Roosevelt", "Harry S. Truman",
    "Dwight D. Eisenhower", "John F. Kennedy", "Richard Nixon", "Ronald Reagan",
    "George H. W. Bush", "Bill Clinton", "Barack Obama", "Joe Biden", "Hillary Clinton",
    "Condoleezza Rice", "Colin Powell", "Henry Kissinger", "Madeleine Albright",
    "John Kerry", "Rex Tillerson", "Mike Pompeo", "Robert Gates", "Donald Rumsfeld",
    "Charles de Gaulle", "Georges Pompidou", "Valéry Giscard d'Estaing", "François Mitterrand",
    "Jacques Chirac", "Nicolas Sarkozy", "François Hollande", "Laurent Fabius",
    "Dominique de Villepin", "Alain Juppé", "Florence Parly", "Sylvie Goulard",
    "Winston Churchill", "Margaret Thatcher", "Tony Blair", "Gordon Brown", "David Cameron",
    "Angela Merkel", "Helmut Kohl", "Konrad Adenauer", "Willy Brandt", "Mikhail Gorbachev",
    "Boris Yeltsin", "Vladimir Putin", "Nelson Mandela", "Mahatma Gandhi", "Jawaharlal Nehru",
    "Napoleon Bonaparte", "Otto von Bismarck", "Queen Victoria", "Marie Curie",
    "Albert Einstein", "Isaac Newton", "Galileo Galilei", "Charles Darwin", "Ada Lovelace",
    "Neil Armstrong", "Buzz Aldrin", "Yuri Gagarin", "Valentina Tereshkova", "Sally Ride",
    "John Glenn", "Alan Shepard", "Wernher von Braun", "Sergei Korolev", "Edwin Hubble",
    "Carl Sagan", "Johannes Kepler", "Nicolaus Copernicus", "Tycho Brahe",
)

CITIES: tuple[str, ...] = (
    "Paris", "Lyon", "Marseille", "Toulouse", "Nice", "Nantes", "Strasbourg", "Bordeaux",
    "Lille", "Rennes", "Montpellier", "Reims", "Grenoble", "Dijon", "London", "Berlin",
    "Madrid", "Rome", "Brussels", "Amsterdam", "Vienna", "Geneva", "Lisbon", "Warsaw",
    "Prague", "Stockholm", "Moscow", "Istanbul", "Athens", "Washington", "New York City",
    "Boston", "Philadelphia", "Chicago", "Los Angeles", "San Francisco", "Houston",
    "Baltimore", "Atlanta", "Miami", "Montreal", "Toronto", "Mexico City", "Buenos Aires",
    "Rio de Janeiro", "Cairo", "Baghdad", "Damascus", "Aleppo", "Beirut", "Tehran",
    "Kabul", "Riyadh", "Jerusalem", "Tokyo", "Beijing", "Shanghai", "Seoul", "Delhi",
    "Mumbai", "Sydney", "Nairobi", "Lagos", "Johannesburg",
)

COUNTRIES: tuple[str, ...] = (
    "France", "Germany", "Italy", "Spain", "Portugal", "Belgium", "Netherlands",
    "Luxembourg", "Switzerland", "Austria", "Poland", "Sweden", "Norway", "Denmark",
    "Finland", "Ireland", "United Kingdom", "Greece", "Turkey", "Russia", "Ukraine",
    "United States", "Canada", "Mexico", "Brazil", "Argentina", "Chile", "Egypt",
    "Morocco", "Algeria", "Tunisia", "Nigeria", "South Africa", "Kenya", "Ethiopia",
    "Saudi Arabia", "Iran", "Iraq", "Syria", "Jordan", "Israel", "Lebanon", "India",
    "Pakistan", "China", "Japan", "South Korea", "Vietnam", "Indonesia", "Australia",
    "New Zealand", "Nepal", "Bhutan", "Bangladesh", "Afghanistan", "Thailand", "Malaysia",
    "Philippines", "Mongolia", "Kazakhstan", "Uzbekistan", "Peru", "Colombia", "Venezuela",
    "Ecuador", "Bolivia", "Cuba", "Tanzania", "Uganda", "Ghana", "Senegal", "Libya", "Sudan",
    "Angola", "Congo", "Iceland", "Czech Republic", "Hungary", "Romania", "Bulgaria",
    "Serbia", "Croatia", "Belarus",
)

ORGANIZATIONS: tuple[str, ...] = (
    "NATO", "United Nations", "European Union", "World Bank", "International Monetary Fund",
    "World Trade Organization", "World Health Organization", "UNESCO", "OECD",
    "African Union", "Arab League", "Red Cross", "Interpol", "OPEC", "Council of Europe",
    "Warsaw Pact", "G7", "NASA", "European Space Agency", "CNES", "Roscosmos", "SpaceX",
    "al-Qaeda", "Hezbollah", "Hamas", "Boko Haram", "al-Shabaab", "Taliban",
)

EVENTS: tuple[str, ...] = (
    "American Revolution", "French Revolution", "War of 1812", "American Civil War",
    "Franco-Prussian War", "World War I", "World War II", "Korean War", "Vietnam War",
    "Cold War", "Gulf War", "Iraq War", "Seven Years' War", "Napoleonic Wars",
    "Crimean War", "Spanish Civil War", "Suez Crisis", "Cuban Missile Crisis",
    "Space Race", "Fall of the Berlin Wall",
)

PLANETS: tuple[str, ...] = (
    "Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune",
)

MOONS: tuple[str, ...] = (
    "the Moon", "Phobos", "Deimos", "Io", "Europa", "Ganymede", "Callisto", "Titan",
    "Enceladus", "Mimas", "Triton", "Charon", "Miranda", "Rhea", "Iapetus",
)

SPACECRAFT: tuple[str, ...] = (
    "Sputnik 1", "Explorer 1", "Vostok 1", "Apollo 11", "Apollo 13", "Voyager 1",
    "Voyager 2", "Pioneer 10", "Viking 1", "Hubble Space Telescope", "Cassini", "Galileo",
    "New Horizons", "Curiosity", "Perseverance", "Juno", "Rosetta", "Mir", "Skylab",
    "International Space Station", "James Webb Space Telescope", "Spirit", "Opportunity",
)

POOLS: dict[str, tuple[str, ...]] = {
    "person": PERSONS,
    "city": CITIES,
    "country": COUNTRIES,
    "organization": ORGANIZATIONS,
    "event": EVENTS,
    "war": EVENTS,
    "planet": PLANETS,
    "moon": MOONS,
    "spacecraft": SPACECRAFT,
    "probe": SPACECRAFT,
    "mission": SPACECRAFT,
}
"""Pools by category; see `pool_for` for the aliases and the reading of ``place``."""

ALIASES: dict[str, str] = {
    "people": "person", "leader": "person", "author": "person", "artist": "person",
    "scientist": "person", "astronaut": "person", "president": "person", "politician": "person",
    "organisation": "organization", "org": "organization", "agency": "organization",
    "nation": "country", "state": "country", "town": "city", "capital": "city",
    "ship": "spacecraft", "satellite": "spacecraft",
}
"""Other category words authors use for the same pool."""


def pool_for(category: str | None, answer_key: str) -> tuple[str, ...]:
    """The pool of common names for a category, or () when there is none.

    Args:
        category: The answer's category as written in the deck (lower-case).
        answer_key: The answer's comparison key, used to read ``place``: a country when the
            answer is a known country, a city otherwise.
    """
    if category is None:
        return ()
    name = ALIASES.get(category, category)
    if name == "place":
        return COUNTRIES if answer_key in _COUNTRY_KEYS else CITIES
    return POOLS.get(name, ())


def _key(text: str) -> str:
    return drop_article(fold(text)).replace(" ", "")


_COUNTRY_KEYS = frozenset(_key(c) for c in COUNTRIES)
