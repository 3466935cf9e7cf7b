"""Page chrome as templates render it (site header and navigation, cookie banner, newsletter
forms, share bars, ads, footer, hidden noise) and the related-link and feed widgets. Every
chrome phrase used is recorded on the context, so tests can check none leaks into the body."""

from __future__ import annotations

import json
from collections.abc import Sequence

from newsparse.models import FeedItem, Link
from newsparse.testing import dates, prose
from newsparse.testing.markup import Ctx, container, esc, site_origin, tag
from newsparse.testing.vocab import CHROME_PHRASES


def skip_link(ctx: Ctx) -> str:
    return tag(
        "a", esc(ctx.phrase("skip")), href="#main", class_=ctx.cls("skip-link screen-reader-text")
    )


def admin_link(ctx: Ctx) -> str:
    post = ctx.rng.randrange(10**5)
    url = f"{site_origin(ctx.page_url)}/wp-admin/post.php?post={post}&action=edit"
    return tag("a", esc(ctx.phrase("admin")), href=url, class_=ctx.cls("post-edit-link"))


def site_header(ctx: Ctx, site_name: str | None) -> str:
    origin = site_origin(ctx.page_url)
    parts = [
        tag("a", esc(site_name or ""), href=ctx.href(origin + "/"), class_=ctx.cls("site-logo"))
    ]
    if "header" in ctx.options.kinds:
        parts.append(tag("a", esc(ctx.phrase("header_login")), href=ctx.href(origin + "/login/")))
        parts.append(
            tag(
                "a",
                esc(ctx.phrase("header_subscribe")),
                href=ctx.href(origin + "/subscribe/"),
                class_=ctx.cls("button subscribe"),
            )
        )
        search = ctx.phrase("header_search")
        parts.append(
            tag(
                "form",
                f'<input type="search" name="q" placeholder="{esc(search)}">'
                + tag("button", esc(search)),
                role="search",
                action="/search",
            )
        )
    if "navigation" in ctx.options.kinds:
        table = CHROME_PHRASES.get(ctx.language, CHROME_PHRASES["en"])["navigation"]
        labels = ctx.rng.sample(table, k=ctx.rng.randint(3, len(table)))
        for label in labels:
            if label not in ctx.chrome:
                ctx.chrome.append(label)
        items = "".join(
            tag("li", tag("a", esc(label), href=ctx.href(f"{origin}/{prose.slug(label, 'x')}/")))
            for label in labels
        )
        parts.append(
            container(ctx, "nav", "main-navigation", tag("ul", items, class_=ctx.cls("menu")))
        )
    return container(ctx, "header", "site-header", "\n".join(parts))


def cookie_banner(ctx: Ctx) -> str:
    table = CHROME_PHRASES.get(ctx.language, CHROME_PHRASES["en"])
    texts = ctx.rng.sample(table["cookie_text"], k=ctx.rng.randint(1, len(table["cookie_text"])))
    buttons = ctx.rng.sample(table["cookie_button"], k=min(2, len(table["cookie_button"])))
    ctx.chrome.extend(text for text in (*texts, *buttons) if text not in ctx.chrome)
    inner = tag("p", esc(" ".join(texts))) + "".join(tag("button", esc(b)) for b in buttons)
    return tag("div", inner, class_=ctx.cls("cookie-consent"), role="dialog")


def newsletter_form(ctx: Ctx) -> str:
    """A Mailchimp-style sign-up form: prompt, required marker, hidden responses, button."""
    marker = ctx.phrase("form_marker")
    if marker.startswith("* "):
        marker_html = tag("span", "*", class_="asterisk") + " " + esc(marker[2:])
    else:
        marker_html = esc(marker)
    field_id = f"mce-EMAIL-{ctx.rng.randrange(10**4)}"
    parts = [
        tag("h2", esc(ctx.phrase("newsletter_title"))) if ctx.rng.random() < 0.6 else "",
        tag("div", marker_html, class_=ctx.cls("indicates-required")),
        tag(
            "div",
            tag(
                "label",
                esc(ctx.phrase("newsletter_prompt")) + " " + tag("span", "*", class_="asterisk"),
                for_=field_id,
            )
            + f'<input type="email" name="EMAIL" id="{field_id}" required>',
            class_=ctx.cls("mc-field-group"),
        ),
        tag(
            "div",
            esc(ctx.phrase("newsletter_error")),
            class_=ctx.cls("response"),
            style="display:none",
        ),
        tag(
            "div",
            esc(ctx.phrase("newsletter_success")),
            class_=ctx.cls("response"),
            style="display:none",
        ),
        tag("button", esc(ctx.phrase("newsletter_button")), type="submit"),
    ]
    form = tag(
        "form", "".join(parts), action=f"{site_origin(ctx.page_url)}/newsletter/post", method="post"
    )
    return tag("div", form, class_=ctx.cls("mc_embed_signup newsletter"))


