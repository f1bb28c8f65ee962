"""Checks on the Markdown body of contributor content (cahiers, praktijken).

Contributor content is plain Markdown: it may not run code or embed anything.
``check_body`` reads the body once with a real Markdown parser
(``markdown_source.parse``: every link and image syntax, raw HTML, headings, code,
admonitions, with their lines) and names the exact file line of each problem. It also
returns the local links and images, which the loader resolves once it knows every
page (``cross_links.check_references``). The HTML MkDocs makes of the page is checked
again after rendering (``safety_net``).

Raw HTML is refused except ``ALLOWED_TAGS``; attr_list braces (``{ .class }``) may only
set an id, classes and ``ATTR_LIST_KEYS``. Code spans and fenced code blocks are text,
not markup, and are not checked.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from ..errors import IssueCollector
from ..text.markdown_source import MAX_DEPTH, MAX_INLINE_DEPTH, Document, parse
from ..text.slugs import heading_anchor
from ..text.suggest import did_you_mean
from .anchors import ATTR_ID, HEADING_ID
from .cross_links import Reference
from .validate import ALLOWED_SCHEMES, UNREADABLE_URL, check_url

ALLOWED_TAGS = frozenset({"br", "sup", "sub", "abbr"})
ALLOWED_TAG_ATTRIBUTES = frozenset({"title"})
# Tags that run code or pull in content from elsewhere: named as such in the message.
EMBEDDING_TAGS = frozenset({
    "script", "iframe", "object", "embed", "style", "form", "frame", "frameset", "applet", "base",
    "link", "meta", "svg", "math", "template", "noscript", "input", "button", "textarea", "select",
})
ATTR_LIST_KEYS = frozenset({"title", "alt", "width", "height", "lang", "loading", "target", "rel"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "srcset", "poster", "data", "cite",
                            "background", "xlink:href", "ping", "manifest", "codebase", "longdesc"})
# Admonition types the theme styles (Material for MkDocs), and Dutch words editors try.
ADMONITION_TYPES = ("note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
                    "success", "check", "done", "question", "help", "faq", "warning", "caution",
                    "attention", "failure", "fail", "missing", "danger", "error", "bug", "example",
                    "quote", "cite")
DUTCH_ADMONITIONS = {"vraag": "question", "vragen": "question", "opdracht": "question", "oefening": "question",
                     "aan-de-slag": "question", "opgelet": "warning", "let-op": "warning", "waarschuwing": "warning",
                     "gevaar": "danger", "voorbeeld": "example", "citaat": "quote", "opmerking": "note",
                     "noot": "note", "samenvatting": "summary", "tip": "tip", "info": "info"}
# An id the content may set: lower case, digits and hyphens. The theme's own ids start
# with '__' (__drawer, __search): setting one from content breaks the menu or the search.
CONTENT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Tags as a browser reads them (quoted values may hold '>') and as Python-Markdown does.
# Possessive quantifiers (*+): no backtracking, so a long text without '>' stays linear.
_TAGS = (re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9-]*+)((?:[^<>"']|"[^"]*"|'[^']*')*+)>"""),
         re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*+)([^<>]*+)>"))
_MARKUP = re.compile(r"<!--|<![A-Za-z\[]|<\?")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_KEY_VALUE = re.compile(r"""([^\s={}"']+)\s*=\s*("[^"]*"|'[^']*'|[^\s}]*)""")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_UNPARSED_LINK = re.compile(r"\]\(([^()\n]*\s[^()\n]*)\)")
# '[r]: https://x.be/a b': no definition for CommonMark (the rest is no title), a broken one elsewhere
_SPACED_DEFINITION = re.compile(r"""^ {0,3}\[[^\]]*\]:\s*<?(\S+\s+[^"'(\s][^>]*?)>?\s*$""")
_LOOKALIKE_ADMONITION = re.compile(r"^\s*(!{1,2}|!{4,}|\?{1,2}|\?{4,})\s*([A-Za-z-]+)")


def url_scheme(url: str) -> str:
    """The scheme a browser would see: entities decoded, whitespace and control characters removed."""
    match = _SCHEME.match(_CONTROL.sub("", html.unescape(url)))
    return match.group(1).lower() if match else ""


