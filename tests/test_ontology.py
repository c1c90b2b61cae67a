"""The ontology: the generated Turtle, the vocabulary's closure, HermiT consistency, SHACL shapes and the
competency questions (run through the real command line against real stores on disk)."""
from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import run_cli
from rdflib import Graph, Literal, URIRef

from pledgegraph.load import load_ontology
from pledgegraph.loaders.records import Actor, Article, Deadline, Extraction, Span, Statement
from pledgegraph.loaders.to_rdf import to_rdf
from pledgegraph.ontology import ONTOLOGY_TTL, QUERIES, vocab
from pledgegraph.ontology.build import turtle
from pledgegraph.ontology.iris import Minter, article_key
from pledgegraph.ontology.validate import (ReasonerInputError, check_consistency, read_dataset, reasoner_input,
                                           validate_shapes)
from pledgegraph.ontology.vocab import FOAF, NIF, NS, OWL, PG, PREFIXES, PROV, RDF, RDFS, SKOS, WD
from pledgegraph.settings import load_settings
from pledgegraph.store import open_store

BASE = load_settings(env={}).base_iri
COMMITMENT_KINDS = {"Pledge", "Demand", "Threat"}

# --- A small article written for these tests, and its extraction built by hand ---------------------------------

TEXT = (
    "Germany pledged on Monday to spend 3.5% of its economic output on defence by 2029, the finance ministry said. "
    "The European Commission demanded that France cut its budget deficit below 3% by 31 March 2027. "
    "If France misses that deadline, the Commission may freeze €2 billion in regional funds, two officials said. "
    "Germany will not buy new fighter jets before December 2027, according to Reuters. "
    "Analysts expect Russia to test NATO's eastern flank by 2030."
)


def span(phrase: str, within: str = TEXT) -> Span:
    """The span of the first occurrence of a phrase in the text."""
    begin = within.index(phrase)
    return Span(begin, begin + len(phrase), phrase)


def sentence(start: str) -> Span:
    """The span of the sentence that starts with the given words."""
    begin = TEXT.index(start)
    end = TEXT.index(". ", begin) + 1 if ". " in TEXT[begin:] else len(TEXT)
    return Span(begin, end, TEXT[begin:end])


def hand_built() -> Extraction:
    """An extraction with every kind of statement, a condition that depends on another, amounts, a negation."""
    article = Article(text=TEXT, source="hand-built", title="Budgets and defence", url="https://example.org/a/1",
                      published=date(2026, 3, 2), publisher="Example News", language="en")
    actors = {a.id: a for a in [
        Actor("germany", "Germany", "State", {"Berlin"}, wikidata="Q183", dbpedia="Germany", geonames="2921044",
              spans=[span("Germany")]),
        Actor("france", "France", "State", wikidata="Q142", dbpedia="France", spans=[span("France")]),
        Actor("european-commission", "European Commission", "Organization", {"the Commission"},
              wikidata="Q8880", spans=[span("European Commission")]),
        Actor("russia", "Russia", "State", wikidata="Q159", spans=[span("Russia")]),
        Actor("nato", "NATO", "IntergovernmentalOrganization", wikidata="Q7184", spans=[span("NATO")]),
        Actor("reuters", "Reuters", "MediaOrganization", wikidata="Q130879", spans=[span("Reuters")]),
        Actor("german-finance-ministry", "German finance ministry", "GovernmentBody",
              spans=[span("the finance ministry")]),
        Actor("two-officials", "two officials", "AnonymousSource", local=True, count=2,
              spans=[span("two officials")]),
        Actor("analysts", "analysts", "AnonymousSource", local=True, spans=[span("Analysts")]),
        Actor("germany-and-france", "Germany and France", "ActorGroup", members=["germany", "france"]),
    ]}
    statements = [
        Statement("Pledge", sentence("Germany pledged"), "spend 3.5% of its economic output on defence",
                  actor="germany", issuer="germany", deadline=Deadline("2029", "by 2029"),
                  amount="3.5% of its economic output", sources=["german-finance-ministry"], rule="test-pledge",
                  confidence=0.9),
        Statement("Demand", sentence("The European Commission demanded"), "cut its budget deficit below 3%",
                  actor="france", issuer="european-commission", addressee="france",
                  deadline=Deadline("2027-03-31", "by 31 March 2027"), rule="test-demand", confidence=0.8),
        Statement("Threat", sentence("If France misses"), "freeze €2 billion in regional funds",
                  actor="european-commission", issuer="european-commission", addressee="france",
                  deadline=Deadline("2027-03-31", "that deadline"), amount="€2 billion",
                  condition="If France misses that deadline", depends_on=1, certainty="possible",
                  sources=["two-officials"], rule="test-threat", confidence=0.7),
        Statement("Pledge", sentence("Germany will not buy"), "buy new fighter jets", actor="germany",
                  issuer="germany", deadline=Deadline("2027-12", "before December 2027"), negated=True,
                  reporter="reuters", rule="test-negated", confidence=0.6),
        Statement("Forecast", sentence("Analysts expect"), "test NATO's eastern flank", actor="russia",
                  issuer="analysts", deadline=Deadline("2030", "by 2030"), certainty="probable",
                  rule="test-forecast", confidence=0.4),
    ]
    return Extraction(article=article, actors=actors, statements=statements)


