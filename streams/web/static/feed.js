// The alerts feed: GET /alerts once, then every second for what was raised or withdrawn since,
// newest first. A withdrawn alert leaves the page; a filter shows one kind of alert.
import { alertItem, KINDS } from "./alerts.js";
import { getJSON, plural, sleep } from "./format.js";

const POLL_MS = 1000;
const LIMIT = 100;
const KEPT = 500; // alerts kept on the page; older ones leave it

// Alerts of different partitions can reach the worker's feed out of raised_at order, so each
// poll asks again for the last half-minute before the newest alert shown and drops known ids.
const LOOKBACK_MS = 30_000;

const list = document.getElementById("alerts");
const announce = document.getElementById("announce");
const checked = document.getElementById("checked");
const empty = document.getElementById("empty");
const shown = new Set();
let newest = null;

document.querySelector(".filter").addEventListener("change", (event) => {
  list.dataset.show = event.target.value;
});

/** Insert newest first: before the first alert raised earlier than this one. */
function insert(alert) {
  const raisedAt = Date.parse(alert.raised_at);
  const after = [...list.children].find((item) => Date.parse(item.dataset.raisedAt) < raisedAt);
  list.insertBefore(alertItem(alert), after ?? null);
  shown.add(alert.alert_id);
}

/** Take a withdrawn alert off the page; whether it was on it. */
function withdraw(alert) {
  shown.delete(alert.alert_id);
  const item = list.querySelector(`[data-alert-id="${CSS.escape(alert.alert_id)}"]`);
  item?.remove();
  return item !== null;
}

function showCounts() {
  const items = [...list.children];
  document.getElementById("count-all").textContent = String(items.length);
  for (const kind of Object.keys(KINDS)) {
    const count = items.filter((item) => item.dataset.kind === kind).length;
    document.getElementById(`count-${kind}`).textContent = String(count);
  }
}

async function poll() {
  const query = new URLSearchParams({ limit: String(LIMIT) });
  if (newest !== null) query.set("since", new Date(newest - LOOKBACK_MS).toISOString());
  const page = await getJSON(`/alerts?${query}`);
  const fresh = page.alerts.filter((alert) => !shown.has(alert.alert_id));
  fresh.forEach(insert);
  const gone = page.withdrawn.filter(withdraw);
  for (const alert of [...page.alerts, ...page.withdrawn]) {
    newest = Math.max(newest ?? 0, Date.parse(alert.raised_at));
  }
  while (list.children.length > KEPT) list.lastElementChild.remove();
  empty.hidden = list.children.length > 0;
  showCounts();
  const news = [];
  if (fresh.length) news.push(`${plural(fresh.length, "new alert")}.`);
  if (gone.length) news.push(`${plural(gone.length, "alert")} withdrawn: no longer standing.`);
  if (news.length) announce.textContent = news.join(" ");
  const time = new Date().toLocaleTimeString("en-GB");
  checked.textContent = `Live: ${list.children.length} alerts, checked ${time}`;
}

for (;;) {
  try {
    await poll();
    checked.classList.remove("offline");
  } catch (error) {
    checked.textContent = `Cannot reach the worker (${error.message}); retrying`;
    checked.classList.add("offline");
  }
  await sleep(POLL_MS);
}
