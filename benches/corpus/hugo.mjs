// The Hugo site that builds what haven builds from a generated hub, for the
// build benchmark (benches/build/run.sh): both languages (English, and
// Spanish with the records' translations where they have one), a page per
// partner and per guide, the partner listing and the service-area,
// population, language and county pages (24 partners a page, each partner as
// a card with its summary, badges, services, languages, counties and call
// link, as haven's cards), and a JSON file of every partner per language.
// Layouts give every page what haven's pages have around the content (head,
// quick-exit link, crisis lines, language switcher, navigation, footer);
// minification is the `--minify` flag of the benchmark.

import fs from 'node:fs';
import path from 'node:path';

export const SERVICE_AREAS = {
  basic_needs: ['Basic Needs', 'Necesidades básicas'],
  career_services: ['Career Services', 'Servicios de empleo'],
  education: ['Education', 'Educación'],
  health_care: ['Health Care', 'Atención médica'],
  interpretation_services: ['Interpretation Services', 'Servicios de interpretación'],
  legal_services: ['Legal Services', 'Servicios legales'],
  empowerment_tools: ['Empowerment Tools', 'Herramientas de empoderamiento'],
  transportation: ['Transportation', 'Transporte'],
  healing_cultural_services: ['Healing and Cultural Services', 'Sanación y servicios culturales'],
};

export const LANGUAGES = { en: 0, es: 1 };

export const STRINGS = {
  en: {
    title: 'California Statewide Survivor Resource Hub', exit: 'Exit this page', skip: 'Skip to main content',
    help: 'Free, confidential help, any time', partners: 'All partners', services: 'Services', guides: 'Guides',
    populations: 'Who we serve', languages: 'Languages', counties: 'Counties', call: 'Call', glance: 'At a glance',
    count: 'partners', free: 'Free', police: 'No police report needed', always: 'Open 24/7', walk: 'Walk-ins welcome',
    confidential: 'Confidential', what: 'What we offer',
  },
  es: {
    title: 'Centro de recursos para sobrevivientes de California', exit: 'Salir de esta página', skip: 'Ir al contenido principal',
    help: 'Ayuda gratuita y confidencial, a cualquier hora', partners: 'Todas las organizaciones', services: 'Servicios', guides: 'Guías',
    populations: 'A quién servimos', languages: 'Idiomas', counties: 'Condados', call: 'Llame', glance: 'De un vistazo',
    count: 'organizaciones', free: 'Gratis', police: 'No se necesita denuncia policial', always: 'Abierto 24/7', walk: 'Sin cita',
    confidential: 'Confidencial', what: 'Lo que ofrecemos',
  },
};

const CONFIG = `baseURL = "https://hub.statewide-coalition.example.org/"
title = "${STRINGS.en.title}"
defaultContentLanguage = "en"
# Only what the comparison needs: no feeds, no default tags or categories.
disableKinds = ["RSS"]
paginate = 24
[outputs]
  home = ["HTML", "JSON"]
[taxonomies]
  service = "services"
  population = "populations"
  language = "languages"
  county = "counties"
[markup.goldmark.renderer]
  unsafe = false
[languages]
  [languages.en]
    weight = 1
    languageName = "English"
    contentDir = "content/en"
  [languages.es]
    weight = 2
    languageName = "Español"
    contentDir = "content/es"
    title = "${STRINGS.es.title}"
`;

/** The crisis lines every page of both peer sites shows, under `heading`. */
export const crisisLines = (heading) => `<section class="crisis-lines" aria-labelledby="crisis-lines-heading">
<h2 id="crisis-lines-heading">${heading}</h2>
<ul>
<li>National Human Trafficking Hotline <a href="tel:+18883737888">1-888-373-7888</a> 24/7</li>
<li>National Domestic Violence Hotline <a href="tel:+18007997233">1-800-799-7233</a> 24/7</li>
<li>988 Suicide &amp; Crisis Lifeline <a href="tel:988">988</a> 24/7</li>
</ul>
</section>`;

const string = (key) => `{{ index (index site.Data.strings $.Lang) "${key}" }}`;

