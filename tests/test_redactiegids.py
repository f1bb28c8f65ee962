"""The redactiegids: on the site, generated from the schema and vocabulary, true to the code."""

from __future__ import annotations

import re

from guide_messages import ELLIPSIS, documented, is_documented, messages_in_code, strings_in_code
from helpers import ROOT, html_text
from samsite.model.schema import collections
from samsite.reading.vocabulary_file import load_vocabulary


def test_every_message_in_the_code_is_documented():
    missing = [f"{where}: {message}" for message, where in messages_in_code().items() if not is_documented(message)]
    assert len(messages_in_code()) >= 60
    assert not missing, ("document these messages in the table 'Meldingen van de controle' of "
                         "docs/redactiegids.md:\n" + "\n".join(missing))


def test_every_documented_message_exists_in_the_code():
    source = strings_in_code()
    stale = [template for template in documented()
             if not all(part.strip() in source for part in template.split(ELLIPSIS) if len(part.strip()) > 3)]
    assert len(documented()) >= 60
    assert not stale, "docs/redactiegids.md documents messages the code no longer has:\n" + "\n".join(stale)


def test_the_guide_is_on_the_site_with_fields_vocabulary_and_templates(built_site):
    html = (built_site / "redactiegids" / "index.html").read_text(encoding="utf-8")
    text = html_text(html)
    for collection in collections(load_vocabulary(ROOT / "vocabulaire.yml", "vocabulaire.yml")).values():
        for field in collection.fields:
            assert f"<code>{field.name}</code>" in html, field.name
    vocabulary = load_vocabulary(ROOT / "vocabulaire.yml", "vocabulaire.yml")
    for taxonomy in vocabulary.taxonomies:
        for term in taxonomy.terms:
            assert f"<code>{term.id}</code>" in html, term.id
    assert "# strategy (verplicht" in text  # the scaffold template, as make praktijk writes it
    assert "{{ 7*7 }}" in text and 'make praktijk TITLE="' in text and "make serve" in text
    for section in ("via-github", "cahier-toevoegen", "velden", "vocabulaire", "geen-code", "bekijken",
                    "pull-request", "linknummers", "meldingen"):
        assert f'id="{section}"' in html, section


def test_the_guide_is_in_the_navigation_and_linked_from_the_readme():
    assert re.search(r"^  - Redactiegids: redactiegids\.md$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert "(docs/redactiegids.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_committed_guide_is_complete_and_up_to_date():
    """Editors read the guide on GitHub too: no template code, generated tables current."""
    from samsite.tools.guide import GUIDE, fill_guide

    text = (ROOT / GUIDE).read_text(encoding="utf-8")
    vocabulary = load_vocabulary(ROOT / "vocabulaire.yml", "vocabulaire.yml")
    assert fill_guide(text, vocabulary) == text, "docs/redactiegids.md is stale: run 'make gids' and commit it"
    assert "{{ velden" not in text and "{% raw %}" not in text and "render_macros: true" not in text
    for collection in collections(load_vocabulary(ROOT / "vocabulaire.yml", "vocabulaire.yml")).values():
        for field in collection.fields:
            assert f"| `{field.name}` |" in text, field.name
    for taxonomy in vocabulary.taxonomies:
        for term in taxonomy.terms:
            assert f"| `{term.id}` |" in text, term.id
    assert text.count("# strategy (verplicht") == 2  # both templates


def test_make_gids_rewrites_a_stale_guide(tmp_path):
    import shutil

    from helpers import samsite
    from samsite.tools.guide import GUIDE

    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "vocabulaire.yml", tmp_path / "vocabulaire.yml")
    current = (ROOT / GUIDE).read_text(encoding="utf-8")
    stale = current.replace("| `wonen` |", "| `oud` |")
    (tmp_path / GUIDE).write_text(stale, encoding="utf-8")
    result = samsite("gids", tmp_path, in_process=True)
    assert result.returncode == 0 and "bijgewerkt" in result.stdout
    assert (tmp_path / GUIDE).read_text(encoding="utf-8") == current
