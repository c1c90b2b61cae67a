"""Writes resource-derived word lists into lexicons/resources/: lexical units of FrameNet frames and members of
VerbNet classes whose meaning is a commitment, a request or demand, a threat or warning, an intention or goal, an
expectation or forecast, a schedule, an obligation or a state of readiness.

Usage (standard library only; nothing is downloaded):

    python loaders/data/build_lexicons.py --framenet PATH --verbnet PATH [--out loaders/data/lexicons/resources]

Inputs, each a git repository (a bare one is fine: files are read with ``git archive`` at HEAD, and the commit id
written into every list is HEAD's) or a plain directory (then pass --*-commit to name the version):

* --framenet: FrameNet Release 1.7 frame files (``<frame>.xml`` with ``<lexUnit>`` elements) under --framenet-subdir.
  Used: https://github.com/machinereading/koreanframenet_0.8 at commit cb3c0ba1dd73cc22efb0f1c32b978399adefac21,
  folder ``resource/web/frame``: an unchanged copy of the 1,221 FrameNet 1.7 frame files to which Korean FrameNet
  appended Korean lexical units (no ``POS`` attribute, ids ``ko.N``); those are skipped, as are LUs with status
  ``Problem``, which leaves exactly the 13,572 English LUs of the FrameNet 1.7 luIndex. The official release
  (fndata-1.7, https://framenet.icsi.berkeley.edu) works the same way with ``--framenet-subdir frame``.
  Licence: FrameNet data, ICSI Berkeley, Creative Commons Attribution 3.0 Unported (CC BY 3.0). The Korean
  FrameNet repository's own CC BY-NC-SA licence covers its Korean additions, which are not used.
* --verbnet: VerbNet 3.4 class files (``<class>.xml``) under --verbnet-subdir.
  Used: https://github.com/cu-clear/verbnet at commit ae8e9cfdc2c0d3414b748763612f1a0a34194cc1, folder
  ``verbnet3.4``. Licence: the VerbNet 3.0 License (also applies to VerbNet 3.X versions), University of
  Colorado: use, copy, modify and distribute for any purpose, provided the copyright notice and disclaimer appear
  on all copies. The repository has no licence file; the text (as shipped e.g. by bbc/citron,
  verbnet-license.3.0.txt) is written to LICENSE-VerbNet.txt next to the lists, and each list carries the notice.

Output naming: ``<resource>_<frame or class>_<pos>.txt`` with resource ``framenet`` or ``verbnet``, the frame name
or the top VerbNet class id exactly as in the data, and pos one of ``verbs``, ``nouns``, ``adjs``, ``advs`` or
``other`` (prepositions, idioms, conjunctions), e.g. ``framenet_Commitment_verbs.txt``,
``verbnet_promise-37.13_verbs.txt``. Only non-empty lists are written. Each file has ``#`` header lines (source,
repository, commit, licence, frame/class, part of speech, why it was included) and then one lemma a line, lower
case, sorted; multiword units are written with spaces ("call on", "put off"): FrameNet's bracketed sense labels
("delay [duration]") are dropped, its parenthesised governed words are kept ("bank (on)" -> "bank on"), VerbNet's
underscores become spaces. Our own additions stay in ../*.txt, never here. README.md (a table of the lists with
their counts and sources) is rewritten on every run; files this script wrote before are removed first.
"""
from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "lexicons" / "resources"
FN_NS = "{http://framenet.icsi.berkeley.edu}"
FN_POS = {"V": "verbs", "N": "nouns", "A": "adjs", "ADV": "advs"}
POS_ORDER = ["verbs", "nouns", "adjs", "advs", "other"]
GENERATED = re.compile(r"^(framenet|verbnet)_.+\.txt$")

