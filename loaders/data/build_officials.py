"""Builds officials.csv and offices.csv: people who held a national office (head of state or government, minister)
in 2019-2026, and the US state governors, each with the Wikidata QID the source states, and every office they held
in the period with its dates.

Usage (standard library only; nothing is downloaded):

    .venv/bin/python loaders/data/build_officials.py \\
        --cabinets REPO [REPO ...] --world-leaders REPO --leaders-current REPO --governors REPO \\
        [--out loaders/data/officials.csv] [--offices-out loaders/data/offices.csv] [--report]

Each REPO is a git repository (bare is fine), read at HEAD, given as a path with an `OWNER+NAME` folder in it (the
way the mirrors are laid out) or as `OWNER/NAME=PATH`; the name makes the `source` URL. A `--cabinets` repository
without the three files below is skipped with a message, so a glob over the mirrors will do.

Inputs (see "Sources of the officials" in README.md for the commits and licences):

* `--cabinets`: every-politician-scrapers per-country cabinet repositories (`<country>-cabinet`,
  `<country>-ministers`, ...): `html/holders21.csv` (position title, person, person QID, start, end; drawn from
  Wikidata's position held (P39) statements), `wikidata/wanted-positions.csv` (the cabinet's position QIDs and the
  titles holders21 uses) and `html/positions.csv` (each position's English label, country and jurisdiction). Only
  the wanted positions are read (not the ambassadors, mayors and judges holders21 also lists), and only national
  ones (a position whose jurisdiction is another place than its country, such as a state governor, is left out).
* `--world-leaders`: every-politician-scrapers/world-leaders-2021 `data/wikidata.csv`: the heads of state and
  government of every state with the position's QID, the person's QID and start and end years.
* `--leaders-current`: open-data-archive/world-leaders-current `data/countries/*/current.json`, read at every commit
  that changed it: the G20 and ASEAN heads of state and government (and the EU's and the AU's leaders) with their QID
  and the date they took office; a holder seen at an earlier commit whom a later one replaces keeps the start date
  his own record gave.
* `--governors`: every-politician-scrapers/us-governors `data/wikidata.csv`: the governor of each US state at the
  commit (no dates).

Rules: an office counts when it overlaps 2019-2026 (no end, or an end in 2019 or later; a start before 2027). A head
of state or government's office that the sources leave open while a later holder of the same office starts is
closed on that later start (an upper bound where a holder in between is missing from the sources). officials.csv
keeps one row per person, with the senior office (head of state or government, deputy, foreign, defence,
finance; else any office) last known held (its end year, or for an open one the year of the commit that lists it;
the higher office in a tie) in `office`, `office_start`, `office_end`; offices.csv
lists every office. A person whose QID gazetteer.csv or people.csv already has keeps that entry (no row here) but
his offices go to offices.csv under the existing id.

Names: the label and the full-name variants the sources give (Latin script only), plus title + surname forms for
heads of state and government and ministers ("Chancellor Merz", "Foreign Minister Wadephul", "Defence Minister X"
and "Defense Minister X", "Governor Newsom"); never a bare surname. A name that gazetteer.csv, regions.csv,
people.csv or companies.csv already claims, or that two people here would share, is dropped; a person left without
a name is left out (with his offices). The script stops without writing when one QID would get two ids or one id
two QIDs.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from build_tables import COLUMNS as TABLE_COLUMNS, QID, claimed, git, key, latin, slug, write

HERE = Path(__file__).resolve().parent
COLUMNS = [*TABLE_COLUMNS, "office", "office_start", "office_end"]
OFFICE_COLUMNS = ["person_id", "wikidata", "office", "country", "office_start", "office_end", "source"]
PERIOD = ("2019", "2026-12-31")
UNITED_STATES = "Q30"
ORGANISATIONS = {"Q458", "Q7159"}  # the European Union, the African Union

# Groups for the report only.
G20 = {"Q414", "Q408", "Q155", "Q16", "Q148", "Q142", "Q183", "Q668", "Q252", "Q38", "Q17", "Q96", "Q159", "Q851",
       "Q258", "Q884", "Q43", "Q145", "Q30"}
EU = {"Q40", "Q31", "Q219", "Q224", "Q229", "Q213", "Q35", "Q191", "Q33", "Q142", "Q183", "Q41", "Q28", "Q27", "Q38",
      "Q211", "Q37", "Q32", "Q233", "Q55", "Q36", "Q45", "Q218", "Q214", "Q215", "Q29", "Q34"}
NATO = {"Q30", "Q16", "Q145", "Q142", "Q183", "Q38", "Q55", "Q31", "Q32", "Q35", "Q20", "Q189", "Q45", "Q29", "Q41",
        "Q43", "Q36", "Q213", "Q28", "Q214", "Q215", "Q191", "Q211", "Q37", "Q219", "Q218", "Q224", "Q222", "Q236",
        "Q221", "Q33", "Q34"}
# Family name first in the English label, and named by it: China, Taiwan, North and South Korea.
FAMILY_FIRST = {"Q148", "Q865", "Q423", "Q884"}
PARTICLES = {"von", "van", "der", "den", "de", "da", "das", "do", "dos", "di", "del", "della", "la", "le", "du", "ten",
             "ter"}
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
JUNIOR = re.compile(r"\b(deputy|vice|assistant|under|junior|state secretary|minister of state|parliamentary|"
                    r"secretary of state for .* minister|shadow|acting|associate|permanent secretary|"
                    r"secretary of \w+ of the netherlands)\b", re.I)  # the last: a Dutch staatssecretaris


def repo_name(spec: str) -> tuple[str, Path]:
    """`OWNER/NAME=PATH`, or a path with an `OWNER+NAME` folder in it -> ("OWNER/NAME", path)."""
    if "=" in spec:
        name, path = spec.split("=", 1)
        return name, Path(path)
    path = Path(spec)
    for part in reversed(path.resolve().parts):
        if re.fullmatch(r"[\w.-]+\+[\w.-]+", part):
            return part.replace("+", "/", 1), path
    sys.exit(f"{spec}: give it as OWNER/NAME=PATH")


def show(repo: Path, path: str, commit: str = "HEAD") -> str | None:
    try:
        return git(repo, "show", f"{commit}:{path}").decode("utf-8")
    except Exception:
        return None


def rows_of(text: str | None) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text))) if text else []


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").decode().strip()


def seen_on(repo: Path, commit: str) -> str:
    """The date of a commit: an office the file leaves open was held then."""
    return git(repo, "log", "-1", "--format=%cs", commit).decode().strip()


def in_period(start: str, end: str) -> bool:
    return (not end or end >= PERIOD[0]) and (not start or start <= PERIOD[1])


class States:
    """The gazetteer's states (and organisations): QID -> id and label, name key -> QID."""

    def __init__(self, gazetteer: Path) -> None:
        self.id: dict[str, str] = {}
        self.label: dict[str, str] = {}
        self.names: dict[str, set[str]] = defaultdict(set)
        self.by_key: dict[str, str] = {}
        with gazetteer.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["kind"] not in ("State", "IntergovernmentalOrganization") or not row["wikidata"]:
                    continue
                qid = row["wikidata"]
                self.id[qid], self.label[qid] = row["id"], row["label"]
                for cell in ("label", "aliases", "demonyms"):
                    for name in (row[cell] or "").split("|"):
                        if name.strip():
                            self.names[qid].add(key(name))
                            self.by_key.setdefault(key(name), qid)

    def mentioned(self, office: str, qid: str) -> bool:
        words = f" {key(office)} "
        return any(f" {n} " in words for n in self.names.get(qid, ()))

    def office(self, label: str, qid: str) -> str:
        """The office in words with its state: "Minister of Finance" + Canada -> "Minister of Finance of Canada"."""
        label = label[:1].upper() + label[1:]
        if not qid or qid not in self.label or self.mentioned(label, qid):
            return label
        name = self.label[qid]
        the = "the " if re.match(r"(United |Netherlands|Philippines|Czech Republic|Bahamas|Gambia|Holy See)", name) else ""
        return f"{label} of {the}{name}"


