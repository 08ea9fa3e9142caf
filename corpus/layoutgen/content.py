# ruff: noqa: E501  (the content bank keeps each text on one line)
"""The content bank: Swedish risk, control and follow-up texts, organs and municipalities.

Written for the generator (not copied from the seed documents): areas of municipal work,
each with risks (title, description) and controls (what is checked, how), and the
shared pools of frequencies, responsibles, results and prose the documents are made of.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

KOMMUNER = Path(__file__).resolve().parents[2] / "normalize" / "data" / "kommuner.csv"


@dataclass(frozen=True, slots=True)
class Area:
    """A process or area of work with its risks and controls."""

    name: str
    risks: tuple[tuple[str, str], ...]  # (title, description)
    controls: tuple[tuple[str, str], ...]  # (control, method)


@dataclass(frozen=True, slots=True)
class Organ:
    """A committee or board, the areas it plans for and its short form."""

    name: str
    short: str
    areas: tuple[str, ...]


def municipalities() -> list[tuple[str, str]]:
    """Given the package's municipality list, (code, name) of every Swedish municipality."""
    with KOMMUNER.open(encoding="utf-8", newline="") as fh:
        return [(row["code"], row["name"]) for row in csv.DictReader(fh)]


AREAS: dict[str, Area] = {
    a.name: a
    for a in (
        Area(
            "Ekonomi",
            (
                ("Felaktiga utbetalningar till leverantörer",
                 "Fakturor betalas utan att varan eller tjänsten är levererad eller till fel mottagare."),
                ("Bristande budgetföljsamhet",
                 "Verksamheten överskrider sin budgetram utan att åtgärder vidtas i tid."),
                ("Attest sker i strid med attestreglementet",
                 "Beslutsattest görs av någon som saknar behörighet eller attesterar egna kostnader."),
                ("Felaktig periodisering vid bokslut",
                 "Intäkter och kostnader hamnar på fel år och ger en missvisande bild av resultatet."),
                ("Oklara representationskostnader",
                 "Representation saknar syfte och deltagarförteckning enligt riktlinjen."),
                ("Brister i hanteringen av kontanta medel",
                 "Handkassor och kontanter redovisas inte löpande och stäms inte av."),
            ),
            (
                ("Kontroll av att leverantörsfakturor är attesterade enligt attestordningen",
                 "Stickprov på 20 fakturor per kvartal i ekonomisystemet."),
                ("Avstämning av budgetutfall mot prognos",
                 "Månatlig genomgång av utfall och prognos i ledningsgruppen."),
                ("Kontroll av behörigheter i ekonomisystemet",
                 "Genomgång av behörighetslistan mot gällande delegationsordning."),
                ("Granskning av representationsfakturor",
                 "Stickprov på tio fakturor där syfte och deltagare kontrolleras."),
                ("Kontroll av periodiseringar vid årsbokslut",
                 "Genomgång av interimsposter över 50 000 kronor."),
                ("Inventering av handkassor",
                 "Oanmäld kassainventering två gånger per år."),
                ("Kontroll av leverantörsregistrets ändringar",
                 "Logglista över ändrade bankgironummer granskas."),
            ),
        ),
        Area(
            "Upphandling och inköp",
            (
                ("Inköp sker utanför ramavtal",
                 "Varor och tjänster köps från leverantörer som kommunen saknar avtal med."),
                ("Direktupphandlingar dokumenteras inte",
                 "Direktupphandlingar över beloppsgränsen saknar dokumentation enligt lagen om offentlig upphandling."),
                ("Otillräcklig avtalsuppföljning",
                 "Leverantörernas åtaganden följs inte upp och avvikelser från avtalen upptäcks sent."),
                ("Jäv vid upphandling",
                 "Medarbetare med egna intressen deltar i utvärderingen av anbud."),
            ),
            (
                ("Kontroll av avtalstrohet vid inköp",
                 "Stickprov på 25 fakturor som jämförs mot avtalsdatabasen."),
                ("Granskning av dokumentation vid direktupphandling",
                 "Genomgång av samtliga direktupphandlingar över 100 000 kronor."),
                ("Uppföljning av leverantörsavtal",
                 "Avtalsuppföljning av tre större avtal per år enligt checklista."),
                ("Kontroll av jävsdeklarationer i upphandlingar",
                 "Genomgång av att jävsdeklaration finns för alla som deltagit i utvärdering."),
                ("Kontroll av inköp hos leverantörer utan avtal",
                 "Analys av leverantörsreskontran för leverantörer utan avtal."),
            ),
        ),
        Area(
            "Personal och arbetsmiljö",
            (
                ("Svårigheter att rekrytera och behålla kompetent personal",
                 "Vakanser inom bristyrken leder till hög arbetsbelastning och minskad kvalitet."),
                ("Hög sjukfrånvaro",
                 "Långa sjukskrivningar påverkar kontinuiteten i verksamheten."),
                ("Brister i det systematiska arbetsmiljöarbetet",
                 "Riskbedömningar och skyddsronder genomförs inte enligt plan."),
                ("Felaktiga löneutbetalningar",
                 "Timanställda får fel lön på grund av sent inrapporterade tider."),
                ("Bristande introduktion av nyanställda",
                 "Nya medarbetare får inte den introduktion som rutinen anger."),
            ),
            (
                ("Kontroll av att rehabiliteringsärenden följer rutinen",
                 "Genomgång av samtliga rehabiliteringsärenden som pågått längre än 60 dagar."),
                ("Uppföljning av skyddsronder och riskbedömningar",
                 "Enkät till enhetschefer och genomgång av protokoll."),
                ("Kontroll av tidrapportering för timanställda",
                 "Stickprov på 15 lönespecifikationer per halvår."),
                ("Uppföljning av personalomsättning",
                 "Analys av statistik ur personalsystemet per förvaltning."),
                ("Kontroll av att introduktionsplan upprättats",
                 "Stickprov bland medarbetare anställda under året."),
                ("Kontroll av sjukfrånvarons utveckling",
                 "Jämförelse av sjuktal per enhet mot föregående år."),
            ),
        ),
        Area(
            "Informationssäkerhet",
            (
                ("Obehörig åtkomst till personuppgifter",
                 "Medarbetare har behörighet till journaler och register de inte behöver i sitt arbete."),
                ("Personuppgiftsincidenter rapporteras inte",
                 "Incidenter anmäls inte till dataskyddsombudet inom föreskriven tid."),
                ("Bristande kontinuitetsplanering vid it-avbrott",
                 "Verksamheten saknar reservrutiner när verksamhetssystemen inte fungerar."),
                ("Nätfiske och skadlig kod",
                 "Medarbetare luras att lämna ut inloggningsuppgifter via e-post."),
            ),
            (
                ("Kontroll av loggar i verksamhetssystemen",
                 "Slumpvis logguppföljning av tio användare per kvartal."),
                ("Kontroll av behörighetstilldelning",
                 "Avstämning av aktiva konton mot anställningsregistret."),
                ("Uppföljning av anmälda personuppgiftsincidenter",
                 "Genomgång av incidentregistret tillsammans med dataskyddsombudet."),
                ("Kontroll av att reservrutiner finns och är kända",
                 "Genomgång av kontinuitetsplaner för verksamhetskritiska system."),
                ("Uppföljning av genomförd utbildning i informationssäkerhet",
                 "Andel medarbetare som genomfört webbutbildningen tas fram ur lärplattformen."),
            ),
        ),
        Area(
            "Dokument- och ärendehantering",
            (
                ("Allmänna handlingar diarieförs inte",
                 "Inkomna handlingar registreras inte och kan inte lämnas ut på begäran."),
                ("Delegationsbeslut anmäls inte till nämnden",
                 "Beslut fattade på delegation återrapporteras inte enligt delegationsordningen."),
                ("Långa handläggningstider för utlämnande av allmän handling",
                 "Begäran om utlämnande hanteras inte skyndsamt."),
                ("Gallring sker i strid med dokumenthanteringsplanen",
                 "Handlingar gallras för tidigt eller bevaras utan stöd i planen."),
            ),
            (
                ("Kontroll av att delegationsbeslut anmäls",
                 "Jämförelse mellan beslut i verksamhetssystemet och anmälda beslut."),
                ("Stickprov på diarieföring av inkommande handlingar",
                 "Genomgång av 30 handlingar från funktionsbrevlådan."),
                ("Mätning av tid för utlämnande av allmän handling",
                 "Genomgång av ärendeloggen för begäran om allmän handling."),
                ("Kontroll av att gallring följer dokumenthanteringsplanen",
                 "Intervju med arkivansvariga och stickprov i arkivet."),
            ),
        ),
        Area(
            "Myndighetsutövning barn och unga",
            (
                ("Utredningar avslutas inte inom lagstadgad tid",
                 "Barnavårdsutredningar överskrider fyra månader utan beslut om förlängning."),
                ("Orosanmälningar förhandsbedöms inte skyndsamt",
                 "Skyddsbedömning görs inte samma dag som anmälan inkommer."),
                ("Bristande uppföljning av placerade barn",
                 "Barn i familjehem besöks inte enligt lagens krav."),
                ("Brister i dokumentationen av barnets bästa",
                 "Barnets synpunkter framgår inte av utredningen."),
            ),
            (
                ("Kontroll av utredningstider",
                 "Uttag ur verksamhetssystemet av utredningar som pågått mer än fyra månader."),
                ("Kontroll av skyddsbedömningar",
                 "Stickprov på 20 orosanmälningar per halvår."),
                ("Kontroll av besök hos placerade barn",
                 "Genomgång av journalanteckningar för samtliga placerade barn."),
                ("Granskning av att barnets synpunkter dokumenteras",
                 "Aktgranskning av tio utredningar."),
            ),
        ),
        Area(
            "Ekonomiskt bistånd",
            (
                ("Felaktiga utbetalningar av ekonomiskt bistånd",
                 "Bistånd betalas ut på ofullständiga underlag eller till personer som inte är berättigade."),
                ("Bristande samordning med arbetsmarknadsinsatser",
                 "Personer som uppbär bistånd erbjuds inte arbetsmarknadsinsatser."),
                ("Ansökningar handläggs inte enligt riktlinjerna",
                 "Bedömningen skiljer sig mellan handläggare för likartade ansökningar."),
            ),
            (
                ("Kontroll av underlag vid utbetalning av ekonomiskt bistånd",
                 "Stickprov på fem procent av utbetalningarna per månad."),
                ("Kontroll av att kontoutdrag inhämtas",
                 "Aktgranskning av 25 ärenden per halvår."),
                ("Uppföljning av planering mot egen försörjning",
                 "Genomgång av planer i samtliga ärenden med långvarigt bistånd."),
                ("Kontroll av att beslut följer riktlinjerna",
                 "Kollegial granskning av tio beslut per kvartal."),
            ),
        ),
        Area(
            "Äldreomsorg",
            (
                ("Brister i läkemedelshanteringen",
                 "Läkemedel ges vid fel tidpunkt eller signeras inte i signeringslistan."),
                ("Fallolyckor hos brukare",
                 "Riskbedömningar för fall genomförs inte vid inflyttning."),
                ("Genomförandeplaner saknas eller är inaktuella",
                 "Insatserna utförs utan en aktuell plan som brukaren varit delaktig i."),
                ("Otillräcklig bemanning nattetid",
                 "Larm besvaras inte inom utlovad tid under natten."),
            ),
            (
                ("Kontroll av signeringslistor för läkemedel",
                 "Genomgång av signeringslistor på två enheter per månad."),
                ("Kontroll av riskbedömningar i journalen",
                 "Uttag ur journalsystemet av brukare som saknar riskbedömning."),
                ("Kontroll av att genomförandeplaner är aktuella",
                 "Stickprov på tio genomförandeplaner per enhet."),
                ("Mätning av svarstider på trygghetslarm",
                 "Statistik ur larmsystemet analyseras kvartalsvis."),
            ),
        ),
        Area(
            "Skola och förskola",
            (
                ("Elever får inte det stöd de har rätt till",
                 "Åtgärdsprogram upprättas inte och särskilt stöd ges inte i tid."),
                ("Kränkande behandling utreds inte",
                 "Anmälningar om kränkande behandling utreds inte skyndsamt och dokumenteras bristfälligt."),
                ("Hög frånvaro bland elever följs inte upp",
                 "Problematisk skolfrånvaro upptäcks sent och vårdnadshavare kontaktas inte."),
                ("Felaktig hantering av skolskjuts",
                 "Skolskjuts beviljas utan att kriterierna i riktlinjen är uppfyllda."),
            ),
            (
                ("Kontroll av anmälningar om kränkande behandling",
                 "Genomgång av samtliga anmälningar och utredningar under läsåret."),
                ("Kontroll av att åtgärdsprogram upprättas",
                 "Stickprov bland elever med beslut om särskilt stöd."),
                ("Uppföljning av elevfrånvaro",
                 "Analys av frånvarostatistik per skola varje månad."),
                ("Granskning av beslut om skolskjuts",
                 "Stickprov på 15 beslut om skolskjuts."),
            ),
        ),
        Area(
            "Fastighet och teknisk drift",
            (
                ("Eftersatt underhåll av kommunens fastigheter",
                 "Underhållsplanen följs inte och kostnaderna för akuta reparationer ökar."),
                ("Brister i brandskyddet",
                 "Systematiskt brandskyddsarbete dokumenteras inte i verksamhetslokalerna."),
                ("Fel i vattenförsörjningen",
                 "Driftstörningar i vattenverket upptäcks sent."),
                ("Bristande kontroll av entreprenader",
                 "Utförda arbeten besiktas inte innan slutbetalning."),
            ),
            (
                ("Uppföljning av underhållsplanen",
                 "Jämförelse mellan planerade och utförda underhållsåtgärder."),
                ("Kontroll av dokumenterat brandskyddsarbete",
                 "Stickprov på fem lokaler per år."),
                ("Kontroll av driftlarm och provtagning",
                 "Genomgång av larmloggar och provsvar."),
                ("Kontroll av slutbesiktning före slutbetalning",
                 "Genomgång av samtliga entreprenader som slutförts under året."),
            ),
        ),
        Area(
            "Bygglov och tillsyn",
            (
                ("Bygglov handläggs inte inom lagstadgad tid",
                 "Tidsfristen på tio veckor överskrids och avgiften ska reduceras."),
                ("Tillsynsplanen genomförs inte",
                 "Planerade tillsynsbesök blir inte av på grund av resursbrist."),
                ("Felaktiga avgifter i ärenden",
                 "Avgifter tas ut med fel belopp enligt taxan."),
            ),
            (
                ("Kontroll av handläggningstider för bygglov",
                 "Uttag ur ärendesystemet av ärenden äldre än tio veckor."),
                ("Uppföljning av tillsynsplanen",
                 "Jämförelse mellan planerade och genomförda tillsynsbesök."),
                ("Kontroll av debiterade avgifter",
                 "Stickprov på 20 ärenden jämförs mot gällande taxa."),
            ),
        ),
        Area(
            "Kultur och fritid",
            (
                ("Föreningsbidrag betalas ut på felaktiga grunder",
                 "Medlemsantal och aktiviteter i ansökningarna kontrolleras inte."),
                ("Bristande säkerhet i badanläggningar",
                 "Säkerhetsrutiner och livräddarutbildning följs inte upp."),
                ("Lokaler hyrs ut utan avtal",
                 "Uthyrning sker utan skriftligt avtal och utan fakturering."),
            ),
            (
                ("Kontroll av underlag för föreningsbidrag",
                 "Stickprov på tio ansökningar där närvarolistor granskas."),
                ("Kontroll av säkerhetsrutiner i simhallen",
                 "Genomgång av egenkontrollprogram och utbildningsintyg."),
                ("Avstämning av lokaluthyrning mot fakturering",
                 "Jämförelse mellan bokningssystemet och kundfakturor."),
            ),
        ),
        Area(
            "Styrning och ledning",
            (
                ("Nämndens beslut verkställs inte",
                 "Uppdrag från nämnden genomförs inte och återrapporteras inte."),
                ("Bristande uppföljning av verksamhetsplanen",
                 "Målen följs inte upp och avvikelser analyseras inte."),
                ("Oegentligheter och mutor",
                 "Medarbetare tar emot gåvor eller förmåner som påverkar myndighetsutövningen."),
            ),
            (
                ("Kontroll av att nämndens beslut verkställs",
                 "Genomgång av beslutslistan från nämndens sammanträden."),
                ("Uppföljning av verksamhetsplanens mål",
                 "Analys av måluppfyllelse i delårsrapport och årsredovisning."),
                ("Kontroll av att chefer informerat om riktlinjen mot mutor",
                 "Enkät till samtliga chefer."),
            ),
        ),
    )
}

