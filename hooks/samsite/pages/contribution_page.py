"""/bijdragen/: a form that writes a practice file and opens it as a pull request on GitHub.

The form is made here from the schema and the vocabulary: one control per field of a
practice, named after its front-matter key (``name="strategy" value="<id>"``; the story
is ``name="body"``), with the help text of ``make praktijk``. The rules and messages the
script checks come from ``form_rules.browser_rules`` as one JSON block in the page.
Only this page loads the script (docs/assets/bijdragen.js); it contacts no other host
until the contributor presses the button.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from .. import urls
from ..model.content import Site, in_series_order
from . import fragments as html
from .form_rules import browser_rules
from .generated import GeneratedPage
from .markdown import front_matter, lead

CONTRIBUTION_PAGE = urls.CONTRIBUTION
SCRIPT = urls.up(urls.directory(CONTRIBUTION_PAGE)) + urls.asset("bijdragen.js")
GUIDE_ROUTE = "/redactiegids.md#via-github"
MULTILINE_TEXT = {"summary"}  # text fields shown as a small text area
CAHIER_HELP = "Het cahier of de cahiers van SAM waarin de praktijk voorkomt, als dat zo is."


@dataclass(frozen=True)
class Repository:
    owner: str
    name: str
    branch: str
    folder: str = urls.PRACTICES

    def new_file_url(self) -> str:
        return f"https://github.com/{self.owner}/{self.name}/new/{self.branch}/{self.folder}"


def github_repository(edit_uri: str) -> Repository | None:
    """'https://github.com/o/r/edit/main/' -> Repository('o', 'r', 'main'); None if not GitHub."""
    parts = urlsplit(edit_uri or "")
    segments = [s for s in parts.path.split("/") if s]
    if parts.hostname != "github.com" or len(segments) < 4 or segments[2] not in ("edit", "blob", "tree"):
        return None
    return Repository(segments[0], segments[1], "/".join(segments[3:]))


def _described(*ids: str) -> str:
    return f' aria-describedby="{" ".join(ids)}"'


def _error(control: str) -> str:
    return f'<p id="{control}-fout" class="sam-fout" data-error hidden></p>'


def _required(field: dict) -> str:
    return ' <span class="sam-verplicht">(verplicht)</span>' if field["required"] else \
        ' <span class="sam-optioneel">(niet verplicht)</span>'


def _text_control(field: dict) -> str:
    control = f"v-{field['name']}"
    attrs = f'id="{control}" name="{html.esc(field["name"])}"{_described(control + "-hulp", control + "-fout")}'
    if field["kind"] in ("YEAR", "NUMBER"):
        tag = f'<input {attrs} type="text" inputmode="numeric" autocomplete="off" class="sam-kort">'
    elif field["kind"] == "LINKS":
        tag = f'<textarea {attrs} rows="3" autocomplete="off" spellcheck="false"></textarea>'
    elif field["name"] in MULTILINE_TEXT:
        tag = f'<textarea {attrs} rows="3"></textarea>'
    else:
        tag = f'<input {attrs} type="text">'
    hint = html.esc(field["help"])
    if field["kind"] == "LINKS":
        hint = ("Eén link per regel: eerst de titel, dan het webadres, bv. "
                "<code>Website van de coalitie https://www.voorbeeld.be/</code>. Enkel het webadres mag ook.")
    elif field["kind"] == "YEAR":
        hint += " Vier cijfers, bv. 2024."
    return (f'<div class="sam-veld" data-field="{html.esc(field["name"])}">'
            f'<label for="{control}">{html.esc(field["label"])}{_required(field)}</label>'
            f'<p id="{control}-hulp" class="sam-hint">{hint}</p>{tag}{_error(control)}</div>')


def _choice_control(field: dict) -> str:
    name = field["name"]
    group = f"v-{name}"
    # The schema's help names folders in the repository; a contributor sees titles here.
    help_text = CAHIER_HELP if field["kind"] == "CAHIERS" else field["help"]
    items = []
    for option in field["options"]:
        control = f"{group}-{option['value']}"
        description = (f'<span class="sam-hint" id="{control}-uitleg">{html.esc(option["description"])}</span>'
                       if option["description"] else "")
        described = _described(f"{control}-uitleg") if option["description"] else ""
        items.append(f'<li><input type="checkbox" id="{control}" name="{html.esc(name)}" '
                     f'value="{html.esc(option["value"])}"{described}>'
                     f' <label for="{control}">{html.esc(option["label"])}</label>{description}</li>')
    return (f'<fieldset class="sam-veld sam-keuzes" data-field="{html.esc(name)}" id="{group}"'
            f'{_described(group + "-hulp", group + "-fout")}>'
            f'<legend>{html.esc(field["label"])}{_required(field)}</legend>'
            f'<p id="{group}-hulp" class="sam-hint">{html.esc(help_text)} Kies er één of meer.</p>'
            f'<ul>{"".join(items)}</ul>{_error(group)}</fieldset>')


def _story(rules: dict) -> str:
    template = "\n\n\n".join(f"## {heading}" for heading in rules["body"]["headings"]) + "\n"
    return ('<div class="sam-veld" data-field="body">'
            '<label for="v-body">Het verhaal <span class="sam-verplicht">(verplicht)</span></label>'
            '<p id="v-body-hulp" class="sam-hint">Schrijf onder elke tussenkop een paar alinea\'s, in '
            "Markdown: een lege regel tussen alinea's, <code>**vet**</code>, <code>- </code> voor een "
            'opsomming, <code>[tekst](https://...)</code> voor een link. Een tussenkop die je leeg laat, '
            'valt weg. Meer in <a href="/redactiegids.md#tekst">de redactiegids</a>.</p>'
            f'<textarea id="v-body" name="body" rows="18"{_described("v-body-hulp", "v-body-fout")}>'
            f"{html.esc(template)}</textarea>{_error('v-body')}</div>")


def _form(rules: dict, repository: Repository) -> str:
    controls = [_choice_control(f) if "options" in f else _text_control(f) for f in rules["fields"]]
    return (
        f'<form id="sam-bijdrage" class="sam-bijdrage" novalidate data-pagefind-ignore="all" '
        f'data-new-file="{html.esc(repository.new_file_url())}" aria-labelledby="sam-bijdrage-titel">'
        '<h2 id="sam-bijdrage-titel">Je praktijk</h2>'
        + "".join(controls) + _story(rules) +
        '<h2 id="sam-voorbeeld-titel">Je bestand</h2>'
        '<p>Zo komt je voorstel op GitHub, als <code id="sam-bestandsnaam">praktijken/….md</code>. '
        "De redactie leest het na voor het op de site komt.</p>"
        '<pre class="sam-voorbeeld" tabindex="0" role="region" aria-labelledby="sam-voorbeeld-titel"><code id="sam-voorbeeld"></code></pre>'
                '<p><button type="button" id="sam-kopieer" class="md-button">Kopieer het bestand</button> '
        '<span id="sam-gekopieerd" class="sam-hint" role="status"></span></p>'
        '<p id="sam-te-lang" class="sam-te-lang" hidden></p>'
        '<div class="sam-knoppen">'
        '<button type="button" id="sam-controleer" class="md-button">Controleer mijn voorstel</button> '
        '<button type="button" id="pr-link" class="md-button md-button--primary" disabled>'
        "Open als pull request op GitHub</button></div>"
        '<p id="sam-status" class="sam-status" role="status"></p>'
        '<p class="sam-hint">De knop opent GitHub in een nieuw tabblad. Heb je er nog geen account, '
        "maak er dan gratis een. GitHub maakt een eigen kopie van de site voor je (een <em>fork</em>); "
        "klik daar op <strong>Commit changes...</strong> en dan <strong>Propose changes</strong> en "
        "<strong>Create pull request</strong>. Daarna controleert GitHub je bestand en leest de redactie "
        'het na (zie <a href="/redactiegids.md#pull-request">wat er gebeurt met je pull request</a>).</p>'
        "</form>"
    )


def _json(data: dict) -> str:
    """JSON that cannot end its <script> element or start a comment in it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def contribution_page(site: Site, edit_uri: str) -> GeneratedPage:
    repository = github_repository(edit_uri)
    rules = browser_rules(site.vocabulary, [(c.slug, c.title) for c in in_series_order(site.cahiers)],
                          [p.slug for p in site.practices])
    without_js = ('<p>Deze pagina maakt je bestand met JavaScript, en dat staat in je browser uit. Je kan je '
                  'praktijk ook rechtstreeks op GitHub voorstellen, met het sjabloon en de stappen in '
                  f'<a href="{GUIDE_ROUTE}">de redactiegids</a>.</p>')
    parts = [
        front_matter("Een praktijk voorstellen",
                     "Deel een praktijk van politiserend werken: vul het formulier in en stel ze voor aan de "
                     "redactie, zonder Git of YAML.", {"hide": ["toc"]}),
        "# Een praktijk voorstellen\n",
        lead("Werk je mee aan een coalitie of initiatief dat sociaal onrecht publiek maakt? Vertel het "
             "hier. Het formulier maakt er het bestand van dat de site nodig heeft en zet het klaar als "
             "voorstel (een pull request) op GitHub. De redactie van SAM leest het na voor het op de site komt."),
        html.placeholder("formulier"),
    ]
    if repository is None:
        body = ('<p>Deze site is niet gekoppeld aan een repository op GitHub, dus het formulier kan je '
                f'voorstel niet klaarzetten. Volg de stappen in <a href="{GUIDE_ROUTE}">de redactiegids</a>.</p>')
    else:
        fields = [{k: v for k, v in f.items() if k != "options"} for f in rules["fields"]]
        data = {**rules, "fields": fields}
        body = (f'<noscript>{without_js}</noscript>{_form(rules, repository)}'
                f'<script type="application/json" id="sam-bijdragen-regels">{_json(data)}</script>'
                f'<script src="{SCRIPT}" defer></script>')
    return GeneratedPage(CONTRIBUTION_PAGE, "\n".join(parts), fragments={"formulier": body})