# ---------------------------------------------------------------------------------------------------- the sources

def cabinets(specs: list[str], states: States) -> list[dict]:
    found = []
    for spec in specs:
        name, repo = repo_name(spec)
        commit = head(repo)
        seen = seen_on(repo, commit)
        path = "html/holders21.csv"
        wanted = rows_of(show(repo, "wikidata/wanted-positions.csv"))
        positions = {r["id"]: r for r in rows_of(show(repo, "html/positions.csv"))}
        if not wanted or not positions or show(repo, path) is None:
            print(f"skipped {name}: not a cabinet repository (no {path}, wanted-positions.csv or positions.csv)",
                  file=sys.stderr)
            continue
        # A country the gazetteer does not hold (one the repository names as some position's country, never a
        # subdivision), which a position pairs with a gazetteer state as its country or jurisdiction, stands for
        # that state: the Netherlands (Q55, the gazetteer's) and the Kingdom of the Netherlands (Q29999), whose
        # ministers the repository places in one and the other.
        named = {r["country"] for r in positions.values() if r["country"]}
        same: dict[str, str] = {}
        for r in positions.values():
            for other, known in ((r["country"], r["jurisdiction"]), (r["jurisdiction"], r["country"])):
                if other in named and other not in states.id and known in states.id:
                    same.setdefault(other, known)
        for r in positions.values():
            r["country"], r["jurisdiction"] = same.get(r["country"], r["country"]), same.get(r["jurisdiction"],
                                                                                              r["jurisdiction"])
        main = Counter(r["country"] or r["jurisdiction"] for r in positions.values()
                       if r["country"] or r["jurisdiction"]).most_common(1)
        main_country = main[0][0] if main else ""
        by_title: dict[str, list[str]] = defaultdict(list)
        for row in wanted:
            by_title[row["title"]].append(row["position"])
        for row in rows_of(show(repo, path)):
            pids = by_title.get(row["position"])
            qid = row["personID"]
            if not pids or not QID.match(qid) or not in_period(row["start"], row["end"]):
                continue
            pos = positions.get(pids[0], {})
            country = pos.get("country") or pos.get("jurisdiction") or main_country
            if pos.get("jurisdiction") and pos["jurisdiction"] != country:
                continue  # a subnational office
            label = pos.get("position") if len(pids) == 1 and pos.get("position") else row["position"]
            found.append({"qid": qid, "name": row["person"], "position": pids[0] if len(pids) == 1 else "",
                          "office": states.office(label, country), "country": country, "start": row["start"],
                          "end": row["end"], "source": f"https://github.com/{name}/blob/{commit}/{path}",
                          "names": [row["person"]], "seen": seen})
    return found