ORGANS: tuple[Organ, ...] = (
    Organ("Kommunstyrelsen", "KS",
          ("Ekonomi", "Upphandling och inköp", "Personal och arbetsmiljö", "Informationssäkerhet",
           "Dokument- och ärendehantering", "Styrning och ledning")),
    Organ("Socialnämnden", "SN",
          ("Myndighetsutövning barn och unga", "Ekonomiskt bistånd", "Ekonomi",
           "Informationssäkerhet", "Personal och arbetsmiljö", "Dokument- och ärendehantering")),
    Organ("Vård- och omsorgsnämnden", "VON",
          ("Äldreomsorg", "Ekonomi", "Personal och arbetsmiljö", "Informationssäkerhet",
           "Upphandling och inköp")),
    Organ("Barn- och utbildningsnämnden", "BUN",
          ("Skola och förskola", "Ekonomi", "Personal och arbetsmiljö", "Informationssäkerhet",
           "Dokument- och ärendehantering")),
    Organ("Bildningsnämnden", "BIN",
          ("Skola och förskola", "Kultur och fritid", "Ekonomi", "Personal och arbetsmiljö",
           "Styrning och ledning")),
    Organ("Tekniska nämnden", "TN",
          ("Fastighet och teknisk drift", "Upphandling och inköp", "Ekonomi",
           "Personal och arbetsmiljö", "Styrning och ledning")),
    Organ("Samhällsbyggnadsnämnden", "SBN",
          ("Bygglov och tillsyn", "Fastighet och teknisk drift", "Ekonomi",
           "Dokument- och ärendehantering", "Upphandling och inköp")),
    Organ("Miljö- och byggnadsnämnden", "MBN",
          ("Bygglov och tillsyn", "Dokument- och ärendehantering", "Ekonomi",
           "Informationssäkerhet", "Styrning och ledning")),
    Organ("Kultur- och fritidsnämnden", "KFN",
          ("Kultur och fritid", "Ekonomi", "Upphandling och inköp", "Personal och arbetsmiljö",
           "Styrning och ledning")),
    Organ("Arbetsmarknadsnämnden", "AMN",
          ("Ekonomiskt bistånd", "Ekonomi", "Personal och arbetsmiljö", "Informationssäkerhet",
           "Styrning och ledning")),
)

