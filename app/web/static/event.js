// `/events/{event}`: the claim timeline and the comparison of sources, kept live by the event's
// stream (Server-Sent Events). Built only on the public API, and bounded however big the event:
// a window of timeline pages loaded as the reader scrolls (both ways), status bands from the
// points where each claim's status changed, and streamed changes applied in place.
import { get, h, when } from "./api.js";

const ref = decodeURIComponent(location.pathname.split("/")[2] || "");
const $ = (id) => document.getElementById(id);
const STANCE_SIGN = { supports: "✔", refutes: "✘", questions: "?", neutral: "–" };
// Timeline pages of this many statements, at most this many pages in the window at once.
const PAGE = 50;
const MAX_PAGES = 6;
// Status changes drawn at most (pages of 200); past that, a band says it is cut short.
const CHANGE_PAGES = 3;
// Rows of the positions matrix shown before "Show more parties".
const PARTY_ROWS = 50;
const state = {
  event: null,
  first: null, // the earliest and latest `said_at` of the event's kept statements
  last: null,
  pages: [], // the window: [{items, prev, next}], in timeline order
  loading: null,
  comparison: null,
  partyRows: PARTY_ROWS,
};

// ---- tabs (arrow keys move between them, as the ARIA pattern has it) ----
const tabs = [$("tab-timeline"), $("tab-comparison")];
function select(tab) {
  for (const other of tabs) {
    const chosen = other === tab;
    other.setAttribute("aria-selected", String(chosen));
    other.tabIndex = chosen ? 0 : -1;
    $(other.getAttribute("aria-controls")).hidden = !chosen;
  }
  tab.focus();
}
tabs.forEach((tab, index) => {
  tab.addEventListener("click", () => select(tab));
  tab.addEventListener("keydown", (key) => {
    const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (key.key in moves) {
      key.preventDefault();
      select(tabs[(moves[key.key] + tabs.length) % tabs.length]);
    }
  });
});

// ---- the timeline: a window of pages ----
function badge(stance) {
  return h("li", { class: `stance stance-${stance.stance}` },
    h("span", { class: "sign", "aria-hidden": "true" }, STANCE_SIGN[stance.stance]),
    h("span", { class: "stance-word" }, stance.stance), " ",
    h("span", { class: "claim-text" }, stance.claim_text),
    stance.first_mention ? h("span", { class: "marker first" }, "first mention") : null,
    stance.reversal ? h("span", { class: "marker reversal" }, "reversal") : null,
    h("span", { class: `status status-${stance.status_after}` }, `→ ${stance.status_after}`));
}

// How long after the statement a relay published it ("3 h after"; before, for a coarse time).
function delayText(seconds) {
  const size = Math.abs(seconds);
  const [amount, unit] = size >= 86400 ? [size / 86400, "d"] : size >= 3600 ? [size / 3600, "h"]
    : size >= 60 ? [size / 60, "min"] : [size, "s"];
  const rounded = Number.isInteger(amount) ? amount : amount.toFixed(1);
  return `${rounded} ${unit} ${seconds < 0 ? "before" : "after"}`;
}

// Each relay, nearest to the speaker first, with its wording, how much it drifted from the
// wording before it, and how long after the statement it published.
function relayList(via) {
  if (!via.some((relay) => relay.quote !== null || relay.delay_s !== null)) return null;
  return h("ol", { class: "relays", "aria-label": "Relays and their wording" },
    via.map((relay) => h("li", {},
      h("strong", {}, relay.source.name),
      relay.delay_s !== null ? h("span", { class: "delay" }, ` ${delayText(relay.delay_s)}`) : null,
      relay.quote !== null ? [": ", h("q", { class: "relay-quote" }, relay.quote)] : null,
      relay.drift !== null
        ? h("span", { class: "drift" }, ` (wording ${Math.round(relay.drift * 100)}% changed)`)
        : null)));
}

// "In answer to …": a link to the statement answered (by its speaker when it is on screen).
function answers(statement) {
  if (!statement.responds_to) return null;
  const answered = windowItems().find((shown) => shown.statement.id === statement.responds_to);
  const label = answered ? `${answered.statement.speaker.name}'s statement` : "an earlier statement";
  return h("p", { class: "answers" }, "In answer to ",
    h("a", {
      href: `#s-${statement.responds_to}`,
      onclick: (click) => { click.preventDefault(); show(statement.responds_to); },
    }, label));
}