# Frame -> why it is included (the meaning class it feeds). Names as in FrameNet 1.7.
FRAMES: dict[str, str] = {
    "Commitment": "commitment: a Speaker commits to a future action (promise, pledge, vow; threaten, threat)",
    "Make_agreement_on_action": "commitment: parties agree on an action each commits to (agree, deal, treaty)",
    "Sign_agreement": "commitment: signing an agreement takes on its commitments (sign, accede)",
    "Offering": "commitment: offering to give or do something (offer)",
    "Agree_or_refuse_to_act": "commitment or refusal: agreeing or refusing to do a proposed action",
    "Request": "request/demand: a Speaker asks an Addressee to act (ask, demand, urge, call on)",
    "Attempt_suasion": "request/demand: urging an Addressee to act (urge, press, lobby, advise)",
    "Warning": "threat/warning: telling of an undesirable situation to come (warn, warning)",
    "Purpose": "intention/goal: an Agent's goal or plan (aim, goal, target, intend, plan)",
    "Project": "intention/goal: planned undertakings (project, programme, plan, scheme)",
    "Seeking_to_achieve": "intention/goal: taking steps towards a goal (seek, pursue)",
    "Desiring": "intention/desire: wanting an event (want, hope, aspire); verbs are the useful part",
    "Deciding": "intention: a decision about a course of action (decide, determine)",
    "Expectation": "expectation: believing an event will happen (expect, anticipate, foresee)",
    "Predicting": "forecast: stating a future event (predict, forecast)",
    "Estimating": "forecast: approximate values (estimate, guess)",
    "Likelihood": "expectation/hedge: how likely an event is (likely, probable, may, bound)",
    "Scheduling": "schedule: setting an event's time (schedule, set up, arrange)",
    "Timetable": "schedule: the schedule itself (schedule, timetable, agenda)",
    "Businesses": "actors: nouns that describe a company (company, firm, corporation, bank)",
    "Causation": "effect: a cause brings about an effect (bring about, lead to, result in): a measure's effect",
    "Assistance": "effect: helping a goal along (help, aid, assist): a measure's effect",
    "Hindering": "effect: hampering an action (hamper, hinder, impede): a measure's effect",
    "Contingency": "effect: depending on something (depend, hinge, determine): a measure's prospects",
    "Preventing_or_letting": "effect: letting or preventing an event (allow, enable, prevent): a measure's effect",
    "Making_arrangements": "schedule: arranging for an event (plan, organize, set up)",
    "Change_event_time": "schedule: moving an event's time (delay, postpone, put off, reschedule)",
    "Imposing_obligation": "obligation: imposing a duty (oblige, require, bind, commit)",
    "Being_obligated": "obligation: having a duty (obliged, bound, duty, obligation)",
    "Being_obligatory": "obligation: something must be done (mandatory, compulsory, binding)",
    "Required_event": "obligation: modal necessity (must, have to, need, shall)",
    "Have_as_requirement": "obligation: requiring something as a prerequisite (require, demand, need)",
    "Activity_ready_state": "readiness: ready to start an activity (ready, prepared, set)",
    "Activity_prepare": "readiness: preparing for an activity (prepare, gear up, get ready)",
    "Willingness": "readiness: willing or unwilling to act (willing, prepared, reluctant)",
}


@dataclass(frozen=True)
class VerbClass:
    """A VerbNet class to list, with or without the members of its subclasses."""

    id: str
    subclasses: bool
    reason: str


CLASSES: list[VerbClass] = [
    VerbClass("promise-37.13", True, "commitment: promising (pledge, promise, assure, guarantee)"),
    VerbClass("dedicate-79", True, "commitment: committing oneself (commit, dedicate, devote)"),
    VerbClass("volunteer-95.4", True, "commitment: offering one's service (offer, volunteer, sign up)"),
    VerbClass("urge-58.1", True, "request/demand: urging someone to act (urge, call on, press, ask)"),
    VerbClass("beg-58.2", True, "request/demand: begging (request, beg, importune)"),
    VerbClass("order-58.3", True, "request/demand: ordering (demand, order, command, mandate, require)"),
    VerbClass("advise-37.9", True, "request/warning: advising or warning (warn, caution, advise)"),
    VerbClass("want-32.1", True, "intention/desire: wanting (want, desire, need)"),
    VerbClass("long-32.2", True, "intention/desire: longing and hoping (hope, wish, long)"),
    VerbClass("wish-62", True, "intention/expectation: wishing, planning, expecting (expect, intend, plan, aim)"),
    VerbClass("intend-61.2", True, "intention: intending (aim, mean, intend, plan)"),
    VerbClass("conjecture-29.5-1", True, "expectation: the future-oriented subclass (anticipate, expect, foresee)"),
    VerbClass("estimate-34.2", True, "forecast: estimating a value (estimate, project, gauge)"),
    VerbClass("delay-53.3", True, "schedule: delaying an event (delay, postpone, defer)"),
    VerbClass("require-103", True, "obligation: requiring (require, need, necessitate, demand)"),
    VerbClass("reject-77.2", False, "refusal: the top class only (decline, rebuff, refuse, turn down)"),
    VerbClass("future_having-13.3", True, "commitment of resources: allotting something to come (allocate, grant)"),
]