# a municipal company's board (organ_set "company"): the company is named after its owner
# ("Mölndal Energi AB"), its plan adopted by "Styrelsen för Mölndal Energi AB"
COMPANY_PATTERNS = ("{m} Energi AB", "{m} Vatten AB", "{m} Stadsnät AB", "{m} Parkerings AB",
                    "{m} Hamn AB", "{m} Renhållning AB")
COMPANY_AREA = Area(
    "Drift och leverans",
    (
        ("Avbrott i leveransen till kunderna",
         "Fel i nätet eller i driftsystemen gör att kunderna står utan leverans under längre tid."),
        ("Felaktig fakturering av kunder",
         "Mätvärden läses in fel eller sent och kunderna debiteras fel belopp."),
        ("Bristande efterlevnad av tillstånd och villkor",
         "Verksamheten bryter mot villkor i tillstånd från tillsynsmyndigheten."),
        ("Ägardirektivet följs inte",
         "Bolaget beslutar i frågor som enligt ägardirektivet ska underställas fullmäktige."),
    ),
    (
        ("Uppföljning av driftstörningar och avbrottstider",
         "Genomgång av störningsrapporterna och avbrottsstatistiken per kvartal."),
        ("Kontroll av mätvärden mot fakturerade belopp",
         "Stickprov på 20 kundfakturor per halvår."),
        ("Kontroll av att tillståndens villkor följs",
         "Genomgång av miljörapporten och tillsynsmyndighetens protokoll."),
        ("Kontroll av att ägardirektivets beslut underställts ägaren",
         "Genomgång av styrelseprotokollen mot ägardirektivet."),
    ),
)
COMPANY_AREAS = ("Ekonomi", "Upphandling och inköp", "Personal och arbetsmiljö",
                 "Informationssäkerhet", "Drift och leverans")
