"""Sentences the synthetic articles are written from, invented for the benchmark.

Placeholders in braces are filled by `bench.corpus`: {place} (the story's
region), {town}, {country} and {other} (countries), {person} and {role}
(people quoted), {weekday}, {month}, {voice} (who gives a figure) and {fig}
(a figure with its qualifier, "about 4,200"). Story text mixes sentences with
figures that are claims, numbers that are not (distances, years, trucks), and
many sentences without any, as real reports do.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "CAPTIONS",
    "CLAUSES",
    "CLOSING_LINES",
    "CONTEXT",
    "FIGURE_SENTENCES",
    "GENERIC",
    "HEADLINES_ELSEWHERE",
    "KINDS",
    "NAV_LINES",
    "OCCUPATIONS",
    "OPENERS",
    "PEOPLE",
    "QUOTES",
    "REPORTERS",
    "REPORT_VERBS",
    "SYLLABLES",
    "TITLES",
    "WIDGETS",
]

KINDS: Final = ("quake", "flood", "march", "crossings", "troops", "wildfire")

SYLLABLES: Final = (
    ("Tar", "Vel", "Orn", "Kes", "Mal", "Dro", "Sar", "Bel", "Quin", "Hal", "Ost", "Rav", "Tem",
     "Lun", "Cor", "Ves", "Gar", "Pell", "Nor", "Isk", "Zel", "Mor", "Ard", "Fen"),
    ("a", "e", "i", "o", "u", "ar", "en", "ul", "ad", "im"),
    ("nia", "mora", "land", "via", "stan", "dor", "holm", "ria", "gard", "essa", "ovo", "ath",
     "mere", "ona", "iva", "und"),
)  # fmt: skip
"""Parts of invented place names: first + middle + last ("Velarnia", "Ostimdor")."""

PEOPLE: Final = (
    "Anika Doral", "Tomas Verin", "Lea Kostan", "Milo Andrel", "Sara Quell", "Jonas Pirel",
    "Nadia Orsk", "Pavel Lindqvist", "Irene Matto", "Ruben Celik", "Hana Voss", "Oskar Brevik",
    "Maren Toll", "Dario Fenn", "Elif Saran", "Karl Hedin", "Noor Baltz", "Vera Castellan",
    "Ilya Marek", "Zofia Arden", "Teodor Rusk", "Amara Kiel", "Luka Demir", "Petra Halvor",
)  # fmt: skip

OCCUPATIONS: Final = (
    "a teacher", "a shopkeeper", "a retired nurse", "a bus driver", "a farmer",
    "a student", "a volunteer", "a local councillor", "a fisherman", "a mechanic",
    "a pharmacist", "a mother of three", "a baker", "a taxi driver", "an engineer",
)  # fmt: skip

TITLES: Final = {
    "quake": (
        "Earthquake in {place} province leaves thousands without shelter",
        "Rescuers dig through rubble after {place} earthquake",
        "Aftershocks rattle {place} as officials count the dead",
        "{place} quake: anger grows over slow aid",
        "Officials disagree over the toll of the {place} earthquake",
    ),
    "flood": (
        "Floods sweep through {place} province after days of rain",
        "{place} floods: villages cut off as rivers burst their banks",
        "Rescue boats reach flooded towns in {place}",
        "Toll of the {place} floods disputed as waters recede",
    ),
    "march": (
        "Thousands march in {town} against pension overhaul",
        "Police and organisers at odds over {town} protest",
        "{town} protest: arrests after clashes near parliament",
        "Unions bring {town} to a standstill with mass march",
    ),
    "crossings": (
        "People fleeing {other} pour into {country}",
        "{country} and U.N. agency differ on number of arrivals from {other}",
        "Border towns in {country} struggle with arrivals from {other}",
        "Crossings from {other} into {country} keep rising",
    ),
    "troops": (
        "{country} sends troops to {other}, officials say",
        "Estimates of {country}'s deployment to {other} diverge",
        "{country}'s soldiers in {other}: what we know",
        "Intelligence agencies differ on the size of {country}'s force in {other}",
    ),
    "wildfire": (
        "Wildfire forces evacuations across {place}",
        "Firefighters battle blaze near {town} as winds pick up",
        "{place} fire: residents flee as flames reach the hills",
        "Evacuation orders widen as {place} fire spreads",
    ),
}  # fmt: skip

FIGURE_SENTENCES: Final = {
    "killed": (
        "{voice} said {fig} people had been killed in {place} province since the {hazard} "
        "struck on {weekday}.",
        "The death toll in {place} province rose to {fig}, {voice} said on {weekday}.",
        "{voice} put the number of dead at {fig}, many of them in the villages around {town}.",
        "At a briefing in {town}, {voice} said {fig} people had died in {place} province.",
    ),
    "wounded": (
        "{voice} said {fig} people had been injured, most of them in {town}.",
        "Hospitals across {place} province were treating {fig} injured people, {voice} said.",
        "{voice} said {fig} people were hurt when buildings collapsed in {town}.",
    ),
    "displaced": (
        "{voice} estimated that {fig} people had been displaced by the {hazard} in {place} "
        "province.",
        "{voice} said {fig} people in {place} province had been left homeless.",
    ),
    "missing": (
        "{voice} said {fig} people were still missing in {place} province on {weekday}.",
    ),
    "crowd": (
        "{voice} said {fig} people marched through {town} on {weekday} against the pension "
        "reform.",
        "{voice} put the crowd in {town} at {fig}.",
        "{voice} said {fig} protesters had gathered in the centre of {town} by midday.",
    ),
    "arrested": (
        "{voice} said {fig} people were arrested in {town} after scuffles near the parliament "
        "building.",
        "{voice} said {fig} protesters had been detained in {town} by the evening.",
    ),
    "crossed": (
        "{voice} said {fig} people had crossed from {other} into {country} since {month} 1.",
        "{voice} said {fig} refugees had fled into {country} since the fighting in {other} "
        "began in {month}.",
        "According to {voice}, {fig} people have crossed into {country} from {other} since "
        "the start of {month}.",
    ),
    "sent": (
        "{other} has sent {fig} troops to {country}, {voice} said.",
        "{voice} said {other} had deployed {fig} soldiers to {country} since {month}.",
        "{voice} estimated that {other} had sent {fig} troops to {country}.",
    ),
    "evacuated": (
        "{voice} said {fig} residents had been evacuated from towns in {place} province.",
        "{voice} said {fig} people had been evacuated from {place} province as the fire "
        "spread toward {town}.",
    ),
}  # fmt: skip
"""One sentence per claim; `bench.corpus.MEASURES` says which measures each kind reports."""

CONTEXT: Final = {
    "quake": (
        "The {hazard} struck shortly before dawn, when most families in {town} were asleep.",
        "Rescue teams worked through the night with cranes and bare hands, pulling survivors "
        "from collapsed apartment blocks.",
        "The epicentre was about 40 km north of {town}, at a depth of 10 km, according to "
        "the national seismology institute.",
        "Aftershocks continued through {weekday}, forcing residents who had returned home "
        "to sleep in cars and tents.",
        "Roads into the mountain villages were blocked by landslides, and aid had to be "
        "flown in by helicopter.",
        "Many of the older houses in {place} were built of stone and mud brick, which "
        "crumbled in seconds.",
        "Schools and sports halls in {town} have been turned into shelters for those whose "
        "homes were destroyed.",
        "The government declared three days of national mourning and promised to rebuild "
        "every damaged school.",
        "Engineers warned that several bridges on the main highway were unsafe and closed "
        "them to heavy traffic.",
        "Power and water were cut in large parts of the province, and mobile networks "
        "worked only intermittently.",
    ),
    "flood": (
        "Rivers across {place} province rose to their highest level in decades after a week "
        "of torrential rain.",
        "Whole neighbourhoods of {town} were under water by {weekday}, with only rooftops "
        "visible in places.",
        "Rescue boats ferried families from their homes to higher ground as the water kept "
        "rising.",
        "Farmers said the floods had ruined the harvest just weeks before it was due to be "
        "brought in.",
        "The weather service warned of more heavy rain in the mountains over the coming days.",
        "Residents complained that drainage channels had not been cleared for years despite "
        "repeated warnings.",
        "The main railway line through the province was suspended after part of an "
        "embankment was washed away.",
        "Health officials urged people to boil drinking water and warned of the risk of "
        "disease in the shelters.",
        "Army trucks carried food, blankets and water purification tablets to the worst-hit "
        "villages.",
    ),
    "march": (
        "The reform would raise the retirement age by two years over the next decade.",
        "Marchers carried banners and union flags along the main avenue toward the "
        "parliament building.",
        "Trains and buses ran a reduced service for most of the day as transport workers "
        "joined the strike.",
        "The government says the overhaul is needed to keep the pension system solvent as "
        "the population ages.",
        "Union leaders said they would keep up the pressure until the bill was withdrawn.",
        "Shops along the route pulled down their shutters as the procession passed.",
        "Opposition parties have promised to challenge the reform in the constitutional "
        "court.",
        "The labour minister said the door to talks remained open but that the bill would "
        "not be withdrawn.",
        "Most of the march was peaceful, with music, drums and families with children.",
        "Riot police used tear gas briefly near the finance ministry late in the afternoon.",
    ),
    "crossings": (
        "Families waited for hours at the main border crossing, many carrying only what "
        "they could hold.",
        "Aid groups set up tents, field kitchens and medical points on the {country} side "
        "of the border.",
        "Fighting in the north of {other} intensified at the start of {month}, driving "
        "people from their towns.",
        "Local authorities in {country} said schools and sports halls had been opened to "
        "house the new arrivals.",
        "Some of those crossing said they had walked for three days to reach the border.",
        "The government of {country} has asked for international help to cope with the "
        "arrivals.",
        "Officials said many of those counted were seasonal workers who cross the border "
        "every spring.",
        "Volunteers handed out water, blankets and baby food at the crossing point.",
        "Human rights groups urged {country} to keep its border open and to register every "
        "new arrival.",
    ),
    "troops": (
        "Neither government has publicly confirmed the deployment.",
        "Satellite images showed large numbers of military vehicles at a base near the "
        "border, analysts said.",
        "The troops are believed to have been trained for several weeks before being moved "
        "to the front.",
        "Western officials said the deployment marked a significant escalation of the "
        "conflict.",
        "The two governments signed a mutual defence treaty last year.",
        "Analysts cautioned that estimates of the deployment varied widely and were hard to "
        "verify independently.",
        "The foreign ministry summoned the ambassador to protest against the deployment.",
        "Military experts said the soldiers lacked experience of modern drone warfare.",
        "Reports of casualties among the newly arrived units could not be confirmed.",
    ),
    "wildfire": (
        "Strong, dry winds pushed the fire across the hills faster than crews could "
        "contain it.",
        "Smoke blanketed {town} for a second day, and schools were closed as a precaution.",
        "Water-bombing aircraft flew from dawn until dusk, refilling at a reservoir about "
        "30 km away.",
        "Residents described packing their cars in minutes as the flames came over the ridge.",
        "The fire service said the blaze had burned through forest and farmland on both "
        "sides of the valley.",
        "Firefighters from neighbouring provinces were sent to relieve exhausted local "
        "crews.",
        "Officials said the fire may have been started by a spark from farm machinery.",
        "Temperatures are forecast to stay above 38 degrees for the rest of the week.",
    ),
}  # fmt: skip
"""Sentences about each kind of story that carry no claim."""

GENERIC: Final = (
    "Officials said it was too early to give a full assessment of the damage.",
    "The situation remained tense on {weekday} evening, with more announcements expected "
    "overnight.",
    "The prime minister is due to visit {town} later this week.",
    "Opposition politicians accused the government of being slow to respond.",
    "International organisations said they stood ready to help if asked.",
    "Local radio stations broadcast lists of missing relatives and appeals for information.",
    "Many residents said they had received no official information at all.",
    "The figures could not be independently verified.",
    "Journalists were allowed into the area only with an official escort.",
    "Neighbouring countries offered assistance and sent messages of solidarity.",
    "A parliamentary committee will examine the government's response next month.",
    "Social media was flooded with videos from the scene, some of them impossible to verify.",
    "Church and mosque leaders called for calm and organised collections of food and "
    "clothing.",
    "The regional governor cancelled a planned trip abroad to return to {town}.",
    "The central bank said the economic impact was likely to be limited.",
    "Several foreign embassies advised their citizens to avoid the area until further "
    "notice.",
    "Officials promised an inquiry once the emergency was over.",
    "The Red Cross appealed for blood donations and volunteers.",
    "Local businesses said they had lost weeks of trade.",
    "The story was still developing on {weekday} night, and this article will be updated.",
    "A government spokesperson said all available resources had been mobilised.",
    "Critics said warnings issued in {month} had been ignored.",
    "Officials in {town} said they were working around the clock.",
    "The national broadcaster interrupted its programmes to carry live coverage.",
)  # fmt: skip
"""Sentences without figures that fit any story."""

QUOTES: Final = (
    '"We lost everything in a few minutes. We have nothing left but the clothes we are '
    'wearing," said {person}, {role} from {town}.',
    '"Nobody came to help us for two days. We did it ourselves," said {person}, {role}.',
    '"I have never seen anything like this in my life," said {person}, {role} who has '
    "lived in {town} for forty years.",
    '"The numbers keep changing, and nobody tells us which ones are true," said {person}, '
    "{role}.",
    '"We will not stop until we are heard," said {person}, {role} who travelled to {town} '
    "for the day.",
    '"My neighbours are still out there, and we do not know where they are," said '
    "{person}, {role}.",
    '"The government has to explain why it took so long," said {person}, {role} from '
    "{town}.",
    '"We are doing everything we can, but the need is enormous," said {person}, who '
    "coordinates volunteers in {town}.",
    '"People are tired and frightened, but they are helping each other," said {person}, '
    "{role}.",
    '"It is the worst I have seen in twenty years of this work," said {person}, {role}.',
)  # fmt: skip

HEADLINES_ELSEWHERE: Final = (
    "Bridge collapse in {elsewhere} kills {n}",
    "Storm leaves {n} dead in {elsewhere}",
    "{n} evacuated as river rises in {elsewhere}",
    "Teachers' strike closes {n} schools in {elsewhere}",
    "{elsewhere} protest draws {n}, police say",
    "Ferry capsizes off {elsewhere}, {n} missing",
    "{elsewhere} sends {n} peacekeepers abroad",
    "Opinion: why the figures never add up",
    "Markets slip as investors wait for rate decision",
    "Football: {elsewhere} win the cup in extra time",
    "Heatwave: {n} admitted to hospital in {elsewhere}",
)  # fmt: skip
"""Other stories' headlines: page clutter whose figures must never become claims."""

