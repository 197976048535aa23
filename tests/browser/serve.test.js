// `haven serve` in a real browser: a copy of the example site served by
// haven itself; saving a file reloads the open page, a mistake shows the
// accessible errors panel over the last good page (under the site's CSP),
// fixing it reloads the page without the panel.
"use strict";

const { test: nodeTest, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn } = require("node:child_process");
const { launch, fakeOutside } = require("./harness");

const test = (name, fn) => nodeTest(name, { timeout: 120_000 }, fn);
const HAVEN = process.env.HAVEN_BIN || path.join(__dirname, "..", "..", "target", "debug", "haven");
const EXAMPLE = path.join(__dirname, "..", "..", "example-site");
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const FILE = "partners/casa-de-refugio-riverbend.yaml";
const PAGE = "/partners/casa-de-refugio-riverbend/";
const NAME = "name: Casa de Refugio Riverbend";

let work, hub, server, origin, browser;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "haven-serve-test-"));
  hub = path.join(work, "hub");
  fs.cpSync(EXAMPLE, hub, { recursive: true, filter: (source) => !source.startsWith(path.join(EXAMPLE, "public")) });
  server = spawn(HAVEN, ["serve", "--quiet", "--port", "0", "--today", "2026-11-23", "--root", hub, "--output", path.join(work, "site")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  origin = await new Promise((resolve, reject) => {
    let seen = "";
    server.stdout.on("data", (chunk) => {
      seen += chunk;
      const found = seen.match(/http:\/\/[0-9.:]+/);
      if (found) resolve(found[0]);
    });
    server.on("exit", (code) => reject(new Error(`haven serve exited with ${code}`)));
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
  fs.rmSync(work, { recursive: true, force: true });
});

function edit(from, to) {
  const file = path.join(hub, FILE);
  const text = fs.readFileSync(file, "utf8");
  assert.ok(text.includes(from), `${FILE} has ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

/** A page of the served site whose live script is listening. */
async function open() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await fakeOutside(context);
  const page = await context.newPage();
  const refused = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  const listening = page.waitForResponse((response) => response.url().endsWith("/__haven/events"));
  await page.goto(origin + PAGE);
  await listening;
  return { context, page, refused };
}

const heading = (page) => page.locator("main h1").first().textContent();

test("saving a file reloads the open page with the change", async () => {
  const { context, page, refused } = await open();
  assert.match(await heading(page), /Casa de Refugio Riverbend/);
  const reloaded = page.waitForEvent("load");
  edit(NAME, "name: Casa de Refugio Riverbend Renamed");
  await reloaded;
  assert.match(await heading(page), /Casa de Refugio Riverbend Renamed/);
  const back = page.waitForEvent("load");
  edit("name: Casa de Refugio Riverbend Renamed", NAME);
  await back;
  assert.doesNotMatch(await heading(page), /Renamed/);
  assert.deepEqual(refused, [], "the live script runs under the site's CSP");
  await context.close();
});

test("a mistake shows the errors over the last good page until it is fixed", async () => {
  const { context, page, refused } = await open();
  edit(NAME, 'name: ""');
  const panel = page.getByRole("alertdialog", { name: "The site could not be rebuilt: 1 error" });
  await panel.waitFor();
  const text = await panel.textContent();
  assert.match(text, /error\[E011\]: partners\/casa-de-refugio-riverbend\.yaml:6:1: name: name is empty/);
  assert.match(text, /help: /);
  assert.match(await heading(page), /Casa de Refugio Riverbend/, "the last good page stays");
  assert.equal(await page.evaluate(() => document.activeElement.id), "haven-problems", "focus moves to the errors");

  // The panel itself passes axe (evaluated, not injected: the CSP stays on).
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run("#haven-problems", { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.nodes[0].failureSummary}`);
  });
  assert.deepEqual(violations, []);

  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "detached" });

  const reloaded = page.waitForEvent("load");
  edit('name: ""', NAME);
  await reloaded;
  assert.equal(await page.getByRole("alertdialog").count(), 0, "no panel once fixed");
  assert.match(await heading(page), /Casa de Refugio Riverbend/);
  assert.deepEqual(refused, []);
  await context.close();
});