COMPANY_OWNERSHIP = ("Helägt dotterbolag till {m} kommun", "Ett bolag i {m} kommunkoncern",
                     "Bolaget ägs till 100 procent av {m} kommun")
RESPONSIBLES_COMPANY = ("VD", "Ekonomichef", "Driftchef", "Controller", "Inköpsansvarig",
                        "HR-ansvarig", "IT-chef", "Kundtjänstchef", "Redovisningsansvarig",
                        "Kvalitets- och miljösamordnare")
COMPANY_INTRO = (
    "Styrelsen ansvarar enligt aktiebolagslagen för bolagets organisation och för att den "
    "interna kontrollen är tillräcklig.",
    "Internkontrollplanen bygger på en riskanalys som bolagets ledningsgrupp har gjort under "
    "hösten, där sannolikhet och konsekvens har bedömts för varje risk.",
    "Enligt ägardirektivet ska bolaget årligen rapportera sin interna kontroll till "
    "kommunstyrelsen som en del av uppsiktsplikten.",
    "Resultatet av kontrollerna rapporteras till styrelsen i samband med bokslutet.",
)

FREQUENCIES = ("Årligen", "Två gånger per år", "Kvartalsvis", "Månadsvis", "Löpande",
               "Vid delårsbokslut", "En gång per termin", "Tertialvis", "Vid årsbokslut",
               "Halvårsvis")
