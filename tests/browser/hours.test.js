// "Open now" on partner pages, in each language and in the partner's time
// zone, with the browser's clock fixed.
"use strict";

const { test: nodeTest } = require("node:test");
const assert = require("node:assert/strict");
const { sharedSiteAndBrowser } = require("./harness");

const test = (name, fn) => nodeTest(name, { timeout: 120_000 }, fn);
const shared = sharedSiteAndBrowser();
const PAGE = "/partners/casa-de-refugio-riverbend/";

/** The status line above the page's first weekly hours table at `instant`. */
async function statusAt(instant, path = PAGE) {
  const context = await shared.browser.newContext({ timezoneId: "Europe/Berlin" });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(instant));
  await page.goto(shared.server.origin + path);
  const rows = await page.$$eval("table[data-timezone] tr[data-days]", (trs) => trs.map((tr) => [tr.dataset.days, tr.dataset.ranges]));
  const status = await page.evaluate(() => document.querySelector("table[data-timezone]")?.previousElementSibling?.textContent);
  await context.close();
  return { status, rows };
}

test("a weekday morning in the partner's time zone says open now", async () => {
  // Monday 23 November 2026, 10:00 in Denver (the browser is in Berlin).
  const { status, rows } = await statusAt("2026-11-23T17:00:00Z");
  assert.deepEqual(rows[0], ["mon-fri", "540-1020"], "the page's first table is Monday–Friday 9–5");
  assert.equal(status, "Open now");
});

test("outside the hours and on a closed day it says closed now", async () => {
  assert.equal((await statusAt("2026-11-24T02:00:00Z")).status, "Closed now", "Monday 19:00 in Denver");
  assert.equal((await statusAt("2026-11-22T19:00:00Z")).status, "Closed now", "Sunday noon in Denver");
});

test("the Spanish page says it in Spanish", async () => {
  assert.equal((await statusAt("2026-11-23T17:00:00Z", "/es" + PAGE)).status, "Abierto ahora");
});
