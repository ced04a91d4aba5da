// The public API, as the pages use it: JSON in, JSON out, problems as errors.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `The server answered ${status}.`);
    this.status = status;
  }
}

export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(name, value);
  }
  const url = query.size ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

// Every item of a paginated list or timeline, following `next_cursor`.
export async function all(path, params = {}) {
  const items = [];
  let cursor;
  let first;
  do {
    const page = await get(path, { ...params, limit: 200, cursor });
    first ??= page;
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return { ...first, items };
}

// An element with attributes and children (strings become text, never HTML).
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) continue;
    if (name === "class") element.className = value;
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) element.append(child);
  }
  return element;
}

const PRECISION = {
  year: { year: "numeric" },
  month: { year: "numeric", month: "long" },
  day: { year: "numeric", month: "short", day: "numeric" },
  hour: { year: "numeric", month: "short", day: "numeric", hour: "2-digit" },
  minute: { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" },
  second: {
    year: "numeric", month: "short", day: "numeric",
    hour: "2-digit", minute: "2-digit", second: "2-digit",
  },
};

// One formatter a precision, made once: making one costs far more than using it, and a big
// comparison formats a thousand instants.
const FORMATS = new Map();

// An instant as precisely as it is known, in UTC.
export function when(instant, precision = "second") {
  const known = PRECISION[precision] ? precision : "second";
  if (!FORMATS.has(known)) {
    FORMATS.set(known, new Intl.DateTimeFormat("en-GB", { ...PRECISION[known], timeZone: "UTC" }));
  }
  const text = FORMATS.get(known).format(new Date(instant));
  return ["year", "month", "day"].includes(known) ? text : `${text} UTC`;
}
