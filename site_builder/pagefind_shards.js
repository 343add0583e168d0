// The archive's search shards as one Pagefind, written to <base>pagefind/pagefind.js by site_builder/search.py.
//
// The Default UI loads `${bundlePath}pagefind.js` and calls options, filters, preload, search and destroy on it.
// This module answers those calls for every shard listed in shards.json (one Pagefind bundle per year or span
// of years), each loaded as its own Pagefind module. Why not Pagefind's own mergeIndex: it orders merged
// results by score alone, and under a date sort a shard's scores are only its ranks (0, -1, -2...), so the
// shards would be interleaved. Shards hold disjoint years, so here a date sort takes them whole, in date
// order, each sorted inside; a relevance search merges all results by score, as Pagefind does.
const UNDATED = "undated";
const NOTHING = { results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {}, timings: {} };
const manifestUrl = new URL("shards.json", import.meta.url);

let shards = null; // [{name, api}] newest first, undated last, once loaded
let loading = null; // the one load in progress: the UI calls filters() and search() at once
let settings = {};

function loaded() {
  if (loading === null) {
    loading = load().catch((error) => {
      loading = null; // try again on the next call rather than fail every search from now on
      throw error;
    });
  }
  return loading;
}

async function load() {
  const response = await fetch(manifestUrl);
  if (!response.ok) {
    throw new Error(`search shards could not be read from ${manifestUrl}: ${response.status}`);
  }
  const manifest = await response.json();
  shards = await Promise.all(manifest.shards.map(async (shard) => {
    const api = await import(new URL(`${shard.bundle}pagefind.js`, manifestUrl).href);
    await api.options(settings);
    // A shard counts filter values in its answers only once its filter index is loaded; without this,
    // the first answers would carry the counts of some shards and not others.
    await api.filters();
    return { name: shard.name, api };
  }));
  return shards;
}

function mergeCounts(all) {
  const merged = {};
  for (const filters of all) {
    for (const [name, values] of Object.entries(filters || {})) {
      const into = (merged[name] = merged[name] || {});
      for (const [value, count] of Object.entries(values)) {
        into[value] = (into[value] || 0) + count;
      }
    }
  }
  return merged;
}

function inDateOrder(list, sort) {
  const direction = Object.values(sort)[0];
  const dated = list.filter((item) => item.name !== UNDATED);
  const undated = list.filter((item) => item.name === UNDATED);
  return (direction === "asc" ? dated.reverse() : dated).concat(undated);
}

export async function options(values) {
  settings = { ...settings, ...values };
  if (shards !== null) {
    await Promise.all(shards.map((shard) => shard.api.options(values)));
  }
}

export async function init() {
  await loaded();
}

export async function mergeIndex() {
  throw new Error("the archive's shards are merged by pagefind/pagefind.js itself");
}

export async function filters() {
  const list = await loaded();
  return mergeCounts(await Promise.all(list.map((shard) => shard.api.filters())));
}

export async function preload(term, searchOptions = {}) {
  const list = await loaded();
  await Promise.all(list.map((shard) => shard.api.preload(term, searchOptions)));
}

export async function search(term, searchOptions = {}) {
  const list = await loaded();
  const answers = await Promise.all(list.map(async (shard) => ({
    name: shard.name, answer: (await shard.api.search(term, searchOptions)) || NOTHING,
  })));
  const sort = searchOptions.sort && Object.keys(searchOptions.sort).length ? searchOptions.sort : null;
  const results = sort
    ? inDateOrder(answers, sort).flatMap((item) => item.answer.results)
    : answers.flatMap((item) => item.answer.results).sort((a, b) => b.score - a.score);
  return {
    results,
    unfilteredResultCount: answers.reduce((sum, item) => sum + item.answer.unfilteredResultCount, 0),
    filters: mergeCounts(answers.map((item) => item.answer.filters)),
    totalFilters: mergeCounts(answers.map((item) => item.answer.totalFilters)),
    timings: answers.map((item) => item.answer.timings),
  };
}

export async function debouncedSearch(term, searchOptions = {}) {
  return search(term, searchOptions);
}

export async function destroy() {
  const list = shards || [];
  shards = null;
  loading = null;
  await Promise.all(list.map((shard) => shard.api.destroy()));
}
