# ruff: noqa: E501  (tables of seed rows: one row per line reads best)
"""Builds the small contract frames the dataset-level tests use (run once; CSVs are committed).

Kalmar Kommunstyrelsen 2020 is seed 003's risk export (titles, S/K/R as printed);
Kalmar 2021 is a second year written for the tests: two risks removed, two added,
five titles lightly reworded, four values changed, one row with R != S*K.
Seed 000 (Kommunstyrelsen, municipality not named, riskvärde only), seed 002
(Norrtälje, OCR'd control report, no values) and seed 004 give the other
documents.  ``risk_key`` holds the hand-assigned lineage the tests expect.
"""

from __future__ import annotations

import csv
from pathlib import Path

from riskrad.normalize.themes import classify

HERE = Path(__file__).parent
K20, K21, N25, X23, A24, F22 = (
    "a20cc69f81c2330a",
    "5e1f0a4c2b7d9e31",
    "a8a4c6867aeb0241",
    "bb03d43e53b82da6",
    "977ef8c6729c1ad8",
    "0f3e9d2c1b4a5968",
)

DOCUMENTS = [
    # document_id, source_file, status, error, municipality, code, organ, year, type, pages, ocr
    (K20, "Kalmar/2020/riskanalys_ks_2020.pdf", "ok", "", "Kalmar", "0880", "Kommunstyrelsen", 2020, "riskanalys", 9, 0),
    (K21, "Kalmar/2021/riskanalys_ks_2021.pdf", "ok", "", "Kalmar", "0880", "Kommunstyrelsen", 2021, "riskanalys", 9, 0),
    (N25, "Norrtälje/2025/internkontrollrapport_ks.pdf", "ok", "", "Norrtälje", "0188", "Kommunstyrelsen", 2025, "internkontrollrapport", 6, 6),
    (X23, "okand/helarsuppfoljning_ks_2023.pdf", "ok", "", "", "", "Kommunstyrelsen", 2023, "uppfoljning", 4, 0),
    (A24, "Norrtälje/2024/internkontrollrapport_amn_2024.pdf", "partial", "a table row continues across a page break; check page 3", "Norrtälje", "0188", "Arbetsmarknadsnämnden", 2024, "internkontrollrapport", 5, 0),
    (F22, "Kalmar/2022/skannad_bilaga.pdf", "failed", "no text and OCR found no words: rescan at 300 dpi", "Kalmar", "0880", "", None, "", 2, 2),
]

