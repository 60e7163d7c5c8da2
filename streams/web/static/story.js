// A story's page: GET /stories/{id} (its quantities, articles and counts), each quantity's
// figures from GET /stories/{id}/claims?key= drawn as a timeline (timeline.js), its alerts
// from GET /stories/{id}/alerts, all kept current by GET /stories/{id}/events. Permalinks:
// the alert filters in the query string, a quantity as #q=KEY, an alert as #alert=ID.
import { alertItem } from "./alerts.js";
import {
  claimPage,
  claimTime,
  figureText,
  formatDate,
  fromTemplate,
  getJSON,
  plural,
  seenText,
  setTime,
  sourceNode,
  voice,
} from "./format.js";
import { follow } from "./live.js";
import { alertLinks, drawTimeline, fillLegend, placeTooltip, voiceColours } from "./timeline.js";

const FIRST_PAGE = 200; // a key's first page: small, to draw a first chart soon
const CLAIMS_PAGE = 5000; // the API's largest: the rest of a key in few requests
const EXPORT_LIMIT = 5000; // the API's largest page: an export is one answer
const ALERTS_SHOWN = 100; // cards drawn before the reader asks for all
const storyId = decodeURIComponent(location.pathname.slice("/view/stories/".length));
const api = `/stories/${encodeURIComponent(storyId)}`;
const $ = (id) => document.getElementById(id);
const tooltip = $("tooltip");
const filterForm = $("alert-filters");

const quantities = new Map(); // key_text -> {section, claims, remove}
let standingAlerts = []; // every standing alert of the story, for the charts
let targeted = false; // the address's #q= or #alert= has been shown once
let allAlerts = false; // the reader asked for every alert

/** A claim as the story views give it (a {voice, claim} pair, or a Claim) with its voice on it. */
function voiced(item) {
  return item?.claim ? { ...item.claim, voice: item.voice } : item;
}

const keyOf = (record) => voiced(record).key_text;
const hashOf = (name, value) => `#${new URLSearchParams({ [name]: value })}`;
const named = (names) => (names.length ? names.join(", ") : "none named");
const number = (v) => v.toLocaleString("en");

/** The alert filters of the page's address, as the API names them. */
function alertFilters() {
  const query = new URLSearchParams(location.search);
  return Object.fromEntries(
    ["kind", "severity"].map((name) => [name, query.get(name) ?? ""]).filter(([, v]) => v),
  );
}

/**
 * Fetch every claim of the entry's key, oldest first, page after page of the API's cursor; a
 * first small page is drawn at once (a key may hold thousands: the reader sees a chart before
 * they are all in). `firstPage()` runs once that page is in. Returns how many claims it holds.
 */
async function loadQuantity(entry, firstPage = () => {}) {
  const claims = [];
  let cursor = null;
  do {
    const limit = claims.length ? CLAIMS_PAGE : FIRST_PAGE;
    const query = new URLSearchParams({ key: entry.view.key_text, limit: String(limit) });
    if (cursor) query.set("cursor", cursor);
    const page = await getJSON(`${api}/claims?${query}`);
    const first = claims.length === 0;
    claims.push(...(page?.claims ?? []).map(voiced));
    cursor = page?.next ?? null;
    if (first && !entry.loaded) {
      entry.claims = [...claims];
      drawQuantity(entry, false);
    }
    if (first) firstPage();
  } while (cursor);
  entry.claims = claims;
  entry.loaded = true;
  return claims.length;
}

function showHeader(story) {
  $("label").textContent = story.label;
  document.title = `${story.label} · claimwatch`;
  $("span").textContent = seenText(story);
  $("places").textContent = named(story.places);
  $("entities").textContent = named(story.entities);
  const { contradiction, revision } = story.alerts;
  $("counts").textContent =
    `${plural(story.articles_total, "article")}, ${plural(story.claims, "figure")} on ` +
    `${plural(story.quantities.length, "quantity", "quantities")}; ` +
    `${plural(contradiction, "contradiction")} and ${plural(revision, "revision")} standing`;
  // One line of news the story stage first saw as several: each part's label names its keys.
  const parts = story.linked ?? [];
  $("linked-fact").hidden = parts.length < 2;
  $("linked").textContent = parts
    .map((part) => `${part.label} (${plural(part.articles, "article")})`)
    .join("; ");
}

