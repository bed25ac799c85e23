"""Every view of the app over the bundled example corpus (examples/), in a real
browser: what `make demo` then `storyline serve` shows."""
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _ok(pg, path, shot, name):
    response = pg.goto(path)
    assert response.status == 200, path
    assert pg.locator("main h1").count() == 1, path
    shot(pg, name)
    assert pg.problems == [] and pg.dialogs == [] and pg.external == [], (path, pg.problems, pg.external)


def test_example_corpus_every_view(example_page, shot):
    pg = example_page
    _ok(pg, "/", shot, "example-01-timeline")
    assert pg.locator("ol.timeline li.entry").count() >= 12
    pg.wait_for_selector("#timeline-axis svg circle.dot")
    _ok(pg, "/entities", shot, "example-02-entities")
    pg.locator("table.list a.entity").first.click()
    pg.wait_for_url("**/entities/*")
    shot(pg, "example-03-entity")
    link = pg.locator("li.mention a.sentence-link").first
    link.click()
    pg.wait_for_url("**/articles/*hl=*")
    assert pg.locator("mark#hl").is_visible()
    shot(pg, "example-04-article")
    for path, name in [("/quotes", "example-05-quotes"), ("/threads", "example-06-threads"),
                       ("/events", "example-07-events"), ("/articles", "example-08-articles"),
                       ("/graph", "example-09-graph"), ("/search?q=tugboats", "example-10-search"),
                       ("/ask?q=Who+said+the+ship+could+take+weeks+to+free%3F", "example-11-ask"),
                       ("/api/docs", "example-12-api")]:
        _ok(pg, path, shot, name)
    pg.goto("/search?q=tugboats")
    assert pg.locator("ol.hits li.hit").count() >= 1
    pg.goto("/ask?q=Who+said+the+ship+could+take+weeks+to+free%3F")
    assert "Berdowski" in pg.locator("#answer").inner_text()
