// Quick exit and survivor safety in a real browser: the acceptance checks
// of README.md (numbers in test names), with real input events.
"use strict";

const { test: nodeTest } = require("node:test");
const assert = require("node:assert/strict");
const { sharedSiteAndBrowser, fakeOutside, history, pages, pause, DESTINATION, START } = require("./harness");

const shared = sharedSiteAndBrowser();

// No test may hang CI: each gets a minute.
const test = (name, fn) => nodeTest(name, { timeout: 60_000 }, fn);

/** A fresh context whose outside world is answered locally. */
async function open(path = "/", options = {}) {
  const context = await shared.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options.context });
  const exits = await fakeOutside(context, options);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  if (path !== null) await page.goto(shared.server.origin + path);
  return { context, page, exits, errors };
}

const H1 = "/partners/";
const H2_LINK = 'main a[href*="partners/casa-de-refugio-riverbend/"]';

async function arriveFromStart(page) {
  await page.goto(START);
  await page.goto(shared.server.origin + H1);
}

test("1, 6, 28: every page has one exit link, referrer policy, notice before the skip link, and a strict CSP", async () => {
  const { context, page } = await open(null);
  for (const path of pages()) {
    await page.goto(shared.server.origin + path);
    const facts = await page.evaluate(() => {
      const exits = [...document.querySelectorAll(".quick-exit__link")];
      const notice = document.querySelector(".quick-exit p.visually-hidden");
      const skip = document.querySelector(".skip-link");
      const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || "";
      const inline = [...document.querySelectorAll("*")].some(
        (el) => [...el.attributes].some((a) => a.name.startsWith("on") || a.name === "style"),
      );
      return {
        exits: exits.length,
        href: exits[0]?.href,
        rel: exits[0]?.rel,
        referrer: document.querySelector('meta[name="referrer"]')?.content,
        noticeFirst: !!(notice && skip && notice.compareDocumentPosition(skip) & Node.DOCUMENT_POSITION_FOLLOWING),
        csp,
        inlineScripts: [...document.scripts].filter((s) => !s.src).length,
        styleElements: document.querySelectorAll("style").length,
        inline,
      };
    });
    assert.equal(facts.exits, 1, path);
    assert.equal(facts.href, DESTINATION, path);
    assert.match(facts.rel, /noreferrer/, path);
    assert.equal(facts.referrer, "no-referrer", path);
    assert.ok(facts.noticeFirst, `${path}: screen-reader notice must come before the skip link`);
    for (const directive of ["default-src 'self'", "script-src 'self'", "base-uri 'self'", "object-src 'none'", "form-action"]) {
      assert.ok(facts.csp.includes(directive), `${path}: CSP lacks ${directive}`);
    }
    assert.ok(!facts.csp.includes("unsafe-inline"), path);
    assert.equal(facts.inlineScripts, 0, path);
    assert.equal(facts.styleElements, 0, path);
    assert.equal(facts.inline, false, `${path}: inline handler or style attribute`);
  }
  await context.close();
});

test("2: the first Tab reaches the exit link itself, the only one on the page", async () => {
  const { context, page } = await open("/guides/");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => ({
    exit: document.activeElement.classList.contains("quick-exit__link"),
    exits: document.querySelectorAll("[data-quick-exit]").length,
    name: document.activeElement.textContent,
    visible: document.activeElement.getBoundingClientRect().width > 1,
  }));
  assert.ok(focused.exit, "the red exit link takes the first Tab");
  assert.equal(focused.exits, 1, "no second exit link appears on focus");
  assert.match(focused.name, /Exit/);
  assert.ok(focused.visible);
  await context.close();
});

test("3: the exit stays in the viewport after scrolling, at 320 px and desktop width", async () => {
  for (const width of [320, 1280]) {
    const { context, page } = await open("/partners/", { context: { viewport: { width, height: 640 } } });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await pause(50);
    const box = await page.locator(".quick-exit__link").boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 640 && box.x >= 0 && box.x + box.width <= width, `width ${width}: ${JSON.stringify(box)}`);
    await context.close();
  }
});

test("5: the exit is hidden when printing, and crisis lines folded on a phone print open", async () => {
  const { context, page } = await open("/print/", { context: { viewport: { width: 390, height: 844 } } });
  assert.equal(await page.locator(".crisis-lines .tel").first().isVisible(), false, "folded on a phone");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".quick-exit__link").isVisible(), false);
  assert.equal(await page.locator(".crisis-lines .tel").first().isVisible(), true, "printed open");
  await context.close();
});