def world_leaders(spec: str, states: States) -> tuple[list[dict], set[str]]:
    name, repo = repo_name(spec)
    commit, path = head(repo), "data/wikidata.csv"
    seen = seen_on(repo, commit)
    found, positions = [], set()
    for row in rows_of(show(repo, path)):
        positions.add(row["position"])
        if not QID.match(row["officeholder"] or "") or not in_period(row["start_year"], row["end_year"]):
            continue
        # a state the gazetteer links under another QID is known by its name ("Kingdom of the Netherlands")
        country = row["countryid"] if row["countryid"] in states.id else states.by_key.get(key(row["country"]), "")
        found.append({"qid": row["officeholder"], "name": row["officeholderLabel"], "position": row["position"],
                      "office": states.office(row["positionLabel"], country), "country": country,
                      "start": row["start_year"], "end": row["end_year"], "hoshog": True, "seen": seen,
                      "source": f"https://github.com/{name}/blob/{commit}/{path}",
                      "names": [row["officeholderLabel"]]})
    return found, positions


def leaders_current(spec: str, states: States) -> list[dict]:
    """Every holder the current.json files named at any commit, with the date he took office."""
    name, repo = repo_name(spec)
    seen: dict[tuple[str, str, str], dict] = {}
    files = [p for p in git(repo, "ls-tree", "-r", "--name-only", "HEAD", "data/countries").decode().split()
             if p.endswith("/current.json")]
    for path in files:
        commits = git(repo, "log", "--format=%H", "--", path).decode().split()
        for commit in reversed(commits):  # oldest first; a later snapshot of the same holding replaces the source
            data = json.loads(show(repo, path, commit) or "{}")
            country = states.by_key.get(key(data.get("country", {}).get("name_en", "")), "")
            for role, pos in (data.get("positions") or {}).items():
                holder = pos.get("current_holder") or {}
                qid = holder.get("wikidata_id") or ""
                if not QID.match(qid) or not in_period(holder.get("since") or "", ""):
                    continue
                office = (pos.get("office_wikipedia_en") or "").rsplit("/wiki/", 1)[-1].replace("_", " ")
                if not office or office.startswith("Monarchy of"):
                    office = f"{pos.get('title_en') or 'Monarch'} of {office.removeprefix('Monarchy of ')}".strip()
                names = [n for n in (holder.get("name_en"), holder.get("name_local")) if n]
                seen[(qid, office, holder.get("since") or "")] = {
                    "qid": qid, "name": names[0], "position": "", "office": office, "country": country,
                    "start": holder.get("since") or "", "end": "", "hoshog": True, "names": names,
                    "seen": seen_on(repo, commit),
                    "source": f"https://github.com/{name}/blob/{commit}/{path}"}
    return list(seen.values())


