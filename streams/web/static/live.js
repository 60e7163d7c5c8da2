// Live updates of the story pages: Server-Sent Events from the API (`event: claim|alert|story`,
// the record's JSON as data). EventSource reconnects by itself and resumes with Last-Event-ID;
// when the server cannot resume (`event: reset`: another worker, or too long a gap), the page
// reloads what it shows.

const EVENTS = ["claim", "alert", "story"];
const SETTLE_MS = 250; // events of one article come together: one reload for them all
const RETRY_MS = 2000;

/**
 * Call `update(events)` now with null (show everything), then after each burst of events with
 * the list of them ({type, data}), and with null again after a reconnection or a failed
 * call (retried). Calls never overlap; `status` says whether the page is live.
 */
export function follow(url, status, update) {
  let pending = null; // events not yet handed over; null means everything
  let running = false;
  let timer = null;
  let broken = false;

  const run = async () => {
    timer = null;
    if (running) return;
    running = true;
    const events = pending;
    pending = [];
    let delay = SETTLE_MS;
    try {
      await update(events);
      if (!broken) showLive();
    } catch (error) {
      status.textContent = `Not up to date (${error.message}); retrying`;
      status.classList.add("offline");
      pending = null;
      delay = RETRY_MS;
    } finally {
      running = false;
      if (pending === null || pending.length) schedule(delay);
    }
  };
  const schedule = (delay = SETTLE_MS) => {
    timer ??= setTimeout(run, delay);
  };
  const showLive = () => {
    status.textContent = "Live";
    status.classList.remove("offline");
  };

  const source = new EventSource(url);
  for (const type of EVENTS) {
    source.addEventListener(type, (event) => {
      pending?.push({ type, data: JSON.parse(event.data) });
      schedule();
    });
  }
  source.addEventListener("reset", () => {
    pending = null;
    schedule();
  });
  source.addEventListener("open", () => {
    showLive();
    if (broken) {
      broken = false;
      pending = null;
      schedule();
    }
  });
  source.addEventListener("error", () => {
    broken = true;
    status.textContent = "Reconnecting…";
    status.classList.add("offline");
  });
  pending = null;
  run();
}
