"""Articles written for the story tests (unit and integration): several stories, each told
by a few outlets.

Events, figures and people are invented; the places are real so the NER model
tags them as it tags news. Each tuple is (gold story, article).
"""

from __future__ import annotations

from streams.models import RawArticle


def _article(story: str, n: int, published: str | None, title: str, *paragraphs: str):
    return story, RawArticle(
        id=f"{story}-{n}",
        title=title,
        published_at=published,
        body="\n\n".join(paragraphs),
    )


QUAKE = [
    _article(
        "quake",
        1,
        "2025-03-03T06:00:00Z",
        "Strong earthquake hits northern Chile, dozens dead",
        "COPIAPO, Chile (Andes Wire) - A magnitude 7.4 earthquake struck the Atacama region of "
        "northern Chile before dawn on Monday, killing at least 42 people and toppling adobe "
        "houses in Copiapo and the mining town of Tierra Amarilla.",
        "Chile's disaster agency Senapred said rescue teams were digging through rubble in "
        "Copiapo, where the old market hall collapsed, and that the toll was likely to rise.",
        "The quake was felt as far away as Santiago. Copper mines in the region halted work "
        "while engineers checked tunnels for damage, and the coastal road to Caldera was cut "
        "by landslides.",
    ),
    _article(
        "quake",
        2,
        "2025-03-04T09:30:00Z",
        "Chile quake toll rises to 87 as rescuers search Copiapo rubble",
        "SANTIAGO (Pacific Daily) - The number of people killed by Monday's earthquake in the "
        "Atacama region rose to 87 on Tuesday, Interior Minister Carolina Reyes said, as "
        "rescuers worked through the night in Copiapo.",
        "More than 600 people were injured and some 9,000 were sleeping in tents and "
        "schools after aftershocks shook the region again overnight, Senapred said.",
        "President Tomas Aguilar flew to Copiapo and promised reconstruction funds for "
        "Tierra Amarilla, where most of the adobe houses were destroyed by the quake.",
    ),
    _article(
        "quake",
        3,
        "2025-03-05T14:00:00Z",
        "Death toll from Atacama earthquake passes 120",
        "Rescue teams in northern Chile pulled more bodies from collapsed buildings in "
        "Copiapo on Wednesday, taking the toll from the Atacama earthquake to 121, the "
        "disaster agency Senapred said.",
        "Mayor Ruben Castillo of Tierra Amarilla said the town still had no running water "
        "and that many families had lost their adobe homes. Aftershocks of magnitude 5 "
        "continued to rattle the region.",
        "The copper miners' union said two workers were missing in a tunnel near Copiapo.",
    ),
]

MARCH = [
    _article(
        "march",
        1,
        "2025-03-04T17:00:00Z",
        "Teachers march through Lisbon over pay",
        "LISBON (Iberia Press) - Tens of thousands of teachers marched through Lisbon on "
        "Tuesday to demand higher pay, filling the Avenida da Liberdade from Marques de "
        "Pombal square to the parliament building.",
        "The Fenprof union, which organised the march, said 80,000 people took part. Police "
        "put the crowd at about 25,000.",
        "Union leader Mario Nogueira said teachers would strike again next month if the "
        "education ministry did not reopen talks on salaries and careers.",
    ),
    _article(
        "march",
        2,
        "2025-03-04T20:00:00Z",
        "Police and union disagree over size of Lisbon teachers' protest",
        "Portugal's police said about 25,000 teachers joined Tuesday's march in Lisbon, far "
        "fewer than the 80,000 claimed by the Fenprof union.",
        "Marchers carried banners against the education ministry's pay offer along the "
        "Avenida da Liberdade. Education Minister Paula Matos said talks with the unions "
        "would resume, but that the budget left little room for raises.",
        "It was the largest teachers' protest in Portugal in a decade, the union said.",
    ),
]

