// Search (docs/search.md). Reads the index that src/search/ writes: classic
// scripts calling HAVEN_SEARCH(key, data), injected on demand, so search
// works from file:// with no fetch, module, worker or WASM. The query is
// never written to the URL, history or storage.
(() => {
  const d = document;
  const box = d.querySelector("[data-search]");
  const script = d.currentScript;
  if (!box || !script || window.HAVEN_SEARCH) return;
  const $ = (s) => box.querySelector(s);
  const $$ = (s) => [...box.querySelectorAll(s)];
  const text = (name, n, q) =>
    (box.getAttribute("data-s-" + name) || "").replace("{n}", n).replace("{q}", q);
  // The site's root: this script lives in <root>/assets/.
  const base = script.src.replace(/assets\/[^/]*$/, "");

  // ---- loading: one promise per file, resolved when it calls back
  const got = {};
  const waiting = {};
  window.HAVEN_SEARCH = (key, data) => {
    got[key] = data;
    waiting[key]?.(data);
  };
  const promised = {};
  const load = (key, file) =>
    got[key]
      ? Promise.resolve(got[key])
      : (promised[key] ||= new Promise((resolve, reject) => {
          waiting[key] = resolve;
          const tag = d.createElement("script");
          tag.src = base + file;
          tag.onerror = () => {
            delete promised[key];
            reject();
          };
          d.head.append(tag);
        }));

  // ---- text: must match src/search/text.rs (tests/search-vectors.json)
  const words = (s) =>
    s
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .split(/[^\p{Alphabetic}\p{N}]+/u)
      .filter(Boolean);

  // A32 numbers, see src/search/a32.rs
  const digit = new Int8Array(128);
  [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789ghijklmnopqrstuvwxyz-_"].forEach(
    (c, i) => (digit[c.charCodeAt(0)] = i),
  );
  const numbers = (s, each) => {
    let value = 0;
    let shift = 0;
    for (let i = 0; i < s.length; i++) {
      const x = digit[s.charCodeAt(i)];
      value += (x & 31) * 2 ** shift;
      if (x < 32) {
        each(value);
        value = shift = 0;
      } else shift += 5;
    }
  };
  const list = (s) => {
    const out = [];
    numbers(s || "", (v) => out.push(v));
    return out;
  };

  // ---- the index
  let ix;
  const open = () =>
    ix
      ? Promise.resolve(ix)
      : load("head", box.getAttribute("data-index")).then((h) => {
          const dict = [];
          let previous = "";
          for (const entry of h.words.split(",")) {
            previous = previous.slice(0, entry.charCodeAt(0) - 48) + entry.slice(1);
            dict.push(previous);
          }
          const wordClass = [];
          let next = 0;
          numbers(h.wc, (v) => wordClass.push(v ? v - 1 : next++));
          const df = list(h.df);
          const start = [0];
          df.forEach((n, c) => start.push(start[c] + n));
          // Weight of each field mask: the sum of its fields' weights, so
          // a word in a name, a service and a summary counts more than in
          // one of them.
          const weight = [];
          for (let m = 0; m < 128; m++) weight[m] = h.weights.reduce((sum, w, i) => (m & (1 << i) ? sum + w : sum), 0);
          return (ix = {
            h,
            dict,
            where: new Map(dict.map((w, i) => [w, i])),
            wordClass,
            df,
            start,
            weight,
            doc: new Int32Array(start[df.length]),
            mask: new Uint8Array(start[df.length]),
            filled: new Set(),
            fac: [],
            stop: new Set(h.stop),
            rel: new Map(Object.entries(h.rel)),
          });
        });

  // Postings of classes [from, to) into the flat arrays.
  const fill = (from, to, data) => {
    const gaps = list(data.g);
    const masks = list(data.m);
    const first = ix.start[from];
    for (let c = from; c < to; c++)
      for (let k = ix.start[c], doc = 0; k < ix.start[c + 1]; k++)
        (doc += gaps[k - first]), (ix.doc[k] = doc), (ix.mask[k] = masks[k - first]);
  };

  const shardOf = (c) => {
    const p = ix.h.p;
    let s = 0;
    while (s + 1 < p.length && p[s + 1][0] <= c) s++;
    return s;
  };
  const postings = (classes) => {
    if (ix.h.post) {
      if (!ix.filled.size) fill(0, ix.df.length, ix.h.post), ix.filled.add(0);
      return Promise.resolve();
    }
    const shards = new Set(classes.map(shardOf));
    return Promise.all(
      [...shards].map((s) => {
        const [from, file] = ix.h.p[s];
        return load("p" + s, file).then((data) => {
          if (ix.filled.has(s)) return;
          ix.filled.add(s);
          fill(from, s + 1 < ix.h.p.length ? ix.h.p[s + 1][0] : ix.df.length, data);
        });
      }),
    );
  };
  // Facet values per partner, for the facets in `need` (one file each
  // when the index is split).
  const facets = (need) =>
    Promise.all(
      ix.h.facets.map((_, f) =>
        ix.fac[f] || !need[f]
          ? ix.fac[f]
          : (ix.h.fac ? Promise.resolve(ix.h.fac[f]) : load("f" + f, ix.h.f[f])).then((s) => {
              const values = [];
              let left = -1;
              let doc;
              numbers(s, (v) => {
                if (left < 0) (doc = []), values.push(doc), (left = v);
                else doc.push(v), left--;
                if (!left) left = -1;
              });
              return (ix.fac[f] = values);
            }),
      ),
    );
  const displays = (docs) => {
    if (ix.h.docs) return Promise.resolve(docs.map((i) => ix.h.docs[i]));
    const [size, files] = ix.h.d;
    const shards = [...new Set(docs.map((i) => (i / size) | 0))];
    return Promise.all(shards.map((s) => load("d" + s, files[s]))).then(() =>
      docs.map((i) => got["d" + ((i / size) | 0)][i % size]),
    );
  };

  // Optimal string alignment distance, stopping early beyond `max`.
  // Three rotating rows of 64 cells: no allocation per dictionary word.
  const grid = new Int32Array(192);
  const distance = (a, b, max) => {
    const n = b.length;
    if (Math.abs(a.length - n) > max || n > 63) return max + 1;
    let two = 0;
    let one = 64;
    let row = 128;
    for (let j = 0; j <= n; j++) grid[row + j] = j;
    for (let i = 1; i <= a.length; i++) {
      [two, one, row] = [one, row, two];
      grid[row] = i;
      let low = i;
      for (let j = 1; j <= n; j++) {
        let v = Math.min(grid[one + j] + 1, grid[row + j - 1] + 1, grid[one + j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, grid[two + j - 2] + 1);
        grid[row + j] = v;
        if (v < low) low = v;
      }
      if (low > max) return max + 1;
    }
    return grid[row + n];
  };

  // Word classes a query term stands for, with a match quality: exact 1,
  // same stem 0.9, prefix (last term while typing) 0.8, a need's record
  // words 0.7, one edit 0.5, two edits 0.3. src/search/query.rs ranks the
  // same way in Rust: a change here is made there too.
  const candidates = (term, prefix) => {
    const found = new Map();
    const addClass = (c, q) => found.get(c) >= q || found.set(c, q);
    const add = (i, q) => addClass(ix.wordClass[i], q);
    // A need in everyday words ("sleep") also finds what records call
    // what meets it ("shelter").
    for (const c of ix.rel.get(term) || []) addClass(c, 0.7);
    const exact = ix.where.get(term);
    if (exact !== undefined) add(exact, 1);
    // A word the index does not hold ("pantries", "razones"): the index
    // words that share its stem in a language the index stems, sought
    // among those that share its first three letters.
    else
      for (const [code] of ix.h.stem) {
        const stem = got["stem-" + code];
        const s = stem && stem(term);
        if (s) ix.dict.forEach((w, i) => w.startsWith(s.slice(0, 3)) && stem(w) === s && add(i, 0.9));
      }
    if (prefix && term.length > 1)
      ix.dict.forEach((w, i) => w.length > term.length && w.startsWith(term) && add(i, 0.8));
    let fix = "";
    const max = term.length < 5 ? 0 : term.length < 9 ? 1 : 2;
    if (!found.size && max) {
      let fixDistance = 9;
      ix.dict.forEach((w, i) => {
        const e = distance(term, w, max);
        if (e > max) return;
        add(i, e < 2 ? 0.5 : 0.3);
        if (e < fixDistance || (e === fixDistance && ix.df[ix.wordClass[i]] > ix.df[ix.wordClass[ix.where.get(fix)]]))
          (fix = w), (fixDistance = e);
      });
    }
    return { found, fix, term };
  };

  // One search: ranked document ids, facet counts and a note.
  const search = async (query, chosen, shown) => {
    await open();
    const selected = ix.h.facets.map((f) => chosen[f.k] || new Set());
    const n = ix.h.n;
    const np = ix.h.np;
    const terms = words(query).filter((w) => !ix.stop.has(w));
    const typing = !/\s$/.test(query);
    // Stemmers load the first time a word is not in the index.
    if (terms.some((t) => !ix.where.has(t)))
      await Promise.all(ix.h.stem.map(([code, file]) => load("stem-" + code, file).catch(() => {})));
    // A word the index has nothing for ("tonight") is left out.
    const all = terms.map((t, i) => candidates(t, typing && i === terms.length - 1));
    const cands = all.filter((c) => c.found.size);
    await postings(cands.flatMap((c) => [...c.found.keys()]));
    const filtering = selected.some((s) => s.size);
    // Counts for the facets on show, filters for the facets chosen.
    const wanted = ix.h.facets.map((f, i) => selected[i].size || shown.has(f.k));
    const fac = await facets(wanted);

    // Per document: score, query words matched, fields matched.
    const score = new Float64Array(n);
    const matched = new Uint8Array(n);
    const fields = new Uint8Array(n);
    const termScore = new Float64Array(n);
    for (const { found } of cands) {
      termScore.fill(0);
      for (const [c, quality] of found) {
        const idf = Math.log(1 + n / ix.df[c]);
        for (let k = ix.start[c]; k < ix.start[c + 1]; k++) {
          const d = ix.doc[k];
          const s = quality * idf * ix.weight[ix.mask[k]];
          if (s > termScore[d]) termScore[d] = s;
          fields[d] |= ix.mask[k];
        }
      }
      for (let i = 0; i < n; i++) if (termScore[i]) (score[i] += termScore[i]), matched[i]++;
    }
    const spread = (m) => (m ? (m & 1) + spread(m >> 1) : 0);
    let hits = [];
    let note = "";
    if (!terms.length) {
      if (filtering) for (let i = 0; i < np; i++) hits.push(i);
    } else {
      for (let i = 0; i < n; i++) if (matched[i] && matched[i] === cands.length) hits.push(i);
      if (!hits.length && cands.length > 1) {
        for (let i = 0; i < n; i++) if (matched[i]) hits.push(i);
        if (hits.length) note = text("any");
      }
      // Say what was searched for when a word was corrected or left out.
      if (hits.length && (cands.length < terms.length || cands.some((c) => c.fix)))
        note = text("fuzzy", 0, cands.map((c) => c.fix || c.term).join(" "));
    }

    // Facets: OR within one, AND across them; an access fact ("all")
    // requires each checked value. Counts leave out the facet's own
    // selection (except "all" facets), so they say what a click would give.
    const passes = (doc, f) => {
      const s = selected[f];
      if (!s.size) return true;
      const values = fac[f][doc];
      return ix.h.facets[f].all ? [...s].every((v) => values.includes(v)) : values.some((v) => s.has(v));
    };
    const counts = ix.h.facets.map((f, i) => fac[i] && new Array(f.c.length).fill(0));
    const results = [];
    for (const doc of hits) {
      if (doc >= np) {
        if (!filtering) results.push(doc);
        continue;
      }
      let failed = -1;
      let failures = 0;
      for (let f = 0; f < fac.length; f++)
        if (!passes(doc, f)) (failed = f), failures++;
      if (!failures) results.push(doc);
      for (let f = 0; f < fac.length; f++)
        if (counts[f] && (!failures || (failures === 1 && failed === f && !ix.h.facets[f].all)))
          for (const v of fac[f][doc]) counts[f][v]++;
    }
    results.sort(
      (a, b) =>
        matched[b] - matched[a] || score[b] - score[a] || spread(fields[b]) - spread(fields[a]) || a - b,
    );
    const classes = new Set(cands.flatMap((c) => [...c.found.keys()]));
    return { results, counts, note, classes, empty: !terms.length && !filtering };
  };

  // ---- the page
  const form = $("[data-search-form]");
  const input = $("[data-search-input]");
  const status = $("[data-search-status]");
  const count = $("[data-search-count]");
  const noteLine = $("[data-search-note]");
  const listing = $("[data-search-results]");
  const more = $("[data-search-more]");
  const boxes = $$("[data-facet-value]");
  const totals = boxes.map((b) => b.parentNode.querySelector(".filter__count").textContent);
  const labelOf = (key, v) => $(`[for="filter-${key}-${v}"]`)?.firstChild.textContent.trim();
  const page = +box.getAttribute("data-page-size") || 20;
  let run = 0;
  let shown = [];
  let matched = new Set();
  let announce;

  const el = (tag, content, attrs) => {
    const node = d.createElement(tag);
    node.append(...[].concat(content || []));
    for (const k in attrs || {}) node.setAttribute(k, attrs[k]);
    return node;
  };
  const link = (path, anchor) =>
    base + path + "/" + (ix.h.portable ? "index.html" : "") + (anchor ? "#" + anchor : "");
  const fact = (label, values) =>
    values.length ? [el("span", [el("strong", label + ": "), values.join(", ")]), " "] : [];
  const row = (doc, shownData) => {
    if (doc >= ix.h.np) {
      const [title, slug, anchor, heading] = shownData;
      return el("li", [
        el("a", heading ? title + ": " + heading : title, { href: link("guides/" + slug, anchor) }),
        el("p", text("guide"), { class: "result__facts" }),
      ], { class: "result" });
    }
    const [name, id, phone, tel, areas, languages, counties, summary, services, flags, interpreted] = shownData;
    const named = (key, s) => list(s).map((v) => labelOf(key, v));
    const facts = [
      ...fact(text("services"), named("area", areas)),
      ...fact(text("languages"), named("language", languages)),
      ...fact(text("interpreted"), named("language", interpreted)),
      ...fact(text("area"), named("county", counties)),
    ];
    // Badges: the panel's data-s-badges labels, by position.
    const labels = text("badges").split("|");
    const badges = list(flags).map((b) => el("li", labels[b], { class: "badge" + (b > 4 ? " badge--" + (b > 5 ? "aging" : "police") : "") }));
    const call = phone
      ? [el("p", [text("call") + " ", tel ? el("a", phone, { href: tel, class: "tel" }) : phone])]
      : [];
    // Why it matched: the services whose names hold a query word, else
    // the summary, query words marked.
    const offers = services.map(marked).filter((parts) => parts.some((p) => p.nodeType)).slice(0, 3);
    const why = offers.length
      ? el("p", [text("offers") + " ", ...offers.flatMap((parts, i) => (i ? ["; ", ...parts] : parts))])
      : summary && el("p", marked(summary));
    return el("li", [
      el("a", name, { href: link("partners/" + id) }),
      ...(why ? [why] : []),
      ...(badges.length ? [el("ul", badges, { class: "badges", "aria-label": text("badges-label") })] : []),
      el("p", facts, { class: "result__facts" }),
      ...call,
    ], { class: "result" });
  };
  // Text with the words of the current query's word classes marked.
  const marked = (s) =>
    s
      .split(/([\p{Alphabetic}\p{N}]+)/u)
      .map((part, i) => (i % 2 && matched.has(ix.wordClass[ix.where.get(words(part)[0])]) ? el("mark", part) : part));

  const showMore = async (results, from, id) => {
    const docs = results.slice(from, from + page);
    const data = await displays(docs);
    if (id !== run) return;
    listing.append(...docs.map((doc, i) => row(doc, data[i])));
    shown = results;
    more.hidden = from + page >= results.length;
  };

  const update = async () => {
    const id = ++run;
    listing.setAttribute("aria-busy", "true");
    const selected = {};
    let chosen = 0;
    for (const b of boxes)
      if (b.checked) (selected[b.getAttribute("data-facet-value")] ||= new Set()).add(+b.value), chosen++;
    if (filterCount) filterCount.textContent = chosen ? text("active", chosen) : "";
    let answer;
    try {
      const showing = new Set($$("details[data-facet][open]").map((f) => f.getAttribute("data-facet")));
      answer = await search(input.value, selected, showing);
    } catch {
      status.textContent = count.textContent = text("error");
      listing.removeAttribute("aria-busy");
      return;
    }
    if (id !== run) return;
    const { results, counts, note, classes, empty } = answer;
    matched = classes;
    listing.textContent = "";
    // A live region of its own: announced when the correction changes.
    if (noteLine.textContent !== note) noteLine.textContent = note;
    boxes.forEach((b, i) => {
      const key = b.getAttribute("data-facet-value");
      const f = ix.h.facets.findIndex((x) => x.k === key);
      // With no words and no filter, the counts of the whole hub stand.
      const c = empty ? null : counts[f]?.[+b.value];
      if (c === undefined) return;
      b.parentNode.querySelector(".filter__count").textContent = c === null ? totals[i] : `(${c})`;
      b.parentNode.toggleAttribute("data-zero", c === 0);
    });
    more.hidden = true;
    if (!empty) await showMore(results, 0, id);
    if (id !== run) return;
    // On a phone the keyboard covers the lower half of the screen, and on
    // any screen the first result may fall below the fold: the box then
    // moves to the top, the results right under it.
    const first = listing.firstElementChild;
    const seen = visualViewport?.height || innerHeight;
    const phone = matchMedia("(max-width: 48rem)").matches;
    if (first && (first.getBoundingClientRect().top + 48 > seen || (phone && input.getBoundingClientRect().top > seen / 5)))
      input.scrollIntoView({ block: "start" });
    listing.removeAttribute("aria-busy");
    clearTimeout(announce);
    const message = empty ? "" : results.length ? text(results.length === 1 ? "one" : "many", results.length) : text("none");
    // Shown at once; announced once typing pauses, not on every keystroke.
    count.textContent = message;
    announce = setTimeout(() => (status.textContent = message), 700);
  };

  // Filters sit behind one toggle on a phone, open where there is room.
  const filterCount = $("[data-filter-count]");
  if (matchMedia("(min-width: 48rem)").matches) $("[data-search-filters]")?.setAttribute("open", "");
  form.hidden = false;
  $("[data-search-fallback]").hidden = true;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  input.addEventListener("input", update);
  input.addEventListener("focus", () => open().catch(() => {}), { once: true });
  box.addEventListener("change", (event) => event.target.matches("[data-facet-value]") && update());
  $$("details[data-facet]").forEach((f) => f.addEventListener("toggle", () => f.open && update()));
  more.addEventListener("click", () => {
    const next = listing.children.length;
    showMore(shown, next, run).then(() => listing.children[next]?.querySelector("a")?.focus());
  });
  $("[data-search-clear]").addEventListener("click", () => {
    input.value = "";
    boxes.forEach((b) => (b.checked = false));
    update();
    input.focus();
  });
  // Leave nothing behind for Back, bfcache or form restoration.
  addEventListener("pagehide", () => {
    input.value = "";
    boxes.forEach((b) => (b.checked = false));
    listing.textContent = status.textContent = count.textContent = noteLine.textContent = "";
  });
})();
