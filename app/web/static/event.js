// `/events/{event}`: the claim timeline and the comparison of sources, kept live by the event's
// stream (Server-Sent Events). Built only on the public API.
import { all, get, h, when } from "./api.js";

const ref = decodeURIComponent(location.pathname.split("/")[2] || "");
const $ = (id) => document.getElementById(id);
const STANCE_SIGN = { supports: "✔", refutes: "✘", questions: "?", neutral: "–" };
const state = { event: null, items: [], instants: [] };

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

// ---- the timeline ----
function badge(stance) {
  return h("li", { class: `stance stance-${stance.stance}` },
    h("span", { class: "sign", "aria-hidden": "true" }, STANCE_SIGN[stance.stance]),
    h("span", { class: "stance-word" }, stance.stance), " ",
    h("span", { class: "claim-text" }, stance.claim_text),
    stance.first_mention ? h("span", { class: "marker first" }, "first mention") : null,
    stance.reversal ? h("span", { class: "marker reversal" }, "reversal") : null,
    h("span", { class: `status status-${stance.status_after}` }, `→ ${stance.status_after}`));
}

function statementItem(item) {
  const { statement, party } = item;
  const retracted = statement.retracted_at !== null;
  const via = statement.via.map((relay) => relay.source.name);
  return h("li", { id: `s-${statement.id}`, class: retracted ? "statement retracted" : "statement" },
    h("p", { class: "when" }, h("time", { datetime: statement.said_at },
      when(statement.said_at, statement.said_at_precision))),
    h("p", { class: "who" },
      h("strong", {}, statement.speaker.name),
      statement.on_behalf_of ? [" for ", h("strong", {}, party.name)] : null,
      h("span", { class: "medium" }, statement.medium.replace("_", " ")),
      via.length ? h("span", { class: "via" }, `via ${via.join(" → ")}`) : null,
      statement.url ? h("a", { href: statement.url, rel: "noopener noreferrer external" }, "original") : null),
    retracted ? h("p", { class: "retraction" },
      h("strong", {}, "Retracted"), `: ${statement.retraction_reason}`) : null,
    h(retracted ? "del" : "blockquote", { class: "text" }, statement.text),
    item.stances.length ? h("ul", { class: "stances", "aria-label": "Stances" }, item.stances.map(badge)) : null);
}

// Each claim's status over time: a band of segments, each with the statement that set it.
function bands(items) {
  const claims = new Map();
  for (const item of items) {
    if (item.statement.retracted_at !== null) continue;
    for (const stance of item.stances) {
      if (!claims.has(stance.claim_id)) {
        claims.set(stance.claim_id, { text: stance.claim_text, segments: [{ status: "open" }] });
      }
      const segments = claims.get(stance.claim_id).segments;
      if (segments.at(-1).status !== stance.status_after) {
        segments.push({ status: stance.status_after, item });
      }
    }
  }
  return [...claims.values()].map((claim) =>
    h("li", { class: "band-row" },
      h("p", { class: "band-claim" }, claim.text),
      h("ol", { class: "band", "aria-label": `Status of “${claim.text}” over time` },
        claim.segments.map((segment) => h("li", { class: `segment status-${segment.status}` },
          h("span", { class: "segment-status" }, segment.status),
          segment.item ? h("a", { href: `#s-${segment.item.statement.id}`, class: "segment-by" },
            `${segment.item.party.name}, ${when(segment.item.statement.said_at, segment.item.statement.said_at_precision)}`)
            : h("span", { class: "segment-by" }, "no side taken"))))));
}

async function loadTimeline() {
  const timeline = await all(`/v1/events/${ref}/timeline`, { include_retracted: $("retracted").checked });
  state.items = timeline.items;
  $("bands").replaceChildren(...bands(timeline.items));
  $("timeline").replaceChildren(...timeline.items.map(statementItem));
  const instants = [...new Set(timeline.items
    .filter((item) => item.statement.retracted_at === null)
    .map((item) => item.statement.said_at))].sort();
  state.instants = instants;
  const slider = $("as-of");
  const atEnd = Number(slider.value) >= Number(slider.max);
  slider.max = String(instants.length);
  if (atEnd) slider.value = slider.max;
}

