"""briefgen serve end to end: the command in its own process, Debian's chromium driven by
Selenium (chromium-driver), axe-core loaded into every page.

Scenarios: a report uploaded as PDF, drafted, completed in the form and built (the download
equal to ``briefgen build``); a new assessment filled in entirely by form; a pasted bullet
warned about inline; two tabs saving one element; the server killed mid-save; hostile requests.
With BRIEFGEN_SCREENSHOTS=DIR, each page is also saved there as a PNG (docs/serve/ holds them).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from ..draft_reports import add_running_header, pandoc, to_pdf
from ..helpers import TESTS, copy_met, require_tool, run_briefgen
from .test_draft import REPORT_2018

MET = "metropolitan-2018-19"
#: axe-core, installed by .ci/run with npm (tests/browser/package.json).
AXE = TESTS / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = os.environ.get("BRIEFGEN_SCREENSHOTS")

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import (  # noqa: E402
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


class Server:
    """``briefgen serve FOLDER --no-browser`` running in its own process."""

    def __init__(self, folder: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "briefgen",
                "serve",
                str(folder),
                "--port",
                str(self.port),
                "--no-browser",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=folder.parent,
        )
        assert self.process.stdout is not None
        line = ""
        while "token=" not in line:
            line = self.process.stdout.readline()
            assert line, "briefgen serve stopped before printing its address"
        self.address = re.search(r"http://\S+", line).group(0)  # type: ignore[union-attr]
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(10)


@pytest.fixture
def browser(tmp_path) -> Iterator:
    require_tool("chromium", "chromium")
    driver_path = require_tool("chromedriver", "chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1280,900",
        "--disable-dev-shm-usage",
    ):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": str(tmp_path)})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.downloads = tmp_path  # type: ignore[attr-defined]
    yield driver
    driver.quit()


@pytest.fixture
def inputs(tmp_path) -> Path:
    folder = tmp_path / "inputs"
    copy_met(folder / MET)
    return folder


@pytest.fixture
def server(inputs) -> Iterator[Server]:
    running = Server(inputs)
    yield running
    running.stop()


def axe_violations(driver) -> list[dict]:
    """What axe-core finds wrong in the page (WCAG 2.2 A and AA rules, and best practice)."""
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is not installed: .ci/run must npm-install tests/browser")
        pytest.skip("axe-core is not installed (npm install --prefix tests/browser)")
    driver.execute_script(AXE.read_text("utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa',"
        " 'best-practice']}).then(r => done(JSON.stringify(r.violations)));"
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in json.loads(result)]


AXE_SEEN: dict[str, int] = {}


def look(driver, name: str) -> None:
    """The page now shown: no axe-core violation; saved as a screenshot when asked."""
    violations = axe_violations(driver)
    AXE_SEEN[name] = len(violations)
    assert violations == [], (name, violations)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1280, min(max(height, 900), 2400))
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(Path(SHOTS) / f"{name}.png"))
        driver.set_window_size(1280, 900)


def wait_for(driver, condition, timeout: float = 20):
    """``condition``'s answer once it is true; an element htmx swaps out while it is read is
    read again on the next try, as a person would look again."""
    try:
        return WebDriverWait(
            driver,
            timeout,
            ignored_exceptions=(StaleElementReferenceException, NoSuchElementException),
        ).until(lambda d: condition(d))
    except Exception:
        print(driver.current_url, driver.page_source[:3000])
        raise


def save(driver) -> None:
    driver.find_element(By.CSS_SELECTOR, "button[value=save]").click()
    wait_for(driver, lambda d: "Saved." in d.page_source or "Not saved" in d.page_source)


# --- the scenarios ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory) -> Path:
    require_tool("pandoc", "pandoc")
    require_tool("soffice", "libreoffice-writer-nogui")
    folder = tmp_path_factory.mktemp("report")
    word = add_running_header(pandoc(REPORT_2018, folder / "met-peel-2018-19.docx"))
    return to_pdf(word, folder, folder / "profile")


def test_a_pdf_report_drafted_completed_and_built_as_the_cli_builds_it(
    browser, server, inputs, report_pdf, tmp_path
):
    browser.get(server.address)
    look(browser, "home")
    browser.get(f"{server.base}/draft")
    look(browser, "draft")
    browser.find_element(By.ID, "report").send_keys(str(report_pdf))
    browser.find_element(By.ID, "name").send_keys("met-drafted")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for(browser, lambda d: "/a/met-drafted" in d.current_url)
    checklist = browser.find_elements(By.CSS_SELECTOR, "#checklist li")
    assert [li.text.split(": ", 1)[1].split(":")[0] for li in checklist] == ["published", "source"]
    highlighted = browser.find_elements(By.CSS_SELECTOR, ".to-complete input")
    assert {e.get_attribute("id") for e in highlighted} == {"f-published", "f-source"}
    look(browser, "assessment-drafted")
    browser.find_element(By.ID, "f-published").clear()
    browser.find_element(By.ID, "f-published").send_keys("2019-09-27")
    source = browser.find_element(By.ID, "f-source")
    source.clear()
    source.send_keys(
        "https://www.justiceinspectorates.gov.uk/hmicfrs/peel-assessments/peel-2018/metropolitan/"
    )
    save(browser)
    assert "Ready to build" in browser.page_source
    browser.get(f"{server.base}/a/met-drafted/build")
    look(browser, "build")
    browser.find_element(By.ID, "t-summary-grid").click()
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    link = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "a[download]"))[0]
    look(browser, "built")
    link.click()
    target = browser.downloads / "met-drafted-summary-grid.docx"
    wait_for(browser, lambda d: target.is_file() and target.stat().st_size > 0)
    cli = tmp_path / "cli.docx"
    done = run_briefgen(
        "build", str(inputs / "met-drafted"), "-t", "summary-grid", "-o", str(cli), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == cli.read_bytes()


def test_a_new_assessment_filled_in_by_form_validates(browser, server, inputs):
    browser.get(server.address)
    browser.get(f"{server.base}/new")
    look(browser, "new")
    Select(browser.find_element(By.ID, "framework")).select_by_value("peel-2023-25")
    browser.find_element(By.ID, "force").send_keys("Kent Police")
    browser.find_element(By.ID, "name").send_keys("kent-2023-25")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for(browser, lambda d: d.current_url.endswith("/a/kent-2023-25"))
    for key, value in (
        ("published", "2024-03-01"),
        ("source", "https://www.justiceinspectorates.gov.uk/hmicfrs/kent"),
    ):
        field = browser.find_element(By.ID, f"f-{key}")
        field.clear()
        field.send_keys(value)
    save(browser)
    links = [
        a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "ul.elements a")
    ]
    seen = False
    for href in links:
        browser.get(href)
        if not browser.find_elements(By.ID, "f-grading"):
            continue  # an element the framework does not grade
        if not seen:
            look(browser, "element-new")
            seen = True
        Select(browser.find_element(By.ID, "f-grading")).select_by_visible_text("Good")
        browser.find_element(By.CSS_SELECTOR, "button[value='comments:add']").click()
        wait_for(browser, lambda d: d.find_elements(By.ID, "f-comments-0-text"))
        browser.find_element(By.ID, "f-comments-0-text").send_keys("The force is good.")
        save(browser)
        assert "Saved." in browser.page_source
    done = run_briefgen("validate", str(inputs / "kent-2023-25"), cwd=inputs)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_a_pasted_bullet_shows_its_warning_inline_and_the_preview_follows(browser, server):
    browser.get(server.address)
    browser.get(f"{server.base}/a/{MET}/e/investigating-crime")
    look(browser, "element")
    field = browser.find_element(By.ID, "f-comments-1-text")
    field.clear()
    field.send_keys("• The force needs to review how it allocates crimes.")
    typed = "• The force needs to review how it allocates crimes."
    shown = wait_for(  # the answer to the whole text, not to a part typed before a pause
        browser,
        lambda d: (
            typed in d.find_element(By.ID, "grid-table").text
            and d.find_element(By.ID, "p-comments-1").text
        ),
    )
    assert "Warning: comments, bullet 2: the text starts with a typed “•”" in shown
    assert "p-comments-1" in field.get_attribute("aria-describedby")
    grid = browser.find_element(By.ID, "grid-table").text
    assert "• The force needs to review" in grid
    look(browser, "element-warned")
    browser.get(f"{server.base}/a/{MET}")
    look(browser, "assessment")
    browser.get(f"{server.base}/a/{MET}/preview")
    look(browser, "preview")
    browser.get(f"{server.base}/a/no-such-assessment")
    assert "There is no assessment 'no-such-assessment'" in browser.page_source
    look(browser, "not-found")


DRAG = """
const [from, to] = arguments;
const data = new DataTransfer();
const fire = (node, type) => node.dispatchEvent(
    new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
fire(from.querySelector('.drag'), 'dragstart');
fire(to, 'dragover');
fire(to, 'drop');
"""


def test_a_bullet_dragged_with_the_mouse_moves(browser, server, inputs):
    browser.get(server.address)
    browser.get(f"{server.base}/a/{MET}/e/investigating-crime")
    texts = [
        browser.find_element(By.ID, f"f-areas_for_improvement-{i}-text").get_attribute("value")
        for i in range(4)
    ]
    bullets = browser.find_elements(By.CSS_SELECTOR, ".bullet[data-list=areas_for_improvement]")
    browser.execute_script(DRAG, bullets[0], bullets[2])
    wait_for(browser, lambda d: "not saved yet" in d.page_source)
    moved = [
        browser.find_element(By.ID, f"f-areas_for_improvement-{i}-text").get_attribute("value")
        for i in range(4)
    ]
    assert moved == [texts[1], texts[2], texts[0], texts[3]]
    save(browser)
    text = (inputs / MET / "elements" / "investigating-crime.yaml").read_text("utf-8")
    assert text.index(texts[2]) < text.index(texts[0]) < text.index(texts[3])


def test_two_tabs_saving_one_element_the_second_is_refused_and_nothing_is_lost(
    browser, server, inputs
):
    path = inputs / MET / "elements" / "investigating-crime.yaml"
    page = f"{server.base}/a/{MET}/e/investigating-crime"
    browser.get(server.address)
    browser.get(page)
    first = browser.current_window_handle
    browser.switch_to.new_window("tab")
    browser.get(page)
    second = browser.current_window_handle
    browser.switch_to.window(first)
    Select(browser.find_element(By.ID, "f-grading")).select_by_visible_text("Good")
    save(browser)
    saved = path.read_text("utf-8")
    assert "grading: Good" in saved
    browser.switch_to.window(second)
    field = browser.find_element(By.ID, "f-comments-0-text")
    field.clear()
    field.send_keys("Written in the second tab.")
    save(browser)
    assert "has changed since you opened it" in browser.page_source
    assert (
        browser.find_element(By.ID, "f-comments-0-text").get_attribute("value")
        == "Written in the second tab."
    )
    look(browser, "conflict")
    assert path.read_text("utf-8") == saved
    browser.find_element(By.LINK_TEXT, "Reload the file as it is now").click()
    assert Select(browser.find_element(By.ID, "f-grading")).first_selected_option.text == "Good"


def _cookie(server: Server) -> str:
    opened = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    opened.request("GET", "/?" + server.address.split("?", 1)[1])
    answer = opened.getresponse()
    return answer.getheader("set-cookie", "").split(";", 1)[0]


def _post(server: Server, cookie: str, path: str, body: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request(
        "POST",
        path,
        body,
        {
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": server.base,
        },
    )
    return connection.getresponse().status


def test_a_server_stopped_mid_save_leaves_every_file_whole(inputs):
    import urllib.parse

    server = Server(inputs)
    cookie = _cookie(server)
    path = inputs / MET / "elements" / "investigating-crime.yaml"
    before = path.read_text("utf-8")
    page = f"/a/{MET}/e/investigating-crime"

    def keep_saving() -> None:
        for n in range(200):
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            try:
                connection.request("GET", page, headers={"Cookie": cookie})
                html = connection.getresponse().read().decode()
                version = re.search(r'name="version" value="([0-9a-f]+)"', html).group(1)
                body = urllib.parse.urlencode(
                    {
                        "version": version,
                        "state": "graded",
                        "grading": "Good",
                        "op": "save",
                        "comments-0-text": f"Saved {n} times. " * 200,
                    }
                )
                _post(server, cookie, page, body)
            except (OSError, AttributeError, http.client.HTTPException):
                return

    writer = threading.Thread(target=keep_saving)
    writer.start()
    deadline = time.monotonic() + 60
    while path.read_text("utf-8") == before and time.monotonic() < deadline:
        time.sleep(0.05)  # saves are landing: stop the server in the middle of the next ones
    time.sleep(0.3)
    server.stop(signal.SIGKILL)
    writer.join()
    Server(inputs).stop()  # the next start sweeps away what the kill cut short
    assert not [p for p in inputs.iterdir() if p.name.startswith(".")]  # no checking copy
    for file in inputs.rglob("*.yaml"):
        assert isinstance(yaml.safe_load(file.read_text("utf-8")), dict), file
    text = path.read_text("utf-8")
    assert text != before and "grading: Good" in text
    assert not [p for p in (inputs / MET / "elements").iterdir() if p.suffix != ".yaml"]


def test_hostile_requests_are_refused(server, inputs):
    cookie = _cookie(server)

    def answer(method: str, path: str, headers: dict[str, str]) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request(method, path, "" if method == "POST" else None, headers)
        return connection.getresponse().status

    assert answer("GET", "/", {}) == 403
    assert answer("GET", f"/a/{MET}", {}) == 403
    assert answer("POST", f"/a/{MET}/e/investigating-crime", {}) == 403
    assert (
        answer(
            "POST",
            f"/a/{MET}/e/investigating-crime",
            {"Cookie": cookie, "Origin": "http://evil.example"},
        )
        == 403
    )
    assert answer("GET", "/", {"Cookie": cookie, "Host": f"evil.example:{server.port}"}) == 400
    for path in (
        "/a/../../etc/passwd",
        f"/a/{MET}/e/../../assessment",
        "/a/..%2F..%2Fetc",
        "/static/../app.py",
        "/static/..%2Fapp.py",
    ):
        assert answer("GET", path, {"Cookie": cookie}) == 404, path
    assert answer("GET", "/", {"Cookie": cookie}) == 200