def governors(spec: str, states: States) -> list[dict]:
    name, repo = repo_name(spec)
    commit, path = head(repo), "data/wikidata.csv"
    seen = seen_on(repo, commit)
    with (HERE / "regions.csv").open(newline="", encoding="utf-8") as f:  # a governor speaks for the state's region
        regions = {r["label"].removesuffix(" State"): r["id"] for r in csv.DictReader(f) if "-us-" in r["id"]}
    found = []
    for row in rows_of(show(repo, path)):
        if not QID.match(row["item"] or ""):
            continue
        found.append({"qid": row["item"], "name": row["name"], "position": "", "office": f"Governor of {row['state']}",
                      "region": regions.get(row["state"], ""),
                      "country": UNITED_STATES, "start": "", "end": "", "governor": True, "seen": seen,
                      "names": [row["name"], row["enLabel"]],
                      "source": f"https://github.com/{name}/blob/{commit}/{path}"})
    return found


# ------------------------------------------------------------------------------------------- offices and their titles

def kind_of(office: dict, hoshog_positions: set[str]) -> str:
    """hoshog, deputy (vice president, deputy PM), foreign, defence, finance, economy, minister, governor, other."""
    label = office["office"].lower()
    if office.get("governor"):
        return "governor"
    if office.get("hoshog") or office["position"] in hoshog_positions:
        return "hoshog"
    if re.match(r"(first )?(vice[- ]president|deputy prime minister|vice[- ]premier|deputy premier|"
                r"vice[- ]chancellor|tánaiste)", label):
        return "deputy"
    if JUNIOR.search(label):
        return "other"
    if (re.search(r"foreign affairs|foreign minister|external affairs|international relations|"
                  r"^secretary of state for foreign|^united states secretary of state$|foreign and european affairs|"
                  r"europe and foreign affairs", label) and not re.search(r"trade|intelligence", label)):
        return "foreign"
    if re.search(r"minist(er|ry) (of|for) (national )?defen[cs]e( of|\b)|defen[cs]e minister|minister of the armed "
                 r"forces|secretary of (state for )?(national )?defen[cs]e( of|$)", label) and not re.search(
                 r"materiel|personnel|science|industry|logistics|dutch", label):
        return "defence"
    if (re.search(r"\bfinances?\b|exchequer|secretary of the treasury|^treasurer of", label)
            and not re.search(r"first lord|chief secret|minister in the", label)):
        return "finance"
    if re.search(r"minist\w* (of|for) (the )?(national )?econom(y|ic affairs|ic development)|secretary of economy|"
                 r"econom(y|ic affairs) minister", label) and not re.search(r"responsible|women|rural|in charge", label):
        return "economy"
    if re.search(r"minister|secretary|chancellor|attorney general", label):
        return "minister"
    return "other"


RANK = {"hoshog": 9, "deputy": 8, "foreign": 7, "defence": 7, "finance": 7, "economy": 6, "minister": 5,
        "governor": 5}  # officials.csv shows the senior office (7 and up) last known held, else the office last known
# held (its end year, or for an open office the year of the commit that lists it), the higher rank in a tie
MINISTER_TITLES = [  # (label pattern, title) for the other cabinet posts
    (r"interior|home affairs", "Interior Minister"), (r"health", "Health Minister"), (r"justice", "Justice Minister"),
    (r"\btrade\b", "Trade Minister"), (r"energy", "Energy Minister"), (r"agricultur", "Agriculture Minister"),
    (r"environment|climate", "Environment Minister"), (r"education", "Education Minister"),
    (r"labou?r\b", "Labour Minister"), (r"transport", "Transport Minister")]


