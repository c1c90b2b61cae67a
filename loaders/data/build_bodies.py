"""Builds bodies.csv: the national government bodies of states (cabinets, ministries, legislatures and their
chambers, top courts, the US executive departments and offices) and intergovernmental organisations and their
bodies (UN organs and agencies, EU institutions and agencies, ...), each with the Wikidata QID its source states,
and generic_names.csv: the names many states' bodies share ("Ministry of Finance", "Senate"), with every body each
can denote, for the linker to resolve from the article's country.

Usage (needs PyYAML, which the project's development environment has; nothing is downloaded):

    .venv/bin/python loaders/data/build_bodies.py --govdirectory PATH --supraverden PATH --cabinets PATH \
        --agencies PATH --ror PATH [--out loaders/data/bodies.csv] [--generic loaders/data/generic_names.csv] [--report]

Inputs, git repositories (bare is fine):

* govdirectory/website (https://github.com/govdirectory/website, CC0 1.0): the pages of branch `gh-pages`
  (`COUNTRY/QID/index.html`: the JSON-LD `name`, `additionalType` (the Wikidata class the page was selected by) and
  the QID in the path; the page's English Wikipedia link gives the DBpedia name) and `queries/countries.rq` at HEAD
  (the QID of each country folder). Only the classes in GOVDIRECTORY_TYPES are taken: ministries and executive
  departments, the national government, legislatures and chambers, supreme and constitutional courts, the parts of
  the US Executive Office of the President and the US legislative branch, Sweden's agencies under the Riksdag, South
  Africa's Chapter 9 institutions, and the EU's institutions, bodies and agencies; never municipalities, regions,
  embassies, consulates or local offices.
* confirmordeny/supraverden (https://github.com/confirmordeny/supraverden, CC BY-SA 4.0): `data/general_list.yaml`
  at HEAD: international organisations with `Wikidata_code`, English names, other English names and abbreviations,
  French, Spanish and German names, and `Org_family` (the organisation a body belongs to: the parent). Left out:
  research infrastructure consortia, FAO statutory bodies, EU joint undertakings, CGIAR centres, the all-Ireland
  bodies, and entries without a QID.
* every-politician-scrapers/world (https://github.com/every-politician-scrapers/world, a Wikidata SPARQL export):
  `wikidata/results/country-cabinets.csv` at HEAD (`state`, `cabinet`, `cabinetLabel`): each UN member's cabinet.
* integrateddatasvc/agency-registry (https://github.com/integrateddatasvc/agency-registry; the repository states no
  licence, and only the ROR records it copies are used: ROR data is CC0 1.0): the YAML front matter of
  `_registry/CC/ID/html.md` at HEAD, `external.ror`: `name`, `external_ids.Wikidata` (taken only where it gives one
  QID, or names a preferred one), `acronyms` (three capital letters or more), `aliases` and `labels` (Latin script),
  `country` (the gazetteer's state of that name: `parent`), `wikipedia_url` (the DBpedia name). Only the
  registry's government agencies and national statistical offices (folders `CC-gov-*`, `CC-nso-*`; `int-*` as
  international bodies); a record whose ROR country is not its folder's (the registry matched another body) is left
  out. A name made only of generic and statistical words ("National Institute of Statistics", "Central Statistics
  Office") is treated as generic: the state goes in brackets and the bare name to generic_names.csv.
* ror-community/ror-records (https://github.com/ror-community/ror-records, CC0 1.0): the ROR records each release
  since 2022 added or changed (`vX.Y/ID.json`, the latest release of each, read by build_tables.ror_records): the
  organisations of type `government` with one QID (`external_ids` wikidata, or the preferred one), active, that
  are US federal bodies (the record's ROR parent is "Government of the United States of America": the departments
  and independent agencies; or its parent is one of those and it has an English Wikipedia article: the
  departments' agencies (not their many small offices); or it has no parent and is in Washington, D.C., not an
  embassy or a body of the District: the FDIC, the FHFA, ...) or are financial, competition, energy, nuclear or communications
  regulators of another G20 state (by the words of the name, REGULATOR); names, acronyms and DBPedia name as for
  the agency registry. NOT_FEDERAL lists the records the rule would take wrongly (a trade association ROR types
  as government, a body ROR gives a federal department as parent in error, the District's own offices).

Left out: a body whose QID gazetteer.csv (or regions, people, companies) already has, a body whose name or
generated name the gazetteer already claims (the gazetteer's entry is the same actor; listed by --report with the
QID the source gives, for curation), a body of a state the gazetteer lacks.

Names: the label is the source's English name; where it names no state ("Ministry of Finance", "Chamber of
Representatives") the state's name is added in brackets ("Ministry of Finance (Bulgaria)") and the bare name goes to
generic_names.csv. Aliases: the source's other English names and abbreviations (three letters or more, no common
English word), the Latin-script French, Spanish and German names of international bodies, and generated news
forms: for a ministry of foreign affairs, defence, finance, interior, justice, health, economy, trade, energy,
agriculture, education, environment or transport (named at the head of its name) "the German Finance Ministry",
"Germany's finance ministry", "German Ministry of Finance" (Defence and Defense both); for a cabinet "the
Government of X", "X's government", "the X government", "the X cabinet". A name the gazetteer, regions, people or
companies claim is dropped; a name two bodies would share, or one made of generic words only ("Council of
Ministers", "Supreme Court"), is not an alias but a row of generic_names.csv for each body it can denote.

The script refuses to write on a conflict: one QID given two ids, one id two QIDs, or two sources giving one
international body (same English name) different QIDs.
"""
from __future__ import annotations

