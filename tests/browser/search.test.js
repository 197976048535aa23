// Search on the example site (docs/search.md): queries with known answers,
// typos, accents, Spanish, facets and their counts, browse mode, the split
// index, file:// in a portable build, and no trace or outside request.
"use strict";

const { test: nodeTest } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { sharedSiteAndBrowser, serve } = require("./harness");

const test = (name, fn) => nodeTest(name, { timeout: 120_000 }, fn);
const shared = sharedSiteAndBrowser();
const REPO = path.join(__dirname, "..", "..");

/** Types a query (or sets filters first) and waits for the results. */
async function search(page, query) {
  await page.fill("#search-input", query);
  return results(page);
}

async function results(page) {
  await page.waitForSelector("[data-search-results]:not([aria-busy])", { state: "attached" });
  return page.evaluate(() => ({
    names: [...document.querySelectorAll("[data-search-results] > li > a")].map((a) => a.textContent),
    facts: [...document.querySelectorAll("[data-search-results] > li")].map((li) => li.innerText),
    links: [...document.querySelectorAll("[data-search-results] > li > a")].map((a) => a.href),
    note: document.querySelector("[data-search-note]").hidden ? "" : document.querySelector("[data-search-note]").textContent,
    more: !document.querySelector("[data-search-more]").hidden,
  }));
}

/** Every result, pressing "Show more results" until there are no more. */
async function allResults(page) {
  let all = await results(page);
  while (all.more) {
    await page.click("[data-search-more]");
    await page.waitForFunction((n) => document.querySelectorAll("[data-search-results] > li").length > n, all.names.length);
    all = await results(page);
  }
  return all;
}

async function status(page) {
  await page.waitForFunction(() => document.querySelector("[data-search-status]").textContent !== "");
  return page.textContent("[data-search-status]");
}

async function searchPage(url = "/search/", origin = shared.server.origin) {
  const context = await shared.browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + url);
  return { context, page };
}

/** The count shown beside a filter value, e.g. "Spanish (37)" → 37. */
async function countOf(page, facet, label) {
  const text = await page.textContent(`[data-facet=${facet}] label:has-text("${label}")`);
  return Number(text.match(/\((\d+)\)/)[1]);
}

/** Opens a filter group and waits for its counts to follow the query. */
async function openFilter(page, facet) {
  // On a phone the filters wait behind one toggle.
  const toggle = page.locator("details[data-search-filters]");
  if (!(await toggle.evaluate((d) => d.open))) await toggle.locator("> summary").click();
  const details = page.locator(`details[data-facet=${facet}]`);
  if (await details.evaluate((d) => d.open)) return;
  await details.locator("summary").click();
  // The toggle event runs in a task after the click; let it start.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await results(page);
}

async function check(page, facet, label) {
  await openFilter(page, facet);
  await page.check(`[data-facet=${facet}] label:has-text("${label}")`);
  return results(page);
}

test("the query script cuts text into the same words as the index builder", () => {
  const source = fs.readFileSync(path.join(REPO, "themes/default/static/search.js"), "utf8");
  const body = source.match(/const words = \(s\) =>[\s\S]*?\.filter\(Boolean\);/)[0];
  const words = new Function(`${body}; return words;`)();
  const { vectors } = JSON.parse(fs.readFileSync(path.join(REPO, "tests/search/vectors.json"), "utf8"));
  for (const vector of vectors) assert.deepEqual(words(vector.text), vector.words, vector.text);
});

test("a partner's name ranks first for its own words", async () => {
  const { context, page } = await searchPage();
  const found = await search(page, "legal aid");
  assert.equal(found.names[0], "Juniper County Legal Aid");
  const shelter = await search(page, "frontera immigrant");
  assert.equal(shelter.names[0], "Frontera Immigrant Justice Center");
  await context.close();
});

test("results show services, languages, area and a phone link", async () => {
  const { context, page } = await searchPage();
  const found = await search(page, "juniper county legal aid");
  assert.match(found.facts[0], /Services: .*Legal Services/);
  assert.match(found.facts[0], /Languages: .*English/);
  assert.match(found.facts[0], /Area: .*Juniper County/);
  const tel = await page.getAttribute("[data-search-results] > li .tel", "href");
  assert.match(tel, /^tel:\+1/);
  await context.close();
});