VERBNET_NOTICE = "VerbNet 3.0 (or 3.X) Copyright 2009 by University of Colorado.  All rights reserved."
VERBNET_LICENSE = """\
            VerbNet 3.0 License (also applies to VerbNet 3.X versions)

This software and database is being provided to you, the LICENSEE, by
the University of Colorado under the following license.  By obtaining, using
and/or copying this software and database, you agree that you have
read, understood, and will comply with these terms and conditions.:

Permission to use, copy, modify and distribute this software and
database and its documentation for any purpose and without fee or
royalty is hereby granted, provided that you agree to comply with
the following copyright notice and statements, including the disclaimer,
and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal
use or for distribution.

VerbNet 3.0 (or 3.X) Copyright 2009 by University of Colorado.  All rights reserved.

THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND THE UNIVERSITY
OF COLORADO  MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR
IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION, UNIVERSITY
OF COLORADO MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-
ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE
OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT
INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR
OTHER RIGHTS.

The name of University of Colorado or CU may not be used in
advertising or publicity pertaining to distribution of the software
and/or database.  Title to copyright in this software, database and
any associated documentation shall at all times remain with
University of Colorado and LICENSEE agrees to preserve same.

Please reference the following document(s) in any description of
applications based on VerbNet 3.0 or 3.X:

Karin Kipper, Anna Korhonen, Neville Ryant, Martha Palmer,
A Large-scale Classification of English Verbs,
Language Resources and Evaluation Journal, 42(1), pp. 21-40,
Springer Netherland, 2008.

and/or

Karin Kipper Schuler, Anna Korhonen, Susan W. Brown, VerbNet overview,
extensions, mappings and apps, Tutorial, NAACL-HLT 2009, Boulder,
Colorado.
"""


@dataclass(frozen=True)
class Source:
    """Where a resource's files come from, as written into every list header."""

    resource: str
    url: str
    commit: str
    licence: str
    files: dict[str, bytes]  # file name (no folder) -> content


@dataclass(frozen=True)
class WordList:
    """One output list: a frame's or class's lemmas of one part of speech."""

    filename: str
    source: Source
    name: str
    pos: str
    reason: str
    note: str
    lemmas: list[str]


def is_git_repo(path: Path) -> bool:
    """Whether PATH is a git repository (bare, or a work tree with .git)."""
    return ((path / "HEAD").is_file() and (path / "objects").is_dir()) or (path / ".git").exists()


def git(path: Path, *args: str) -> bytes:
    """Output of a git command run in repository PATH."""
    return subprocess.run(["git", "-C", str(path), *args], check=True, capture_output=True).stdout


def read_git_folder(path: Path, subdir: str) -> dict[str, bytes]:
    """The .xml files directly in SUBDIR of the repository's HEAD."""
    archive = tarfile.open(fileobj=io.BytesIO(git(path, "archive", "HEAD", subdir)))
    files = {}
    for member in archive.getmembers():
        name = member.name.removeprefix(subdir.rstrip("/") + "/")
        if member.isfile() and "/" not in name and name.endswith(".xml"):
            files[name] = archive.extractfile(member).read()
    return files


def read_folder(path: Path) -> dict[str, bytes]:
    """The .xml files directly in a plain directory."""
    return {p.name: p.read_bytes() for p in sorted(path.glob("*.xml"))}


