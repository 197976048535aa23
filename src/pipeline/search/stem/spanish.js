// The Snowball Spanish stemmer, as the rust-stemmers crate runs it when a
// site is built, for words already folded (src/pipeline/search/text.rs): with the
// accents gone, the suffixes written with one never match, so they are
// left out. Runs in the browser only on a query word the index does not
// hold. Checked against the build's stemmer on tests/search/stems.json.
HAVEN_SEARCH("stem-es", (word) => {
  let s = word;
  const vowel = (c) => !!c && "aeiou".includes(c);
  // The longest of the suffixes in `list` that `t` ends with and that
  // starts at `from` or later, or "".
  const end = (list, t = s, from = 0) => {
    let best = "";
    for (const x of list.split(" "))
      if (x.length > best.length && t.endsWith(x) && t.length - x.length >= from) best = x;
    return best;
  };
  const cut = (n, add = "") => (s = s.slice(0, s.length - n) + add);
  // Just after the first letter from i on that is (or is not) a vowel.
  const past = (i, isVowel) => {
    for (; i >= 0 && i < s.length; i++) if (vowel(s[i]) === isVowel) return i + 1;
    return -1;
  };
  const region = (i) => past(past(i, true), false);
  // RV, R1 and R2; a region that does not exist starts at the end.
  let rv = -1;
  if (s.length > 1)
    rv = vowel(s[1]) ? (vowel(s[0]) ? past(2, false) : s.length > 2 ? 3 : -1) : past(2, true);
  const r1 = region(0);
  const r2 = region(r1);
  const [pV, p1, p2] = [rv, r1, r2].map((p) => (p < 0 ? s.length : p));
  const inside = (p, n) => s.length - n >= p;
  const tryCut = (list, p) => {
    const x = end(list);
    if (x && inside(p, x.length)) return cut(x.length), x;
  };

  // An attached pronoun after a gerund or an infinitive.
  let x = end("me se sela selo selas selos la le lo las les los nos");
  if (x) {
    const verb = s.slice(0, -x.length);
    const form = end("ando iendo yendo ar er ir", verb);
    if (form && inside(pV, x.length + form.length) && (form !== "yendo" || verb[verb.length - 6] === "u")) s = verb;
  }

  const groups = [
    "anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas amiento amientos imiento imientos",
    "adora ador adoras adores aciones ante antes ancia ancias",
    "uciones",
    "encia encias",
    "amente",
    "mente",
    "idad idades",
    "iva ivo ivas ivos",
  ];
  const standard = () => {
    const x = end(groups.join(" "));
    const g = groups.findIndex((list) => list.split(" ").includes(x));
    if (!x || !inside(g === 4 ? p1 : p2, x.length)) return false;
    cut(x.length, ["", "", "u", "ente"][g] || "");
    if (g === 1) tryCut("ic", p2);
    if (g === 4 && tryCut("iv os ic ad", p2) === "iv") tryCut("at", p2);
    if (g === 5) tryCut("ante able ible", p2);
    if (g === 6) tryCut("abil ic iv", p2);
    if (g === 7) tryCut("at", p2);
    return true;
  };
  const yVerb = () => {
    const x = end("ya ye yan yen yeron yendo yo yas yes yais yamos", s, pV);
    return x && s[s.length - x.length - 1] === "u" && cut(x.length);
  };
  const verb = () => {
    const x = end(
      "en es emos aba ada ida ara iera ad ed id ase iese aste iste an aban aran ieran asen iesen aron ieron ado ido ando iendo ar er ir as abas adas idas aras ieras ases ieses abais arais ierais aseis ieseis asteis isteis ados idos amos aremos eremos iremos imos",
      s,
      pV,
    );
    if (!x) return;
    cut(x.length);
    if ((x === "en" || x === "es" || x === "emos") && s.endsWith("gu")) cut(1);
  };
  standard() || yVerb() || verb();

  x = end("os a o e");
  if (x && inside(pV, x.length)) {
    cut(x.length);
    if (x === "e" && s.endsWith("gu") && inside(pV, 1)) cut(1);
  }
  return s;
});
