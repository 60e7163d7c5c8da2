// An alert as both pages show it: its kind and severity in words, the new figure beside the
// figures it contradicts or replaces, each with its voice, outlet, date and marked sentence.
// One markup for every page that lists alerts; only the rank of its headings differs (the feed's
// cards are sections of the page, a story page's sit under its "Alerts" heading).
import { claimPage, fillSentence, figureText, setTime, sourceNode, voice } from "./format.js";

// Said in words on each card, not by colour alone: the badge's text is the kind.
export const KINDS = { contradiction: "Contradiction", revision: "Revision" };

const RAISED = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

const cards = new Map();

/** A fresh copy of the markup for an alert's card (`card`) or a figure of it, headings at `level`. */
function copyOf(part, level) {
  const id = `${part}-${level}`;
  if (!cards.has(id)) {
    const template = document.createElement("template");
    template.innerHTML = part === "card" ? cardMarkup(level) : figureMarkup(level + 1);
    cards.set(id, template);
  }
  return cards.get(id).content.firstElementChild.cloneNode(true);
}

const cardMarkup = (h) => `<li class="alert" tabindex="-1"><article>
  <header class="alert-head">
    <span class="badge severity"></span> <span class="badge kind"></span>
    <h${h} class="alert-key"><a class="key"></a></h${h}> <time class="raised"></time>
  </header>
  <p class="summary"></p><div class="figures"></div>
</article></li>`;

const figureMarkup = (h) => `<section class="figure">
  <h${h} class="role"></h${h}>
  <p class="value"><a class="on-timeline"></a></p>
  <dl class="facts">
    <div><dt>Who</dt><dd class="voice"></dd></div>
    <div><dt>Source</dt><dd class="source"></dd></div>
    <div><dt>Date</dt><dd><time class="date"></time></dd></div>
  </dl>
  <blockquote class="sentence"></blockquote>
</section>`;

function figureSection(role, claim, level) {
  const section = copyOf("figure", level);
  section.querySelector(".role").textContent = role;
  const value = section.querySelector(".on-timeline");
  value.textContent = figureText(claim);
  value.href = `${claimPage(claim.key_text)}#claim-${claim.claim_id}`;
  value.setAttribute("aria-label", `${figureText(claim)}, on the timeline of ${claim.key_text}`);
  section.querySelector(".voice").textContent = voice(claim);
  section.querySelector(".source").replaceChildren(sourceNode(claim));
  setTime(section.querySelector(".date"), claim);
  fillSentence(section.querySelector(".sentence"), claim);
  return section;
}

/** The alert's card; `keyHref` is where its key leads (the key's timeline by default), `level`
 * the rank of its heading on the page. */
export function alertItem(alert, keyHref = claimPage(alert.key_text), level = 2) {
  const item = copyOf("card", level);
  item.dataset.alertId = alert.alert_id;
  item.dataset.raisedAt = alert.raised_at;
  item.dataset.kind = alert.kind;
  item.dataset.severity = alert.severity;
  const severity = item.querySelector(".severity");
  severity.textContent = alert.severity;
  severity.classList.add(`severity-${alert.severity}`);
  const kind = item.querySelector(".kind");
  kind.textContent = KINDS[alert.kind] ?? alert.kind;
  kind.classList.add(`kind-${alert.kind}`);
  const key = item.querySelector(".key");
  key.textContent = alert.key_text;
  key.href = keyHref;
  const raised = item.querySelector(".raised");
  raised.dateTime = alert.raised_at;
  raised.textContent = `raised ${RAISED.format(new Date(alert.raised_at))} UTC`;
  item.querySelector(".summary").textContent = alert.summary;
  const role = alert.kind === "revision" ? "Replaced figure" : "Earlier figure";
  item
    .querySelector(".figures")
    .replaceChildren(
      figureSection("New figure", alert.claim, level),
      ...alert.contradicts.map((earlier) => figureSection(role, earlier, level)),
    );
  return item;
}
