// Accessibility of every generated page (docs/accessibility.md): axe-core in
// Chromium at phone and desktop widths, light and dark, with and without
// JavaScript; the Nu HTML Checker over every file; reflow; page weight.
"use strict";

const { test: nodeTest } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { sharedSiteAndBrowser, fakeOutside, pages, SITE } = require("./harness");

const test = (name, fn) => nodeTest(name, { timeout: 600_000 }, fn);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

const shared = sharedSiteAndBrowser();

for (const width of [320, 1280]) {
  for (const colorScheme of ["light", "dark"]) {
    for (const javaScriptEnabled of [true, false]) {
      const label = `${width}px, ${colorScheme}, JavaScript ${javaScriptEnabled ? "on" : "off"}`;
      test(`axe finds no violation on any page (${label})`, async () => {
        const context = await shared.browser.newContext({
          viewport: { width, height: 800 },
          colorScheme,
          // axe is injected by the test; the site's CSP would refuse it.
          bypassCSP: true,
        });
        await fakeOutside(context);
        // "JavaScript off" means the site's own scripts never run; the
        // browser keeps JavaScript so that axe itself can run.
        if (!javaScriptEnabled) await context.route("**/assets/*.js", (route) => route.abort());
        const page = await context.newPage();
        const problems = [];
        for (const url of pages()) {
          await page.goto(shared.server.origin + url);
          await page.addScriptTag({ content: AXE });
          const result = await page.evaluate(
            (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
            TAGS,
          );
          for (const violation of result.violations) {
            problems.push(`${url}: ${violation.id} (${violation.nodes.length}) ${violation.nodes[0].target.join(" ")}: ${violation.nodes[0].failureSummary}`);
          }
        }
        await context.close();
        assert.deepEqual(problems, []);
      });
    }
  }
}

test("the Nu HTML Checker finds no error in any page", () => {
  const jar = require.resolve("vnu-jar/build/dist/vnu.jar");
  let output = "";
  try {
    execFileSync("java", ["-jar", jar, "--skip-non-html", "--errors-only", "--format", "gnu", SITE], { stdio: "pipe" });
  } catch (error) {
    output = `${error.stdout}${error.stderr}`;
  }
  assert.equal(output.trim(), "", output);
});

test("pages reflow at 320 px and at 400% zoom without horizontal scrolling", async () => {
  // 400% zoom of a 1280 px window is a 320 CSS px viewport; check both sizes
  // of the main page types.
  for (const viewport of [{ width: 320, height: 640 }, { width: 320, height: 256 }]) {
    const context = await shared.browser.newContext({ viewport });
    await fakeOutside(context);
    const page = await context.newPage();
    for (const url of ["/", "/partners/", "/partners/casa-de-refugio-riverbend/", "/guides/making-a-referral/", "/safety/", "/data/", "/print/", "/services/legal_services/"]) {
      await page.goto(shared.server.origin + url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${url} scrolls sideways by ${overflow}px at ${viewport.width}x${viewport.height}`);
    }
    await context.close();
  }
});

test("page weight stays within its budget (HTML + CSS + JS, uncompressed)", () => {
  const budget = 50 * 1024;
  for (const file of ["index.html", "search/index.html", "partners/index.html", "partners/casa-de-refugio-riverbend/index.html"]) {
    const html = fs.readFileSync(path.join(SITE, file), "utf8");
    // The stylesheet and scripts this page loads (the search index loads
    // only when someone searches).
    const assets = [...new Set(html.match(/assets\/[^"' >]+\.(?:css|js)/g))];
    const assetBytes = assets.reduce((sum, asset) => sum + fs.statSync(path.join(SITE, asset)).size, 0);
    const total = Buffer.byteLength(html) + assetBytes;
    console.log(`page weight ${file}: ${Buffer.byteLength(html)} B HTML + ${assetBytes} B CSS/JS (${assets.length} files) = ${total} B (budget ${budget} B)`);
    assert.ok(assets.length >= 2, `${file} loads its stylesheet and quick exit`);
    assert.ok(total <= budget, `${file} weighs ${total} B`);
  }
});