test("7, 8, 11: a click replaces the entry, leaves no hub entry, and sends no referrer", async () => {
  const { context, page, exits } = await open(null);
  await arriveFromStart(page);
  await page.click(H2_LINK);
  await page.waitForURL(/casa-de-refugio-riverbend/);
  const before = await history(page);
  const hubEntries = before.urls.filter((url) => url.startsWith(shared.server.origin));
  assert.equal(hubEntries.length, 1, "in-site navigation replaced the entry: " + before.urls);

  await page.click(".quick-exit__link");
  await page.waitForURL(DESTINATION);
  const afterExit = await history(page);
  assert.equal(afterExit.urls.length, before.urls.length, "history did not grow");
  assert.equal(afterExit.urls[afterExit.currentIndex], DESTINATION);
  assert.ok(!afterExit.urls.some((url) => url.startsWith(shared.server.origin)), "no hub entry remains: " + afterExit.urls);

  assert.equal(exits.length, 1);
  assert.equal(exits[0].headers.referer, undefined, "no Referer header");
  assert.equal(await page.evaluate(() => document.referrer), "");

  await page.goBack();
  assert.equal(page.url(), START, "Back lands on the page before the hub");
  await context.close();
});

test("10: in the same task as the click, the title is neutral and the page is covered and hidden", async () => {
  const { context, page } = await open("/partners/");
  // beforeunload runs inside location.replace(), before any request leaves:
  // the state it sees is what a person sees until the destination answers.
  await page.evaluate(() => {
    const probe = document.createElement("div");
    probe.style.background = "Canvas";
    document.documentElement.append(probe);
    addEventListener("beforeunload", () => {
      const cover = document.querySelector(".qe-overlay");
      const box = cover?.getBoundingClientRect();
      console.log("exit-state " + JSON.stringify({
        title: document.title,
        role: cover?.getAttribute("role"),
        covers: !!box && box.width >= innerWidth && box.height >= innerHeight,
        background: cover && getComputedStyle(cover).backgroundColor,
        canvas: getComputedStyle(probe).backgroundColor,
        othersHidden: [...document.body.children]
          .filter((el) => el !== cover)
          .every((el) => getComputedStyle(el).display === "none"),
      }));
    });
  });
  const message = page.waitForEvent("console", (m) => m.text().startsWith("exit-state "));
  await page.click(".quick-exit__link");
  const state = JSON.parse((await message).text().slice("exit-state ".length));
  assert.equal(state.title, "New Tab");
  assert.equal(state.role, "alert");
  assert.ok(state.covers);
  assert.equal(state.background, state.canvas);
  assert.ok(state.othersHidden);
  await page.waitForURL(DESTINATION);
  await context.close();
});

test("11: the secondary link and Shift x3 send no referrer either", async () => {
  for (const activate of [
    async (page) => {
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
    },
    async (page) => {
      for (let i = 0; i < 3; i++) await page.keyboard.press("Shift");
    },
  ]) {
    const { context, page, exits } = await open("/safety/");
    await activate(page);
    await page.waitForURL(DESTINATION);
    assert.equal(exits.length, 1);
    assert.equal(exits[0].headers.referer, undefined);
    assert.equal(await page.evaluate(() => document.referrer), "");
    await context.close();
  }
});

test("15, 16: Shift three times leaves without growing history, announcing each press", async () => {
  const { context, page } = await open(null);
  await arriveFromStart(page);
  const before = await history(page);
  const status = page.locator("[data-quick-exit-status]");
  await page.keyboard.press("Shift");
  assert.equal(await status.textContent(), "Shift, press 2 more times to exit.");
  await page.keyboard.press("Shift");
  assert.equal(await status.textContent(), "Shift, press 1 more time to exit.");
  await page.keyboard.press("Shift");
  await page.waitForURL(DESTINATION);
  const afterExit = await history(page);
  assert.equal(afterExit.urls.length, before.urls.length);
  assert.ok(!afterExit.urls.some((url) => url.startsWith(shared.server.origin)));
  await context.close();
});

test("17: presses more than 5 seconds apart expire and do not exit", async () => {
  const { context, page, exits } = await open("/guides/");
  await page.keyboard.press("Shift");
  await pause(6000);
  assert.equal(await page.locator("[data-quick-exit-status]").textContent(), "Exit this page expired.");
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await pause(500);
  assert.equal(exits.length, 0);
  assert.ok(page.url().startsWith(shared.server.origin));
  await context.close();
});

test("18: typing capitals (Shift as a modifier) never counts", async () => {
  const { context, page, exits } = await open("/guides/");
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.setAttribute("aria-label", "test");
    document.querySelector("main").prepend(input);
    input.focus();
  });
  for (const letter of "HELLO Women And Children") {
    if (letter === " ") {
      await page.keyboard.press("Space");
    } else if (letter === letter.toUpperCase()) {
      await page.keyboard.down("Shift");
      await page.keyboard.press(letter);
      await page.keyboard.up("Shift");
    } else {
      await page.keyboard.press(letter);
    }
    const presses = await page.locator("[data-quick-exit-root]").getAttribute("data-presses");
    assert.ok(presses === null || presses === "0", `indicator advanced after "${letter}"`);
  }
  await pause(300);
  assert.equal(exits.length, 0);
  await context.close();
});

test("19: another key between Shift presses starts the count over", async () => {
  const { context, page, exits } = await open("/guides/");
  await page.keyboard.press("Shift");
  await page.keyboard.press("a");
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await pause(500);
  assert.equal(exits.length, 0);
  await context.close();
});