# process, risk, category, responsible, R, S, K, key
KALMAR_2020 = [
    ("Fastställa mål och fördela resurser", "Risk för att verksamheten inte jobbar mot fastställda mål och att resurser inte fördelas optimalt", "Verksamhetsrisk", "Jonas Sverkén", 6, 2, 3, "mal"),
    ("Fastställa mål och fördela resurser", "Risk för felbedömning av omvärldsrisker", "Omvärldsrisk", "Jonas Sverkén", 3, 1, 3, "omvarld"),
    ("Organisera, leda och följa upp verksamheten", "Risk för dubbelarbete", "Verksamhetsrisk", "Jonas Sverkén", 6, 2, 3, "dubbel"),
    ("Organisera, leda och följa upp verksamheten", "Risk för att verksamheten inte hinner anpassas vid lagändring", "Legal risk", "Jonas Sverkén", 6, 2, 3, "lagandring"),
    ("Organisera, leda och följa upp verksamheten", "Risk att ansvar och befogenheter inte är tydliggjort", "Verksamhetsrisk", "Jonas Sverkén", 6, 2, 3, "ansvar"),
    ("Allmänt främja Kalmars näringsliv", "Risk för att företagare inte lotsas rätt i den kommunala organisationen", "Verksamhetsrisk", "Thomas Davidsson", 6, 2, 3, "lotsa"),
    ("Bedriva samhällsskydd och säkerhetsarbete", "Risk för att kommunens säkerhetsarbete inte sker optimalt", "Verksamhetsrisk", "Karl-Johan Daleén", 6, 2, 3, "sakerhet"),
    ("Bedriva samhällsskydd och säkerhetsarbete", "Risk för fördröjning av räddningstjänstens insatstid i samband med flera samtidigt larm", "Omvärldsrisk", "Karl-Johan Daleén", 12, 3, 4, "insatstid"),
    ("Bidra till individers utveckling och lärande", "Risk för att vuxenutbildning inte kan utföras på ett optimalt sätt", "Verksamhetsrisk", "Helen Keise", 6, 2, 3, "vux"),
    ("Förvalta och utveckla det fysiska samhället", "Risk för att detaljplaneprocessen inte följs", "Verksamhetsrisk", "Annette Andersson", 6, 2, 3, "detaljplan"),
    ("Förvalta och utveckla det fysiska samhället", "Risk för att genomförandeprocessen inte följs", "Verksamhetsrisk", "Ulrick Hultman", 9, 3, 3, "genomforande"),
    ("Förvalta och utveckla det fysiska samhället", "Risk för att hänsyn inte tas till driftskostnad", "Verksamhetsrisk", "Pär Svanfeldt", 9, 3, 3, "drift"),
    ("Svara för vård, omsorg och sociala tjänster", "Risk för att boende saknas för invandrare och flyktingar", "Verksamhetsrisk", "Hillevi Österbo", 6, 2, 3, "boende"),
    ("Svara för vård, omsorg och sociala tjänster", "Risk för att kommunen inte lyckas lindra effekter av arbetslöshet", "Verksamhetsrisk", "Niklas Andersson", 6, 3, 2, "arbetsloshet"),
    ("Värna om miljö och hälsa", "Risk för att kemikalier orsakar person- eller miljökada", "Verksamhetsrisk", "Jonas Sverkén", 6, 2, 3, "kemikalier"),
    ("Hantera ekonomi", "Risk för brister i hantering av attest och firmatecknare", "Risk i finansiell rapportering", "Anna Emrin", 9, 3, 3, "attest"),
    ("Hantera ekonomi", "Risk för brister i hantering av leverantörsfakturor", "Risk i finansiell rapportering", "Anna Emrin", 12, 4, 3, "levfakt"),
    ("Hantera ekonomi", "Risk för brister i redovisningen", "Risk i finansiell rapportering", "Anna Emrin", 9, 3, 3, "redovisning"),
    ("Hantera ekonomi", "Risk för brister i hantering av kundfakturerings", "Risk i finansiell rapportering", "Anna Emrin", 9, 3, 3, "kundfakt"),
    ("Hantera ekonomi", "Risk för brister i hanteringen av mervärdesskatt", "Risk i finansiell rapportering", "Anna Emrin", 6, 2, 3, "moms"),
    ("Hantera ekonomi", "Risk för brister i hantering av kontanter eller motsvarande stöldbegärliga värdeföremål", "Risk i finansiell rapportering", "Anna Emrin", 6, 2, 3, "kontanter"),
    ("Hantera ärenden och dokument", "Risk för att diarieföring och gallring inte sker enligt gällande lagstiftning", "Legal risk", "Anna Sverresdotter", 9, 3, 3, "diarie"),
    ("Hantera ärenden och dokument", "Risk för felaktig hantering av ärenden och dokument", "Verksamhetsrisk", "Jonas Sverkén", 6, 2, 3, "arenden"),
    ("Informera och kommunicera", "Risk för att informationen inte når fram eller inte tas emot", "Verksamhetsrisk", "Jonas Sverkén", 6, 3, 2, "infofram"),
    ("Informera och kommunicera", "Risk för att informationen är felaktig", "Verksamhetsrisk", "Jonas Sverkén", 6, 2, 3, "infofel"),
    ("Leverera IT-stöd", "Risk för att IT-system inte stödjer verksamheten", "IT-risk", "Jonas Sverkén", 3, 1, 3, "itstod"),
    ("Leverera IT-stöd", "Risk för att det finns oklarheter i befogenheter och ansvar", "IT-risk", "Jonas Sverkén", 6, 3, 2, "itansvar"),
    ("Leverera IT-stöd", "Risk för att system köps ute i verksamheter utan IT:s kännedom", "IT-risk", "Jonas Sverkén", 8, 2, 4, "itkop"),
    ("Leverera IT-stöd", "Risk för felaktiga behörigheter i system", "Legal risk", "Jonas Sverkén", 12, 3, 4, "behorighet"),
    ("Leverera IT-stöd", "Risk för bristande hantering vid eventuell IT-attack", "IT-risk", "Niklas Hörling", 12, 3, 4, "itattack"),
    ("Rekrytera, utveckla och avveckla personal", "Risk för brister i hantering av lön", "Risk i finansiell rapportering", "Anna Emrin", 9, 3, 3, "lon"),
    ("Rekrytera, utveckla och avveckla personal", "Risk för att kommunen inte kan säkerställa personalförsörjningen med rätt kompetens", "Verksamhetsrisk", "Anne Elgmark", 6, 2, 3, "personalforsorjning"),
    ("Rekrytera, utveckla och avveckla personal", "Risk för att kraven i det systematiska arbetsmiljöarbetet inte uppfylls", "Verksamhetsrisk", "Anne Elgmark", 3, 1, 3, "sam"),
    ("Stödja och utveckla den demokratiska processen", "Risk för att lagar och rutiner inte följs i den demokratiska processen", "Legal risk", "Jonas Sverkén", 6, 2, 3, "demokrati"),
    ("Stödja och utveckla den demokratiska processen", "Risk för att delegationsbeslut inte rapporteras", "Verksamhetsrisk", "Jonas Sverkén", 4, 2, 2, "delegation"),
    ("Stödja och utveckla den demokratiska processen", "Risk för att tagna beslut inte verkställs", "Verksamhetsrisk", "Jonas Sverkén", 6, 2, 3, "verkstall"),
    ("Tillhandahålla lokaler", "Risk för orationell hantering av lokaler", "Verksamhetsrisk", "Jonas Sverkén", 6, 2, 3, "lokaler"),
    ("Tillhandahålla varor och tjänster", "Risk för att inköp inte sker enligt avtal", "Verksamhetsrisk", "Anna Sverresdotter", 12, 4, 3, "inkop"),
    ("Tillhandahålla varor och tjänster", "Risk för att direktupphandling inte sker", "Legal risk", "Anna Sverresdotter", 9, 3, 3, "direkt"),
    ("Tillhandahålla varor och tjänster", "Risk att upphandling inte följer lagen om offentlig upphandling", "Legal risk", "Anna Sverresdotter", 9, 3, 3, "lou"),
    ("Tillhandahålla varor och tjänster", "Risk för mutor, jäv och oegentligheter", "Legal risk", "Jonas Sverkén", 9, 3, 3, "mutor"),
]

