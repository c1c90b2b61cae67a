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