import argparse
import csv
import html
import json
import re
import sys
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

import yaml
from build_tables import QID, claimed, git, key, latin, slug, write

HERE = Path(__file__).resolve().parent
GOVDIRECTORY_URL = "https://github.com/govdirectory/website"
SUPRAVERDEN_URL = "https://github.com/confirmordeny/supraverden"
CABINETS_URL = "https://github.com/every-politician-scrapers/world"
SUPRAVERDEN_FILE = "data/general_list.yaml"
CABINETS_FILE = "wikidata/results/country-cabinets.csv"
AGENCIES_URL = "https://github.com/integrateddatasvc/agency-registry"
AGENCY_FOLDERS = re.compile(r"_registry/([a-z]{2,3})/(\1-(?:gov|nso)-[^/]+|int-[^/]+)/html\.md")
# the registry's folder code where it is not the ISO code ROR gives
FOLDER_ISO = {"uk": "GB"}
# a statistical office's name made of these words only names a kind of body ("National Institute of Statistics",
# "Central Bureau of Statistics", "Federal Statistical Office"); "Bureau of Labor Statistics" is one body
AGENCY_GENERIC_WORDS = {"the", "of", "national", "central", "federal", "statistics", "statistical", "office",
                        "institute", "bureau", "service", "agency", "authority", "geological", "survey"}
# acronyms ROR gives that news uses mostly for something else (free trade agreement, asset-backed securities,
# civil society organisation, STAT News, the Argentine peso, IHS Markit, ITA Airways, India's National
# Investigation Agency, Nigeria's statistics bureau, Standard Chartered Bank, Order of Australia Medal, ...)
AMBIGUOUS_ACRONYMS = {"DOT", "DOS", "DOC", "FTA", "ABS", "CSO", "STAT", "ARS", "IHS", "ITA", "NIA", "NBS", "SCB", "OAM", "SCS"}
COUNTRIES_FILE = "queries/countries.rq"
ROR_URL = "https://github.com/ror-community/ror-records"
US_GOVERNMENT_ROR = "https://ror.org/02rcrvv70"  # "Government of the United States of America"
G20 = {"AR", "AU", "BR", "CA", "CN", "FR", "DE", "IN", "ID", "IT", "JP", "KR", "MX", "RU", "SA", "ZA", "TR", "GB", "US"}
REGULATOR = re.compile(r"Securities|Exchange Commission|Financial (?:Conduct|Services|Supervis|Market|Regulat)|"
                       r"Competition|Fair Trade|Antimonopoly|Monetary Authority|Prudential|Markets Authority|"
                       r"Banking (?:Regulat|Supervis)|Insurance Regulat|Trade Commission|Communications Commission|"
                       r"Energy Regulat|Nuclear Regulat|s[uû]ret[ée] nucl[ée]aire|Regulatory (?:Commission|Authority)")
# ROR records in Washington without a parent, or with a federal parent, that are no federal body: a trade
# association and the National Academies (private), Educause (a nonprofit ROR gives the Department of Commerce as
# parent), the District of Columbia's own department
NOT_FEDERAL = {"American Chemistry Council", "National Academies of Sciences, Engineering, and Medicine", "Educause",
               "District Department of Transportation"}

