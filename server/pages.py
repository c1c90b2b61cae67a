"""HTML pages: home, search, deadlines, and the page of every entity (actor, commitment, article, others)."""
from __future__ import annotations

import re
from collections import OrderedDict
from datetime import date, timedelta
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request
from markupsafe import Markup, escape

from pledgegraph.errors import BadQuery
from pledgegraph.ontology import vocab
from pledgegraph.ontology.vocab import (DBR, DCTERMS, GEONAMES, NIF, NS, OWL, PG, PROV, RDF, RDFS, SDO, SKOS, TIME, WD,
                                        XSD)
from pledgegraph.server import context, deadlines, links, ontology_doc
from pledgegraph.server.page_queries import Iri, Queries, Typed, build, select

bp = Blueprint("pages", __name__)

SETTLED = {str(s) for s in vocab.SETTLED_STATUSES}
STATUS_NAMES = [str(s).rsplit("#", 1)[-1] for s in vocab.STATUSES]  # pending, inProgress, ...
COMMITMENT_KINDS = [Iri(str(k)) for k in vocab.COMMITMENT_KINDS]
FORECAST_KINDS = [Iri(str(k)) for k in vocab.FORECAST_KINDS]
STATEMENT_PAGE = 25
TIMELINE_LIMIT = 60  # dated statements shown on an actor's page; /deadlines?actor=... has them all
LIST_PAGE = 20
SORT_UP_TO = 1000  # an actor with more links of a kind than this lists them in the store's order, not newest first
DEADLINES_ALL_UP_TO = 400  # more dated statements than this: the timeline shows one year at a time
CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# ---------------------------------------------------------------- helpers shared by the templates


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/"))[-1]


def today() -> date:
    """Today, or the day given as ?today=YYYY-MM-DD (to see the deadlines as they stood or will stand)."""
    given = request.args.get("today", "")
    if _DATE.match(given):
        try:
            return date.fromisoformat(given)
        except ValueError:
            pass
    return date.today()


def _page(name: str) -> int:
    raw = request.args.get(name, "1")
    return max(1, min(int(raw), 1_000_000)) if raw.isdigit() else 1


def _page_url(name: str, page: int) -> str:
    args = {k: v for k, v in request.args.items() if k != name}
    args[name] = str(page)
    return links.url(request.path, **args)


