// Shared set-up for the browser tests: a static server for the built site
// on loopback, Debian's Chromium through playwright-core, and a stand-in
// for the quick-exit destination so no test touches the network.
"use strict";

const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const { chromium } = require("playwright-core");

const SITE = process.env.HAVEN_SITE || path.join(__dirname, "..", "..", "target", "browser-site");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// The example site's quick_exit.url; requests to it are answered locally.
const DESTINATION = "https://www.bbc.co.uk/weather";
const START = "https://start.example/";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".xml": "application/xml",
  ".txt": "text/plain",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".pdf": "application/pdf",
};

/** Serves a built site (SITE unless told) on 127.0.0.1 at an ephemeral
 * port; `served` lists every path requested. */
async function serve(site = SITE) {
  const served = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://localhost");
    served.push(url.pathname);
    let file = path.join(site, decodeURIComponent(url.pathname));
    if (!file.startsWith(site)) file = path.join(site, "404.html");
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    const found = fs.existsSync(file);
    if (!found) file = path.join(site, "404.html");
    const body = fs.readFileSync(file);
    response.writeHead(found ? 200 : 404, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "cache-control": "no-store",
    });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, served, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-quic",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

/**
 * Answers the destination and the start page locally and records every
 * request to the destination with its headers, so tests can count exits
 * and check the Referer. With `unreachable`, the destination answers 204 No
 * Content, so the navigation stops and the hub page stays where it was.
 */
async function fakeOutside(context, { unreachable } = {}) {
  const exits = [];
  await context.route(`${DESTINATION}**`, async (route) => {
    exits.push({ url: route.request().url(), headers: route.request().headers() });
    if (unreachable) return route.fulfill({ status: 204 });
    await route.fulfill({
      contentType: "text/html",
      body: "<!doctype html><title>Weather</title><p id=referrer></p>",
    });
  });
  await context.route(`${START}**`, (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Start</title><p>Start page</p>" }),
  );
  return exits;
}

/** The tab's history entries through the DevTools protocol. */
async function history(page) {
  const cdp = await page.context().newCDPSession(page);
  const { currentIndex, entries } = await cdp.send("Page.getNavigationHistory");
  await cdp.detach();
  return { currentIndex, urls: entries.map((entry) => entry.url) };
}

/**
 * Every page of the default language and, of the other languages (under
 * `/<lang>/`), one page of each kind: the same templates render both, so
 * sampling keeps the suite's time in proportion.
 */
function pages() {
  const all = allPages();
  const other = (url) => /^\/[a-z]{2,3}(-[A-Za-z0-9]+)?\//.test(url) && !/^\/(assets|search|partners|services|guides|populations|languages|counties|safety|print)\//.test(url);
  const kinds = new Set();
  return all.filter((url) => {
    if (!other(url)) return true;
    const kind = url.split("/").filter(Boolean).slice(1, 2).join("/") + (url.split("/").filter(Boolean).length > 2 ? "/*" : "");
    if (kinds.has(kind)) return false;
    kinds.add(kind);
    return true;
  });
}

/** Every HTML page of the built site, as URL paths. */
function allPages() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html")) found.push("/" + path.relative(SITE, full).split(path.sep).join("/"));
    }
  };
  walk(SITE);
  return found.sort().map((file) => file.replace(/index\.html$/, ""));
}

/**
 * One server and one browser for all tests of a file, started before the
 * first test and closed after the last. Read them as `shared.server` and
 * `shared.browser` inside tests.
 */
function sharedSiteAndBrowser() {
  const { before, after } = require("node:test");
  const shared = {};
  before(async () => {
    shared.server = await serve();
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { serve, launch, sharedSiteAndBrowser, fakeOutside, history, pages, allPages, pause, DESTINATION, START, SITE };