function statementItem(item) {
  const { statement, party } = item;
  const retracted = statement.retracted_at !== null;
  const via = statement.via.map((relay) => relay.source.name);
  const bases = statement.based_on.length;
  return h("li", {
    id: `s-${statement.id}`, class: retracted ? "statement retracted" : "statement", tabindex: "-1",
  },
  h("p", { class: "when" }, h("time", { datetime: statement.said_at },
    when(statement.said_at, statement.said_at_precision))),
  h("p", { class: "who" },
    h("strong", {}, statement.speaker.name),
    statement.on_behalf_of ? [" for ", h("strong", {}, party.name)] : null,
    h("span", { class: "medium" }, statement.medium.replace("_", " ")),
    via.length ? h("span", { class: "via" }, `via ${via.join(" → ")}`) : null,
    statement.url ? h("a", { href: statement.url, rel: "noopener noreferrer external" }, "original") : null),
  answers(statement),
  bases ? h("p", { class: "based-on" },
    `Based on ${bases} earlier statement${bases === 1 ? "" : "s"}`) : null,
  retracted ? h("p", { class: "retraction" },
    h("strong", {}, "Retracted"), `: ${statement.retraction_reason}`) : null,
  h(retracted ? "del" : "blockquote", { class: "text" }, statement.text),
  relayList(statement.via),
  item.stances.length ? h("ul", { class: "stances", "aria-label": "Stances" }, item.stances.map(badge)) : null);
}

// Timeline order: `said_at`, then the id (ids follow the order of recording).
function key(item) {
  return [Date.parse(item.statement.said_at), item.statement.id];
}
function before(a, b) {
  const [x, y] = [key(a), key(b)];
  return x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
}

const windowItems = () => state.pages.flatMap((page) => page.items);
const atStart = () => !state.pages.length || state.pages[0].prev === null;
const atEnd = () => !state.pages.length || state.pages.at(-1).next === null;

function timelinePage(params) {
  return get(`/v1/events/${ref}/timeline`, {
    include_retracted: $("retracted").checked || undefined, limit: PAGE, ...params,
  });
}

function edges() {
  $("earlier").hidden = atStart();
  $("later").hidden = atEnd();
  const list = $("timeline");
  if (!list.children.length) {
    list.replaceChildren(h("li", { class: "empty" }, "No statement yet."));
  } else if (list.children.length > 1) {
    list.querySelector(".empty")?.remove();
  }
}

// One load at a time: scrolling, keys and buttons all go through here.
function loading(work) {
  if (state.loading) return state.loading;
  state.loading = work()
    .catch((error) => { $("live").textContent = `Could not load statements: ${error.message}`; })
    .finally(() => { state.loading = null; edges(); });
  return state.loading;
}

// Start the window afresh: at a statement (`at`), at the latest, or at the first (after the
// load under way, if any: a restart is never dropped for it).
function restart(where = {}) {
  return (state.loading || Promise.resolve()).then(() => loading(async () => {
    let page;
    if (where.latest) {
      const newest = await timelinePage({ order: "desc", limit: 1 });
      page = newest.items.length
        ? await timelinePage({ at: newest.items[0].statement.id })
        : newest;
      // The newest page is short: the one before it fills the screen.
      if (page.prev_cursor) {
        const earlier = await timelinePage({ cursor: page.prev_cursor });
        state.pages = [pageOf(earlier), pageOf(page)];
      } else {
        state.pages = [pageOf(page)];
      }
    } else {
      page = await timelinePage(where.at ? { at: where.at } : {});
      state.pages = [pageOf(page)];
    }
    $("timeline").replaceChildren(...windowItems().map(statementItem));
  }));
}

function pageOf(page) {
  return { items: page.items, prev: page.prev_cursor ?? null, next: page.next_cursor };
}

function later() {
  if (atEnd()) return Promise.resolve();
  return loading(async () => {
    const page = pageOf(await timelinePage({ cursor: state.pages.at(-1).next }));
    state.pages.push(page);
    $("timeline").append(...page.items.map(statementItem));
    if (state.pages.length > MAX_PAGES) drop(state.pages.shift());
  });
}

function earlier() {
  if (atStart()) return Promise.resolve();
  return loading(async () => {
    const page = pageOf(await timelinePage({ cursor: state.pages[0].prev }));
    state.pages.unshift(page);
    // The browser keeps what is on screen in place (scroll anchoring) as items come in above.
    $("timeline").prepend(...page.items.map(statementItem));
    if (state.pages.length > MAX_PAGES) drop(state.pages.pop());
  });
}