function quantityName(view) {
  const measure = view.measure.replaceAll("_", " ");
  return view.scope ? `${measure} (${view.scope})` : measure;
}

function showContents(views) {
  $("contents").replaceChildren(
    ...views.map((view) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = hashOf("q", view.key_text);
      link.textContent = quantityName(view);
      item.append(link, `: ${plural(view.claims, "figure")} from ${plural(view.voices.length, "voice")}`);
      return item;
    }),
  );
}

function rangeText(view) {
  if (view.low == null && view.high == null) return "no figure with bounds";
  if (view.low == null) return `up to ${number(view.high)}`;
  if (view.high == null) return `${number(view.low)} or more`;
  return view.low === view.high ? number(view.low) : `${number(view.low)} to ${number(view.high)}`;
}

function claimWords(claim) {
  return `${figureText(claim)}: ${voice(claim)}, ${formatDate(claimTime(claim).date)}`;
}

/** The section of one quantity, made the first time the story names its key. */
function quantitySection(view) {
  let entry = quantities.get(view.key_text);
  if (!entry) {
    const section = fromTemplate("quantity-template");
    section.dataset.key = view.key_text;
    const n = quantities.size;
    section.querySelector(".quantity-title").id = `quantity-${n}`;
    section.setAttribute("aria-labelledby", `quantity-${n}`);
    const permalink = section.querySelector(".permalink");
    permalink.href = hashOf("q", view.key_text);
    permalink.setAttribute("aria-label", `Link to this quantity: ${quantityName(view)}`);
    section.querySelector(".every").href = claimPage(view.key_text);
    const query = { key: view.key_text, limit: EXPORT_LIMIT };
    const what = `Figures of ${quantityName(view)}`;
    section.querySelector(".quantity-exports").replaceChildren(
      "Its figures: ",
      exportLink(`${api}/claims?${new URLSearchParams({ ...query, format: "csv" })}`, "CSV", what),
      " · ",
      exportLink(`${api}/claims?${new URLSearchParams(query)}`, "JSON", what),
    );
    section.querySelector(".legend").setAttribute("aria-label", "Colour of each voice");
    entry = { section, claims: [], remove: null, loaded: false };
    quantities.set(view.key_text, entry);
  }
  const { section } = entry;
  section.querySelector(".measure").textContent = quantityName(view);
  section.querySelector(".quantity-key").textContent = view.key_text;
  section.querySelector(".range").textContent = rangeText(view);
  const official = voiced(view.latest_official);
  section.querySelector(".official").textContent = official ? claimWords(official) : "none named";
  section.querySelector(".alert-counts").textContent =
    `${plural(view.contradictions, "contradiction")}, ${plural(view.revisions, "revision")}`;
  section.dataset.standing = JSON.stringify(view.standing.map((s) => voiced(s).claim_id));
  entry.view = view;
  return section;
}

function showStanding(entry, colours) {
  entry.section.querySelector(".standing tbody").replaceChildren(
    ...entry.view.standing.map(voiced).map((claim) => {
      const row = fromTemplate("standing-template");
      row.dataset.claimId = claim.claim_id;
      row.querySelector(".swatch").style.background = colours.get(voice(claim)) ?? "transparent";
      row.querySelector(".voice").textContent = voice(claim);
      row.querySelector(".value").textContent = figureText(claim);
      setTime(row.querySelector(".date"), claim);
      row.querySelector(".source").replaceChildren(sourceNode(claim));
      return row;
    }),
  );
}

/** Draw one quantity's figures, joined by the alerts standing on its key; `whole` once they
 * are all in. */
