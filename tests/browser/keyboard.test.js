// Keyboard walk-through of each page type: the Tab order starts with the
// exit, then the skip link, the navigation and the main content; every
// interactive element is reached; focus is always visible and never hidden
// under the sticky exit bar.
"use strict";

const { test: nodeTest } = require("node:test");
const assert = require("node:assert/strict");
const { sharedSiteAndBrowser, fakeOutside } = require("./harness");

const test = (name, fn) => nodeTest(name, { timeout: 300_000 }, fn);

const PAGE_TYPES = [
  "/",
  "/search/",
  "/partners/",
  "/partners/casa-de-refugio-riverbend/",
  "/services/legal_services/",
  "/languages/",
  "/guides/making-a-referral/",
  "/safety/",
  "/data/",
  "/print/",
];

const shared = sharedSiteAndBrowser();

for (const width of [320, 1280]) {
  test(`Tab walks every page type in order with visible, unobscured focus (${width}px)`, async () => {
    const context = await shared.browser.newContext({ viewport: { width, height: 700 } });
    await fakeOutside(context);
    const page = await context.newPage();
    for (const url of PAGE_TYPES) {
      await page.goto(shared.server.origin + url);
      const focusable = await page.evaluate(
        () => [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])")].filter((el) => el.checkVisibility()).length,
      );
      const visited = [];
      for (let step = 0; step < focusable + 5; step++) {
        await page.keyboard.press("Tab");
        const state = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          el.setAttribute("data-visited", "");
          // The first line box: a link that wraps has an empty centre.
          const box = el.getClientRects()[0] || el.getBoundingClientRect();
          const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
          const y = Math.min(Math.max(box.top + Math.min(box.height, 20) / 2, 0), innerHeight - 1);
          const top = document.elementFromPoint(x, y);
          const style = getComputedStyle(el);
          return {
            region: el.hasAttribute("data-quick-exit") ? "exit" : el.classList.contains("skip-link") ? "skip" : el.closest("nav.site-nav") ? "nav" : el.closest("main") ? "main" : el.closest("header") ? "header" : el.closest("footer") ? "footer" : "other",
            unobscured: !!top && (top === el || el.contains(top) || top.contains(el)),
            visible: style.outlineStyle !== "none" || style.boxShadow !== "none" || style.backgroundColor !== "rgba(0, 0, 0, 0)",
            label: `${el.tagName} ${el.textContent.trim().slice(0, 40)}`,
          };
        });
        if (!state) break;
        if (visited.length && state.region === "exit" && visited.some((v) => v.region !== "exit")) break; // wrapped round
        visited.push(state);
        assert.ok(state.visible, `${url}: focus not visible on ${state.label}`);
        assert.ok(state.unobscured, `${url}: ${state.label} is hidden under another element when focused`);
      }
      const order = visited.map((v) => v.region);
      assert.equal(order[0], "exit", `${url}: first Tab stop is ${order[0]}`);
      const first = (region) => order.indexOf(region);
      assert.ok(first("skip") > 0 && first("skip") < first("nav"), `${url}: skip link before navigation (${order.join(",")})`);
      assert.ok(first("nav") < first("main"), `${url}: navigation before main content`);
      const missed = await page.evaluate(
        () => // Rendered controls only: filter boxes inside closed <details> and
          // hidden buttons cannot take focus until they are shown.
          [...document.querySelectorAll("a[href], button, input, select, textarea, summary")].filter((el) => el.checkVisibility() && !el.hasAttribute("data-visited")).map((el) => el.textContent.trim().slice(0, 40)),
      );
      assert.deepEqual(missed, [], `${url}: not reachable by Tab`);
    }
    await context.close();
  });
}
