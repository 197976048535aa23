#!/usr/bin/env node
// Deterministic corpus generator for haven benchmarks.
//
//   node benches/corpus/generate.mjs --partners N --guides M --seed S --out DIR
//
// Writes a complete, valid haven hub (hub.yaml, partners/*.yaml,
// private/*.yaml, guides/*.md) for a fictional state-wide coalition covering
// California's 58 counties. The same arguments always give byte-identical
// files: all randomness comes from a seeded mulberry32 generator, nothing
// depends on the clock, the locale or the file system. Partner i depends only
// on the seed and i (plus the names taken by partners 0..i-1), so a corpus of
// 1,000 partners is the first 1,000 partners of a corpus of 10,000.
//
// Plain Node.js (18+), no dependencies. See README.md in this folder.

import fs from 'node:fs';
import path from 'node:path';
import { writeHugoSite } from './hugo.mjs';
import { writeZolaSite } from './zola.mjs';

// ---------------------------------------------------------------------------
// Command line

const USAGE = `usage: node benches/corpus/generate.mjs --out DIR [options]

  --partners N          partner records to write (default 1000)
  --guides M            guides to write (default 50)
  --seed S              integer seed (default 1)
  --out DIR             hub folder to write (required)
  --today YYYY-MM-DD    reference date: every last_verified is within the
                        180 days before it (default 2026-11-23)
  --private-fraction F  share of partners with a private/<id>.yaml overlay
                        (default 0.25)
  --languages LIST      hub.yaml languages (default en,es)
  --hugo DIR            also write the equal Hugo site there (for
                        benches/build/run.sh; DIR is replaced)
  --zola DIR            also write the equal Zola site there
  --force               replace DIR even if it holds a hub this script did
                        not write
  --help                this text

DIR is deleted first when it holds a hub.yaml; a non-empty DIR without one
is refused.`;

function parseArgs(argv) {
  const options = {
    partners: 1000,
    guides: 50,
    seed: 1,
    out: null,
    today: '2026-11-23',
    privateFraction: 0.25,
    languages: ['en', 'es'],
    force: false,
    hugo: null,
    zola: null,
  };
  const integer = (name, value, min) => {
    if (!/^\d+$/.test(value ?? '') || Number(value) < min) fail(`${name} must be an integer >= ${min}`);
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--partners': options.partners = integer(flag, value(), 0); break;
      case '--guides': options.guides = integer(flag, value(), 0); break;
      case '--seed': {
        const v = value();
        if (!/^-?\d+$/.test(v ?? '')) fail('--seed must be an integer');
        options.seed = Number(v);
        break;
      }
      case '--out': options.out = value(); break;
      case '--today': {
        const v = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v ?? '') || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) fail('--today must be YYYY-MM-DD');
        options.today = v;
        break;
      }
      case '--private-fraction': {
        const v = Number(value());
        if (!(v >= 0 && v <= 1)) fail('--private-fraction must be between 0 and 1');
        options.privateFraction = v;
        break;
      }
      case '--languages': {
        const v = (value() ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        if (!v.length || !v.every((t) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(t))) fail('--languages takes a comma-separated list of tags, e.g. en,es');
        options.languages = v;
        break;
      }
      case '--force': options.force = true; break;
      case '--hugo': options.hugo = value(); break;
      case '--zola': options.zola = value(); break;
      case '--help': case '-h': process.stdout.write(USAGE + '\n'); process.exit(0); break;
      default: fail(`unknown argument ${arg}`);
    }
  }
  if (!options.out) fail('--out DIR is required');
  return options;
}