def share_bar(ctx: Ctx) -> str:
    table = CHROME_PHRASES.get(ctx.language, CHROME_PHRASES["en"])["share"]
    links = []
    for label in ctx.rng.sample(table, k=ctx.rng.randint(2, len(table))):
        if label not in ctx.chrome:
            ctx.chrome.append(label)
        links.append(tag("a", esc(label), href=f"https://social.example/share?u={ctx.page_url}"))
    return tag("div", " ".join(links), class_=ctx.cls("share-bar social-share"))


def media_note(ctx: Ctx) -> str:
    inner = tag("button", esc(ctx.phrase("media_note")))
    return tag("div", inner, class_=ctx.cls("audio-player"))


def ad_slot(ctx: Ctx) -> str:
    slot = f"gpt-ad-{ctx.rng.randrange(10**4)}"
    return tag(
        "div",
        tag("span", esc(ctx.phrase("ad"))) + tag("div", "", id=slot),
        class_=ctx.cls("ad-slot"),
    )


def boilerplate_heading(ctx: Ctx) -> str:
    return tag("h2", esc(ctx.phrase("boilerplate")), class_=ctx.cls("section-title"))


def site_footer(ctx: Ctx, site_name: str | None, year: int) -> str:
    table = CHROME_PHRASES.get(ctx.language, CHROME_PHRASES["en"])["footer"]
    rights, links = table[0], table[1:]
    ctx.chrome.append(rights)
    chosen = ctx.rng.sample(links, k=ctx.rng.randint(2, len(links)))
    ctx.chrome.extend(label for label in chosen if label not in ctx.chrome)
    items = "".join(
        tag(
            "li",
            tag(
                "a",
                esc(label),
                href=ctx.href(f"{site_origin(ctx.page_url)}/{prose.slug(label, 'p')}/"),
            ),
        )
        for label in chosen
    )
    notice = tag("p", esc(f"© {year} {site_name or ''}. {rights}"))
    return container(ctx, "footer", "site-footer", tag("ul", items) + notice)


def hidden_noise(ctx: Ctx) -> str:
    """Scripts, templates and hidden elements: text that is in the markup but not on the page."""
    cta = ctx.phrase("header_subscribe")
    config = json.dumps({"cta": cta, "paywall": {"limit": 3}})
    parts = [
        tag("script", f"window.__SITE_CONFIG__ = {config};"),
        tag("noscript", '<img src="/pixel.gif" alt="">'),
        tag("template", tag("p", esc(ctx.phrase("newsletter_success")))),
        tag("div", esc(ctx.phrase("newsletter_title")), hidden=None),
        tag("div", esc(ctx.phrase("share")), aria_hidden="true", class_=ctx.cls("sr-only")),
    ]
    return "\n".join(parts)


# --- related links and feed items ---------------------------------------------------------------


def read_also(ctx: Ctx, link: Link) -> str:
    label = tag("strong", esc(ctx.phrase("related_inline")))
    anchor = tag("a", esc(link.title), href=ctx.href(link.url or ""))
    return tag("p", f"{label} {anchor}", class_=ctx.cls("read-also"))


def related_section(ctx: Ctx, links: Sequence[Link]) -> str:
    cards = []
    for link in links:
        title = tag("a", esc(link.title), href=ctx.href(link.url or ""))
        inner = tag("h3", title) if not ctx.soup else tag("div", title, class_=ctx.cls(""))
        if link.summary:
            inner += tag("p", esc(link.summary), class_=ctx.cls("card-excerpt"))
        card_tag = "article" if ctx.options.family == "semantic" else "div"
        cards.append(tag(card_tag, inner, class_=ctx.cls("related-card card")))
    heading = (
        tag("h2", esc(ctx.phrase("related_heading")))
        if len(links) > 1 or ctx.rng.random() < 0.5
        else ""
    )
    return container(ctx, "section", "related-posts", heading + "".join(cards))


def feed_sidebar(ctx: Ctx, items: Sequence[FeedItem]) -> tuple[str, list[FeedItem]]:
    """A "News Feed" widget; returns its HTML and the items as a reader can know them."""
    rendered, kept = [], []
    for item in items:
        time_text = item.time_text or ""
        if ctx.options.time_tags and item.published_at is not None:
            stamp = tag("time", esc(time_text), datetime=dates.machine(item.published_at, ctx.rng))
            kept.append(item)
        else:
            stamp = tag("span", esc(time_text), class_=ctx.cls("feed-time"))
            kept.append(item.model_copy(update={"published_at": None}))
        headline = tag(
            "a",
            tag("h3", esc(item.headline)) if not ctx.soup else esc(item.headline),
            href=ctx.href(item.url or ""),
        )
        summary = tag("p", esc(item.summary)) if item.summary else ""
        rendered.append(
            tag(
                "li" if not ctx.soup else "div",
                stamp + headline + summary,
                class_=ctx.cls("feed-item"),
            )
        )
    inner = "".join(rendered)
    body = tag("ul", inner, class_=ctx.cls("feed-list")) if not ctx.soup else inner
    html_text = container(
        ctx, "aside", "news-feed widget", tag("h2", esc(ctx.phrase("feed_heading"))) + body
    )
    return html_text, kept