def plus(graph: Graph, *triples: tuple) -> Graph:
    """A copy of a graph with triples added."""
    copy = Graph()
    copy += graph
    for triple in triples:
        copy.add(triple)
    return copy


def without(graph: Graph, pattern: tuple) -> Graph:
    """A copy of a graph without the triples matching a pattern (None matches anything)."""
    copy = Graph()
    copy += graph
    copy.remove(pattern)
    return copy


def to_graph(extraction: Extraction) -> Graph:
    """The article's graph plus the triples about the shared actors it names, as the store's union shows them."""
    _iri, graph, actors = to_rdf(Minter(BASE), extraction)
    return graph + actors


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return hand_built()


@pytest.fixture(scope="module")
def hand_graph(extraction: Extraction) -> Graph:
    return to_graph(extraction)


@pytest.fixture(scope="module")
def hand_store_dir(tmp_path_factory: pytest.TempPathFactory, extraction: Extraction) -> Path:
    """A store on disk holding the ontology and the hand-built article, written as the loader writes it."""
    path = tmp_path_factory.mktemp("hand") / "store"
    store = open_store(path)
    load_ontology(store)
    minter = Minter(BASE)
    graph_iri, graph, actors = to_rdf(minter, extraction)
    store.add_to_graph(minter.actors_graph(), actors)
    store.replace_graph(graph_iri, graph)
    store.flush()
    del store
    gc.collect()  # close the store, so that the command line can open it
    return path


