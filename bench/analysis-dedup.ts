/**
 * The provenance index on SYNTHETIC posts (`npm run bench -- --only dedup`): a deterministic
 * stream of Spanish and English posts of tweet/Telegram length (one in four a copy of an earlier
 * post: a retweet, an "URGENTE:" prefix, a changed figure, a comment added), added one by one,
 * then the families computed. Prints items/s for adding (folding, shingles, MinHash signature),
 * the families' time (LSH bands, candidate pairs, parents) and the process's peak RSS.
 */
import { ProvenanceIndex } from '../src/analyze/index.js';

/** Targets from the dedup issue. */
export const DEDUP_TARGET_ITEMS_PER_SECOND = 20_000;

export interface DedupBenchFigures {
  items: number;
  synthetic: true;
  copies: number;
  meanTextLength: number;
  /** Wall-clock seconds and CPU seconds (user + system): on a shared machine the CPU figure is the steadier one. */
  add: { seconds: number; cpuSeconds: number; itemsPerSecond: number; itemsPerCpuSecond: number };
  families: { seconds: number; cpuSeconds: number; count: number; multiMember: number };
  overallItemsPerSecond: number;
  peakRssMb: number;
  heapUsedMb: number;
  /** Heap and array buffers grown by adding every item (signatures, keys, ids; the posts were made before): the index's own memory, roughly. */
  indexHeapMb: number;
  targets: { addItemsPerSecond: number };
  meets: { addItemsPerSecond: boolean; addItemsPerCpuSecond: boolean };
}

export function benchDedup(options: { items: number; seed?: number }): DedupBenchFigures {
  const posts = syntheticPosts(options.items, options.seed ?? 7);
  const heapBefore = heapAndBuffers();
  const index = new ProvenanceIndex();
  const addStart = performance.now();
  const addCpu = process.cpuUsage();
  for (const post of posts.list) index.add(post);
  const addSeconds = (performance.now() - addStart) / 1000;
  const addCpuSeconds = cpuSeconds(process.cpuUsage(addCpu));
  const heapAfterAdd = heapAndBuffers();
  const familiesStart = performance.now();
  const familiesCpu = process.cpuUsage();
  const families = index.families();
  const familiesSeconds = (performance.now() - familiesStart) / 1000;
  const familiesCpuSeconds = cpuSeconds(process.cpuUsage(familiesCpu));
  const sizes = new Map<string, number>();
  for (const membership of families.values()) sizes.set(membership.family, (sizes.get(membership.family) ?? 0) + 1);
  const itemsPerSecond = Math.round(options.items / addSeconds);
  const itemsPerCpuSecond = Math.round(options.items / addCpuSeconds);
  return {
    items: options.items,
    synthetic: true,
    copies: posts.copies,
    meanTextLength: Math.round(posts.list.reduce((sum, post) => sum + post.text.length, 0) / posts.list.length),
    add: { seconds: round(addSeconds, 2), cpuSeconds: round(addCpuSeconds, 2), itemsPerSecond, itemsPerCpuSecond },
    families: { seconds: round(familiesSeconds, 2), cpuSeconds: round(familiesCpuSeconds, 2), count: sizes.size, multiMember: [...sizes.values()].filter((size) => size > 1).length },
    overallItemsPerSecond: Math.round(options.items / (addSeconds + familiesSeconds)),
    peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 1024 / 1024),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
    indexHeapMb: Math.round((heapAfterAdd - heapBefore) / 1024 / 1024),
    targets: { addItemsPerSecond: DEDUP_TARGET_ITEMS_PER_SECOND },
    meets: { addItemsPerSecond: itemsPerSecond >= DEDUP_TARGET_ITEMS_PER_SECOND, addItemsPerCpuSecond: itemsPerCpuSecond >= DEDUP_TARGET_ITEMS_PER_SECOND },
  };
}

/** Rows for bench/main.ts's table: [what, figure, against]. */
export function dedupRows(figures: DedupBenchFigures): [string, string, string][] {
  const mark = (ok: boolean): string => (ok ? 'meets target' : 'BELOW TARGET');
  return [
    ['dedup (ProvenanceIndex)', `${figures.items.toLocaleString('en-US')} posts es/en, ${figures.meanTextLength} chars mean, ${figures.copies.toLocaleString('en-US')} copies (SYNTHETIC)`, ''],
    [
      '  add: fold + MinHash (wall)',
      `${figures.add.itemsPerSecond.toLocaleString('en-US')} items/s`,
      `${figures.add.seconds} s; target ≥ ${DEDUP_TARGET_ITEMS_PER_SECOND.toLocaleString('en-US')}/s: ${mark(figures.meets.addItemsPerSecond)}`,
    ],
    [
      '  add: fold + MinHash (CPU)',
      `${figures.add.itemsPerCpuSecond.toLocaleString('en-US')} items/CPU-s`,
      `${figures.add.cpuSeconds} CPU-s; target ≥ ${DEDUP_TARGET_ITEMS_PER_SECOND.toLocaleString('en-US')}/s: ${mark(figures.meets.addItemsPerCpuSecond)}`,
    ],
    [
      '  families: LSH + parents',
      `${figures.families.count.toLocaleString('en-US')} families, ${figures.families.multiMember.toLocaleString('en-US')} of 2+`,
      `${figures.families.seconds} s (${figures.families.cpuSeconds} CPU-s)`,
    ],
    ['  overall', `${figures.overallItemsPerSecond.toLocaleString('en-US')} items/s`, ''],
    ['  peak RSS (this process)', `${figures.peakRssMb} MB`, `the synthetic posts included; index memory (heap + buffers grown by adding them): ${figures.indexHeapMb} MB`],
  ];
}