test("results name staff and interpreted languages apart and show what survivors choose by", async () => {
  const { context, page } = await searchPage();
  // Staff speak English and Spanish; an interpreter covers the rest.
  const task = await search(page, "juniper county human trafficking task force");
  assert.match(task.facts[0], /Languages: English, Spanish\s+Through an interpreter: .*Vietnamese/);
  assert.match(task.facts[0], /Free/);
  // Every service of the prosecutor's program needs the police: said as
  // plainly as the good news.
  const prosecutor = await search(page, "district attorney victim witness");
  assert.match(prosecutor.facts[0], /Police involvement required/);
  assert.doesNotMatch(prosecutor.facts[0], /No police report needed/);
  await context.close();
});

test("the result count is announced in a live region", async () => {
  const { context, page } = await searchPage();
  assert.equal(await page.getAttribute("[data-search-status]", "role"), "status");
  const found = await search(page, "legal aid");
  assert.match(await status(page), new RegExp(`^${found.names.length} results?$`));
  await context.close();
});

test("a typo of one letter still finds the word and says what was searched", async () => {
  const { context, page } = await searchPage();
  const found = await search(page, "imigration");
  assert.ok(found.names.slice(0, 3).includes("Frontera Immigrant Justice Center"), found.names.join(" | "));
  assert.match(found.note, /immigration/);
  const swapped = await search(page, "trafifcking");
  assert.ok(swapped.names.length > 5, "a swap of two letters counts as one edit");
  await context.close();
});

test("accents and capitals do not matter", async () => {
  const { context, page } = await searchPage();
  const plain = await search(page, "informacion");
  assert.ok(plain.names.length > 0);
  assert.deepEqual((await search(page, "INFORMACIÓN")).names, plain.names);
  await context.close();
});

test("Spanish words and plurals find the partners an advocate means", async () => {
  const { context, page } = await searchPage();
  const legal = await search(page, "abogado inmigracion");
  for (const name of ["Frontera Immigrant Justice Center", "Proyecto Campo Justo"]) {
    assert.ok(legal.names.includes(name), `${name} in ${legal.names.join(" | ")}`);
  }
  const singular = await search(page, "albergue");
  assert.ok(singular.names.length > 3);
  assert.deepEqual((await search(page, "albergues")).names, singular.names);
  assert.equal((await search(page, "albergues")).note, "", "a plural is no typo");
  await context.close();
});

test("what a record says ranks above what its category implies", async () => {
  const { context, page } = await searchPage();
  // Every basic-needs partner is found by "shelter" (a word the area
  // implies); those whose services say it come first.
  const shelters = ["Casa de Refugio Riverbend", "Juniper Youth Haven", "Piñon Valley Domestic Violence Services", "Sunrise House"];
  const found = await search(page, "shelter");
  assert.ok(found.names.length > shelters.length, found.names.join(" | "));
  assert.deepEqual(found.names.slice(0, 4).sort(), [...shelters].sort(), found.names.join(" | "));
  const emergency = await search(page, "emergency shelter");
  assert.ok(shelters.includes(emergency.names[0]), emergency.names.join(" | "));
  await context.close();
});

test("an -ies plural the index never saw meets its singular", async () => {
  const { context, page } = await searchPage();
  const singular = await search(page, "therapy");
  assert.ok(singular.names.length > 0);
  const plural = await search(page, "therapies");
  assert.deepEqual(plural.names, singular.names);
  assert.equal(plural.note, "", "a plural is no typo");
  await context.close();
});

test("the last word matches as a prefix while typing", async () => {
  const { context, page } = await searchPage();
  const typed = await search(page, "immig");
  const whole = await search(page, "immigration");
  assert.equal(typed.names[0], whole.names[0]);
  assert.equal((await search(page, "immig ")).names.length, 0, "a finished word is not a prefix");
  await context.close();
});

test("words all match, or else any of them with a note saying so", async () => {
  const { context, page } = await searchPage();
  const both = await search(page, "legal spanish");
  const legal = await search(page, "legal");
  assert.ok(both.names.length <= legal.names.length);
  // No partner says both.
  const apart = await search(page, "vacatur groceries");
  assert.ok(apart.names.includes("University of Juniper School of Law, Survivor Rights Clinic"), apart.names.join(" | "));
  assert.ok(apart.names.includes("Juniper Regional Food Bank"), apart.names.join(" | "));
  assert.match(apart.note, /some of them/);
  await context.close();
});

test("a word the index has nothing for is left out and the note says what was searched", async () => {
  const { context, page } = await searchPage();
  const legal = await search(page, "legal");
  const unknown = await search(page, "legal qqqzzzx");
  assert.deepEqual(unknown.names, legal.names);
  assert.equal(unknown.note, "Showing results for: legal");
  await context.close();
});