class _Checker:
    def __init__(self, document: Document, first_line: int, issues: IssueCollector, page_dir: str):
        self.document = document
        self.first_line = first_line
        self.issues = issues
        self.page_dir = page_dir
        self.references: list[Reference] = []

    def run(self) -> list[Reference]:
        document = self.document
        if document.too_deep is not None:
            self.issues.add(self.first_line + document.too_deep, "tekst",
                            f"opsommingen of citaten staan hier meer dan {MAX_DEPTH} niveaus in elkaar",
                            "maak de opsomming vlakker: hoogstens een paar niveaus, elk vier spaties dieper")
        if document.too_deep_inline is not None:
            self.issues.add(self.first_line + document.too_deep_inline, "tekst",
                            f"opmaak (*, **, [ ]) staat hier meer dan {MAX_INLINE_DEPTH} keer in elkaar",
                            "sluit elke * en ** op dezelfde regel waar je ze opent; zet een letterlijk sterretje als \\*")
        for link in document.links:
            line = link.definition_line if link.definition_line is not None else link.line
            self.url(self.first_line + line, link.url, link.image)
        for definition, line, first in self._defined(document.definitions, {}, lambda d: d.label):
            if first is not None:
                self.issues.add(line, "link", f"het label '[{definition.label.lower()}]' is al gedefinieerd "
                                f"op regel {first}",
                                "geef elke verwijzing een eigen label, of verwijder de tweede definitie")
            self.url(line, definition.url, image=False, strict=False)
        for stray in document.stray_definitions:
            spaced = _SPACED_DEFINITION.match(stray.text)
            if spaced:
                self._spaced_address(self.first_line + stray.line, spaced.group(1))
                continue
            self.issues.add(self.first_line + stray.line, "link",
                            "deze verwijzing ('[…]: adres') staat midden in een alinea",
                            "laat een witregel boven de regel, zodat ze op zichzelf staat")
        for fragment in document.unparsed_links:
            self._unparsed(fragment)
        self._footnotes()
        for fragment in document.html:
            self._html(fragment)
        for fragment in document.text:
            self._attr_lists(fragment)
            self._lookalike_admonitions(fragment)
        for fragment in document.fence_infos:
            if "{" in fragment.text:
                self._attr_lists(fragment)
        for admonition in document.admonitions:
            self._admonition(admonition)
        for heading in document.headings:
            slug = heading_anchor(heading.plain)
            if slug.startswith("_") and not HEADING_ID.search(heading.text):
                self.issues.add(self.first_line + heading.line, "tekst",
                                f"de kop krijgt het anker '#{slug}', dat de site zelf gebruikt",
                                "begin de kop met een letter of cijfer, of geef hem een eigen anker: ## Kop { #mijn-kop }")
        return self.references

    def _defined(self, definitions, defined: dict[str, int], label_of) -> Iterator[tuple[object, int, int | None]]:
        """Each definition (of a link label or a footnote) with its file line and the line its
        label was defined on before, or None; ``defined`` keeps the first line of each label."""
        for definition in definitions:
            line = self.first_line + definition.line
            first = defined.get(label_of(definition))
            defined.setdefault(label_of(definition), line)
            yield definition, line, first

    # -- URLs ---------------------------------------------------------------------------

    def url(self, line: int, url: str, image: bool, strict: bool = True) -> None:
        url = url.strip()
        scheme = url_scheme(url)
        if scheme and scheme not in ALLOWED_SCHEMES:
            self.issues.add(line, "link", f"een link moet beginnen met https://, http:// of mailto:, niet met '{scheme}:'",
                            "links naar code (javascript:) of ingebedde data (data:) zijn niet toegelaten; "
                            "link naar een gewone webpagina")
            return
        remote = bool(scheme) or url.startswith(("//", "\\\\", "/\\", "\\/"))
        if image and remote:
            self.issues.add(line, "afbeelding", "een afbeelding van een andere website is niet toegelaten",
                            "bewaar de afbeelding bij de tekst (bv. praktijken/afbeeldingen/foto.jpg) en "
                            "verwijs ernaar met ![beschrijving](afbeeldingen/foto.jpg)")
            return
        if remote and not scheme:
            self.issues.add(line, "link", f"het adres '{url}' begint met // zonder https:",
                            f"schrijf het volledige webadres, bv. https:{url}" if url.startswith("//")
                            else "schrijf het volledige webadres, beginnend met https://")
            return
        if scheme in ("http", "https"):
            problem = check_url(url)
            if problem:
                self.issues.add(line, "link", problem, "kopieer het volledige webadres uit je browser")
            return
        if scheme:
            return
        try:
            parts = urlsplit(url)
        except ValueError:
            self.issues.add(line, "link", UNREADABLE_URL, "kopieer het volledige webadres uit je browser")
            return
        target = unquote(parts.path)
        if target or parts.fragment:
            self.references.append(Reference(self.issues.path, line, target, image, self.page_dir, strict,
                                             unquote(parts.fragment)))

    def _unparsed(self, fragment) -> None:
        for offset, text in enumerate(fragment.text.split("\n")):
            match = _UNPARSED_LINK.search(text)
            if match:
                self._spaced_address(self._line_of(fragment.line, text), match.group(1).strip())

    def _spaced_address(self, line: int, written: str) -> None:
        """``[tekst](mijn foto.jpg)`` or ``[label]: mijn foto.jpg``: Markdown makes no link of it."""
        self.issues.add(line, "link", f"'{written}' wordt geen link: het adres bevat een spatie",
                        "een adres of bestandsnaam heeft geen spaties: hernoem het bestand "
                        "(bv. mijn-foto.jpg) of vervang de spatie in een webadres door %20")

    def _line_of(self, start: int, text: str) -> int:
        """File line of ``text`` (a line of a block that starts at body line ``start``)."""
        lines = self.document.lines
        for number in range(start, len(lines)):
            if text.strip() and text.strip() in lines[number]:
                return self.first_line + number
        return self.first_line + start

    # -- Footnotes ('tekst[^1]' and '[^1]: de voetnoot') ----------------------------------

    def _footnotes(self) -> None:
        document = self.document
        defined: dict[str, int] = {}
        for definition, line, first in self._defined(document.footnote_definitions, defined, lambda d: d.text):
            if first is not None:
                self.issues.add(line, "voetnoot", f"de voetnoot '[^{definition.text}]' heeft al een tekst op regel "
                                f"{first}",
                                "geef elke voetnoot een eigen label ([^1], [^2], ...), of verwijder de tweede tekst")
        for stray in document.stray_footnotes:
            defined.setdefault(stray.text, self.first_line + stray.line)
            self.issues.add(self.first_line + stray.line, "voetnoot",
                            f"de voetnoot '[^{stray.text}]' wordt niet gelezen",
                            "een label heeft geen spaties, bv. [^bron-1], in de tekst en onderaan; zet "
                            "'[^label]: tekst' op een eigen regel onderaan, met een witregel erboven")
        referenced = set()
        for reference in document.footnote_refs:
            referenced.add(reference.text)
            if reference.text not in defined:
                self.issues.add(self.first_line + reference.line, "voetnoot",
                                f"de voetnoot '[^{reference.text}]' heeft geen tekst",
                                f"voeg onderaan een regel '[^{reference.text}]: tekst van de voetnoot' toe, met "
                                "een witregel erboven, of verwijder de verwijzing")
        for label, line in defined.items():
            if label not in referenced:
                self.issues.add(line, "voetnoot", f"de voetnoot '[^{label}]' staat nergens in de tekst",
                                f"zet [^{label}] in de tekst, waar de voetnoot bij hoort, of verwijder de voetnoot")

    # -- HTML and attributes ------------------------------------------------------------

    def _html(self, fragment) -> None:
        text = fragment.text
        for match in _MARKUP.finditer(text):
            line = self.first_line + fragment.line + text.count("\n", 0, match.start())
            if match.group() == "<!--":
                self.issues.add(line, "html", "een HTML-commentaar (<!-- … -->) komt mee in de broncode van de pagina",
                                "verwijder het commentaar; een opmerking voor de redactie zet je in je pull request")
            else:
                self.issues.add(line, "html", f"HTML is niet toegelaten ({match.group()}…)",
                                "gebruik Markdown: **vet**, *cursief*, ## tussenkop, [tekst](https://...); "
                                "enkel <br>, <sup>, <sub> en <abbr> mogen")
        reported = set()
        matches = {m.span(): m for regex in _TAGS for m in regex.finditer(text)}
        for _, match in sorted(matches.items()):
            closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
            line = self.first_line + fragment.line + text.count("\n", 0, match.start())
            for key, value in tag_attributes(attributes):
                if key.startswith("on"):
                    self.issues.add(line, "html", f"het attribuut '{key}' voert code uit en is niet toegelaten",
                                    "verwijder het attribuut: inhoud mag geen code bevatten")
                elif key in URL_ATTRIBUTES:
                    self.url(line, value, image=name == "img", strict=False)
                elif name in ALLOWED_TAGS and key not in ALLOWED_TAG_ATTRIBUTES:
                    self.issues.add(line, "html", f"het attribuut '{key}' is niet toegelaten in <{name}>",
                                    "enkel title mag, bv. <abbr title=\"Openbaar centrum voor "
                                    "maatschappelijk welzijn\">OCMW</abbr>")
            if (line, name) in reported or name in ALLOWED_TAGS or (closing and name in EMBEDDING_TAGS):
                continue
            reported.add((line, name))
            if name in EMBEDDING_TAGS:
                self.issues.add(line, "html", f"<{name}> is niet toegelaten: het voert code uit of haalt "
                                "inhoud van elders binnen",
                                "verwijder de code; link naar de inhoud met [tekst](https://...)")
            else:
                self.issues.add(line, "html", f"HTML is niet toegelaten (<{closing}{name}>)",
                                "gebruik Markdown: **vet**, *cursief*, ## tussenkop, [tekst](https://...); "
                                "enkel <br>, <sup>, <sub> en <abbr> mogen")

    def _attr_lists(self, fragment) -> None:
        for offset, text_line in enumerate(fragment.text.split("\n")):
            start, end = text_line.find("{"), text_line.rfind("}")
            line = self.first_line + fragment.line + offset
            if not 0 <= start < end:
                continue
            inside = text_line[start + 1:end]
            for key_match in _KEY_VALUE.finditer(inside):
                key = key_match.group(1).lower().lstrip(":")
                if key.startswith("on"):
                    self.issues.add(line, "attribuut", f"het attribuut '{key}' voert code uit en is niet toegelaten",
                                    "verwijder het uit de { }: inhoud mag geen code bevatten")
                elif key not in ATTR_LIST_KEYS:
                    self.issues.add(line, "attribuut", f"het attribuut '{key}' is niet toegelaten tussen {{ }}",
                                    "tussen { } mogen enkel #id, .klasse en "
                                    f"{', '.join(sorted(ATTR_LIST_KEYS))}")
            for anchor in ATTR_ID.findall(inside):
                if not CONTENT_ID.match(anchor):
                    self.issues.add(line, "attribuut", f"het anker '#{anchor}' is niet toegelaten",
                                    "een anker bestaat uit kleine letters, cijfers en koppeltekens, bv. { #de-start }; "
                                    "namen die met _ beginnen gebruikt de site zelf")

    # -- Admonitions ('!!! question "Aan de slag"') ---------------------------------------

    def _admonition(self, admonition) -> None:
        line = self.first_line + admonition.line
        shown = f"{admonition.marker} {admonition.type}"
        if admonition.type not in ADMONITION_TYPES:
            known = DUTCH_ADMONITIONS.get(admonition.type.lower())
            hint = (f"schrijf '{admonition.marker} {known}'" if known
                    else f"{did_you_mean(admonition.type, ADMONITION_TYPES)}gebruik bv. question (Aan de slag), "
                         "note, tip, warning, example of quote")
            self.issues.add(line, "kader", f"het soort kader '{admonition.type}' bestaat niet", hint)
        if not admonition.body_lines:
            found = ("er staat geen tekst onder" if admonition.next_indent is None
                     else f"de tekst eronder springt {admonition.next_indent} spaties in")
            self.issues.add(line, "kader", f"het kader '{shown}' is leeg: {found}",
                            "spring elke regel van de tekst in het kader vier spaties in (meer dan de regel met !!!)")

    def _lookalike_admonitions(self, fragment) -> None:
        for offset, text_line in enumerate(fragment.text.split("\n")):
            match = _LOOKALIKE_ADMONITION.match(text_line)
            if not match:
                continue
            word = match.group(2).lower()
            if word in ADMONITION_TYPES or word in DUTCH_ADMONITIONS:
                marker = "???" if match.group(1).startswith("?") else "!!!"
                self.issues.add(self.first_line + fragment.line + offset, "kader",
                                f"'{match.group(1)} {match.group(2)}' wordt geen kader maar gewone tekst",
                                f"een kader begint met drie tekens: {marker} "
                                f"{DUTCH_ADMONITIONS.get(word, word)} \"Titel\"")


def tag_attributes(text: str) -> list[tuple[str, str]]:
    found = []
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        found.append((match.group(1).lower(), value))
    return found


def check_body(body: str, first_line: int, issues: IssueCollector, page_dir: str = "") -> list[Reference]:
    """Report problems in a Markdown body; ``first_line`` is its first file line.

    ``page_dir`` is the folder of the page the body ends up on (relative links resolve
    from there). Returns the local links and images for ``check_references``.
    """
    return _Checker(parse(body), first_line, issues, page_dir).run()
