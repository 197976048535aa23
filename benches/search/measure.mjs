// Measures haven's search against Pagefind on one built hub (see run.sh):
// index build time, index bytes, gzip bytes a browser downloads for a first
// query with and without facets, and haven's query time in Chromium.
//
//   node measure.mjs SITE_DIR HAVEN_INDEX_MS
//
// Pagefind indexes the same partner and guide pages haven built (their
// <main>), with the same facet values as filters, through its Node API.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";
import * as pagefind from "pagefind";
import { chromium } from "playwright-core";

const [site, havenIndexMs] = [process.argv[2], Number(process.argv[3])];
// The default language's index (a hub in several languages has one per
// language; Pagefind is given the same default-language pages).
const LANG = process.env.HAVEN_LANG || "en";
const indexFile = (file) => file.startsWith(LANG + ".") && file.endsWith(".js");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const QUERIES = ["legal", "immigration", "spanish shelter", "counseling fresno", "imigration", "immig"];
const FACETED = { query: "shelter", filters: { language: "Spanish", county: "Fresno County" } };

// ---- haven's index, read back to give Pagefind the same filters
const got = {};
for (const file of fs.readdirSync(path.join(site, "search")).filter(indexFile)) {
  vm.runInNewContext(fs.readFileSync(path.join(site, "search", file), "utf8"), {
    HAVEN_SEARCH: (key, data) => (got[key] = data),
  });
}
const head = got.head;
const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789ghijklmnopqrstuvwxyz-_";
const numbers = (s) => {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of s) {
    const x = digits.indexOf(c);
    value += (x & 31) * 2 ** shift;
    if (x < 32) out.push(value), (value = shift = 0);
    else shift += 5;
  }
  return out;
};
const facetValues = (stream) => {
  const n = numbers(stream);
  const docs = [];
  for (let i = 0; i < n.length; ) docs.push(n.slice(i + 1, i + 1 + n[i])), (i += 1 + n[i]);
  return docs;
};
const streams = head.fac || head.f.map((_, i) => got["f" + i]);
const facets = streams.map(facetValues);
const docs = head.docs || Object.keys(got).filter((k) => /^d\d+$/.test(k)).sort((a, b) => a.slice(1) - b.slice(1)).flatMap((k) => got[k]);
const searchPage = fs.readFileSync(path.join(site, "search/index.html"), "utf8");
const labels = {};
for (const [, key, index, label] of searchPage.matchAll(/for=filter-(\w+)-(\d+)>([^<]*?)\s*<span/g)) (labels[key] ||= [])[index] = label;
const FILTER_NAMES = { area: "service", population: "population", language: "language", county: "county", access: "access" };

// ---- Pagefind over the same pages
async function buildPagefind() {
  const out = path.join(site, "pagefind");
  fs.rmSync(out, { recursive: true, force: true });
  const pages = [];
  for (let i = 0; i < head.np; i++) {
    const file = path.join(site, "partners", docs[i][1], "index.html");
    const filterTags = head.facets
      .map((f, k) => facets[k][i].map((v) => `<span data-pagefind-filter="${FILTER_NAMES[f.k]}:${labels[f.k]?.[v] ?? v}"></span>`).join(""))
      .join("");
    const html = fs.readFileSync(file, "utf8").replace(/<main[^>]*>/, (m) => m + filterTags);
    pages.push({ url: `/partners/${docs[i][1]}/`, content: html });
  }
  for (const slug of fs.readdirSync(path.join(site, "guides")).filter((s) => fs.statSync(path.join(site, "guides", s)).isDirectory())) {
    pages.push({ url: `/guides/${slug}/`, content: fs.readFileSync(path.join(site, "guides", slug, "index.html"), "utf8") });
  }
  const started = performance.now();
  const { index } = await pagefind.createIndex({ rootSelector: "main", forceLanguage: "en" });
  for (const page of pages) await index.addHTMLFile(page);
  await index.writeFiles({ outputPath: out });
  const ms = performance.now() - started;
  await pagefind.close();
  return ms;
}