function drop(page) {
  for (const item of page.items) document.getElementById(`s-${item.statement.id}`)?.remove();
}

// Load more when either end of the window comes near the screen.
const watcher = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    if (!entry.isIntersecting) continue;
    if (entry.target.id === "later") later();
    else earlier();
  }
}, { rootMargin: "600px 0px" });
watcher.observe($("earlier"));
watcher.observe($("later"));
$("earlier").addEventListener("click", () => earlier());
$("later").addEventListener("click", () => later());
$("first").addEventListener("click", () => restart().then(() => focusItem(0)));
$("latest").addEventListener("click", () => restart({ latest: true }).then(() => focusItem(-1)));

function focusItem(index) {
  const items = [...$("timeline").querySelectorAll(".statement")];
  const target = items.at(index);
  target?.focus();
  return target;
}

// Arrow keys, Page Up / Page Down, Home and End move between statements, loading as needed;
// keys pressed while a page loads are taken in turn, none lost.
let moves = Promise.resolve();
$("timeline").addEventListener("keydown", (event) => {
  const steps = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, j: 1, k: -1 };
  if (!(event.key in steps) && event.key !== "Home" && event.key !== "End") return;
  event.preventDefault();
  moves = moves.then(() => {
    if (event.key === "Home") return restart().then(() => focusItem(0));
    if (event.key === "End") return restart({ latest: true }).then(() => focusItem(-1));
    return move(steps[event.key]);
  }).catch(() => {});
});

async function move(step) {
  const statements = () => [...$("timeline").querySelectorAll(".statement")];
  const current = document.activeElement?.closest?.(".statement") || statements()[0];
  // Counted again after each load: pages come in above and leave at the far end.
  const target = () => Math.max(0, statements().indexOf(current)) + step;
  if (target() >= statements().length - 5 && !atEnd()) await later();
  if (target() < 5 && !atStart()) await earlier();
  const now = statements();
  now[Math.max(0, Math.min(now.length - 1, target()))]?.focus();
}

// Fact-checkers' reviews of a claim, beside it: each rating linked to the published check.
function reviewsOf(claim) {
  if (!claim.reviews || !claim.reviews.length) return null;
  return h("span", { class: "reviews" }, "Fact checks: ",
    claim.reviews.flatMap((review, index) => [index ? ", " : "",
      h("a", { href: review.url, rel: "noopener noreferrer external" }, review.rating),
      ` (${when(review.published_at, "day")})`]));
}

// ---- claim status bands: one part a status, as long as it held ----
async function statusChanges() {
  const changes = [];
  let cursor;
  let pages = 0;
  do {
    const page = await get(`/v1/events/${ref}/status-changes`, { limit: 200, cursor });
    changes.push(...page.items);
    cursor = page.next_cursor;
    pages += 1;
  } while (cursor && pages < CHANGE_PAGES);
  return { changes, complete: !cursor };
}

function drawBands(claims, { changes, complete }) {
  const byClaim = new Map();
  for (const change of changes) {
    if (!byClaim.has(change.claim_id)) byClaim.set(change.claim_id, []);
    byClaim.get(change.claim_id).push(change);
  }
  const start = state.first ? Date.parse(state.first) : 0;
  const end = state.last ? Date.parse(state.last) : start;
  const span = Math.max(end - start, 1);
  const rows = claims.filter((claim) => byClaim.has(claim.claim_id)).map((claim) => {
    const points = byClaim.get(claim.claim_id);
    const segments = [{ status: "open", from: start }, ...points.map((point) => ({
      status: point.status, from: Date.parse(point.said_at), point,
    }))];
    return h("li", { class: "band-row" },
      h("p", { class: "band-claim" }, claim.text, reviewsOf(claim)),
      h("ol", { class: "band", "aria-label": `Status of “${claim.text}” over time` },
        segments.map((segment, index) => {
          const until = index + 1 < segments.length ? segments[index + 1].from : end;
          const part = h("li", { class: `segment status-${segment.status}` },
            h("span", { class: "segment-status" }, segment.status),
            segment.point
              ? h("a", {
                href: `#s-${segment.point.statement_id}`,
                class: "segment-by",
                onclick: (click) => { click.preventDefault(); show(segment.point.statement_id); },
              }, `${segment.point.party.name}, ${when(segment.point.said_at, segment.point.said_at_precision)}`)
              : h("span", { class: "segment-by" }, "no side taken"));
          // Each part as wide as the time it held (a sliver at least, to stay readable).
          part.style.flexGrow = String(Math.max((until - segment.from) / span, 0.02));
          return part;
        })));
  });
  $("bands").replaceChildren(...rows);
  const more = $("bands-more");
  more.hidden = complete;
  more.textContent = complete ? "" : `The bands show the first ${changes.length} status changes.`;
}

