// A portable build (`haven build --portable`) opened from a folder, as from
// a USB stick: pages, styles, scripts, both languages and the quick exit
// work from file:// with no server (search from file:// is in
// search.test.js).
"use strict";

const { test: nodeTest, before, after } = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { launch, fakeOutside, history, DESTINATION } = require("./harness");

const test = (name, fn) => nodeTest(name, { timeout: 120_000 }, fn);
const SITE = process.env.HAVEN_PORTABLE_SITE;
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The portable home page in a fresh context; `problems` collects failed
 * loads, script errors and console errors. */
async function openHome() {
  assert.ok(SITE, "run through tests/browser/run.sh");
  const context = await browser.newContext();
  const exits = await fakeOutside(context);
  const page = await context.newPage();
  const problems = [];
  page.on("requestfailed", (request) => problems.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  await page.goto("file://" + path.join(SITE, "index.html"));
  return { context, page, exits, problems };
}

/** Follows the first link matching `selector` and checks where it lands. */
async function follow(page, selector, expected) {
  await Promise.all([page.waitForEvent("load"), page.click(selector)]);
  const url = page.url();
  assert.ok(url.startsWith("file://") && url.endsWith("/index.html"), url);
  assert.match(url, expected);
  return url;
}

async function styled(page) {
  return page.evaluate(() => getComputedStyle(document.querySelector(".quick-exit")).position);
}

test("a portable site browses from file:// page to page, styled, in both languages", async () => {
  const { context, page, problems } = await openHome();
  assert.equal(await styled(page), "sticky", "the stylesheet loads from the folder");
  await follow(page, 'main a[href="services/legal_services/index.html"]', /\/services\/legal_services\/index\.html$/);
  await follow(page, 'main a[href*="partners/juniper-county-legal-aid/"]', /\/partners\/juniper-county-legal-aid\/index\.html$/);
  assert.match(await page.title(), /Juniper County Legal Aid/);
  await follow(page, "a[hreflang=es]", /\/es\/partners\/juniper-county-legal-aid\/index\.html$/);
  assert.equal(await page.getAttribute("html", "lang"), "es");
  assert.equal(await styled(page), "sticky");
  await follow(page, "a.site-title", /\/es\/index\.html$/);
  await follow(page, "a[hreflang=en]", new RegExp(SITE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "/index\\.html$"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("the quick exit leaves a portable site and keeps one hub entry in history", async () => {
  const { context, page, exits, problems } = await openHome();
  await follow(page, 'main a[href="services/legal_services/index.html"]', /legal_services/);
  await follow(page, 'main a[href*="partners/juniper-county-legal-aid/"]', /juniper-county-legal-aid/);
  const hubEntries = (await history(page)).urls.filter((url) => url.startsWith("file://"));
  assert.equal(hubEntries.length, 1, "in-site navigation replaced the entry: " + hubEntries);
  await page.click(".quick-exit__link");
  await page.waitForURL(DESTINATION);
  assert.equal(exits.length, 1);
  const after = (await history(page)).urls.filter((url) => url.startsWith("file://"));
  assert.deepEqual(after, [], "no page of the hub is left in the tab's history");
  assert.deepEqual(problems, []);
  await context.close();
});
