// The search page: Pagefind's Default UI, plus what an archive needs on top of it.
// - The address keeps the search (?q=, ?sort=, one parameter per filter value), so a search can be bookmarked,
//   cited, and reached from the header box on every page or a "search within" link on an entity page.
// - A sort control (relevance / date): the Default UI takes its sort order only when it is created, so a change
//   re-creates it with the current term and filters.
// - The index comes in shards (one Pagefind bundle per year or span of years); the UI's bundle path holds
//   a pagefind.js of ours that searches them all as one (see site_builder/pagefind_shards.js).
(function () {
  "use strict";
  var SORTS = { relevance: null, newest: { date: "desc" }, oldest: { date: "asc" } };
  var root = document.getElementById("search");
  var tools = document.getElementById("search-tools");
  var sortSelect = document.getElementById("search-sort");
  if (!root || typeof PagefindUI === "undefined") { return; }
  var filterNames = root.dataset.filters.split(",");
  var ui = null;

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    var filters = {};
    filterNames.forEach(function (name) {
      var values = params.getAll(name);
      if (values.length) { filters[name] = values; }
    });
    var sort = params.get("sort");
    return { term: params.get("q") || "", sort: SORTS.hasOwnProperty(sort) ? sort : "relevance", filters: filters };
  }

  // The Default UI keeps its state inside; read it back from its own form controls.
  function fromPage() {
    var input = root.querySelector("input[type=search], input.pagefind-ui__search-input");
    var filters = {};
    root.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      (filters[box.name] = filters[box.name] || []).push(box.value);
    });
    return { term: input ? input.value : "", sort: sortSelect.value, filters: filters };
  }

  function toAddress(state) {
    var params = new URLSearchParams();
    if (state.term) { params.set("q", state.term); }
    if (state.sort !== "relevance") { params.set("sort", state.sort); }
    filterNames.forEach(function (name) {
      (state.filters[name] || []).forEach(function (value) { params.append(name, value); });
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function start(state) {
    if (ui) { ui.destroy(); root.textContent = ""; }
    var options = {
      element: "#search",
      bundlePath: root.dataset.bundle,
      baseUrl: root.dataset.base,
      showSubResults: false,
      pageSize: 20,
      showImages: false,
      resetStyles: false,
      // Filters open beside the results on wide screens; on a phone they would push the results off screen.
      openFilters: window.matchMedia("(min-width: 52rem)").matches ? filterNames : [],
      showEmptyFilters: false,
      translations: { placeholder: "Search the archive" }
    };
    if (SORTS[state.sort]) { options.sort = SORTS[state.sort]; }
    ui = new PagefindUI(options);
    var input = root.querySelector("input[type=search], input.pagefind-ui__search-input");
    if (input && !input.id) { input.id = "search-input"; }
    if (Object.keys(state.filters).length) { ui.triggerFilters(state.filters); }
    if (state.term) { ui.triggerSearch(state.term); }
  }

  var initial = fromAddress();
  sortSelect.value = initial.sort;
  tools.hidden = false;
  start(initial);

  sortSelect.addEventListener("change", function () {
    var state = fromPage();
    toAddress(state);
    start(state);
  });
  // Keep the address in step with what the reader types and ticks.
  root.addEventListener("input", function () { toAddress(fromPage()); });
  root.addEventListener("change", function () { toAddress(fromPage()); });
}());