const PLACES = ['Guasdualito', 'El Amparo', 'San Fernando de Apure', 'Arauca', 'La Victoria', 'Elorza', 'Puerto Páez', 'Mantecal', 'Bruzual', 'El Nula', 'Achaguas', 'Biruaca'];
const ES = [
  'Reportan fuerte explosión en {p}, se fue la luz en varios sectores',
  'Vecinos de {p} dicen que escucharon {n} detonaciones cerca del puente',
  'URGENTE: ataque con dron contra un campamento a las afueras de {p}, al menos {n} muertos según fuentes locales',
  'Según el gobernador no hubo heridos en {p}, la situación está controlada',
  'Se ve una columna de humo desde la vía a {p}, alguien sabe qué pasó??',
  'Bombaaaa en {p}!!! todo tembló, los vidrios de la casa vibraron',
  'Comunicado oficial: las fuerzas armadas desmienten cualquier ataque en {p} durante la madrugada',
  'Hospital de {p} recibe {n} heridos tras el estallido de anoche, piden donantes de sangre',
  'Cortaron la carretera entre {p} y la frontera, hay militares en la zona',
  'Sin señal telefónica en {p} desde las {h}, familiares piden información',
];
const EN = [
  'Reports of a loud explosion in {p}, power is out in several neighbourhoods',
  'Residents of {p} say they heard {n} blasts near the bridge overnight',
  'BREAKING: drone strike on a camp outside {p}, at least {n} killed according to local sources',
  'Officials say no one was hurt in {p} and the situation is under control',
  'A column of smoke is visible from the road to {p}, does anyone know what happened?',
  'Hospital in {p} treating {n} wounded after last night blast, blood donors needed',
  'The army denies any attack near {p} in the early hours, calls reports fake news',
  'Road between {p} and the border closed, soldiers deployed in the area',
  'No phone signal in {p} since {h}, families are asking for news',
];
const TAILS = ['', ' #Apure', ' https://t.co/{u}', ' 💥💥', ' vía @alertallanera', ' #Venezuela #Frontera', ' más info en https://apurealdia.example/{u}', ' (video)'];
// Free words that make independent posts differ as people's posts do.
const WORDS_ES = 'gente casa calle noche madrugada ruido fuerte miedo niños escuela policía guardia nacional camión moto humo fuego luz agua carretera puente río frontera pueblo barrio vecino hermano mamá trabajo hospital médico ambulancia radio teléfono señal mensaje grupo video foto audio dicen parece creo nadie todos ahora ayer hoy temprano tarde cerca lejos arriba abajo rápido lento grande pequeño nuevo viejo otra vez siempre nunca mucho poco bastante demasiado'.split(' ');
const WORDS_EN = 'people house street night morning noise loud fear kids school police guard truck bike smoke fire light water road bridge river border town block neighbour brother mother work hospital doctor ambulance radio phone signal message group video photo audio they say seems think nobody everyone now yesterday today early late near far up down fast slow big small new old again always never much little enough too'.split(' ');
const COPY_EDITS = ['URGENTE: {t}', 'RT @{a}: {t}', '{t} 😱', '{t} Difundan!!', 'Ojo con esto: {t}', '{t} — confirmado?'];

function syntheticPosts(count: number, seed: number): { list: { id: string; text: string; time: string }[]; copies: number } {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const fill = (template: string): string =>
    template
      .replaceAll('{p}', pick(PLACES))
      .replaceAll('{n}', String(1 + Math.floor(random() * 40)))
      .replaceAll('{h}', `${1 + Math.floor(random() * 12)}:${String(Math.floor(random() * 60)).padStart(2, '0')}`)
      .replaceAll('{u}', Math.floor(random() * 2 ** 32).toString(36))
      .replaceAll('{a}', `user${Math.floor(random() * 5000)}`);
  const list: { id: string; text: string; time: string }[] = [];
  let copies = 0;
  const start = Date.parse('2026-09-18T00:00:00Z');
  for (let i = 0; i < count; i++) {
    let text: string;
    if (i > 10 && random() < 0.25) {
      copies++;
      const original = list[Math.max(0, i - 1 - Math.floor(random() * Math.min(i, 2000)))]?.text ?? '';
      text = random() < 0.3 ? original.replace(/\d+/, String(1 + Math.floor(random() * 40))) : pick(COPY_EDITS).replace('{t}', original);
      text = fill(text);
    } else {
      // Two sentences now and then: Telegram channel posts run longer than tweets.
      const spanish = random() < 0.6;
      const language = spanish ? ES : EN;
      const words = Array.from({ length: 4 + Math.floor(random() * 10) }, () => pick(spanish ? WORDS_ES : WORDS_EN)).join(' ');
      // A template's words with free words slipped in, as people word the same news differently.
      const sentence = (): string =>
        fill(pick(language))
          .split(' ')
          .map((word) => (random() < 0.3 ? `${word} ${pick(spanish ? WORDS_ES : WORDS_EN)}` : word))
          .join(' ');
      text = `${sentence()}, ${words}` + (random() < 0.3 ? `. ${sentence()}` : '') + fill(pick(TAILS));
    }
    list.push({ id: `post-${i}`, text, time: new Date(start + i * 1000 + Math.floor(random() * 500)).toISOString() });
  }
  return { list, copies };
}

function heapAndBuffers(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
