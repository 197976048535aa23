// Takes the screenshots of screenshots.sh: each page kind at each size, in
// each language and colour scheme, then one contact sheet per page kind
// to look at them side by side.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { serve, launch } = require("./harness");

const SIZES = [
  [360, 640],
  [390, 844],
  [1280, 800],
];
const SCHEMES = ["light", "dark"];
const LANGUAGES = ["", "es/"];
// FULL_PAGE=1 takes each page whole instead of its first screen: to compare
// a change of markup that should look the same, pixel for pixel.
const FULL_PAGE = process.env.FULL_PAGE === "1";
// Page kind → path (without the language prefix), and what to do first.
const KINDS = {
  home: { path: "" },
  search: { path: "", query: "abogado gratis" },
  partner: { path: "partners/casa-de-refugio-riverbend/" },
  partners: { path: "partners/" },
  "service-area": { path: "services/legal_services/" },
  "service-areas": { path: "services/" },
  guide: { path: "guides/safety-planning/" },
  guides: { path: "guides/" },
  safety: { path: "safety/" },
  data: { path: "data/" },
  print: { path: "print/" },
  "not-found": { path: "no-such-page/" },
};

async function main() {
  const out = process.argv[2];
  fs.mkdirSync(out, { recursive: true });
  const server = await serve();
  const browser = await launch();
  for (const [kind, { path: where, query }] of Object.entries(KINDS)) {
    const shots = [];
    for (const language of LANGUAGES) {
      for (const scheme of SCHEMES) {
        for (const [width, height] of SIZES) {
          const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
          const page = await context.newPage();
          await page.goto(`${server.origin}/${kind === "not-found" ? "" : language}${where}`);
          if (query) {
            await page.fill("#search-input", query);
            await page.waitForSelector("[data-search-results] > li");
          }
          const name = `${kind}-${language ? "es" : "en"}-${scheme}-${width}.png`;
          await page.screenshot({ path: path.join(out, name), fullPage: FULL_PAGE });
          shots.push({ name, width, height, label: `${language ? "es" : "en"} ${scheme} ${width}x${height}` });
          await context.close();
        }
      }
      if (kind === "not-found") break;
    }
    await contactSheet(browser, out, kind, shots);
  }
  await browser.close();
  await server.close();
}

/** One image of a page kind's screenshots, each a third of its size. */
async function contactSheet(browser, out, kind, shots) {
  const scale = 1 / 3;
  const cells = shots
    .map(({ name, width, height, label }) => {
      const data = fs.readFileSync(path.join(out, name)).toString("base64");
      return `<figure><img src="data:image/png;base64,${data}" width="${Math.round(width * scale)}"${FULL_PAGE ? "" : ` height="${Math.round(height * scale)}"`} alt=""><figcaption>${label}</figcaption></figure>`;
    })
    .join("");
  const context = await browser.newContext({ viewport: { width: 1400, height: 600 } });
  const page = await context.newPage();
  await page.setContent(
    `<style>body{margin:8px;font:12px sans-serif;display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start}figure{margin:0}img{display:block;border:1px solid #888}</style><h1 style="width:100%;margin:0;font-size:16px">${kind}</h1>${cells}`,
  );
  await page.screenshot({ path: path.join(out, `sheet-${kind}.jpg`), fullPage: true, type: "jpeg", quality: 70 });
  await context.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