const BASEOF = `<!doctype html>
<html lang="{{ .Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">{{ end }}
<link rel="stylesheet" href="{{ "style.css" | absURL }}">
</head>
<body>
<aside class="quick-exit" aria-label="${string('exit')}"><a class="quick-exit__link" href="https://www.bbc.co.uk/weather" rel="nofollow noreferrer">${string('exit')}</a></aside>
<header class="site-header"><a class="skip-link" href="#main">${string('skip')}</a>
<a class="site-title" href="{{ "/" | relLangURL }}">{{ site.Title }}</a>
<nav class="language-switcher" aria-label="Language"><ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}" lang="{{ .Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
</header>
${crisisLines(string('help'))}
<nav aria-label="Main"><ul>
<li><a href="{{ "/partners/" | relLangURL }}">${string('partners')}</a></li>
<li><a href="{{ "/services/" | relLangURL }}">${string('services')}</a></li>
<li><a href="{{ "/populations/" | relLangURL }}">${string('populations')}</a></li>
<li><a href="{{ "/languages/" | relLangURL }}">${string('languages')}</a></li>
<li><a href="{{ "/counties/" | relLangURL }}">${string('counties')}</a></li>
<li><a href="{{ "/guides/" | relLangURL }}">${string('guides')}</a></li>
</ul></nav>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
`;