# govdirectory's selection classes (the `additionalType` of a page) -> what the body is. National level only.
GOVDIRECTORY_TYPES = {
    # ministries and executive departments
    "Q18683469": "ministry", "Q1788820": "ministry", "Q1846372": "ministry", "Q136069342": "ministry",
    "Q126947196": "ministry", "Q111190932": "ministry", "Q55593474": "ministry", "Q132215848": "ministry",
    "Q66488868": "ministry", "Q86689447": "ministry", "Q118495193": "ministry", "Q110636698": "ministry",
    "Q110813527": "ministry", "Q138877126": "ministry", "Q10495402": "ministry", "Q896375": "ministry",
    "Q129666950": "ministry", "Q119788347": "ministry", "Q24952557": "ministry", "Q17417403": "ministry",
    "Q5260540": "ministry", "Q15409298": "ministry", "Q131579945": "ministry", "Q30744477": "ministry",
    "Q111179247": "ministry", "Q119774544": "ministry", "Q20390905": "ministry", "Q119359264": "ministry",
    "Q3143387": "ministry", "Q116973815": "ministry", "Q138750583": "ministry", "Q109644271": "ministry",
    "Q6017592": "ministry", "Q111188397": "ministry", "Q131467261": "ministry", "Q4481741": "ministry",
    "Q112818479": "ministry", "Q98140118": "ministry", "Q10330441": "ministry", "Q113015553": "ministry",
    "Q7878545": "ministry", "Q2500378": "ministry", "Q910252": "ministry", "Q134301525": "ministry",
    # national government
    "Q1320217": "government",
    # legislatures and chambers
    "Q2570643": "legislature", "Q375928": "legislature", "Q37002670": "legislature", "Q35749": "legislature",
    "Q115456878": "legislature",  # the US legislative branch: Senate, House, CBO, GAO, Library of Congress, ...
    # top courts
    "Q190752": "court", "Q32766": "court",
    # agencies
    "Q1355327": "agency",  # parts of the US Executive Office of the President (OMB, CEA, ...)
    "Q107407151": "agency",  # Swedish agencies under the Riksdag (Sveriges Riksbank, the ombudsmen, ...)
    "Q5073533": "agency",  # South Africa's Chapter 9 institutions
    # the EU
    "Q748720": "igo", "Q4936585": "igo", "Q112827555": "igo", "Q112828372": "igo", "Q2826637": "igo",
    "Q112842785": "igo", "Q112828482": "igo",
}
# demonyms that are nouns only ("the Motswana government" is not said)
NOT_ADJECTIVES = {"Motswana", "Mosotho", "Burkinabe", "Kirghiz", "Tadzhik"}
# govdirectory folders that are not states the gazetteer lists (territories; regions.csv has them)
NOT_STATES = {"bermuda", "greenland"}

SUPRAVERDEN_SKIP_TYPES = {"European Research Infrastructure Consortium", "FAO statutory body", "EU joint undertaking",
                          "all-Ireland implementation body"}
SUPRAVERDEN_SKIP_FAMILIES = {"CGIAR entities", "North South bodies"}

# Ministry topics: the news word and the patterns that name it at the head of a ministry's name.
TOPICS = {
    "Foreign": r"Foreign Affairs|Foreign Relations|External Affairs|Foreign|Foreign Affairs and \w+",
    "Defence": r"(?:National )?Defen[cs]e|(?:the )?Armed Forces",
    "Finance": r"(?:Public )?Finances?|(?:the )?Treasury",
    "Interior": r"(?:the )?Interior|Home Affairs|Internal Affairs",
    "Justice": r"Justice",
    "Health": r"(?:Public )?Health",
    "Economy": r"(?:the )?Economy|Economic Affairs",
    "Trade": r"Trade|Commerce",
    "Energy": r"Energy",
    "Agriculture": r"Agriculture",
    "Education": r"Education",
    "Environment": r"(?:the )?Environment",
    "Transport": r"Transport|Transportation",
}
FULL_NAME = {"Foreign": "Foreign Affairs", "Interior": "the Interior"}
HEAD = re.compile(r"^(?:Federal |Royal )?(?:Ministry|Department|Federal Department|Federal Public Service|"
                  r"Ministerial Department)(?: of| for)?(?: the)? (.*)$", re.I)

# A name made of these words only names a kind of body, not one body.
GENERIC_WORDS = set("""
the of and for a to on in national federal state royal republic republican people s peoples
ministry minister ministers department office council cabinet government administration executive presidency
presidential
parliament assembly congress senate house chamber representatives deputies legislative legislature diet
court supreme constitutional justice high tribunal cassation appeal appeals
bank central reserve monetary authority commission committee agency service services board bureau
fund secretariat general organization organisation institute centre center conference
foreign affairs external relations defence defense finance finances treasury interior home internal economy
economic trade commerce industry energy agriculture education environment transport health labour labor social
security public works development planning culture tourism sport sports youth women family information
communication communications science technology research innovation digital climate housing infrastructure
mines mining water fisheries forestry lands land local regional rural urban employment welfare
armed forces military army navy police defence intelligence
""".split())
# Abbreviations that are English words (the reader matches case-insensitively).
ENGLISH_WORDS = set("""
act add age aid aim air all and any apt arc are arm art ask msg nib bad bag ban bar bat bay bed bet big bit box boy bus but buy
can cap car cat cop cow cry cup cut day did die dig dog dot due ear eat eco egg end era eve eye fan far fat fee few
fig fit fix fly for fox fun gap gas get god got gun guy had has hat her hid him hip his hit hot how hub ice ill its
jet job joy key kid lab law lay led leg let lie lip log lot low mad man map may men mix mob mud net new nor not now
nut odd off oil old one our out owe own pan pay pen per pet pie pin pit pop pot put ran rat raw ray red rid rim row
run sad saw say sea see set she sin sit six sky son spa sun tab tax tea ten the tie tin tip toe ton too top toy try
two use van via war was way web wet who why win won yes yet you
able acts aide aims also area arms army band bank base bear beat been bell best bill bird blue boat body bond book
born both call came camp card care case cash cast cell chip city club coal code come cost crew cure dare data date
dawn deal dear debt deep deny desk diet does done door down draw drop drug dual duty each earn ease east edge else
euro even ever evil exit face fact fair fall fame farm fast fate fear feed feel file fill film find fine fire firm
fish five flag flat flow food foot form four free from fuel full fund gain game gate gave gear gift girl give glad
goal goes gold golf gone good grew grow half hall hand hard harm have head hear heat held help here hero high hill
hire hold hole holy home hope host hour huge hunt idea into iron item join jump just keen keep kept kind king knew
know lack lady laid lake land last late lead left lend less life lift like line link list live load loan lock long
look lord lose loss lost love luck made mail main make male many mark mass meal mean meat meet mind mine miss mode
more most move much must name navy near need news next nice nine none note once only open pace pack page paid pain
pair park part pass past path peak pick plan play plea plus poll pool poor port post pure push race rail rain rank
rare rate read real rely rent rest rich ride ring rise risk road rock role roof room root rose rule safe said sale
same save seat seek seem seen self sell send ship shop shot show shut side sign site size skin slow snow soft soil
sold sole some song soon sort soul spot star stay step stop such suit sure take tale talk tall tank task team tell
tend term test text than that them then they thin this thus tide till time tiny told tone took tour town tree trip
true tune turn twin type unit upon used user vast very vice view vote wage wait wake walk wall want ward warm wary
wash wave ways weak wear week well went were west what when whom wide wife wild will wind wine wing wire wise wish
with wood word wore work yard year zero zone
""".split())


