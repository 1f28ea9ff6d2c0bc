"""The pages and their labels in the reader's language: chosen, remembered,
negotiated from the browser, and refused clearly when unknown."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import login
from trainer_api import i18n
from trainer_api.edge.pages import PAGES_DIR, render_page

PAGES = sorted(p.name for p in PAGES_DIR.glob("*.html"))


class _Text(HTMLParser):
    """The text a reader sees in a rendered page (scripts and styles left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "placeholder", "title", "alt") and value:
                self.parts.append(value.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.parts


# Words that read the same in both languages (the brand, signs, words French
# shares with English), and language names, each written in its own language.
SAME_IN_BOTH = {
    "Empathy Trainer",
    "Exploration",
    "Actions",
    "Validation",
    "Version",
    "Versions",
    "Conversation",
    "Conversations",
    "Minutes",
    "English",
    "Français",
}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_reads_in_french_where_it_reads_in_english(page: str) -> None:
    english = visible_text(render_page(page, "en"))
    french = visible_text(render_page(page, "fr-CA"))
    assert len(english) == len(french)
    untranslated = [
        text
        for en, text in zip(english, french, strict=True)
        if en == text and re.search(r"[A-Za-z]{3}", text) and text not in SAME_IN_BOTH
    ]
    assert not untranslated, f"{page}: shown in English in French: {untranslated}"


@pytest.mark.parametrize("page", PAGES)
def test_each_page_carries_its_locale_and_its_scripts_catalogue(page: str) -> None:
    html = render_page(page, "fr-FR")
    assert '<html lang="fr-FR">' in html
    match = re.search(
        r'<script type="application/json" id="i18n-catalogue">(.*?)</script>', html
    )
    assert match, "the page has no catalogue for its script"
    catalogue = json.loads(match.group(1))
    assert catalogue == i18n.browser_catalogue("fr-FR")
    assert render_page(page, "en").count('id="i18n-catalogue">{}</script>') == 1


def test_the_browser_language_decides_until_the_reader_chooses(
    client: TestClient,
) -> None:
    french = client.get(
        "/login", headers={"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"}
    )
    assert french.headers["content-language"] == "fr-CA"
    assert '<html lang="fr-CA">' in french.text
    assert "Nom d" in french.text  # Nom d'utilisateur
    assert (
        client.get("/login", headers={"Accept-Language": "de"}).headers[
            "content-language"
        ]
        == "en"
    )

    chosen = client.put("/api/locale", json={"locale": "en"})
    assert chosen.status_code == 200
    assert chosen.json() == {"locale": "en", "chosen": "en"}
    page = client.get("/login", headers={"Accept-Language": "fr-CA"})
    assert page.headers["content-language"] == "en"


def test_a_signed_in_choice_is_kept_on_the_account(client: TestClient) -> None:
    login(client, "learner", "learner-demo")
    assert client.put("/api/locale", json={"locale": "fr-FR"}).status_code == 200
    assert client.get("/api/me").json()["user"]["locale"] == "fr-FR"
    client.cookies.clear()  # another browser: the account remembers
    login(client, "learner", "learner-demo")
    home = client.get("/home", headers={"Accept-Language": "en"})
    assert home.headers["content-language"] == "fr-FR"
    config = client.get("/api/config").json()
    assert config["locale"] == "fr-FR"
    labels = {item["code"]: item["label"] for item in config["rubric"]["dimensions"]}
    assert labels["ownership"] == "Prise en charge"

    back = client.put("/api/locale", json={"locale": None})
    assert back.json()["chosen"] is None
    assert client.get("/api/me").json()["user"]["locale"] is None


@pytest.mark.parametrize("locale", ["de-DE", "klingon", "fr-XX-long-value"])
def test_an_unknown_locale_is_refused_and_changes_nothing(
    client: TestClient, locale: str
) -> None:
    login(client, "learner", "learner-demo")
    response = client.put("/api/locale", json={"locale": locale})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] in ("unknown_locale", "invalid_request")
    assert client.get("/api/me").json()["user"]["locale"] is None
    assert i18n.LANGUAGE_COOKIE not in response.headers.get("set-cookie", "")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr-CA,fr;q=0.9", "fr-CA"),
        ("fr-BE", "fr-FR"),
        ("fr", "fr-FR"),
        ("en-GB,en;q=0.8", "en"),
        ("de-DE,fr;q=0.5", "fr-FR"),
        ("de-DE", "en"),
        ("fr;q=0, en", "en"),
        ("", "en"),
        ("garbage;;q=x,,", "en"),
    ],
)
def test_accept_language_is_negotiated(header: str, expected: str) -> None:
    assert i18n.negotiate(None, None, header) == expected


def test_a_spreadsheet_export_names_its_columns_in_the_readers_language(
    client: TestClient,
) -> None:
    login(client, "trainer", "trainer-demo")
    made = client.post("/api/cohorts", json={"name": "Soir"}).json()
    url = f"/api/cohorts/{made['id']}/dashboard.csv"
    english = client.get(url).text.splitlines()[0]
    assert english.startswith("username,name,sessions,replies,average_score")
    client.put("/api/locale", json={"locale": "fr-CA"})
    french_file = client.get(url).text
    assert french_file.startswith("\ufeff"), "French spreadsheets need the mark"
    french = french_file.removeprefix("\ufeff").splitlines()[0].split(";")
    assert french[:5] == [
        "Nom d'utilisateur",
        "Nom",
        "Séances",
        "Réponses",
        "Score moyen",
    ]
