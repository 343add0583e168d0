// The archive's search index as one Pagefind, written to <base>pagefind/pagefind.js by site_builder/search.py.
//
// shards.json lists the bundles, newest first. An archive that fits in memory has one bundle, and this module
// simply hands it on. A larger one has a few bundles, each a span of dates (the undated with the oldest); they
// are loaded into ONE Pagefind instance with Pagefind's own mergeIndex, so the reader fetches one pagefind.js,
// one worker and one WebAssembly module whatever their number, and results and filter counts are merged by
// Pagefind. Each merged bundle carries a synthetic filter `shard` (mergeFilter): a date sort then searches the
// bundles one at a time, in date order, and puts their answers end to end (mergeIndex alone orders merged
// results by score, and under a sort a score is only a rank within its bundle).
const SHARD_FILTER = "shard";
const manifestUrl = new URL("shards.json", import.meta.url);

let loading = null; // the one load in progress or done: {api, shards}
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
    throw new Error(`the search index could not be read from ${manifestUrl}: ${response.status}`);
  }
  const shards = (await response.json()).shards;
  if (!shards.length) {
    return { api: null, shards };
  }
  const bundle = (shard) => new URL(shard.bundle, manifestUrl).href;
  const api = await import(new URL("pagefind.js", bundle(shards[0])).href);
  const several = shards.length > 1;
  await api.options({ ...settings, ...(several ? { mergeFilter: { [SHARD_FILTER]: shards[0].name } } : {}) });
  for (const shard of shards.slice(1)) {
    await api.mergeIndex(bundle(shard), { ...settings, mergeFilter: { [SHARD_FILTER]: shard.name } });
  }
  return { api, shards };
}

function withoutShard(counts) {
  const { [SHARD_FILTER]: _, ...rest } = counts || {};
  return rest;
}

function sumCounts(all) {
  const merged = {};
  for (const counts of all) {
    for (const [name, values] of Object.entries(counts || {})) {
      const into = (merged[name] = merged[name] || {});
      for (const [value, count] of Object.entries(values)) {
        into[value] = (into[value] || 0) + count;
      }
    }
  }
  return merged;
}

const NOTHING = { results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {}, timings: {} };

export async function options(values) {
  settings = { ...settings, ...values };
  if (loading !== null) {
    const { api } = await loaded();
    if (api) await api.options(values);
  }
}

export async function init() {
  await loaded();
}

export async function filters() {
  const { api } = await loaded();
  return api ? withoutShard(await api.filters()) : {};
}

export async function preload(term, searchOptions = {}) {
  const { api } = await loaded();
  if (api) await api.preload(term, searchOptions);
}

export async function search(term, searchOptions = {}) {
  const { api, shards } = await loaded();
  if (!api) return NOTHING;
  const sort = searchOptions.sort && Object.keys(searchOptions.sort).length ? searchOptions.sort : null;
  if (shards.length === 1 || !sort) {
    const answer = (await api.search(term, searchOptions)) || NOTHING;
    return { ...answer, filters: withoutShard(answer.filters), totalFilters: withoutShard(answer.totalFilters) };
  }
  // Shards are spans of dates, newest first: ascending takes them the other way round.
  const order = Object.values(sort)[0] === "asc" ? [...shards].reverse() : shards;
  const answers = [];
  for (const shard of order) {
    const filters = { ...(searchOptions.filters || {}), [SHARD_FILTER]: shard.name };
    answers.push((await api.search(term, { ...searchOptions, filters })) || NOTHING);
  }
  return {
    results: answers.flatMap((answer) => answer.results),
    // Every search ran over all the bundles; only the shard filter told them apart, so the counts taken
    // without filters are each search's alike, and the counts with filters add up.
    unfilteredResultCount: answers[0].unfilteredResultCount,
    filters: withoutShard(sumCounts(answers.map((answer) => answer.filters))),
    totalFilters: withoutShard(answers[0].totalFilters),
    timings: answers.map((answer) => answer.timings),
  };
}

export async function debouncedSearch(term, searchOptions = {}) {
  return search(term, searchOptions);
}

export async function mergeIndex() {
  throw new Error("the archive's bundles are merged by pagefind/pagefind.js itself");
}

export async function destroy() {
  const current = loading;
  loading = null;
  if (current !== null) {
    const { api } = await current;
    if (api) await api.destroy();
  }
}