function fail(message) {
  process.stderr.write(`generate.mjs: ${message}\n(node benches/corpus/generate.mjs --help for usage)\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------
// Seeded randomness

function mulberry32(a) {
  return function next() {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit mix of integers (murmur3 finaliser), for independent streams. */
function mix(...values) {
  let h = 0x9e3779b9;
  for (const v of values) {
    h ^= v | 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

const STREAM = { vocabulary: 1, partner: 2, guide: 3, guideMeta: 4, private: 5 };

class Rng {
  constructor(...seed) {
    this.next = mulberry32(mix(...seed));
  }
  float() { return this.next(); }
  /** Integer in [lo, hi], both included. */
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  chance(p) { return this.next() < p; }
  pick(list) { return list[Math.floor(this.next() * list.length)]; }
  /** `pairs` is [[value, weight], ...]. */
  weighted(pairs) {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      if ((r -= w) < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  }
  /** k distinct elements, in a random order. */
  sample(list, k) {
    const copy = list.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
  shuffle(list) { return this.sample(list, list.length); }
}

/** Zipf(s) over ranks 0..n-1 via a precomputed CDF. */
class Zipf {
  constructor(n, s) {
    this.cdf = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) {
      total += 1 / Math.pow(k + 1, s);
      this.cdf[k] = total;
    }
    for (let k = 0; k < n; k++) this.cdf[k] /= total;
  }
  draw(rng) {
    const r = rng.float();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// ---------------------------------------------------------------------------
// Generated vocabulary: pronounceable pseudo-words for the long tail

const ONSETS = ['b', 'br', 'c', 'ch', 'cl', 'd', 'dr', 'f', 'fl', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pl', 'pr', 'qu', 'r', 's', 'sh', 'st', 't', 'tr', 'v', 'w', 'y', 'z', ''];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'a', 'ai', 'ou', 'ea'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'm', 'th', 'x', 'nd', 'rt'];
const REAL_WORDS = new Set(['the', 'and', 'for', 'here', 'more', 'link', 'this', 'click', 'true', 'false', 'yes', 'null', 'none', 'off', 'on']);

function buildVocabulary(seed, size) {
  const rng = new Rng(seed, STREAM.vocabulary);
  const words = [];
  const seen = new Set();
  while (words.length < size) {
    const syllables = rng.weighted([[2, 5], [3, 4], [4, 1]]);
    let word = '';
    for (let s = 0; s < syllables; s++) word += rng.pick(ONSETS) + rng.pick(VOWELS) + (s === syllables - 1 ? rng.pick(CODAS) : '');
    if (word.length < 5 || word.length > 14 || seen.has(word) || REAL_WORDS.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
}

const capitalize = (w) => w.charAt(0).toUpperCase() + w.slice(1);

// ---------------------------------------------------------------------------
// Geography: California's 58 counties, a few cities each, an area code, a
// ZIP prefix, a centre point and a weight (roughly population^0.6)

// [county, cities, area codes, zip prefix, lat, lon, population (100k)]
const COUNTY_ROWS = [
  ['Alameda', ['Oakland', 'Hayward', 'Fremont', 'Berkeley', 'San Leandro'], ['510', '341'], '946', 37.80, -122.27, 17],
  ['Alpine', ['Markleeville'], ['530'], '961', 38.69, -119.78, 0.01],
  ['Amador', ['Jackson', 'Ione', 'Sutter Creek'], ['209'], '956', 38.35, -120.77, 0.4],
  ['Butte', ['Oroville', 'Chico', 'Paradise', 'Gridley'], ['530'], '959', 39.51, -121.56, 2.1],
  ['Calaveras', ['San Andreas', 'Angels Camp'], ['209'], '952', 38.20, -120.68, 0.45],
  ['Colusa', ['Colusa', 'Williams'], ['530'], '959', 39.21, -122.01, 0.22],
  ['Contra Costa', ['Martinez', 'Richmond', 'Concord', 'Antioch', 'Pittsburg'], ['925', '510'], '945', 38.02, -122.13, 12],
  ['Del Norte', ['Crescent City'], ['707'], '955', 41.76, -124.20, 0.27],
  ['El Dorado', ['Placerville', 'South Lake Tahoe', 'Cameron Park'], ['530'], '956', 38.73, -120.80, 1.9],
  ['Fresno', ['Fresno', 'Clovis', 'Sanger', 'Reedley', 'Selma'], ['559'], '937', 36.74, -119.79, 10],
  ['Glenn', ['Willows', 'Orland'], ['530'], '959', 39.52, -122.19, 0.28],
  ['Humboldt', ['Eureka', 'Arcata', 'Fortuna', 'McKinleyville'], ['707'], '955', 40.80, -124.16, 1.4],
  ['Imperial', ['El Centro', 'Calexico', 'Brawley', 'Imperial'], ['760', '442'], '922', 32.79, -115.56, 1.8],
  ['Inyo', ['Independence', 'Bishop', 'Lone Pine'], ['760'], '935', 36.80, -118.20, 0.19],
  ['Kern', ['Bakersfield', 'Delano', 'Ridgecrest', 'Wasco', 'Arvin'], ['661'], '933', 35.37, -119.02, 9],
  ['Kings', ['Hanford', 'Lemoore', 'Corcoran', 'Avenal'], ['559'], '932', 36.33, -119.65, 1.5],
  ['Lake', ['Lakeport', 'Clearlake', 'Kelseyville'], ['707'], '954', 39.04, -122.92, 0.7],
  ['Lassen', ['Susanville', 'Westwood'], ['530'], '961', 40.42, -120.65, 0.3],
  ['Los Angeles', ['Los Angeles', 'Long Beach', 'Pasadena', 'Pomona', 'Lancaster', 'Glendale', 'Santa Clarita', 'Compton', 'El Monte', 'Torrance', 'Inglewood', 'Palmdale', 'Whittier', 'Norwalk', 'Downey'], ['213', '323', '310', '626', '818', '562', '747', '424'], '900', 34.05, -118.24, 100],
  ['Madera', ['Madera', 'Chowchilla', 'Oakhurst'], ['559'], '936', 36.96, -120.06, 1.6],
  ['Marin', ['San Rafael', 'Novato', 'Mill Valley'], ['415'], '949', 37.97, -122.53, 2.6],
  ['Mariposa', ['Mariposa'], ['209'], '953', 37.48, -119.97, 0.17],
  ['Mendocino', ['Ukiah', 'Fort Bragg', 'Willits'], ['707'], '954', 39.15, -123.21, 0.9],
  ['Merced', ['Merced', 'Los Banos', 'Atwater', 'Livingston'], ['209'], '953', 37.30, -120.48, 2.8],
  ['Modoc', ['Alturas'], ['530'], '961', 41.49, -120.54, 0.09],
  ['Mono', ['Bridgeport', 'Mammoth Lakes'], ['760'], '935', 38.26, -119.23, 0.13],
  ['Monterey', ['Salinas', 'Monterey', 'Seaside', 'King City', 'Greenfield'], ['831'], '939', 36.68, -121.66, 4.4],
  ['Napa', ['Napa', 'American Canyon', 'Calistoga'], ['707'], '945', 38.30, -122.29, 1.4],
  ['Nevada', ['Nevada City', 'Grass Valley', 'Truckee'], ['530'], '959', 39.26, -121.02, 1],
  ['Orange', ['Santa Ana', 'Anaheim', 'Irvine', 'Huntington Beach', 'Garden Grove', 'Fullerton', 'Costa Mesa'], ['714', '949', '657'], '927', 33.75, -117.87, 32],
  ['Placer', ['Auburn', 'Roseville', 'Rocklin', 'Lincoln'], ['916', '279'], '956', 38.90, -121.07, 4],
  ['Plumas', ['Quincy', 'Portola'], ['530'], '959', 39.94, -120.95, 0.2],
  ['Riverside', ['Riverside', 'Indio', 'Moreno Valley', 'Temecula', 'Palm Springs', 'Corona', 'Hemet'], ['951', '760', '442'], '925', 33.98, -117.38, 24],
  ['Sacramento', ['Sacramento', 'Elk Grove', 'Citrus Heights', 'Folsom', 'Rancho Cordova'], ['916', '279'], '958', 38.58, -121.49, 16],
  ['San Benito', ['Hollister', 'San Juan Bautista'], ['831'], '950', 36.85, -121.40, 0.65],
  ['San Bernardino', ['San Bernardino', 'Fontana', 'Ontario', 'Victorville', 'Redlands', 'Rialto', 'Barstow'], ['909', '760', '442'], '924', 34.11, -117.29, 22],
  ['San Diego', ['San Diego', 'Chula Vista', 'Oceanside', 'Escondido', 'El Cajon', 'National City', 'Vista'], ['619', '858', '760', '442'], '921', 32.72, -117.16, 33],
  ['San Francisco', ['San Francisco'], ['415', '628'], '941', 37.77, -122.42, 8],
  ['San Joaquin', ['Stockton', 'Tracy', 'Lodi', 'Manteca'], ['209'], '952', 37.96, -121.29, 7.8],
  ['San Luis Obispo', ['San Luis Obispo', 'Paso Robles', 'Atascadero', 'Arroyo Grande'], ['805'], '934', 35.28, -120.66, 2.8],
  ['San Mateo', ['Redwood City', 'San Mateo', 'Daly City', 'East Palo Alto'], ['650'], '944', 37.49, -122.24, 7.5],
  ['Santa Barbara', ['Santa Barbara', 'Santa Maria', 'Lompoc', 'Goleta'], ['805'], '931', 34.42, -119.70, 4.4],
  ['Santa Clara', ['San Jose', 'Santa Clara', 'Sunnyvale', 'Gilroy', 'Mountain View'], ['408', '669', '650'], '951', 37.34, -121.89, 19],
  ['Santa Cruz', ['Santa Cruz', 'Watsonville', 'Capitola'], ['831'], '950', 36.97, -122.03, 2.7],
  ['Shasta', ['Redding', 'Anderson', 'Shasta Lake'], ['530'], '960', 40.59, -122.39, 1.8],
  ['Sierra', ['Downieville', 'Loyalton'], ['530'], '959', 39.56, -120.83, 0.03],
  ['Siskiyou', ['Yreka', 'Mount Shasta', 'Weed'], ['530'], '960', 41.73, -122.63, 0.44],
  ['Solano', ['Fairfield', 'Vallejo', 'Vacaville', 'Benicia'], ['707'], '945', 38.25, -122.04, 4.5],
  ['Sonoma', ['Santa Rosa', 'Petaluma', 'Healdsburg', 'Sonoma'], ['707'], '954', 38.44, -122.71, 4.9],
  ['Stanislaus', ['Modesto', 'Turlock', 'Ceres', 'Oakdale'], ['209'], '953', 37.64, -120.99, 5.5],
  ['Sutter', ['Yuba City', 'Live Oak'], ['530'], '959', 39.14, -121.62, 1],
  ['Tehama', ['Red Bluff', 'Corning'], ['530'], '960', 40.18, -122.24, 0.65],
  ['Trinity', ['Weaverville', 'Hayfork'], ['530'], '960', 40.73, -122.94, 0.16],
  ['Tulare', ['Visalia', 'Tulare', 'Porterville', 'Dinuba'], ['559'], '932', 36.33, -119.29, 4.7],
  ['Tuolumne', ['Sonora', 'Jamestown'], ['209'], '953', 37.98, -120.38, 0.55],
  ['Ventura', ['Ventura', 'Oxnard', 'Thousand Oaks', 'Simi Valley', 'Santa Paula'], ['805'], '930', 34.28, -119.29, 8],
  ['Yolo', ['Woodland', 'Davis', 'West Sacramento'], ['530', '916'], '956', 38.68, -121.77, 2.2],
  ['Yuba', ['Marysville', 'Wheatland'], ['530'], '959', 39.15, -121.59, 0.8],
];

const COUNTIES = COUNTY_ROWS.map(([name, cities, areaCodes, zip, lat, lon, population], index) => ({
  index,
  name,
  full: `${name} County`,
  es: `el condado de ${name}`,
  cities,
  areaCodes,
  zip,
  lat,
  lon,
  weight: Math.pow(population, 0.6) + 0.3,
}));
const COUNTY_WEIGHTS = COUNTIES.map((c) => [c, c.weight]);
const STATE = { name: 'California', code: 'CA' };
const EVERY_AREA_CODE = [...new Set(COUNTIES.flatMap((c) => c.areaCodes))].sort();

const STREETS = ['Main Street', 'Mission Street', 'First Street', 'Second Street', 'Oak Avenue', 'Olive Avenue', 'Broadway', 'Central Avenue', 'Park Boulevard', 'Cedar Street', 'Pine Street', 'Washington Boulevard', 'Lincoln Avenue', 'Grand Avenue', 'El Camino Real', 'Sierra Avenue', 'Valley Road', 'Church Street', 'Market Street', 'Harbor Boulevard', 'Madrone Way', 'Sequoia Drive', 'Chestnut Street', 'Orchard Lane', 'Alameda Avenue', 'Vineyard Road', 'Center Street', 'Magnolia Avenue', 'Jefferson Street', 'Cesar Chavez Avenue', 'Dolores Street', 'Union Street', 'Hillcrest Drive', 'Willow Street', 'Laurel Avenue', 'Fremont Street', 'Juniper Street', 'Palm Avenue', 'Riverside Drive', 'Sunset Boulevard'];
const SUITES = ['Suite 100', 'Suite 200', 'Suite 210', 'Suite 300', 'Suite 4B', 'Room 12', 'Second floor', 'Third floor', 'Unit C'];

// ---------------------------------------------------------------------------
// Codes, from the built-in taxonomies

const LANGUAGE_NAMES = {
  en: ['English', 'inglés'], es: ['Spanish', 'español'], vi: ['Vietnamese', 'vietnamita'], cmn: ['Mandarin', 'mandarín'],
  yue: ['Cantonese', 'cantonés'], tl: ['Tagalog', 'tagalo'], ko: ['Korean', 'coreano'], ar: ['Arabic', 'árabe'],
  fa: ['Persian', 'persa'], ru: ['Russian', 'ruso'], hmn: ['Hmong', 'hmong'], km: ['Khmer', 'jemer'],
  pa: ['Punjabi', 'panyabí'], hi: ['Hindi', 'hindi'], 'pt-BR': ['Brazilian Portuguese', 'portugués de Brasil'],
  mam: ['Mam', 'mam'], yua: ['Yucatec Maya', 'maya yucateco'], quc: ["K'iche'", "k'iche'"], so: ['Somali', 'somalí'],
  am: ['Amharic', 'amárico'], ti: ['Tigrinya', 'tigriña'], prs: ['Dari', 'darí'], ps: ['Pashto', 'pastún'],
  ur: ['Urdu', 'urdu'], uk: ['Ukrainian', 'ucraniano'], ja: ['Japanese', 'japonés'], th: ['Thai', 'tailandés'],
  lo: ['Lao', 'lao'], ase: ['American Sign Language', 'lengua de señas americana'], ht: ['Haitian Creole', 'criollo haitiano'],
  fr: ['French', 'francés'], my: ['Burmese', 'birmano'], ne: ['Nepali', 'nepalí'], sw: ['Swahili', 'suajili'],
};
// Other languages than English and Spanish, most common first (Zipf).
const EXTRA_LANGUAGES = ['vi', 'cmn', 'tl', 'yue', 'ko', 'ar', 'fa', 'ru', 'hmn', 'pa', 'km', 'hi', 'mam', 'pt-BR', 'ase', 'uk', 'prs', 'ja', 'yua', 'quc', 'so', 'am', 'ti', 'ps', 'ur', 'th', 'lo', 'ht', 'fr', 'my', 'ne', 'sw'];
const LANGUAGE_ZIPF = new Zipf(EXTRA_LANGUAGES.length, 1.1);

const ACCESSIBILITY = ['wheelchair_accessible', 'ramp', 'elevator', 'accessible_restroom', 'accessible_parking', 'hearing_loop', 'braille_signage', 'service_animals_welcome', 'gender_neutral_restroom', 'private_meeting_room', 'childcare_on_site', 'lactation_room'];
const COMMUNICATION_ACCESS = ['asl_interpreter', 'video_relay', 'tty', 'captioning', 'braille', 'large_print', 'plain_language'];
const INTERPRETATION_MODES = ['phone', 'video', 'in_person', 'asl', 'document_translation'];

const POPULATION_PHRASES = {
  trafficking_survivors: ['survivors of human trafficking', 'sobrevivientes de trata de personas'],
  sex_trafficking_survivors: ['survivors of sex trafficking', 'sobrevivientes de trata sexual'],
  labor_trafficking_survivors: ['survivors of labor trafficking', 'sobrevivientes de trata laboral'],
  ipv_survivors: ['survivors of domestic violence', 'sobrevivientes de violencia doméstica'],
  sexual_assault_survivors: ['survivors of sexual assault', 'sobrevivientes de agresión sexual'],
  child_maltreatment_survivors: ['children who have been abused', 'niñas y niños que han sufrido maltrato'],
  mmip_families: ['families of missing and murdered Indigenous people', 'familias de personas indígenas desaparecidas y asesinadas'],
  non_offending_caregivers: ['non-offending parents and caregivers', 'padres y cuidadores no agresores'],
  children: ['children', 'niñas y niños'],
  youth: ['teens', 'adolescentes'],
  transition_age_youth: ['young adults', 'adultos jóvenes'],
  adults: ['adults', 'adultos'],
  older_adults: ['older adults', 'personas mayores'],
  women: ['women', 'mujeres'],
  men: ['men', 'hombres'],
  lgbtq: ['LGBTQ+ people', 'personas LGBTQ+'],
  transgender_nonbinary: ['transgender and nonbinary people', 'personas transgénero y no binarias'],
  native_american_alaska_native: ['Native American and Alaska Native people', 'personas nativas americanas y de Alaska'],
  immigrants_refugees: ['immigrants and refugees', 'inmigrantes y refugiados'],
  asylum_seekers: ['people seeking asylum', 'solicitantes de asilo'],
  limited_english_proficiency: ['people who speak limited English', 'personas que hablan poco inglés'],
  deaf_hard_of_hearing: ['Deaf and hard of hearing people', 'personas sordas o con pérdida auditiva'],
  people_with_disabilities: ['people with disabilities', 'personas con discapacidad'],
  families_with_children: ['families with children', 'familias con hijos'],
  survivors_with_criminal_records: ['survivors with criminal records', 'sobrevivientes con antecedentes penales'],
};


// ---------------------------------------------------------------------------
// Services: the catalogue records draw from. Each has English and Spanish
// names and sentences; `topic` selects description sentences.

const LE = { free: [['not_required', 1]], mostly: [['not_required', 6], ['case_by_case', 2], ['required', 1]], police: [['required', 3], ['case_by_case', 1]], case: [['case_by_case', 3], ['not_required', 2]] };

const SERVICES = {
  hotline: {
    names: [['24/7 crisis line', 'Línea de crisis las 24 horas'], ['24-hour hotline', 'Línea de ayuda las 24 horas'], ['Crisis line and text support', 'Línea de crisis y apoyo por mensaje de texto']],
    categories: ['healing_cultural_services'], populations: ['ipv_survivors', 'sexual_assault_survivors', 'trafficking_survivors', 'lgbtq', 'men', 'women'],
    sentences: [
      ['Talk or text with a trained advocate any time, day or night.', 'Hable o escriba con una intercesora capacitada a cualquier hora del día o de la noche.'],
      ['We can help you make a safety plan, find shelter, or simply listen.', 'Podemos ayudarle a hacer un plan de seguridad, encontrar refugio o simplemente escucharle.'],
      ['You do not have to give your name, and the call does not appear on a bill as our name.', 'No tiene que dar su nombre, y la llamada no aparece en la factura con nuestro nombre.'],
    ],
    le: LE.free, conf: [['confidential', 1]], cost: [['free', 1]], hours: '24/7', phone: 'hotline', anonymous: true, topic: 'hotline',
  },
  shelter: {
    names: [['Emergency shelter', 'Refugio de emergencia'], ['Safe house', 'Casa segura'], ['Confidential emergency shelter', 'Refugio de emergencia confidencial']],
    categories: ['basic_needs'], populations: ['ipv_survivors', 'trafficking_survivors', 'sexual_assault_survivors', 'families_with_children', 'women', 'men', 'transgender_nonbinary'],
    sentences: [
      ['Safe shelter for up to sixty days for survivors and their children, with private family rooms, meals, clothing and toiletries.', 'Refugio seguro hasta por sesenta días para sobrevivientes y sus hijos, con habitaciones familiares privadas, comidas, ropa y artículos de aseo.'],
      ['Pets can stay in our on-site kennel.', 'Las mascotas pueden quedarse en nuestra perrera.'],
      ['Call the hotline and an advocate will arrange a safe pick-up place.', 'Llame a la línea de ayuda y una intercesora organizará un lugar seguro para recogerle.'],
    ],
    le: LE.free, conf: [['confidential', 1]], cost: [['free', 1]], location: 'shelter', phone: 'hotline', topic: 'shelter',
  },
  transitional: {
    names: [['Transitional housing', 'Vivienda de transición'], ['Supportive apartments', 'Apartamentos con apoyo']],
    categories: ['basic_needs'], populations: ['ipv_survivors', 'trafficking_survivors', 'families_with_children', 'transition_age_youth'],
    sentences: [
      ['Apartments for up to two years, with rent based on income and an advocate who helps you plan the next step.', 'Apartamentos hasta por dos años, con renta según sus ingresos y una intercesora que le ayuda a planear el siguiente paso.'],
      ['Residents choose which services they use; none are required to keep the apartment.', 'Las residentes eligen qué servicios usan; ninguno es obligatorio para conservar el apartamento.'],
    ],
    le: LE.free, conf: [['confidential', 3], ['limited', 1]], cost: [['free', 2], ['sliding_scale', 1]], location: 'shelter', topic: 'housing',
  },
  rental: {
    names: [['Rental and relocation assistance', 'Ayuda con la renta y la mudanza'], ['Housing navigation', 'Orientación para encontrar vivienda']],
    categories: ['basic_needs'], populations: ['ipv_survivors', 'trafficking_survivors', 'families_with_children', 'older_adults'],
    sentences: [
      ['Help with a deposit, the first month of rent, or arrears when moving is the safest choice.', 'Ayuda con el depósito, el primer mes de renta o atrasos cuando mudarse es la opción más segura.'],
      ['A housing navigator searches listings with you and talks to landlords on your behalf.', 'Una orientadora de vivienda busca anuncios con usted y habla con los arrendadores en su nombre.'],
    ],
    le: LE.free, conf: [['confidential', 2], ['standard', 1]], cost: [['free', 1]], location: 'office', topic: 'housing',
  },
  food: {
    names: [['Food pantry', 'Despensa de alimentos'], ['Groceries and hygiene kits', 'Alimentos y artículos de higiene']],
    categories: ['basic_needs'], populations: ['families_with_children', 'adults', 'older_adults', 'immigrants_refugees'],
    sentences: [
      ['A week of groceries and hygiene supplies, no questions asked.', 'Alimentos para una semana y artículos de higiene, sin preguntas.'],
      ['Diapers, formula and culturally familiar foods are available when in stock.', 'Hay pañales, fórmula y alimentos de su cultura cuando tenemos existencias.'],
    ],
    le: LE.free, conf: [['standard', 1]], cost: [['free', 1]], location: 'office', walkIn: true, topic: 'basic',
  },
  protection: {
    names: [['Protection orders', 'Órdenes de protección'], ['Restraining order clinic', 'Clínica de órdenes de alejamiento']],
    categories: ['legal_services'], populations: ['ipv_survivors', 'sexual_assault_survivors', 'trafficking_survivors', 'lgbtq', 'older_adults'],
    sentences: [
      ['Help asking the court for a restraining order, including same-day help with the emergency order and representation at the hearing.', 'Ayuda para pedir al tribunal una orden de alejamiento, incluida ayuda el mismo día con la orden de emergencia y representación en la audiencia.'],
      ['An advocate can sit with you in court so you do not face the hearing alone.', 'Una intercesora puede acompañarle en el tribunal para que no enfrente la audiencia sola.'],
    ],
    le: LE.free, conf: [['confidential', 1]], cost: [['free', 1]], location: 'office', topic: 'legal',
  },
  family: {
    names: [['Divorce, custody and child support', 'Divorcio, custodia y manutención'], ['Family law representation', 'Representación en derecho de familia']],
    categories: ['legal_services'], populations: ['ipv_survivors', 'families_with_children', 'non_offending_caregivers'],
    sentences: [
      ['Representation in divorce, custody, visitation and child support cases, with attention to safety at exchanges and in court.', 'Representación en casos de divorcio, custodia, visitas y manutención infantil, cuidando su seguridad en los intercambios y en el tribunal.'],
    ],
    le: LE.free, conf: [['confidential', 1]], cost: [['free', 3], ['sliding_scale', 1]], location: 'office', topic: 'legal',
  },
  immigration: {
    names: [['Immigration legal services', 'Servicios legales de inmigración'], ['T visa, U visa and VAWA petitions', 'Peticiones de visa T, visa U y VAWA'], ['Asylum and humanitarian relief', 'Asilo y protección humanitaria']],
    categories: ['legal_services'], populations: ['immigrants_refugees', 'asylum_seekers', 'trafficking_survivors', 'ipv_survivors', 'labor_trafficking_survivors'],
    sentences: [
      ['Free consultations and representation for T visas, U visas, VAWA self-petitions, asylum and work permits.', 'Consultas gratuitas y representación para visas T, visas U, autopeticiones VAWA, asilo y permisos de trabajo.'],
      ['We explain every option in plain language before you decide anything.', 'Le explicamos cada opción en un lenguaje sencillo antes de que decida nada.'],
      ['Talking to us will not put you at risk with immigration authorities.', 'Hablar con nosotros no le pone en riesgo ante las autoridades de inmigración.'],
    ],
    le: LE.mostly, conf: [['confidential', 1]], cost: [['free', 4], ['sliding_scale', 1]], location: 'office', topic: 'immigration',
  },
  vacatur: {
    names: [['Criminal record relief for trafficking survivors', 'Limpieza de antecedentes para sobrevivientes de trata']],
    categories: ['legal_services'], populations: ['trafficking_survivors', 'sex_trafficking_survivors', 'survivors_with_criminal_records'],
    sentences: [
      ['Help clearing arrests and convictions that happened because you were trafficked, so they stop blocking jobs and housing.', 'Ayuda para borrar arrestos y condenas que ocurrieron porque usted fue víctima de trata, para que dejen de impedirle conseguir empleo y vivienda.'],
    ],
    le: LE.free, conf: [['confidential', 1]], cost: [['free', 1]], location: 'office', topic: 'trafficking',
  },
  victimWitness: {
    names: [['Victim-witness advocacy', 'Apoyo a víctimas y testigos'], ['Court accompaniment', 'Acompañamiento al tribunal']],
    categories: ['legal_services', 'empowerment_tools'], populations: ['ipv_survivors', 'sexual_assault_survivors', 'trafficking_survivors', 'child_maltreatment_survivors'],
    sentences: [
      ['An advocate explains each step of the criminal case, goes to hearings with you and helps you write a victim impact statement.', 'Una intercesora le explica cada paso del caso penal, le acompaña a las audiencias y le ayuda a escribir una declaración de impacto.'],
      ['We also help you apply for crime victim compensation.', 'También le ayudamos a solicitar la compensación para víctimas de delitos.'],
    ],
    le: LE.police, conf: [['limited', 1]], confNote: ['What you tell us may have to be shared with the prosecutor and the defense.', 'Lo que nos diga podría tener que compartirse con la fiscalía y la defensa.'],
    cost: [['free', 1]], location: 'office', topic: 'court',
  },
  counseling: {
    names: [['Trauma counseling', 'Consejería de trauma'], ['Individual and family therapy', 'Terapia individual y familiar'], ['Counseling for survivors', 'Consejería para sobrevivientes']],
    categories: ['health_care'], populations: ['ipv_survivors', 'sexual_assault_survivors', 'trafficking_survivors', 'child_maltreatment_survivors', 'youth', 'adults'],
    sentences: [
      ['Licensed counselors offer trauma-informed therapy for adults, teens and children, in person or by video.', 'Consejeras con licencia ofrecen terapia informada en trauma para adultos, adolescentes y niños, en persona o por video.'],
      ['There is no limit on the number of sessions.', 'No hay límite en el número de sesiones.'],
    ],
    le: LE.free, conf: [['confidential', 2], ['limited', 1]], confNote: ['Counselors are mandated reporters of child and elder abuse.', 'Las consejeras están obligadas a reportar el maltrato de niños y de personas mayores.'],
    cost: [['free', 3], ['sliding_scale', 2], ['insurance', 1]], location: 'office', topic: 'counseling',
  },
  groups: {
    names: [['Support groups', 'Grupos de apoyo'], ['Peer support circles', 'Círculos de apoyo entre pares'], ["Children's support groups", 'Grupos de apoyo para niños']],
    categories: ['healing_cultural_services', 'empowerment_tools'], populations: ['ipv_survivors', 'sexual_assault_survivors', 'trafficking_survivors', 'children', 'women'],
    sentences: [
      ['Weekly groups led by a counselor and a trained survivor peer, with childcare and a meal.', 'Grupos semanales dirigidos por una consejera y una compañera sobreviviente capacitada, con cuidado de niños y comida.'],
      ['You can come as often as you like and share as much or as little as you want.', 'Puede venir tantas veces como quiera y compartir lo que desee.'],
    ],
    le: LE.free, conf: [['confidential', 2], ['limited', 1]], confNote: ['Facilitators are mandated reporters if a child is being hurt.', 'Las facilitadoras deben reportar si un niño está siendo lastimado.'],
    cost: [['free', 1]], location: 'office', topic: 'counseling',
  },
  forensicExam: {
    names: [['Sexual assault medical exams', 'Exámenes médicos después de una agresión sexual'], ['SART nurse exams', 'Exámenes con enfermeras SART']],
    categories: ['health_care'], populations: ['sexual_assault_survivors', 'trafficking_survivors', 'adults', 'youth'],
    sentences: [
      ['Nurses trained in forensic examination care for you after a sexual assault and can collect evidence, whether or not you decide to report.', 'Enfermeras capacitadas en exámenes forenses le atienden después de una agresión sexual y pueden recoger evidencia, decida o no denunciar.'],
      ['An advocate can be with you during the exam.', 'Una intercesora puede acompañarle durante el examen.'],
    ],
    le: LE.case, conf: [['confidential', 1]], cost: [['free', 1]], hours: '24/7', phone: 'hotline', location: 'office', topic: 'health',
  },
  clinic: {
    names: [['Primary care clinic', 'Clínica de atención primaria'], ['Medical and dental care', 'Atención médica y dental'], ["Women's health clinic", 'Clínica de salud de la mujer']],
    categories: ['health_care'], populations: ['adults', 'families_with_children', 'immigrants_refugees', 'limited_english_proficiency'],
    sentences: [
      ['Check-ups, vaccines, prenatal care, dental care and behavioral health, regardless of insurance or immigration status.', 'Chequeos, vacunas, atención prenatal, atención dental y salud mental, sin importar su seguro o estatus migratorio.'],
      ['Staff are trained to notice signs of abuse and can connect you to an advocate in the same visit.', 'El personal sabe reconocer señales de abuso y puede conectarle con una intercesora en la misma visita.'],
    ],
    le: LE.free, conf: [['standard', 2], ['limited', 1]], confNote: ['Clinicians must report some injuries and the abuse of children.', 'El personal clínico debe reportar algunas lesiones y el maltrato infantil.'],
    cost: [['sliding_scale', 3], ['insurance', 2], ['free', 1]], location: 'office', walkIn: true, topic: 'health',
  },
  cac: {
    names: [['Forensic interviews for children', 'Entrevistas forenses para niños'], ['Child advocacy', 'Apoyo a la niñez']],
    categories: ['legal_services', 'health_care'], populations: ['child_maltreatment_survivors', 'children', 'youth', 'non_offending_caregivers'],
    sentences: [
      ['Children who may have been abused are interviewed once, by a specially trained interviewer, in a room designed for kids.', 'Los niños que pudieron haber sufrido abuso son entrevistados una sola vez, por una persona especialmente capacitada, en una sala diseñada para ellos.'],
      ['Parents and caregivers get support and information throughout the investigation.', 'Los padres y cuidadores reciben apoyo e información durante toda la investigación.'],
    ],
    le: LE.police, conf: [['limited', 1]], confNote: ['Interviews are shared with law enforcement and child protective services.', 'Las entrevistas se comparten con las autoridades y con los servicios de protección infantil.'],
    cost: [['free', 1]], location: 'office', referral: true, ages: [3, 17], topic: 'child',
  },
  caseManagement: {
    names: [['Case management for trafficking survivors', 'Gestión de casos para sobrevivientes de trata'], ['Comprehensive case management', 'Gestión integral de casos']],
    categories: ['empowerment_tools', 'basic_needs'], populations: ['trafficking_survivors', 'sex_trafficking_survivors', 'labor_trafficking_survivors', 'immigrants_refugees'],
    sentences: [
      ['A case manager works with you for as long as you need, on housing, benefits, health care, documents and goals you set.', 'Una gestora de casos trabaja con usted el tiempo que necesite, en vivienda, beneficios, atención médica, documentos y las metas que usted fije.'],
      ['Emergency funds cover a phone, clothing or a bus ticket home.', 'Un fondo de emergencia cubre un teléfono, ropa o un boleto de autobús a casa.'],
    ],
    le: LE.free, conf: [['confidential', 1]], cost: [['free', 1]], location: 'office', topic: 'trafficking',
  },
  jobs: {
    names: [['Job readiness and placement', 'Preparación y colocación laboral'], ['Paid internships', 'Prácticas pagadas'], ["Workers' rights clinic", 'Clínica de derechos laborales']],
    categories: ['career_services'], populations: ['trafficking_survivors', 'labor_trafficking_survivors', 'ipv_survivors', 'transition_age_youth', 'survivors_with_criminal_records'],
    sentences: [
      ['Classes on résumés, interviews and workers\' rights, then placement with employers who understand trauma.', 'Clases sobre currículum, entrevistas y derechos laborales, y después colocación con empleadores que entienden el trauma.'],
      ['Paid internships last twelve weeks and include a stipend for childcare and transport.', 'Las prácticas pagadas duran doce semanas e incluyen un apoyo para cuidado de niños y transporte.'],
    ],
    le: LE.free, conf: [['standard', 2], ['confidential', 1]], cost: [['free', 1]], location: 'office', topic: 'career',
  },
  classes: {
    names: [['English classes (ESL)', 'Clases de inglés'], ['GED preparation', 'Preparación para el GED'], ['Adult education', 'Educación para adultos']],
    categories: ['education'], populations: ['immigrants_refugees', 'limited_english_proficiency', 'adults', 'transition_age_youth'],
    sentences: [
      ['Free English classes, GED preparation and help with college applications, in the evenings and on Saturdays.', 'Clases de inglés gratuitas, preparación para el GED y ayuda con solicitudes universitarias, por las tardes y los sábados.'],
      ['Childcare is provided during class.', 'Ofrecemos cuidado de niños durante las clases.'],
    ],
    le: LE.free, conf: [['standard', 1]], cost: [['free', 3], ['fee', 1]], location: 'office', walkIn: true, topic: 'education',
  },
  interpretation: {
    names: [['Interpretation and translation', 'Interpretación y traducción'], ['Medical and legal interpreters', 'Intérpretes médicos y legales']],
    categories: ['interpretation_services'], populations: ['limited_english_proficiency', 'immigrants_refugees', 'deaf_hard_of_hearing'],
    sentences: [
      ['Trained interpreters for appointments, court and meetings with advocates, in person, by phone or by video.', 'Intérpretes capacitados para citas, el tribunal y reuniones con intercesoras, en persona, por teléfono o por video.'],
      ['Interpreters follow a code of ethics and keep everything they hear confidential.', 'Las intérpretes siguen un código de ética y mantienen confidencial todo lo que escuchan.'],
    ],
    le: LE.free, conf: [['confidential', 1]], cost: [['free', 2], ['fee', 1]], location: 'virtual', topic: 'language',
  },
  rides: {
    names: [['Rides to appointments', 'Transporte a citas'], ['Bus passes', 'Pases de autobús'], ['Ride to shelter', 'Transporte al refugio']],
    categories: ['transportation'], populations: ['ipv_survivors', 'older_adults', 'people_with_disabilities', 'families_with_children'],
    sentences: [
      ['Free rides to court, medical appointments and shelter when getting there safely is a barrier.', 'Transporte gratuito al tribunal, a citas médicas y al refugio cuando llegar de forma segura es un obstáculo.'],
      ['Monthly bus passes are available through any partner advocate.', 'Hay pases mensuales de autobús a través de cualquier intercesora de la red.'],
    ],
    le: LE.free, conf: [['confidential', 1], ['standard', 1]], cost: [['free', 1]], topic: 'transport',
  },
  financial: {
    names: [['Financial empowerment', 'Empoderamiento financiero'], ['Coerced debt and credit repair', 'Deudas impuestas y reparación de crédito']],
    categories: ['empowerment_tools'], populations: ['ipv_survivors', 'trafficking_survivors', 'women'],
    sentences: [
      ['One-on-one coaching on budgets, credit reports, coerced debt and opening a safe bank account.', 'Asesoría individual sobre presupuesto, reportes de crédito, deudas impuestas y cómo abrir una cuenta bancaria segura.'],
      ['Matched savings help you build an emergency fund.', 'Un programa de ahorro con fondos equivalentes le ayuda a crear un fondo de emergencia.'],
    ],
    le: LE.free, conf: [['confidential', 1]], cost: [['free', 1]], location: 'office', topic: 'career',
  },
  techSafety: {
    names: [['Technology safety', 'Seguridad tecnológica'], ['Safety planning', 'Plan de seguridad']],
    categories: ['empowerment_tools'], populations: ['ipv_survivors', 'sexual_assault_survivors', 'trafficking_survivors'],
    sentences: [
      ['Help checking a phone for tracking apps, securing accounts and making a plan for staying safe at home, at work and online.', 'Ayuda para revisar si un teléfono tiene aplicaciones de rastreo, proteger cuentas y hacer un plan para estar segura en casa, en el trabajo y en internet.'],
    ],
    le: LE.free, conf: [['confidential', 1]], cost: [['free', 1]], location: 'office', topic: 'tech',
  },
  healing: {
    names: [['Healing circles', 'Círculos de sanación'], ['Cultural healing and ceremony', 'Sanación cultural y ceremonia'], ['Spiritual care', 'Acompañamiento espiritual']],
    categories: ['healing_cultural_services'], populations: ['native_american_alaska_native', 'mmip_families', 'immigrants_refugees', 'women', 'adults'],
    sentences: [
      ['Healing circles, traditional foods and ceremonies led by elders and community members who understand where you come from.', 'Círculos de sanación, comidas tradicionales y ceremonias guiadas por personas mayores y miembros de la comunidad que entienden de dónde viene usted.'],
      ['Everyone is welcome, whatever their faith or none.', 'Todas las personas son bienvenidas, tengan la fe que tengan o ninguna.'],
    ],
    le: LE.free, conf: [['confidential', 1]], cost: [['free', 1]], location: 'office', topic: 'cultural',
  },
  youthDropIn: {
    names: [['Youth drop-in center', 'Centro de acogida para jóvenes'], ['Youth shelter', 'Refugio para jóvenes']],
    categories: ['basic_needs'], populations: ['youth', 'transition_age_youth', 'lgbtq', 'sex_trafficking_survivors'],
    sentences: [
      ['Young people can drop in for a meal, a shower, laundry and someone to talk to, no questions asked.', 'Las personas jóvenes pueden pasar por una comida, una ducha, lavar ropa y hablar con alguien, sin preguntas.'],
      ['Staff help with school, jobs and a safe place to sleep tonight.', 'El personal ayuda con la escuela, el empleo y un lugar seguro para dormir esta noche.'],
    ],
    le: LE.free, conf: [['limited', 1]], confNote: ['Staff must report abuse of anyone under eighteen.', 'El personal debe reportar el abuso de cualquier menor de dieciocho años.'],
    cost: [['free', 1]], location: 'office', walkIn: true, ages: [12, 24], topic: 'youth',
  },
  elder: {
    names: [['Elder abuse advocacy', 'Apoyo contra el abuso de personas mayores']],
    categories: ['empowerment_tools', 'legal_services'], populations: ['older_adults', 'people_with_disabilities'],
    sentences: [
      ['Help for older adults facing abuse, neglect or financial exploitation by family members or caregivers, respecting your right to decide.', 'Ayuda para personas mayores que sufren abuso, negligencia o explotación financiera por parte de familiares o cuidadores, respetando su derecho a decidir.'],
    ],
    le: LE.case, conf: [['limited', 1]], confNote: ['Staff are mandated reporters of elder abuse.', 'El personal está obligado a reportar el abuso de personas mayores.'],
    cost: [['free', 1]], location: 'office', ages: [60, null], topic: 'elder',
  },
  lgbtq: {
    names: [['LGBTQ+ survivor advocacy', 'Apoyo a sobrevivientes LGBTQ+']],
    categories: ['empowerment_tools', 'healing_cultural_services'], populations: ['lgbtq', 'transgender_nonbinary', 'transition_age_youth'],
    sentences: [
      ['Advocacy by and for LGBTQ+ people, including help when abuse targets your identity or threatens to out you.', 'Apoyo por y para personas LGBTQ+, incluida ayuda cuando el abuso ataca su identidad o amenaza con revelarla.'],
    ],
    le: LE.free, conf: [['confidential', 1]], cost: [['free', 1]], location: 'office', topic: 'lgbtq',
  },
  deaf: {
    names: [['Advocacy in ASL', 'Apoyo en lengua de señas americana']],
    categories: ['interpretation_services', 'empowerment_tools'], populations: ['deaf_hard_of_hearing', 'people_with_disabilities'],
    sentences: [
      ['Deaf advocates work with Deaf, DeafBlind and hard of hearing survivors directly in American Sign Language.', 'Intercesoras sordas trabajan directamente en lengua de señas americana con sobrevivientes sordas, sordociegas o con pérdida auditiva.'],
    ],
    le: LE.free, conf: [['confidential', 1]], cost: [['free', 1]], phone: 'video', location: 'office', topic: 'deaf',
  },
  navigation: {
    names: [['Resource navigation', 'Orientación sobre recursos'], ['Referral line', 'Línea de referencias']],
    categories: ['empowerment_tools'], populations: ['adults', 'immigrants_refugees', 'limited_english_proficiency'],
    sentences: [
      ['A navigator listens to what you need and connects you to the right partner, with a warm hand-off if you want one.', 'Una orientadora escucha lo que necesita y le conecta con la organización adecuada, presentándole en persona si así lo desea.'],
    ],
    le: LE.free, conf: [['confidential', 1], ['standard', 1]], cost: [['free', 1]], location: 'virtual', topic: 'general',
  },
  training: {
    names: [['Training for professionals', 'Capacitación para profesionales'], ['Community education', 'Educación comunitaria']],
    categories: ['education'], populations: ['adults'],
    sentences: [
      ['Workshops for nurses, teachers, faith leaders and employers on recognizing trafficking and abuse and responding safely.', 'Talleres para enfermeras, maestros, líderes religiosos y empleadores sobre cómo reconocer la trata y el abuso y responder de forma segura.'],
    ],
    le: LE.free, conf: [['standard', 1]], cost: [['free', 2], ['fee', 1]], location: 'virtual', byAppointment: true, topic: 'training',
  },
};

// ---------------------------------------------------------------------------
// Partner archetypes: how a partner is named, what it is and what it does

const WORDS = {
  hope: ['Esperanza', 'Refugio', 'la Luz', 'la Paz', 'Sanación', 'la Familia', 'las Mujeres', 'Fortaleza', 'Nuevo Amanecer', 'la Comunidad'],
  light: ['Sunrise', 'Harbor', 'Lantern', 'Cedar', 'Bridges', 'Willow', 'Beacon', 'Compass', 'Horizon', 'Open Door', 'Safe Passage', 'Hummingbird', 'Morning Star', 'Riverstone', 'Juniper', 'Evergreen', 'North Star', 'Haven', 'Sparrow', 'Poppy'],
  saint: ['Brigid', 'Vincent', 'Francis', 'Monica', 'Joseph', 'Anne', 'Clare', 'Martin', 'Teresa', 'Luke'],
  iglesia: ['Fuente de Vida', 'Buen Pastor', 'Nueva Esperanza', 'Roca Firme', 'Luz del Mundo', 'Camino de Paz'],
  community: ['Asian Family Center', 'Arab American Family Services', 'African Community Resource Center', 'Pacific Islander Family Circle', 'Indochinese Family Services', 'Latino Family Services', 'Intertribal Family Wellness', 'Punjabi Sikh Family Services', 'Korean Community Services', 'Filipino Family Center'],
};

// Each archetype: weight, name patterns ([en, es] with {city}/{county}/{w}),
// partner types, focus issues, legal status, required and optional services.
const ARCHETYPES = [
  {
    key: 'dv', weight: 14,
    names: [['Casa de {hope} {city}', null], ['{light} House {city}', 'Casa {light} {city}'], ['{city} Domestic Violence Services', 'Servicios contra la Violencia Doméstica de {city}'], ['{county} Safe Harbor', 'Puerto Seguro del condado de {countyName}'], ['{city} Women\'s Refuge', 'Refugio para Mujeres de {city}'], ['{light} Center for Family Safety', 'Centro {light} para la Seguridad Familiar']],
    types: ['parallel_advocacy'], focus: ['intimate_partner_violence', 'sexual_assault', 'stalking', 'human_trafficking'], legal: 'nonprofit',
    required: ['hotline'], optional: ['shelter', 'transitional', 'protection', 'groups', 'counseling', 'rides', 'techSafety', 'rental', 'financial'],
  },
  {
    key: 'legal', weight: 10,
    names: [['{city} Legal Aid', 'Ayuda Legal de {city}'], ['{county} Legal Services', 'Servicios Legales del condado de {countyName}'], ['Volunteer Lawyers of {county}', 'Abogados Voluntarios del condado de {countyName}'], ['{city} Survivor Law Project', 'Proyecto Legal para Sobrevivientes de {city}'], ['{light} Legal Collaborative', 'Colaborativo Legal {light}']],
    types: ['legal_provider'], focus: ['intimate_partner_violence', 'sexual_assault', 'human_trafficking'], legal: 'nonprofit',
    required: ['protection'], optional: ['family', 'immigration', 'vacatur', 'rental', 'financial'],
  },
  {
    key: 'immigrant', weight: 8,
    names: [['{city} Immigrant Justice Center', 'Centro de Justicia para Inmigrantes de {city}'], ['{city} Refugee Welcome', 'Bienvenida a Refugiados de {city}'], ['Centro {hope} {city}', null], ['{county} Immigrant Legal Resource Center', 'Centro de Recursos Legales para Inmigrantes del condado de {countyName}']],
    types: ['legal_provider'], focus: ['refugee_asylum_rights', 'labor_trafficking', 'human_trafficking'], legal: 'nonprofit',
    required: ['immigration'], optional: ['caseManagement', 'classes', 'interpretation', 'jobs', 'food'],
  },
  {
    key: 'fjc', weight: 3,
    names: [['{county} Family Justice Center', 'Centro de Justicia Familiar del condado de {countyName}'], ['{city} Family Justice Center', 'Centro de Justicia Familiar de {city}']],
    types: ['government_victim_services', 'coalition_task_force'], focus: ['intimate_partner_violence', 'sexual_assault', 'human_trafficking', 'child_maltreatment'], legal: 'government',
    required: ['protection', 'victimWitness'], optional: ['counseling', 'immigration', 'groups', 'techSafety', 'rides', 'hotline'],
  },
  {
    key: 'sa', weight: 6,
    names: [['{city} Rape Crisis Center', 'Centro de Crisis por Violación de {city}'], ['{county} Sexual Assault Response Team', 'Equipo de Respuesta a la Agresión Sexual del condado de {countyName}'], ['{light} Sexual Assault Services', 'Servicios {light} contra la Agresión Sexual']],
    types: ['parallel_advocacy'], focus: ['sexual_assault', 'human_trafficking'], legal: 'nonprofit',
    required: ['hotline'], optional: ['forensicExam', 'counseling', 'groups', 'victimWitness', 'rides'],
  },
  {
    key: 'trafficking', weight: 7,
    names: [['{county} Anti-Trafficking Coalition', 'Coalición contra la Trata del condado de {countyName}'], ['{city} Freedom Network', 'Red Libertad de {city}'], ['Project {tail} {city}', 'Proyecto {tail} {city}'], ['{light} Anti-Trafficking Program', 'Programa {light} contra la Trata'], ['{county} Human Trafficking Task Force', 'Grupo de Trabajo contra la Trata del condado de {countyName}']],
    types: ['coalition_task_force', 'parallel_advocacy'], focus: ['human_trafficking', 'sex_trafficking', 'labor_trafficking'], legal: 'nonprofit',
    required: ['caseManagement'], optional: ['hotline', 'vacatur', 'jobs', 'transitional', 'navigation', 'training', 'immigration'],
  },
  {
    key: 'cac', weight: 3,
    names: [['{county} Children\'s Advocacy Center', 'Centro de Defensa de la Niñez del condado de {countyName}'], ['{light} Child Advocacy Center', 'Centro {light} de Defensa de la Niñez']],
    types: ['government_victim_services'], focus: ['child_maltreatment', 'child_welfare', 'sex_trafficking'], legal: 'nonprofit',
    required: ['cac'], optional: ['counseling', 'groups', 'forensicExam'],
  },
  {
    key: 'health', weight: 7,
    names: [['{city} Community Health Center', 'Centro de Salud Comunitario de {city}'], ['{city} Free Clinic', 'Clínica Gratuita de {city}'], ['{light} Health', 'Salud {light}'], ['{county} Behavioral Health Partners', 'Salud Mental del condado de {countyName}']],
    types: ['other'], focus: ['intimate_partner_violence', 'sexual_assault', 'human_trafficking'], legal: 'nonprofit',
    required: ['clinic'], optional: ['counseling', 'forensicExam', 'interpretation', 'rides'],
  },
  {
    key: 'cultural', weight: 6,
    names: [['{city} {community}', null], ['{county} Intertribal Healing Lodge', 'Centro Intertribal de Sanación del condado de {countyName}'], ['{light} Cultural Healing Center', 'Centro de Sanación Cultural {light}'], ['Centro de Sanación {hope} {city}', null]],
    types: ['cultural_healing_center'], focus: ['intimate_partner_violence', 'mmip', 'human_trafficking'], legal: 'nonprofit',
    required: ['healing'], optional: ['groups', 'counseling', 'interpretation', 'navigation', 'food'],
  },
  {
    key: 'faith', weight: 5,
    names: [['St. {saint} Community Outreach {city}', 'Alcance Comunitario San {saint} {city}'], ['{city} Interfaith Housing Network', 'Red Interreligiosa de Vivienda de {city}'], ['Iglesia {iglesia} {city}', null], ['{city} Masjid Family Services', 'Servicios Familiares de la Mezquita de {city}']],
    types: ['faith_based_center'], focus: ['intimate_partner_violence', 'human_trafficking'], legal: 'faith_based',
    required: ['food'], optional: ['healing', 'rental', 'rides', 'classes', 'transitional'],
  },
  {
    key: 'university', weight: 3,
    names: [['{city} Community College Survivor Services', 'Servicios para Sobrevivientes del Colegio Comunitario de {city}'], ['University of {city} Counseling Clinic', 'Clínica de Consejería de la Universidad de {city}'], ['{city} College Survivor Rights Clinic', 'Clínica de Derechos de Sobrevivientes del Colegio de {city}']],
    types: ['university_college'], focus: ['sexual_assault', 'intimate_partner_violence', 'stalking'], legal: 'university',
    required: ['counseling'], optional: ['classes', 'protection', 'groups', 'techSafety'],
  },
  {
    key: 'da', weight: 2,
    names: [['{county} District Attorney Victim Services', 'Servicios a Víctimas de la Fiscalía del condado de {countyName}'], ['{city} Police Victim Assistance Unit', 'Unidad de Asistencia a Víctimas de la Policía de {city}']],
    types: ['government_victim_services'], focus: ['intimate_partner_violence', 'sexual_assault', 'human_trafficking', 'child_maltreatment'], legal: 'government',
    required: ['victimWitness'], optional: ['rides', 'counseling', 'techSafety'],
  },
  {
    key: 'workforce', weight: 4,
    names: [['{county} Workforce Connections', 'Conexiones Laborales del condado de {countyName}'], ['{city} Career Pathways', 'Caminos Profesionales de {city}'], ['{light} Works', 'Trabajo {light}']],
    types: ['other'], focus: ['labor_trafficking', 'human_trafficking'], legal: 'nonprofit',
    required: ['jobs'], optional: ['classes', 'financial', 'rides'],
  },
  {
    key: 'youth', weight: 5,
    names: [['{city} Youth Haven', 'Refugio Juvenil de {city}'], ['{county} Youth Shelter', 'Refugio Juvenil del condado de {countyName}'], ['{light} Youth Services', 'Servicios Juveniles {light}']],
    types: ['parallel_advocacy'], focus: ['sex_trafficking', 'child_maltreatment', 'intimate_partner_violence'], legal: 'nonprofit',
    required: ['youthDropIn'], optional: ['hotline', 'counseling', 'classes', 'jobs', 'lgbtq'],
  },
  {
    key: 'survivor', weight: 3,
    names: [['{light} Survivor Collective', 'Colectiva de Sobrevivientes {light}'], ['{city} Survivor Leaders Network', 'Red de Líderes Sobrevivientes de {city}'], ['{tail} Survivors United', 'Sobrevivientes Unidas {tail}']],
    types: ['survivor_leader'], focus: ['human_trafficking', 'sex_trafficking', 'intimate_partner_violence'], legal: 'nonprofit',
    required: ['groups'], optional: ['training', 'navigation', 'healing', 'jobs'],
  },
  {
    key: 'lgbtq', weight: 2,
    names: [['{city} Pride Center', 'Centro del Orgullo de {city}'], ['{county} LGBTQ+ Community Center', 'Centro Comunitario LGBTQ+ del condado de {countyName}']],
    types: ['other'], focus: ['lgbtq_rights', 'intimate_partner_violence'], legal: 'nonprofit',
    required: ['lgbtq'], optional: ['groups', 'counseling', 'youthDropIn', 'navigation'],
  },
  {
    key: 'deaf', weight: 1,
    names: [['{county} Deaf Access Center', 'Centro de Acceso para Personas Sordas del condado de {countyName}'], ['{city} Deaf Survivors Project', 'Proyecto para Sobrevivientes Sordas de {city}']],
    types: ['other'], focus: ['intimate_partner_violence', 'sexual_assault'], legal: 'nonprofit',
    required: ['deaf'], optional: ['interpretation', 'groups', 'counseling'],
  },
  {
    key: 'elder', weight: 2,
    names: [['{county} Elder Justice Program', 'Programa de Justicia para Personas Mayores del condado de {countyName}'], ['{city} Senior Safety Network', 'Red de Seguridad para Personas Mayores de {city}']],
    types: ['other'], focus: ['intimate_partner_violence'], legal: 'nonprofit',
    required: ['elder'], optional: ['rides', 'food', 'financial', 'protection'],
  },
  {
    key: 'directory', weight: 1,
    names: [['{county} 211', '211 del condado de {countyName}'], ['{county} Survivor Services Directory', 'Directorio de Servicios para Sobrevivientes del condado de {countyName}']],
    types: ['victim_service_directory'], focus: ['human_trafficking', 'intimate_partner_violence'], legal: 'nonprofit',
    required: ['navigation'], optional: ['interpretation', 'rides'],
  },
];
const ARCHETYPE_WEIGHTS = ARCHETYPES.map((a) => [a, a.weight]);

// ---------------------------------------------------------------------------
// Description sentences: [English, Spanish] pairs with slots {name}, {city},
// {county}, {year}, {pops}, {langs}, {t1}..{t3}. Spanish slots are filled
// with Spanish values.

const SENTENCES = {
  opening: [
    ['{name} has served survivors in {county} since {year}.', '{name} atiende a sobrevivientes en {county} desde {year}.'],
    ['We started in {year} as a small group of volunteers in {city} and have grown into a team of advocates, counselors and peer mentors.', 'Comenzamos en {year} como un pequeño grupo de voluntarias en {city} y hoy somos un equipo de intercesoras, consejeras y mentoras.'],
    ['Since {year}, {name} has helped {pops} in {county} find safety and rebuild their lives.', 'Desde {year}, {name} ayuda a {pops} en {county} a encontrar seguridad y reconstruir su vida.'],
    ['{name} was founded in {year} by survivors and their allies in {city}.', '{name} fue fundada en {year} por sobrevivientes y sus aliados en {city}.'],
  ],
  general: [
    ['Everything we offer is voluntary, and you decide what happens next.', 'Todo lo que ofrecemos es voluntario, y usted decide qué pasa después.'],
    ['You can call just to talk, to make a safety plan, or to ask whether what is happening to you is abuse.', 'Puede llamar solo para hablar, para hacer un plan de seguridad o para preguntar si lo que le está pasando es abuso.'],
    ['We work closely with other members of the coalition, so one call can connect you to many kinds of help.', 'Trabajamos de cerca con otros miembros de la coalición, así que una llamada puede conectarle con muchos tipos de ayuda.'],
    ['Advocates can meet you at our office in {city}, at a clinic, a library or another public place where you feel safe.', 'Las intercesoras pueden reunirse con usted en nuestra oficina de {city}, en una clínica, una biblioteca u otro lugar público donde se sienta segura.'],
    ['We also train nurses, teachers, faith leaders and employers in {county} to recognize the signs of abuse and exploitation.', 'También capacitamos a enfermeras, maestros, líderes religiosos y empleadores de {county} para reconocer las señales de abuso y explotación.'],
    ['Our board includes survivors, and their advice shapes every program we run.', 'Nuestra junta directiva incluye sobrevivientes, y sus consejos guían cada programa.'],
    ['We never charge survivors for advocacy, and nobody is turned away because they cannot pay.', 'Nunca cobramos a sobrevivientes por el acompañamiento, y no rechazamos a nadie por no poder pagar.'],
    ['Staff reflect the communities of {county}, and many of us have lived experience of the issues we work on.', 'El personal refleja a las comunidades de {county}, y muchas de nosotras tenemos experiencia propia con estos temas.'],
    ['Urgent safety needs are always seen the same day.', 'Las necesidades urgentes de seguridad siempre se atienden el mismo día.'],
    ['Childcare is available during appointments and groups, so parents do not have to choose between help and their kids.', 'Ofrecemos cuidado de niños durante citas y grupos, para que madres y padres no tengan que elegir entre la ayuda y sus hijos.'],
    ['Volunteers drive survivors to appointments in rural parts of {county} where buses rarely run.', 'Personas voluntarias llevan a sobrevivientes a sus citas en zonas rurales de {county} donde casi no pasan autobuses.'],
    ['We follow up after every referral to make sure the door we pointed to was really open.', 'Damos seguimiento a cada referencia para asegurarnos de que la puerta que indicamos estaba realmente abierta.'],
  ],
  hotline: [
    ['Our hotline is answered day and night by trained advocates who can listen, help you think through options and find a safe place to stay.', 'Nuestra línea de ayuda está atendida día y noche por intercesoras capacitadas que pueden escucharle, ayudarle a pensar en sus opciones y encontrar un lugar seguro.'],
    ['You can text the line if it is not safe to talk, and you do not have to give your name.', 'Puede enviar un mensaje de texto si no es seguro hablar, y no tiene que dar su nombre.'],
  ],
  shelter: [
    ['Our emergency shelter is in a **confidential location**; an advocate will arrange a safe place to meet you.', 'Nuestro refugio de emergencia está en un **lugar confidencial**; una intercesora acordará un lugar seguro para encontrarse con usted.'],
    ['Families stay together in private rooms, and pets are welcome, because nobody should have to choose between safety and a companion animal.', 'Las familias se quedan juntas en habitaciones privadas y las mascotas son bienvenidas, porque nadie debería elegir entre su seguridad y su animal de compañía.'],
  ],
  housing: [
    ['Transitional apartments give families time to rebuild, with rent based on income and an advocate down the hall.', 'Los apartamentos de transición dan a las familias tiempo para reconstruirse, con renta según sus ingresos y una intercesora cerca.'],
    ['Rental assistance can cover a deposit or the first month of rent when moving is the safest choice.', 'La ayuda con la renta puede cubrir el depósito o el primer mes cuando mudarse es la opción más segura.'],
  ],
  basic: [
    ['Food, clothing, diapers and hygiene supplies are available to anyone who asks.', 'Hay alimentos, ropa, pañales y artículos de higiene para cualquier persona que los pida.'],
  ],
  legal: [
    ['Our attorneys help with restraining orders, divorce, custody, child support and housing problems caused by abuse.', 'Nuestras abogadas ayudan con órdenes de alejamiento, divorcio, custodia, manutención y problemas de vivienda causados por el abuso.'],
    ['We can give advice once, help you fill in forms yourself, or represent you in court from start to finish.', 'Podemos darle un consejo, ayudarle a llenar los formularios usted misma o representarle en el tribunal de principio a fin.'],
    ['What you tell our lawyers is protected by attorney-client confidentiality.', 'Lo que diga a nuestras abogadas está protegido por la confidencialidad entre abogado y cliente.'],
  ],
  immigration: [
    ['Survivors of trafficking and serious crimes may qualify for a T visa, a U visa or relief under the Violence Against Women Act, and we explain the options in plain language.', 'Las sobrevivientes de trata y de delitos graves pueden calificar para una visa T, una visa U o protección bajo la Ley de Violencia contra la Mujer, y explicamos las opciones en lenguaje sencillo.'],
    ['You do not need papers to get help from us, and we never ask about immigration status unless you want legal advice about it.', 'No necesita papeles para recibir nuestra ayuda, y nunca preguntamos por su estatus migratorio salvo que quiera asesoría legal sobre eso.'],
  ],
  court: [
    ['Some services, such as help with a criminal case, involve working with law enforcement, and we explain this before you decide.', 'Algunos servicios, como la ayuda en un caso penal, implican trabajar con las autoridades, y se lo explicamos antes de que decida.'],
    ['Advocates sit with you in court, explain each hearing and help you apply for crime victim compensation.', 'Las intercesoras le acompañan en el tribunal, le explican cada audiencia y le ayudan a solicitar la compensación para víctimas.'],
  ],
  counseling: [
    ['Licensed counselors offer trauma-informed therapy for adults, teens and children, in person or by video.', 'Consejeras con licencia ofrecen terapia informada en trauma para adultos, adolescentes y niños, en persona o por video.'],
    ['Support groups meet weekly and are led by counselors and trained survivor peers.', 'Los grupos de apoyo se reúnen cada semana y los dirigen consejeras y compañeras sobrevivientes capacitadas.'],
  ],
  trafficking: [
    ['Survivors of labor and sex trafficking receive long-term case management, help with basic needs and referrals to specialized legal services.', 'Las sobrevivientes de trata laboral y sexual reciben gestión de casos a largo plazo, ayuda con necesidades básicas y referencias a servicios legales especializados.'],
    ['Many of the people we serve were recruited with false promises of work, school or marriage, and it is never their fault.', 'Muchas de las personas que atendemos fueron reclutadas con falsas promesas de trabajo, estudios o matrimonio, y nunca es su culpa.'],
  ],
  child: [
    ['Children who may have been abused are interviewed once, by a specially trained interviewer, in a friendly room designed for kids.', 'Los niños que pudieron haber sufrido abuso son entrevistados una sola vez, por una persona especialmente capacitada, en una sala amable diseñada para ellos.'],
    ['Non-offending parents and caregivers receive support and information throughout the investigation and afterwards.', 'Los padres y cuidadores no agresores reciben apoyo e información durante la investigación y después.'],
  ],
  health: [
    ['Our clinic sees patients regardless of insurance or immigration status, on a sliding scale based on income.', 'Nuestra clínica atiende a pacientes sin importar su seguro o estatus migratorio, con tarifas según sus ingresos.'],
    ['Nurses trained in forensic examination can care for you after a sexual assault, whether or not you decide to report it.', 'Enfermeras capacitadas en exámenes forenses pueden atenderle después de una agresión sexual, decida o no denunciarla.'],
  ],
  career: [
    ['Job readiness classes cover résumés, interviews and workers\' rights, and paid internships are available with local employers.', 'Las clases de preparación laboral tratan currículum, entrevistas y derechos laborales, y hay prácticas pagadas con empleadores locales.'],
    ['Financial coaching helps survivors repair credit damaged by coerced debt.', 'La asesoría financiera ayuda a las sobrevivientes a reparar el crédito dañado por deudas impuestas.'],
  ],
  education: [
    ['Free English classes, GED preparation and help with college applications are offered in the evenings and on Saturdays.', 'Ofrecemos clases de inglés gratuitas, preparación para el GED y ayuda con solicitudes universitarias por las tardes y los sábados.'],
  ],
  transport: [
    ['Bus passes and rides to appointments, court dates and shelter are available when getting there safely is a barrier.', 'Hay pases de autobús y transporte a citas, audiencias y al refugio cuando llegar de forma segura es un obstáculo.'],
  ],
  cultural: [
    ['Healing circles, traditional foods and ceremonies are led by elders and community members who understand where you come from.', 'Los círculos de sanación, las comidas tradicionales y las ceremonias los guían personas mayores y miembros de la comunidad que entienden de dónde viene usted.'],
  ],
  youth: [
    ['Young people can drop in for a meal, a shower, laundry and someone to talk to, no questions asked.', 'Las personas jóvenes pueden pasar por una comida, una ducha, lavar ropa y hablar con alguien, sin preguntas.'],
  ],
  elder: [
    ['Older adults facing abuse or exploitation by family members or caregivers get help that respects their independence.', 'Las personas mayores que sufren abuso o explotación por familiares o cuidadores reciben ayuda que respeta su independencia.'],
  ],
  lgbtq: [
    ['LGBTQ+ survivors are welcome here, and our staff understand the specific ways abuse can target identity.', 'Las sobrevivientes LGBTQ+ son bienvenidas aquí, y nuestro personal entiende cómo el abuso puede atacar la identidad.'],
  ],
  deaf: [
    ['Staff use American Sign Language directly, and video calls are answered by advocates who are Deaf themselves.', 'El personal usa directamente la lengua de señas americana, y las videollamadas las atienden intercesoras que también son sordas.'],
  ],
  tech: [
    ['Abusers often use phones, shared accounts and location tracking, and we can help you check your devices safely.', 'Los agresores a menudo usan teléfonos, cuentas compartidas y rastreo de ubicación, y podemos ayudarle a revisar sus aparatos de forma segura.'],
  ],
  language: [
    ['Interpreters can join by phone or video for any language, at no cost to you.', 'Intérpretes pueden unirse por teléfono o video en cualquier idioma, sin costo para usted.'],
  ],
  training: [
    ['Our trainers have taught thousands of professionals how to spot trafficking and respond with care.', 'Nuestras capacitadoras han enseñado a miles de profesionales a detectar la trata y responder con cuidado.'],
  ],
  police: [
    ['You do not need to report to the police to get help from us.', 'No necesita denunciar a la policía para recibir nuestra ayuda.'],
  ],
  confidential: [
    ['What you share with us stays confidential, except where the law requires staff to report the abuse of a child or an elder.', 'Lo que comparta con nosotros es confidencial, salvo cuando la ley obliga al personal a reportar el maltrato de un niño o de una persona mayor.'],
  ],
  languages: [
    ['Services are available in {langs}, and interpreters can join by phone for any other language.', 'Los servicios están disponibles en {langs}, y intérpretes pueden unirse por teléfono para cualquier otro idioma.'],
  ],
  tail: [
    ['Locally, people know us for the {t1} program and the {t2} gatherings.', 'En la zona nos conocen por el programa {t1} y los encuentros {t2}.'],
    ['Ask about {t1}, {t2} and {t3}, our newest peer-led projects.', 'Pregunte por {t1}, {t2} y {t3}, nuestros proyectos más nuevos dirigidos por pares.'],
    ['Our {t1} fund and {t2} circle were started by survivors themselves.', 'El fondo {t1} y el círculo {t2} los iniciaron las propias sobrevivientes.'],
    ['The {t1} and {t2} workshops run every season in {city}.', 'Los talleres {t1} y {t2} se ofrecen cada temporada en {city}.'],
  ],
  closing: [
    ['If you are not sure whether we can help, call anyway: if we are not the right place, we will help you find one.', 'Si no sabe si podemos ayudarle, llame de todos modos: si no somos el lugar indicado, le ayudaremos a encontrarlo.'],
    ['There is no wrong door: every partner in this directory can connect you to the others.', 'No hay puerta equivocada: cada organización de este directorio puede conectarle con las demás.'],
  ],
};

// ---------------------------------------------------------------------------
// Text helpers

function fill(template, slots) {
  return template.replace(/\{(\w+)\}/g, (_, key) => {
    if (!(key in slots)) throw new Error(`no slot ${key} in "${template}"`);
    return slots[key];
  });
}

const wordCount = (text) => text.split(/\s+/).filter(Boolean).length;

/** "a", "a and b", "a, b and c" (or "y" in Spanish). */
function listPhrase(items, language) {
  const and = language === 'es' ? 'y' : 'and';
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function slugify(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function limitSlug(slug, max) {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const at = cut.lastIndexOf('-');
  return (at > 20 ? cut.slice(0, at) : cut).replace(/-+$/, '');
}

function wrap(text, width = 76) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------
// YAML emitting

const YAML_RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

/** A scalar: plain when unambiguous, else double-quoted (JSON is valid YAML). */
function scalar(value) {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const s = String(value);
  const plain =
    /^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 ,.'’()/&+–—-]*$/.test(s) &&
    !/[:#]/.test(s) &&
    !YAML_RESERVED.test(s) &&
    !s.endsWith(' ');
  return plain ? s : JSON.stringify(s);
}

/** `key: |` block with the text's paragraphs wrapped at `indent`. */
function literal(key, text, indent) {
  const pad = ' '.repeat(indent);
  const out = [`${pad}${key}: |`];
  const body = text.split('\n');
  for (const line of body) {
    if (line === '') out.push('');
    else if (/^(- |\d+\. )/.test(line)) out.push(`${pad}  ${line}`);
    else for (const l of wrap(line, 76 - indent)) out.push(`${pad}  ${l}`);
  }
  return out;
}

function folded(key, text, indent) {
  const pad = ' '.repeat(indent);
  return [`${pad}${key}: >-`, ...wrap(text, 76 - indent).map((l) => `${pad}  ${l}`)];
}

const flow = (codes) => `[${codes.join(', ')}]`;

// ---------------------------------------------------------------------------
// Dates

const DAY = 86400000;
function dateMinus(today, days) {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------
// Hours

const WEEKLY = [
  { mon: '09:00-17:00', tue: '09:00-17:00', wed: '09:00-17:00', thu: '09:00-17:00', fri: '09:00-17:00', sat: 'closed', sun: 'closed' },
  { mon: '08:30-17:30', tue: '08:30-17:30', wed: '08:30-17:30', thu: '08:30-17:30', fri: '08:30-12:00', sat: 'closed', sun: 'closed' },
  { mon: '09:00-12:00, 13:00-17:00', tue: '09:00-12:00, 13:00-17:00', wed: '09:00-12:00, 13:00-17:00', thu: '09:00-12:00, 13:00-17:00', fri: '09:00-12:00, 13:00-16:00', sat: 'closed', sun: 'closed' },
  { mon: 'closed', tue: '10:00-18:00', wed: '10:00-18:00', thu: '10:00-18:00', fri: '10:00-18:00', sat: '10:00-14:00', sun: 'closed' },
  { mon: '09:00-16:00', tue: '12:00-20:00', wed: '09:00-16:00', thu: '12:00-20:00', fri: '09:00-16:00', sat: 'closed', sun: 'closed' },
  { mon: '08:00-18:00', tue: '08:00-18:00', wed: '08:00-18:00', thu: '08:00-18:00', fri: '08:00-18:00', sat: '09:00-13:00', sun: 'closed' },
  { mon: '10:00-19:00', tue: '10:00-19:00', wed: '10:00-19:00', thu: '10:00-19:00', fri: '10:00-19:00', sat: '10:00-19:00', sun: '12:00-17:00' },
];
const HOURS_NOTES = [
  'Walk-in advocacy on Wednesday afternoons.',
  'Closed on state holidays.',
  'Evening appointments on request.',
  'Call ahead on Fridays; staff are often in court.',
];

function hoursLines(rng, indent, { timezone = false } = {}) {
  const pad = ' '.repeat(indent);
  const table = rng.weighted(WEEKLY.map((w, i) => [w, i === 0 ? 5 : 1]));
  const lines = [];
  if (timezone) lines.push(`${pad}timezone: America/Los_Angeles`);
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) {
    const v = table[day];
    lines.push(`${pad}${day}: ${v === 'closed' ? 'closed' : `"${v}"`}`);
  }
  if (rng.chance(0.2)) lines.push(`${pad}notes: ${scalar(rng.pick(HOURS_NOTES))}`);
  return lines;
}

// ---------------------------------------------------------------------------
// Unique resources: names, ids, phone numbers, EINs

class Registry {
  constructor() {
    this.names = new Set();
    this.ids = new Set();
    this.phoneCounters = new Map();
    this.ein = 0;
  }
  /** A fresh "+1 AAA-555-NNNN"-style number in `areaCodes` (0100-9999 lines). */
  phone(areaCodes, rng, style) {
    const candidates = [...areaCodes, ...EVERY_AREA_CODE];
    for (const code of candidates) {
      const used = this.phoneCounters.get(code) ?? 0;
      if (used < 9900) {
        this.phoneCounters.set(code, used + 1);
        // Spread the line numbers: a fixed permutation of 0..9899 by stride.
        const line = String(100 + ((used * 7919) % 9900)).padStart(4, '0');
        switch (style) {
          case 'national': return `(${code}) 555-${line}`;
          case 'dashes': return `${code}-555-${line}`;
          default: return `+1 ${code}-555-${line}`;
        }
      }
    }
    throw new Error('out of phone numbers');
  }
}

// ---------------------------------------------------------------------------
// Partners

function pickLanguages(rng) {
  const languages = ['en'];
  if (rng.chance(0.75)) languages.push('es');
  const extra = rng.weighted([[0, 5], [1, 3], [2, 2], [3, 1]]);
  for (let k = 0; k < extra; k++) {
    const code = EXTRA_LANGUAGES[LANGUAGE_ZIPF.draw(rng)];
    if (!languages.includes(code)) languages.push(code);
  }
  return languages;
}

function tailWords(rng, ctx, count) {
  const words = [];
  while (words.length < count) {
    const w = ctx.vocabulary[ctx.zipf.draw(rng)];
    if (!words.includes(w)) words.push(w);
  }
  return words;
}

function makeName(rng, archetype, county, city, ctx) {
  const [en, es] = rng.pick(archetype.names);
  const slotsEn = {
    city, county: county.full, countyName: county.name, hope: rng.pick(WORDS.hope), light: rng.pick(WORDS.light), saint: rng.pick(WORDS.saint),
    iglesia: rng.pick(WORDS.iglesia), community: rng.pick(WORDS.community), tail: capitalize(tailWords(rng, ctx, 1)[0]),
  };
  return { en: fill(en, slotsEn), es: es ? fill(es, slotsEn) : null };
}

function generatePartner(index, ctx) {
  const rng = new Rng(ctx.seed, STREAM.partner, index);
  const archetype = rng.weighted(ARCHETYPE_WEIGHTS);
  const county = rng.weighted(COUNTY_WEIGHTS);
  const city = rng.pick(county.cities);

  // Name and id, unique across the corpus.
  let name = null;
  for (let attempt = 0; attempt < 25 && !name; attempt++) {
    const candidate = makeName(rng, archetype, county, city, ctx);
    if (!ctx.registry.names.has(candidate.en)) name = candidate;
  }
  if (!name) {
    // Every pattern taken: add a pseudo-word that makes it unique.
    for (;;) {
      const base = makeName(rng, archetype, county, city, ctx);
      const word = capitalize(tailWords(rng, ctx, 1)[0]);
      const candidate = { en: `${base.en} ${word}`, es: base.es ? `${base.es} ${word}` : null };
      if (!ctx.registry.names.has(candidate.en)) { name = candidate; break; }
    }
  }
  ctx.registry.names.add(name.en);
  let id = limitSlug(slugify(name.en), 60);
  if (ctx.registry.ids.has(id)) {
    let n = 2;
    while (ctx.registry.ids.has(`${id}-${n}`)) n++;
    id = `${id}-${n}`;
  }
  ctx.registry.ids.add(id);
  const host = `${id}.example.org`;

  // Services.
  const serviceCount = rng.int(2, 5);
  const keys = [...archetype.required];
  for (const key of rng.shuffle(archetype.optional)) {
    if (keys.length >= serviceCount) break;
    if (!keys.includes(key)) keys.push(key);
  }
  while (keys.length < 2) {
    const key = rng.pick(Object.keys(SERVICES));
    if (!keys.includes(key)) keys.push(key);
  }
  const partnerLanguages = pickLanguages(rng);

  // Phones: an office line always; a hotline, a text line, a video line or a
  // fax as the services need, 1-3 in all.
  const phones = [];
  const style = () => rng.weighted([['intl', 8], ['national', 1], ['dashes', 1]]);
  const needsHotline = keys.some((k) => SERVICES[k].phone === 'hotline');
  const needsVideo = keys.some((k) => SERVICES[k].phone === 'video');
  if (needsHotline) {
    phones.push({ id: 'crisis-line', kind: 'voice', label: rng.pick(['24/7 crisis line', '24-hour hotline', 'Crisis and support line']), hotline: true, hours: '24/7' });
  }
  phones.push({ id: 'office', kind: 'voice', label: rng.pick(['Main office', 'Intake line', 'Front desk', 'Office (not for emergencies)']), hours: 'weekly' });
  if (needsVideo) phones.push({ id: 'videophone', kind: 'video', label: 'Videophone for ASL users', hours: 'weekly' });
  else if (needsHotline && rng.chance(0.6)) phones.push({ id: 'text', kind: 'sms', label: 'Text the crisis line', hotline: true, hours: '24/7' });
  else if (rng.chance(0.25)) phones.push({ id: 'text', kind: 'sms', label: 'Text us to ask for a call back' });
  else if (rng.chance(0.15)) phones.push({ id: 'fax', kind: 'fax', label: 'Fax for referrals' });
  while (phones.length > 3) phones.pop();
  for (const p of phones) {
    p.number = ctx.registry.phone(county.areaCodes, rng, style());
    if (p.kind !== 'fax') p.languages = p.hotline ? partnerLanguages.slice(0, 2) : partnerLanguages.slice(0, rng.int(1, partnerLanguages.length));
  }

  // Locations: a public office, a confidential shelter when a service needs
  // one, a second office or an online location; 1-3 in all.
  const locations = [];
  const needsShelter = keys.some((k) => SERVICES[k].location === 'shelter');
  const needsVirtual = keys.some((k) => SERVICES[k].location === 'virtual');
  const address = (c, town) => ({
    street: `${rng.int(1, 99) * 100 + rng.int(0, 99)} ${rng.pick(STREETS)}${rng.chance(0.3) ? `, ${rng.pick(SUITES)}` : ''}`,
    city: town,
    postal_code: `${c.zip}${String(rng.int(1, 99)).padStart(2, '0')}`,
    lat: (c.lat + (rng.float() - 0.5) * 0.16).toFixed(4),
    lon: (c.lon + (rng.float() - 0.5) * 0.16).toFixed(4),
  });
  locations.push({ id: 'main-office', name: rng.pick([`${city} office`, 'Main office', 'Community center', 'Drop-in center']), kind: 'public', address: address(county, city) });
  if (needsShelter) locations.push({ id: 'shelter', name: rng.pick(['Emergency shelter', 'Safe house', 'Residential program']), kind: 'confidential', city: rng.pick(county.cities) });
  if (locations.length < 3 && (needsVirtual || rng.chance(0.3))) locations.push({ id: 'online', name: rng.pick(['Apply online', 'Online chat', 'Video appointments']), kind: 'virtual', url: `https://${host}/${rng.pick(['apply', 'chat', 'video', 'intake'])}` });
  if (locations.length < 3 && county.cities.length > 1 && rng.chance(0.25)) {
    const other = rng.pick(county.cities.filter((c) => c !== city));
    locations.push({ id: `${slugify(other)}-office`, name: `${other} office`, kind: 'public', address: address(county, other) });
  }

  // Coverage.
  const scope = rng.weighted([['local', 6], ['regional', 3], ['statewide', 1]]);
  let areas;
  if (scope === 'local') {
    areas = [{ kind: 'county', name: county.full }];
    if (rng.chance(0.15)) areas = [{ kind: 'city', name: city }, ...areas];
  } else if (scope === 'regional') {
    const neighbours = COUNTIES.filter((c) => c !== county && Math.abs(c.lat - county.lat) + Math.abs(c.lon - county.lon) < 2.2);
    areas = [county, ...rng.sample(neighbours, rng.int(1, 3))].map((c) => ({ kind: 'county', name: c.full }));
  } else {
    areas = [{ kind: 'state', name: STATE.name }];
  }

  // Services in detail.
  const services = keys.map((key) => {
    const def = SERVICES[key];
    const [nameEn, nameEs] = rng.pick(def.names);
    const sentences = rng.sample(def.sentences, rng.int(1, def.sentences.length));
    const conf = rng.weighted(def.conf);
    const cost = rng.weighted(def.cost);
    const service = {
      id: slugify(nameEn).split('-').slice(0, 4).join('-'),
      key, def, nameEn, nameEs,
      descEn: sentences.map((s) => s[0]).join(' '),
      descEs: sentences.map((s) => s[1]).join(' '),
      categories: def.categories.slice(0, rng.int(1, def.categories.length)),
      populations: rng.sample(def.populations, rng.int(1, Math.min(5, def.populations.length))),
      le: rng.weighted(def.le),
      conf,
      confNote: conf === 'limited' ? def.confNote ?? ['Staff are mandated reporters of child abuse.', 'El personal está obligado a reportar el maltrato infantil.'] : null,
      cost,
      languages: partnerLanguages.slice(0, rng.int(1, partnerLanguages.length)),
    };
    if (def.le === LE.free && rng.chance(0.05)) service.le = 'case_by_case';
    if (def.ages) service.ages = def.ages;
    if (cost !== 'free') {
      service.fees = {
        sliding_scale: ['Fees on a sliding scale from income; nobody is turned away for inability to pay.', 'Tarifas según ingresos; no rechazamos a nadie por no poder pagar.'],
        fee: ['A small fee per session, waived on request for survivors.', 'Una cuota pequeña por sesión, que se exonera para sobrevivientes que lo pidan.'],
        insurance: ['Medi-Cal and most private insurance accepted; uninsured patients pay on a sliding scale.', 'Aceptamos Medi-Cal y la mayoría de los seguros privados; quien no tiene seguro paga según sus ingresos.'],
      }[cost];
    }
    service.phones = def.phone === 'hotline' && needsHotline ? phones.filter((p) => p.hotline).map((p) => p.id) : [def.phone === 'video' && needsVideo ? 'videophone' : 'office'];
    if (def.location === 'shelter' && needsShelter) service.locations = ['shelter'];
    else if (def.location === 'virtual' && locations.some((l) => l.id === 'online')) service.locations = ['online'];
    else if (def.location === 'office') service.locations = locations.filter((l) => l.kind !== 'confidential').map((l) => l.id).slice(0, rng.int(1, 2));
    if (def.hours) service.hours = def.hours;
    else if (def.byAppointment || rng.chance(0.1)) service.hours = 'by_appointment';
    service.walkIn = def.walkIn ?? (def.location === 'office' ? rng.chance(0.3) : undefined);
    if (def.referral) service.referral = true;
    if (def.anonymous) service.anonymous = true;
    if (rng.chance(0.35)) {
      const extra = rng.sample(EXTRA_LANGUAGES.slice(0, 12).filter((l) => !service.languages.includes(l)), rng.int(1, 3));
      service.interpretation = { modes: rng.sample(INTERPRETATION_MODES.slice(0, 3), rng.int(1, 3)), languages: extra };
    }
    if (rng.chance(0.25)) service.communication = rng.sample(COMMUNICATION_ACCESS, rng.int(1, 3));
    return service;
  });
  // Service ids unique within the record.
  const seenServiceIds = new Set();
  for (const s of services) {
    let sid = s.id;
    for (let n = 2; seenServiceIds.has(sid); n++) sid = `${s.id}-${n}`;
    s.id = sid;
    seenServiceIds.add(sid);
  }

  // Populations and languages phrases for the description.
  const populations = [...new Set(services.flatMap((s) => s.populations))];
  const popCodes = rng.sample(populations, Math.min(3, populations.length));
  const pops = { en: listPhrase(popCodes.map((c) => POPULATION_PHRASES[c][0]), 'en'), es: listPhrase(popCodes.map((c) => POPULATION_PHRASES[c][1]), 'es') };
  const langs = { en: listPhrase(partnerLanguages.map((c) => LANGUAGE_NAMES[c][0]), 'en'), es: listPhrase(partnerLanguages.map((c) => LANGUAGE_NAMES[c][1]), 'es') };
  const year = rng.int(1972, 2022);
  const tails = tailWords(rng, ctx, rng.int(3, 6));
  const slots = {
    en: { name: name.en, city, county: county.full, year, pops: pops.en, langs: langs.en, t1: tails[0], t2: tails[1], t3: tails[2] },
    es: { name: name.es ?? name.en, city, county: county.es, year, pops: pops.es, langs: langs.es, t1: tails[0], t2: tails[1], t3: tails[2] },
  };

  // Description: an opening, the topics of the services, access facts, the
  // long tail, general sentences up to the target length, a closing.
  const withList = rng.chance(0.3);
  const listWords = withList ? 3 + services.length + wordCount(services.map((s) => s.nameEn).join(' ')) : 0;
  const maxWords = 300 - listWords;
  const target = Math.min(rng.int(100, 300), maxWords);
  const chosen = [rng.pick(SENTENCES.opening)];
  const topics = [...new Set(services.map((s) => s.def.topic))];
  for (const topic of topics) chosen.push(...rng.sample(SENTENCES[topic] ?? [], rng.int(1, 2)));
  if (services.every((s) => s.le === 'not_required')) chosen.push(SENTENCES.police[0]);
  if (services.some((s) => s.conf === 'limited')) chosen.push(SENTENCES.confidential[0]);
  if (partnerLanguages.length > 1) chosen.push(SENTENCES.languages[0]);
  chosen.push(rng.pick(SENTENCES.tail));
  const closing = rng.pick(SENTENCES.closing);
  const general = rng.shuffle(SENTENCES.general.filter((s) => !chosen.includes(s)));
  const countWords = (list) => list.reduce((n, s) => n + wordCount(fill(s[0], slots.en)), 0);
  while (countWords([...chosen, closing]) < target && general.length) chosen.push(general.pop());
  // Trim from the end (never the opening) if a long topic list overshot 300.
  while (countWords([...chosen, closing]) > maxWords && chosen.length > 2) chosen.splice(chosen.length - 1, 1);
  chosen.push(closing);
  // Extra long-tail sentences for descriptions still short of 100 words.
  let extraTails = 0;
  while (countWords(chosen) < 100 && extraTails < 5) {
    const more = tailWords(rng, ctx, 3);
    const t = rng.pick(SENTENCES.tail);
    chosen.splice(chosen.length - 1, 0, [fill(t[0], { ...slots.en, t1: more[0], t2: more[1], t3: more[2] }), fill(t[1], { ...slots.es, t1: more[0], t2: more[1], t3: more[2] })]);
    extraTails++;
  }
  // Paragraphs of at most three sentences and 100 English words (haven
  // warns about paragraphs over 150 words), split alike in both languages.
  const breaks = [];
  let run = 0;
  let inParagraph = 0;
  chosen.forEach((s, i) => {
    const n = wordCount(fill(s[0], slots.en));
    if (inParagraph > 0 && (inParagraph >= rng.int(2, 3) || run + n > 100)) {
      breaks.push(i);
      run = 0;
      inParagraph = 0;
    }
    run += n;
    inParagraph++;
  });
  const descriptionFor = (language) => {
    const texts = chosen.map((s) => fill(s[language === 'en' ? 0 : 1], slots[language]));
    const out = [];
    let from = 0;
    for (const to of [...breaks, texts.length]) {
      out.push(texts.slice(from, to).join(' '));
      from = to;
    }
    if (withList) {
      const heading = language === 'en' ? 'What we offer:' : 'Lo que ofrecemos:';
      const items = services.map((s) => `- ${language === 'en' ? s.nameEn : s.nameEs}`);
      out.splice(1, 0, `${heading}\n\n${items.join('\n')}`);
    }
    return out.join('\n\n');
  };
  const descriptionEn = descriptionFor('en');
  const descriptionEs = descriptionFor('es');

  // Summary (<= 200 characters).
  const serviceNames = services.map((s) => s.nameEn.charAt(0).toLowerCase() + s.nameEn.slice(1));
  const serviceNamesEs = services.map((s) => s.nameEs.charAt(0).toLowerCase() + s.nameEs.slice(1));
  let summaryEn;
  let summaryEs;
  for (let n = Math.min(3, services.length); n >= 1; n--) {
    summaryEn = `${capitalize(listPhrase(serviceNames.slice(0, n), 'en'))} for ${pops.en} in ${county.full}.`;
    summaryEs = `${capitalize(listPhrase(serviceNamesEs.slice(0, n), 'es'))} para ${pops.es} en ${county.es}.`;
    if (summaryEn.length <= 200 && summaryEs.length <= 200) break;
  }
  if (summaryEn.length > 200 || summaryEs.length > 200) {
    summaryEn = `${capitalize(serviceNames[0])} in ${county.full}.`;
    summaryEs = `${capitalize(serviceNamesEs[0])} en ${county.es}.`;
  }

  const translated = rng.chance(0.5);
  const lastVerified = dateMinus(ctx.today, rng.int(0, 178));
  const status = rng.weighted([['active', 97], ['temporarily_closed', 2], ['inactive', 1]]);
  const focus = rng.sample(archetype.focus, rng.int(1, archetype.focus.length));
  const tags = [...rng.sample(['shelter', 'hotline', 'legal aid', 'counseling', 'immigration', 'trafficking', 'protection order', 'bilingual', 'youth', 'housing', 'free', 'walk-in', 'LGBTQ+', 'ASL', 'food', 'jobs'], rng.int(1, 4)), ...tailWords(rng, ctx, rng.int(0, 2))];
  const partnerGuides = ctx.guideSlugs.length && rng.chance(0.2) ? rng.sample(ctx.guideSlugs, rng.int(1, 2)) : [];

  // ---- YAML ----
  const y = [];
  y.push('schema_version: 1', `id: ${id}`, `status: ${status}`, `last_verified: ${lastVerified}`, '');
  y.push(`name: ${scalar(name.en)}`);
  if (rng.chance(0.3)) {
    const acronym = name.en.split(/\s+/).filter((w) => /^[A-Z]/.test(w)).map((w) => w[0]).join('');
    if (acronym.length >= 2 && acronym.length <= 6) y.push(`alternate_names: [${scalar(acronym)}]`);
  }
  y.push(...folded('summary', summaryEn, 0));
  y.push(...literal('description', descriptionEn, 0));
  y.push(`partner_types: ${flow(archetype.types)}`);
  y.push(`focus_issues: ${flow(focus)}`);
  y.push(`website: https://${host}`);
  y.push(`email: ${rng.pick(['info', 'intake', 'help', 'hello'])}@${host}`);
  y.push(`legal_status: ${archetype.legal}`);
  y.push(`year_incorporated: ${year}`);
  if (archetype.legal === 'nonprofit' || rng.chance(0.2)) {
    ctx.registry.ein++;
    const ein = String(100000 + ctx.registry.ein).padStart(7, '0');
    y.push('identifiers:', '  - scheme: US-EIN', `    value: "${94 + (ctx.registry.ein % 5)}-${ein}"`);
  }
  y.push('', 'phones:');
  for (const p of phones) {
    y.push(`  - id: ${p.id}`, `    number: "${p.number}"`, `    kind: ${p.kind}`, `    label: ${scalar(p.label)}`);
    if (p.hotline) y.push('    hotline: true');
    if (p.hours === '24/7') y.push('    hours: 24/7');
    else if (p.hours === 'weekly') y.push('    hours:', ...hoursLines(rng, 6, { timezone: rng.chance(0.2) }));
    if (p.languages) y.push(`    languages: ${flow(p.languages)}`);
  }
  y.push('', 'locations:');
  for (const l of locations) {
    y.push(`  - id: ${l.id}`, `    name: ${scalar(l.name)}`);
    if (l.kind === 'virtual') {
      y.push('    type: virtual', `    url: ${l.url}`);
      continue;
    }
    y.push('    type: physical', `    visibility: ${l.kind === 'confidential' ? 'confidential' : 'public'}`);
    if (l.kind === 'confidential') {
      y.push(`    general_area: { city: ${l.city}, county: ${county.full}, state: ${STATE.code}, country: US }`);
      y.push(`    accessibility: ${flow(rng.sample(ACCESSIBILITY, rng.int(1, 4)))}`);
      y.push(`    notes: ${scalar(rng.pick(['Call the hotline. An advocate will arrange a safe meeting place and transport.', 'The address is shared only with residents. Call to arrange a safe meeting place.']))}`);
      continue;
    }
    const a = l.address;
    y.push('    address:', `      street: ${scalar(a.street)}`, `      city: ${a.city}`, `      state: ${STATE.code}`, `      postal_code: "${a.postal_code}"`, '      country: US');
    if (rng.chance(0.7)) y.push(`    geo: { lat: ${a.lat}, lon: ${a.lon} }`);
    if (rng.chance(0.4)) y.push(`    transit: ${scalar(rng.pick(['Bus stop at the corner. Free parking behind the building.', 'Two blocks from the transit center. Street parking only.', 'Light rail stop across the street; the entrance is on the side of the building.', 'Free parking lot; the entrance is not visible from the street.']))}`);
    y.push(`    accessibility: ${flow(rng.sample(ACCESSIBILITY, rng.int(1, 5)))}`);
    if (rng.chance(0.2)) y.push(`    accessibility_notes: ${scalar('Ask for an ASL interpreter or documents in large print when you book.')}`);
    y.push('    hours:', ...hoursLines(rng, 6));
  }
  y.push('', 'coverage:', `  scope: ${scope}`, '  areas:');
  for (const area of areas) y.push(`    - { kind: ${area.kind}, name: ${area.name}, state: ${STATE.code} }`);
  y.push('', 'services:');
  services.forEach((s, i) => {
    if (i > 0) y.push('');
    y.push(`  - id: ${s.id}`, `    name: ${scalar(s.nameEn)}`);
    y.push(...literal('description', s.descEn, 4));
    y.push(`    categories: ${flow(s.categories)}`);
    y.push(`    populations: ${flow(s.populations)}`);
    if (s.ages) {
      y.push('    eligibility:');
      if (s.ages[0] !== null) y.push(`      min_age: ${s.ages[0]}`);
      if (s.ages[1] !== null) y.push(`      max_age: ${s.ages[1]}`);
    }
    y.push('    access:', `      law_enforcement_involvement: ${s.le}`, `      confidentiality: ${s.conf}`);
    if (s.confNote) y.push(`      confidentiality_note: ${scalar(s.confNote[0])}`);
    if (rng.chance(0.5)) y.push(`      immigration_status_asked: ${s.key === 'clinic' && rng.chance(0.3)}`);
    if (rng.chance(0.3)) y.push(`      id_required: ${rng.chance(0.15)}`);
    if (s.referral !== undefined) y.push('      referral_required: true');
    if (s.walkIn !== undefined) y.push(`      walk_in: ${s.walkIn}`);
    if (s.anonymous) y.push('      anonymous_contact_ok: true');
    y.push(`    cost: ${s.cost}`);
    if (s.fees) y.push(`    fees_description: ${scalar(s.fees[0])}`);
    y.push(`    languages: ${flow(s.languages)}`);
    if (s.interpretation) {
      y.push('    interpretation:', '      available: true', `      modes: ${flow(s.interpretation.modes)}`);
      if (s.interpretation.languages.length) y.push(`      languages: ${flow(s.interpretation.languages)}`);
    }
    if (s.communication) y.push(`    communication_access: ${flow(s.communication)}`);
    if (s.locations && s.locations.length) y.push(`    locations: ${flow(s.locations)}`);
    y.push(`    phones: ${flow(s.phones)}`);
    if (s.hours) y.push(`    hours: ${s.hours}`);
  });
  if (rng.chance(0.3)) y.push('', 'links:', '  - label: Donate', `    url: https://${host}/donate`, '    kind: donate');
  if (partnerGuides.length) y.push(`guides: ${flow(partnerGuides)}`);
  y.push(`tags: [${tags.map(scalar).join(', ')}]`);
  if (translated) {
    y.push('', 'translations:', '  es:');
    if (name.es && name.es !== name.en) y.push(`    name: ${scalar(name.es)}`);
    y.push(...folded('summary', summaryEs, 4));
    y.push(...literal('description', descriptionEs, 4));
    y.push('    services:');
    for (const s of services) {
      y.push(`      ${s.id}:`, `        name: ${scalar(s.nameEs)}`);
      y.push(...literal('description', s.descEs, 8));
      if (s.fees) y.push(`        fees_description: ${scalar(s.fees[1])}`);
    }
  }
  y.push('');

  return {
    id, name: name.en, county, services, yaml: y.join('\n'), host, phones, summary: summaryEn, description: descriptionEn,
    // For the equal Hugo and Zola sites (hugo.mjs): what haven shows.
    nameEs: name.es ?? name.en, summaryEs, descriptionEs, translated, counties: areas.map((a) => a.name),
    languages: [...new Set([...services.flatMap((s) => s.languages), ...phones.flatMap((p) => p.languages ?? [])])],
  };
}

// ---------------------------------------------------------------------------
// Private overlays (never published; exercise the build's leak scan)

const FIRST_NAMES = ['Maria', 'Jose', 'Linh', 'Aisha', 'Daniel', 'Guadalupe', 'Samuel', 'Mei', 'Fatima', 'Rosa', 'Kenji', 'Amara', 'Elena', 'Tomas', 'Priya', 'Nadia', 'Miguel', 'Hana', 'Lucia', 'Omar'];

function generateOverlay(partner, index, ctx) {
  const rng = new Rng(ctx.seed, STREAM.private, index);
  const first = rng.pick(FIRST_NAMES);
  const last = capitalize(tailWords(rng, ctx, 1)[0]) + rng.pick(['son', 'ez', 'ova', 'berg', 'ani']);
  const number = ctx.registry.phone(partner.county.areaCodes, rng, 'intl');
  const signed = dateMinus(ctx.today, rng.int(30, 900));
  const y = [
    'internal:',
    '  point_of_contact:',
    `    name: ${first} ${last}`,
    `    email: ${slugify(first)}.${slugify(last)}@staff-${partner.host}`,
    `    phone: "${number}"`,
    '  agreement:',
    `    type: ${rng.pick(['mou', 'referral_agreement', 'data_sharing'])}`,
    `    status: ${rng.pick(['signed', 'signed', 'in_review', 'draft'])}`,
    `    signed_on: ${signed}`,
    `    document: "drive://coalition-private/agreements/${partner.id}-${signed}.pdf"`,
    `  referral_pathway: ${scalar(`Warm hand-off: message the ${capitalize(tailWords(rng, ctx, 1)[0])} queue with a first name only, then call ${first} to confirm.`)}`,
    '  verification:',
    `    verified_by: ${rng.pick(FIRST_NAMES)} ${capitalize(tailWords(rng, ctx, 1)[0])}ington (volunteer)`,
    `    method: ${rng.pick(['phone_call', 'email', 'site_visit', 'partner_self_update'])}`,
    `  notes: ${scalar(`Capacity review ${capitalize(tailWords(rng, ctx, 1)[0])}-${rng.int(10, 99)} scheduled with ${first}; renewal on the next board agenda.`)}`,
    '',
  ];
  return y.join('\n');
}

// ---------------------------------------------------------------------------
// Guides

const GUIDE_TOPICS = [
  {
    slug: 'safety-planning', title: 'Safety planning', summary: 'How to make a plan for staying safer at home, at work and online, at your own pace.',
    categories: ['empowerment_tools', 'basic_needs'],
    headings: ['What a safety plan is', 'Safety at home', 'Safety at work', 'Planning to leave', 'After you leave', 'Children and safety plans', 'Pets and safety plans'],
    sentences: [
      'A safety plan is a personal, practical plan to improve your safety, whether you stay, are thinking of leaving, or have already left.',
      'Think about the rooms in your home that have a way out, and avoid rooms with weapons or no exit when an argument starts.',
      'Keep copies of important documents, some money and a spare key in a place the abuser cannot reach, or with someone you trust.',
      'Agree on a code word with friends or neighbors that means "call for help".',
      'Leaving is often the most dangerous time, so it helps to plan it with an advocate who knows what has worked for others.',
      'Change the passwords of your accounts from a device the abuser has never touched.',
    ],
  },
  {
    slug: 'making-a-referral', title: 'How to make a referral', summary: 'A step-by-step guide for advocates, nurses, teachers and case managers making a referral with a survivor\'s consent.',
    categories: ['empowerment_tools', 'interpretation_services'],
    headings: ['Before you pick up the phone', 'Asking for consent', 'Finding the right partner', 'Warm hand-off', 'Following up', 'When a referral does not work'],
    sentences: [
      'Start with the person, not the directory: ask what they need most right now and listen.',
      'A referral is the survivor\'s decision, so explain who you would contact, what you would share and that they can say no.',
      'Get consent for each referral, not once for all of them.',
      'A warm hand-off means calling the partner together with the survivor, so they do not have to tell their story twice.',
      'Check the access facts on each listing, such as whether police involvement is required, before you suggest a service.',
      'Follow up a few days later to make sure the door you pointed to was really open.',
    ],
  },
  {
    slug: 'immigration-rights', title: 'Know your rights: immigration', summary: 'What survivors without papers should know about getting help, and the forms of immigration relief for victims of crime and trafficking.',
    categories: ['legal_services'],
    headings: ['You can get help without papers', 'The T visa', 'The U visa', 'VAWA self-petitions', 'Asylum', 'Finding a trustworthy lawyer', 'Avoiding notario fraud'],
    sentences: [
      'Most services in this directory never ask about immigration status, and the listings say which ones do.',
      'The T visa protects survivors of trafficking and can lead to a green card.',
      'The U visa is for victims of certain serious crimes who have been helpful to an investigation, and it needs a certification from an agency.',
      'Survivors married to an abusive citizen or permanent resident may be able to petition for themselves under the Violence Against Women Act.',
      'Only a lawyer or an accredited representative may give immigration advice; a notary public cannot.',
      'Keep copies of everything you file, and never sign a form you do not understand.',
    ],
  },
  {
    slug: 'recognizing-trafficking', title: 'Recognizing human trafficking', summary: 'Signs that someone may be trafficked for labor or sex, and how to respond safely.',
    categories: ['legal_services', 'empowerment_tools'],
    headings: ['What trafficking is', 'Labor trafficking', 'Sex trafficking', 'Signs to look for', 'How to respond', 'What not to do'],
    sentences: [
      'Trafficking means using force, fraud or coercion to make someone work or perform commercial sex; anyone under eighteen in commercial sex is a victim, with no force needed.',
      'Traffickers often hold documents, control money or threaten family members back home.',
      'People who are trafficked may not see themselves as victims, and may be afraid of the police.',
      'Do not try to rescue someone yourself; it can put them in danger.',
      'Offer information quietly, when the person is alone, and respect their choice.',
      'The national hotline takes calls and texts in many languages, day and night.',
    ],
  },
  {
    slug: 'restraining-orders', title: 'How restraining orders work', summary: 'What a restraining order can do, how to ask for one, and what happens at the hearing.',
    categories: ['legal_services'],
    headings: ['What an order can do', 'Emergency orders', 'Filling in the forms', 'The hearing', 'If the order is violated', 'Orders and immigration'],
    sentences: [
      'A restraining order is a court order that tells a person to stay away from you, stop contacting you or move out of a shared home.',
      'Emergency protective orders can be issued at any hour, and last a few days until you can ask the court for a longer one.',
      'Court self-help centers and legal aid partners can help you fill in the forms at no cost.',
      'At the hearing, a judge listens to both sides; an advocate can sit with you.',
      'Keep a copy of the order with you at all times.',
      'Asking for an order does not affect your immigration status.',
    ],
  },
  {
    slug: 'after-sexual-assault', title: 'What to expect after a sexual assault', summary: 'Medical care, forensic exams, reporting options and support, explained step by step.',
    categories: ['health_care', 'healing_cultural_services'],
    headings: ['Your choices', 'Medical care', 'The forensic exam', 'Reporting', 'Support afterwards'],
    sentences: [
      'What happened is not your fault, whatever the circumstances.',
      'You can get medical care and a forensic exam without deciding whether to report to the police.',
      'A forensic exam is free, and you can stop it at any time.',
      'An advocate can be with you at the hospital, during the exam and during any interview.',
      'Many survivors find that talking with a counselor helps, whether soon after or years later.',
    ],
  },
  {
    slug: 'using-the-directory', title: 'Using this directory safely', summary: 'How to search this directory without leaving traces, and what the quick exit does.',
    categories: ['empowerment_tools'],
    headings: ['The quick exit', 'Browsing history', 'Safer devices', 'Filters that matter', 'Printing a list'],
    sentences: [
      'The exit link at the top of every page takes you to a neutral site at once; pressing Shift three times does the same.',
      'The quick exit cannot erase your browsing history, so consider private browsing or a device the abuser does not use.',
      'Library and work computers are often safer than a shared phone.',
      'Filters for language, cost and police involvement help you find services that fit.',
      'The printable directory lists partners by service area, without images.',
    ],
  },
  {
    slug: 'youth-services', title: 'Help for children, teens and young adults', summary: 'Services for young people who have experienced abuse or exploitation, and for the adults who care about them.',
    categories: ['basic_needs', 'education', 'health_care'],
    headings: ['If you are a young person', 'For parents and caregivers', 'For teachers and coaches', 'Runaway and homeless youth', 'Online exploitation'],
    sentences: [
      'Whatever is happening, it is not your fault, and you deserve to be safe.',
      'You can talk to someone without giving your name.',
      'Youth drop-in centers offer food, showers, laundry and someone to talk to, no questions asked.',
      'Adults who work with young people are often mandated reporters, and should say so before a young person shares.',
      'Exploiters often contact young people online, offering attention, gifts or a place to stay.',
    ],
  },
  {
    slug: 'safe-housing', title: 'Finding safe housing', summary: 'Emergency shelter, transitional housing and help with rent for survivors.',
    categories: ['basic_needs'],
    headings: ['Emergency shelter', 'Transitional housing', 'Keeping your home', 'Help with rent', 'Your rights as a tenant'],
    sentences: [
      'Emergency shelters are in confidential locations and are free.',
      'Transitional housing gives survivors time to rebuild, usually up to two years.',
      'State law lets survivors end a lease early and change the locks in many situations.',
      'Landlords may not evict you because of the violence you experienced.',
      'Rental assistance can cover a deposit or arrears when moving is the safest choice.',
    ],
  },
  {
    slug: 'technology-safety', title: 'Technology safety', summary: 'How abusers misuse phones, accounts and trackers, and how to check your devices safely.',
    categories: ['empowerment_tools'],
    headings: ['Phones', 'Shared accounts', 'Location tracking', 'Social media', 'Documenting abuse'],
    sentences: [
      'If you suspect monitoring, suddenly removing an app may alert the abuser, so plan changes with an advocate.',
      'Check which devices are signed in to your email and cloud accounts.',
      'Small Bluetooth trackers can be hidden in bags or cars; some phones warn about unknown trackers nearby.',
      'Screenshots of threatening messages, with dates, can help with a restraining order.',
      'A new, prepaid phone that the abuser has never touched is often the safest way to contact services.',
    ],
  },
  {
    slug: 'workers-rights', title: 'Labor rights and labor trafficking', summary: 'Your rights at work, whatever your immigration status, and where to turn when work becomes exploitation.',
    categories: ['career_services', 'legal_services'],
    headings: ['Your rights at work', 'Wage theft', 'When work becomes trafficking', 'Farmworkers', 'Domestic workers'],
    sentences: [
      'Every worker in the state has the right to minimum wage, breaks and a safe workplace, whatever their immigration status.',
      'An employer who keeps your passport, charges recruitment debt you can never repay or threatens deportation may be committing a crime.',
      'Keep a record of the hours you work and what you are paid.',
      'Workers\' centers and legal aid partners can help you recover stolen wages.',
      'Domestic workers have the right to overtime and rest, even when they live with the employer.',
    ],
  },
  {
    slug: 'supporting-someone', title: 'How to support a friend or family member', summary: 'What to say, what not to say, and how to help someone you are worried about.',
    categories: ['healing_cultural_services', 'empowerment_tools'],
    headings: ['Listening', 'What not to say', 'Offering practical help', 'Respecting their choices', 'Taking care of yourself'],
    sentences: [
      'Believe them, and tell them it is not their fault.',
      'Avoid asking why they stay; leaving is complicated and can be dangerous.',
      'Offer practical help, such as a ride, a place to keep documents or a phone to use.',
      'Respect their decisions, even if you would choose differently.',
      'Supporting someone is hard; advocates can talk with you too.',
    ],
  },
  {
    slug: 'victim-compensation', title: 'Crime victim compensation', summary: 'How the state victim compensation program can pay for counseling, medical bills, relocation and lost wages.',
    categories: ['legal_services', 'basic_needs'],
    headings: ['What it covers', 'Who can apply', 'How to apply', 'If you are denied'],
    sentences: [
      'Compensation can pay for counseling, medical and dental bills, relocation, and wages lost because of the crime.',
      'Immigration status does not matter for eligibility.',
      'Victim advocates can help you fill in the application and gather bills.',
      'You can appeal a decision you disagree with.',
    ],
  },
  {
    slug: 'working-with-interpreters', title: 'Working with interpreters', summary: 'Why professional interpreters matter, and how to work with one in person, by phone or by video.',
    categories: ['interpretation_services'],
    headings: ['Why not family members', 'Before the appointment', 'During the appointment', 'Sign language interpreters'],
    sentences: [
      'Children, friends and family members should never interpret for a survivor; they may be connected to the abuser.',
      'Ask which language and dialect the person prefers, and whether they prefer a woman or a man interpreter.',
      'Speak directly to the survivor, not to the interpreter, in short sentences.',
      'Deaf survivors have the right to a qualified sign language interpreter at no cost.',
    ],
  },
  {
    slug: 'financial-safety', title: 'Financial safety and coerced debt', summary: 'How abusers and traffickers control money, and the steps that help survivors rebuild credit.',
    categories: ['empowerment_tools', 'career_services'],
    headings: ['Economic abuse', 'Coerced debt', 'Checking your credit', 'Opening a safe account', 'Rebuilding'],
    sentences: [
      'Economic abuse includes taking your pay, running up debt in your name, or stopping you from working.',
      'You can get a free credit report to see accounts opened without your knowledge.',
      'Some banks let survivors open accounts with an address the abuser does not know.',
      'Legal aid partners can help dispute debt that was coerced.',
      'Small steps, such as a secured card paid off each month, rebuild credit over time.',
    ],
  },
  {
    slug: 'going-to-court', title: 'Going to court', summary: 'What to expect at a hearing, how to prepare, and the support available at the courthouse.',
    categories: ['legal_services', 'transportation'],
    headings: ['Before the hearing', 'Getting there safely', 'At the courthouse', 'Testifying', 'After the hearing'],
    sentences: [
      'Ask an advocate to go with you; many courthouses have a safe waiting room.',
      'Bring copies of your papers, any evidence, and something to read while you wait.',
      'If you are afraid of meeting the other party, ask security to walk you to your car or the bus stop.',
      'You can ask the court for an interpreter at no cost.',
      'Take time afterwards to rest and talk with someone you trust.',
    ],
  },
];

const GUIDE_GENERAL = [
  'Every partner in this directory has agreed to treat survivors with respect, whatever their background.',
  'You do not have to decide everything at once; advocates can help you take one step at a time.',
  'If you are in danger right now, call one of the crisis lines at the top of this page.',
  'Services listed here are free unless the listing says otherwise.',
  'Many partners offer interpreters for any language, by phone or in person.',
  'Survivors are the experts on their own lives and their own safety.',
  'Ask each partner what they must report and to whom, so there are no surprises.',
  'Write down the names of the people you talk to, and the dates, in a safe place.',
  'Rural survivors can ask about rides, phone appointments and video visits.',
  'The coalition reviews every listing at least twice a year with the partner.',
  'If something in this guide is out of date, use the suggest-a-correction link at the bottom of the page.',
  'Cultural and faith communities can be a source of strength, and some partners work within them.',
];

const GUIDE_TAIL = [
  'In some counties the {t1} and {t2} programs run alongside these services.',
  'Partners sometimes call this the {t1} approach, after the {t2} project that started it.',
  'Ask your advocate about {t1} or {t2} if they are offered near you.',
];

const CHECKLIST = [
  'Copies of identity documents',
  'Birth certificates for the children',
  'Some cash and a bank card',
  'A phone charger',
  'Medicines and prescriptions',
  'A list of important phone numbers, on paper',
  'Spare keys',
  'Restraining order papers',
  'Immigration papers and work permit',
  'A favorite toy or blanket for each child',
];

function generateGuideMeta(ctx, count) {
  const metas = [];
  const used = new Set();
  for (let i = 0; i < count; i++) {
    const rng = new Rng(ctx.seed, STREAM.guideMeta, i);
    const topic = GUIDE_TOPICS[i % GUIDE_TOPICS.length];
    const round = Math.floor(i / GUIDE_TOPICS.length);
    let title = topic.title;
    let slug = topic.slug;
    if (round > 0) {
      for (let attempt = 0; ; attempt++) {
        const county = rng.pick(COUNTIES);
        const audience = rng.pick(['advocates', 'families', 'teens', 'older adults', 'newcomers', 'employers', 'health workers', 'faith leaders', 'teachers', 'volunteers']);
        const variant = rng.pick([`${topic.title} in ${county.full}`, `${topic.title}: a guide for ${audience}`, `${topic.title} in ${county.full} for ${audience}`]);
        const s = limitSlug(slugify(variant), 80);
        if (!used.has(s)) { title = variant; slug = s; break; }
        if (attempt > 50) { title = `${variant} (${round})`; slug = `${s}-${round}`; break; }
      }
    }
    used.add(slug);
    metas.push({ index: i, topic, title, slug, summary: topic.summary });
  }
  return metas;
}

function generateGuide(meta, metas, partners, ctx) {
  const rng = new Rng(ctx.seed, STREAM.guide, meta.index);
  const { topic } = meta;
  const target = rng.int(300, 1500);
  const tails = () => tailWords(rng, ctx, 2);
  // A deck of sentences: the topic's own, the general ones, and a few of the
  // partner descriptions' sentences; dealt without repeats until it runs out.
  const county = rng.pick(COUNTIES);
  const slots = { name: 'each partner', city: rng.pick(county.cities), county: county.full, year: 1990, pops: 'survivors', langs: 'English and Spanish', t1: '', t2: '', t3: '' };
  const borrowed = Object.entries(SENTENCES)
    .filter(([key]) => !['opening', 'tail', 'languages'].includes(key))
    .flatMap(([, list]) => list.map((pair) => pair[0]))
    .filter((t) => !t.includes('{name}') && !/\b(we|our|us)\b/i.test(t));
  const pool = [...topic.sentences, ...topic.sentences, ...GUIDE_GENERAL, ...rng.sample(borrowed, 12).map((t) => fill(t, slots))];
  let deck = [];
  const deal = () => {
    if (!deck.length) deck = rng.shuffle(pool);
    return deck.pop();
  };
  const partnerLink = () => {
    const p = rng.pick(partners);
    return `[${p.name}](../partners/${p.id}.yaml)`;
  };
  const guideLink = () => {
    const other = metas[(meta.index + rng.int(1, metas.length - 1)) % metas.length];
    return `[${other.title.charAt(0).toLowerCase() + other.title.slice(1)}](${other.slug}.md)`;
  };
  const LINK_SENTENCES = ['For help nearby, contact {p}.', 'One place to start is {p}, which can explain the options.', 'Advocates at {p} can help with this.', 'You can also reach {p} in your area.', 'Partners such as {p} work on this every day.'];
  const paragraph = () => {
    const parts = [];
    const n = rng.int(3, 6);
    for (let k = 0; k < n; k++) parts.push(deal());
    if (rng.chance(0.35)) {
      const [t1, t2] = tails();
      parts.splice(rng.int(1, parts.length), 0, fill(rng.pick(GUIDE_TAIL), { t1, t2 }));
    }
    if (partners.length && rng.chance(0.4)) parts.push(rng.pick(LINK_SENTENCES).replace('{p}', partnerLink()));
    if (metas.length > 1 && rng.chance(0.2)) parts.push(`See also the guide on ${guideLink()}.`);
    // haven warns about paragraphs over 150 words.
    while (parts.length > 2 && wordCount(parts.join(' ')) > 130) parts.splice(1, 1);
    return parts.join(' ');
  };

  const body = [];
  let words = 0;
  const add = (block) => { body.push(block); words += wordCount(block); };
  add(paragraph());
  if (rng.chance(0.5)) add(paragraph());
  const headings = rng.shuffle(topic.headings);
  const extra = rng.shuffle(['Where to get help', 'Questions people often ask', 'If English is not your first language', 'Getting there', 'A short checklist', 'If you are in danger now']);
  let h = 0;
  let e = 0;
  let sections = 0;
  while ((words < target || sections < 3) && (h < headings.length || e < extra.length)) {
    const heading = h < headings.length && (e >= extra.length || rng.chance(0.75)) ? headings[h++] : extra[e++];
    add(`## ${heading}`);
    sections++;
    if (heading === 'A short checklist') {
      add(rng.sample(CHECKLIST, rng.int(4, 8)).map((item) => `- [ ] ${item}`).join('\n'));
      continue;
    }
    if (heading === 'Where to get help' && partners.length) {
      const rows = rng.sample(partners, Math.min(partners.length, rng.int(3, 6)));
      add(`The partners below are a starting point; the [directory](../partners/${rows[0].id}.yaml) lists many more.`);
      add(['| Partner | County | What they offer |', '|---|---|---|', ...rows.map((p) => `| [${p.name}](../partners/${p.id}.yaml) | ${p.county.full} | ${p.services.slice(0, 2).map((s) => s.nameEn).join(', ')} |`)].join('\n'));
      continue;
    }
    const paragraphs = rng.int(1, 3);
    for (let k = 0; k < paragraphs && (k === 0 || words < target); k++) add(paragraph());
    if (rng.chance(0.3) && words < target) {
      const items = rng.sample(topic.sentences, rng.int(3, Math.min(5, topic.sentences.length)));
      const ordered = rng.chance(0.4);
      add(items.map((it, n) => (ordered ? `${n + 1}. ${it}` : `- ${it}`)).join('\n'));
    }
    if (rng.chance(0.25) && words < target) {
      add(`### ${rng.pick(['In practice', 'An example', 'Good to know', 'For advocates'])}`);
      add(paragraph());
    }
  }
  // Top up short guides with more paragraphs in the last section.
  while (words < target) add(paragraph());
  // At most 1,500 words: drop whole blocks from the end, then any heading
  // left without content.
  while (words > 1500 && body.length > 1) words -= wordCount(body.pop());
  while (body.length && body[body.length - 1].startsWith('#')) words -= wordCount(body.pop());

  const related = partners.length ? rng.sample(partners, Math.min(partners.length, rng.int(2, 6))).map((p) => p.id) : [];
  const front = [
    '---',
    `title: ${scalar(meta.title)}`,
    `summary: ${scalar(meta.summary)}`,
    `order: ${meta.index + 1}`,
    `updated: ${dateMinus(ctx.today, rng.int(0, 178))}`,
  ];
  if (related.length) front.push(`related_partners: ${flow(related)}`);
  front.push(`related_categories: ${flow(topic.categories)}`);
  front.push('---', '');
  return `${front.join('\n')}\n${body.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------
// hub.yaml

function hubYaml(ctx) {
  const languages = ctx.languages;
  return [
    '# Site configuration of a generated benchmark hub (benches/corpus/generate.mjs).',
    `# Seed ${ctx.seed}, ${ctx.partners} partners, ${ctx.guides} guides. Fictional data.`,
    'title: California Statewide Survivor Resource Hub',
    'description: >-',
    '  Free, confidential help across all 58 counties for survivors of human',
    '  trafficking, domestic violence, sexual assault and child abuse, from the',
    '  partners of a fictional statewide coalition.',
    'base_url: https://hub.statewide-coalition.example.org/',
    'default_language: en',
    `languages: ${flow(languages)}`,
    'quick_exit:',
    '  url: https://www.bbc.co.uk/weather',
    '  replace_history: true',
    'crisis_lines:',
    '  - label: National Human Trafficking Hotline',
    '    number: "1-888-373-7888"',
    '    kind: voice',
    '    hours: 24/7',
    '  - label: National Human Trafficking Hotline (text)',
    '    number: "233733"',
    '    kind: short_code',
    '    text_keyword: HELP',
    '    hours: 24/7',
    '  - label: National Domestic Violence Hotline',
    '    number: "1-800-799-7233"',
    '    kind: voice',
    '    hours: 24/7',
    '  - label: 988 Suicide & Crisis Lifeline (call or text)',
    '    number: "988"',
    '    kind: short_code',
    '    hours: 24/7',
    'data_repository: public',
    'staleness:',
    '  warn_after_days: 180',
    '  hide_after_days: 365',
    'default_country: US',
    'default_timezone: America/Los_Angeles',
    'edit_url_template: https://github.com/statewide-coalition/hub/edit/main/{path}',
    'contact_form_url: https://forms.statewide-coalition.example.org/corrections',
    'search:',
    '  enabled: true',
    'minify: true',
    'portable: false',
    'hsds:',
    `  uuid_namespace: ${uuidFromSeed(ctx.seed)}`,
    '  export: true',
    '  data_steward_email: data@statewide-coalition.example.org',
    '',
  ].join('\n');
}