def load_source(resource: str, path: Path, subdir: str, url: str, commit: str | None, licence: str) -> Source:
    """Reads a resource's XML files from a git repository or a plain directory."""
    if is_git_repo(path):
        files = read_git_folder(path, subdir)
        commit = commit or git(path, "rev-parse", "HEAD").decode().strip()
    else:
        files = read_folder(path / subdir)
    if not files:
        sys.exit(f"no .xml files in {path}/{subdir}")
    return Source(resource, url, commit or "unknown", licence, files)


def clean_lemma(name: str) -> str:
    """A lexical unit or member name as a lower-case lemma with single spaces."""
    name = re.sub(r"\[[^\]]*\]", " ", name)  # FrameNet sense labels: "delay [duration]"
    name = name.replace("(", " ").replace(")", " ").replace("_", " ")
    return " ".join(name.lower().split())


def framenet_lus(xml: bytes) -> dict[str, set[str]]:
    """A frame file's English lexical units, by part of speech (Korean additions and Problem LUs skipped)."""
    by_pos: dict[str, set[str]] = {}
    for lu in ET.fromstring(xml).iter(FN_NS + "lexUnit"):
        pos, name = lu.get("POS"), lu.get("name", "")
        if not pos or not lu.get("ID", "").isdigit() or lu.get("status") == "Problem":
            continue
        lemma = clean_lemma(name.rsplit(".", 1)[0])
        by_pos.setdefault(FN_POS.get(pos.upper(), "other"), set()).add(lemma)
    return by_pos


def framenet_lists(source: Source) -> list[WordList]:
    """One list per selected frame and part of speech."""
    lists = []
    for frame, reason in FRAMES.items():
        xml = source.files.get(f"{frame}.xml")
        if xml is None:
            sys.exit(f"FrameNet frame {frame} not found")
        for pos, lemmas in sorted(framenet_lus(xml).items(), key=lambda item: POS_ORDER.index(item[0])):
            lists.append(WordList(f"framenet_{frame}_{pos}.txt", source, f"frame {frame}", pos, reason, "",
                                  sorted(lemmas)))
    return lists


def members_of(element: ET.Element) -> set[str]:
    """The member lemmas listed directly in a class or subclass."""
    block = element.find("MEMBERS")
    return set() if block is None else {clean_lemma(m.get("name", "")) for m in block.iter("MEMBER")}


def find_class(source: Source, class_id: str) -> ET.Element | None:
    """The VNCLASS or VNSUBCLASS element with this ID, looked up in the file named after its top class."""
    for name, xml in source.files.items():
        stem = name.removesuffix(".xml")
        if class_id == stem or class_id.startswith(stem + "-"):
            root = ET.fromstring(xml)
            found = [el for el in root.iter() if el.tag in ("VNCLASS", "VNSUBCLASS") and el.get("ID") == class_id]
            if found:
                return found[0]
    return None


def class_members(element: ET.Element, subclasses: bool) -> tuple[set[str], list[str]]:
    """Member lemmas of a class (and, if asked, of all its subclasses), with the ids of the classes read."""
    members, ids = members_of(element), [element.get("ID", "")]
    if subclasses:
        for sub in element.iter("VNSUBCLASS"):
            if sub is not element:
                members |= members_of(sub)
                ids.append(sub.get("ID", ""))
    return members, ids


def verbnet_lists(source: Source) -> list[WordList]:
    """One list per selected VerbNet class."""
    lists = []
    for vc in CLASSES:
        element = find_class(source, vc.id)
        if element is None:
            sys.exit(f"VerbNet class {vc.id} not found")
        members, ids = class_members(element, vc.subclasses)
        note = "classes read: " + ", ".join(ids)
        lists.append(WordList(f"verbnet_{vc.id}_verbs.txt", source, f"class {vc.id}", "verbs", vc.reason, note,
                              sorted(members)))
    return lists


def header(wl: WordList) -> list[str]:
    """The comment lines that open a list."""
    s = wl.source
    lines = [
        f"# source: {s.resource}, {wl.name}; part of speech: {wl.pos}",
        f"# repository: {s.url}",
        f"# commit: {s.commit}",
        f"# licence: {s.licence}",
    ]
    if s.resource.startswith("VerbNet"):
        lines.append(f"# {VERBNET_NOTICE} Provided AS IS, see LICENSE-VerbNet.txt")
    lines.append(f"# included for: {wl.reason}")
    if wl.note:
        lines.append(f"# {wl.note}")
    lines.append("# written by loaders/data/build_lexicons.py from the source above; our own additions are in ../*.txt")
    return lines


