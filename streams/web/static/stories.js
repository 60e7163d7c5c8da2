// The story list: GET /stories with the page's own query string (search and filters), most
// recently active first, paged by the API's cursor; reloaded when GET /stories/events says a
// story, a figure or an alert changed. The address is the permalink of what is shown.
import { fromTemplate, getJSON, plural, seenText, storyPage } from "./format.js";
import { follow } from "./live.js";

const PAGE = 50;
const $ = (id) => document.getElementById(id);
const form = $("filters");
const list = $("stories");
const more = $("more");
let next = null;

/** The filters of the page's address, as the form and the API both name them. */
function filters() {
  const query = new URLSearchParams(location.search);
  return Object.fromEntries(
    ["q", "kind", "severity", "since", "has_alerts"]
      .map((name) => [name, query.get(name) ?? ""])
      .filter(([, value]) => value !== ""),
  );
}

function fillForm(chosen) {
  for (const element of form.elements) {
    if (!element.name) continue;
    if (element.type === "checkbox") element.checked = chosen[element.name] === element.value;
    else element.value = chosen[element.name] ?? "";
  }
}

/** The API's query for these filters: `since` a date in the address, a time in the API. */
function apiQuery(chosen, extra) {
  const query = new URLSearchParams({ ...chosen, ...extra });
  if (chosen.since) query.set("since", `${chosen.since}T00:00:00Z`);
  return query;
}

function joined(names) {
  return names.length ? names.join(", ") : "none named";
}

function storyItem(story) {
  const item = fromTemplate("story-template");
  item.dataset.storyId = story.story_id;
  const label = item.querySelector(".label");
  label.textContent = story.label;
  label.href = storyPage(story.story_id);
  item.querySelector(".story-span").textContent = seenText(story);
  item.querySelector(".places dd").textContent = joined(story.places);
  item.querySelector(".entities dd").textContent = joined(story.entities);
  item.querySelector(".story-counts").textContent =
    `${plural(story.articles, "article")}, ${plural(story.claims, "figure")} ` +
    `on ${plural(story.quantities, "quantity", "quantities")}`;
  const alerts = item.querySelector(".story-alerts");
  const { contradiction, revision } = story.alerts;
  if (contradiction + revision === 0) {
    alerts.textContent = "No alert";
  } else {
    const badge = (text, className) => {
      const span = document.createElement("span");
      span.className = `badge ${className}`;
      span.textContent = text;
      return span;
    };
    alerts.replaceChildren(
      ...(story.max_severity
        ? [badge(`severity ${story.max_severity}`, `severity severity-${story.max_severity}`)]
        : []),
      ...(contradiction ? [badge(plural(contradiction, "contradiction"), "kind kind-contradiction")] : []),
      ...(revision ? [badge(plural(revision, "revision"), "kind kind-revision")] : []),
    );
  }
  return item;
}

/** Show the first `count` stories (at least a page) for the filters of the address. */
async function load(count = PAGE) {
  list.setAttribute("aria-busy", "true");
  try {
    await show(count);
  } finally {
    list.setAttribute("aria-busy", "false");
  }
}

async function show(count) {
  const chosen = filters();
  const page = await getJSON(`/stories?${apiQuery(chosen, { limit: String(Math.max(count, PAGE)) })}`);
  list.replaceChildren(...page.stories.map(storyItem));
  next = page.next;
  more.hidden = next === null;
  const what = Object.keys(chosen).length ? " matching the search and filters" : "";
  $("state").textContent = page.stories.length
    ? `${plural(page.stories.length, "story", "stories")}${next ? " shown" : ""}${what}.`
    : `No story${what} yet.`;
}

async function loadMore() {
  const page = await getJSON(`/stories?${apiQuery(filters(), { limit: String(PAGE), cursor: next })}`);
  const items = page.stories.map(storyItem);
  list.append(...items);
  next = page.next;
  more.hidden = next === null;
  items[0]?.querySelector(".label").focus(); // where reading goes on
}

/** Apply the form: its fields become the address (a permalink), then the list. */
function apply(event) {
  event?.preventDefault();
  const query = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (value !== "") query.set(name, value);
  const search = query.size ? `?${query}` : "";
  if (search !== location.search) history.pushState(null, "", `${location.pathname}${search}`);
  load().catch(showError);
}

function showError(error) {
  $("state").textContent = `Cannot load the stories (${error.message}).`;
}

form.addEventListener("submit", apply);
form.addEventListener("change", (event) => event.target.name !== "q" && apply());
$("clear").addEventListener("click", (event) => {
  event.preventDefault();
  fillForm({});
  apply();
});
more.addEventListener("click", () => loadMore().catch(showError));
addEventListener("popstate", () => {
  fillForm(filters());
  load().catch(showError);
});

fillForm(filters());
follow("/stories/events", $("live"), () => load(list.children.length));