test("a need in everyday words finds what records call it", async () => {
  const { context, page } = await searchPage();
  // No record says "sleep" or "tonight"; shelters say "shelter".
  const shelters = ["Casa de Refugio Riverbend", "Juniper Youth Haven", "Piñon Valley Domestic Violence Services", "Puerta Abierta", "Sunrise House"];
  const found = await search(page, "somewhere to sleep tonight");
  for (const name of found.names.slice(0, 3)) assert.ok(shelters.includes(name), found.names.join(" | "));
  await context.close();
});

test("a result line says why it matched, the query's words marked", async () => {
  const { context, page } = await searchPage();
  await search(page, "protection order");
  const line = await page.evaluate(() => {
    const first = document.querySelector("[data-search-results] > li");
    return { text: first.querySelector("p").textContent, marks: [...first.querySelectorAll("mark")].map((m) => m.textContent.toLowerCase()) };
  });
  assert.match(line.text, /^Offers: .*protection order/i);
  // Words of the query's classes are marked, plurals too.
  assert.ok(line.marks.includes("protection") && line.marks.some((m) => m.startsWith("order")), line.marks.join(" | "));
  await context.close();
});

test("a language filter keeps matching partners and counts ignore their own selection", async () => {
  const { context, page } = await searchPage();
  await search(page, "legal");
  await openFilter(page, "language");
  const english = await countOf(page, "language", "English");
  const vietnamese = await countOf(page, "language", "Vietnamese");
  const filtered = await check(page, "language", "Vietnamese");
  assert.equal(filtered.names.length, vietnamese);
  for (const facts of filtered.facts) assert.match(facts, /Vietnamese/);
  assert.equal(await countOf(page, "language", "English"), english, "OR within a facet");
  // Adding a value of the same facet widens the results.
  const either = await check(page, "language", "Arabic");
  assert.ok(either.names.length >= filtered.names.length);
  await context.close();
});

test("options no result has are hidden while a query stands, unless chosen", async () => {
  const { context, page } = await searchPage();
  await search(page, "legal");
  await check(page, "language", "Vietnamese");
  await search(page, "food bank");
  await openFilter(page, "language");
  const options = await page.$$eval("[data-facet=language] .filter__option", (all) =>
    all.map((o) => ({ text: o.innerText, shown: o.getBoundingClientRect().height > 0, checked: o.querySelector("input").checked })),
  );
  const zero = options.filter((o) => /\(0\)/.test(o.text));
  assert.ok(zero.length > 0, "some languages have no food bank");
  for (const o of zero) assert.equal(o.shown, o.checked, `${o.text}: shown only when chosen`);
  for (const o of options.filter((o) => !/\(0\)/.test(o.text))) assert.ok(o.shown, o.text);
  await context.close();
});

test("filters of different facets narrow each other", async () => {
  const { context, page } = await searchPage();
  await search(page, "legal");
  const spanish = await check(page, "language", "Spanish");
  await openFilter(page, "county");
  const county = await countOf(page, "county", "Arroyo Seco County");
  const both = await check(page, "county", "Arroyo Seco County");
  assert.equal(both.names.length, county);
  assert.ok(both.names.length < spanish.names.length);
  for (const facts of both.facts) assert.match(facts, /Arroyo Seco County/);
  await context.close();
});

test("with no words, filters browse the partners in name order", async () => {
  const { context, page } = await searchPage();
  await check(page, "area", "Legal Services");
  const listing = await page.context().newPage();
  await listing.goto(shared.server.origin + "/services/legal_services/");
  const cards = await listing.locator(".card").count();
  const all = await allResults(page);
  assert.equal(all.names.length, cards);
  assert.deepEqual(all.names, [...all.names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
  await context.close();
});

test("access facts each must hold", async () => {
  const { context, page } = await searchPage();
  await check(page, "access", "Free of charge");
  const free = await allResults(page);
  await check(page, "access", "No police report needed");
  const both = await allResults(page);
  assert.ok(both.names.length > 0);
  assert.ok(both.names.length <= free.names.length);
  assert.equal(both.names.length, await countOf(page, "access", "Free of charge"));
  await context.close();
});

test("the query never reaches the URL, history, storage or cookies", async () => {
  const { context, page } = await searchPage();
  const before = await page.evaluate(() => [location.href, history.length]);
  await search(page, "shelter");
  await page.press("#search-input", "Enter");
  await results(page);
  const after = await page.evaluate(() => [location.href, history.length]);
  assert.deepEqual(after, before);
  const stored = await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]);
  assert.deepEqual(stored, [0, 0, ""]);
  assert.equal(await page.getAttribute("#search-input", "autocomplete"), "off");
  await page.goto(shared.server.origin + "/safety/");
  await page.goBack();
  assert.equal(await page.inputValue("#search-input"), "", "Back shows an empty search");
  assert.equal(await page.locator("[data-search-results] > li").count(), 0);
  const state = await context.storageState();
  assert.deepEqual(state.cookies, []);
  await context.close();
});

