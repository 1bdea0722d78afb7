"""The trace drawn as an SVG: the traced document in the centre, each depth a ring around it,
children beside their parent, colour by the issuer's level (or the province), size by how many
documents cite it.  Every node is a link to its document page; hovering shows its name.

Drawn on the server, once per view (cached by the caller): no script, no component iframe, so it
appears with the page and every text in it is escaped exactly once.
"""
from __future__ import annotations

import html
import math

GRAPH_NODE_CAP = 500  # drawn subgraphs are capped here; tables and exports carry everything
LEVELS = ("central_party", "central_state", "province", "department", "district", "commune", "other")
LEVEL_COLOURS = {"central_party": "#c92a2a", "central_state": "#e8590c", "province": "#1971c2",
                 "department": "#0c8599", "district": "#2f9e44", "commune": "#74b816", "other": "#868e96"}
PALETTE = ("#d9480f", "#1971c2", "#2f9e44", "#ae3ec9", "#f08c00", "#0c8599", "#e03131", "#5c940d",
           "#6741d9", "#c2255c", "#495057", "#087f5b", "#364fc7", "#a61e4d", "#74b816", "#862e9c")


def doc_level(G, key: str) -> str:
    """The level of the body that issued ``key``: the issuer nodes' level (the most local of joint
    issuers), a district named in the issuer text, else the document's scope.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("d", issuer="Ủy ban nhân dân huyện Tuy An", scope="local")
    >>> doc_level(G, "d")
    'district'
    """
    d = G.nodes[key]
    levels = [G.nodes[v].get("level") for _, v, k in G.out_edges(key, keys=True) if k == "issued_by"]
    levels = [lv for lv in levels if lv in LEVELS and lv != "other"]
    issuer = (d.get("issuer") or "").lower()
    if any(w in issuer for w in ("huyện", "quận ", "thị xã", "thị ủy", "huyện ủy", "quận ủy")) and \
            not any(lv in ("district", "commune") for lv in levels):
        return "district"
    if levels:
        return max(levels, key=LEVELS.index)
    return {"central": "central_state", "local": "province"}.get(d.get("scope") or "", "other")


def _layout(root: str, items, cap: int) -> dict[str, tuple[float, float]]:
    """Radial tree positions in a unit disc: depth d on ring d, children ordered under their parent."""
    drawn = list(items)[: cap - 1]
    depth_max = max((i.depth for i in drawn), default=1)
    angle = {root: 0.0}
    pos = {root: (0.0, 0.0)}
    for d in range(1, depth_max + 1):
        ring = [i for i in drawn if i.depth == d]
        ring.sort(key=lambda i: (angle.get(i.via, 0.0), i.province or "~", i.symbol, i.key))
        n = len(ring)
        r = d / depth_max
        for j, it in enumerate(ring):
            a = 2 * math.pi * (j + 0.5) / max(n, 1)
            angle[it.key] = a
            pos[it.key] = (r * math.cos(a), r * math.sin(a))
    return pos


def trace_svg(G, result, *, colour_by: str = "level", lang: str | None = None, cap: int = GRAPH_NODE_CAP,
              size: int = 640) -> tuple[str, list[tuple[str, str]], int]:
    """(SVG markup, legend [(name, colour)], nodes drawn) for a trace result."""
    from explorer.i18n import rel_label, t
    from explorer.text import doc_href
    from explorer.ui import label_of

    root = result.root["key"]
    items = list(result.items)[: cap - 1]
    pos = _layout(root, items, cap)
    keys = [root] + [i.key for i in items]
    groups: dict[str, str] = {}

    def group(k: str) -> tuple[str, str]:
        if colour_by == "province":
            name = G.nodes[k].get("province") or t("central", lang)
            colour = groups.setdefault(name, PALETTE[len(groups) % len(PALETTE)])
        else:
            lv = doc_level(G, k)
            name = t(f"level.{lv}", lang)
            colour = groups.setdefault(name, LEVEL_COLOURS[lv])
        return name, colour

    cited = {k: len({u for u, _, r in G.in_edges(k, keys=True) if r not in ("issued_by", "part_of")}) for k in keys}
    top = max(cited.values()) or 1
    half = size / 2
    pad = 70
    xy = {k: (half + (half - pad) * x, half + (half - pad) * y) for k, (x, y) in pos.items()}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="100%" '
           f'style="max-height:{size}px" role="img" data-testid="cg-trace-graph">']
    for it in items:
        if it.via in xy and it.key in xy:
            (x1, y1), (x2, y2) = xy[it.via], xy[it.key]
            dash = ' stroke-dasharray="4 3"' if it.citing else ""
            out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#adb5bd" '
                       f'stroke-width="1"{dash}><title>{html.escape(rel_label(it.rel, lang))}</title></line>')
    label_all = len(keys) <= 40
    for k in reversed(keys):  # the root last, on top
        d = G.nodes[k]
        x, y = xy[k]
        name, colour = group(k)
        r = 16 if k == root else 4 + 9 * (cited[k] / top) ** 0.5
        label = label_of(d)
        tip = " — ".join(str(v) for v in (label, d.get("type"), d.get("province") or t("central", lang), name) if v)
        href = html.escape(doc_href(k, lang))
        text = (f'<text x="{x:.1f}" y="{y - r - 3:.1f}" text-anchor="middle" font-size="{12 if k == root else 9}" '
                f'fill="#212529">{html.escape(label)}</text>') if (label_all or k == root) else ""
        out.append(f'<a href="{href}" target="_self" class="cg-node"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                   f'fill="{colour}" stroke="#fff" stroke-width="1.5"><title>{html.escape(tip)}</title></circle>{text}</a>')
    out.append("</svg>")
    return "".join(out), list(groups.items()), len(keys)
