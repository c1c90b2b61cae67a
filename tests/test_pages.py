"""The HTML pages over real HTTP: what each shows, paging, search, deadlines, and the SPARQL each links to."""
from __future__ import annotations

import html
import json
import re
from urllib.parse import parse_qs, urlsplit

from pages_data import TODAY, fetch, pages_server  # noqa: F401  (fixture)


def links_to(page: str, prefix: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', page) if html.unescape(h).startswith(prefix)]


def test_home_shows_counts_next_deadlines_top_actors_and_search(pages_server) -> None:  # noqa: F811
    server, data = pages_server
    page = fetch(server.url + "/").text
    assert re.search(r"<b>{}</b> articles".format(3 + data.filler), page)
    assert re.search(r"<b>{}</b> pledges".format(3 + data.filler), page)  # a1, a2 and a3's pledges, and the trees
    assert "<b>1</b> demands" in page and "<b>1</b> forecasts" in page
    upcoming = page[page.index("Next deadlines"):page.index("Most-mentioned")]
    assert "hold elections" in upcoming and "deliver 40 tanks" in upcoming.lower()
    assert "close the border crossing" not in upcoming  # due in 2020: past
    top = page[page.index("Most-mentioned"):]
    assert top.index(">Freedonia<") < top.index(">Sylvania<")  # Freedonia is in every article
    assert 'action="' + server.url + '/search"' in page
    assert server.url + "/.well-known/void" in page


def test_search_matches_label_and_alias_prefixes(pages_server) -> None:  # noqa: F811
    server, data = pages_server

    def suggest(q: str) -> list[dict]:
        reply = fetch(server.url + "/search.json?q=" + q)
        assert reply.status == 200 and reply.header("Content-Type").startswith("application/json")
        return json.loads(reply.body)

    assert [r["label"] for r in suggest("syl")] == ["Sylvania"]
    assert [r["label"] for r in suggest("SYLVANIAN")] == ["Sylvania"]  # by alias, case aside
    assert {r["label"] for r in suggest("republic")} == {"Freedonia", "Sylvania"}  # a word of an alias
    assert [r["label"] for r in suggest("rufus")] == ["Rufus T. Firefly"]
    hit = suggest("free")[0]
    assert hit["iri"] == data.iri("actor", "freedonia") and hit["kind"] == "State"
    assert hit["href"] == server.url + "/actor/freedonia"
    assert suggest("zzz") == [] and suggest("") == []
    page = fetch(server.url + "/search?q=Fre").text
    assert f'href="{server.url}/actor/freedonia"' in page
    assert "Sylvania</a>" not in page[page.index("<main>"):]


def test_actor_page(pages_server) -> None:  # noqa: F811
    server, data = pages_server
    reply = fetch(server.url + "/actor/freedonia", accept="text/html")
    page = reply.text
    assert "<h1>Freedonia</h1>" in page and ">State</a>" in page
    assert "Republic of Freedonia" in page
    assert 'href="http://www.wikidata.org/entity/Q990001"' in page
    assert 'href="http://dbpedia.org/resource/Freedonia"' in page
    assert 'href="https://sws.geonames.org/9900001/"' in page
    assert "(links from the curated gazetteer)" in page
    minister = fetch(server.url + "/actor/rufus-firefly", accept="text/html").text
    assert "Office: Defence Minister of Freedonia <small>(2024-01-01 – 2028-12-31" in minister
    other = fetch(server.url + "/actor/sylvania", accept="text/html").text
    assert '(links from <a href="https://github.com/example-org/places/blob/0123abcd/csv/states.csv" rel="external">' \
           "example-org/places (csv/states.csv)</a>)" in other
    acts = page[page.index('id="acts"'):page.index('id="issued"')]
    assert acts.count("<tr>") == 1 + 25  # header and one full page
    assert 'rel="next"' in acts
    issued = page[page.index('id="issued"'):page.index('id="timeline"')]
    assert "deliver 40 tanks" in issued.lower() and "ratify the treaty" in issued
    timeline = page[page.index('id="timeline"'):page.index('id="forecasts"')]
    assert "<h3>2020</h3>" in timeline and "overdue" in timeline and "2027-03" in timeline
    assert timeline.index("<h3>2020</h3>") < timeline.index("<h3>2027</h3>")
    articles = page[page.index('id="articles"'):page.index('id="incoming"')]
    assert f"({3 + data.filler})" in articles
    incoming = page[page.index('id="incoming"'):]
    counts = dict(re.findall(r">(pg:\w+)</a></td><td>(\d+)</td>", incoming))
    assert counts["pg:mentions"] == str(3 + data.filler)
    assert counts["pg:actor"] == str(2 + 1 + 1 + data.filler)  # a1 pledge and demand, a2 pledge, a3 pledge, trees


def test_actor_page_pages_through_its_commitments_and_links(pages_server) -> None:  # noqa: F811
    server, data = pages_server
    first = fetch(server.url + "/actor/freedonia").text
    nxt = links_to(first[first.index('id="acts"'):first.index('id="issued"')], server.url)
    second = fetch([h for h in nxt if "acts=2" in h][0]).text
    rows = lambda p: set(re.findall(r'<td data-label="Action"><a href="([^"]+/statement/[^"]+)">', p[p.index('id="acts"'):p.index('id="issued"')]))
    assert len(rows(second)) == 2 + 1 + 1 + data.filler - 25 and not rows(first) & rows(second)
    mentions = fetch(server.url + "/actor/freedonia?in=https://w3id.org/pledgegraph/ns%23mentions&inpage=2").text
    listed = mentions[mentions.index("Through pg:mentions"):]
    assert listed.count("<li>") == 3 + data.filler - 20 and "page 2 of 2" in listed


def test_commitment_page_shows_evidence_in_its_paragraph_and_all_reports(pages_server) -> None:  # noqa: F811
    server, data = pages_server
    key = data.keys["a1"]
    page = fetch(server.url + f"/statement/{key}/0").text
    assert "<dt>Kind</dt><dd>Pledge</dd>" in page
    assert "by March 2027" in page and ">2027-03</a>" in page
    assert "<dd>40 tanks</dd>" in page
    for who in ("freedonia", "sylvania", "rufus-firefly", "example-wire"):
        assert f'href="{server.url}/actor/{who}"' in page
    quote = page[page.index('<blockquote class="evidence">'):page.index("</blockquote>")]
    assert "<mark>Freedonia pledged on Monday to deliver 40 tanks" in quote
    assert "Sylvania demanded" not in quote  # the next paragraph stays out
    reports = page[page.index('id="reports"'):]
    assert "Reported in 2 articles" in reports
    assert f"/article/{key}" in reports and f"/article/{data.keys['a3']}" in reports
    demand = fetch(server.url + f"/statement/{key}/1").text
    assert "if talks fail" in demand and f'href="{server.url}/statement/{key}/0"' in demand  # depends on the pledge
    assert "<dt>Certainty</dt><dd>probable</dd>" in demand and 'badge overdue' in demand


def test_article_page_highlights_and_links_mentions(pages_server) -> None:  # noqa: F811
    server, data = pages_server
    key = data.keys["a1"]
    page = fetch(server.url + f"/article/{key}").text
    text = page[page.index('<div class="text">'):page.index("</div>", page.index('<div class="text">'))]
    assert f'<a class="mention" href="{server.url}/actor/sylvania" title="Sylvania">Sylvania</a>' in text
    assert f'href="{server.url}/statement/{key}/0"' in text and f'href="{server.url}/statement/{key}/1"' in text
    assert "<mark>" in text
    assert "Example Wire" in page and "2026-03-02" in page


def test_deadlines_timeline_and_status(pages_server) -> None:  # noqa: F811
    server, data = pages_server
    page = fetch(server.url + "/deadlines").text
    years = re.findall(r'<h2 id="y(\d{4})">', page)
    assert years == sorted(years) and "2020" in years and str(TODAY.year) in years
    assert re.search(r'<li class="overdue"><span class="due overdue"[^>]*>2020</span>', page)
    assert re.search(rf'<li class="due"><span class="due due"[^>]*>{TODAY.year}</span>', page)
    assert re.search(r'<li class="upcoming"><span class="due upcoming"[^>]*>2027-03</span>', page)
    assert "<h3>March</h3>" in page
    assert f"{data.dated} of {data.dated} dated" in page
    later = fetch(server.url + "/deadlines?today=2028-01-01").text  # as it will stand
    assert re.search(r'<li class="overdue"><span class="due overdue"[^>]*>2027-03</span>', later)
    one = fetch(server.url + "/deadlines?actor=" + data.iri("actor", "sylvania")).text
    assert "hold elections" in one and "ratify the treaty" not in one


def test_every_page_links_to_a_sparql_query_that_runs(pages_server) -> None:  # noqa: F811
    server, data = pages_server
    key = data.keys["a1"]
    for path in ("/", "/actor/freedonia", f"/statement/{key}/0", f"/article/{key}", "/deadlines", "/search?q=syl",
                 f"/deadline/{key}/0"):
        page = fetch(server.url + path).text
        queries = links_to(page, server.url + "/sparql?query=")
        assert queries, path
        query = parse_qs(urlsplit(queries[0]).query)["query"][0]
        assert query.startswith("PREFIX pg:"), path
        result = fetch(queries[0], accept="application/sparql-results+json")
        assert result.status == 200, (path, result.text[:300])
        assert json.loads(result.body)["results"]["bindings"], path  # it finds what the page shows


def test_deadlines_by_year_and_month(pages_server) -> None:  # noqa: F811
    server, data = pages_server
    march = fetch(server.url + "/deadlines?period=2027-03").text
    assert march.count("deliver 40 tanks") + march.count("Deliver 40 tanks") == 2
    assert "close the border crossing" not in march and "hold elections" not in march
    year = fetch(server.url + f"/deadlines?period={TODAY.year + 2}").text
    assert "ratify the treaty" in year and "deliver 40 tanks" not in year
    old = fetch(server.url + "/deadlines?period=2020").text
    assert "close the border crossing" in old and "1 of 5 dated" in old
    query = next(q for q in links_to(march, server.url + "/sparql?query=") if "VALUES ?due" in parse_qs(urlsplit(q).query)["query"][0])  # a long one
    result = fetch(query, accept="application/sparql-results+json")
    assert result.status == 200 and len(json.loads(result.body)["results"]["bindings"]) == 2