def git_text(repo: Path, ref: str, path: str) -> str:
    return git(repo, "show", f"{ref}:{path}").decode("utf-8")


def commit_of(repo: Path, ref: str) -> str:
    return git(repo, "rev-parse", f"{ref}^{{commit}}").decode().strip()


def first_ref(repo: Path, *refs: str) -> str:
    for ref in refs:
        try:
            git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
            return ref
        except Exception:  # noqa: BLE001 - a missing ref
            continue
    sys.exit(f"{repo}: none of the branches {refs}")


class States:
    """The gazetteer's states and organisations: QID -> id, and each state's names for the generated forms."""

    def __init__(self, gazetteer: Path):
        self.by_qid: dict[str, str] = {}
        self.rows: dict[str, dict[str, str]] = {}
        with gazetteer.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                self.rows[row["id"]] = row
                if row["wikidata"]:
                    self.by_qid[row["wikidata"]] = row["id"]

    def state(self, qid: str) -> str | None:
        sid = self.by_qid.get(qid)
        return sid if sid and self.rows[sid]["kind"] == "State" else None

    def label(self, sid: str) -> str:
        return self.rows[sid]["label"]

    def adjective(self, sid: str) -> str:
        """The state's first demonym where it also serves as the adjective ("German", "Swiss"); else its name
        ("Luxembourg", "New Zealand": not "Luxembourger", "New Zealander")."""
        demonyms = [d for d in self.rows[sid]["demonyms"].split("|") if d]
        if demonyms and not demonyms[0].endswith("er") and demonyms[0] not in NOT_ADJECTIVES:
            return demonyms[0]
        return self.label(sid)

    def possessive(self, sid: str) -> str:
        label = self.label(sid)
        return f"{label}'" if label.endswith("s") else f"{label}'s"

    def names(self, sid: str) -> list[str]:
        row = self.rows[sid]
        return [n for cell in ("label", "aliases", "demonyms") for n in row[cell].split("|") if n]


def names_state(name: str, sid: str, states: States) -> bool:
    """The name contains one of the state's names or demonyms (as whole words)."""
    words = f" {key(name)} "
    return any(f" {key(n)} " in words for n in states.names(sid) if key(n))


def generic(name: str) -> bool:
    return all(w in GENERIC_WORDS for w in key(name).split())


def topics(name: str) -> list[str]:
    """The ministry topics named at the head of a ministry's name ("Ministry of Economy and Finance of X")."""
    m = HEAD.match(name)
    if not m:
        return []
    head = re.split(r",| of | in ", m.group(1))[0]
    found = []
    for part in re.split(r" and |, ", head, flags=re.I):
        for topic, pattern in TOPICS.items():
            if re.fullmatch(pattern, part.strip(), re.I) and topic not in found:
                found.append(topic)
    return found


def ministry_forms(name: str, sid: str, states: States) -> tuple[list[str], list[str]]:
    """The generated news forms of a ministry (specific to its state) and the generic forms it can be named by."""
    adj, poss = states.adjective(sid), states.possessive(sid)
    department = bool(re.match(r"^(?:Federal )?Department\b", name))
    forms, generic_forms = [], []
    for topic in topics(name):
        spellings = ["Defence", "Defense"] if topic == "Defence" else [topic]
        for word in spellings:
            full = FULL_NAME.get(topic, word)
            nouns = ["Ministry", "Department"] if department else ["Ministry"]
            for noun in nouns:
                generic_forms += [f"{word} {noun}", f"{noun} of {full}"]
                forms += [f"{adj} {word} {noun}", f"{adj} {noun} of {full}", f"{poss} {word} {noun}"]
    return forms, generic_forms


