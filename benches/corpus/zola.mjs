// The Zola site that builds what haven builds from a generated hub, the
// same pages as the Hugo site of hugo.mjs: both languages, a page per
// partner and per guide, the partner listing and the service-area,
// population, language and county pages (24 cards a page), and a JSON file
// of every partner per language (a section whose template writes JSON:
// Zola writes only templates' pages). Minified by `minify_html`.

import fs from 'node:fs';
import path from 'node:path';

import { LANGUAGES, STRINGS, crisisLines, partnerView } from './hugo.mjs';

const TAXONOMIES = ['services', 'populations', 'languages', 'counties']
  .map((name) => `{ name = "${name}", paginate_by = 24 }`)
  .join(', ');

const translations = (strings) =>
  Object.entries(strings).map(([key, text]) => `${key} = ${JSON.stringify(text)}`).join('\n');

const CONFIG = `base_url = "https://hub.statewide-coalition.example.org"
title = ${JSON.stringify(STRINGS.en.title)}
default_language = "en"
minify_html = true
build_search_index = false
generate_feeds = false
compile_sass = false
taxonomies = [${TAXONOMIES}]

[translations]
${translations(STRINGS.en)}

[languages.es]
title = ${JSON.stringify(STRINGS.es.title)}
taxonomies = [${TAXONOMIES}]

[languages.es.translations]
${translations(STRINGS.es)}
`;

const t = (key) => `{{ trans(key="${key}", lang=lang) }}`;

const BASE = `<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
<link rel="canonical" href="{{ current_url | default(value=config.base_url) }}">
<link rel="stylesheet" href="{{ get_url(path='style.css') }}">
</head>
<body>
<aside class="quick-exit" aria-label="${t('exit')}"><a class="quick-exit__link" href="https://www.bbc.co.uk/weather" rel="nofollow noreferrer">${t('exit')}</a></aside>
<header class="site-header"><a class="skip-link" href="#main">${t('skip')}</a>
<a class="site-title" href="{% if lang == 'en' %}{{ get_url(path='/') }}{% else %}{{ get_url(path='/' ~ lang ~ '/') }}{% endif %}">{{ config.title }}</a>
{% block switcher %}{% endblock switcher %}
</header>
${crisisLines(t('help'))}
{% set prefix = "" %}{% if lang != "en" %}{% set prefix = "/" ~ lang %}{% endif %}
<nav aria-label="Main"><ul>
<li><a href="{{ prefix }}/partners/">${t('partners')}</a></li>
<li><a href="{{ prefix }}/services/">${t('services')}</a></li>
<li><a href="{{ prefix }}/populations/">${t('populations')}</a></li>
<li><a href="{{ prefix }}/languages/">${t('languages')}</a></li>
<li><a href="{{ prefix }}/counties/">${t('counties')}</a></li>
<li><a href="{{ prefix }}/guides/">${t('guides')}</a></li>
</ul></nav>
<main id="main">
{% block main %}{% endblock main %}
</main>
<footer><p>{{ config.title }}</p></footer>
</body>
</html>
`;

const CARD = `{% macro card(page, lang) %}<li><article class="card"><h2><a href="{{ page.permalink }}">{{ page.title }}</a></h2>{% if page.extra.summary %}<p>{{ page.extra.summary }}</p>{% endif %}{% if page.extra.badges %}<ul class="badges" aria-label="${t('glance')}">{% for badge in page.extra.badges %}<li>{{ badge }}</li>{% endfor %}</ul>{% endif %}<dl><dt>${t('services')}</dt><dd>{{ page.extra.service_labels | default(value=[]) | join(sep=", ") }}</dd><dt>${t('languages')}</dt><dd>{{ page.extra.language_labels | default(value=[]) | join(sep=", ") }}</dd><dt>${t('counties')}</dt><dd>{{ page.extra.counties | default(value=[]) | join(sep=", ") }}</dd>{% if page.extra.call %}<dt>${t('call')}</dt><dd><a class="tel" href="tel:{{ page.extra.call.href }}">{{ page.extra.call.number }}</a> <span class="muted">{{ page.extra.call.label }}</span></dd>{% endif %}</dl></article></li>{% endmacro card %}
`;

const SWITCHER = `{% block switcher %}<nav class="language-switcher" aria-label="Language"><ul>{% for translation in page.translations %}<li><a href="{{ translation.permalink }}" lang="{{ translation.lang }}">{{ translation.lang }}</a></li>{% endfor %}</ul></nav>{% endblock switcher %}`;

const PAGE = `{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ config.title }}{% endblock title %}
${SWITCHER}
{% block main %}
<article>
<h1>{{ page.title }}</h1>
{% if page.extra.summary %}<p class="summary">{{ page.extra.summary }}</p>{% endif %}
{% if page.taxonomies.services %}<ul class="areas">{% for code in page.taxonomies.services %}<li><a href="{{ get_taxonomy_url(kind='services', name=code, lang=lang) }}">{{ code }}</a></li>{% endfor %}</ul>{% endif %}
{{ page.content | safe }}
</article>
{% endblock main %}
`;

const PAGINATION = `{% if paginator.number_pagers > 1 %}<nav class="pagination">{% if paginator.previous %}<a href="{{ paginator.previous }}">‹</a>{% endif %} {{ paginator.current_index }} / {{ paginator.number_pagers }} {% if paginator.next %}<a href="{{ paginator.next }}">›</a>{% endif %}</nav>{% endif %}`;

const SECTION = `{% extends "base.html" %}
{% import "macros.html" as macros %}
{% block title %}{{ section.title }} · {{ config.title }}{% endblock title %}
{% block main %}
<h1>{{ section.title }}</h1>
<p>{{ paginator.total_pages | default(value=section.pages | length) }} ${t('count')}</p>
<ul class="cards">
{% for page in paginator.pages %}{{ macros::card(page=page, lang=lang) }}
{% endfor %}</ul>
${PAGINATION}
{% endblock main %}
`;