def titles(office: dict, kind: str) -> list[str]:
    """The titles news puts before the surname of this office's holder."""
    label, country = office["office"], office["country"]
    low = label.lower()
    if kind == "governor":
        return ["Governor"]
    if kind == "hoshog":
        if re.match(r"president of the (government|council of ministers)", low):
            return ["Prime Minister"]
        for prefix, title in (("president", "President"), ("prime minister", "Prime Minister"),
                              ("federal chancellor", "Chancellor"), ("chancellor", "Chancellor"),
                              ("premier", "Premier"), ("taoiseach", "Taoiseach")):
            if low.startswith(prefix):
                return [title]
        return []
    if kind == "deputy":
        return ["Vice President"] if low.startswith("vice") and "president" in low else (
            ["Deputy Prime Minister"] if "prime minister" in low else [])
    if kind == "foreign":
        return {"Q30": ["Secretary of State"], "Q145": ["Foreign Secretary"]}.get(country, ["Foreign Minister"])
    if kind == "defence":
        return {"Q30": ["Defense Secretary", "Secretary of Defense"],
                "Q145": ["Defence Secretary"]}.get(country, ["Defence Minister", "Defense Minister"])
    if kind == "finance":
        if low.startswith("treasurer"):
            return ["Treasurer"]
        return {"Q30": ["Treasury Secretary"], "Q145": ["Chancellor"]}.get(country, ["Finance Minister"])
    if kind == "economy":
        return ["Economy Minister"]
    if kind == "minister" and country not in ("Q30", "Q145"):
        return [title for pattern, title in MINISTER_TITLES if re.search(pattern, low)][:1]
    if kind == "minister" and country == "Q145" and re.search(r"home department", low):
        return ["Home Secretary"]
    return []


def surname(name: str, country: str) -> str:
    """The surname in a title form, or "" where the name does not tell it safely: a two-part name (given name and
    surname; family name first in China, Taiwan and Korea), or a given name and a surname with particles ("Ursula von
    der Leyen", "Alexander De Croo"). Longer names (second surnames, patronymics, names without a surname) get none."""
    tokens = [t for t in name.replace(",", " ").split() if t.lower() not in SUFFIXES]
    tokens = [t for t in tokens if not re.fullmatch(r"[A-Z]\.", t)]  # middle initials
    if len(tokens) < 2 or not latin(name) or '"' in name:
        return ""
    if len(tokens) == 2:
        return tokens[0] if country in FAMILY_FIRST else tokens[1]
    if country not in FAMILY_FIRST and all(t.lower() in PARTICLES for t in tokens[1:-1]):
        return " ".join(tokens[1:])
    return ""


def close_heads(offices: list[dict]) -> None:
    """An open head-of-state or -government office ends where a later holder of the same office starts. The same
    office is the same state and title ("Federal Chancellor of Germany" and "Chancellor of Germany" are one); an office
    without a title form (monarchs, organisations' presidents) is matched on its words; offices held by two at once
    (co-princes, captains regent) are left as they are."""
    by_office = defaultdict(list)
    for o in offices:
        if o["kind"] != "hoshog" or re.search(r"co-prince|captains? regent", o["office"], re.I):
            continue
        title = titles(o, "hoshog")
        organisation = o["country"] in ORGANISATIONS or not o["country"]
        by_office[(o["country"], title[0] if title and not organisation else key(o["office"]))].append(o)
    for held in by_office.values():
        held.sort(key=lambda o: o["start"])
        for i, o in enumerate(held):
            if o["end"]:
                continue
            later = [n for n in held[i + 1:] if n["qid"] != o["qid"] and n["start"][:4] > o["start"][:4]
                     or n["qid"] != o["qid"] and len(n["start"]) == len(o["start"]) and n["start"] > o["start"]]
            if later:
                o["end"] = later[0]["start"]


def merge(offices: list[dict]) -> list[dict]:
    """One record per person, office and start year (a head of state or government: per person, state and start
    year, as the sources name the office differently); the one with the fullest dates, then an end, wins; of one
    source's records with the same start, the one with the latest end (an open one latest of all)."""
    best: dict[tuple, dict] = {}
    for o in offices:
        what = "hoshog" if o["kind"] == "hoshog" else o["office"].lower()
        k = (o["qid"], o["country"], what, o["start"][:4])
        old = best.get(k)
        rank = (len(o["start"]), bool(o["end"]), len(o["end"]))
        if old is not None and old["source"] == o["source"] and old["start"] == o["start"]:
            # one source, one start, several ends (Wikidata's statement per cabinet of a term): the latest end,
            # an open one latest of all, is the holding's
            if not o["end"] or old["end"] and o["end"] > old["end"]:
                o["names"] = old["names"] + o["names"]
                best[k] = o
            else:
                old["names"] += o["names"]
            continue
        if old is None:
            best[k] = o
        elif rank > (len(old["start"]), bool(old["end"]), len(old["end"])):
            o["names"] = old["names"] + o["names"]
            best[k] = o
        else:
            old["names"] += o["names"]
    return list(best.values())