REFUGEES = [
    _article(
        "refugees",
        1,
        "2025-03-02T11:00:00Z",
        "Thousands flee Darfur fighting into Chad",
        "ADRE, Chad (Sahel Report) - More than 14,000 people fleeing fighting in Sudan's West "
        "Darfur crossed into eastern Chad in the past week, the U.N. refugee agency said on "
        "Sunday, most of them women and children.",
        "Families arrived in the border town of Adre on foot and by donkey cart, many with "
        "wounds from attacks on their villages near El Geneina. The UNHCR said camps around "
        "Adre were already overcrowded and short of water.",
        "Chad's government appealed for food aid to feed the refugees.",
    ),
    _article(
        "refugees",
        2,
        "2025-03-05T08:00:00Z",
        "UNHCR says refugee arrivals in Chad from Darfur top 20,000",
        "GENEVA (World Desk) - The number of Sudanese refugees who have crossed into Chad from "
        "West Darfur since last week has risen above 20,000, the UNHCR said on Wednesday, "
        "warning that the camps near Adre could not cope.",
        "A spokeswoman for the U.N. refugee agency said new arrivals described villages around "
        "El Geneina being burned, and that many children were malnourished.",
        "The agency asked donors for $40 million to shelter and feed the refugees in Chad.",
    ),
]

# Two unrelated stories about one country in the same week: they must stay apart.
PERU_BUS = [
    _article(
        "peru-bus",
        1,
        "2025-03-06T07:00:00Z",
        "Bus plunges into ravine in Peru's Andes, killing 24",
        "CUSCO, Peru (Andes Wire) - A bus carrying farm workers plunged into a ravine on a "
        "mountain road in Peru's Cusco region early on Thursday, killing 24 people and "
        "injuring 17, the regional health office said.",
        "The bus was travelling from Quillabamba to Cusco when the driver lost control on a "
        "bend and the vehicle fell about 200 metres, police said. Firefighters used ropes "
        "to reach the wreckage at the bottom of the gorge.",
        "Road accidents on Peru's narrow mountain highways kill hundreds of people every year.",
    ),
    _article(
        "peru-bus",
        2,
        "2025-03-06T19:00:00Z",
        "Driver fatigue suspected in Cusco bus crash",
        "Investigators in Peru's Cusco region said on Thursday that the driver of the bus that "
        "fell into a gorge near Quillabamba may have fallen asleep at the wheel after a "
        "night shift.",
        "The toll from the crash rose to 26 after two injured passengers died in hospital in "
        "Cusco, the regional health office said. The bus company's licence was suspended.",
    ),
]
PERU_PROTEST = [
    _article(
        "peru-protest",
        1,
        "2025-03-06T21:00:00Z",
        "Protesters clash with police in Lima over Congress reform",
        "LIMA, Peru (Pacific Daily) - Thousands of protesters marched on Peru's Congress in "
        "Lima on Thursday against a reform that would let lawmakers remove judges, and police "
        "fired tear gas to disperse crowds near the Plaza San Martin.",
        "The ombudsman's office said 31 people were injured, including 9 police officers, and "
        "that 18 protesters were detained. Opposition parties called the reform an attack on "
        "the independence of the courts.",
        "President Tomas Quispe defended the bill and said Congress had the right to reform "
        "the judiciary.",
    ),
    _article(
        "peru-protest",
        2,
        "2025-03-07T10:00:00Z",
        "Peru's Congress delays judicial reform vote after Lima protests",
        "Peru's Congress postponed a vote on a contested reform of the judiciary on Friday, a "
        "day after protests in Lima left 31 people injured.",
        "Lawmakers said they would hear judges and the ombudsman before voting. Protest "
        "leaders said they would march on Congress again if the bill was not withdrawn, and "
        "the ombudsman asked police to avoid using tear gas.",
    ),
]

