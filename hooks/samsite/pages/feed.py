"""The RSS feed of practices and cahiers: a pure function from the model to XML.

Every practice and cahier is an item with a stable ``guid`` (its URL). Its ``pubDate``
is the day it was added to the site, from the git history (``reading/history.py``), and the
channel's ``lastBuildDate`` is the last change to any of them: both come from the
commits, not the clock, so two builds of the same commit give the same feed, byte for
byte. Items are ordered newest first by that date, then by year (cahiers before
practices of the same year), then by title. Without history (a tarball, a shallow
clone) there are no dates, rather than invented ones: the order is then year, then title.
A file not committed yet (a local preview) has no date and comes first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from email.utils import format_datetime

from .. import urls
from ..model.content import Site
from ..model.schema import CAHIER_TAXONOMY
from ..text.slugs import sort_key

FEED_URI = urls.FEED
ATOM = "http://www.w3.org/2005/Atom"


def page_url(base_url: str, src_uri: str) -> str:
    """Absolute URL of a page with directory URLs: 'praktijken/x.md' -> base + 'praktijken/x/'."""
    return base_url.rstrip("/") + "/" + urls.directory(src_uri)


def _item(channel: ET.Element, title: str, link: str, description: str, categories: list[str], dates) -> None:
    item = ET.SubElement(channel, "item")
    ET.SubElement(item, "title").text = title
    ET.SubElement(item, "link").text = link
    ET.SubElement(item, "guid", isPermaLink="true").text = link
    ET.SubElement(item, "description").text = description
    for category in categories:
        ET.SubElement(item, "category").text = category
    if dates is not None:
        ET.SubElement(item, "pubDate").text = format_datetime(dates.added, usegmt=True)


def rss(site: Site, base_url: str, title: str, description: str) -> str:
    """RSS 2.0 with every cahier and practice; ``base_url`` is the absolute site URL."""
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    ET.register_namespace("atom", ATOM)
    root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = base_url
    ET.SubElement(channel, "description").text = description
    ET.SubElement(channel, "language").text = "nl-BE"
    ET.SubElement(channel, f"{{{ATOM}}}link", href=base_url + FEED_URI, rel="self", type="application/rss+xml")

    def labels(key: str, ids: tuple[str, ...]) -> list[str]:
        taxonomy = site.vocabulary[key]
        return [taxonomy.get(term_id).label for term_id in ids]

    entries = []
    for cahier in site.cahiers:
        entries.append(((-(cahier.year or 0), 0, sort_key(cahier.title)), f"Cahier {cahier.number}: {cahier.title}",
                        page_url(base_url, urls.cahier(cahier.slug)), cahier.summary,
                        labels(CAHIER_TAXONOMY, cahier.terms(CAHIER_TAXONOMY)), site.cahier_dates(cahier)))
    for practice in site.practices:
        categories = [label for key in site.vocabulary.keys() for label in labels(key, practice.terms(key))]
        entries.append(((-(practice.year or 0), 1, sort_key(practice.title)), practice.title,
                        page_url(base_url, urls.practice(practice.slug)), practice.summary, categories,
                        site.practice_dates(practice)))

    dated = [entry[-1] for entry in entries if entry[-1] is not None]
    if dated:  # before the items, as in the RSS 2.0 examples
        ET.SubElement(channel, "lastBuildDate").text = format_datetime(max(d.changed for d in dated), usegmt=True)
    # Not committed yet (a preview) counts as the newest; without history by year, then title.
    for _, *fields in site.history.newest_first(entries, lambda entry: entry[-1], lambda entry: entry[0]):
        _item(channel, *fields)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