# frequencies as older plans and risk tools write them ("2 ggr/år", months, tertials)
FREQUENCIES_OLDER = ("1 ggr/år", "2 ggr/år", "4 ggr/år", "1 gång/månad", "April och oktober",
                     "Tertial 1 och 2", "Delår och helår", "Vid bokslut", "Mars, juni, sept, dec",
                     "Varannan månad")
# frequencies written as the months the check is made in
FREQUENCIES_MONTHS = ("Mars, september", "Februari", "Maj och november", "Oktober",
                      "April, augusti, december", "Januari och juni", "September",
                      "Mars, juni, september, december", "Juni", "November")
# responsibles as a person's initials and title
RESPONSIBLES_INITIALS = ("AL, ekonomichef", "KB, förvaltningschef", "MS, HR-chef",
                         "EJ, enhetschef", "PN, controller", "LH, upphandlare",
                         "JK, nämndsekreterare", "AS, systemförvaltare", "CF, avdelningschef",
                         "IW, registrator", "TO, lönehandläggare", "HE, verksamhetschef")
RESPONSIBLES = ("Ekonomichef", "Förvaltningschef", "HR-chef", "Enhetschef", "Verksamhetschef",
                "Controller", "Upphandlare", "Nämndsekreterare", "Systemförvaltare",
                "Kvalitetsutvecklare", "Avdelningschef", "Medicinskt ansvarig sjuksköterska",
                "Rektor", "Registrator", "Säkerhetssamordnare", "Lönehandläggare")