def write_lists(lists: list[WordList], out: Path) -> None:
    """Replaces earlier generated lists in OUT by these."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if GENERATED.match(old.name):
            old.unlink()
    for wl in lists:
        (out / wl.filename).write_text("\n".join(header(wl) + wl.lemmas) + "\n", encoding="utf-8")
    (out / "LICENSE-VerbNet.txt").write_text(VERBNET_LICENSE, encoding="utf-8")


def readme(lists: list[WordList], sources: list[Source]) -> str:
    """README.md for the resources folder: sources, naming and a table of the lists."""
    lines = [
        "# lexicons/resources",
        "",
        "Word lists derived from public lexical resources by `loaders/data/build_lexicons.py` (see its docstring for",
        "how to re-run it). Do not edit these files by hand: our own additions stay in `../*.txt`.",
        "",
        "Naming: `<resource>_<frame or class>_<pos>.txt`, pos one of `verbs`, `nouns`, `adjs`, `advs`, `other`;",
        "one lower-case lemma a line after `#` header lines, multiword units with spaces.",
        "",
        "## Sources",
        "",
    ]
    for s in sources:
        lines.append(f"- {s.resource}: {s.url} at commit `{s.commit}`. Licence: {s.licence}.")
    lines += [
        "",
        "FrameNet: the frame files are the FrameNet 1.7 release files as copied into the Korean FrameNet repository;",
        "only the English lexical units are read (Korean additions and LUs with status `Problem` are skipped, which",
        "leaves the 13,572 LUs of FrameNet 1.7). Attribution: FrameNet, International Computer Science Institute,",
        "Berkeley (https://framenet.icsi.berkeley.edu), CC BY 3.0.",
        "",
        f"VerbNet: {VERBNET_NOTICE}",
        "The full licence, which asks for this notice and its disclaimer on all copies, is in `LICENSE-VerbNet.txt`.",
        "",
        "## Lists",
        "",
        "| file | lemmas | included for |",
        "| --- | ---: | --- |",
    ]
    lines += [f"| `{wl.filename}` | {len(wl.lemmas)} | {wl.reason} |" for wl in lists]
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--framenet", type=Path, required=True, help="git repository or folder with FrameNet 1.7")
    p.add_argument("--framenet-subdir", default="resource/web/frame")
    p.add_argument("--framenet-url", default="https://github.com/machinereading/koreanframenet_0.8")
    p.add_argument("--framenet-commit", default=None, help="version, when --framenet is not a git repository")
    p.add_argument("--verbnet", type=Path, required=True, help="git repository or folder with VerbNet 3.4")
    p.add_argument("--verbnet-subdir", default="verbnet3.4")
    p.add_argument("--verbnet-url", default="https://github.com/cu-clear/verbnet")
    p.add_argument("--verbnet-commit", default=None, help="version, when --verbnet is not a git repository")
    p.add_argument("--out", type=Path, default=OUT)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Reads both resources, writes the lists and README.md, prints a summary table."""
    args = parse_args(argv)
    fn = load_source("FrameNet 1.7", args.framenet, args.framenet_subdir, args.framenet_url, args.framenet_commit,
                     "CC BY 3.0 (Creative Commons Attribution 3.0 Unported), FrameNet project, ICSI Berkeley")
    vn = load_source("VerbNet 3.4", args.verbnet, args.verbnet_subdir, args.verbnet_url, args.verbnet_commit,
                     "VerbNet 3.0 License (also applies to VerbNet 3.X versions), University of Colorado")
    lists = framenet_lists(fn) + verbnet_lists(vn)
    write_lists(lists, args.out)
    (args.out / "README.md").write_text(readme(lists, [fn, vn]), encoding="utf-8")
    width = max(len(wl.filename) for wl in lists)
    for wl in lists:
        print(f"{wl.filename:<{width}}  {len(wl.lemmas):>3}")
    print(f"{len(lists)} lists, {sum(len(wl.lemmas) for wl in lists)} lemmas -> {args.out}")


if __name__ == "__main__":
    main()
