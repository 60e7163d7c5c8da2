// One claim key's figures over time, drawn with uPlot (vendored under /static/vendor/uplot/).
//
// uPlot gives the time and value scales, the axes and the sizing; the figures are drawn in its
// `draw` hook, because a figure is an interval, not a point of a series: a dot for one number,
// a bar from low to high, a dashed shaft with an arrowhead towards the edge for an open end.
// Canvas is invisible to the keyboard and to screen readers, so each mark also gets a
// transparent, focusable button laid over it, labelled with the figure.
import {
  claimTime,
  fillSentence,
  figureText,
  formatDate,
  outlet,
  setTime,
  voice,
} from "./format.js";

const uPlot = globalThis.uPlot;

// Okabe–Ito colours, told apart by colour-blind readers; red is kept for contradictions.
const PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#8c564b", "#000000"];
export const LINK_COLOURS = { contradiction: "#d1141e", revision: "#6b7280" };
const DODGE = 16; // CSS px between marks of one moment
const HIT = 14; // CSS px: width of a mark's button, and its margin above and below
const APPROXIMATE = new Set(["approx", "vague"]);

const utc = (options) => new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" });
const DAY = 86400;
const TICKS = [
  // [longest step, the tick's label, the wider unit shown where it changes]
  [DAY, utc({ hour: "2-digit", minute: "2-digit" }), utc({ dateStyle: "medium" })],
  [28 * DAY, utc({ day: "numeric", month: "short" }), utc({ year: "numeric" })],
  [Infinity, utc({ month: "short" }), utc({ year: "numeric" })],
];

/** Tick labels in UTC and day-month order, as the dates in the table (uPlot's are US-style). */
function timeTicks(_u, splits, _axis, _space, step) {
  const [, fine, wide] = TICKS.find(([longest]) => step < longest);
  let shown = "";
  return splits.map((s) => {
    const date = new Date(s * 1000);
    const context = wide.format(date);
    const label = context === shown ? fine.format(date) : `${fine.format(date)}\n${context}`;
    shown = context;
    return label;
  });
}

/** A colour per voice, in order of first appearance. */
export function voiceColours(claims) {
  const colours = new Map();
  for (const claim of claims) {
    if (!colours.has(voice(claim))) {
      colours.set(voice(claim), PALETTE[colours.size % PALETTE.length]);
    }
  }
  return colours;
}

function seconds(claim) {
  return claimTime(claim).date.getTime() / 1000;
}

function ranges(claims) {
  const times = claims.map(seconds);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = last > first ? (last - first) * 0.08 : DAY;
  const values = claims.flatMap((c) => [c.value.low, c.value.high]).filter((v) => v != null);
  const top = Math.max(...values) * 1.2 || 1;
  return { x: [first - pad, last + pad], y: [Math.min(0, ...values) * 1.2, top] };
}

/** Where each figure sits, in CSS px of the plotting area; marks of one moment side by side. */
function layout(u, claims) {
  const height = u.bbox.height / uPlot.pxRatio;
  const marks = claims.map((claim) => {
    const { low, high } = claim.value;
    return {
      claim,
      x: u.valToPos(seconds(claim), "x"),
      low,
      high,
      top: high == null ? 0 : u.valToPos(high, "y"),
      bottom: low == null ? height : u.valToPos(low, "y"),
    };
  });
  const order = [...marks].sort((a, b) => a.x - b.x);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1].x - order[i].x < DODGE) j++;
    const centre = order[i].x;
    for (let k = i; k <= j; k++) order[k].x = centre + (k - i - (j - i) / 2) * DODGE;
    i = j + 1;
  }
  return marks;
}

/** The ends of a link: the facing ends of two disjoint figures, else their middles. */
function linkEnds(a, b, u) {
  const y = (v) => u.valToPos(v, "y");
  if (a.high != null && b.low != null && a.high < b.low) return [a.x, y(a.high), b.x, y(b.low)];
  if (b.high != null && a.low != null && b.high < a.low) return [a.x, y(a.low), b.x, y(b.high)];
  return [a.x, (a.top + a.bottom) / 2, b.x, (b.top + b.bottom) / 2];
}