NAV_LINES: Final = (
    "Home | World | Politics | Business | Sport | Culture | Opinion",
    "World > Europe > {country}",
    "News | Video | Live | Weather | Newsletters",
    "Menu",
    "Search",
    "Skip to main content",
    "Listen to this article 4 min",
    "Share this article",
)  # fmt: skip

WIDGETS: Final = (
    "Advertisement",
    "Sign up for our newsletter: the day's news in five minutes, every morning.",
    "Download our app for breaking news alerts, available on the App Store and Google Play.",
    "We use cookies to improve your experience. Accept all | Reject | Manage settings",
    "Support our journalism: subscribe from 1 euro a month.",
    "Be the first to comment. Join the conversation.",
    "Follow us on social media",
    "Already a subscriber? Log in to continue reading.",
)  # fmt: skip

CAPTIONS: Final = (
    "Photo: Rescuers search the rubble in {town}. ({outlet} / {person})",
    "Residents gather outside a shelter in {town} on {weekday}. Photo: {person} / {outlet}",
    "Image: An aerial view of {town}. Credit: {person} for {outlet}",
)  # fmt: skip

CLOSING_LINES: Final = (
    "Copyright 2025 {outlet}. All rights reserved.",
    "(c) 2025 {outlet} Media Group. This material may not be published, broadcast, "
    "rewritten or redistributed.",
    "All content (c) {outlet} 2025.",
)  # fmt: skip

