// The Hugo site equivalent to a generated hub, for the build benchmark
// (benches/build/run.sh): one Markdown page per partner and per guide with
// the same English text, a listing page of all partners, and taxonomy pages
// for the nine service areas. Layouts are small but complete pages (header,
// quick-exit link, crisis lines, navigation, main content, footer), like
// haven's; minification is the `--minify` flag of the benchmark.

import fs from 'node:fs';
import path from 'node:path';

const SERVICE_AREAS = {
  basic_needs: 'Basic needs',
  career_services: 'Career services',
  education: 'Education',
  health_care: 'Health care',
  interpretation_services: 'Interpretation services',
  legal_services: 'Legal services',
  empowerment_tools: 'Empowerment tools',
  transportation: 'Transportation',
  healing_cultural_services: 'Healing and cultural services',
};

const CONFIG = `baseURL = "https://hub.statewide-coalition.example.org/"
title = "California Statewide Survivor Resource Hub"
languageCode = "en"
# Only what the comparison needs: no feeds, no default tags or categories.
disableKinds = ["RSS"]
[taxonomies]
  service_area = "service_areas"
[markup.goldmark.renderer]
  unsafe = false
`;

const BASEOF = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ .Site.Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<aside class="quick-exit"><a class="quick-exit__link" href="https://www.bbc.co.uk/weather" rel="nofollow noreferrer">Exit this page</a></aside>
<header class="site-header"><a class="skip-link" href="#main">Skip to main content</a>
<a class="site-title" href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<section class="crisis-lines" aria-labelledby="crisis-lines-heading">
<h2 id="crisis-lines-heading">Free, confidential help, any time</h2>
<ul>
<li>National Human Trafficking Hotline <a href="tel:+18883737888">1-888-373-7888</a> 24/7</li>
<li>National Domestic Violence Hotline <a href="tel:+18007997233">1-800-799-7233</a> 24/7</li>
<li>988 Suicide &amp; Crisis Lifeline <a href="tel:988">988</a> 24/7</li>
</ul>
</section>
<nav aria-label="Main"><ul>
<li><a href="{{ "/partners/" | relURL }}">All partners</a></li>
<li><a href="{{ "/service_areas/" | relURL }}">Services</a></li>
<li><a href="{{ "/guides/" | relURL }}">Guides</a></li>
</ul></nav>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ .Site.Title }}</p></footer>
</body>
</html>
`;

const SINGLE = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ with .GetTerms "service_areas" }}<ul class="areas">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}
</article>
{{ end }}
`;

const CARD = `<li class="card"><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>`;

const LIST = `{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="cards">
{{ range .Pages.ByTitle }}{{ partial "card.html" . }}
{{ end }}</ul>
{{ end }}
`;

const TAXONOMY = `{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
`;

const HOME = `{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<ul class="tiles">
{{ range (site.GetPage "/service_areas").Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
`;

const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;margin:0}
.quick-exit{position:sticky;top:0;display:flex;justify-content:flex-end;padding:.5rem 1rem;background:#fff}
.quick-exit__link{background:#b00020;color:#fff;padding:.5rem 1rem;font-weight:700}
main{max-width:45rem;margin:0 auto;padding:1rem}
.cards{list-style:none;padding:0}.card{border-top:1px solid #ccc;padding:.5rem 0}
`;

/** A YAML double-quoted scalar (JSON strings are valid ones). */
const quoted = (text) => JSON.stringify(text);

function partnerPage(partner) {
  const areas = [...new Set(partner.services.flatMap((s) => s.categories))];
  const lines = [
    '---',
    `title: ${quoted(partner.name)}`,
    `summary: ${quoted(partner.summary)}`,
    `service_areas: [${areas.map(quoted).join(', ')}]`,
    `county: ${quoted(partner.county.full)}`,
    '---',
    '',
    partner.description,
    '',
    '## Services',
    '',
  ];
  for (const service of partner.services) lines.push(`### ${service.nameEn}`, '', service.descEn, '');
  return lines.join('\n');
}

/** Writes the Hugo site for `partners` (with summary and description) and
 * the guides' Markdown (haven's front matter is valid Hugo front matter). */
export function writeHugoSite(dir, partners, guides) {
  fs.rmSync(dir, { recursive: true, force: true });
  const files = {
    'hugo.toml': CONFIG,
    'layouts/_default/baseof.html': BASEOF,
    'layouts/_default/single.html': SINGLE,
    'layouts/_default/list.html': LIST,
    'layouts/_default/taxonomy.html': TAXONOMY,
    'layouts/_default/term.html': LIST,
    'layouts/index.html': HOME,
    'layouts/partials/card.html': CARD,
    'static/style.css': STYLE,
    'content/partners/_index.md': '---\ntitle: All partners\n---\n',
    'content/guides/_index.md': '---\ntitle: Guides\n---\n',
    'content/service_areas/_index.md': '---\ntitle: Services\n---\n',
  };
  for (const [code, label] of Object.entries(SERVICE_AREAS)) {
    files[`content/service_areas/${code}/_index.md`] = `---\ntitle: ${quoted(label)}\n---\n`;
  }
  for (const partner of partners) files[`content/partners/${partner.id}.md`] = partnerPage(partner);
  for (const [slug, markdown] of guides) files[`content/guides/${slug}.md`] = markdown;
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return Object.keys(files).length;
}
