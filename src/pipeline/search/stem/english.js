// The Snowball English stemmer ("Porter2"), as the rust-stemmers crate runs
// it when a site is built, for words already folded (src/pipeline/search/text.rs).
// The index holds every word of the site; this runs in the browser only on
// a query word the index does not hold, so that "pantries" finds "pantry".
// Checked against the build's stemmer on tests/search/stems.json.
HAVEN_SEARCH("stem-en", (word) => {
  // Words the rules would get wrong: "from:to", or a word left as it is.
  for (const pair of "skis:ski skies:sky dying:die lying:lie tying:tie idly:idl gently:gentl ugly:ugli early:earli only:onli singly:singl sky news howe atlas cosmos bias andes".split(" ")) {
    const [from, to] = pair.split(":");
    if (word === from) return to || from;
  }
  if (word.length < 3) return word;
  const vowel = (c) => !!c && "aeiouy".includes(c);
  // The longest of the suffixes in `list` that `s` ends with, or "".
  const end = (list) => {
    let best = "";
    for (const x of list.split(" ")) if (x.length > best.length && s.endsWith(x)) best = x;
    return best;
  };
  const cut = (n, add = "") => (s = s.slice(0, s.length - n) + add);

  // A y that acts as a consonant is marked Y.
  let s = "";
  for (let i = 0; i < word.length; i++)
    s += word[i] === "y" && (i === 0 || vowel(s[i - 1])) ? "Y" : word[i];

  // R1 and R2: after the first non-vowel that follows a vowel.
  const past = (i) => {
    while (i < s.length && !vowel(s[i])) i++;
    i++;
    while (i < s.length && vowel(s[i])) i++;
    return Math.min(i + 1, s.length);
  };
  const special = /^(gener|commun|arsen)/.exec(s);
  const p1 = special ? special[0].length : past(0);
  const p2 = past(p1);
  // Whether a suffix of n letters lies in the region starting at p.
  const inside = (p, n) => s.length - n >= p;
  // A short syllable ends at i.
  const short = (i) =>
    (i > 2 && !"aeiouywxY".includes(s[i - 1]) && vowel(s[i - 2]) && !vowel(s[i - 3])) ||
    (i === 2 && vowel(s[0]) && !vowel(s[1]));

  let x = end("sses ied ies s us ss");
  if (x === "sses") cut(2);
  else if (x === "ied" || x === "ies") cut(3, s.length > 4 ? "i" : "ie");
  else if (x === "s" && /[aeiouy]/.test(s.slice(0, -2))) cut(1);

  if (!/^(inning|outing|canning|herring|earring|proceed|exceed|succeed)$/.test(s)) {
    x = end("eed eedly ed edly ing ingly");
    if (x === "eed" || x === "eedly") {
      if (inside(p1, x.length)) cut(x.length, "ee");
    } else if (x && /[aeiouy]/.test(s.slice(0, -x.length))) {
      cut(x.length);
      if (end("at bl iz")) cut(0, "e");
      else if (end("bb dd ff gg mm nn pp rr tt")) cut(1);
      else if (s.length === p1 && short(s.length)) cut(0, "e");
    }

    if (/[yY]$/.test(s) && s.length > 2 && !vowel(s[s.length - 2])) cut(1, "i");

    const step2 = {
      tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize",
      ization: "ize", ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al",
      alli: "al", fulness: "ful", ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive",
      biliti: "ble", bli: "ble", ogi: "og", fulli: "ful", lessli: "less", li: "",
    };
    x = end(Object.keys(step2).join(" "));
    const before = s[s.length - x.length - 1];
    if (x && inside(p1, x.length) && (x !== "ogi" || before === "l") && (x !== "li" || "cdeghkmnrt".includes(before)))
      cut(x.length, step2[x]);

    const step3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
    x = end(Object.keys(step3).join(" "));
    if (x && inside(p1, x.length) && (x !== "ative" || inside(p2, 5))) cut(x.length, step3[x]);

    x = end("al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize ion");
    if (x && inside(p2, x.length) && (x !== "ion" || "st".includes(s[s.length - 4] || "-"))) cut(x.length);

    x = end("e l");
    if (x === "e" && (inside(p2, 1) || (inside(p1, 1) && !short(s.length - 1)))) cut(1);
    else if (x === "l" && inside(p2, 1) && s[s.length - 2] === "l") cut(1);
  }
  return s.replace(/Y/g, "y");
});