const SINGLE = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ with .GetTerms "services" }}<ul class="areas">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}
</article>
{{ end }}
`;

const CARD = `<li><article class="card"><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}{{ with .Params.badges }}<ul class="badges" aria-label="${string('glance')}">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}<dl><dt>${string('services')}</dt><dd>{{ with .Params.service_labels }}{{ delimit . ", " }}{{ end }}</dd><dt>${string('languages')}</dt><dd>{{ with .Params.language_labels }}{{ delimit . ", " }}{{ end }}</dd><dt>${string('counties')}</dt><dd>{{ with .Params.counties }}{{ delimit . ", " }}{{ end }}</dd>{{ with .Params.call }}<dt>${string('call')}</dt><dd><a class="tel" href="tel:{{ .href }}">{{ .number }}</a> <span class="muted">{{ .label }}</span></dd>{{ end }}</dl></article></li>`;

const LIST = `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages.ByTitle }}
<p>{{ len .Pages }} ${string('count')}</p>
<ul class="cards">
{{ range $pager.Pages }}{{ partial "card.html" . }}
{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
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
<h1>{{ site.Title }}</h1>
<ul class="tiles">
{{ range (site.GetPage "/services").Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
`;

// Every partner, as /data/partners.json is: one object per partner.
const HOME_JSON = `[{{ range $i, $p := where site.RegularPages "Section" "partners" }}{{ if $i }},{{ end }}{{ dict "id" $p.File.ContentBaseName "name" $p.Title "page" $p.Permalink "summary" $p.Params.summary "service_areas" $p.Params.service_labels "languages" $p.Params.language_labels "counties" $p.Params.counties | jsonify }}{{ end }}]
`;

const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;margin:0}
.quick-exit{position:sticky;top:0;display:flex;justify-content:flex-end;padding:.5rem 1rem;background:#fff}
.quick-exit__link{background:#b00020;color:#fff;padding:.5rem 1rem;font-weight:700}
main{max-width:45rem;margin:0 auto;padding:1rem}
.cards{list-style:none;padding:0}.card{border-top:1px solid #ccc;padding:.5rem 0}
.badges{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;padding:0}.badges>li{border:1px solid;border-radius:1rem;padding:0 .5rem}
`;

/** A YAML double-quoted scalar (JSON strings are valid ones). */
const quoted = (text) => JSON.stringify(text);
const list = (items) => `[${items.map(quoted).join(', ')}]`;

/** What haven's card says at a glance, from the services. */
function badges(partner, strings) {
  const any = (test) => partner.services.some(test);
  return [
    [any((s) => s.cost === 'free'), strings.free],
    [any((s) => s.le === 'not_required'), strings.police],
    [partner.phones.some((p) => p.hours === '24/7') || any((s) => s.hours === '24/7'), strings.always],
    [any((s) => s.walkIn), strings.walk],
    [any((s) => s.conf === 'confidential'), strings.confidential],
  ].filter(([on]) => on).map(([, label]) => label);
}

/** What a partner's page and card show in `language`: its text in that
 * language when the record has a translation, else the English, like
 * haven's. Shared by the Hugo and Zola sites. */
export function partnerView(partner, language, languageNames) {
  const at = LANGUAGES[language];
  const spanish = language === 'es' && partner.translated;
  const strings = STRINGS[language];
  const areas = [...new Set(partner.services.flatMap((s) => s.categories))];
  const call = partner.phones.find((p) => p.kind === 'voice');
  const body = [spanish ? partner.descriptionEs : partner.description, '', `## ${strings.what}`, ''];
  for (const service of partner.services) {
    body.push(`### ${spanish ? service.nameEs : service.nameEn}`, '', spanish ? service.descEs : service.descEn, '');
  }
  return {
    title: spanish ? partner.nameEs : partner.name,
    summary: spanish ? partner.summaryEs : partner.summary,
    services: areas,
    service_labels: areas.map((a) => SERVICE_AREAS[a]?.[at] ?? a),
    populations: [...new Set(partner.services.flatMap((s) => s.populations))],
    languages: partner.languages,
    language_labels: partner.languages.map((l) => languageNames[l]?.[at] ?? l),
    counties: partner.counties,
    badges: badges(partner, strings),
    call: call && { href: call.number.replace(/[^0-9+]/g, ''), number: call.number, label: call.label },
    body: body.join('\n'),
  };
}

function partnerPage(partner, language, languageNames) {
  const view = partnerView(partner, language, languageNames);
  const lines = ['---', `title: ${quoted(view.title)}`, `summary: ${quoted(view.summary)}`];
  for (const key of ['services', 'service_labels', 'populations', 'languages', 'language_labels', 'counties', 'badges']) {
    lines.push(`${key}: ${list(view[key])}`);
  }
  if (view.call) lines.push('call:', ...Object.entries(view.call).map(([k, v]) => `  ${k}: ${quoted(v)}`));
  lines.push('---', '', view.body);
  return lines.join('\n');
}

/** Writes the Hugo site for `partners` and the guides' Markdown (haven's
 * front matter is valid Hugo front matter) in both languages. */
export function writeHugoSite(dir, partners, guides, languageNames) {
  fs.rmSync(dir, { recursive: true, force: true });
  const files = {
    'hugo.toml': CONFIG,
    'data/strings.json': JSON.stringify(STRINGS),
    'layouts/_default/baseof.html': BASEOF,
    'layouts/_default/single.html': SINGLE,
    'layouts/_default/list.html': LIST,
    'layouts/_default/taxonomy.html': TAXONOMY,
    'layouts/_default/term.html': LIST,
    'layouts/index.html': HOME,
    'layouts/index.json': HOME_JSON,
    'layouts/partials/card.html': CARD,
    'static/style.css': STYLE,
  };
  for (const [language, at] of Object.entries(LANGUAGES)) {
    const strings = STRINGS[language];
    const content = `content/${language}`;
    files[`${content}/partners/_index.md`] = `---\ntitle: ${quoted(strings.partners)}\n---\n`;
    files[`${content}/guides/_index.md`] = `---\ntitle: ${quoted(strings.guides)}\n---\n`;
    for (const [section, title] of [['services', strings.services], ['populations', strings.populations], ['languages', strings.languages], ['counties', strings.counties]]) {
      files[`${content}/${section}/_index.md`] = `---\ntitle: ${quoted(title)}\n---\n`;
    }
    for (const [code, labels] of Object.entries(SERVICE_AREAS)) {
      files[`${content}/services/${code}/_index.md`] = `---\ntitle: ${quoted(labels[at])}\n---\n`;
    }
    for (const partner of partners) files[`${content}/partners/${partner.id}.md`] = partnerPage(partner, language, languageNames);
    for (const [slug, markdown] of guides) files[`${content}/guides/${slug}.md`] = markdown;
  }
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return Object.keys(files).length;
}
