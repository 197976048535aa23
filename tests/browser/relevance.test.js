// The relevance test set (tests/search/relevance.json) on the shipped
// search script: the example site and a hub imported from the real 211
// Miami extract, each query with the partners that must come first.
// Prints recall@5 and MRR (docs/search.md, Relevance).
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { serve, launch, SITE } = require("./harness");

const SET = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "search", "relevance.json"), "utf8"));
const SITES = { example: SITE, miami211: process.env.HAVEN_MIAMI_SITE };

let browser;
before(async () => (browser = await launch()));
after(() => browser.close());

/** The result names for a query, with facet labels checked first. */
async function ranked(page, query) {
  await page.fill("#search-input", "");
  for (const [facet, labels] of Object.entries(query.filters || {})) {
    const toggle = page.locator("details[data-search-filters]");
    if (!(await toggle.evaluate((d) => d.open))) await toggle.locator("> summary").click();
    const details = page.locator(`details[data-facet=${facet}]`);
    if (!(await details.evaluate((d) => d.open))) await details.locator("summary").click();
    for (const label of labels) await page.check(`[data-facet=${facet}] label:has-text("${label}")`);
  }
  await page.fill("#search-input", query.q);
  await page.waitForSelector("[data-search-results]:not([aria-busy])", { state: "attached" });
  const names = await page.evaluate(() => [...document.querySelectorAll("[data-search-results] > li > a")].map((a) => a.textContent));
  for (const [facet, labels] of Object.entries(query.filters || {}))
    for (const label of labels) await page.uncheck(`[data-facet=${facet}] label:has-text("${label}")`);
  return names;
}

test("every query of the relevance set finds its partners first", { timeout: 300_000 }, async () => {
  const misses = [];
  let queries = 0;
  let found = 0;
  let reciprocal = 0;
  for (const [hub, set] of Object.entries(SET.hubs)) {
    assert.ok(SITES[hub], `no site for ${hub} (run through tests/browser/run.sh)`);
    const server = await serve(SITES[hub]);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(server.origin + "/search/");
      for (const query of set) {
        const names = await ranked(page, query);
        const ranks = query.expect.map((name) => names.indexOf(name) + 1);
        const passes = ranks.every((rank) => rank > 0 && rank <= query.within);
        queries++;
        if (ranks.every((rank) => rank > 0 && rank <= 5)) found++;
        // The first right answer, required or not.
        const right = [...query.expect, ...(query.also || [])];
        const first = names.findIndex((name) => right.includes(name)) + 1;
        reciprocal += first ? 1 / first : 0;
        if (!passes && !query.known_miss)
          misses.push(`${hub} "${query.q}": ${query.expect.join(", ")} at ${ranks.join(", ")} (want within ${query.within}); first: ${names.slice(0, 5).join(" | ")}`);
        if (passes && query.known_miss) misses.push(`${hub} "${query.q}" passes now: take out its known_miss`);
      }
    } finally {
      await context.close();
      await server.close();
    }
  }
  console.log(`relevance: ${queries} queries, recall@5 ${(found / queries).toFixed(3)}, MRR ${(reciprocal / queries).toFixed(3)}`);
  assert.ok(queries >= 60, `only ${queries} queries`);
  assert.deepEqual(misses, []);
});
