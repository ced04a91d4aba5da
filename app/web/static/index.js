// `/`: the events, searchable by text and tag, a page at a time.
import { get, h } from "./api.js";

const list = document.getElementById("events");
const status = document.getElementById("status");
const more = document.getElementById("more");
const first = document.getElementById("first");
const form = document.getElementById("search");
let next = null;

function eventItem(event) {
  return h("li", { class: "event" },
    h("h2", {}, h("a", { href: `/events/${event.slug}` }, event.title)),
    event.occurred_at ? h("p", { class: "meta" }, `Occurred ${new Date(event.occurred_at).toUTCString()}`) : null,
    event.description ? h("p", {}, event.description) : null,
    event.tags.length ? h("ul", { class: "tags", "aria-label": "Tags" },
      event.tags.map((tag) => h("li", {}, h("a", { href: `/?tag=${encodeURIComponent(tag)}` }, tag)))) : null);
}

async function load(cursor) {
  const params = new URLSearchParams(location.search);
  status.textContent = "Loading…";
  try {
    const page = await get("/v1/events", { q: params.get("q"), tag: params.get("tag"), limit: 20, cursor });
    list.replaceChildren(...page.items.map(eventItem));
    status.textContent = page.items.length ? `${page.items.length} events shown.` : "No events match.";
    next = page.next_cursor;
    more.hidden = !next;
    first.hidden = !cursor;
  } catch (error) {
    status.textContent = `The events could not be loaded: ${error.message}`;
  }
}

form.addEventListener("submit", (submitted) => {
  submitted.preventDefault();
  const params = new URLSearchParams();
  for (const name of ["q", "tag"]) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  history.pushState(null, "", params.size ? `/?${params}` : "/");
  load();
});
more.addEventListener("click", () => load(next));
first.addEventListener("click", () => load());
window.addEventListener("popstate", () => load());

const initial = new URLSearchParams(location.search);
form.elements.q.value = initial.get("q") || "";
form.elements.tag.value = initial.get("tag") || "";
load();