OPENERS: Final = (
    "On {weekday}", "Late on {weekday}", "Earlier in the day", "In a statement",
    "Speaking in {town}", "By {weekday} evening", "At a news conference", "Hours later",
    "Separately", "In an interview",
)  # fmt: skip

REPORTERS: Final = (
    "the regional governor's office", "a senior police officer", "the health ministry",
    "a spokesperson for the aid agency", "the mayor of {town}", "a government minister",
    "the interior ministry", "a local official", "the emergency services",
    "an opposition lawmaker", "the president's office", "a spokesman for the army",
    "an official at the town hall", "a diplomat in {town}", "the civil protection agency",
)  # fmt: skip

REPORT_VERBS: Final = (
    "said", "told reporters", "said in a statement", "told local radio", "wrote online",
    "confirmed", "warned",
)  # fmt: skip

CLAUSES: Final = (
    "the emergency services had been stretched to the limit",
    "more aid would arrive within days",
    "the army had been asked to help with logistics",
    "the priority was to reach the most remote communities",
    "a full investigation would be opened once the crisis was over",
    "the authorities had been prepared for the worst",
    "the government would cover the cost of temporary housing",
    "some of the first reports had been exaggerated",
    "the situation was under control",
    "people should follow only official instructions",
    "the next few days would be critical",
    "coordination between agencies had improved since the first day",
    "the main road had reopened to emergency vehicles",
    "donations had poured in from across the country",
    "shelters in the area were almost full",
    "officials were still collecting information from the villages",
    "the government had underestimated the scale of the crisis",
    "volunteers had arrived from neighbouring towns",
    "a hotline had been set up for worried relatives",
    "talks with international partners were continuing",
    "the response had been slowed by bad weather",
    "local hospitals were coping but needed more staff",
    "schools in the area would stay closed until further notice",
    "no decision had yet been taken on compensation",
    "the figures would be revised as more information came in",
    "communications with several districts had been restored",
    "it was not the time for political arguments",
    "people in the affected areas should stay away from damaged buildings",
)  # fmt: skip
"""Reported clauses without figures, read as "{opener}, {reporter} {verb} that {clause}"."""
