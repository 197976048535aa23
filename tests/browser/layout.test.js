// The first screen on a phone and on a desktop (docs/accessibility.md):
// element positions measured at 360x640, 390x844 and 1280x800, in English
// and Spanish. On a phone the home page shows its search box and a partner
// page its name and first phone number before any scrolling; after typing,
// the first result shows right under the box; nothing scrolls sideways.
"use strict";

const { test: nodeTest } = require("node:test");
const assert = require("node:assert/strict");
const { sharedSiteAndBrowser } = require("./harness");

const test = (name, fn) => nodeTest(name, { timeout: 120_000 }, fn);
const shared = sharedSiteAndBrowser();
const PHONES = [
  [360, 640],
  [390, 844],
];
const PARTNER = "/partners/juniper-county-legal-aid/";

async function at(width, height, url) {
  const context = await shared.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(shared.server.origin + url);
  return { context, page };
}

/** Where an element is, relative to the first screen. */
const box = (page, selector) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: innerHeight };
  });

const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

for (const [width, height] of PHONES) {
  for (const home of ["/", "/es/"]) {
    test(`${width}x${height} ${home}: the search box is in the first screen, nothing scrolls sideways`, async () => {
      const { context, page } = await at(width, height, home);
      const input = await box(page, "#search-input");
      assert.ok(input.bottom <= height, `search box ends at ${input.bottom}px of ${height}`);
      // The box keeps most of the width: a long "clear" label moves below.
      const inputWidth = await page.$eval("#search-input", (el) => el.getBoundingClientRect().width);
      assert.ok(inputWidth >= 0.6 * width, `search box ${inputWidth}px wide of ${width}`);
      assert.equal(await sideways(page), 0);
      // The crisis lines are one line that opens.
      assert.equal(await page.$eval("[data-crisis-lines]", (d) => d.open), false);
      await page.click("[data-crisis-lines] > summary");
      assert.ok(await page.isVisible("[data-crisis-lines] .tel"));
      await context.close();
    });
  }

  test(`${width}x${height}: a partner page shows its name and first phone number in the first screen`, async () => {
    const { context, page } = await at(width, height, PARTNER);
    const name = await box(page, "main h1");
    const phone = await box(page, "main .contact .tel");
    assert.ok(name.top >= 0 && phone.bottom <= height, `phone ends at ${phone.bottom}px of ${height}`);
    assert.equal(await sideways(page), 0);
    await context.close();
  });

  test(`${width}x${height}: after typing, the count and the first result show under the box`, async () => {
    const { context, page } = await at(width, height, "/");
    await page.fill("#search-input", "legal");
    await page.waitForSelector("[data-search-results] > li");
    const count = await box(page, "[data-search-count]");
    assert.ok(count.top > 0 && count.bottom < height / 2 + 60, "the count shows at once, under the box");
    assert.match(await page.textContent("[data-search-count]"), /\d/);
    const input = await box(page, "#search-input");
    const first = await box(page, "[data-search-results] > li");
    assert.ok(first.top - input.bottom < 160, `the first result starts ${first.top - input.bottom}px under the box`);
    // With a phone's keyboard up, about half the screen is left.
    assert.ok(first.top + 48 <= height / 2 + 60, `the first result starts at ${first.top}px of ${height}`);
    assert.ok(input.top >= 0, "the box stays in sight");
    // Filters wait behind one toggle, which counts those chosen.
    assert.equal(await page.$eval("[data-search-filters]", (d) => d.open), false);
    await page.click("[data-search-filters] > summary");
    await page.click("details[data-facet=language] > summary");
    await page.check('[data-facet=language] label:has-text("Spanish")');
    await page.waitForSelector("[data-search-results]:not([aria-busy])", { state: "attached" });
    assert.match(await page.textContent("[data-filter-count]"), /1/);
    await context.close();
  });
}

test("1280x800: crisis lines and filters start open, nothing scrolls sideways", async () => {
  for (const url of ["/", "/es/", PARTNER]) {
    const { context, page } = await at(1280, 800, url);
    assert.equal(await page.$eval("[data-crisis-lines]", (d) => d.open), true, url);
    if (url !== PARTNER) assert.equal(await page.$eval("[data-search-filters]", (d) => d.open), true, url);
    assert.equal(await sideways(page), 0, url);
    await context.close();
  }
});

test("1280x800: a partner page puts how to reach them beside its services, the first phone in the first screen", async () => {
  const { context, page } = await at(1280, 800, PARTNER);
  const place = (selector) =>
    page.$eval(selector, (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top };
    });
  const contact = await place(".contact");
  const services = await place("#services-heading");
  const about = await place("#about-heading");
  const phone = await place(".contact .tel");
  assert.ok(contact.left > services.right, `contact (${contact.left}) right of the services (${services.right})`);
  assert.ok(contact.top <= about.top, "the contact starts level with the first section");
  assert.ok(phone.top < 800, "the first phone number is in the first screen");
  await context.close();
});