REPORTED_TO = ("Nämnden", "Förvaltningens ledningsgrupp", "Kommunstyrelsens arbetsutskott",
               "Förvaltningschef", "Nämndens arbetsutskott")
CATEGORIES = ("Verksamhetsrisk", "Ekonomisk risk", "Legal risk", "Anseenderisk", "IT-risk",
              "Personalrisk", "Oegentligheter")
DECISIONS = ("Kontrollmoment i internkontrollplan", "Åtgärd i verksamhetsplan",
             "Risken accepteras", "Hanteras i ordinarie verksamhet")
EXISTING = (
    "Rutin finns och följs upp i ledningsgruppen.",
    "Attestordning och delegationsordning finns och revideras årligen.",
    "Checklista används vid varje ärende.",
    "Behörigheter styrs via roller i verksamhetssystemet.",
    "Introduktion och utbildning för nya medarbetare.",
    "Systemstöd med inbyggda kontroller och spärrar.",
    "Regelbundna avstämningar mellan enhetschef och handläggare.",
    "Riktlinje antagen av nämnden och publicerad på intranätet.",
)
RESULTS = (
    "Kontrollen är genomförd. {a} av {b} granskade ärenden uppfyllde kraven.",
    "Inga avvikelser upptäcktes vid stickprovet av {b} ärenden.",
    "Avvikelser noterades i {a} ärenden där dokumentationen var ofullständig.",
    "Kontrollen visar att rutinen följs i huvudsak. Brister fanns i {a} av {b} fall.",
    "Kontrollen har inte kunnat genomföras fullt ut på grund av byte av verksamhetssystem.",
    "Samtliga {b} kontrollerade poster var korrekta och hade underlag.",
    "Granskningen visar förbättring jämfört med föregående år, då {a} brister fanns.",
)
COMMENTS = (
    "Resultatet har redovisats för ledningsgruppen.",
    "Kontrollen föreslås ingå även i nästa års plan.",
    "Rutinen behöver förtydligas och spridas till alla enheter.",
    "Arbetet fortsätter under kommande år.",
    "Ingen ytterligare åtgärd bedöms nödvändig.",
    "Frågan har lyfts med berörd förvaltning.",
)
ACTIONS = (
    "Rutinen ses över och kommuniceras till berörda medarbetare.",
    "Utbildning genomförs för samtliga handläggare under våren.",
    "Ny checklista tas fram och införs i verksamheten.",
    "Uppföljning sker månadsvis i ledningsgruppen.",
    "Behörigheterna rensas och rutinen för avslut av konton skärps.",
    "Ingen åtgärd krävs.",
)
STATUSES = ("Genomförd", "Pågår", "Ej påbörjad", "Delvis genomförd")
TRAFFIC = ("Grön", "Gul", "Röd")
DONE_WORDS = ("Ja", "Ja", "Delvis", "Nej")  # whether a control was carried out
CHECK_SYMBOLS = ("✓", "✓", "(✓)", "✗")  # the same as a report's check-mark symbols