// ---- the comparison ----
function positionCell(position) {
  if (!position) return h("td", { class: "none" }, h("span", { class: "stance-word" }, "none"));
  return h("td", { class: `stance-${position.stance}`, tabindex: "0" },
    h("span", { class: "sign", "aria-hidden": "true" }, STANCE_SIGN[position.stance]), " ",
    h("span", { class: "stance-word" }, position.stance),
    position.changed ? h("span", { class: "marker reversal" }, "changed sides") : null,
    h("span", { class: "since" }, `since ${when(position.since)}`));
}

async function loadComparison() {
  const index = Number($("as-of").value);
  const asOf = index < state.instants.length ? state.instants[index] : undefined;
  $("as-of-value").textContent = asOf ? when(asOf) : "now";
  const comparison = await get(`/v1/events/${ref}/comparison`, { as_of: asOf });
  const names = new Map();
  for (const entry of [...comparison.parties, ...comparison.relays]) names.set(entry.source.id, entry.source.name);
  const name = (id) => names.get(id) || "an unknown source";

  const head = h("tr", {}, h("th", { scope: "col" }, "Party"),
    comparison.claims.map((claim) => h("th", { scope: "col" }, claim.text,
      h("span", { class: `status status-${claim.status}` }, claim.status))));
  const rows = comparison.parties.map((party) => h("tr", {},
    h("th", { scope: "row" }, party.source.name),
    comparison.claims.map((claim) => positionCell(
      claim.positions.find((position) => position.source_id === party.source.id)))));
  $("matrix").replaceChildren(
    h("caption", {}, "Each party's position on each claim"),
    h("thead", {}, head), h("tbody", {}, rows));
  if (!comparison.parties.length) {
    $("matrix").append(h("tbody", {}, h("tr", {}, h("td", {}, "No party had spoken by then."))));
  }

  $("agreement").replaceChildren(...comparison.agreement.map((pair) => h("li", {},
    h("strong", {}, name(pair.a)), " and ", h("strong", {}, name(pair.b)),
    `: ${pair.shared} claim${pair.shared === 1 ? "" : "s"} in common, `,
    h("span", { class: "agree" }, `agree on ${pair.agree}`), ", ",
    h("span", { class: "disagree" }, `disagree on ${pair.disagree}`))));
  if (!comparison.agreement.length) $("agreement").append(h("li", {}, "No two parties took sides on the same claim."));

  const claimText = new Map(comparison.claims.map((claim) => [claim.claim_id, claim.text]));
  const sides = (list) => list.map((side) => `${name(side.source_id)} (since ${when(side.said_at)})`).join(", ");
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

// ---- live ----
let refreshing = null;
function refresh() {
  // Changes that arrive together are shown together.
  refreshing ??= new Promise((done) => setTimeout(done, 100))
    .then(() => loadTimeline())
    .then(() => loadComparison())
    .catch((error) => { $("live").textContent = `Could not refresh: ${error.message}`; })
    .finally(() => { refreshing = null; });
  return refreshing;
}

function listen(eventId) {
  const stream = new EventSource(`/v1/events/${eventId}/stream`);
  const heard = (message) => {
    const { change, item } = JSON.parse(message.data);
    const who = item.party.name;
    $("live").textContent = change === "recorded"
      ? `New statement by ${who}, ${when(item.statement.said_at, item.statement.said_at_precision)}.`
      : `A statement by ${who} was retracted.`;
    refresh();
  };
  stream.addEventListener("recorded", heard);
  stream.addEventListener("retracted", heard);
  stream.addEventListener("ready", () => { document.body.dataset.live = "on"; });
}

$("retracted").addEventListener("change", () => loadTimeline());
$("as-of").addEventListener("input", () => loadComparison());

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
  await loadTimeline();
  await loadComparison();
  document.body.dataset.ready = "yes";
  listen(state.event.id);
}
start();
