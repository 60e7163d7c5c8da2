// What both pages show of a claim: its date, its voice, its sentence, the way back to its key.
// Article text is untrusted, so it only ever reaches the page as text nodes, never as HTML.

const DATE = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** When a claim is placed in time: its article's date, else when claimwatch ingested it. */
export function claimTime(claim) {
  const stamp = claim.published_at ?? claim.ingested_at;
  return { date: stamp ? new Date(stamp) : null, dated: claim.published_at != null };
}

export function formatDate(date) {
  return date ? `${DATE.format(date)} UTC` : "undated";
}

/** Fill a <time> element; undated claims say when they were ingested instead. */
export function setTime(element, claim) {
  const { date, dated } = claimTime(claim);
  element.textContent = formatDate(date) + (date && !dated ? " (ingested; undated)" : "");
  if (date) element.dateTime = date.toISOString();
}

/** Who stands behind a figure: the voice the API names (the story views' canonical one),
 * else the speaker, else the outlet (its name, else its web host). */
export function voice(claim) {
  return claim.voice || claim.attributed_to || claim.source || webAddress(claim)?.host || "unknown source";
}

export function claimPage(key) {
  return `/view/claims/${encodeURIComponent(key)}`;
}

/** "1 figure", "2 figures", "0 quantities". */
export const plural = (n, noun, nouns = `${noun}s`) => `${n} ${n === 1 ? noun : nouns}`;

/** A story's span: from its first article's time to its latest's. */
export function seenText(story) {
  const at = (iso) => formatDate(iso ? new Date(iso) : null);
  return `${at(story.first_seen)} to ${at(story.last_seen)}`;
}

export function storyPage(storyId) {
  return `/view/stories/${encodeURIComponent(storyId)}`;
}

/** The figure's words, or its bounds when the extractor kept no words. */
export function figureText(claim) {
  const { low, high, text } = claim.value;
  if (text) return text;
  const number = (v) => v.toLocaleString("en");
  if (low == null) return `up to ${number(high)}`;
  if (high == null) return `${number(low)} or more`;
  return low === high ? number(low) : `${number(low)}–${number(high)}`;
}

/** The article's address when it is a web address, else null. */
function webAddress(claim) {
  try {
    const url = claim.url ? new URL(claim.url) : null;
    return url && ["http:", "https:"].includes(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

/** Who published the figure: the outlet, else the article's web host. */
export function outlet(claim) {
  return claim.source || webAddress(claim)?.host || "unknown outlet";
}

/** The outlet, linked to the article when its address is a web address. */
export function sourceNode(claim) {
  const url = webAddress(claim);
  const name = outlet(claim);
  if (!url) return document.createTextNode(name);
  const link = document.createElement("a");
  link.href = url.href;
  link.rel = "noopener noreferrer";
  link.textContent = name;
  return link;
}

/** The sentence with the figure's words marked. */
export function fillSentence(element, claim) {
  const { sentence, span } = claim;
  const valid = span && span.start >= 0 && span.end <= sentence.length && span.start < span.end;
  if (!valid) {
    element.textContent = sentence;
    return;
  }
  const mark = document.createElement("mark");
  mark.textContent = sentence.slice(span.start, span.end);
  element.replaceChildren(sentence.slice(0, span.start), mark, sentence.slice(span.end));
}

/** A copy of the <template> with this id, ready to fill. */
export function fromTemplate(id) {
  return document.getElementById(id).content.firstElementChild.cloneNode(true);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET a JSON view; null for 404 (an unknown key), an error for anything else. */
export async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (response.status === 404) return null;
  if (!response.ok) {
    // A problem (RFC 9457) says what is wrong: "Stories still loading", "Service Unavailable".
    const problem = await response.json().catch(() => null);
    throw new Error(`${problem?.title ?? url}: HTTP ${response.status}`);
  }
  return response.json();
}