# ------------------------------------------------------------------------------------------------------ the tables

def build(args: argparse.Namespace) -> tuple[list[dict], list[dict], list[dict]]:
    states = States(HERE / "gazetteer.csv")
    wl, hoshog_positions = world_leaders(args.world_leaders, states)
    offices = [*cabinets(args.cabinets, states), *wl, *leaders_current(args.leaders_current, states),
               *governors(args.governors, states)]
    for o in offices:
        o["kind"] = kind_of(o, hoshog_positions)
    offices = merge(offices)
    close_heads(offices)
    offices = [o for o in offices if in_period(o["start"], o["end"])]

    tables = [HERE / "gazetteer.csv", HERE / "regions.csv", HERE / "people.csv", HERE / "companies.csv"]
    taken, known = claimed(*tables)
    with (HERE / "gazetteer.csv").open(newline="", encoding="utf-8") as f:  # curated people a source may give a QID
        unlinked = {key(r["label"]): (r["label"], r["id"]) for r in csv.DictReader(f)
                    if r["kind"] == "Person" and not r["wikidata"]}
    ids_taken = set()
    for table in tables:
        with table.open(newline="", encoding="utf-8") as f:
            ids_taken |= {row["id"] for row in csv.DictReader(f)}

    people: dict[str, dict] = {}
    for o in sorted(offices, key=lambda o: (o["start"], o["end"] or "9999")):
        p = people.setdefault(o["qid"], {"qid": o["qid"], "names": [], "titles": [], "offices": []})
        p["offices"].append(o)
        p["names"] += [n.strip() for n in o["names"] if n and latin(n.strip())]
        sur = surname(o["name"], o["country"])
        if sur:
            p["titles"] += [f"{t} {sur}" for t in titles(o, o["kind"])]

    shared = Counter(k for p in people.values() if p["qid"] not in known
                     for k in {key(n) for n in [*p["names"], *p["titles"]]})
    rows, dropped = [], []
    ids: dict[str, str] = {}
    for qid, p in sorted(people.items(), key=lambda item: int(item[0][1:])):
        latest = max(p["offices"], key=lambda o: (RANK.get(o["kind"], 0) >= 7, (o["end"] or o["seen"])[:4],
                                                  RANK.get(o["kind"], 0), o["start"]))
        if qid in known:
            ids[qid] = known[qid]
            continue
        names = list(dict.fromkeys(n for n in [*p["names"], *p["titles"]]
                                   if key(n) and key(n) not in taken and shared[key(n)] == 1))
        full = [n for n in names if n in p["names"]]
        curated = next((unlinked[key(n)] for n in p["names"] if key(n) in unlinked), None)
        if not full and curated is not None:
            # the gazetteer's entry of this very name has no QID: a row under its label carries the one the source
            # states, and build_kb.py gives it to that entry; the offices are that entry's
            ids[qid] = curated[1]
            rows.append({"id": curated[1], "label": curated[0], "kind": "Person", "aliases": "",
                         "demonyms": "", "capitals": "", "wikidata": qid, "dbpedia": "", "geonames": "",
                         "parent": latest.get("region") or states.id.get(latest["country"], ""),
                         "source": latest["source"], "office": latest["office"], "office_start": latest["start"],
                         "office_end": latest["end"]})
            continue
        if not full:
            dropped.append(p)
            continue
        pid = slug(full[0])
        if pid in ids_taken or pid in ids.values():
            pid = f"{pid}-{qid.lower()}"
        ids[qid] = pid
        aliases = list(dict.fromkeys(n for n in names if n != full[0] and key(n) != key(full[0])))
        rows.append({"id": pid, "label": full[0], "kind": "Person", "aliases": "|".join(aliases), "demonyms": "",
                     "capitals": "", "wikidata": qid, "dbpedia": "", "geonames": "",
                     "parent": latest.get("region") or states.id.get(latest["country"], ""), "source": latest["source"],
                     "office": latest["office"], "office_start": latest["start"], "office_end": latest["end"]})
    office_rows = []
    for qid, p in people.items():
        if qid not in ids:
            continue
        for o in p["offices"]:
            office_rows.append({"person_id": ids[qid], "wikidata": qid, "office": o["office"],
                                "country": states.id.get(o["country"], ""), "office_start": o["start"],
                                "office_end": o["end"], "source": o["source"], "kind": o["kind"],
                                "country_qid": o["country"]})
    check(rows, office_rows, known)
    return (sorted(rows, key=lambda r: r["id"]),
            sorted(office_rows, key=lambda r: (r["person_id"], r["office_start"], r["office"])), dropped)