def government_forms(sid: str, states: States) -> list[str]:
    label, adj, poss = states.label(sid), states.adjective(sid), states.possessive(sid)
    return [f"Government of {label}", f"{poss} government", f"{adj} government", f"{poss} cabinet",
            f"{adj} cabinet"]


def wiki_title(page: str) -> str:
    m = re.search(r'href="https://en\.wikipedia\.org/wiki/([^"#?]+)"', page)
    return urllib.parse.unquote(html.unescape(m.group(1))) if m else ""


def govdirectory(repo: Path, states: States) -> list[dict]:
    ref = first_ref(repo, "gh-pages", "origin/gh-pages", "refs/remotes/origin/gh-pages")
    commit = commit_of(repo, ref)
    head = commit_of(repo, "HEAD")
    folders = {m.group(2): m.group(1) for m in re.finditer(r"\(wd:(Q\d+) '[^']*' '([a-z-]+)'",
                                                           git_text(repo, "HEAD", COUNTRIES_FILE))}
    eu = states.by_qid.get("Q458", "")
    paths = [p for p in git(repo, "ls-tree", "-r", "--name-only", ref).decode().split("\n")
             if re.fullmatch(r"[a-z-]+/Q[1-9]\d*/index\.html", p) and p.split("/")[0] not in NOT_STATES]
    out = []
    data = batch(repo, [f"{ref}:{p}" for p in paths])
    for path, page in zip(paths, data):
        folder, qid = path.split("/")[:2]
        m = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        if not m:
            continue
        ld = json.loads(m.group(1))
        what = GOVDIRECTORY_TYPES.get(str(ld.get("additionalType", "")).rsplit("/", 1)[-1])
        if not what:
            continue
        name = html.unescape(ld.get("name") or "").strip()
        if folder == "european-union":
            parent, kind = eu, "IntergovernmentalOrganization"
        else:
            parent, kind = states.state(folders.get(folder, "")) or "", "GovernmentBody"
            if not parent:
                continue
        out.append({"label": name, "wikidata": qid, "kind": kind, "what": what, "parent": parent,
                    "dbpedia": wiki_title(page).replace(" ", "_"), "aliases": [],
                    "source": f"{GOVDIRECTORY_URL}/blob/{commit}/{path}",
                    "countries_source": f"{GOVDIRECTORY_URL}/blob/{head}/{COUNTRIES_FILE}"})
    return out


def batch(repo: Path, objects: list[str]) -> list[str]:
    """The texts of many git objects at once (git cat-file --batch)."""
    import subprocess
    raw = subprocess.run(["git", "-C", str(repo), "cat-file", "--batch"], input="".join(o + "\n" for o in objects)
                         .encode(), capture_output=True, check=True).stdout
    texts, i = [], 0
    for _ in objects:
        end = raw.index(b"\n", i)
        size = int(raw[i:end].split()[2])
        texts.append(raw[end + 1:end + 1 + size].decode("utf-8"))
        i = end + 1 + size + 1
    return texts


def supraverden(repo: Path, states: States) -> list[dict]:
    commit = commit_of(repo, "HEAD")
    entries = yaml.safe_load(git_text(repo, "HEAD", SUPRAVERDEN_FILE))
    # the organisation an Org_family names: the entry whose English name or abbreviation is the family's stem
    by_name = {}
    for e in entries.values():
        for n in (e.get("Name_en"), e.get("Abbreviation_en")):
            if n and QID.match(str(e.get("Wikidata_code") or "")):
                by_name.setdefault(n, e["Wikidata_code"])
    out = []
    for e in entries.values():
        qid = str(e.get("Wikidata_code") or "")
        if (not QID.match(qid) or e.get("Type") in SUPRAVERDEN_SKIP_TYPES
                or e.get("Org_family") in SUPRAVERDEN_SKIP_FAMILIES):
            continue
        family = str(e.get("Org_family") or "")
        stem = re.sub(r" (entities|institutions and bodies|and affiliates)$", "", family)
        parent_qid = by_name.get(stem, "") if family not in ("none", "") else ""
        aliases = [e[k] for k in sorted(e) if re.fullmatch(r"Name_other(_\d)?_en|Abbreviation(_other(_\d)?)?_en", k)]
        aliases += [e[k] for k in ("Name_fr", "Name_es", "Name_de") if e.get(k)]
        out.append({"label": str(e["Name_en"]).strip(), "wikidata": qid, "kind": "IntergovernmentalOrganization",
                    "what": "igo", "parent_qid": parent_qid if parent_qid != qid else "", "dbpedia": "",
                    "aliases": [str(a).strip() for a in aliases if isinstance(a, str)],
                    "source": f"{SUPRAVERDEN_URL}/blob/{commit}/{SUPRAVERDEN_FILE}"})
    return out


