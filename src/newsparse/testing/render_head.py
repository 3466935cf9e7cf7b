"""The page's <head> as the renderer writes it: <title> with the site's name, Open Graph and
article meta tags, and a JSON-LD NewsArticle (alone or in an @graph beside its WebSite)."""

from __future__ import annotations

import json

from newsparse.models import Article
from newsparse.testing import dates
from newsparse.testing.markup import Ctx, attributes, esc, site_origin, tag
from newsparse.testing.vocab import AGENCIES


def _json_ld(ctx: Ctx, article: Article, expected: Article) -> str:
    node: dict[str, object] = {
        "@type": ctx.rng.choice(("NewsArticle", "Article", "ReportageNewsArticle")),
        "headline": article.headline,
        "mainEntityOfPage": {"@type": "WebPage", "@id": article.url},
        "inLanguage": ctx.language,
        "publisher": {"@type": "Organization", "name": article.site_name},
    }
    if article.published_at:
        node["datePublished"] = dates.machine(article.published_at, ctx.rng)
    if article.updated_at:
        node["dateModified"] = dates.machine(article.updated_at, ctx.rng)
    people = [
        {
            "@type": "Organization" if author.name in AGENCIES else "Person",
            "name": author.name,
            **({"url": author.url} if author.url else {}),
        }
        for author in article.authors
    ]
    if people:
        node["author"] = people[0] if len(people) == 1 and ctx.rng.random() < 0.5 else people
    if expected.images and expected.images[0].url:
        node["image"] = [expected.images[0].url]
    if expected.description:
        node["description"] = expected.description
    if expected.tags:
        node["keywords"] = ", ".join(expected.tags)
    document: dict[str, object]
    if ctx.rng.random() < 0.3:
        website = {"@type": "WebSite", "name": article.site_name, "url": site_origin(ctx.page_url)}
        document = {"@context": "https://schema.org", "@graph": [website, node]}
    else:
        document = {"@context": "https://schema.org", **node}
    text = json.dumps(
        document, ensure_ascii=ctx.rng.random() < 0.5, indent=ctx.rng.choice((None, 2))
    )
    # "</" inside a script would end it early; JSON allows the escaped slash.
    return tag("script", text.replace("</", "<\\/"), type="application/ld+json")


def _meta_tags(article: Article, expected: Article) -> list[str]:
    def meta(key: str, name: str, content: str) -> str:
        return f"<meta{attributes({key: name, 'content': content})}>"

    tags = [
        meta("property", "og:type", "article"),
        meta("property", "og:title", article.headline or ""),
        meta("property", "og:site_name", article.site_name or ""),
        meta("property", "og:url", article.url or ""),
        f"<link{attributes({'rel': 'canonical', 'href': article.url or ''})}>",
    ]
    if expected.description:
        tags.append(meta("name", "description", expected.description))
        tags.append(meta("property", "og:description", expected.description))
    if expected.images and expected.images[0].url:
        tags.append(meta("property", "og:image", expected.images[0].url))
    if article.published_at:
        tags.append(meta("property", "article:published_time", article.published_at.isoformat()))
    if article.updated_at:
        tags.append(meta("property", "article:modified_time", article.updated_at.isoformat()))
    if article.authors:
        tags.append(meta("name", "author", ", ".join(author.name for author in article.authors)))
    tags.extend(meta("property", "article:tag", tag_text) for tag_text in expected.tags)
    return tags


def head(ctx: Ctx, article: Article, expected: Article) -> str:
    separator = ctx.rng.choice((" | ", " - ", " – ", " · "))
    title = (article.headline or "") + (separator + article.site_name if article.site_name else "")
    parts = ['<meta charset="utf-8">', tag("title", esc(title))]
    parts.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    if ctx.options.meta:
        parts.extend(_meta_tags(article, expected))
    if ctx.options.json_ld:
        parts.append(_json_ld(ctx, article, expected))
    if "script" in ctx.options.kinds:
        parts.append(tag("style", ".hidden{display:none}.card{margin:0 0 1rem}"))
        parts.append(tag("script", "window.dataLayer=window.dataLayer||[];", async_=None))
    return "<head>\n" + "\n".join(parts) + "\n</head>"
