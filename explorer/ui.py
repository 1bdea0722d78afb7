"""Rendering helpers shared by the pages: the one Markdown escape, HTML tables with an open link
on every row, Vietnamese dates and numbers, and exports that cannot carry a spreadsheet formula.

Everything that comes from a document, a file name, a sidecar or the URL reaches the page either
through ``md_escape`` (Markdown contexts: titles, labels, captions, messages) or ``esc`` (HTML
built here); nothing else is ever interpolated into markup.
"""
from __future__ import annotations

import html
import io
import math
import re
from typing import Any, Iterable, Sequence

EMPTY = "—"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# GFM autolink literals (http://, www., a@b.c) are found after backslash escapes are undone, so a
# word joiner (U+2060, invisible) is put where they would start.
_AUTOLINK = re.compile(r"(?i)(?<![^\W_])(https?|ftp|mailto|xmpp|www)(?=[:.])|(?<=[\w.+-])(?=@)")


def clean(text: Any) -> str:
    """``text`` as a string without control characters (NUL, escapes, line separators).

    >>> clean("a\\x00b\\x1b[2Jc")
    'ab[2Jc'
    """
    return _CONTROL.sub("", "" if text is None else str(text))


def md_escape(text: Any, *, inline: bool = True) -> str:
    """``text`` shown literally by ``st.markdown`` and every Markdown label.

    Every ASCII punctuation mark is backslash-escaped (CommonMark allows it for all of them), so
    no link, image, emphasis, ``:color[]`` directive, emoji shortcode, ``$`` LaTeX or HTML tag
    survives; an invisible word joiner breaks autolink literals (``http://``, ``www.``, ``a@b``);
    ``inline`` also folds line breaks.

    >>> print(md_escape("[x](http://e.vn) ![i](u) :red[a] $x$ <b>").replace("\u2060", "⁀"))
    \\[x\\]\\(http⁀\\:\\/\\/e\\.vn\\) \\!\\[i\\]\\(u\\) \\:red\\[a\\] \\$x\\$ \\<b\\>
    """
    s = clean(str(text).replace("\r\n", "\n") if text is not None else "")
    if inline:
        s = " ".join(s.split())
    s = _AUTOLINK.sub(lambda m: (m.group(1) or "") + "\u2060", s)
    return "".join("\\" + ch if ch in _ASCII_PUNCT else ch for ch in s)


def esc(text: Any) -> str:
    """HTML-escaped, control characters removed; empty values shown as ``—``."""
    return html.escape(clean(text)) if not is_empty(text) else EMPTY


def is_empty(v: Any) -> bool:
    """None, "", NaN and pandas' NA are empty.

    >>> [is_empty(v) for v in (None, "", float("nan"), 0, "x")]
    [True, True, True, False, False]
    """
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip()
    if isinstance(v, float):
        return math.isnan(v)
    return type(v).__name__ in ("NAType", "NaTType")


def dash(v: Any) -> str:
    """A value for a table cell: ``—`` when empty."""
    return EMPTY if is_empty(v) else str(v)


def fmt_date(iso: Any) -> str:
    """``2020-03-05`` -> ``05/03/2020`` (``2020-03`` -> ``03/2020``, ``2020`` stays); ``—`` if empty.

    >>> fmt_date("2020-03-05"), fmt_date("2020-03"), fmt_date(None)
    ('05/03/2020', '03/2020', '—')
    """
    if is_empty(iso):
        return EMPTY
    parts = str(iso)[:10].split("-")
    return "/".join(reversed(parts)) if all(p.isdigit() for p in parts) else str(iso)


def fmt_int(n: Any, lang: str | None = None) -> str:
    """Thousands grouped the local way: ``1.044`` in Vietnamese, ``1,044`` in English.

    >>> fmt_int(1044, "vi"), fmt_int(1044, "en"), fmt_int(None)
    ('1.044', '1,044', '—')
    """
    if is_empty(n):
        return EMPTY
    s = f"{int(n):,}"
    return s if lang == "en" else s.replace(",", ".")


# -- exports ----------------------------------------------------------------------------------------
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def neutral(v: Any) -> Any:
    """A cell a spreadsheet shows as text: strings starting with ``= + - @`` get a leading ``'``.

    >>> neutral("=HYPERLINK(1)"), neutral("-1"), neutral("ok"), neutral(3)
    ("'=HYPERLINK(1)", "'-1", 'ok', 3)
    """
    if isinstance(v, str):
        v = clean(v) if not v.startswith(("\t", "\r")) else v
        return "'" + v if v.startswith(_FORMULA) else v
    return v