function uuidFromSeed(seed) {
  const rng = new Rng(seed, 99);
  let hex = '';
  for (let i = 0; i < 32; i++) hex += Math.floor(rng.float() * 16).toString(16);
  // Version 4 layout, variant 10xx.
  hex = `${hex.slice(0, 12)}4${hex.slice(13, 16)}${'89ab'[parseInt(hex[16], 16) & 3]}${hex.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------------------
// Output folder

const MARKER = '.haven-corpus.json';

function prepareOut(dir, force) {
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    return;
  }
  if (!fs.statSync(dir).isDirectory()) fail(`${dir} exists and is not a directory`);
  const entries = fs.readdirSync(dir);
  if (entries.length === 0) return;
  if (!entries.includes('hub.yaml')) fail(`${dir} is not empty and holds no hub.yaml; refusing to write into it`);
  if (!entries.includes(MARKER) && !force) {
    fail(`${dir} holds a hub that this script did not generate (no ${MARKER}); pass --force to replace it`);
  }
  const resolved = path.resolve(dir);
  if (resolved === path.parse(resolved).root || resolved === path.resolve(process.cwd())) fail(`refusing to delete ${resolved}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
}

// ---------------------------------------------------------------------------
// Main

function main() {
  const started = process.hrtime.bigint();
  const options = parseArgs(process.argv.slice(2));
  const ctx = {
    seed: options.seed,
    today: options.today,
    partners: options.partners,
    guides: options.guides,
    languages: options.languages,
    registry: new Registry(),
    vocabulary: buildVocabulary(options.seed, 30000),
    zipf: new Zipf(30000, 1.05),
    guideSlugs: [],
  };

  prepareOut(options.out, options.force);
  let bytes = 0;
  let files = 0;
  const write = (relative, text) => {
    const file = path.join(options.out, relative);
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    files++;
  };
  fs.mkdirSync(path.join(options.out, 'partners'));
  fs.mkdirSync(path.join(options.out, 'guides'));
  fs.mkdirSync(path.join(options.out, 'private'));

  write('hub.yaml', hubYaml(ctx));
  const metas = generateGuideMeta(ctx, options.guides);
  ctx.guideSlugs = metas.map((m) => m.slug);

  const partners = [];
  let overlays = 0;
  for (let i = 0; i < options.partners; i++) {
    const partner = generatePartner(i, ctx);
    write(path.join('partners', `${partner.id}.yaml`), partner.yaml);
    partner.yaml = null;
    partners.push(partner);
    if (new Rng(options.seed, STREAM.private, i, 1).chance(options.privateFraction)) {
      write(path.join('private', `${partner.id}.yaml`), generateOverlay(partner, i, ctx));
      overlays++;
    }
  }
  const guides = [];
  for (const meta of metas) {
    const markdown = generateGuide(meta, metas, partners, ctx);
    write(path.join('guides', `${meta.slug}.md`), markdown);
    if (options.hugo || options.zola) guides.push([meta.slug, markdown]);
  }
  if (options.hugo) {
    const hugoFiles = writeHugoSite(options.hugo, partners, guides, LANGUAGE_NAMES);
    process.stdout.write(`hugo: ${hugoFiles} files -> ${options.hugo}\n`);
  }
  if (options.zola) {
    const zolaFiles = writeZolaSite(options.zola, partners, guides, LANGUAGE_NAMES);
    process.stdout.write(`zola: ${zolaFiles} files -> ${options.zola}\n`);
  }

  const marker = JSON.stringify({ generator: 'benches/corpus/generate.mjs', seed: options.seed, partners: options.partners, guides: options.guides, today: options.today, private_fraction: options.privateFraction, languages: options.languages }, null, 2) + '\n';
  write(MARKER, marker);

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`corpus: ${options.partners} partners, ${overlays} private overlays, ${options.guides} guides, ${files} files, ${(bytes / 1048576).toFixed(1)} MiB (${bytes} bytes) in ${seconds.toFixed(2)} s -> ${options.out}\n`);
}

main();
