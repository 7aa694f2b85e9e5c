"""The technical report as an A4 PDF, typeset by Typst through its Python package.

The document is a fixed Typst template (:data:`TEMPLATE`) that reads everything it shows
from a JSON file beside it (``json("informe.json")``) and the charts as SVG files
(drawn as vector paths in the PDF). No value from the data is ever spliced into Typst
markup: a name such as ``#set page(width: 1cm)`` or ``*x*`` arrives as a JSON string and
is typeset as the characters it holds. Fonts are Typst's embedded ones (Libertinus Serif;
system fonts are ignored), so the PDF is the same on Linux, macOS and Windows, offline.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typst

TEMPLATE = r"""
#let d = json("informe.json")
#let L = d.labels
#let grey = luma(95)
#let accent = rgb("#1f3a5f")
#set document(title: d.title, author: d.institucion)
#set text(font: "Libertinus Serif", size: 10.5pt, lang: d.lang, hyphenate: true)
#set par(justify: true, leading: 0.62em, spacing: 0.9em)
#set heading(numbering: "1.1")
#show heading: set text(fill: accent)
#show heading.where(level: 1): it => {
  pagebreak(weak: true)
  set text(size: 17pt)
  block(below: 1.1em, it)
}
#show heading.where(level: 2): set text(size: 13pt)
#show heading.where(level: 3): set text(size: 11pt)
#set table(stroke: 0.4pt + luma(190), inset: (x: 4pt, y: 3pt))
#show table: set text(size: 8.5pt)
#show table: set par(justify: false)
#show figure.caption: set text(size: 8.5pt, fill: grey)
#set figure(gap: 0.6em)
#set page(
  paper: "a4",
  margin: (x: 2.2cm, top: 2.4cm, bottom: 2.2cm),
  header: context {
    if counter(page).get().first() > 1 {
      set text(size: 8pt, fill: grey)
      d.title
      h(1fr)
      d.institucion
      v(-0.5em)
      line(length: 100%, stroke: 0.4pt + luma(200))
    }
  },
  footer: context {
    set text(size: 8pt, fill: grey)
    d.fecha
    h(1fr)
    L.page + " " + counter(page).display("1 / 1", both: true)
  },
)

// --- cover ---------------------------------------------------------------------------
#page(header: none)[
  // A justified two-line title spreads its words across the page: ragged right.
  #set par(justify: false)
  #v(1.5cm)
  #text(size: 11pt, fill: grey, d.institucion)
  #v(0.8cm)
  #line(length: 100%, stroke: 1.5pt + accent)
  #v(0.3cm)
  #text(size: 24pt, weight: "bold", fill: accent, hyphenate: false, d.title)
  #v(0.2cm)
  #text(size: 13pt, d.subtitle)
  #v(0.4cm)
  #text(size: 11pt, d.fecha)
  #v(1.2cm)
  #text(size: 11pt, weight: "bold", fill: accent, L.sources)
  #v(0.2cm)
  #for doc in d.documents {
    block(below: 0.7em, breakable: false, {
      text(size: 10.5pt, doc.title)
      linebreak()
      text(size: 9pt, fill: grey, doc.autoridad + " · " + doc.acciones)
    })
  }
  #v(1fr)
  #text(size: 9pt, fill: grey, d.generated)
  #if d.data_label != "" { linebreak(); text(size: 9pt, fill: grey, d.data_label) }
]

#outline(title: L.contents, depth: 2)

// --- executive summary ----------------------------------------------------------------
#heading(level: 1, L.exec)
#par(d.exec_lead)
#v(0.3em)
#grid(
  columns: (1fr,) * d.headline.len(),
  gutter: 6pt,
  ..d.headline.map(h => block(width: 100%, fill: luma(244), inset: 8pt, radius: 2pt, {
    align(center, text(size: 18pt, weight: "bold", fill: accent, h.value))
    align(center, text(size: 9pt, fill: grey, h.label))
  })),
)
#heading(level: 2, L.top_heading)
#if d.top.len() == 0 { par(d.exec_empty) }
#for f in d.top {
  block(breakable: false, below: 0.9em, grid(
    columns: (1.6em, 1fr),
    text(weight: "bold", fill: accent, f.rank + "."),
    {
      strong(f.kind)
      [: ]
      text(f.subjects)
      text(fill: grey, " — " + f.priority)
      linebreak()
      emph(L.step + ": ")
      text(f.step)
    },
  ))
}

// --- charts ---------------------------------------------------------------------------
#heading(level: 1, L.charts)
#par(L.charts_intro)
#for c in d.charts {
  figure(image(c.file, width: 100%), caption: c.caption)
}

// --- the network map -------------------------------------------------------------------
#if d.map != none {
  heading(level: 1, L.map)
  figure(image(d.map.file, width: 100%), caption: d.map.caption)
}