def _neutral_frame(df):
    out = df.copy()
    out.columns = [neutral(str(c)) for c in out.columns]
    for c in out.columns:  # every column: text may be typed object or pandas' string dtype
        if not __import__("pandas").api.types.is_numeric_dtype(out[c]):
            out[c] = out[c].map(neutral)
    return out


def to_csv(df) -> bytes:
    """UTF-8 CSV with a BOM (Excel reads Vietnamese right), formula prefixes neutralised."""
    return _neutral_frame(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx(df, sheet: str = "citegraph") -> bytes:
    """An .xlsx workbook of ``df`` (openpyxl), every text cell stored as text, never a formula."""
    buf = io.BytesIO()
    frame = _neutral_frame(df)
    with __import__("pandas").ExcelWriter(buf, engine="openpyxl") as xw:
        frame.to_excel(xw, index=False, sheet_name=sheet[:31])
        for row in xw.sheets[sheet[:31]].iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    return buf.getvalue()


# -- HTML tables ---------------------------------------------------------------------------------------
TABLE_CSS = """
<style>
.cg-wrap {overflow-x: auto; max-height: 34rem; overflow-y: auto; border: 1px solid rgba(128,128,128,.25); border-radius: .4rem;}
table.cg-table {border-collapse: collapse; width: 100%; font-size: .9rem;}
table.cg-table th {position: sticky; top: 0; background: #f1f3f5; text-align: left; padding: .35rem .5rem; z-index: 1;}
table.cg-table td {padding: .3rem .5rem; border-top: 1px solid rgba(128,128,128,.2); vertical-align: top;}
table.cg-table td.num {text-align: right; white-space: nowrap;}
table.cg-table td.nowrap {white-space: nowrap;}
a.cg-open {display: inline-block; padding: .1rem .5rem; border-radius: .3rem; background: #1c7ed6; color: #fff !important;
           text-decoration: none; white-space: nowrap; font-size: .85rem;}
a.cg-open:hover {background: #1864ab;}
.cg-sev {display: inline-block; padding: 0 .45rem; border-radius: .6rem; color: #fff; font-size: .8rem; white-space: nowrap;}
.cg-sev-high {background: #c92a2a;} .cg-sev-medium {background: #e8590c;} .cg-sev-low {background: #1971c2;}
.cg-sev-info {background: #868e96;}
</style>
"""


class Col:
    """A table column: ``field`` of each row, its header, and how it is shown."""

    def __init__(self, field: str, label: str, kind: str = "text", *, link: str | None = None,
                 link_label: str | None = None) -> None:
        self.field, self.label, self.kind, self.link, self.link_label = field, label, kind, link, link_label


def cell(row: dict[str, Any], col: Col, lang: str | None) -> str:
    v = row.get(col.field)
    if col.kind == "open":
        href = row.get(col.link or "href")
        return f'<a class="cg-open" href="{html.escape(href)}" target="_self">{esc(col.link_label)}</a>' if href else EMPTY
    if col.kind == "link":
        href = row.get(col.link or "href")
        text = esc(v)
        return f'<a href="{html.escape(href)}" target="_self">{text}</a>' if href else text
    if col.kind == "date":
        return esc(fmt_date(v))
    if col.kind == "int":
        return esc(fmt_int(v, lang))
    if col.kind == "severity":
        return f'<span class="cg-sev cg-sev-{html.escape(str(row.get("severity_code") or ""))}">{esc(v)}</span>'
    return esc(v)


def html_table(rows: Iterable[dict[str, Any]], cols: Sequence[Col], *, lang: str | None = None,
               test_id: str = "cg-table") -> str:
    """An HTML table of ``rows``: every value escaped, ``—`` for empty, open links first.

    >>> html_table([{"s": "<b>", "href": "./document?doc=1"}], [Col("s", "Số", "open", link_label="Mở"), Col("s", "Số")])
    '<div class="cg-wrap"><table class="cg-table" data-testid="cg-table"><thead><tr><th>Số</th><th>Số</th></tr></thead><tbody><tr><td class="nowrap"><a class="cg-open" href="./document?doc=1" target="_self">Mở</a></td><td>&lt;b&gt;</td></tr></tbody></table></div>'
    """
    head = "".join(f"<th>{esc(c.label)}</th>" for c in cols)
    body = []
    for r in rows:
        tds = []
        for c in cols:
            cls = (' class="num"' if c.kind == "int" else ' class="nowrap"' if c.kind in ("open", "date", "severity")
                   else ' class="cg-data"' if c.kind == "data" else "")
            tds.append(f"<td{cls}>{cell(r, c, lang)}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    return (f'<div class="cg-wrap"><table class="cg-table" data-testid="{html.escape(test_id)}"><thead><tr>{head}</tr>'
            f'</thead><tbody>{"".join(body)}</tbody></table></div>')


# -- charts as HTML (no chart library to load: they appear with the page) ---------------------------------
CHART_CSS = """
<style>
.cg-hbar {display: grid; grid-template-columns: minmax(6rem, 14rem) 1fr 3.5rem; gap: .15rem .5rem; align-items: center; font-size: .85rem;}
.cg-hbar .bar, .cg-cols .bar {display: flex; height: 1rem; border-radius: .2rem; overflow: hidden; background: rgba(128,128,128,.08);}
.cg-hbar .num {text-align: right;}
.cg-cols {display: flex; align-items: flex-end; gap: 2px; height: 12rem; border-bottom: 1px solid rgba(128,128,128,.4);}
.cg-cols .col {flex: 1; display: flex; flex-direction: column-reverse; min-width: 3px;}
.cg-cols-x {display: flex; justify-content: space-between; font-size: .75rem; opacity: .75;}
.cg-key {font-size: .8rem; margin: .3rem 0;} .cg-key span {display: inline-block; width: .8rem; height: .8rem; border-radius: .15rem; margin: 0 .25rem 0 .6rem; vertical-align: middle;}
</style>
"""


def _key(series: Sequence[tuple[str, str]]) -> str:
    return '<div class="cg-key">' + "".join(f'<span style="background:{c}"></span>{esc(name)}' for name, c in series) + "</div>"


def hbars(rows: Sequence[tuple[str, Sequence[int]]], series: Sequence[tuple[str, str]], lang: str | None = None,
          test_id: str = "cg-chart") -> str:
    """Horizontal stacked bars: ``rows`` of (label, one count per series), ``series`` of (name, colour)."""
    top = max((sum(v) for _, v in rows), default=0) or 1
    out = [CHART_CSS, _key(series), f'<div class="cg-hbar" data-testid="{html.escape(test_id)}">']
    for label, values in rows:
        segs = "".join(f'<div style="width:{100 * v / top:.2f}%;background:{c}" title="{esc(name)}: {esc(fmt_int(v, lang))}"></div>'
                       for v, (name, c) in zip(values, series) if v)
        out.append(f'<div>{esc(label)}</div><div class="bar">{segs}</div><div class="num">{esc(fmt_int(sum(values), lang))}</div>')
    return "".join(out) + "</div>"


def columns_chart(cols: Sequence[tuple[str, Sequence[int]]], series: Sequence[tuple[str, str]], lang: str | None = None,
                  test_id: str = "cg-columns") -> str:
    """Vertical stacked columns (e.g. documents per year), first and last labels under the axis."""
    top = max((sum(v) for _, v in cols), default=0) or 1
    out = [CHART_CSS, _key(series), f'<div class="cg-cols" data-testid="{html.escape(test_id)}">']
    for label, values in cols:
        segs = "".join(f'<div style="height:{12 * v / top:.3f}rem;background:{c}"></div>' for v, (_, c) in zip(values, series) if v)
        tip = f"{label}: " + ", ".join(f"{name} {fmt_int(v, lang)}" for v, (name, _) in zip(values, series))
        out.append(f'<div class="col" title="{esc(tip)}">{segs}</div>')
    out.append("</div>")
    if cols:
        mid = cols[len(cols) // 2][0]
        out.append(f'<div class="cg-cols-x"><span>{esc(cols[0][0])}</span><span>{esc(mid)}</span><span>{esc(cols[-1][0])}</span></div>')
    return "".join(out)


def label_of(node: dict[str, Any]) -> str:
    """What a person calls a document: its symbol, else its name, else its file's name.

    >>> label_of({"key": "file:000_874d6f46@a008db6b", "symbol": None})
    '000_874d6f46'
    """
    key = node.get("key") or ""
    if not node.get("symbol") and key.startswith("file:"):
        return key[5:].rsplit("@", 1)[0]
    return node.get("symbol") or node.get("name") or node.get("title") or key or "?"