test("20: Esc is not a trigger and is never prevented", async () => {
  const { context, page, exits } = await open("/guides/");
  await page.evaluate(() => {
    window.escPrevented = false;
    addEventListener("keydown", (e) => { if (e.key === "Escape" && e.defaultPrevented) window.escPrevented = true; });
    addEventListener("keyup", (e) => { if (e.key === "Escape" && e.defaultPrevented) window.escPrevented = true; });
  });
  for (let i = 0; i < 3; i++) await page.keyboard.press("Escape");
  await pause(500);
  assert.equal(exits.length, 0);
  assert.equal(await page.evaluate(() => window.escPrevented), false);
  await context.close();
});

test("21: without JavaScript the exit link still leaves, with no referrer", async () => {
  const { context, page, exits } = await open(null, { context: { javaScriptEnabled: false } });
  await page.goto(shared.server.origin + "/partners/");
  const before = await history(page);
  await page.click(".quick-exit__link");
  await page.waitForURL(DESTINATION);
  const afterExit = await history(page);
  assert.equal(afterExit.urls.length, before.urls.length + 1, "a plain link adds one entry (documented on the safety page)");
  assert.equal(exits[0].headers.referer, undefined);
  await context.close();
});

test("23: double activation navigates once and throws nothing", async () => {
  const double = await open("/partners/");
  await double.page.dblclick(".quick-exit__link");
  await double.page.waitForURL(DESTINATION);
  await pause(300);
  assert.equal(double.exits.length, 1);
  assert.deepEqual(double.errors, []);
  await double.context.close();

  const six = await open("/partners/");
  for (let i = 0; i < 6; i++) await six.page.keyboard.press("Shift").catch(() => {});
  await six.page.waitForURL(DESTINATION);
  await pause(300);
  assert.equal(six.exits.length, 1);
  assert.deepEqual(six.errors, []);
  await six.context.close();
});

test("22: when the destination cannot load, a page shown again is usable", async () => {
  const { context, page, exits } = await open("/guides/", { unreachable: true });
  const title = await page.title();
  await page.click(".quick-exit__link");
  while (exits.length === 0) await pause(10);
  await pause(300);
  assert.equal(await page.evaluate(() => document.querySelectorAll(".qe-overlay").length), 1, "covered while leaving");
  // What a back/forward-cache restore delivers to the page.
  const state = await page.evaluate(() => {
    dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
    return {
      hidden: document.body.classList.contains("qe-hidden"),
      covers: document.querySelectorAll(".qe-overlay").length,
      status: document.querySelector("[data-quick-exit-status]").textContent,
      title: document.title,
    };
  });
  assert.deepEqual(state, { hidden: false, covers: 0, status: "", title });
  await context.close();
});

test("25, 26, 27: no page requests another host, stores anything, or preconnects", async () => {
  const { context, page } = await open(null);
  const foreign = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(shared.server.origin)) foreign.push(request.url());
  });
  for (const path of pages()) {
    await page.goto(shared.server.origin + path);
    const hints = await page.evaluate(
      () => document.querySelectorAll('link[rel~="preconnect"], link[rel~="dns-prefetch"], link[rel~="prefetch"], link[rel~="prerender"], link[rel~="modulepreload"], script[type="speculationrules"]').length,
    );
    assert.equal(hints, 0, path);
  }
  assert.deepEqual(foreign, []);
  const stored = await page.evaluate(async () => ({
    cookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
    workers: (await navigator.serviceWorker.getRegistrations()).length,
  }));
  assert.deepEqual(stored, { cookie: "", local: 0, session: 0, databases: 0, caches: 0, workers: 0 });
  const cookies = await context.cookies();
  assert.deepEqual(cookies, []);
  await context.close();
});

test("30: every page links to the safety page, which says what the exit cannot do", async () => {
  const { context, page } = await open(null);
  for (const path of pages()) {
    await page.goto(shared.server.origin + path);
    // The safety page in the page's own language: /safety/ or /es/safety/.
    const safety = (path.match(/^\/[a-z]{2}\//) && !path.match(/^\/(assets|search)\//) ? path.slice(0, 4) : "/") + "safety/";
    const links = await page.evaluate((safety) => [...document.querySelectorAll("a")].some((a) => new URL(a.href).pathname === safety), safety);
    assert.ok(links, `${path} links ${safety}`);
  }
  await page.goto(shared.server.origin + "/safety/");
  const text = await page.evaluate(() => document.body.innerText);
  assert.match(text, /history is not deleted/);
  assert.match(text, /use a safer device/);
  assert.match(text, /www\.bbc\.co\.uk\/weather/, "the page says where the exit goes");
  assert.match(text, /JavaScript/);
  await page.goto(shared.server.origin + "/es/safety/");
  const spanish = await page.evaluate(() => document.body.innerText);
  assert.match(spanish, /www\.bbc\.co\.uk\/weather/, "the Spanish page says where the exit goes too");
  assert.equal(await page.getAttribute("html", "lang"), "es");
  await context.close();
});