REMOVED_2021 = {"kemikalier", "lokaler"}
REWORDED_2021 = {
    "levfakt": "Risk för brister i hanteringen av leverantörsfakturor",
    "kundfakt": "Risk för brister i hantering av kundfakturering",
    "omvarld": "Risk för felbedömningar av omvärldsrisker",
    "boende": "Risk att boende saknas för invandrare och flyktingar",
    "dubbel": "Risk för dubbelarbete mellan enheter och förvaltningar",
}
VALUES_2021 = {  # key: (R, S, K)
    "levfakt": (9, 3, 3),
    "boende": (8, 2, 4),
    "itattack": (16, 4, 4),
    "inkop": (9, 3, 3),
    "verkstall": (6, 2, 4),  # R != S*K: the flagged row
}
ADDED_2021 = [
    ("Hantera ekonomi", "Risk för brister i hantering av representation", "Risk i finansiell rapportering", "Anna Emrin", 6, 2, 3, "representation"),
    ("Leverera IT-stöd", "Risk för bristande informationssäkerhet vid distansarbete", "IT-risk", "Niklas Hörling", 12, 3, 4, "distans"),
]

SEED_000 = [  # uppföljning: process, risk, R (no S/K)
    ("Kompetens-försörjning (HR)", "a) Risk att inte behålla kompetens, vara attraktiv arbetsgivare, finnas karriärvägar. inte kunna leverera på uppdrag/ökat antal sjukskrivningar", 9, "x:kompetens"),
    ("Kompetens-försörjning (HR)", "b) Risk att inte kunna rekrytera och attrahera nya medarbetare – inte kunna leverera på uppdrag/ ökat antal sjukskrivningar", 9, "x:rekrytera"),
    ("Ungdomsverksamheten, CIK", "a) risker i uppsökande verksamhet", 8, "x:ungdom"),
    ("Biblioteket", "d) öppen plats där alla har tillträde, risk att personalen utsätts för personer som betar sig aggressivt, ändrade verksamhetsförhållanden i kommunhuset.", 8, "x:bibliotek"),
    ("Upphandling", "Risk att medarbetare tar mutor eller bestickning vid upphandling", 7, "x:mutor"),  # 7: not a product on 1-4
]