// Go to a statement: in the window already, or a window started at it.
async function show(statementId) {
  let target = document.getElementById(`s-${statementId}`);
  if (!target) {
    await restart({ at: statementId });
    if (!atStart()) await earlier();
    target = document.getElementById(`s-${statementId}`);
  }
  target?.scrollIntoView({ block: "center" });
  target?.focus({ preventScroll: true });
}

// ---- the comparison ----
function positionCell(position) {
  if (!position) return h("td", { class: "none" }, h("span", { class: "stance-word" }, "none"));
  return h("td", { class: `stance-${position.stance}`, tabindex: "0" },
    h("span", { class: "sign", "aria-hidden": "true" }, STANCE_SIGN[position.stance]), " ",
    h("span", { class: "stance-word" }, position.stance),
    position.changed ? h("span", { class: "marker reversal" }, "changed sides") : null,
    position.independent === false ? h("span", { class: "marker echo" }, "echo") : null,
    h("span", { class: "since" }, `since ${when(position.since)}`));
}

// The time slider runs from the first statement to the latest: "now" at its end.
const STEPS = 1000;
function asOf() {
  const slider = $("as-of");
  const index = Number(slider.value);
  if (!state.first || index >= STEPS) return undefined;
  const start = Date.parse(state.first);
  const instant = start + ((Date.parse(state.last) - start) * index) / STEPS;
  return new Date(Math.floor(instant / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

// The record as it stood at a moment (recorded, not said): empty for the record as it is now.
function knownAt() {
  const value = $("known-at").value;
  if (!value) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

async function loadComparison() {
  const moment = asOf();
  $("as-of-value").textContent = moment ? when(moment) : "now";
  state.comparison = await get(`/v1/events/${ref}/comparison`, {
    as_of: moment, known_at: knownAt(),
  });
  drawComparison();
}

function names() {
  const known = new Map();
  for (const entry of [...state.comparison.parties, ...state.comparison.relays]) {
    known.set(entry.source.id, entry.source.name);
  }
  return (id) => known.get(id) || "an unknown source";
}

function drawMatrix() {
  const comparison = state.comparison;
  const filter = $("party-filter").value.trim().toLocaleLowerCase();
  const matching = comparison.parties.filter((party) =>
    !filter || party.source.name.toLocaleLowerCase().includes(filter));
  const shown = matching.slice(0, state.partyRows);
  const head = h("tr", {}, h("th", { scope: "col" }, "Party"),
    comparison.claims.map((claim) => h("th", { scope: "col" }, claim.text,
      h("span", { class: `status status-${claim.status}` }, claim.status),
      h("span", { class: "voices" },
        `independent: ${claim.independent_supporters} for, ${claim.independent_refuters} against`),
      reviewsOf(claim))));
  const byClaim = comparison.claims.map((claim) =>
    new Map(claim.positions.map((position) => [position.source_id, position])));
  const rows = shown.map((party) => h("tr", {},
    h("th", { scope: "row" }, party.source.name),
    byClaim.map((positions) => positionCell(positions.get(party.source.id)))));
  $("matrix").replaceChildren(
    h("caption", {}, "Each party's position on each claim"),
    h("thead", {}, head), h("tbody", {}, rows));
  if (!comparison.parties.length) {
    $("matrix").append(h("tbody", {}, h("tr", {}, h("td", {}, "No party had spoken by then."))));
  }
  $("parties-shown").textContent = comparison.parties.length > PARTY_ROWS || filter
    ? `${shown.length} of ${matching.length} parties shown${filter ? " (filtered)" : ""}.` : "";
  $("more-parties").hidden = shown.length >= matching.length;
}

// Agreement, one party at a time: with 200 parties there are 19,900 pairs.
function drawAgreement() {
  const comparison = state.comparison;
  const name = names();
  const chooser = $("agreement-party");
  const chosen = chooser.value;
  const partners = new Map();
  for (const pair of comparison.agreement) {
    for (const [one, other] of [[pair.a, pair.b], [pair.b, pair.a]]) {
      if (!partners.has(one)) partners.set(one, []);
      partners.get(one).push({ ...pair, other });
    }
  }
  const parties = comparison.parties.filter((party) => partners.has(party.source.id));
  chooser.replaceChildren(...parties.map((party) =>
    h("option", { value: party.source.id }, party.source.name)));
  if (parties.some((party) => party.source.id === chosen)) chooser.value = chosen;
  const pairs = (partners.get(chooser.value) || [])
    .sort((x, y) => y.disagree - x.disagree || y.shared - x.shared);
  const disagreeing = comparison.agreement.filter((pair) => pair.disagree > 0).length;
  $("agreement-summary").textContent = comparison.agreement.length
    ? `${comparison.agreement.length} pair${comparison.agreement.length === 1 ? "" : "s"} of parties took sides on the same claims; ${disagreeing} disagree on at least one.`
    : "";
  $("agreement").replaceChildren(...pairs.map((pair) => h("li", {},
    h("strong", {}, name(pair.other)),
    `: ${pair.shared} claim${pair.shared === 1 ? "" : "s"} in common, `,
    h("span", { class: "agree" }, `agree on ${pair.agree}`), ", ",
    h("span", { class: "disagree" }, `disagree on ${pair.disagree}`))));
  if (!comparison.agreement.length) $("agreement").append(h("li", {}, "No two parties took sides on the same claim."));
}

function drawComparison() {
  const comparison = state.comparison;
  const name = names();
  drawMatrix();
  drawAgreement();
  const claimText = new Map(comparison.claims.map((claim) => [claim.claim_id, claim.text]));
  const sides = (list) => {
    const named = list.slice(0, 10).map((side) => `${name(side.source_id)} (since ${when(side.said_at)})`);
    return list.length > 10 ? `${named.join(", ")} and ${list.length - 10} more` : named.join(", ");
  };
  $("contradictions").replaceChildren(...comparison.contradictions.map((entry) => h("li", {},
    h("strong", {}, claimText.get(entry.claim_id)), ": supported by ", sides(entry.supporting),
    "; refuted by ", sides(entry.refuting))));
  if (!comparison.contradictions.length) $("contradictions").append(h("li", {}, "No claim is contested."));

  $("relays").replaceChildren(...comparison.relays.map((relay) => h("li", {},
    h("strong", {}, relay.source.name),
    ` relayed ${relay.relayed_statements} statement${relay.relayed_statements === 1 ? "" : "s"} by `,
    relay.relayed_parties.map((party) => party.name).join(", "))));
  if (!comparison.relays.length) $("relays").append(h("li", {}, "No source only relayed."));
}

$("party-filter").addEventListener("input", () => { state.partyRows = PARTY_ROWS; drawMatrix(); });
$("more-parties").addEventListener("click", () => { state.partyRows += PARTY_ROWS; drawMatrix(); });
$("agreement-party").addEventListener("change", () => drawAgreement());

// ---- live: a streamed change, applied to what is shown ----
function place(item) {
  // Where the item goes in the window, or null when it falls outside it.
  for (const page of state.pages) {
    const index = page.items.findIndex((shown) => before(item, shown));
    if (index >= 0) {
      if (page === state.pages[0] && index === 0 && !atStart()) return null;
      return { page, index };
    }
  }
  if (!atEnd() && windowItems().length) return null;
  const page = state.pages.at(-1);
  return page ? { page, index: page.items.length } : null;
}

async function applyChange(change, item) {
  const id = item.statement.id;
  const element = document.getElementById(`s-${id}`);
  const page = state.pages.find((candidate) => candidate.items.some((shown) => shown.statement.id === id));
  const shownRetracted = $("retracted").checked;
  if (page) {
    const index = page.items.findIndex((shown) => shown.statement.id === id);
    if (change === "retracted" && !shownRetracted) {
      page.items.splice(index, 1);
      element?.remove();
    } else {
      page.items[index] = item;
      element?.replaceWith(statementItem(item));
    }
  } else if (change === "recorded" || shownRetracted) {
    if (!state.pages.length) state.pages = [{ items: [], prev: null, next: null }];
    const spot = place(item);
    if (spot) {
      const next = spot.page.items[spot.index];
      spot.page.items.splice(spot.index, 0, item);
      const fresh = statementItem(item);
      if (next) document.getElementById(`s-${next.statement.id}`)?.before(fresh);
      else $("timeline").append(fresh);
    }
  }
  edges();
  await refreshAfter(item);
}

// A statement said before others changes their values on the claims it names: re-read those
// shown after it (one request for up to 200 of them).
async function refreshAfter(item) {
  const claims = new Set(item.stances.map((stance) => stance.claim_id));
  const after = windowItems().filter((shown) => before(item, shown));
  if (!after.some((shown) => shown.stances.some((stance) => claims.has(stance.claim_id)))) return;
  const fresh = await timelinePage({ at: item.statement.id, limit: Math.min(200, after.length + 1) });
  const byId = new Map(fresh.items.map((shown) => [shown.statement.id, shown]));
  for (const page of state.pages) {
    page.items = page.items.map((shown) => {
      const now = byId.get(shown.statement.id);
      if (now) document.getElementById(`s-${shown.statement.id}`)?.replaceWith(statementItem(now));
      return now || shown;
    });
  }
}

async function refreshViews() {
  const [changes] = await Promise.all([statusChanges(), loadComparison()]);
  drawBands(state.comparison.claims, changes);
}

let pending = Promise.resolve();
function listen(eventId) {
  const stream = new EventSource(`/v1/events/${eventId}/stream`);
  const heard = (message) => {
    const { change, item } = JSON.parse(message.data);
    const who = item.party.name;
    $("live").textContent = change === "recorded"
      ? `New statement by ${who}, ${when(item.statement.said_at, item.statement.said_at_precision)}.`
      : `A statement by ${who} was retracted.`;
    if (change === "recorded" && item.statement.retracted_at === null) {
      if (!state.first || item.statement.said_at < state.first) state.first = item.statement.said_at;
      if (!state.last || Date.parse(item.statement.said_at) > Date.parse(state.last)) state.last = item.statement.said_at;
    }
    // Changes are applied in the order they came; the views are re-read once for a burst.
    pending = pending.then(() => applyChange(change, item)).catch(() => {});
    scheduleViews();
  };
  stream.addEventListener("recorded", heard);
  stream.addEventListener("retracted", heard);
  stream.addEventListener("claim_created", () => scheduleViews());
  stream.addEventListener("review_added", () => scheduleViews());
  stream.addEventListener("reload", () => { location.reload(); });
  stream.addEventListener("ready", () => { document.body.dataset.live = "on"; });
}

let viewsTimer = null;
function scheduleViews() {
  clearTimeout(viewsTimer);
  viewsTimer = setTimeout(() => {
    pending = pending.then(() => refreshViews())
      .then(() => { document.body.dataset.applied = String(Number(document.body.dataset.applied || 0) + 1); })
      .catch((error) => { $("live").textContent = `Could not refresh: ${error.message}`; });
  }, 50);
}

$("retracted").addEventListener("change", () => restart());
$("as-of").addEventListener("input", () => loadComparison());
$("known-at").addEventListener("change", () => loadComparison());
$("known-now").addEventListener("click", () => { $("known-at").value = ""; loadComparison(); });

async function start() {
  try {
    state.event = await get(`/v1/events/${ref}`);
  } catch (error) {
    $("title").textContent = error.status === 404 ? "No such event" : "The event could not be loaded";
    $("description").textContent = error.message;
    return;
  }
  document.title = `Claimline: ${state.event.title}`;
  $("title").textContent = state.event.title;
  $("description").textContent = state.event.description;
  const slider = $("as-of");
  slider.max = String(STEPS);
  slider.value = String(STEPS);
  // The first page, the newest statement (where the event ends), the bands and the comparison.
  const [first, newest, changes] = await Promise.all([
    timelinePage({}),
    get(`/v1/events/${ref}/timeline`, { order: "desc", limit: 1 }),
    statusChanges(),
    loadComparison(),
  ]);
  state.pages = [pageOf(first)];
  state.first = first.items.find((item) => item.statement.retracted_at === null)?.statement.said_at ?? null;
  state.last = newest.items[0]?.statement.said_at ?? state.first;
  $("timeline").replaceChildren(...first.items.map(statementItem));
  edges();
  drawBands(state.comparison.claims, changes);
  document.body.dataset.ready = "yes";
  listen(state.event.id);
}
start();