def check(rows: list[dict], office_rows: list[dict], known: dict[str, str]) -> None:
    """One QID one id, one id one QID, across this table, its offices and the tables already there."""
    qid_ids, id_qids = defaultdict(set), defaultdict(set)
    for qid, pid in known.items():
        qid_ids[qid].add(pid)
        id_qids[pid].add(qid)
    for r in rows:
        qid_ids[r["wikidata"]].add(r["id"])
        id_qids[r["id"]].add(r["wikidata"])
    for r in office_rows:
        qid_ids[r["wikidata"]].add(r["person_id"])
        id_qids[r["person_id"]].add(r["wikidata"])
    bad = [f"{q}: {sorted(i)}" for q, i in qid_ids.items() if len(i) > 1]
    bad += [f"{i}: {sorted(q)}" for i, q in id_qids.items() if len(q) > 1]
    if bad:
        sys.exit("conflicts, nothing written:\n  " + "\n  ".join(bad[:20]))


def report(rows: list[dict], office_rows: list[dict], dropped: list[dict]) -> None:
    def group(qid: str) -> str:
        return "G20" if qid in G20 else "EU" if qid in EU else "NATO" if qid in NATO else "other"
    kinds = Counter(r["kind"] for r in office_rows)
    groups = Counter(group(r["country_qid"]) for r in office_rows)
    people_groups = Counter()
    latest = {r["id"]: r for r in rows}
    for r in office_rows:
        if r["person_id"] in latest and r["office"] == latest[r["person_id"]]["office"]:
            people_groups[group(r["country_qid"])] += 1
    for p in dropped:
        print(f"left out, every name taken: {p['qid']} {p['names'][:1]}", file=sys.stderr)
    starts = sorted(r["office_start"] for r in office_rows if r["office_start"])
    print(f"officials: {len(rows)} people; offices: {len(office_rows)} "
          f"({len({r['person_id'] for r in office_rows})} people, {len(dropped)} left out without a free name)",
          file=sys.stderr)
    table = Counter((r["kind"], group(r["country_qid"])) for r in office_rows)
    print("offices by kind and group (first match of G20, EU, NATO, other):", file=sys.stderr)
    for kind, _ in kinds.most_common():
        cells = [table[(kind, g)] for g in ("G20", "EU", "NATO", "other")]
        print(f"  {kind:9} {cells} = {sum(cells)}", file=sys.stderr)
    print(f"offices by group: {dict(groups.most_common())}", file=sys.stderr)
    heads = {r["person_id"] for r in office_rows if r["kind"] == "hoshog"}
    print(f"people with a head of state or government office: {len(heads)}", file=sys.stderr)
    print(f"offices starting in 2023 or later: {sum(s >= '2023' for s in starts)}; "
          f"latest start {starts[-1] if starts else ''}; open-ended: {sum(not r['office_end'] for r in office_rows)}",
          file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cabinets", nargs="+", required=True, help="every-politician-scrapers country cabinet repos")
    p.add_argument("--world-leaders", required=True, help="every-politician-scrapers/world-leaders-2021")
    p.add_argument("--leaders-current", required=True, help="open-data-archive/world-leaders-current")
    p.add_argument("--governors", required=True, help="every-politician-scrapers/us-governors")
    p.add_argument("--out", type=Path, default=HERE / "officials.csv")
    p.add_argument("--offices-out", type=Path, default=HERE / "offices.csv")
    p.add_argument("--report", action="store_true")
    args = p.parse_args(argv)
    rows, office_rows, dropped = build(args)
    if len({r["id"] for r in rows}) != len(rows):
        sys.exit("duplicate ids, nothing written")
    if args.report:
        report(rows, office_rows, dropped)
    write(args.out, rows, COLUMNS)
    write(args.offices_out, [{c: r[c] for c in OFFICE_COLUMNS} for r in office_rows], OFFICE_COLUMNS)
    print(f"{len(rows)} officials -> {args.out}; {len(office_rows)} offices -> {args.offices_out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
