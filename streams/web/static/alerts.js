// An alert as both pages show it: its kind and severity in words, the new figure beside the
// figures it contradicts or replaces, each with its voice, outlet, date and marked sentence.
// The page holds the <template>s "alert-template" and "figure-template" (feed.html, story.html).
import { claimPage, fillSentence, figureText, fromTemplate, setTime, sourceNode, voice } from "./format.js";

// Said in words on each card, not by colour alone: the badge's text is the kind.
export const KINDS = { contradiction: "Contradiction", revision: "Revision" };

const RAISED = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

function figureSection(role, claim) {
  const section = fromTemplate("figure-template");
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

/** The alert's card; `keyHref` is where its key leads (the key's timeline by default). */
export function alertItem(alert, keyHref = claimPage(alert.key_text)) {
  const item = fromTemplate("alert-template");
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
      figureSection("New figure", alert.claim),
      ...alert.contradicts.map((earlier) => figureSection(role, earlier)),
    );
  return item;
}
