// The search page, on Pagefind's JavaScript API (pagefind/pagefind.js: the archive's index as one Pagefind).
// - The address keeps the whole search: ?q=, ?sort=, one parameter per filter value (?country=Kazakhstan),
//   ?from= and ?to= for years; every change rewrites it, so a reload, a bookmark or a "search within" link from
//   an entity page gives the same results. An older ?year=2017 reads as from=2017&to=2017.
// - Filters: several values of one filter find articles with any of them (OR), filters of different kinds must
//   all hold (AND); years are a range. A group's counts are what ticking one more value of it would give.
// - Results show what a reader chooses by: the date as precise as it is known ("c." when inferred), the
//   article's countries and outlet, the passage with the terms marked; the link marks them on the article.
(function () {
  "use strict";
  const form = document.getElementById("search-form");
  if (!form) return;
  const $ = (id) => document.getElementById(id);
  const input = $("search-q"), sortSelect = $("search-sort"), fromSelect = $("search-from"), toSelect = $("search-to");
  const groupsBox = $("search-groups"), status = $("search-status"), list = $("search-list"), more = $("search-more");
  const activeBox = $("search-active"), entitiesBox = $("search-entities"), panel = $("search-filters");
  const filterCount = $("search-filter-count");
  const GROUPS = form.dataset.filters.split(",").filter((name) => name !== "year");
  // Filters taken from the address and shown among the active ones, but with no group of their own:
  // pair (a bilateral file, "Azerbaijan – Kazakhstan"; pair pages link it), too many values to list.
  const HIDDEN = ["pair"];
  const LABELS = { country: "Country", organisation: "Organisation", person: "Person", pair: "Bilateral file" };
  const ENTITY_KINDS = ["country", "organisation", "person"];
  const SORTS = { relevance: null, newest: { date: "desc" }, oldest: { date: "asc" } };
  const PAGE = 10;
  const WIDE = window.matchMedia("(min-width: 52rem)");

  let pagefind = null, years = [], state = fromAddress(), results = [], shown = 0, generation = 0, timer = null;

  function fromAddress() {
    const params = new URLSearchParams(window.location.search);
    const filters = {};
    for (const name of [...GROUPS, ...HIDDEN]) {
      const values = params.getAll(name).filter(Boolean);
      if (values.length) filters[name] = [...new Set(values)];
    }
    const year = params.get("year");
    const sort = params.get("sort");
    return {
      q: params.get("q") || "",
      sort: Object.prototype.hasOwnProperty.call(SORTS, sort) ? sort : "relevance",
      filters,
      from: params.get("from") || year || "",
      to: params.get("to") || year || "",
    };
  }

  function toAddress() {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.sort !== "relevance") params.set("sort", state.sort);
    for (const name of [...GROUPS, ...HIDDEN]) for (const value of state.filters[name] || []) params.append(name, value);
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    const query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function yearsInRange() {
    const from = state.from || "0000", to = state.to || "9999";
    return years.filter((year) => year >= from && year <= to);
  }

  // Pagefind's filters for the current state, leaving out one group (to count that group's values).
  function pagefindFilters(leaveOut) {
    const filters = { page: "article" };
    for (const name of [...GROUPS, ...HIDDEN]) {
      const values = state.filters[name] || [];
      if (name !== leaveOut && values.length) filters[name] = { any: values };
    }
    if (leaveOut !== "year" && (state.from || state.to)) {
      const chosen = yearsInRange();
      filters.year = { any: chosen.length ? chosen : ["none"] };
    }
    return filters;
  }

  function hasFilters() {
    return Object.keys(state.filters).length > 0 || Boolean(state.from || state.to);
  }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind's excerpt is indexed text with <mark> around the terms: keep the marks, take the rest as text.
  const decoder = document.createElement("textarea");
  function excerpt(html) {
    const paragraph = element("p", { class: "excerpt" });
    html.split(/(<\/?mark>)/).reduce((marked, piece) => {
      if (piece === "<mark>") return true;
      if (piece === "</mark>") return false;
      decoder.innerHTML = piece; // a textarea's content is text: entities are decoded, no element is made
      const text = decoder.value;
      if (text) paragraph.append(marked ? element("mark", {}, text) : document.createTextNode(text));
      return marked;
    }, false);
    return paragraph;
  }

  async function renderResult(result) {
    const data = await result.data();
    const item = element("li", { class: "search-result" });
    const heading = element("h2", { class: "result-title" });
    heading.append(element("a", { href: data.url }, data.meta.title || data.url));
    const facts = [data.meta.date, (data.filters.country || []).join(" · "), data.meta.outlet].filter(Boolean);
    item.append(heading, element("p", { class: "meta result-meta" }, facts.join(" — ")), excerpt(data.excerpt || ""));
    return item;
  }

  async function showMore(mine) {
    const page = results.slice(shown, shown + PAGE);
    const items = await Promise.all(page.map(renderResult));
    if (mine !== generation) return;
    list.append(...items);
    shown += page.length;
    more.hidden = shown >= results.length;
  }

  function describe(count) {
    const what = `${count} article${count === 1 ? "" : "s"}`;
    const order = state.sort === "relevance" ? (state.q ? "" : ", newest first") : `, ${sortSelect.selectedOptions[0].text.toLowerCase()}`;
    return `${what}${state.q ? ` for “${state.q}”` : ""}${hasFilters() ? " with these filters" : ""}${order}`;
  }

  function renderGroups(counts) {
    // Drawn anew with each answer: keep which groups the reader opened and the box that had the focus.
    const opened = new Set([...groupsBox.querySelectorAll("details[open]")].map((group) => group.dataset.name));
    const focused = groupsBox.contains(document.activeElement) ? document.activeElement : null;
    groupsBox.textContent = "";
    for (const name of GROUPS) {
      const chosen = state.filters[name] || [];
      const values = Object.entries(counts[name] || {}).filter(([value, n]) => n > 0 || chosen.includes(value));
      for (const value of chosen) if (!values.some(([v]) => v === value)) values.push([value, 0]);
      if (!values.length) continue;
      values.sort((a, b) => (chosen.includes(b[0]) - chosen.includes(a[0])) || b[1] - a[1] || a[0].localeCompare(b[0]));
      const group = element("details", { class: "filter-group", "data-name": name });
      group.open = chosen.length > 0 || opened.has(name);
      group.append(element("summary", {}, `${LABELS[name]}${chosen.length ? ` (${chosen.length} chosen)` : ""}`));
      const fieldset = element("fieldset");
      fieldset.append(element("legend", { class: "visually-hidden" }, LABELS[name]));
      values.forEach(([value, n], index) => {
        const id = `filter-${name}-${index}`;
        const box = element("input", { type: "checkbox", id, name, value });
        box.checked = chosen.includes(value);
        const label = element("label", { for: id });
        label.append(document.createTextNode(value + " "), element("span", { class: "count" }, String(n)));
        const row = element("div", { class: "filter-option" });
        row.append(box, label);
        fieldset.append(row);
      });
      group.append(fieldset);
      groupsBox.append(group);
    }
    if (focused && focused.name) {
      const again = [...groupsBox.querySelectorAll("input")].find((box) => box.name === focused.name && box.value === focused.value);
      if (again) again.focus();
    }
  }

  function renderYears(counts) {
    for (const [select, chosen] of [[fromSelect, state.from], [toSelect, state.to]]) {
      select.length = 1;
      for (const year of years) {
        const option = element("option", { value: year }, `${year}${counts[year] ? ` (${counts[year]})` : ""}`);
        option.selected = year === chosen;
        select.append(option);
      }
    }
  }

  function renderActive() {
    activeBox.textContent = "";
    const chips = [];
    for (const name of [...GROUPS, ...HIDDEN]) {
      for (const value of state.filters[name] || []) chips.push([`${LABELS[name]}: ${value}`, () => untick(name, value)]);
    }
    if (state.from || state.to) {
      chips.push([`Years: ${state.from || "…"}–${state.to || "…"}`, () => { state.from = state.to = ""; changed(); }]);
    }
    for (const [text, remove] of chips) {
      const button = element("button", { type: "button", "aria-label": `Remove filter ${text}` }, `${text} ×`);
      button.addEventListener("click", remove);
      const item = element("li");
      item.append(button);
      activeBox.append(item);
    }
    activeBox.hidden = chips.length === 0;
    filterCount.textContent = chips.length ? `(${chips.length} active)` : "";
  }

  function untick(name, value) {
    state.filters[name] = (state.filters[name] || []).filter((v) => v !== value);
    if (!state.filters[name].length) delete state.filters[name];
    changed();
  }

  async function renderEntities(term, mine) {
    entitiesBox.textContent = "";
    entitiesBox.hidden = true;
    if (!term || hasFilters()) return;
    const answer = await pagefind.search(term, { filters: { page: { any: ENTITY_KINDS } } });
    const found = await Promise.all(answer.results.slice(0, 5).map((result) => result.data()));
    if (mine !== generation || !found.length) return;
    for (const data of found) {
      const item = element("li");
      item.append(element("a", { href: data.url }, data.meta.title), document.createTextNode(` (${data.meta.kind || "page"})`));
      entitiesBox.append(item);
    }
    entitiesBox.hidden = false;
  }

  async function run() {
    const mine = ++generation;
    form.dataset.state = "searching"; // "done" once the answer is drawn (tests and scripts wait for it)
    toAddress();
    renderActive();
    const term = state.q.trim() || null;
    list.textContent = "";
    more.hidden = true;
    results = [];
    shown = 0;
    if (term === null && !hasFilters()) {
      const counts = await pagefind.filters();
      if (mine !== generation) return;
      status.textContent = "Type words to search, or choose a filter.";
      renderGroups(counts);
      renderYears(counts.year || {});
      entitiesBox.hidden = true;
      form.dataset.state = "done";
      return;
    }
    status.textContent = "Searching…";
    const sort = SORTS[state.sort] || (term === null ? SORTS.newest : null);
    const options = { filters: pagefindFilters(null) };
    if (sort) options.sort = sort;
    const answer = await pagefind.search(term, options);
    // A group's counts: what each of its values would give with the other filters as they are.
    const counts = { ...answer.filters };
    for (const name of [...GROUPS, "year"]) {
      const active = name === "year" ? Boolean(state.from || state.to) : Boolean(state.filters[name]);
      if (active) counts[name] = (await pagefind.search(term, { filters: pagefindFilters(name) })).filters[name] || {};
    }
    if (mine !== generation) return;
    results = answer.results;
    status.textContent = describe(results.length);
    renderGroups(counts);
    renderYears(counts.year || {});
    await Promise.all([showMore(mine), renderEntities(term, mine)]);
    if (mine === generation) form.dataset.state = "done";
  }

  function changed() {
    window.clearTimeout(timer);
    run().catch(failed);
  }

  function failed(error) {
    status.textContent = "Search is not available: " + error.message;
  }

  async function start() {
    pagefind = await import(form.dataset.bundle + "pagefind.js");
    await pagefind.options({ baseUrl: form.dataset.base, highlightParam: "highlight", excerptLength: 24 });
    const all = await pagefind.filters();
    years = Object.keys(all.year || {}).filter((year) => /^\d{4}$/.test(year)).sort();
    renderYears(all.year || {});
    await run();
  }

  input.value = state.q;
  sortSelect.value = state.sort;
  panel.open = WIDE.matches;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    state.q = input.value;
    changed();
  });
  input.addEventListener("input", () => {
    state.q = input.value;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => run().catch(failed), 250);
  });
  sortSelect.addEventListener("change", () => { state.sort = sortSelect.value; changed(); });
  for (const [select, key] of [[fromSelect, "from"], [toSelect, "to"]]) {
    select.addEventListener("change", () => { state[key] = select.value; changed(); });
  }
  groupsBox.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") return;
    const values = new Set(state.filters[box.name] || []);
    if (box.checked) values.add(box.value); else values.delete(box.value);
    if (values.size) state.filters[box.name] = [...values]; else delete state.filters[box.name];
    changed();
  });
  more.addEventListener("click", () => {
    form.dataset.state = "more";
    const first = shown;
    showMore(generation).then(() => {
      const link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus(); // the keyboard goes on where the new results begin
      form.dataset.state = "done";
    }, failed);
  });
  start().catch(failed);
}());