@pytest.fixture(scope="module")
def seed_graph(seeded_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """Every graph of the seeded store but the ontology's, read back through `pledgegraph export`."""
    out = tmp_path_factory.mktemp("export") / "seed.nq"
    result = run_cli("export", "--store", str(seeded_store_dir), "--format", "nquads", "--output", str(out))
    assert result.returncode == 0, result.stderr
    union = read_dataset(str(out))
    assert len(union) > 0 and not set(union.triples((None, None, OWL.Ontology))), "expected article triples only"
    return union


# --- The Turtle file is what build.py generates --------------------------------------------------------------------

def test_committed_turtle_is_what_build_generates() -> None:
    assert ONTOLOGY_TTL.read_text(encoding="utf-8") == turtle(), \
        "ontology/pledgegraph.ttl is stale: run python -m pledgegraph.ontology.build"


def test_build_check_command_agrees_in_a_fresh_process() -> None:
    """A second process (another hash seed) generates the same bytes: `--check` finds nothing to change."""
    result = subprocess.run([sys.executable, "-m", "pledgegraph.ontology.build", "--check"], capture_output=True,
                            text=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert result.returncode == 0, result.stderr


# --- The vocabulary: vocab.PG and the Turtle declare the same terms --------------------------------------------------

@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


def pg_terms_in(graph: Graph) -> set[URIRef]:
    return {t for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}


def vocab_terms() -> set[URIRef]:
    return {PG[name] for name in PG.__annotations__}


def test_every_vocab_term_is_declared_with_label_and_comment(ontology: Graph) -> None:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
    for term in sorted(vocab_terms()):
        assert set(ontology.objects(term, RDF.type)) & kinds, f"{term} is not declared"
        labels = [o for o in ontology.objects(term, RDFS.label) if o.language == "en"]
        comments = [o for o in ontology.objects(term, RDFS.comment) if o.language == "en"]
        assert len(labels) == 1 and len(comments) == 1, f"{term} needs one English label and comment"


def test_every_pg_term_in_the_turtle_is_in_vocab(ontology: Graph) -> None:
    assert pg_terms_in(ontology) - vocab_terms() == set()
    assert vocab_terms() - pg_terms_in(ontology) == set()


@pytest.mark.parametrize("triple", [
    (PG.Actor, RDFS.subClassOf, PROV.Agent),
    (PG.Actor, RDFS.subClassOf, FOAF.Agent),
    (PG.Organization, RDFS.subClassOf, PG.Actor),
    (PG.GovernmentBody, RDFS.subClassOf, PG.Organization),
    (PG.IntergovernmentalOrganization, RDFS.subClassOf, PG.Organization),
    (PG.MediaOrganization, RDFS.subClassOf, PG.Organization),
    (PG.ActorGroup, RDFS.subClassOf, FOAF.Group),
    (PG.Commitment, RDFS.subClassOf, PROV.Entity),
    (PG.Forecast, RDFS.subClassOf, PROV.Entity),
    (PG.Pledge, RDFS.subClassOf, PG.Commitment),
    (PG.Threat, RDFS.subClassOf, PG.Commitment),
    (PG.Deadline, RDFS.subClassOf, vocab.TIME.Instant),
    (PG.Mention, RDFS.subClassOf, NIF.String),
    (PG.Article, OWL.equivalentClass, vocab.SDO.NewsArticle),
    (PG.Certainty, RDFS.subClassOf, SKOS.Concept),
    (PG.issuer, RDFS.subPropertyOf, PROV.wasAttributedTo),
    (PG.member, RDFS.subPropertyOf, FOAF.member),
    (PG.CertaintyScheme, RDF.type, SKOS.ConceptScheme),
    (PG.reporter, RDF.type, PROV.Role),
    (PG.source, RDF.type, PROV.Role),
    (PG.negated, RDFS.range, vocab.XSD.boolean),
    (PG.amount, RDFS.range, vocab.XSD.string),
])
def test_alignment(ontology: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in ontology


def test_certainty_scheme_holds_the_four_concepts(ontology: Graph) -> None:
    in_scheme = set(ontology.subjects(SKOS.inScheme, PG.CertaintyScheme))
    assert in_scheme == {PG.certain, PG.probable, PG.possible, PG.alleged}
    for concept in in_scheme:
        assert (concept, RDF.type, SKOS.Concept) in ontology
        assert (PG.CertaintyScheme, SKOS.hasTopConcept, concept) in ontology


def test_literals_the_writer_emits_have_the_declared_datatypes(ontology: Graph, hand_graph: Graph) -> None:
    """Every pg: datatype property's value in to_rdf's output has the rdfs:range the ontology declares."""
    checked = set()
    for s, p, o in hand_graph:
        if not isinstance(o, Literal) or not str(p).startswith(NS):
            continue
        declared = ontology.value(p, RDFS.range)
        base = ontology.value(declared, OWL.onDatatype) or declared  # confidence: a restricted xsd:decimal
        assert (o.datatype or vocab.XSD.string) == base, f"{p} has {o.datatype}, the ontology says {base}"
        checked.add(p)
    assert {PG.negated, PG.confidence, PG.amount, PG.action, PG.asWritten, PG.count, PG.rule} <= checked


# --- HermiT ------------------------------------------------------------------------------------------------------

def test_ontology_alone_is_consistent_and_every_class_satisfiable() -> None:
    result = check_consistency(Graph())
    assert result.consistent, result.message


def test_an_unsatisfiable_class_is_reported() -> None:
    """A state that must be a person cannot exist: persons and states are disjoint."""
    result = check_consistency(plus(Graph(), (PG.State, RDFS.subClassOf, PG.Person)))
    assert not result.consistent
    assert str(PG.State) in result.message and str(OWL.Nothing) not in result.message


def test_hand_built_graph_is_consistent(hand_graph: Graph) -> None:
    result = check_consistency(hand_graph)
    assert result.consistent, result.message


def test_seed_graph_is_consistent(seed_graph: Graph) -> None:
    result = check_consistency(seed_graph)
    assert result.consistent, result.message


def test_contradictory_graph_is_inconsistent(hand_graph: Graph) -> None:
    """A pledge that is also a demand, and an actor linked to the same Wikidata item as a person and a state."""
    pledge = next(hand_graph.subjects(RDF.type, PG.Pledge))
    two_kinds = plus(hand_graph, (pledge, RDF.type, PG.Demand))
    assert not check_consistency(two_kinds).consistent
    person = URIRef(BASE + "actor/someone")
    same_as_germany = plus(hand_graph, (person, RDF.type, PG.Person), (person, OWL.sameAs, WD.Q183))
    assert not check_consistency(same_as_germany).consistent


def test_confidence_out_of_range_is_inconsistent(hand_graph: Graph) -> None:
    pledge = next(hand_graph.subjects(RDF.type, PG.Pledge))
    broken = plus(without(hand_graph, (pledge, PG.confidence, None)),
                  (pledge, PG.confidence, Literal("1.5", datatype=vocab.XSD.decimal)))
    assert not check_consistency(broken).consistent


def test_reasoner_input_keeps_time_values_as_annotations(hand_graph: Graph) -> None:
    """The gYear/gYearMonth/date values reach HermiT, as annotations: no triple is dropped."""
    given = reasoner_input(hand_graph)
    assert all(triple in given for triple in hand_graph)
    for prop in (vocab.TIME.inXSDgYear, vocab.TIME.inXSDgYearMonth, vocab.TIME.inXSDDate, vocab.SDO.datePublished):
        assert (prop, RDF.type, OWL.AnnotationProperty) in given
    assert (PG.confidence, RDF.type, OWL.AnnotationProperty) not in given


@pytest.mark.parametrize("triple", [
    (URIRef(BASE + "statement/x/0"), PG.actor, Literal("France")),  # a literal for an object property
    (URIRef(BASE + "statement/x/0"), PG.action, URIRef(BASE + "actor/france")),  # a resource for a datatype one
    (URIRef(BASE + "statement/x/0"), PG.action, Literal("2027", datatype=vocab.XSD.gYear)),  # not OWL 2
], ids=["literal-object", "resource-datatype", "gyear-on-ours"])
def test_misused_properties_of_ours_are_refused(triple: tuple) -> None:
    with pytest.raises(ReasonerInputError):
        reasoner_input(plus(Graph(), triple))


# --- SHACL -------------------------------------------------------------------------------------------------------

def test_hand_built_graph_conforms(hand_graph: Graph) -> None:
    conforms, report = validate_shapes(hand_graph)
    assert conforms, report


def test_seed_graph_conforms(seed_graph: Graph) -> None:
    conforms, report = validate_shapes(seed_graph)
    assert conforms, report


def statement_iri(extraction: Extraction, n: int) -> URIRef:
    a = extraction.article
    return Minter(BASE).commitment(article_key(a.url, a.text), n)


def test_statement_without_evidence_does_not_conform(hand_graph: Graph, extraction: Extraction) -> None:
    broken = without(hand_graph, (statement_iri(extraction, 0), PG.evidence, None))
    conforms, report = validate_shapes(broken)
    assert not conforms
    assert "pg:evidence" in report


@pytest.mark.parametrize("prop,value", [
    (vocab.TIME.inXSDDate, Literal("2029-01-01", datatype=vocab.XSD.date)),  # a year and a date
    (vocab.TIME.inXSDgYear, Literal("2030", datatype=vocab.XSD.gYear)),  # two years
], ids=["year-and-date", "two-years"])
def test_deadline_with_two_values_does_not_conform(hand_graph: Graph, extraction: Extraction, prop: URIRef,
                                                   value: Literal) -> None:
    deadline = hand_graph.value(statement_iri(extraction, 0), PG.deadline)
    conforms, report = validate_shapes(plus(hand_graph, (deadline, prop, value)))
    assert not conforms
    assert "DeadlineShape" in report


def test_statement_with_two_kinds_does_not_conform(hand_graph: Graph, extraction: Extraction) -> None:
    conforms, report = validate_shapes(plus(hand_graph, (statement_iri(extraction, 0), RDF.type, PG.Forecast)))
    assert not conforms
    assert "exactly one kind" in report


def test_evidence_offsets_must_select_the_anchor(extraction: Extraction) -> None:
    first = extraction.statements[0]
    shifted = replace(first, evidence=Span(first.evidence.begin + 1, first.evidence.end + 1, first.evidence.text))
    moved = Extraction(extraction.article, extraction.actors, [shifted])
    conforms, report = validate_shapes(to_graph(moved))
    assert not conforms
    assert "offsets" in report


def test_certainty_outside_the_scheme_does_not_conform(hand_graph: Graph, extraction: Extraction) -> None:
    st = statement_iri(extraction, 0)
    broken = plus(without(hand_graph, (st, PG.certainty, None)), (st, PG.certainty, PG.reporter))
    conforms, report = validate_shapes(broken)
    assert not conforms
    assert "CertaintyScheme" in report


# --- Competency questions ----------------------------------------------------------------------------------------

CQ_FILES = sorted(QUERIES.glob("cq*.rq"))


def cq(name: str) -> Path:
    [path] = [p for p in CQ_FILES if p.name.startswith(name)]
    return path


def ask(store_dir: Path, query: Path) -> list[dict[str, str]]:
    """Run a .rq file through `pledgegraph query --format json`; rows as {variable: value}."""
    result = run_cli("query", "--store", str(store_dir), "--format", "json", str(query))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


def kind(row: dict[str, str]) -> str:
    return row["kind"][len(NS):]


def test_there_are_six_competency_questions() -> None:
    assert [p.name[:3] for p in CQ_FILES] == ["cq1", "cq2", "cq3", "cq4", "cq5", "cq6"]


@pytest.mark.parametrize("path", CQ_FILES, ids=lambda p: p.name)
def test_queries_use_the_prefixes_of_vocab(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    declared = dict(re.findall(r"^PREFIX\s+(\w*):\s*<([^>]*)>", text, flags=re.MULTILINE | re.IGNORECASE))
    assert declared, f"{path.name} declares no prefixes"
    for prefix, iri in declared.items():
        assert PREFIXES.get(prefix) == iri, f"{path.name}: PREFIX {prefix}: <{iri}> differs from vocab.PREFIXES"
    used = set(re.findall(r"(?<![\w<?$])([a-z]+):(?=[\w(\s)])", re.sub(r"#.*", "", text)))
    assert used <= set(declared), f"{path.name} uses undeclared prefixes {used - set(declared)}"


def due(st: Statement) -> str:
    assert st.deadline is not None
    return st.deadline.value


def test_cq1_on_hand_built(hand_store_dir: Path, extraction: Extraction) -> None:
    rows = ask(hand_store_dir, cq("cq1"))
    expected = {(st.kind, due(st), st.action) for st in extraction.statements
                if st.kind in COMMITMENT_KINDS and st.deadline and st.deadline.value.startswith("2027")}
    assert {(kind(r), r["due"], r["action"]) for r in rows} == expected
    assert len(rows) == len(expected) == 3
    by_kind = {kind(r): r for r in rows if kind(r) != "Pledge"}
    assert by_kind["Demand"]["actorQid"] == "Q142" and by_kind["Demand"]["issuerQid"] == "Q8880"
    assert "budget deficit" in by_kind["Demand"]["evidence"]
    assert by_kind["Threat"]["asWritten"] == "that deadline"
    [pledge] = [r for r in rows if kind(r) == "Pledge"]
    assert pledge["negated"] == "true" and pledge["actorLabel"] == "Germany"


def test_cq2_on_hand_built(hand_store_dir: Path, extraction: Extraction) -> None:
    rows = ask(hand_store_dir, cq("cq2"))
    expected = {(st.kind, st.action, st.condition, extraction.statements[st.depends_on].action)
                for st in extraction.statements if st.depends_on is not None}
    assert {(kind(r), r["action"], r["condition"], r["dependsOnAction"]) for r in rows} == expected
    assert rows and rows[0]["dependsOn"] == str(statement_iri(extraction, 1))


def test_cq3_on_hand_built(hand_store_dir: Path, extraction: Extraction) -> None:
    rows = {r["statement"]: r for r in ask(hand_store_dir, cq("cq3"))}
    assert len(rows) == len(extraction.statements)
    for n, st in enumerate(extraction.statements):
        row = rows[str(statement_iri(extraction, n))]
        assert row["certaintyLabel"] == st.certainty
        assert row.get("reporters", "") == (extraction.actors[st.reporter].label if st.reporter else "")
        assert set(filter(None, row.get("sources", "").split(" | "))) == {extraction.actors[s].label
                                                                           for s in st.sources}
        assert row.get("issuerLabel") == extraction.actors[st.issuer].label


def test_cq4_on_hand_built(hand_store_dir: Path, extraction: Extraction) -> None:
    rows = ask(hand_store_dir, cq("cq4"))
    expected = {(st.kind, due(st), st.amount or "") for st in extraction.statements
                if st.kind in {"Forecast", "Pledge"} and st.deadline and int(st.deadline.value[:4]) > 2028}
    assert {(kind(r), r["due"], r.get("amounts", "")) for r in rows} == expected
    assert len(expected) == 2
    forecast = next(r for r in rows if kind(r) == "Forecast")
    assert forecast["actorQid"] == "Q159" and forecast["issuerLabel"] == "analysts"


def test_cq5_on_hand_built(hand_store_dir: Path, extraction: Extraction) -> None:
    rows = {r["qid"]: r for r in ask(hand_store_dir, cq("cq5"))}
    linked = {a.wikidata: a.id for a in extraction.actors.values() if a.wikidata}
    assert set(rows) == set(linked)

    def takes_part(actor_id: str, kinds: set[str]) -> int:
        return sum(1 for st in extraction.statements
                   if st.kind in kinds and actor_id in {st.actor, st.issuer, st.addressee})

    for qid, actor_id in linked.items():
        assert int(rows[qid]["commitments"]) == takes_part(actor_id, COMMITMENT_KINDS), qid
        assert int(rows[qid]["forecasts"]) == takes_part(actor_id, {"Forecast"}), qid
        assert rows[qid]["wikidata"] == str(WD[qid])


# The seed article, loaded through `pledgegraph load`. These depend on the extraction of statements.

def test_cq1_on_seed(seeded_store_dir: Path) -> None:
    rows = ask(seeded_store_dir, cq("cq1"))
    demands = [r for r in rows if kind(r) == "Demand" and "conventional" in r["evidence"]]
    assert demands, rows
    assert all(r["due"].startswith("2027") for r in rows)
    assert any(r.get("issuerQid") == "Q30" for r in demands)
    assert any("Europe" in r.get("actorLabel", "") for r in demands)
    threats = [r for r in rows if kind(r) == "Threat" and "stop participating" in r["evidence"]]
    assert threats, rows
    assert any(r.get("actorQid") == "Q30" for r in threats)
    assert any("NATO" in r["action"] or "coordination" in r["action"] for r in threats)


def test_cq2_on_seed(seeded_store_dir: Path) -> None:
    """The threat depends on the demand: 'if Europe fails to meet the 2027 deadline'."""
    rows = ask(seeded_store_dir, cq("cq2"))
    assert any(kind(r) == "Threat" and r["dependsOnKind"].endswith("Demand") for r in rows), rows


def test_cq3_on_seed(seeded_store_dir: Path) -> None:
    """Reuters reported the demand, citing the unnamed interlocutors."""
    rows = ask(seeded_store_dir, cq("cq3"))
    demands = [r for r in rows if kind(r) == "Demand"]
    assert any("Reuters" in r.get("reporters", "") and r.get("sources") for r in demands), rows


def test_cq4_on_seed(seeded_store_dir: Path) -> None:
    rows = ask(seeded_store_dir, cq("cq4"))
    plans = [r for r in rows if kind(r) == "Pledge" and r["due"].startswith("2036")]
    assert plans, rows
    assert any("1.1 trillion" in r.get("amounts", "") and r.get("actorQid") == "Q159" for r in plans)
    forecasts = [r for r in rows if kind(r) == "Forecast" and r["due"].startswith("2029")]
    assert forecasts, rows
    assert any(r.get("actorQid") == "Q159" and "NATO" in r["evidence"] for r in forecasts)


def test_cq5_on_seed_links_the_main_actors(seeded_store_dir: Path) -> None:
    rows = {r["qid"]: r for r in ask(seeded_store_dir, cq("cq5"))}
    assert {"Q30", "Q159", "Q7184"} <= set(rows), rows
    assert "United States" in rows["Q30"]["label"] and "Russia" in rows["Q159"]["label"]


def test_cq5_on_seed_counts_commitments(seeded_store_dir: Path) -> None:
    """The United States issues the demand and the threat."""
    rows = {r["qid"]: r for r in ask(seeded_store_dir, cq("cq5"))}
    assert int(rows["Q30"]["commitments"]) >= 2, rows["Q30"]
    assert int(rows["Q159"]["commitments"]) + int(rows["Q159"]["forecasts"]) >= 2, rows["Q159"]



def test_docs_name_every_term_and_query() -> None:
    """docs/ontology.md stays in step with vocab.PG and ontology/queries/."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "ontology.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`pg:(\w+)`", docs))
    assert set(PG.__annotations__) - named == set()
    assert named - set(PG.__annotations__) == set()
    for path in CQ_FILES:
        assert path.name in docs


def test_validate_command_passes_the_seed_and_fails_a_broken_graph(
        seeded_store_dir: Path, hand_graph: Graph, extraction: Extraction, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from pledgegraph.ontology.validate import main

    exported = tmp_path / "seed.nq"
    assert run_cli("export", "--store", str(seeded_store_dir), "-o", str(exported)).returncode == 0
    assert main([str(exported)]) == 0
    assert "consistent" in capsys.readouterr().out
    broken = tmp_path / "broken.ttl"
    without(hand_graph, (statement_iri(extraction, 2), PG.action, None)).serialize(broken, format="turtle")
    assert main([str(broken)]) == 1
    assert "pg:action" in capsys.readouterr().out
    garbage = tmp_path / "garbage.nq"
    garbage.write_text("not <rdf> at all\n", encoding="utf-8")
    assert main([str(garbage)]) == 1
    assert "garbage.nq" in capsys.readouterr().err


def test_every_test_article_loads_into_a_consistent_conforming_graph(tmp_path: Path) -> None:
    """The graphs the loader writes from tests/articles (every reader), validated like the seed's."""
    from conftest import ARTICLES, load_into

    good = [p for p in (ARTICLES / "good", ARTICLES / "same") if p.is_dir()]
    store = tmp_path / "store"
    result = load_into(store, *good)
    assert result.returncode == 0, result.stderr
    assert run_cli("export", "--store", str(store), "-o", str(tmp_path / "all.nq")).returncode == 0
    data = read_dataset(str(tmp_path / "all.nq"))
    assert set(data.subjects(RDF.type, PG.Article)), "no article was loaded"
    consistency = check_consistency(data)
    assert consistency.consistent, consistency.message
    conforms, report = validate_shapes(data)
    assert conforms, report
