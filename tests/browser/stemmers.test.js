// The query-side stemmers (src/pipeline/search/stem/*.js) against the stems the
// build computes (tests/search/stems.json, checked against rust-stemmers
// by tests/search.rs): a query word the index does not hold must meet
// the words the index joined at build time. No browser needed.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const REPO = path.join(__dirname, "..", "..");
const VECTORS = JSON.parse(fs.readFileSync(path.join(REPO, "tests/search/stems.json"), "utf8"));

/** The stem function a stemmer file hands to HAVEN_SEARCH. */
function stemmer(file) {
  const got = {};
  vm.runInNewContext(fs.readFileSync(path.join(REPO, "src/pipeline/search/stem", file), "utf8"), {
    HAVEN_SEARCH: (key, stem) => (got[key] = stem),
  });
  return Object.values(got)[0];
}

for (const [language, file] of [["en", "english.js"], ["es", "spanish.js"]]) {
  test(`the ${language} query stemmer gives the build's stems`, () => {
    const stem = stemmer(file);
    const wrong = Object.entries(VECTORS[language]).filter(([word, expected]) => stem(word) !== expected);
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${Object.keys(VECTORS[language]).length} words differ`);
    assert.ok(Object.keys(VECTORS[language]).length > 2000);
  });
}
