"""What the scripts that build the actor tables share (build_regions.py, build_companies.py, build_people.py): the
reader's name key and slug, reading a file of a source repository at HEAD, and the names and QIDs the tables
already hold. Standard library only, so each script runs on its own: `python loaders/data/build_*.py ...`."""
from __future__ import annotations

import csv
import io
import re
import subprocess
import tarfile
import unicodedata
from pathlib import Path

COLUMNS = ["id", "label", "kind", "aliases", "demonyms", "capitals", "wikidata", "dbpedia", "geonames", "parent",
           "source"]
QID = re.compile(r"^Q[1-9][0-9]*$")
LU_NAME = re.compile(r'<lexUnit[^>]* name="([^"]+)\.[a-z]+"')


def slug(text: str) -> str:
    """The same slug rule as pledgegraph.ontology.iris.slug."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def key(name: str) -> str:
    """The reader's lookup key (pledgegraph.loaders.gazetteer.normalise)."""
    name = re.sub(r"'s$", "", name.replace("\u2019", "'").replace("\u2018", "'").strip())
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    return " ".join(re.findall(r"[\w+]+", name.casefold()))


def latin(name: str) -> bool:
    """Written in Latin letters (digits and punctuation allowed)."""
    return bool(name) and all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)


def git(repo: Path, *args: str) -> bytes:
    """The output of a git command in a source repository (a bare one is fine)."""
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True).stdout


def is_repo(path: Path) -> bool:
    return (path / "HEAD").is_file() or (path / ".git").exists()


def read(repo: Path, path: str) -> tuple[str, str]:
    """A file's text at HEAD and the commit it was read at (a plain directory: the file, commit "unknown")."""
    if is_repo(repo):
        return git(repo, "show", f"HEAD:{path}").decode("utf-8"), git(repo, "rev-parse", "HEAD").decode().strip()
    return (repo / path).read_text(encoding="utf-8"), "unknown"


def claimed(*tables: Path) -> tuple[set[str], dict[str, str]]:
    """The name keys (labels, aliases, capitals, demonyms) the tables hold, and their QIDs (QID -> id)."""
    names: set[str] = set()
    qids: dict[str, str] = {}
    for table in tables:
        with table.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                names |= {key(n) for cell in ("label", "aliases", "capitals", "demonyms")
                          for n in (row.get(cell) or "").split("|") if n.strip()}
                if row.get("wikidata"):
                    qids[row["wikidata"]] = row["id"]
    return names, qids


def write(path: Path, rows: list[dict[str, str]], columns: list[str] = COLUMNS) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def english_words(framenet: Path) -> set[str]:
    """Every one-word lexical unit of FrameNet 1.7 (a repository holding `resource/web/frame`), lower-cased: the
    common words a name must not be alone."""
    archive = tarfile.open(fileobj=io.BytesIO(git(framenet, "archive", "HEAD", "resource/web/frame")))
    words: set[str] = set()
    for member in archive.getmembers():
        if member.isfile() and member.name.endswith(".xml"):
            text = archive.extractfile(member).read().decode("utf-8", "replace")  # type: ignore[union-attr]
            words |= {n.lower() for n in LU_NAME.findall(text) if " " not in n}
    return words


ROR_RECORDS_URL = "https://github.com/ror-community/ror-records"


def _release(path: str) -> tuple[int, ...]:
    """"v1.17.1/x.json" -> (1, 17, 1): the release a record file belongs to."""
    return tuple(int(n) for n in re.findall(r"\d+", path.split("/")[0]))


def _ror_record(d: dict) -> dict:
    """One ROR record of either schema (1.x: `name`, `aliases`, `labels`, `external_ids.Wikidata`; 2.x: `names`,
    `external_ids` as a list, `locations`) in one form."""
    if "names" in d:  # schema 2
        names = d["names"]
        wd = next((e for e in d.get("external_ids") or [] if e.get("type") == "wikidata"), {})
        geo = (d.get("locations") or [{}])[0].get("geonames_details") or {}
        return {"id": d["id"], "status": d.get("status", ""), "types": [t.lower() for t in d.get("types") or []],
                "name": next((n["value"] for n in names if "ror_display" in n["types"]), ""),
                "aliases": [(n["value"], n.get("lang") or "") for n in names
                            if {"alias", "label"} & set(n["types"]) and "ror_display" not in n["types"]],
                "acronyms": [n["value"] for n in names if "acronym" in n["types"]],
                "qids": [wd["preferred"]] if wd.get("preferred") else list(wd.get("all") or []),
                "wikipedia": next((link["value"] for link in d.get("links") or [] if link.get("type") == "wikipedia"),
                                  ""),
                "country": geo.get("country_code") or "", "city": geo.get("name") or "",
                "lat": geo.get("lat"), "lng": geo.get("lng"),
                "parents": [r["id"] for r in d.get("relationships") or [] if r.get("type", "").lower() == "parent"]}
    wd = (d.get("external_ids") or {}).get("Wikidata") or {}
    every = wd.get("all") or []
    address = (d.get("addresses") or [{}])[0]
    return {"id": d["id"], "status": d.get("status", ""), "types": [t.lower() for t in d.get("types") or []],
            "name": d.get("name") or "",
            "aliases": [(a, "en") for a in d.get("aliases") or []]
            + [(lab.get("label", ""), lab.get("iso639") or "") for lab in d.get("labels") or []],
            "acronyms": list(d.get("acronyms") or []),
            "qids": [wd["preferred"]] if wd.get("preferred") else ([every] if isinstance(every, str) else list(every)),
            "wikipedia": d.get("wikipedia_url") or "", "country": (d.get("country") or {}).get("country_code") or "",
            "city": address.get("city") or "", "lat": address.get("lat"), "lng": address.get("lng"),
            "parents": [r["id"] for r in d.get("relationships") or [] if r.get("type", "").lower() == "parent"]}


def ror_records(repo: Path) -> tuple[dict[str, dict], str]:
    """Every organisation of ror-community/ror-records (the records each ROR release added or changed, one folder
    per release), in its latest release (the schema 2 copy where a release has both), and the commit. Each record
    has `id`, `status`, `types`, `name`, `aliases` [(name, language)], `acronyms`, `qids`, `wikipedia`, `country`
    (ISO code), `city`, `lat`, `lng`, `parents` (ROR ids) and `path` (its file)."""
    import json
    paths = [p for p in git(repo, "ls-tree", "-r", "--name-only", "HEAD").decode().split("\n")
             if re.fullmatch(r"v[\d.]+/(?:v\d/)?[0-9a-z]{9}\.json", p)]
    raw = subprocess.run(["git", "-C", str(repo), "cat-file", "--batch"], check=True, capture_output=True,
                         input="".join(f"HEAD:{p}\n" for p in paths).encode()).stdout
    latest: dict[str, tuple[tuple, dict]] = {}
    i = 0
    for path in paths:
        end = raw.index(b"\n", i)
        size = int(raw[i:end].split()[2])
        body, i = raw[end + 1:end + 1 + size], end + 1 + size + 1
        try:
            data = json.loads(body)
        except ValueError:
            continue
        if not isinstance(data, dict) or "id" not in data:
            continue
        rank = (_release(path), "names" in data)
        if data["id"] not in latest or rank > latest[data["id"]][0]:
            latest[data["id"]] = (rank, {**_ror_record(data), "path": path})
    return {rid: rec for rid, (_, rec) in latest.items()}, git(repo, "rev-parse", "HEAD").decode().strip()
