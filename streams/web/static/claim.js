// A claim key's page: its figures over time and the table of them, kept current by polling
// GET /claims/{key} (the detector's history of the key) and GET /alerts?key= (what it raised).
import {
  claimTime,
  fillSentence,
  figureText,
  formatDate,
  fromTemplate,
  getJSON,
  setTime,
  sleep,
  sourceNode,
  voice,
} from "./format.js";
import {
  alertLinks,
  drawTimeline,
  fillLegend,
  LINK_COLOURS,
  placeTooltip,
  voiceColours,
} from "./timeline.js";

const POLL_MS = 2000;
const key = decodeURIComponent(location.pathname.slice("/view/claims/".length));
const $ = (id) => document.getElementById(id);
const tooltip = $("tooltip");
let removeChart = null;
let drawnVersion = null;

function figureLink(claim) {
  const link = document.createElement("a");
  link.href = `#claim-${claim.claim_id}`;
  link.textContent = figureText(claim);
  const when = formatDate(claimTime(claim).date);
  return [link, ` (${voice(claim)}, ${when})`];
}

function showPairs(links) {
  $("pairs").replaceChildren(
    ...links.map((link) => {
      const item = document.createElement("li");
      item.dataset.from = link.from;
      item.dataset.to = link.to;
      item.dataset.kind = link.kind;
      const swatch = document.createElement("span");
      swatch.className = `line line-${link.kind}`;
      swatch.style.borderColor = LINK_COLOURS[link.kind];
      swatch.setAttribute("aria-hidden", "true");
      const what = link.kind === "revision" ? "Revision" : `Contradiction (${link.alert.severity})`;
      const verb = link.kind === "revision" ? " replaces " : " against ";
      item.append(swatch, `${what}: `, ...figureLink(link.alert.claim), verb);
      item.append(...figureLink(link.earlier));
      return item;
    }),
  );
  $("pairs-section").hidden = links.length === 0;
}

function showTable(claims, colours) {
  $("claims").replaceChildren(
    ...claims.map((claim) => {
      const row = fromTemplate("row-template");
      row.id = `claim-${claim.claim_id}`;
      row.tabIndex = -1;
      setTime(row.querySelector(".date"), claim);
      row.querySelector(".swatch").style.background = colours.get(voice(claim));
      row.querySelector(".value").textContent = figureText(claim);
      row.querySelector(".voice").textContent = voice(claim);
      row.querySelector(".source").replaceChildren(sourceNode(claim));
      row.querySelector(".modality").textContent = claim.modality;
      fillSentence(row.querySelector(".sentence"), claim);
      return row;
    }),
  );
  $("claims-section").hidden = false;
}

/** Hovering or focusing a mark shows its figure beside it and marks its row in the table. */
function showTooltip(claim, button) {
  document.querySelectorAll("tr.current").forEach((row) => row.classList.remove("current"));
  if (claim !== null) $(`claim-${claim.claim_id}`)?.classList.add("current");
  placeTooltip(tooltip, claim, button);
}

function render(claims, alerts) {
  const colours = voiceColours(claims);
  const links = alertLinks(alerts);
  const measure = claims[0].key.measure.replaceAll("_", " ");
  const chart = $("timeline");
  const dates = claims.map((c) => formatDate(claimTime(c).date));
  const contradictions = links.filter((l) => l.kind === "contradiction").length;
  chart.setAttribute(
    "aria-label",
    `Timeline of ${claims.length} figures on ${key}, from ${dates[0]} to ${dates.at(-1)}, ` +
      `with ${contradictions} contradicting pairs. Each mark is a button; the table below lists them.`,
  );
  $("timeline-figure").hidden = false;
  removeChart?.();
  removeChart = drawTimeline(chart, claims, links, colours, measure, showTooltip);
  fillLegend($("legend"), colours);
  showPairs(links);
  showTable(claims, colours);
  $("state").textContent =
    `${claims.length} figures from ${colours.size} voices; ${contradictions} contradicting pairs.`;
}

async function refresh() {
  const [history, feed] = await Promise.all([
    getJSON(`/claims/${encodeURIComponent(key)}`),
    getJSON(`/alerts?${new URLSearchParams({ key, limit: "1000" })}`),
  ]);
  if (history === null || history.claims.length === 0) {
    $("state").textContent = "No figure is known for this key yet; this page shows them as they come.";
    return;
  }
  const version = [...history.claims.map((c) => c.claim_id), ...feed.alerts.map((a) => a.alert_id)];
  if (version.join(" ") === drawnVersion) return;
  const first = drawnVersion === null;
  drawnVersion = version.join(" ");
  render(history.claims, feed.alerts);
  if (first && location.hash) {
    const row = document.getElementById(location.hash.slice(1));
    row?.classList.add("targeted");
    row?.scrollIntoView({ block: "center" });
  }
}

$("key").textContent = key;
document.title = `${key} · claimwatch`;
for (;;) {
  try {
    await refresh();
  } catch (error) {
    $("state").textContent = `Cannot reach the worker (${error.message}); retrying.`;
    drawnVersion = null; // redraw, and say so, once it answers
  }
  await sleep(POLL_MS);
}