// ---- bytes as a server would send them
const PRECOMPRESSED = /\.pf_(meta|index|filter|fragment)$|\.pagefind$/;
const sent = (file) => {
  const bytes = fs.readFileSync(file);
  return PRECOMPRESSED.test(file) ? bytes.length : zlib.gzipSync(bytes, { level: 9 }).length;
};
const treeBytes = (dir, keep = () => true) => {
  let raw = 0;
  let gz = 0;
  let files = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !keep(entry.name)) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    raw += fs.statSync(file).size;
    gz += sent(file);
    files++;
  }
  return { raw, gz, files };
};

function serve() {
  const served = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (url.pathname === "/__pagefind.html") {
      response.writeHead(200, { "content-type": "text/html" });
      return response.end("<!doctype html><title>pagefind</title>");
    }
    let file = path.join(site, decodeURIComponent(url.pathname));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!file.startsWith(site) || !fs.existsSync(file)) {
      response.writeHead(404);
      return response.end();
    }
    served.push(file);
    const type = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" }[path.extname(file)];
    response.writeHead(200, { "content-type": type || "application/octet-stream", "cache-control": "no-store" });
    response.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, served, origin: `http://127.0.0.1:${server.address().port}` })));
}

const searchBytes = (files, pattern) => files.filter((f) => pattern.test(f)).reduce((sum, f) => sum + sent(f), 0);
const HAVEN_FILES = /\/(assets\/search\.[^/]*\.js|search\/[a-z-]+\.[^/]*js)$/;
const PAGEFIND_FILES = /\/pagefind\//;

async function havenFirstQuery(browser, origin, served, query, filters) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + "/search/");
  const idle = () => page.waitForSelector("[data-search-results]:not([aria-busy])", { state: "attached" });
  await page.fill("#search-input", query);
  await idle();
  for (const [facet, label] of Object.entries(filters || {})) {
    await page.click(`details[data-facet=${facet}] summary`);
    await idle();
    await page.locator(`[data-facet=${facet}] label`, { hasText: label }).first().click();
    await idle();
  }
  await page.waitForFunction(() => document.querySelector("[data-search-status]").textContent);
  const hits = (await page.locator("[data-search-status]").textContent()).replace(/\D+$/, "");
  const files = served.splice(0);
  await context.close();
  return { bytes: searchBytes(files, HAVEN_FILES), hits };
}

async function pagefindFirstQuery(browser, origin, served, query, filters) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + "/__pagefind.html");
  served.splice(0);
  const hits = await page.evaluate(
    async ([query, filters]) => {
      const pf = await import("/pagefind/pagefind.js");
      await pf.init();
      const pagefindFilters = {};
      for (const [key, value] of Object.entries(filters || {})) pagefindFilters[key] = value;
      if (filters) await pf.filters();
      const result = await pf.search(query, filters ? { filters: pagefindFilters } : {});
      await Promise.all(result.results.slice(0, 5).map((r) => r.data()));
      return result.results.length;
    },
    [query, filters],
  );
  const files = served.splice(0);
  await context.close();
  return { bytes: searchBytes(files, PAGEFIND_FILES), hits };
}

/** In the page: median time from a keystroke to rendered results. */
const measureQuery = async (query) => {
  const input = document.querySelector("#search-input");
  const list = document.querySelector("[data-search-results]");
  const type = (value) =>
    new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        if (!list.hasAttribute("aria-busy")) watch.disconnect(), resolve();
      });
      watch.observe(list, { attributes: true, attributeFilter: ["aria-busy"] });
      input.value = value;
      input.dispatchEvent(new Event("input"));
    });
  const runs = [];
  for (let i = 0; i < 9; i++) {
    await type("");
    const started = performance.now();
    await type(query);
    runs.push(performance.now() - started);
  }
  return runs.sort((a, b) => a - b)[4];
};