const TAXONOMY_LIST = `{% extends "base.html" %}
{% block main %}
<h1>{{ taxonomy.name }}</h1>
<ul>
{% for term in terms %}<li><a href="{{ term.permalink }}">{{ term.name }}</a> ({{ term.page_count }})</li>
{% endfor %}</ul>
{% endblock main %}
`;

const TAXONOMY_SINGLE = `{% extends "base.html" %}
{% import "macros.html" as macros %}
{% block title %}{{ term.name }} · {{ config.title }}{% endblock title %}
{% block main %}
<h1>{{ term.name }}</h1>
<p>{{ term.page_count }} ${t('count')}</p>
<ul class="cards">
{% for page in paginator.pages %}{{ macros::card(page=page, lang=lang) }}
{% endfor %}</ul>
${PAGINATION}
{% endblock main %}
`;

const INDEX = `{% extends "base.html" %}
{% block main %}
<h1>{{ config.title }}</h1>
<ul class="tiles">
{% set services = get_taxonomy(kind="services", lang=lang) %}{% for term in services.items %}<li><a href="{{ term.permalink }}">{{ term.name }}</a></li>
{% endfor %}</ul>
{% endblock main %}
`;

// Every partner, as /data/partners.json is (Zola writes it as the
// section's index.html).
const PARTNERS_JSON = `{% set partners = get_section(path="partners/_index.md", lang=lang) %}[{% for page in partners.pages %}{% if not loop.first %},{% endif %}{"id":{{ page.slug | json_encode() | safe }},"name":{{ page.title | json_encode() | safe }},"page":{{ page.permalink | json_encode() | safe }},"summary":{{ page.extra.summary | json_encode() | safe }},"service_areas":{{ page.extra.service_labels | json_encode() | safe }},"languages":{{ page.extra.language_labels | json_encode() | safe }},"counties":{{ page.extra.counties | json_encode() | safe }}}{% endfor %}]`;

const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;margin:0}
.quick-exit{position:sticky;top:0;display:flex;justify-content:flex-end;padding:.5rem 1rem;background:#fff}
.quick-exit__link{background:#b00020;color:#fff;padding:.5rem 1rem;font-weight:700}
main{max-width:45rem;margin:0 auto;padding:1rem}
.cards{list-style:none;padding:0}.card{border-top:1px solid #ccc;padding:.5rem 0}
.badges{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;padding:0}.badges>li{border:1px solid;border-radius:1rem;padding:0 .5rem}
`;

const toml = (value) => JSON.stringify(value);

function partnerPage(partner, language, languageNames) {
  const view = partnerView(partner, language, languageNames);
  const lines = [
    '+++',
    `title = ${toml(view.title)}`,
    '[taxonomies]',
    ...['services', 'populations', 'languages', 'counties'].map((key) => `${key} = ${toml(view[key])}`),
    '[extra]',
    `summary = ${toml(view.summary)}`,
    ...['service_labels', 'language_labels', 'counties', 'badges'].map((key) => `${key} = ${toml(view[key])}`),
  ];
  if (view.call) lines.push(`call = { href = ${toml(view.call.href)}, number = ${toml(view.call.number)}, label = ${toml(view.call.label)} }`);
  lines.push('+++', '', view.body);
  return lines.join('\n');
}

/** A haven guide as a Zola page: its title, the rest of the front matter
 * left out (Zola refuses fields it does not know), the same Markdown. */
function guidePage(markdown) {
  const end = markdown.indexOf('\n---', 4);
  const front = markdown.slice(4, end);
  const title = /^title:\s*(.*)$/m.exec(front)?.[1]?.replace(/^["']|["']$/g, '') ?? 'Guide';
  return `+++\ntitle = ${toml(title)}\n+++\n${markdown.slice(end + 4)}`;
}

/** Writes the Zola site for `partners` and the guides in both languages. */
export function writeZolaSite(dir, partners, guides, languageNames) {
  fs.rmSync(dir, { recursive: true, force: true });
  const files = {
    'config.toml': CONFIG,
    'templates/base.html': BASE,
    'templates/macros.html': CARD,
    'templates/page.html': PAGE,
    'templates/section.html': SECTION,
    'templates/index.html': INDEX,
    'templates/partners_json.html': PARTNERS_JSON,
    'templates/taxonomy_list.html': TAXONOMY_LIST,
    'templates/taxonomy_single.html': TAXONOMY_SINGLE,
    'static/style.css': STYLE,
  };
  for (const language of Object.keys(LANGUAGES)) {
    const strings = STRINGS[language];
    const suffix = language === 'en' ? '' : `.${language}`;
    files[`content/_index${suffix}.md`] = `+++\ntitle = ${toml(strings.title)}\n+++\n`;
    files[`content/partners/_index${suffix}.md`] = `+++\ntitle = ${toml(strings.partners)}\nsort_by = "title"\npaginate_by = 24\n+++\n`;
    files[`content/guides/_index${suffix}.md`] = `+++\ntitle = ${toml(strings.guides)}\nsort_by = "title"\npaginate_by = 24\n+++\n`;
    files[`content/data/_index${suffix}.md`] = `+++\ntitle = "partners.json"\ntemplate = "partners_json.html"\n+++\n`;
    for (const partner of partners) files[`content/partners/${partner.id}${suffix}.md`] = partnerPage(partner, language, languageNames);
    for (const [slug, markdown] of guides) files[`content/guides/${slug}${suffix}.md`] = guidePage(markdown);
  }
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return Object.keys(files).length;
}