class Pager:
    """Paging of one section: which page, how many (when known), and links to the neighbours."""

    def __init__(self, name: str, total: int | None, size: int, more: bool | None = None) -> None:
        self.name, self.total, self.size = name, total, size
        self.pages = max(1, -(-total // size)) if total is not None else None
        self.page = min(_page(name), self.pages) if self.pages else _page(name)
        self.offset = (self.page - 1) * size
        self.prev = _page_url(name, self.page - 1) if self.page > 1 else None
        self.more = more

    @property
    def next(self) -> str | None:
        has_next = self.page < self.pages if self.pages else bool(self.more)
        return _page_url(self.name, self.page + 1) if has_next else None


def _base_context(title: str, q: Queries, iri: str | None = None,
                  data: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    """What base.html shows of every page: its IRI, its RDF (or other data) and the queries behind it."""
    rdf = [(links.RDF_LABELS[s], links.representation(iri, s)) for s in links.RDF_LABELS] if iri else []
    return {"title": title, "iri": iri, "rdf_links": rdf, "data_links": data or [],
            "queries": [(name, links.sparql_link(text)) for name, text in q.used.items()]}


def _html(template: str, **ctx: Any) -> str:
    return render_template(template, root=links.public_root(), href=links.href, short=links.short, pgns=NS,
                           local_name=local_name, **ctx)


@bp.app_template_filter("source_name")
def source_name(url: str) -> str:
    """A source table's URL as its repository and file: "dr5hn/countries-states-cities-database (csv/states.csv)"."""
    m = re.match(r"https://github\.com/([^/]+/[^/]+)/(?:blob|tree)/[0-9a-f]+/(.+)$", url)
    return f"{m.group(1)} ({m.group(2)})" if m else url


@bp.app_template_filter("kind")
def _kind_filter(iri: str) -> str:
    return local_name(iri) if iri else ""


@bp.after_app_request
def _headers(resp: Response) -> Response:
    """Pages may run only the server's own script and style: a last guard should anything slip through escaping."""
    if request.blueprint in ("pages", "linked_data") and resp.mimetype == "text/html":
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
    return resp


def _by_property(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row["p"], []).append(row["o"])
    return out


def same_as_links(values: list[str]) -> list[tuple[str, str]]:
    """(dataset, IRI) of each owl:sameAs link, named by the dataset it points into."""
    names = [(str(WD), "Wikidata"), (str(DBR), "DBpedia"), (str(GEONAMES), "GeoNames")]
    out = []
    for v in sorted(values):
        out.append((next((n for ns, n in names if v.startswith(ns)), "elsewhere"), v))
    return out


# ---------------------------------------------------------------- home, search, deadlines


def home() -> str:
    q = Queries()
    counts = {local_name(r["class"]): int(r["n"]) for r in q.select("counts", "counts")}
    upcoming = [with_status(r, today()) for r in
                q.select("next deadlines", "next_deadlines", today=today().isoformat(), limit=10)]
    top = q.select("most-mentioned actors", "top_actors", limit=12)
    actor_total = sum(counts.get(local_name(k), 0) for k in vocab.ACTOR_KINDS)
    kinds = [(local_name(k), local_name(k).lower() + "s") for k in vocab.STATEMENT_KINDS]  # (name, plural)
    changed = [{**r, "said": local_name(r["said"])} for r in
               q.select("recently changed statuses", "recent_statuses", limit=8)]
    return _html("home.html", counts=counts, actor_total=actor_total, kinds=kinds, upcoming=upcoming, top=top,
                 changed=changed,
                 **_base_context("pledgegraph", q, data=[("VoID (Turtle)", links.url(".well-known/void"))]))


def search_rows(text: str, limit: int, q: Queries | None = None) -> list[dict[str, str]]:
    """Actors whose label or alias starts with `text` (any word of it), best first."""
    needle = re.escape(" ".join(text.split())[:100])
    if not needle:
        return []
    rows = (q or Queries()).select("search", "search", pattern=f"(^|[\\s\\-(]){needle}", start=f"^{needle}",
                                   limit=limit)
    return list({r["actor"]: r for r in rows}.values())  # an actor of two kinds comes once


def search() -> str:
    text = request.args.get("q", "")
    q = Queries()
    rows = search_rows(text, 100, q)
    return _html("search.html", text=text, rows=rows, **_base_context(
        f"Search: {text}" if text else "Search", q, data=[("JSON", links.url("search.json", q=text, limit=100))]))


def search_json() -> Response:
    """Autocomplete: up to 10 actors as JSON objects {iri, label, kind, matched, href}."""
    rows = search_rows(request.args.get("q", ""), min(_page("limit"), 50) if "limit" in request.args else 10)
    resp = jsonify([{"iri": r["actor"], "label": r.get("label", ""), "kind": local_name(r.get("kind", "")),
                     "matched": r.get("matched", ""), "href": links.href(r["actor"])} for r in rows])
    resp.headers["Cache-Control"] = "public, max-age=60"
    return resp


def with_status(row: dict[str, str], day: date) -> dict[str, str]:
    """The row with `status`: upcoming, due or overdue by its deadline, unless its track is settled (kept, partly
    kept, superseded, withdrawn), which no date can make overdue; and `track_status`, the track's own status."""
    row = dict(row)
    row["track_status"] = local_name(row["trackStatus"]) if row.get("trackStatus") else ""
    settled = row.get("trackStatus") in SETTLED
    row["status"] = row["track_status"] if settled else deadlines.status(row.get("due", ""), day)
    return row


def deadline_rows(period: str, day: date, q: Queries | None = None, whole: bool = False) -> list[dict[str, str]]:
    """Dated statements due in a period: '' (all), '2027' or '2027-03'; whole: only those written as the year."""
    q = q or Queries()
    if not period:
        rows = q.select("deadlines", "deadlines")
    else:
        first, last = deadlines.period(period)
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        months = sorted({d.strftime("%Y-%m") for d in days})
        rows = q.select("deadlines", "deadlines_period",
                        days=set() if whole else {Typed(d.isoformat(), str(XSD.date)) for d in days},
                        months=set() if whole else {Typed(m, str(XSD.gYearMonth)) for m in months},
                        years={Typed(period, str(XSD.gYear))} if len(period) == 4 else set())
    return sorted((with_status(r, day) for r in rows), key=lambda r: (r["due"], r["s"]))


def event_summary(row: dict[str, str]) -> str:
    who = row.get("actorLabel") or row.get("issuerLabel") or "?"
    neg = "not " if row.get("negated") == "true" else ""
    return f"{local_name(row['kind'])}: {who} to {neg}{row.get('action', '')}"


def event_description(row: dict[str, str]) -> str:
    parts = [f"Deadline as written: {row['words']}" if row.get("words") else "",
             f"Issued by {row['issuerLabel']}" if row.get("issuerLabel") else "",
             f"Certainty: {local_name(row['certainty'])}" if row.get("certainty") else "",
             f"Status: {row['status']}", row["s"]]
    return "\n".join(p for p in parts if p)


def deadlines_page() -> str:
    """The timeline: all of it when small, else one year (or month) at a time; or all of one actor's."""
    q = Queries()
    day = today()
    periods = [(r["year"], r["month"], int(r["n"])) for r in q.select("periods", "deadline_periods")]
    years: OrderedDict[str, int] = OrderedDict()
    for y, _m, n in periods:
        years[y] = years.get(y, 0) + n
    total = sum(years.values())
    actor = request.args.get("actor", "")
    period = request.args.get("period", "")
    if period:
        _check_period(period)
    label = ""
    if actor and context.minter().local(actor) is not None:
        rows = [with_status(r, day) for r in q.select("deadlines of the actor", "deadlines_of_actor", actor=Iri(actor))]
        label = next((r["actorLabel"] for r in rows if r.get("actor") == actor and r.get("actorLabel")),
                     local_name(actor))
        period = ""
    else:
        actor = ""
        if not re.fullmatch(r"\d{4}(-\d{2})?", period):
            period = ""
            if total > DEADLINES_ALL_UP_TO and years:
                period = next((y for y in years if y >= str(day.year)), list(years)[-1])
                if years[period] > DEADLINES_ALL_UP_TO:  # a busy year: this month, or its first month
                    months_of = [m for y, m, _n in periods if y == period]
                    this = f"{day.month:02d}" if period == str(day.year) else ""
                    period = f"{period}-{this if this in months_of else months_of[0]}"
        if len(period) == 4 and years.get(period, 0) > DEADLINES_ALL_UP_TO:
            period = period + "-00"
        whole = period.endswith("-00")
        rows = deadline_rows(period[:4] if whole else period, day, q, whole=whole)
    rows.sort(key=lambda r: (r["due"], r["s"]))
    timeline: OrderedDict[str, OrderedDict[str, list[dict[str, str]]]] = OrderedDict()
    for row in rows:
        timeline.setdefault(row["due"][:4], OrderedDict()).setdefault(deadlines.month_key(row["due"]), []).append(row)
    stats = {s: sum(1 for r in rows if r["status"] == s) for s in ("overdue", "due", "upcoming")}
    months = [(m, n) for y, m, n in periods if period and y == period[:4]]
    return _html("deadlines.html", timeline=timeline, years=list(years.items()), months=months, period=period,
                 total=total, shown=len(rows), day=day, stats=stats, month_names=deadlines.MONTHS,
                 ics=links.url("deadlines.ics", actor=actor or None), all_up_to=DEADLINES_ALL_UP_TO,
                 actor=actor, actor_label=label, **_base_context(
                     f"Deadlines of {label}" if label else "Deadlines", q,
                     data=[("iCalendar", links.url("deadlines.ics", actor=actor or None))]))


# ---------------------------------------------------------------- entities


def _check_period(period: str) -> None:
    """A period parameter names a year (2027) or a month (2027-03) of the calendar; BadQuery otherwise."""
    try:
        if not re.fullmatch(r"\d{4}(-\d{2})?", period):
            raise ValueError
        deadlines.period(period)
    except ValueError:
        raise BadQuery(f"period={period!r} is not a year (YYYY) or a month (YYYY-MM) of the calendar") from None


def render_entity(kind: str, stem: str, iri: str) -> str:
    """The HTML page of one of our IRIs."""
    if kind == "actor":
        return render_actor(iri)
    if kind == "statement":
        return render_statement(iri)
    if kind == "track":
        return render_track(iri)
    if kind == "article" and "/" not in stem:
        return render_article(iri)
    return render_resource(iri)


def render_actor(iri: str) -> str:
    q = Queries()
    props = _by_property(q.select("actor", "actor", actor=Iri(iri)))
    label = (props.get(str(RDFS.label)) or [local_name(iri)])[0]
    kinds = sorted(local_name(t) for t in props.get(str(RDF.type), []) if t.startswith(NS))
    groups = [(r["p"], int(r["n"])) for r in q.select("incoming links", "incoming_groups", iri=Iri(iri))]
    counts = dict(groups)

    def statements(section: str, param: str, role: object, kinds_: list[Iri], other: object) -> dict[str, Any]:
        pager = Pager(param, None, STATEMENT_PAGE)
        name = "actor_statements" if counts.get(str(role), 0) <= SORT_UP_TO else "actor_statements_unsorted"
        rows = _merge_rows(q.select(section, name, actor=Iri(iri), role=Iri(str(role)), kinds=kinds_,
                                    other=Iri(str(other)), limit=STATEMENT_PAGE + 1, offset=pager.offset))
        pager.more = len(rows) > STATEMENT_PAGE
        return {"rows": rows[:STATEMENT_PAGE], "pager": pager}

    acts = statements("commitments it is to act on", "acts", PG.actor, COMMITMENT_KINDS, PG.issuer)
    issued = statements("commitments it issued", "issued", PG.issuer, COMMITMENT_KINDS, PG.actor)
    forecasts = statements("forecasts about it", "forecasts", PG.actor, FORECAST_KINDS, PG.issuer)
    day = today()
    dated = sorted({r["s"]: with_status(r, day) for r in q.select(
        "deadline timeline", "actor_timeline", actor=Iri(iri), limit=TIMELINE_LIMIT)}.values(),
        key=lambda r: (r["due"], r["s"]))
    timeline: OrderedDict[str, list[dict[str, str]]] = OrderedDict()
    for row in dated:
        timeline.setdefault(row["due"][:4], []).append(row)
    art_pager = Pager("articles", counts.get(str(PG.mentions), 0), LIST_PAGE)
    newest_first = art_pager.total <= SORT_UP_TO  # sorting thousands by date would cost more than the page may
    articles = q.select("articles", "actor_articles" if newest_first else "actor_articles_unsorted",
                        actor=Iri(iri), limit=LIST_PAGE, offset=art_pager.offset) if art_pager.total else []
    preferred = [str(PG.actor), str(PG.issuer), str(PG.addressee), str(PG.mentions)]
    selected = request.args.get("in") or next((p for p in preferred if p in counts), groups[0][0] if groups else "")
    in_rows: list[dict[str, str]] = []
    in_pager = None
    if selected in counts:
        in_pager = Pager("inpage", counts[selected], LIST_PAGE)
        in_rows = q.select("incoming links (one property)", "incoming_page", iri=Iri(iri), p=Iri(selected),
                           limit=LIST_PAGE, offset=in_pager.offset)
    return _html("actor.html", label=label, kinds=kinds, aliases=sorted(props.get(str(SKOS.altLabel), [])),
                 scorecard=scorecard(iri, q),
                 same_as=same_as_links(props.get(str(OWL.sameAs), [])), members=props.get(str(PG.member), []),
                 link_sources=props.get(str(DCTERMS.source), []),
                 offices=q.select("offices", "actor_office", actor=Iri(iri)),
                 count=(props.get(str(PG.count)) or [None])[0], acts=acts, issued=issued, forecasts=forecasts,
                 timeline=timeline, timeline_full=len(dated) < TIMELINE_LIMIT, day=day,
                 all_deadlines=links.url("deadlines", actor=iri),
                 articles=articles, art_pager=art_pager, newest_first=newest_first, groups=groups, selected=selected, in_rows=in_rows,
                 in_pager=in_pager, group_url=lambda p: links.url(request.path, **{"in": p}),
                 **_base_context(label, q, iri))


def _merge_rows(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """One row per statement (a statement reported with several co-actors or articles yields several rows)."""
    merged: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for row in rows:
        m = merged.setdefault(row["s"], {**row, "others": [], "articles": []})
        if row.get("other") and (row["other"], row.get("otherLabel")) not in m["others"]:
            m["others"].append((row["other"], row.get("otherLabel")))
        if row.get("article") and (row["article"], row.get("headline")) not in m["articles"]:
            m["articles"].append((row["article"], row.get("headline")))
    return list(merged.values())


def _paragraph(text: str, begin: int, end: int, reach: int = 700) -> Markup:
    """The paragraph around [begin, end) of text, escaped, with the span marked."""
    begin, end = max(0, min(begin, len(text))), max(0, min(end, len(text)))
    start = text.rfind("\n", 0, begin) + 1
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop
    lead = "…" if start < begin - reach else ""
    tail = "…" if stop > end + reach else ""
    start, stop = max(start, begin - reach), min(stop, end + reach)
    return Markup("{}{}<mark>{}</mark>{}{}").format(lead, text[start:begin], text[begin:end], text[end:stop], tail)


def render_statement(iri: str) -> str:
    q = Queries()
    nodes: dict[str, dict[str, list[tuple[str, str | None]]]] = {}
    for row in q.select("statement", "statement", iri=Iri(iri)):
        nodes.setdefault(row["s"], {}).setdefault(row["p"], [])
        if (row["o"], row.get("label")) not in nodes[row["s"]][row["p"]]:
            nodes[row["s"]][row["p"]].append((row["o"], row.get("label")))
    me = nodes.get(iri, {})

    def one(node: dict[str, list[tuple[str, str | None]]], prop: object) -> tuple[str, str | None] | None:
        values = node.get(str(prop))
        return values[0] if values else None

    def value(node: dict[str, list[tuple[str, str | None]]], prop: object) -> str | None:
        v = one(node, prop)
        return v[0] if v else None

    kind = next((local_name(t) for t, _l in me.get(str(RDF.type), []) if t.startswith(NS)), "Statement")
    deadline = None
    if one(me, PG.deadline):
        d = nodes.get(one(me, PG.deadline)[0], {})  # type: ignore[index]
        due = value(d, TIME.inXSDDate) or value(d, TIME.inXSDgYearMonth) or value(d, TIME.inXSDgYear)
        deadline = {"iri": one(me, PG.deadline)[0], "due": due, "words": value(d, PG.asWritten),  # type: ignore[index]
                    "status": deadlines.status(due, today()) if due else None}
    condition = None
    if one(me, PG.condition):
        c = nodes.get(one(me, PG.condition)[0], {})  # type: ignore[index]
        condition = {"iri": one(me, PG.condition)[0], "words": value(c, PG.asWritten),  # type: ignore[index]
                     "depends_on": one(c, PG.dependsOn)}
    evidence = None
    if one(me, PG.evidence):
        m_iri = one(me, PG.evidence)[0]  # type: ignore[index]
        m = nodes.get(m_iri, {})
        ctx = value(m, NIF.referenceContext)
        text = value(nodes.get(ctx or "", {}), NIF.isString) or ""
        b, e = int(value(m, NIF.beginIndex) or 0), int(value(m, NIF.endIndex) or 0)
        evidence = {"iri": m_iri, "paragraph": _paragraph(text, b, e) if text else value(m, NIF.anchorOf),
                    "anchor": value(m, NIF.anchorOf)}
    attributions = []
    for qa, _l in me.get(str(PROV.qualifiedAttribution), []):
        node = nodes.get(qa, {})
        attributions.append({"iri": qa, "agent": one(node, PROV.agent), "role": local_name(value(node, PROV.hadRole) or "")})
    articles = []
    for art, _l in me.get(str(PROV.wasDerivedFrom), []):
        node = nodes.get(art, {})
        articles.append({"article": art, "headline": value(node, SDO.headline),
                         "published": value(node, SDO.datePublished), "publisher": value(node, SDO.publisher),
                         "other": iri})
    seen = {a["article"] for a in articles}
    for row in q.select("other reports", "same_statement", iri=Iri(iri)):
        if row["article"] not in seen:
            seen.add(row["article"])
            articles.append({**row, "other": row["other"]})
    dependents = q.select("statements depending on it", "dependents", iri=Iri(iri))
    track = track_view(one(me, PG.track)[0], q) if one(me, PG.track) else None  # type: ignore[index]
    action = value(me, PG.action) or ""
    negated = value(me, PG.negated) == "true"
    actor = one(me, PG.actor)
    title = f"{kind}: {(actor[1] or local_name(actor[0])) + ' – ' if actor else ''}{'not ' if negated else ''}{action}"
    return _html("statement.html", kind=kind, action=action, negated=negated, actor=actor,
                 issuer=one(me, PG.issuer), addressee=one(me, PG.addressee), amount=value(me, PG.amount),
                 deadline=deadline, condition=condition, certainty=local_name(value(me, PG.certainty) or ""),
                 attributions=attributions, evidence=evidence, articles=articles, dependents=dependents, track=track,
                 rule=value(me, PG.rule), confidence=value(me, PG.confidence), **_base_context(title, q, iri))


def track_view(iri: str, q: Queries) -> dict[str, Any] | None:
    """A track: its status, whether it is overdue today, its older and newer tracks, and its reports by date."""
    rows = q.select("the track and its reports", "track", track=Iri(iri))
    if not rows:
        return None
    reports: OrderedDict[str, dict[str, str]] = OrderedDict()
    for row in rows:
        reports.setdefault(row["report"], {**row, "said": local_name(row.get("said", "")),
                                           "kind": local_name(row.get("kind", ""))})
    status = rows[0]["status"]
    dues = sorted({r["due"] for r in rows if r.get("due") and not r.get("said")} or
                  {r["due"] for r in rows if r.get("due")})
    late = bool(dues) and status not in SETTLED and deadlines.status(dues[-1], today()) == "overdue"
    return {"iri": iri, "status": local_name(status), "label": rows[0].get("label", ""), "overdue": late,
            "due": dues[-1] if dues else "", "older": sorted({r["older"] for r in rows if r.get("older")}),
            "newer": sorted({r["newer"] for r in rows if r.get("newer")}), "reports": list(reports.values())}


def render_track(iri: str) -> str:
    q = Queries()
    track = track_view(iri, q)
    if track is None:
        return render_resource(iri)
    return _html("track.html", track=track, **_base_context(f"Track: {track['label']}", q, iri))


def scorecard(actor: str, q: Queries) -> dict[str, Any]:
    """How the commitments an actor is to act on stand: tracks by status, and how many are overdue today."""
    counts = dict.fromkeys(STATUS_NAMES, 0)
    late = 0
    rows = q.select("promise scorecard", "actor_scorecard", actor=Iri(actor))
    for row in rows:
        counts[local_name(row["status"])] += 1
        late += row["status"] not in SETTLED and bool(row.get("latest")) \
            and deadlines.status(row["latest"], today()) == "overdue"
    total, x, parts = len(rows), 0.0, []
    for name, n in counts.items():
        if n:  # (status, count, where its bar starts, its width), in percent of the whole bar
            parts.append((name, n, round(x, 2), round(100 * n / total, 2)))
            x += 100 * n / total
    return {"total": total, "overdue": late, "parts": parts}


def highlight(text: str, spans: list[dict[str, Any]]) -> Markup:
    """The text, escaped, with actor mentions linked and evidence sentences marked (each followed by its link)."""
    cuts = sorted({0, len(text)} | {max(0, min(len(text), s[k])) for s in spans for k in ("begin", "end")})
    out: list[Markup] = []
    for a, b in zip(cuts, cuts[1:]):
        piece = Markup.escape(text[a:b])
        actor = next((s for s in spans if s["kind"] == "actor" and s["begin"] <= a and b <= s["end"]), None)
        if actor:
            piece = Markup('<a class="mention" href="{}" title="{}">{}</a>').format(actor["href"], actor["title"], piece)
        if any(s["kind"] == "evidence" and s["begin"] <= a and b <= s["end"] for s in spans):
            piece = Markup('<mark>{}</mark>').format(piece)
        out.append(piece)
        for s in spans:
            if s["kind"] == "evidence" and s["end"] == b:
                out.append(Markup(' <a class="ref" href="{}" title="{}">[{}]</a>').format(
                    s["href"], s["title"], s["label"]))
    return Markup("").join(out)


def render_article(iri: str) -> str:
    q = Queries()
    props = _by_property(q.select("article", "article", article=Iri(iri)))
    text = (props.get(str(SDO.text)) or [""])[0]
    context_iri = iri + "/text"
    spans: list[dict[str, Any]] = []
    for row in q.select("mentions", "article_mentions", context=Iri(context_iri)):
        b, e = int(row["begin"]), int(row["end"])
        if row.get("about"):
            spans.append({"kind": "actor", "begin": b, "end": e, "href": links.href(row["about"]),
                          "title": row.get("aboutLabel") or local_name(row["about"])})
        if row.get("statement"):
            spans.append({"kind": "evidence", "begin": b, "end": e, "href": links.href(row["statement"]),
                          "title": local_name(row["kind"]), "label": local_name(row["kind"])})
    actors = q.select("actors mentioned", "article_actors", article=Iri(iri))
    statements = q.select("statements", "article_statements", article=Iri(iri))
    headline = (props.get(str(SDO.headline)) or ["Article " + local_name(iri)])[0]
    return _html("article.html", headline=headline, url=(props.get(str(SDO.url)) or [None])[0],
                 published=(props.get(str(SDO.datePublished)) or [None])[0],
                 publisher=(props.get(str(SDO.publisher)) or [None])[0],
                 language=(props.get(str(SDO.inLanguage)) or [None])[0], body=highlight(text, spans),
                 actors=actors, statements=statements, mention_count=len(spans),
                 **_base_context(headline, q, iri))


def render_resource(iri: str) -> str:
    """Any other resource (deadline, condition, mention, attribution, text, graph): what it says and what links to it."""
    q = Queries()
    out = q.select("what it says", "resource_out", iri=Iri(iri))
    incoming = q.select("what links to it", "resource_in", iri=Iri(iri))
    size = None
    if context.minter().local(iri or "") and iri.startswith(str(context.minter().base) + "graph/"):
        size = int(q.select("graph size", "graph_size", iri=Iri(iri))[0].get("n", 0))
    types = [local_name(r["o"]) for r in out if r["p"] == str(RDF.type)]
    title = f"{types[0] if types else 'Resource'} {context.minter().local(iri)}"
    return _html("resource.html", out=out, incoming=incoming, size=size, types=types, is_iri=_is_iri,
                 **_base_context(title, q, iri))


def _is_iri(value: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.\-]*:", value)) and " " not in value


def render_ontology() -> str:
    groups = ontology_doc.terms()
    return _html("ontology.html", groups=groups, header=ontology_doc.header(), ns=NS,
                 ontology_iri=str(ontology_doc.ONTOLOGY_IRI), is_iri=_is_iri,
                 title="pledgegraph ontology", iri=str(ontology_doc.ONTOLOGY_IRI),
                 rdf_links=[(links.RDF_LABELS[s], links.representation(str(ontology_doc.ONTOLOGY_IRI), s))
                            for s in links.RDF_LABELS], queries=[], ontology_query=ontology_doc.query_text())


__all__ = ["bp", "render_entity", "render_ontology", "deadline_rows", "event_summary", "event_description",
           "today", "build", "select", "escape"]