def cabinets(repo: Path, states: States) -> list[dict]:
    commit = commit_of(repo, "HEAD")
    out = []
    for row in csv.DictReader(git_text(repo, "HEAD", CABINETS_FILE).splitlines()):
        sid = states.state(row["state"])
        qid = row["cabinet"].rsplit("/", 1)[-1]
        if not sid or not QID.match(qid):
            continue
        out.append({"label": row["cabinetLabel"].strip(), "wikidata": qid, "kind": "GovernmentBody",
                    "what": "government", "parent": sid, "dbpedia": "", "aliases": [],
                    "source": f"{CABINETS_URL}/blob/{commit}/{CABINETS_FILE}"})
    return out


def front_matter(text: str) -> dict:
    if not text.startswith("---"):
        return {}
    data = yaml.safe_load(text[3:].split("\n---", 1)[0])
    return data if isinstance(data, dict) else {}


def agencies(repo: Path, states: States) -> list[dict]:
    """The government agencies and statistical offices of the agency registry, from the ROR records it holds."""
    commit = commit_of(repo, "HEAD")
    state_by_name = {key(n): sid for sid, row in states.rows.items() if row["kind"] == "State"
                     for n in [row["label"], *row["aliases"].split("|")] if n}
    paths = [p for p in git(repo, "ls-tree", "-r", "--name-only", "HEAD").decode().split("\n")
             if AGENCY_FOLDERS.fullmatch(p)]
    out = []
    for path, text in zip(paths, batch(repo, [f"HEAD:{p}" for p in paths])):
        ror = (front_matter(text).get("external") or {}).get("ror")
        if not isinstance(ror, dict) or ror.get("status", "active") != "active":
            continue
        wd = (ror.get("external_ids") or {}).get("Wikidata") or {}
        qids = wd.get("all") if isinstance(wd.get("all"), list) else [wd.get("all")]
        qids = [str(q).strip() for q in qids if q]
        qid = str(wd.get("preferred") or (qids[0] if len(qids) == 1 else "")).strip()
        name = str(ror.get("name") or "").strip()
        if not QID.match(qid) or not name:
            continue
        folder = path.split("/")[1]
        country = ror.get("country") or {}
        if folder == "int":
            kind, sid = "IntergovernmentalOrganization", ""
        else:
            if str(country.get("country_code") or "").upper() != FOLDER_ISO.get(folder, folder.upper()):
                continue  # the registry matched a body of another country
            kind, sid = "GovernmentBody", state_by_name.get(key(str(country.get("country_name") or "")), "")
            if not sid:
                continue
        names = [str(a).strip() for a in ror.get("acronyms") or []]
        aliases = [a for a in names if re.fullmatch(r"[A-Z]{3,}", a) and a not in AMBIGUOUS_ACRONYMS]
        for n in [*(ror.get("aliases") or []), *(ror.get("labels") or [])]:
            n = str(n.get("label") if isinstance(n, dict) else n).strip()
            if n and latin(n):
                aliases.append(n)
        aliases += [a.replace(" & ", " and ") for a in [name, *aliases] if " & " in a]
        generic_extra = [a for a in aliases if agency_generic(a)]
        url = str(ror.get("wikipedia_url") or "")
        m = re.match(r"https?://en\.wikipedia\.org/wiki/([^#?]+)$", url)
        out.append({"label": name, "wikidata": qid, "kind": kind, "what": "agency", "parent": sid,
                    "bracket": kind == "GovernmentBody" and agency_generic(name),
                    "dbpedia": urllib.parse.unquote(m.group(1)).replace(" ", "_") if m else "",
                    "aliases": [a for a in aliases if a not in generic_extra], "generic_extra": generic_extra,
                    "late": True, "source": f"{AGENCIES_URL}/blob/{commit}/{path}"})
    return out