function drawQuantity(entry, whole = true) {
  const { section, claims, view } = entry;
  const colours = voiceColours(claims);
  const figure = section.querySelector(".timeline");
  const chart = section.querySelector(".chart");
  const drawn = claims.filter((c) => c.value.low != null || c.value.high != null);
  entry.remove?.();
  entry.remove = null;
  figure.hidden = drawn.length === 0;
  if (drawn.length) {
    const links = alertLinks(standingAlerts.filter((a) => a.key_text === view.key_text));
    const contradicting = links.filter((l) => l.kind === "contradiction").length;
    const dates = drawn.map((c) => formatDate(claimTime(c).date));
    chart.setAttribute(
      "aria-label",
      `Timeline of ${plural(drawn.length, "figure")} on ${quantityName(view)} from ` +
        `${plural(colours.size, "voice")}, ${dates[0]} to ${dates.at(-1)}, with ` +
        `${plural(contradicting, "contradicting pair")}. Each mark is a button.`,
    );
    const measure = view.measure.replaceAll("_", " ");
    const focus = (claim, button) => placeTooltip(tooltip, claim, button);
    entry.remove = drawTimeline(chart, claims, links, colours, measure, focus);
  }
  fillLegend(section.querySelector(".legend"), colours);
  showStanding(entry, colours);
  if (whole) section.dataset.figures = String(drawn.length); // what a test waits for
}

function showArticles(articles) {
  $("articles").replaceChildren(
    ...articles.map((article) => {
      const item = document.createElement("li");
      item.dataset.articleId = article.article_id;
      // Articles without a title (wire copy, excerpts) are named by their first sentence.
      const name = article.title || article.lead || article.article_id;
      const title = sourceNode({ source: name, url: article.url }); // the title, linked
      const cite = document.createElement("cite");
      cite.append(title);
      const when = document.createElement("time");
      setTime(when, { published_at: article.published_at });
      item.append(cite, ` — ${article.source || "unknown outlet"}, `, when);
      return item;
    }),
  );
}

/** A link that downloads `url`, an API answer, as a file; `what` names it for a screen reader. */
function exportLink(url, format, what) {
  const link = document.createElement("a");
  link.href = url;
  const path = new URL(url, location.origin).pathname;
  link.download = `${storyId}-${path.split("/").at(-1)}.${format.toLowerCase()}`;
  link.textContent = format;
  link.setAttribute("aria-label", `${format}: ${what}`); // the visible word first, as spoken
  return link;
}

function showExports(filters) {
  const as = (path, query) => {
    const json = new URLSearchParams(query);
    return [
      [`${path}?${new URLSearchParams({ ...query, format: "csv" })}`, "CSV"],
      [json.size ? `${path}?${json}` : path, "JSON"],
    ];
  };
  const exports = [
    ["The story: each quantity and where its voices stand", as(api, {})],
    ["Every figure of the story", as(`${api}/claims`, { limit: EXPORT_LIMIT })],
    ["The alerts, as filtered", as(`${api}/alerts`, filters)],
  ];
  $("exports").replaceChildren(
    ...exports.map(([what, links]) => {
      const item = document.createElement("li");
      item.append(`${what}: `);
      links.forEach(([url, format], i) => {
        if (i) item.append(" · ");
        item.append(exportLink(url, format, what));
      });
      return item;
    }),
  );
}

function alertCard(alert) {
  const item = alertItem(alert, hashOf("q", alert.key_text), 3);
  const permalink = document.createElement("a");
  permalink.className = "permalink";
  permalink.href = hashOf("alert", alert.alert_id);
  permalink.textContent = "Link to this alert";
  item.querySelector(".alert-head").append(permalink);
  return item;
}

/** The alerts the filters choose, newest first: the first hundred, or all once asked (a story
 * may hold thousands), and always the one the address names. */
async function showAlerts() {
  const filters = alertFilters();
  const filtered = Object.keys(filters).length;
  const chosen = filtered
    ? (await getJSON(`${api}/alerts?${new URLSearchParams(filters)}`)).alerts
    : standingAlerts;
  const named = new URLSearchParams(location.hash.slice(1)).get("alert");
  const cut = chosen.findIndex((alert) => alert.alert_id === named) + 1;
  const shown = allAlerts ? chosen : chosen.slice(0, Math.max(ALERTS_SHOWN, cut));
  $("alerts").replaceChildren(...shown.map(alertCard));
  const more = $("more-alerts");
  more.hidden = shown.length === chosen.length;
  more.textContent = `Show all ${chosen.length} alerts`;
  const of = filtered ? ` of ${standingAlerts.length}` : "";
  const first = shown.length < chosen.length ? `the newest ${shown.length} of ` : "";
  $("alerts-state").textContent = `${first}${plural(chosen.length, "alert")}${of}.`;
  showExports(filters);
}