function paint(u, marks, links, colours, focused) {
  const r = uPlot.pxRatio;
  const ctx = u.ctx;
  const px = (x) => u.bbox.left + x * r;
  const py = (y) => u.bbox.top + y * r;
  const byId = new Map(marks.map((m) => [m.claim.claim_id, m]));
  ctx.save();
  ctx.lineCap = "round";
  for (const link of links) {
    const [a, b] = [byId.get(link.from), byId.get(link.to)];
    if (!a || !b) continue;
    const [x1, y1, x2, y2] = linkEnds(a, b, u);
    ctx.strokeStyle = LINK_COLOURS[link.kind];
    ctx.lineWidth = 2 * r;
    ctx.setLineDash(link.kind === "revision" ? [2 * r, 4 * r] : []);
    ctx.beginPath();
    ctx.moveTo(px(x1), py(y1));
    ctx.lineTo(px(x2), py(y2));
    ctx.stroke();
  }
  for (const mark of marks) {
    const colour = colours.get(voice(mark.claim));
    const x = px(mark.x);
    if (mark === focused) {
      ctx.fillStyle = "rgba(17, 24, 39, 0.12)";
      ctx.setLineDash([]);
      ctx.fillRect(x - 11 * r, py(mark.top) - 11 * r, 22 * r, (mark.bottom - mark.top + 22) * r);
    }
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    const hollow = APPROXIMATE.has(mark.claim.value.qualifier);
    if (mark.low != null && mark.high != null && mark.low !== mark.high) {
      ctx.globalAlpha = hollow ? 0.45 : 1;
      ctx.fillRect(x - 4 * r, py(mark.top), 8 * r, (mark.bottom - mark.top) * r);
      ctx.globalAlpha = 1;
      ctx.lineWidth = 1.5 * r;
      ctx.setLineDash([]);
      ctx.strokeRect(x - 4 * r, py(mark.top), 8 * r, (mark.bottom - mark.top) * r);
      continue;
    }
    const openAbove = mark.high == null;
    const known = py(openAbove ? mark.bottom : mark.top);
    if (mark.low == null || mark.high == null) {
      const tip = openAbove ? py(0) + 2 * r : py(mark.bottom) - 2 * r;
      const base = tip + (openAbove ? 9 : -9) * r;
      ctx.lineWidth = 2.5 * r;
      ctx.setLineDash([5 * r, 4 * r]);
      ctx.beginPath();
      ctx.moveTo(x, known);
      ctx.lineTo(x, base);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.moveTo(x, tip);
      ctx.lineTo(x - 6 * r, base);
      ctx.lineTo(x + 6 * r, base);
      ctx.closePath();
      ctx.fill();
    }
    ctx.setLineDash([]);
    ctx.lineWidth = 2.5 * r;
    ctx.beginPath();
    ctx.arc(x, known, 5 * r, 0, 2 * Math.PI);
    if (hollow) {
      ctx.fillStyle = "#ffffff";
      ctx.fill();
      ctx.stroke();
    } else {
      ctx.fill();
    }
  }
  ctx.restore();
}

function openEnd(claim) {
  if (claim.value.high == null) return "above";
  if (claim.value.low == null) return "below";
  return "";
}

function markLabel(claim) {
  const { date, dated } = claimTime(claim);
  const when = dated ? formatDate(date) : `${formatDate(date)}, when ingested`;
  const open = { above: ", open above", below: ", open below", "": "" }[openEnd(claim)];
  return `${figureText(claim)}${open}: ${voice(claim)}, ${outlet(claim)}, ${when}`;
}

/**
 * Draw `claims` (oldest first) into `container`, joined by `links` ({from, to, kind} claim ids).
 * `onFocus(claim, button)` runs when a mark is hovered or focused, with null when it is left.
 * Returns a function that removes the chart.
 */