def ror_bodies(repo: Path, states: States) -> list[dict]:
    """US federal bodies and other G20 states' regulators of ror-community/ror-records."""
    from build_tables import ror_records
    records, commit = ror_records(repo)
    with (HERE / "country_domains.csv").open(newline="", encoding="utf-8") as f:
        by_iso = {("GB" if r["domain"] == "uk" else r["domain"].upper()): r["state"] for r in csv.DictReader(f)}

    def steps(rid: str, seen: frozenset = frozenset()) -> int:
        if rid == US_GOVERNMENT_ROR:
            return 0
        found = [steps(p, seen | {rid}) + 1 for p in records.get(rid, {}).get("parents", []) if p not in seen]
        return min(found, default=99)

    out, acronym_count = [], Counter()
    for rid, r in sorted(records.items()):
        if ("government" not in r["types"] or r["status"] != "active" or len(r["qids"]) != 1
                or not QID.match(str(r["qids"][0])) or r["name"] in NOT_FEDERAL or not r["name"]
                or rid == US_GOVERNMENT_ROR):  # the government itself: the gazetteer's state
            continue
        depth = steps(rid) if r["country"] == "US" else 99
        federal = (depth == 1 or (depth == 2 and r["wikipedia"])  # a department's agency: one Wikipedia writes of
                   or (r["country"] == "US" and not r["parents"] and r["city"] == "Washington"
                       and not re.search(r"Embassy|Consulate|District of Columbia", r["name"])))
        regulator = r["country"] in G20 and r["country"] != "US" and REGULATOR.search(r["name"])
        sid = by_iso.get(r["country"], "")
        if not (federal or regulator) or not sid:
            continue
        acronyms = [a.strip() for a in r["acronyms"]]
        acronym_count.update(set(acronyms))
        aliases = [n.strip() for n, _ in r["aliases"] if n.strip() and latin(n)]
        m = re.match(r"https?://en\.wikipedia\.org/wiki/([^#?]+)$", r["wikipedia"])
        out.append({"label": r["name"].strip(), "wikidata": r["qids"][0], "kind": "GovernmentBody", "what": "agency",
                    "parent": sid, "bracket": agency_generic(r["name"]), "acronyms": acronyms,
                    "dbpedia": urllib.parse.unquote(m.group(1)).replace(" ", "_") if m else "",
                    "aliases": aliases, "generic_extra": [], "late": True,
                    "source": f"{ROR_URL}/blob/{commit}/{r['path']}"})
    for body in out:  # an acronym two records give (the Treasury's and Transportation's "DOT") names neither
        body["aliases"] = [a for a in body.pop("acronyms") if re.fullmatch(r"[A-Z]{3,}", a)
                           and a not in AMBIGUOUS_ACRONYMS and acronym_count[a] == 1] + body["aliases"]
        body["aliases"] += [a.replace(" & ", " and ") for a in [body["label"], *body["aliases"]] if " & " in a]
    return out


def agency_generic(name: str) -> bool:
    return all(w in AGENCY_GENERIC_WORDS for w in key(name).split())


def abbreviation_ok(name: str) -> bool:
    return not (re.fullmatch(r"[A-Za-z0-9&-]+", name) and (len(name) < 3 or name.lower() in ENGLISH_WORDS))