test("searching asks only the site's own files", async () => {
  const { context, page } = await searchPage("/");
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await search(page, "legal");
  await check(page, "language", "Spanish");
  for (const url of requests) assert.ok(url.startsWith(shared.server.origin + "/"), url);
  assert.ok(requests.some((url) => url.includes("/search/en.")), "the index was loaded");
  await context.close();
});

test("without JavaScript the page links to the browse pages instead", async () => {
  const context = await shared.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(shared.server.origin + "/search/");
  assert.ok(await page.isVisible("[data-search-fallback] a[href*='services']"));
  assert.ok(await page.isHidden("[data-search-form]"));
  await context.close();
});

test("keyboard only: type, Tab to the filters, Space to check, Tab to a result", async () => {
  const { context, page } = await searchPage();
  await page.focus("#search-input");
  await page.keyboard.type("legal");
  await results(page);
  await page.keyboard.press("Tab"); // Clear search
  await page.keyboard.press("Tab"); // "Narrow the results", open on a wide screen
  await page.keyboard.press("Tab"); // Service filter
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  const filtered = await results(page);
  assert.ok(filtered.names.length > 0);
  assert.equal(await page.evaluate(() => document.activeElement.type), "checkbox");
  await context.close();
});

test("a split index answers the same and loads only what a query needs", async () => {
  const site = process.env.HAVEN_SHARDED_SITE;
  assert.ok(site, "run through tests/browser/run.sh");
  const server = await serve(site);
  try {
    const { context, page } = await searchPage("/search/", server.origin);
    const sharded = await search(page, "legal aid");
    const { context: c2, page: single } = await searchPage();
    assert.deepEqual(sharded.names, (await search(single, "legal aid")).names);
    assert.deepEqual((await search(page, "abogado inmigracion")).names, (await search(single, "abogado inmigracion")).names);
    await c2.close();
    const shards = fs.readdirSync(path.join(site, "search")).filter((f) => /\.p\d+\./.test(f));
    const loaded = server.served.filter((p) => /\/search\/en\.p\d+\./.test(p));
    assert.ok(loaded.length < shards.length, `${loaded.length} of ${shards.length} postings shards loaded`);
    const facetFiles = () => server.served.filter((p) => /\/search\/en\.f\d+\./.test(p));
    assert.deepEqual(facetFiles(), [], "facets load on first use");
    await check(page, "language", "Spanish");
    assert.equal(facetFiles().length, 1, "only the language facet loads");
    await context.close();
  } finally {
    await server.close();
  }
});

test("a portable build searches from file:// and links to index.html files", async () => {
  const site = process.env.HAVEN_PORTABLE_SITE;
  assert.ok(site, "run through tests/browser/run.sh");
  const context = await shared.browser.newContext();
  const page = await context.newPage();
  await page.goto("file://" + path.join(site, "search", "index.html"));
  // A plural no record uses loads the stemmers from file:// too.
  const therapy = await search(page, "therapy");
  assert.ok(therapy.names.length > 0);
  assert.deepEqual((await search(page, "therapies")).names, therapy.names);
  const found = await search(page, "legal aid");
  assert.equal(found.names[0], "Juniper County Legal Aid");
  assert.match(found.links[0], /^file:\/\/.*\/partners\/juniper-county-legal-aid\/index\.html$/);
  await check(page, "language", "Spanish");
  await page.click("[data-search-results] > li > a");
  await page.waitForLoadState();
  assert.match(await page.title(), /Juniper County Legal Aid/);
  await context.close();
});

test("axe finds no violation with results shown and every filter open", async () => {
  const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  for (const [width, colorScheme] of [[320, "light"], [1280, "dark"]]) {
    const context = await shared.browser.newContext({ viewport: { width, height: 800 }, colorScheme, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(shared.server.origin + "/search/");
    await search(page, "imigration legal");
    for (const facet of ["area", "population", "language", "county", "access"]) await openFilter(page, facet);
    await check(page, "language", "Spanish");
    // From the top, as a page loads: anything scrolled under the sticky
    // exit bar would count as an obscured target.
    await page.evaluate(() => scrollTo(0, 0));
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        resultTypes: ["violations"],
      }),
    );
    const problems = result.violations.map((v) => `${v.id}: ${v.nodes[0].target.join(" ")} ${v.nodes[0].failureSummary}`);
    assert.deepEqual(problems, [], `${width}px ${colorScheme}`);
    await context.close();
  }
});
