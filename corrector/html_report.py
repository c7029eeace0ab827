"""The HTML report: one self-contained page to review changes in a browser.

    corrector diff INPUT --format html > report.html

The page holds the transcript with every change marked inline, a side list of changes
grouped by term, filters (term, score, state, text) and accept/reject/edit controls for each
change; a button downloads the decisions in the format `corrector apply` reads
(docs/decisions.md). Everything is inline (CSS, script, data): the page opens from disk and
never touches the network. Decisions are kept in the browser's local storage as well, so
closing the page loses nothing.

Like every report, the page is a pure function of the original text and its changes.
"""

from __future__ import annotations

import html
import json
from typing import Sequence

from . import __version__
from .decisions import DEFAULT_FILE_NAME, FORMAT, VERSION, change_record, fingerprint, reviewable
from .edits import Correction
from .report import Positions


def render_html(
    name: str,
    text: str,
    corrections: Sequence[Correction],
    suggestions: Sequence[Correction] = (),
    *,
    positions: Positions | None = None,
    script: str = "",
    title: str | None = None,
) -> str:
    """The report page for `text` (shown as `name`) and its changes and suggestions."""
    positions = positions or Positions(text)
    changes = reviewable(corrections, suggestions)
    items = []
    for number, change in enumerate(changes, 1):
        line, col = positions.line_col(change.start)
        segment = positions.segment(change.start)
        items.append(
            {
                "record": change_record(change, text),
                "n": number,
                "line": line,
                "col": col,
                "time": segment.start if segment else None,
                "reason": change.reason,
            }
        )
    stem = name.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    data = {
        "format": FORMAT,
        "version": VERSION,
        "tool": f"corrector {__version__}",
        "input": name,
        "input_sha1": fingerprint(text),
        "script": script,
        "download": DEFAULT_FILE_NAME.format(stem=stem or "transcript", name=name),
        "items": items,
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # no "<" at all inside the script element, so no text can close it or open a comment
    payload = payload.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    heading = title or name
    return (
        PAGE.replace("{{title}}", html.escape(f"corrector: {heading}"))
        .replace("{{heading}}", html.escape(heading))
        .replace("{{css}}", CSS)
        .replace("{{transcript}}", _transcript_html(text, changes))
        .replace("{{data}}", payload)
        .replace("{{js}}", JS)
    )


def _transcript_html(text: str, changes: Sequence[Correction]) -> str:
    """The text as lines, each change as a marked span holding what was and what will be."""
    out: list[str] = []
    line = 1

    def plain(segment: str) -> None:
        nonlocal line
        pieces = segment.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for k, piece in enumerate(pieces):
            if k:
                line += 1
                out.append(f'</div></div><div class="line"><span class="no">{line}</span><div class="tx">')
            out.append(html.escape(piece))

    out.append(f'<div class="line"><span class="no">{line}</span><div class="tx">')
    cursor = 0
    for i, c in enumerate(changes):
        plain(text[cursor : c.start])
        kind = "chg sug" if c.applicability.value == "suggest" else "chg"
        out.append(
            f'<span class="{kind}" id="c{i}" data-i="{i}" tabindex="-1">'
            f"<del>{html.escape(c.before)}</del><ins>{html.escape(c.after)}</ins><ins class=\"ed\"></ins></span>"
        )
        cursor = c.end
    plain(text[cursor:])
    out.append("</div></div>")
    return "".join(out)


PAGE = """<!DOCTYPE html>
<html lang="zh-Hant">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data: blob:">
<title>{{title}}</title>
<style>{{css}}</style>
</head>
<body>
<header>
  <div class="title"><h1>{{heading}}</h1><span id="summary"></span></div>
  <div class="bar">
    <label>Term <select id="f-term"><option value="">all terms</option></select></label>
    <label>Score ≥ <input id="f-score" type="range" min="0" max="1" step="0.01" value="0"><output id="f-score-out">0.00</output></label>
    <label>Show <select id="f-state">
      <option value="">everything</option><option value="undecided">undecided</option>
      <option value="accept">accepted</option><option value="reject">rejected</option><option value="edit">edited</option>
      <option value="suggestion">suggestions only</option></select></label>
    <label>Find <input id="f-text" type="search" placeholder="text" size="8"></label>
    <span class="sep"></span>
    <button id="accept-shown" title="Accept every change the filters show">Accept shown</button>
    <button id="reject-shown" title="Reject every change the filters show">Reject shown</button>
    <button id="load" title="Read a decisions file to continue a review">Load…</button>
    <input id="load-file" type="file" accept=".json,application/json" hidden>
    <button id="download" class="primary" title="Save the decisions for corrector apply">Download decisions</button>
  </div>
</header>
<main>
  <section id="transcript" aria-label="transcript">{{transcript}}</section>
  <aside id="side" aria-label="changes by term"><div id="groups"></div></aside>
</main>
<footer>Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous shown change · <kbd>a</kbd> accept · <kbd>r</kbd> reject ·
<kbd>e</kbd> edit · <kbd>u</kbd> undecide. Changes left undecided follow <code>corrector apply --default</code> (reject unless told).</footer>
<script id="data" type="application/json">{{data}}</script>
<script>{{js}}</script>
</body>
</html>
"""

CSS = r"""
:root { --del:#b42318; --ins:#067647; --sug:#b54708; --edit:#175cd3; --line:#e4e7ec; --muted:#667085; --bg:#fff; --side:#f9fafb; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 15px/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif; color: #101828; background: var(--bg); display: flex; flex-direction: column; }
header { border-bottom: 1px solid var(--line); padding: 8px 16px; background: #fff; }
.title { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
h1 { font-size: 17px; margin: 0; font-weight: 600; word-break: break-all; }
#summary { color: var(--muted); font-size: 13px; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; margin-top: 6px; font-size: 13px; }
.bar label { display: inline-flex; align-items: center; gap: 5px; color: #344054; }
.bar select, .bar input[type=search] { font: inherit; padding: 2px 4px; }
.bar .sep { flex: 1; }
button { font: inherit; font-size: 13px; padding: 3px 10px; border: 1px solid #d0d5dd; background: #fff; border-radius: 6px; cursor: pointer; }
button:hover { background: #f2f4f7; }
button.primary { background: #175cd3; color: #fff; border-color: #175cd3; }
button.primary:hover { background: #1849a9; }
main { flex: 1; display: flex; min-height: 0; }
#transcript { flex: 1; overflow-y: auto; padding: 12px 20px 40px 0; }
#side { width: 380px; border-left: 1px solid var(--line); background: var(--side); overflow-y: auto; font-size: 13px; }
footer { border-top: 1px solid var(--line); padding: 4px 16px; font-size: 12px; color: var(--muted); }
kbd { border: 1px solid #d0d5dd; border-bottom-width: 2px; border-radius: 4px; padding: 0 4px; font-size: 11px; background: #fff; }
.line { display: flex; content-visibility: auto; contain-intrinsic-size: auto 3em; }
.line .no { width: 4em; flex: none; text-align: right; padding-right: 12px; color: #98a2b3; font-size: 12px; user-select: none; padding-top: 2px; }
.line .tx { flex: 1; white-space: pre-wrap; word-break: break-word; }
.chg { border-radius: 3px; padding: 0 1px; cursor: pointer; outline: 1px dashed #98a2b3; outline-offset: 0; }
.chg del { color: var(--del); background: #fef3f2; text-decoration: line-through; }
.chg ins { color: var(--ins); background: #ecfdf3; text-decoration: none; font-weight: 600; }
.chg.sug { outline-color: var(--sug); }
.chg.sug ins { color: var(--sug); background: #fffaeb; }
.chg ins.ed { display: none; color: var(--edit); background: #eff8ff; }
.chg.accept { outline: none; } .chg.accept del { display: none; }
.chg.reject { outline: none; } .chg.reject ins { display: none; } .chg.reject del { text-decoration: none; color: inherit; background: #f2f4f7; border-bottom: 2px solid #98a2b3; }
.chg.edit { outline: none; } .chg.edit del, .chg.edit ins { display: none; } .chg.edit ins.ed { display: inline; }
.chg.out { outline: none; opacity: .35; }
.chg.sel { outline: 2px solid #175cd3; outline-offset: 1px; opacity: 1; }
.group { border-bottom: 1px solid var(--line); }
.group > .gh { display: flex; align-items: center; gap: 6px; padding: 6px 10px; position: sticky; top: 0; background: #f2f4f7; z-index: 1; }
.gh .term { font-weight: 600; flex: 1; word-break: break-all; cursor: pointer; }
.gh .count { color: var(--muted); font-variant-numeric: tabular-nums; }
.gh button { padding: 0 6px; font-size: 12px; }
.row { display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; padding: 5px 10px 5px 14px; border-top: 1px solid #eaecf0; cursor: pointer; }
.row:hover { background: #fff; }
.row.sel { background: #eff8ff; box-shadow: inset 3px 0 #175cd3; }
.row .what { word-break: break-all; }
.row .what del { color: var(--del); text-decoration: line-through; }
.row .what ins { color: var(--ins); text-decoration: none; font-weight: 600; }
.row.sug .what ins { color: var(--sug); }
.row .meta { grid-column: 1; color: var(--muted); font-size: 12px; }
.row .ctl { grid-row: 1 / span 2; grid-column: 2; display: flex; gap: 3px; align-items: center; }
.ctl button { width: 28px; padding: 2px 0; }
.row.accept .ok { background: #067647; color: #fff; border-color: #067647; }
.row.reject .no { background: #b42318; color: #fff; border-color: #b42318; }
.row.edit .ed { background: #175cd3; color: #fff; border-color: #175cd3; }
.row .why { grid-column: 1 / span 2; color: #475467; font-size: 12px; display: none; }
.row.sel .why { display: block; }
.hidden { display: none !important; }
.empty { padding: 16px; color: var(--muted); }
@media (max-width: 800px) { main { flex-direction: column; } #side { width: auto; height: 40vh; border-left: 0; border-top: 1px solid var(--line); } }
"""

JS = r"""
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("data").textContent);
  const items = data.items;
  const storeKey = "corrector-decisions:" + data.input_sha1;
  let decisions = {};  // id -> {decision, text}
  try { decisions = JSON.parse(localStorage.getItem(storeKey) || "{}") || {}; } catch (e) { decisions = {}; }
  const $ = (id) => document.getElementById(id);
  const marks = items.map((_, i) => $("c" + i));
  const rows = [];
  let selected = -1;

  // --- side list, grouped by term ---------------------------------------------------------
  const groups = new Map();
  items.forEach((it, i) => {
    const t = it.record.term;
    if (!groups.has(t)) groups.set(t, []);
    groups.get(t).push(i);
  });
  const order = [...groups.keys()].sort((a, b) => groups.get(b).length - groups.get(a).length || a.localeCompare(b));
  const groupEls = new Map();
  const frag = document.createDocumentFragment();
  const termSelect = $("f-term");
  for (const term of order) {
    const g = document.createElement("div");
    g.className = "group";
    g.dataset.term = term;
    const head = document.createElement("div");
    head.className = "gh";
    head.innerHTML = '<span class="term"></span><span class="count"></span>' +
      '<button data-act="accept-term" title="Accept the shown changes of this term">✓ all</button>' +
      '<button data-act="reject-term" title="Reject the shown changes of this term">✗ all</button>';
    head.querySelector(".term").textContent = term;
    g.appendChild(head);
    for (const i of groups.get(term)) {
      const it = items[i], r = it.record;
      const row = document.createElement("div");
      row.className = "row" + (r.suggestion ? " sug" : "");
      row.dataset.i = i;
      const what = document.createElement("div");
      what.className = "what";
      const del = document.createElement("del"); del.textContent = r.before;
      const ins = document.createElement("ins"); ins.textContent = r.after;
      what.append(del, " → ", ins);
      const meta = document.createElement("div");
      meta.className = "meta";
      meta.textContent = "#" + it.n + " · line " + it.line + (it.time ? " [" + it.time + "]" : "") + " · " + r.rule + " · " + r.score.toFixed(2) + (r.suggestion ? " · suggestion" : "");
      const ctl = document.createElement("div");
      ctl.className = "ctl";
      ctl.innerHTML = '<button class="ok" data-act="accept" title="Accept (a)">✓</button><button class="no" data-act="reject" title="Reject (r)">✗</button><button class="ed" data-act="edit" title="Edit (e)">✎</button>';
      const why = document.createElement("div");
      why.className = "why";
      why.textContent = it.reason;
      row.append(what, ctl, meta, why);
      rows[i] = row;
      g.appendChild(row);
    }
    groupEls.set(term, g);
    frag.appendChild(g);
    const opt = document.createElement("option");
    opt.value = term;
    opt.textContent = term + " (" + groups.get(term).length + ")";
    termSelect.appendChild(opt);
  }
  $("groups").appendChild(frag);
  if (!items.length) $("groups").innerHTML = '<div class="empty">No changes: the corrector found nothing to fix.</div>';

  // --- state -------------------------------------------------------------------------------
  function stateOf(i) { const d = decisions[items[i].record.id]; return d ? d.decision : ""; }
  function paint(i) {
    const s = stateOf(i), m = marks[i], row = rows[i];
    for (const c of ["accept", "reject", "edit"]) { m.classList.toggle(c, s === c); row.classList.toggle(c, s === c); }
    const d = decisions[items[i].record.id];
    m.querySelector("ins.ed").textContent = d && d.decision === "edit" ? d.text : "";
    const r = items[i].record;
    m.title = r.before + " → " + (d && d.decision === "edit" ? d.text : r.after) + "  (" + r.term + ", " + r.rule + ", " + r.score.toFixed(2) + ")" + (s ? "  " + s : "") + "\n" + items[i].reason;
  }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(decisions)); } catch (e) { /* private mode: the download still works */ }
    summary();
    countGroups();
  }
  function set(i, decision, text) {
    const id = items[i].record.id;
    if (!decision) delete decisions[id];
    else decisions[id] = decision === "edit" ? { decision, text } : { decision };
    paint(i);
  }
  function summary() {
    const n = items.length, sug = items.filter((it) => it.record.suggestion).length;
    const c = { accept: 0, reject: 0, edit: 0 };
    for (let i = 0; i < n; i++) { const s = stateOf(i); if (s) c[s]++; }
    $("summary").textContent = (n - sug) + " change" + (n - sug === 1 ? "" : "s") + (sug ? ", " + sug + " suggestion" + (sug === 1 ? "" : "s") : "") +
      " · " + c.accept + " accepted · " + c.reject + " rejected · " + c.edit + " edited · " + (n - c.accept - c.reject - c.edit) + " undecided";
  }
  function countGroups() {
    for (const [term, list] of groups) {
      const g = groupEls.get(term);
      const shown = list.filter((i) => !rows[i].classList.contains("hidden")).length;
      const done = list.filter((i) => stateOf(i)).length;
      g.querySelector(".count").textContent = (shown < list.length ? shown + "/" : "") + list.length + " · " + done + " decided";
      g.classList.toggle("hidden", shown === 0);
    }
  }

  // --- filters -----------------------------------------------------------------------------
  function matches(i) {
    const r = items[i].record, term = termSelect.value, min = parseFloat($("f-score").value);
    const state = $("f-state").value, q = $("f-text").value.trim().toLowerCase();
    if (term && r.term !== term) return false;
    if (r.score + 1e-9 < min) return false;
    if (state === "suggestion" && !r.suggestion) return false;
    if (state === "undecided" && stateOf(i)) return false;
    if (state && state !== "undecided" && state !== "suggestion" && stateOf(i) !== state) return false;
    if (q && !(r.before + " " + r.after + " " + r.term).toLowerCase().includes(q)) return false;
    return true;
  }
  function filter() {
    $("f-score-out").textContent = parseFloat($("f-score").value).toFixed(2);
    for (let i = 0; i < items.length; i++) {
      const ok = matches(i);
      rows[i].classList.toggle("hidden", !ok);
      marks[i].classList.toggle("out", !ok);
    }
    countGroups();
  }
  const shown = () => items.map((_, i) => i).filter((i) => !rows[i].classList.contains("hidden"));
  for (const id of ["f-term", "f-score", "f-state", "f-text"]) $(id).addEventListener("input", filter);

  // --- selection and actions -----------------------------------------------------------------
  function select(i, from) {
    if (selected >= 0) { rows[selected].classList.remove("sel"); marks[selected].classList.remove("sel"); }
    selected = i;
    if (i < 0) return;
    rows[i].classList.add("sel"); marks[i].classList.add("sel");
    if (from !== "row") rows[i].scrollIntoView({ block: "nearest" });
    if (from !== "mark") marks[i].scrollIntoView({ block: "center" });
  }
  function act(i, what) {
    if (what === "edit") {
      const r = items[i].record, d = decisions[r.id];
      const text = window.prompt("Replace " + r.before + " with:", d && d.decision === "edit" ? d.text : r.after);
      if (text === null) return;
      if (text === r.after) set(i, "accept");
      else if (text === r.before) set(i, "reject");
      else set(i, "edit", text);
    } else {
      set(i, stateOf(i) === what ? "" : what);  // a second click takes the decision back
    }
    if (filterHides(i)) filter();
    save();
  }
  function filterHides(i) { return $("f-state").value !== "" && !matches(i); }
  function decideAll(list, what) { for (const i of list) set(i, what); filter(); save(); }

  $("groups").addEventListener("click", (ev) => {
    const button = ev.target.closest("button");
    const row = ev.target.closest(".row");
    if (button && button.dataset.act === "accept-term" || button && button.dataset.act === "reject-term") {
      const term = button.closest(".group").dataset.term;
      decideAll(groups.get(term).filter((i) => !rows[i].classList.contains("hidden")), button.dataset.act.split("-")[0]);
      return;
    }
    if (button && row) { act(+row.dataset.i, button.dataset.act); select(+row.dataset.i, "row"); return; }
    if (row) select(+row.dataset.i, "row");
    else if (ev.target.closest(".gh .term")) { termSelect.value = ev.target.closest(".group").dataset.term; filter(); }
  });
  $("transcript").addEventListener("click", (ev) => {
    const m = ev.target.closest(".chg");
    if (m) select(+m.dataset.i, "mark");
  });
  $("accept-shown").addEventListener("click", () => decideAll(shown(), "accept"));
  $("reject-shown").addEventListener("click", () => decideAll(shown(), "reject"));
  document.addEventListener("keydown", (ev) => {
    if (ev.target.closest("input, select, textarea")) { if (ev.key === "Escape") ev.target.blur(); return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const list = shown();
    if (!list.length) return;
    const at = list.indexOf(selected);
    if (ev.key === "j") select(list[at < 0 ? 0 : Math.min(list.length - 1, at + 1)]);
    else if (ev.key === "k") select(list[at < 0 ? 0 : Math.max(0, at - 1)]);
    else if (selected >= 0 && "arue".includes(ev.key)) {
      const i = selected;
      if (ev.key === "u") { set(i, ""); save(); }
      else act(i, { a: "accept", r: "reject", e: "edit" }[ev.key]);
      if (ev.key !== "e" && ev.key !== "u") { const next = shown().find((k) => k > i); if (next !== undefined) select(next); }
    } else return;
    ev.preventDefault();
  });

  // --- the decisions file --------------------------------------------------------------------
  function decisionsFile() {
    const changes = [];
    items.forEach((it, i) => {
      const d = decisions[it.record.id];
      if (!d) return;
      const rec = { id: it.record.id, decision: d.decision };
      if (d.decision === "edit") rec.text = d.text;
      for (const k of ["start", "end", "before", "after", "term", "rule", "score", "suggestion", "glossary", "left", "right"]) rec[k] = it.record[k];
      changes.push(rec);
    });
    return { format: data.format, version: data.version, tool: data.tool, input: data.input, input_sha1: data.input_sha1, changes };
  }
  $("download").addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(decisionsFile(), null, 1) + "\n"], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = data.download;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });
  $("load").addEventListener("click", () => $("load-file").click());
  $("load-file").addEventListener("change", async (ev) => {
    const file = ev.target.files[0];
    if (!file) return;
    let doc;
    try { doc = JSON.parse(await file.text()); } catch (e) { alert(file.name + ": not valid JSON"); return; }
    if (!doc || doc.format !== data.format) { alert(file.name + ": not a corrector decisions file"); return; }
    if (doc.input_sha1 !== data.input_sha1) { alert(file.name + ": made for another version of this transcript"); return; }
    const byId = new Map(items.map((it, i) => [it.record.id, i]));
    let stale = 0;
    for (const rec of doc.changes || []) {
      const i = byId.get(rec.id);
      if (i === undefined || items[i].record.before !== rec.before || items[i].record.after !== rec.after) { stale++; continue; }
      set(i, rec.decision, rec.text);
    }
    filter(); save();
    if (stale) alert(stale + " decision(s) match no change in this report and were left out");
    ev.target.value = "";
  });

  items.forEach((_, i) => paint(i));
  filter();
  summary();
})();
"""