def build(govdir: Path, supra: Path, cabs: Path, agency_registry: Path, ror: Path) -> tuple[list[dict], list[dict],
                                                                                         list[str]]:
    states = States(HERE / "gazetteer.csv")
    tables = [HERE / t for t in ("gazetteer.csv", "regions.csv", "people.csv", "companies.csv")]
    taken, known = claimed(*[t for t in tables if t.exists()])
    with (HERE / "gazetteer.csv").open(newline="", encoding="utf-8") as f:
        unlinked = {(key(r["label"]), r["kind"]): r["label"] for r in csv.DictReader(f) if not r["wikidata"]}
    candidates = (cabinets(cabs, states) + supraverden(supra, states) + govdirectory(govdir, states)
                  + agencies(agency_registry, states) + ror_bodies(ror, states))
    notes: list[str] = []

    # two sources giving one international body different QIDs: a conflict
    igo_qids = defaultdict(set)
    for c in candidates:
        if c["kind"] == "IntergovernmentalOrganization":
            igo_qids[key(c["label"])].add(c["wikidata"])
    conflicts = [f"{n}: {sorted(q)}" for n, q in igo_qids.items() if len(q) > 1]
    if conflicts:
        sys.exit("conflicting QIDs for one name: " + "; ".join(conflicts))

    bodies, seen = [], {}
    for c in candidates:
        if c["wikidata"] in known:
            continue
        if c["wikidata"] in seen:  # the same body from a second source: its names and DBpedia name are added
            first = seen[c["wikidata"]]
            first["aliases"] += [c["label"], *c["aliases"]]
            first["dbpedia"] = first["dbpedia"] or c["dbpedia"]
            first["generic"] += c.get("generic_extra", [])
            continue
        sid = c.get("parent", "")
        label, generic_names, forms = c["label"], [], []
        if not latin(label) or not label:
            continue
        if c["kind"] == "GovernmentBody":
            if c["what"] == "ministry":
                forms, generic_names = ministry_forms(label, sid, states)
            elif c["what"] == "government":
                forms = government_forms(sid, states)
                generic_names = ["the government", "the cabinet"]
            if generic(label) or c.get("bracket") or (c["what"] != "agency" and not names_state(label, sid, states)):
                generic_names.append(label)
                label = f"{label} ({states.label(sid)})"
        elif generic(label):
            generic_names.append(label)
            parent_label = states.rows.get(sid, {}).get("label") or ""
            label = f"{label} ({parent_label})" if parent_label else label
        claimed_forms = [f for f in [label, c["label"], *forms] if key(f) in taken]
        curated = unlinked.get((key(c["label"]), c["kind"]))
        if claimed_forms and curated is not None and c["wikidata"] not in seen:
            # the gazetteer's entry of this very name has no QID: the row carries the QID the source states for
            # it, under the gazetteer's label, and build_kb.py gives it to that entry (it adds no new names)
            body = {**c, "label": curated, "aliases": [], "forms": [], "generic": []}
            seen[c["wikidata"]] = body
            bodies.append(body)
            continue
        if claimed_forms:
            notes.append(f"{c['wikidata']}\t{c['label']}\t{states.label(sid) if sid in states.rows else ''}\t"
                         f"gazetteer already has {claimed_forms[0]!r}")
            continue
        body = {**c, "label": label, "forms": forms, "generic": generic_names + c.get("generic_extra", [])}
        seen[c["wikidata"]] = body
        bodies.append(body)

    # the parent of an international body: the gazetteer's id or the body written here
    ids = Counter()
    for b in bodies:
        b["id"] = slug(b["label"])
        ids[b["id"]] += 1
    used: set[str] = set(states.rows)
    for b in bodies:
        base = b["id"]
        if base in used:
            parent = states.rows.get(b.get("parent", ""), {}).get("label", "") or "body"
            base = f"{base}-{slug(parent)}"
        n, candidate = 1, base
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        b["id"] = candidate
        used.add(candidate)
    by_qid = {b["wikidata"]: b["id"] for b in bodies}
    for b in bodies:
        if "parent_qid" in b:
            b["parent"] = states.by_qid.get(b["parent_qid"]) or by_qid.get(b["parent_qid"], "")

    # aliases: drop claimed names; a name two bodies share, or a generic one, goes to generic_names.csv
    def alias_candidates(b: dict) -> list[str]:
        found = [a for a in [*b["aliases"], *b["forms"]] if a and latin(a) and abbreviation_ok(a)]
        return [a for a in dict.fromkeys(found) if key(a) and key(a) != key(b["label"])]

    labels = Counter(key(b["label"]) for b in bodies)
    clash = [n for n, count in labels.items() if count > 1]
    if clash:
        sys.exit(f"two bodies share a label: {clash}")
    # a name a body of the earlier sources has stays that body's: the agency registry's bodies do not take it
    earlier = {key(n) for b in bodies if not b.get("late") for n in alias_candidates(b)}
    holders = defaultdict(set)
    for b in bodies:
        for n in alias_candidates(b):
            if b.get("late") and key(n) in earlier:
                continue
            if key(n) not in labels:  # another body's label: that body keeps it
                holders[key(n)].add(b["id"])
    generic_rows = set()
    rows = []
    for b in bodies:
        aliases = []
        for a in alias_candidates(b):
            k = key(a)
            if k in taken or k in labels or (b.get("late") and k in earlier):
                continue
            if len(holders[k]) > 1 or generic(a):
                generic_rows.add((a, b["id"]))
                continue
            if k not in {key(x) for x in aliases}:
                aliases.append(a)
        for g in b["generic"]:
            generic_rows.add((g, b["id"]))
        rows.append({"id": b["id"], "label": b["label"], "kind": b["kind"], "aliases": "|".join(aliases),
                     "demonyms": "", "capitals": "", "wikidata": b["wikidata"], "dbpedia": b["dbpedia"],
                     "geonames": "", "parent": b.get("parent", ""), "source": b["source"]})
    generic_out = [{"name": n, "id": i} for n, i in sorted(generic_rows, key=lambda r: (key(r[0]), r[1]))]
    return sorted(rows, key=lambda r: r["id"]), generic_out, notes


def check(rows: list[dict]) -> None:
    qids, ids = Counter(r["wikidata"] for r in rows if r["wikidata"]), Counter(r["id"] for r in rows)
    bad = [f"QID {q} given {n} ids" for q, n in qids.items() if n > 1] + \
          [f"id {i} given {n} QIDs" for i, n in ids.items() if n > 1]
    if bad:
        sys.exit("conflict, nothing written: " + "; ".join(bad[:20]))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--govdirectory", type=Path, required=True, help="govdirectory/website (with branch gh-pages)")
    p.add_argument("--supraverden", type=Path, required=True, help="confirmordeny/supraverden")
    p.add_argument("--cabinets", type=Path, required=True, help="every-politician-scrapers/world")
    p.add_argument("--agencies", type=Path, required=True, help="integrateddatasvc/agency-registry")
    p.add_argument("--ror", type=Path, required=True, help="ror-community/ror-records")
    p.add_argument("--out", type=Path, default=HERE / "bodies.csv")
    p.add_argument("--generic", type=Path, default=HERE / "generic_names.csv")
    p.add_argument("--report", action="store_true", help="counts, and the bodies the gazetteer already names")
    args = p.parse_args(argv)
    rows, generic_rows, notes = build(args.govdirectory, args.supraverden, args.cabinets, args.agencies,
                                         args.ror)
    check(rows)
    write(args.out, rows)
    write(args.generic, generic_rows, ["name", "id"])
    print(f"{len(rows)} bodies -> {args.out}; {len(generic_rows)} generic names -> {args.generic}", file=sys.stderr)
    if args.report:
        print(Counter(r["kind"] for r in rows), file=sys.stderr)
        print("in the gazetteer under another entry (QID the source gives, for curation):", file=sys.stderr)
        for n in notes:
            print("  " + n, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