NORRTALJE_2025 = [  # process, risk, control, responsible, frequency, method, result, confidence
    ("Effektiva arbetsmetoder och hög kvalitet", "Brist på implementering och efterlevnad av förvaltningsstyrning och ledning inom IT-området", "Kontroll av efterlevnad av förvaltningsstyrning för IT-system", "IT", "Löpande kontroll med återrapportering delår 1,2 och årsredovisning.", "Säkerställa efterlevnad i enlighet med förvaltningsstyrning.", "Arbetet med att skapa en starkare styrning och ledning av kommunens IT-portföljer pågår löpande.", 0.81, "n:itstyrning"),
    ("Effektiva arbetsmetoder och hög kvalitet", "Brist på ledning och styrning samt verksamhetsresurser för implementeringen av digitaliseringsinitiativen inom ramen för \"Handslaget\"", "Säkerställa en bättre implementering av digitaliseringsinitiativen inom kommunens verksamheter", "IT", "Löpande kontroll med återrapportering delår 1,2 och årsredovisning.", "Kontroll av efterlevnad.", "Kommunen har anslutit sig till de digitaliseringsinitiativ som erbjudits inom ramen för SKR/Inera och Handslaget.", 0.78, "n:handslaget"),
]

AMN_2024 = [  # process, risk, control, method, result, action
    ("Ekonomi", "Attest", "Kontroll av att attest sker enligt attestordning", "Stickprov 20 fakturor", "Inga avvikelser", "Ingen åtgärd", "a:attest"),
    ("Personal", "Rekrytering", "Kontroll av att rekrytering följer rutin", "Stickprov 5 rekryteringar", "Två avvikelser i dokumentation", "Rutinen förtydligas", "a:rekrytering"),
    ("Oegentligheter, mutor och jäv", "", "Kontroll av att jävsdeklarationer finns", "Genomgång av samtliga chefer", "Alla deklarationer finns", "", ""),
]

CONTROLS_003 = {  # key: [(control, description, responsible, frequency, method)]
    "insatstid": [("Identifiera \"dubbellarm\"", "Identifiera antal \"dubbellarm\" under året och notera eventuella konsekvenser av detta.", "Karl-Johan Daleén", "Avstämning två gånger per år.", "Protokollförs löpande vid TLC.")],
    "levfakt": [
        ("Kontering", "Kontroll av kontering mot kommunbas20.", "Anna Emrin", "Vid två tillfällen under året.", "Stickprov av leverantörsfakturor ur ekonomisystemet."),
        ("Kontroll av attest", "Kontrollera att personer med systembehörighet inte har beslutattesterat leverantörsfakturor.", "Maria Björkman", "Två gånger per år.", "Kontrollera att samtliga personer med systembehörighet har hanterat rätten till beslutsattest."),
    ],
    "kundfakt": [("Fakturering i rätt tid", "Kontroll av att fakturering sker i rätt tid.", "Bengt Sjöstedt", "Vid två tillfällen under året.", "Stickprov ur kundreskontran.")],
}