export function drawTimeline(container, claims, links, colours, measure, onFocus) {
  const drawn = claims.filter((c) => c.value.low != null || c.value.high != null);
  const { x, y } = ranges(drawn);
  let marks = [];
  let focused = null;
  const buttons = drawn.map((claim) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "mark";
    button.dataset.claimId = claim.claim_id;
    button.dataset.open = openEnd(claim);
    button.setAttribute("aria-label", markLabel(claim));
    return button;
  });

  const size = () => {
    const width = container.clientWidth;
    return { width, height: Math.round(Math.min(380, Math.max(260, width * 0.5))) };
  };
  const place = (u) => {
    marks = layout(u, drawn);
    marks.forEach((mark, i) => {
      Object.assign(buttons[i].style, {
        left: `${mark.x - HIT / 2}px`,
        top: `${mark.top - HIT}px`,
        width: `${HIT}px`,
        height: `${mark.bottom - mark.top + 2 * HIT}px`,
      });
    });
    paint(u, marks, links, colours, focused);
  };
  const u = new uPlot(
    {
      ...size(),
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), "UTC"),
      scales: { x: { time: true, range: () => x }, y: { range: () => y } },
      axes: [
        { grid: { stroke: "#e5e7eb" }, ticks: { stroke: "#d1d5db" }, values: timeTicks },
        {
          label: measure,
          size: 64,
          grid: { stroke: "#e5e7eb" },
          ticks: { stroke: "#d1d5db" },
          values: (_, values) => values.map((v) => v.toLocaleString("en")),
        },
      ],
      series: [{}, { label: measure, paths: () => null, points: { show: false } }],
      cursor: { show: false },
      legend: { show: false },
      hooks: { draw: [place] },
    },
    [drawn.map(seconds), drawn.map((c) => c.value.low ?? c.value.high)],
    container,
  );
  u.root.querySelector("canvas").setAttribute("aria-hidden", "true");
  buttons.forEach((button, i) => {
    const enter = () => {
      focused = marks[i];
      u.redraw(false);
      onFocus(drawn[i], button);
    };
    const leave = () => {
      focused = null;
      u.redraw(false);
      onFocus(null, button);
    };
    button.addEventListener("focus", enter);
    button.addEventListener("mouseenter", enter);
    button.addEventListener("blur", leave);
    button.addEventListener("mouseleave", leave);
    button.addEventListener("keydown", (event) => event.key === "Escape" && leave());
  });
  u.over.append(...buttons);
  const resize = new ResizeObserver(() => u.setSize(size()));
  resize.observe(container);
  return () => {
    resize.disconnect();
    u.destroy();
  };
}

/** One link per pair of figures an alert set against each other ({from, to, kind, alert, earlier}). */
export function alertLinks(alerts) {
  const links = new Map();
  for (const alert of alerts) {
    for (const earlier of alert.contradicts) {
      const link = { from: alert.claim.claim_id, to: earlier.claim_id, alert, earlier };
      links.set(`${link.from} ${link.to}`, { ...link, kind: alert.kind });
    }
  }
  return [...links.values()];
}

/** The legend under a chart: each voice with its colour, in words. */
export function fillLegend(list, colours) {
  list.replaceChildren(
    ...[...colours].map(([name, colour]) => {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colour;
      swatch.setAttribute("aria-hidden", "true");
      item.append(swatch, name);
      return item;
    }),
  );
}

/** Show `claim` in `tooltip` beside its mark's `button`; hide it when `claim` is null. */
export function placeTooltip(tooltip, claim, button) {
  if (claim === null) {
    tooltip.hidden = true;
    return;
  }
  const strong = document.createElement("strong");
  strong.textContent = figureText(claim);
  const who = document.createElement("span");
  who.textContent = `${voice(claim)} · ${outlet(claim)}`;
  const when = document.createElement("time");
  setTime(when, claim);
  const sentence = document.createElement("q");
  fillSentence(sentence, claim);
  tooltip.replaceChildren(strong, who, when, sentence);
  tooltip.hidden = false;
  const mark = button.getBoundingClientRect();
  const width = tooltip.offsetWidth;
  const left = Math.min(Math.max(8, mark.left + mark.width + 8), innerWidth - width - 8);
  tooltip.style.left = `${left + scrollX}px`;
  tooltip.style.top = `${mark.top + scrollY}px`;
  button.setAttribute("aria-describedby", tooltip.id);
}