/** Bring the quantity or alert the address names into view, and focus it. */
function showTarget() {
  document.querySelectorAll(".targeted").forEach((element) => element.classList.remove("targeted"));
  const hash = new URLSearchParams(location.hash.slice(1));
  let element = null;
  if (hash.has("q")) element = quantities.get(hash.get("q"))?.section;
  else if (hash.has("alert")) {
    const id = CSS.escape(hash.get("alert"));
    element = document.querySelector(`#alerts > [data-alert-id="${id}"]`);
  }
  if (!element) return;
  element.classList.add("targeted");
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: "start" });
}

/** Show the story; after events, only what they changed (null: everything). */
async function update(events) {
  $("story").setAttribute("aria-busy", "true"); // until every part is redrawn
  try {
    await redraw(events);
  } finally {
    $("story").setAttribute("aria-busy", "false");
  }
}

async function redraw(events) {
  const alertsChanged = events === null || events.some((e) => e.type === "alert");
  const story = await getJSON(api);
  if (story === null) {
    $("state").textContent = "No story with this id is known (yet); this page shows it once it is.";
    return;
  }
  const changed = new Set((events ?? []).filter((e) => e.type !== "story").map((e) => keyOf(e.data)));
  showHeader(story);
  showContents(story.quantities);
  $("story").hidden = false; // before drawing: a chart takes its container's width
  const container = $("quantities");
  story.quantities.map(quantitySection).forEach((section, i) => {
    // Moved only when the order changed, so a live update keeps the reader's focus.
    if (container.children[i] !== section) container.insertBefore(section, container.children[i] ?? null);
  });
  const held = new Set(story.quantities.map((view) => view.key_text));
  for (const [key, entry] of quantities) {
    if (held.has(key)) continue; // else the worker forgot the key (its memory bound)
    entry.remove?.();
    entry.section.remove();
    quantities.delete(key);
  }
  const stale = story.quantities
    .map((view) => quantities.get(view.key_text))
    .filter((entry) => events === null || !entry.loaded || changed.has(entry.view.key_text));
  let added = 0;
  const load = async (entry, firstPage) => {
    const before = entry.loaded ? entry.claims.length : null;
    const now = await loadQuantity(entry, firstPage);
    if (before !== null) added += Math.max(0, now - before);
  };
  // The first quantity's first page is asked alone, so the first chart does not wait in line.
  const [first, ...rest] = stale;
  const loads = [];
  if (first) {
    let firstPage;
    const paged = new Promise((resolve) => {
      firstPage = resolve;
    });
    loads.push(load(first, firstPage));
    await Promise.race([paged, loads[0]]);
  }
  // Asked once the first chart is drawn: a story's alerts carry their claims (megabytes for a
  // large story, which the worker and the browser take a while to write and read), and the
  // charts need them only to join the figures they set against each other.
  const alerts = alertsChanged ? getJSON(`${api}/alerts`) : null;
  await Promise.all([...loads, ...rest.map((entry) => load(entry))]);
  if (alerts) standingAlerts = (await alerts).alerts;
  for (const entry of quantities.values()) {
    if (stale.includes(entry) || alertsChanged) drawQuantity(entry);
  }
  showArticles(story.articles);
  if (alertsChanged) await showAlerts();
  $("state").textContent =
    events === null || !added
      ? `${plural(story.claims, "figure")} from ${plural(story.articles.length, "source")}.`
      : `${plural(added, "new figure")} just arrived.`;
  if (!targeted) {
    targeted = true;
    showTarget();
  }
}

filterForm.addEventListener("change", () => {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData(filterForm)) if (value) query.set(name, value);
  const search = query.size ? `?${query}` : "";
  history.replaceState(null, "", `${location.pathname}${search}${location.hash}`);
  showAlerts().catch((error) => {
    $("alerts-state").textContent = `Cannot load the alerts (${error.message}).`;
  });
});
for (const [name, value] of Object.entries(alertFilters())) filterForm.elements[name].value = value;
addEventListener("hashchange", showTarget);
$("more-alerts").addEventListener("click", () => {
  allAlerts = true;
  const next = $("alerts").children.length;
  showAlerts()
    .then(() => $("alerts").children[next]?.focus()) // where reading goes on
    .catch((error) => {
      $("alerts-state").textContent = `Cannot load the alerts (${error.message}).`;
    });
});
follow(`${api}/events`, $("live"), update);
