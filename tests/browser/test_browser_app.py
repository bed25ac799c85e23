"""The web app in a real browser (Debian Chromium via Playwright): timeline ->
entity -> source sentence, search, ask, graph, every view, and malicious
articles rendering inert. Screenshots go to tests/screenshots/."""
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _clean(pg):
    assert pg.problems == [], pg.problems  # no script errors, no CSP violations
    assert pg.dialogs == [], pg.dialogs
    assert pg.external == [], pg.external


def test_timeline_to_entity_to_source_sentence(page, shot):
    page.goto("/")
    page.wait_for_selector("#timeline-axis svg circle.dot")
    assert page.locator("#timeline-axis circle.dot").count() == 4  # the undated entry has no dot
    assert page.locator("ol.timeline li.entry").count() == 5
    shot(page, "01-timeline")
    page.locator("#timeline-axis circle.dot").nth(1).click()
    assert "target" in page.locator("#entry-1").get_attribute("class")
    entry = page.locator("li.entry", has_text="demanded federal aid")
    entry.locator("a.entity", has_text="Alvarez").first.click()
    page.wait_for_url("**/entities/*")
    assert "Alvarez" in page.locator("h1.entity-name").inner_text()
    assert "We will not leave anyone behind." in page.locator("ul.quotes").inner_text()
    shot(page, "02-entity")
    mention = page.locator("li.mention a.sentence-link").first
    name = mention.locator("mark").inner_text()
    mention.click()
    page.wait_for_url("**/articles/*hl=*")
    mark = page.locator("mark#hl")
    assert mark.is_visible() and mark.inner_text() == name
    assert page.locator("span.sentence.current").count() == 1
    shot(page, "03-source-sentence")
    _clean(page)


def test_search_with_highlights(page, shot):
    page.goto("/search")
    page.fill("#search-form input[name=q]", "levee repair")
    page.press("#search-form input[name=q]", "Enter")
    page.wait_for_selector("ol.hits li.hit")
    assert page.locator("ol.hits li.hit").count() == 2
    assert page.locator("ol.hits mark").first.inner_text().lower() in ("levee", "repair", "repairing")
    shot(page, "04-search")
    page.select_option("#search-form select[name=thread]", "T2")
    page.fill("#search-form input[name=q]", "Riverton")
    page.click("#search-form button")
    page.wait_for_selector("#search-summary")
    assert "thread=T2" in page.url
    for text in page.locator("ol.hits li.hit").all_inner_texts():
        assert "2024-04-08" in text or "2024-04-09" in text
    _clean(page)


def test_ask_answers_with_citations(page, shot):
    page.goto("/ask")
    page.fill("#ask-form input[name=q]", "Who said Riverton is our home?")
    page.click("#ask-form button")
    page.wait_for_selector("#answer")
    assert page.locator(".answer-text").inner_text().startswith("Tom Becker")
    assert page.locator("ol.citations li").count() >= 1
    shot(page, "05-ask")
    page.locator(".answer-text a").click()
    page.wait_for_url("**/articles/*")
    assert "Riverton is our home" in page.locator("mark#hl").inner_text()
    _clean(page)


def test_graph_draws_and_links_to_entities(page, shot):
    page.goto("/graph")
    page.wait_for_selector("#graph svg g.node circle")
    n = page.locator("#graph g.node").count()
    assert n >= 3 and page.locator("#graph line.edge").count() >= 1
    shot(page, "06-graph")
    page.locator("#graph g.node circle").first.click()
    page.wait_for_url("**/entities/*")
    _clean(page)


@pytest.mark.parametrize("path,name", [("/entities", "07-entities"), ("/quotes", "08-quotes"),
                                       ("/threads", "09-threads"), ("/threads/T1", "10-thread"),
                                       ("/events", "11-events"), ("/events/V4", "12-event"),
                                       ("/articles", "15-articles"),
                                       ("/api/docs", "13-api")])
def test_every_view_renders_without_errors(page, shot, path, name):
    response = page.goto(path)
    assert response.status == 200
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert page.locator("main h1").count() == 1
    shot(page, name)
    _clean(page)


def test_malicious_articles_render_inert(page, shot):
    page.goto("/search?q=strange+note&scope=articles")
    page.locator("ol.hits a.hit-text").first.click()
    page.wait_for_url("**/articles/*")
    for path in [page.url, "/quotes", "/threads", "/timeline?thread=T2", "/search?q=reader",
                 "/ask?q=What+did+the+note+say%3F", "/events/V3"]:
        page.goto(path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)
        found = page.evaluate("""() => ({
            scripts: [...document.scripts].filter(s => !s.src.includes('/static/')).length,
            imgs: document.images.length,
            handlers: [...document.querySelectorAll('*')].filter(
                e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
            jsLinks: [...document.querySelectorAll('a[href]')].filter(
                a => a.href.trim().toLowerCase().startsWith('javascript:')).length,
        })""")
        assert found == {"scripts": 0, "imgs": 0, "handlers": 0, "jsLinks": 0}, (path, found)
    page.goto("/timeline?thread=T2")
    assert "<script>alert('thread')</script>" in page.locator("main").inner_text()  # shown as text
    shot(page, "14-malicious-inert")
    _clean(page)


def test_csp_blocks_injected_scripts_and_html_sinks(page):
    page.goto("/timeline")
    blocked = page.evaluate("""() => {
        const out = {};
        try { const s = document.createElement('script'); s.textContent = 'window.__pwned = 1';
              document.body.appendChild(s); out.script = 'appended'; } catch (e) { out.script = 'refused'; }
        try { document.body.insertAdjacentHTML('beforeend', '<b>x</b>'); out.html = 'written'; }
        catch (e) { out.html = 'refused'; }
        out.pwned = window.__pwned === 1;
        return out; }""")
    assert blocked == {"script": "refused", "html": "refused", "pwned": False}  # Trusted Types + CSP