# One story reported from two countries: it must stay one story.
FERRY = [
    _article(
        "ferry",
        1,
        "2025-03-08T05:00:00Z",
        "Ferry carrying migrant workers sinks off Indonesia's Batam, 14 dead",
        "JAKARTA (Archipelago News) - A ferry carrying migrant workers home from Malaysia sank "
        "in rough seas off Batam island on Saturday, and 14 bodies have been recovered, "
        "Indonesia's search and rescue agency Basarnas said.",
        "The wooden ferry was carrying about 60 passengers from Johor in Malaysia when it "
        "capsized in high waves. Basarnas said 31 people were rescued and search boats were "
        "looking for the missing in the Singapore Strait.",
    ),
    _article(
        "ferry",
        2,
        "2025-03-08T16:00:00Z",
        "Malaysia says nine of its citizens among dead in Batam ferry sinking",
        "KUALA LUMPUR (Straits Courier) - Nine Malaysians were among the dead when a ferry "
        "from Johor sank off Indonesia's Batam island, Malaysia's foreign ministry said on "
        "Saturday, as the toll rose to 19.",
        "The ministry said its consulate was working with Indonesian rescuers from Basarnas "
        "and that families of the passengers could call a hotline in Johor Bahru. Most of "
        "those on board were workers returning from Malaysia for a holiday.",
    ),
]

# One line of news in two phases: a town's riot, then national statements on arrests that
# name neither the town nor anyone in it; later reports name both. The story stage may open
# two stories for it, which it links into one thread.
UNREST = [
    _article(
        "unrest",
        1,
        "2025-04-02T06:30:00Z",
        "Night of rioting in Roubaix after teenager dies in police chase",
        "ROUBAIX, France (Channel Wire) - Cars and a bus depot were set on fire in Roubaix "
        "overnight as hundreds of youths clashed with riot police after a 17-year-old died "
        "when his scooter crashed during a police chase, the Nord prefecture said.",
        "At least 31 police officers were injured, some hit by fireworks and paving stones, "
        "and 28 people were detained, the prefect of Nord told reporters in Lille.",
        "Mayor Guillaume Delbar appealed for calm and said the town hall annex on the "
        "Boulevard de Belfort had been looted.",
    ),
    _article(
        "unrest",
        2,
        "2025-04-03T08:00:00Z",
        "Second night of unrest in Roubaix, 45 officers hurt",
        "Riot police fired tear gas in Roubaix for a second night on Wednesday as the unrest "
        "over the teenager's death spread to neighbouring Tourcoing, the Nord prefecture said.",
        "The prefect said 45 officers had now been injured in the two nights and 64 people "
        "arrested in Roubaix and Tourcoing. A march in memory of the teenager is planned "
        "for Saturday.",
    ),
    _article(
        "unrest",
        3,
        "2025-04-10T10:00:00Z",
        "Arrests over week of disorder pass 900, interior ministry says",
        "PARIS (Channel Wire) - Police have arrested 912 people over a week of disorder in "
        "dozens of towns, and prosecutors have charged 340 of them, France's interior "
        "ministry said on Thursday.",
        "Some 2,400 officers remained deployed overnight, and courts were sitting late to "
        "fast-track cases, the ministry said, adding that rioters identified on video would "
        "be arrested in the coming weeks.",
        "Interior Minister Bruno Retailleau said the state would not let rioters set the law.",
    ),
    _article(
        "unrest",
        4,
        "2025-04-12T12:00:00Z",
        "Courts jail rioters as arrests top 1,100",
        "French courts have handed prison sentences to 180 people over the riots, the "
        "justice ministry said on Saturday, as arrests passed 1,100 nationwide.",
        "The disorder began in Roubaix after the death of a 17-year-old in a police chase and "
        "spread to dozens of towns. Police said 1,104 people had been arrested and 410 "
        "charged, and that more officers had been injured in the clashes.",
    ),
    _article(
        "unrest",
        5,
        "2025-04-15T09:00:00Z",
        "Police vow months of arrests after riots",
        "France's national police said on Tuesday that investigations into the riots would "
        "run for months, with 1,250 people arrested and 520 charged so far.",
        "Detectives are studying thousands of hours of video from Roubaix, Tourcoing and "
        "other towns, and rioters face fast-track courts, the police said.",
    ),
]

ARTICLES = [*QUAKE, *MARCH, *REFUGEES, *PERU_BUS, *PERU_PROTEST, *FERRY]
"""In stream order, interleaved by date."""

STREAM = sorted(ARTICLES, key=lambda pair: pair[1].published_at or "")

THREADED = sorted([*ARTICLES, *UNREST], key=lambda pair: pair[1].published_at or "")
"""The stream with `UNREST` in it."""