INTRO = (
    "Enligt kommunallagen ska nämnderna se till att den interna kontrollen är tillräcklig och "
    "att verksamheten bedrivs på ett i övrigt tillfredsställande sätt.",
    "Internkontrollplanen bygger på en riskanalys där förvaltningen har bedömt sannolikheten "
    "för att en händelse inträffar och vilken konsekvens den skulle få för verksamheten.",
    "Arbetet med intern kontroll ska ge en rimlig försäkran om att verksamheten är "
    "ändamålsenlig och kostnadseffektiv, att rapporteringen är tillförlitlig och att lagar och "
    "riktlinjer följs.",
    "Riskerna har identifierats vid workshoppar med förvaltningens ledningsgrupp och "
    "enhetschefer under hösten.",
    "De risker som bedöms som störst väljs ut för kontrollmoment i planen, övriga hanteras i "
    "den ordinarie verksamheten.",
    "Resultatet av kontrollerna rapporteras till nämnden i samband med årsredovisningen.",
)
OUTRO = (
    "Förvaltningen föreslår att nämnden godkänner uppföljningen och lägger den till "
    "handlingarna.",
    "Planen följs upp vid delårsbokslutet och vid årsbokslutet.",
    "Eventuella brister som upptäcks ska åtgärdas och rapporteras till nämnden.",
    "Förvaltningschefen ansvarar för att kontrollerna genomförs enligt planen.",
)

# word scales (index 0 = value 1)
PROBABILITY_WORDS = {
    4: ("Osannolik", "Mindre sannolik", "Möjlig", "Sannolik"),
    5: ("Mycket osannolik", "Osannolik", "Möjlig", "Sannolik", "Mycket sannolik"),
}
PROBABILITY_WORDS_ALT = {
    4: ("Sällan", "Ibland", "Ofta", "Mycket ofta"),
    5: ("Mycket sällan", "Sällan", "Ibland", "Ofta", "Mycket ofta"),
}
PROBABILITY_WORDS_SIZE = {
    4: ("Liten", "Måttlig", "Stor", "Mycket stor"),
    5: ("Mycket liten", "Liten", "Måttlig", "Stor", "Mycket stor"),
}
CONSEQUENCE_WORDS = {
    4: ("Lindrig", "Kännbar", "Allvarlig", "Mycket allvarlig"),
    5: ("Försumbar", "Lindrig", "Kännbar", "Allvarlig", "Mycket allvarlig"),
}
LEVEL_COLOURS = {
    4: (("grön", "#7bc67b"), ("gul", "#f5e663"), ("orange", "#f4a742"), ("röd", "#e05a4f")),
}

# minutes around an attached plan (a protokoll with the plan as bilaga)
PEOPLE = ("Anna Lindqvist (S), ordförande", "Per Johansson (M), vice ordförande",
          "Karin Nyström (C)", "Mats Eriksson (S)", "Eva Holm (L)", "Lars Berg (SD)",
          "Maria Sandberg (V)", "Johan Ek (KD)", "Sara Åberg (MP)", "Olof Strand (S)")
OFFICIALS = ("Förvaltningschef", "Ekonomichef", "Nämndsekreterare", "Controller",
             "Kvalitetsutvecklare")
DELEGATION = ("Beslut om bistånd enligt 4 kap. 1 § SoL", "Tilldelningsbeslut i upphandling",
              "Beslut om utlämnande av allmän handling", "Anställning av enhetschef",
              "Avskrivning av fordran under 5 000 kr", "Yttrande till förvaltningsrätten")