// --- scenario (tejido informe --escenario) ---------------------------------------------
#if d.escenario != none {
  let s = d.escenario
  heading(level: 1, s.heading)
  par(s.intro)
  par(strong(s.lead))
  par(s.ties)
  for g in s.groups {
    heading(level: 2, g.title)
    if g.items.len() == 0 { par(text(fill: grey, g.none)) }
    for x in g.items { list(x) }
    if g.more != "" { par(text(fill: grey, g.more)) }
  }
}

// --- ejes -----------------------------------------------------------------------------
#heading(level: 1, L.ejes)
#par(L.ejes_intro)
#for g in d.ejes {
  heading(level: 2, g.title)
  for e in g.ejes {
    block(breakable: true, above: 1.3em, {
      heading(level: 3, numbering: none, e.name)
      for x in e.texts { par(x) }
      for f in e.findings {
        block(below: 0.6em, pad(left: 1em, {
          text(weight: "bold", f.kind + ": ")
          text(f.subjects)
          text(fill: grey, " — " + f.priority)
          linebreak()
          emph(L.step + ": ")
          text(f.step)
        }))
      }
      if e.none != "" { par(text(fill: grey, e.none)) }
      if e.more != "" { par(text(fill: grey, e.more)) }
    })
  }
  if g.small != "" { par(text(size: 9pt, fill: grey, g.small)) }
}

// --- profiles -------------------------------------------------------------------------
#heading(level: 1, L.profiles)
#par(d.profiles_intro)
#for p in d.profiles {
  block(breakable: false, above: 1.1em, {
    text(size: 11pt, weight: "bold", fill: accent, p.name)
    if p.kind != "" { h(0.6em); text(size: 9pt, fill: grey, p.kind) }
    v(0.2em)
    table(columns: (22%, 1fr), stroke: none, inset: (x: 0pt, y: 2.5pt),
      ..p.lines.map(l => (text(fill: grey, l.at(0)), text(l.at(1)))).flatten())
  })
}

// --- annex A: data quality ---------------------------------------------------------------
#heading(level: 1, L.annex_quality)
#heading(level: 2, L.q_not_recorded)
#if d.quality.not_recorded.len() == 0 { par(L.none) }
#for line in d.quality.not_recorded { list(line) }
#heading(level: 2, L.q_unresolved)
#par(d.quality.unresolved_intro)
#if d.quality.unresolved.len() == 0 { par(L.none) } else {
  table(columns: (1fr, auto, auto),
    table.header(strong(L.q_name), strong(L.q_kind), strong(L.q_actions)),
    ..d.quality.unresolved.map(r => (text(r.at(0)), text(r.at(1)), align(right, text(r.at(2)))))
      .flatten())
}
#heading(level: 2, L.q_stated)
#par(L.q_stated_intro)
#if d.quality.stated.len() == 0 { par(L.none) } else {
  table(columns: (24%, 1fr, auto, 22%),
    table.header(strong(L.actor), strong(L.q_said), strong(L.ei), strong(L.q_found)),
    ..d.quality.stated.map(r => (text(r.at(0)), text(r.at(1)), align(right, text(r.at(2))),
                                 text(r.at(3)))).flatten())
}

// --- annex B: methods ---------------------------------------------------------------------
#heading(level: 1, L.annex_methods)
#for m in d.methods {
  heading(level: 2, m.heading)
  for x in m.paragraphs { par(x) }
}
#heading(level: 2, L.kinds_heading)
#for k in d.kinds {
  par(hanging-indent: 1em, { strong(k.name + ". "); text(k.about) })
}
#heading(level: 2, L.references)
#set par(justify: false)
#for r in d.references { par(hanging-indent: 1.5em, text(size: 9.5pt, r)) }
"""


def compile_pdf(data: dict[str, Any], charts: Sequence[tuple[str, str, str]],
                network: tuple[str | None, str]) -> bytes:
    """The PDF of the report: ``data`` as the template reads it, ``charts`` as (file name,
    SVG, caption), ``network`` the map's (SVG, caption)."""
    with tempfile.TemporaryDirectory(prefix="tejido-informe-") as tmp:
        root = Path(tmp)
        (root / "charts").mkdir()
        listed = []
        for name, chart, caption in charts:
            (root / "charts" / name).write_text(chart, encoding="utf-8")
            listed.append({"file": f"charts/{name}", "caption": caption})
        payload = dict(data, charts=listed)
        svg_map, caption = network
        payload["map"] = None
        if svg_map:
            (root / "charts" / "red.svg").write_text(svg_map, encoding="utf-8")
            payload["map"] = {"file": "charts/red.svg", "caption": caption}
        payload.setdefault("exec_empty", "")
        payload.setdefault("escenario", None)
        (root / "informe.json").write_text(json.dumps(payload, ensure_ascii=False),
                                           encoding="utf-8")
        (root / "informe.typ").write_text(TEMPLATE, encoding="utf-8")
        return typst.compile(str(root / "informe.typ"), root=str(root),
                             ignore_system_fonts=True)