RISK_COLS = ["risk_id", "document_id", "page", "process", "risk", "description", "risk_category", "responsible", "probability", "consequence", "risk_value", "existing_controls", "planned_handling", "follows_plan", "comment", "risk_key", "confidence", "risk_theme", "risk_theme_score"]
CONTROL_COLS = ["control_id", "risk_id", "document_id", "page", "control", "description", "responsible", "frequency", "method", "result", "comment", "action", "confidence"]
DOC_COLS = ["document_id", "source_file", "sha256", "status", "error", "municipality", "municipality_code", "organ", "year", "document_type", "pages", "pages_ocr"]


def _risk(doc: str, n: int, page: int, process: str, risk: str, cat: str, resp: str, r: object, s: object, k: object, key: str, conf: float = 1.0) -> dict[str, object]:
    theme = classify(risk)
    return {"risk_theme": theme.slug, "risk_theme_score": theme.score, "risk_id": f"{doc}-r{n:03d}", "document_id": doc, "page": page, "process": process, "risk": risk, "description": "", "risk_category": cat, "responsible": resp, "probability": s, "consequence": k, "risk_value": r, "existing_controls": "", "planned_handling": "", "follows_plan": "", "comment": "", "risk_key": key, "confidence": conf}


def main() -> None:
    risks: list[dict[str, object]] = []
    controls: list[dict[str, object]] = []
    for doc, year in ((K20, 2020), (K21, 2021)):
        rows = list(KALMAR_2020) if year == 2020 else [r for r in KALMAR_2020 if r[7] not in REMOVED_2021]
        if year == 2021:
            rows = rows[:20] + ADDED_2021[:1] + rows[20:] + ADDED_2021[1:]
        for i, (process, title, cat, resp, r, s, k, key) in enumerate(rows, start=1):
            if year == 2021:
                title = REWORDED_2021.get(key, title)
                r, s, k = VALUES_2021.get(key, (r, s, k))
            rid = f"{doc}-r{i:03d}"
            risks.append(_risk(doc, i, 2 + i // 5, process, title, cat, resp, r, s, k, "k:" + key))
            for control in CONTROLS_003.get(key, []) if year == 2020 else []:
                controls.append({"control_id": f"{doc}-c{len(controls) + 1:03d}", "risk_id": rid, "document_id": doc, "page": 2 + i // 5, "control": control[0], "description": control[1], "responsible": control[2], "frequency": control[3], "method": control[4], "result": "", "comment": "", "action": "", "confidence": 1.0})
    for i, (process, title, r, key) in enumerate(SEED_000, start=1):
        risks.append(_risk(X23, i, 2, process, title, "", "", r, "", "", key))
    for i, (process, title, control, resp, freq, method, result, conf, key) in enumerate(NORRTALJE_2025, start=1):
        risks.append(_risk(N25, i, 1 + i, process, title, "", "", "", "", "", key, conf))
        controls.append({"control_id": f"{N25}-c{i:03d}", "risk_id": f"{N25}-r{i:03d}", "document_id": N25, "page": 1 + i, "control": control, "description": "", "responsible": resp, "frequency": freq, "method": method, "result": result, "comment": "", "action": "", "confidence": conf})
    n = 0
    for i, (process, title, control, method, result, action, key) in enumerate(AMN_2024, start=1):
        rid = ""
        if title:
            n += 1
            rid = f"{A24}-r{n:03d}"
            risks.append(_risk(A24, n, 2, process, title, "", "", "", "", "", key))
        controls.append({"control_id": f"{A24}-c{i:03d}", "risk_id": rid, "document_id": A24, "page": 2 + i // 3, "control": control, "description": "", "responsible": "", "frequency": "", "method": method, "result": result, "comment": "", "action": action, "confidence": 1.0})
    with (HERE / "documents.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(DOC_COLS)
        for d in DOCUMENTS:
            w.writerow([d[0], d[1], d[0] * 4, *d[2:]])
    for name, cols, rows in (("risks", RISK_COLS, risks), ("controls", CONTROL_COLS, controls)):
        with (HERE / f"{name}.csv").open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=cols)
            w.writeheader()
            w.writerows(rows)


if __name__ == "__main__":
    main()