/** Median time from a keystroke to rendered results, index already loaded. */
async function havenQueryTimes(browser, origin) {
  const page = await browser.newPage();
  await page.goto(origin + "/search/");
  await page.fill("#search-input", "legal");
  await page.waitForSelector("[data-search-results]:not([aria-busy])", { state: "attached" });
  const times = {};
  for (const query of [...QUERIES, "shelter"]) {
    times[query] = await page.evaluate(measureQuery, query);
  }
  // The same with two filters checked and their counts on show.
  for (const [facet, label] of Object.entries(FACETED.filters)) {
    await page.click(`details[data-facet=${facet}] summary`);
    await page.locator(`[data-facet=${facet}] label`, { hasText: label }).first().click();
  }
  await page.waitForSelector("[data-search-results]:not([aria-busy])", { state: "attached" });
  times.faceted = await page.evaluate(measureQuery, FACETED.query);
  await page.close();
  return times;
}

const kb = (bytes) => (bytes / 1024).toFixed(1) + " KB";
const pagefindMs = await buildPagefind();
const havenSize = treeBytes(path.join(site, "search"), indexFile);
const pagefindSize = treeBytes(path.join(site, "pagefind"));
const { server, served, origin } = await serve();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const rows = [];
for (const query of QUERIES) {
  const h = await havenFirstQuery(browser, origin, served, query);
  const p = await pagefindFirstQuery(browser, origin, served, query);
  rows.push({ query, haven: h, pagefind: p });
}
const hf = await havenFirstQuery(browser, origin, served, FACETED.query, FACETED.filters);
const pf = await pagefindFirstQuery(browser, origin, served, FACETED.query, FACETED.filters);
const times = await havenQueryTimes(browser, origin);
await browser.close();
server.close();

const partners = head.np;
console.log(`\n## ${partners.toLocaleString("en")} partners (${head.n.toLocaleString("en")} documents, ${head.p ? "split" : "single-file"} index)\n`);
console.log(`| | haven | Pagefind 1.6.0 |`);
console.log(`|---|---:|---:|`);
console.log(`| index build | ${(havenIndexMs / 1000).toFixed(2)} s | ${(pagefindMs / 1000).toFixed(2)} s |`);
console.log(`| index files | ${havenSize.files} | ${pagefindSize.files} |`);
console.log(`| index bytes (raw / as sent) | ${kb(havenSize.raw)} / ${kb(havenSize.gz)} | ${kb(pagefindSize.raw)} / ${kb(pagefindSize.gz)} |`);
console.log(`\nFirst query, cold cache, bytes a browser downloads (gzip; Pagefind's own files as stored):\n`);
console.log(`| query | haven | results | Pagefind | results | haven / Pagefind | haven query time (warm, median of 9) |`);
console.log(`|---|---:|---:|---:|---:|---:|---:|`);
for (const { query, haven, pagefind: p } of rows) {
  console.log(`| \`${query}\` | ${kb(haven.bytes)} | ${haven.hits} | ${kb(p.bytes)} | ${p.hits} | ${(haven.bytes / p.bytes).toFixed(2)} | ${times[query].toFixed(1)} ms |`);
}
const label = `\`${FACETED.query}\` + language=${FACETED.filters.language} + county=${FACETED.filters.county}`;
console.log(`| ${label} (with facet counts) | ${kb(hf.bytes)} | ${hf.hits} | ${kb(pf.bytes)} | ${pf.hits} | ${(hf.bytes / pf.bytes).toFixed(2)} | ${times.faceted.toFixed(1)} ms |`);
const without = Math.max(...rows.map((r) => r.haven.bytes / r.pagefind.bytes));
console.log(`\nWorst ratio without facets: ${without.toFixed(2)}; with facets: ${(hf.bytes / pf.bytes).toFixed(2)} (budget: at most 0.50).`);
console.log(`Slowest haven query: ${Math.max(...Object.values(times)).toFixed(1)} ms (budget: 16 ms at 10,000 partners).`);
