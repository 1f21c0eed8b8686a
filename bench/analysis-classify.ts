/**
 * Classification speed: reports/s on one core (the classifier is synchronous, so the main
 * thread is one core) over realistic mixed Spanish and English posts.
 *
 * Two corpora: the real CrisisLexT26 tweets (Spanish and English, read in place from
 * ../shared/data/crisis when it is there; see bench/eval/crisislex.ts) and SYNTHETIC posts in
 * the style of Venezuelan neighbourhood channels, newsrooms and official accounts, made here
 * from templates with a fixed seed. The whole-analysis target is ≥ 2,000 reports/s per core;
 * classification alone should be far faster. Printed, never asserted.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { classifyReport } from '../src/analyze/index.js';
import { readCrisisEvents } from './eval/crisislex.js';

export const WHOLE_ANALYSIS_TARGET = 2000;

export interface ClassifyBenchFigures {
  corpora: { name: string; posts: number; meanChars: number; synthetic: boolean; reportsPerSecond: number; reportsPerCpuSecond: number }[];
  /** The slowest corpus of short posts, by the wall clock (articles are printed beside, not counted). */
  reportsPerSecond: number;
  /** The slowest corpus of short posts, per second of CPU time. */
  reportsPerCpuSecond: number;
  target: number;
  meetsTarget: boolean;
}

const PLACES = ['Guasdualito', 'El Amparo', 'La Victoria', 'Petare', 'San Fernando de Apure', 'Elorza', 'Maracaibo', 'Cúcuta', 'Arauca', 'Barinas'];
const TEMPLATES_ES = [
  'se escuchó un bombazo durísimo por {p}, alguien sabe qué pasó?? 😱',
  '🔴 URGENTE | Reportan explosión en zona rural de {p}. Vecinos hablan de humo y {n} heridos #Apure',
  'Según fuentes oficiales, el enfrentamiento en {p} dejó {n} fallecidos, informó la gobernación',
  'yo estaba despierto x el calor y senti como q temblo la casa. fue pa\'l lado de {p}',
  'Desmienten bombardeo en {p}: el video que circula es de 2019 #FakeNews',
  'echaron plomo toda la noche en {p}, los del tren con la policía, nadie durmió',
  'COMUNICADO OFICIAL. La Gobernación informa a la colectividad que en {p} se mantiene la calma',
  'Buenos días vecinos, hoy sí hay clases en {p} 🙌',
  'Al parecer fue un ataque con dron cerca de {p}, sin confirmar todavía',
  'Hace un año del ataque en {p}: recordamos a las {n} víctimas',
  'Se perdió mi gata por la calle Páez en {p}, si la ven me avisan porfa',
  'Secuestraron a un ganadero en la vía a {p}, lo levantaron unos tipos en una camioneta',
];
const TEMPLATES_EN = [
  'BREAKING: Airstrike hits compound near {p}, {n} killed, officials said http://example.com/story',
  'Just heard a massive explosion, my house shook. Anyone near {p} know what happened?',
  'Unconfirmed reports of a drone strike near {p}; no casualty figures yet',
  'Praying for everyone in {p} tonight 🙏 so sad',
  'UPDATE: death toll rises to {n} after the blast in {p}, according to the Red Cross',
  'Police say there was no explosion in {p}; the noise came from a transformer',
  'Great game last night in {p}, what a blast!',
  'One year on, survivors of the {p} car bomb remember the {n} victims',
];

/** Deterministic SYNTHETIC posts: templates × places × numbers from a fixed-seed generator. */
export function syntheticPosts(count: number): string[] {
  let seed = 0x5eed;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const posts: string[] = [];
  for (let i = 0; i < count; i++) {
    const templates = i % 3 === 2 ? TEMPLATES_EN : TEMPLATES_ES;
    const template = templates[next(templates.length)] ?? '';
    posts.push(template.replaceAll('{p}', PLACES[next(PLACES.length)] ?? '').replaceAll('{n}', String(1 + next(30))));
  }
  return posts;
}

/**
 * Reports per second over `texts`, after a warm-up pass, for at least `seconds`: by the wall
 * clock, and per second of this process's CPU time (what one core does when the machine is
 * shared and the wall clock counts other programs' turns too).
 */
function measure(texts: readonly string[], seconds: number): { wall: number; cpu: number } {
  for (const text of texts) classifyReport(text);
  let done = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (const text of texts) classifyReport(text);
    done += texts.length;
    elapsed = performance.now() - started;
  }
  const cpu = process.cpuUsage(cpuStarted);
  return { wall: Math.round(done / (elapsed / 1000)), cpu: Math.round(done / ((cpu.user + cpu.system) / 1e6)) };
}

export async function benchClassify(options: { dataFolder: string; seconds?: number }): Promise<ClassifyBenchFigures> {
  const seconds = options.seconds ?? 2;
  const corpora: { name: string; texts: string[]; synthetic: boolean }[] = [];
  const crisisFolder = join(options.dataFolder, 'crisis');
  if (existsSync(crisisFolder)) {
    const texts = (await readCrisisEvents(crisisFolder)).flatMap((event) => event.tweets.map((tweet) => tweet.text.normalize('NFKC')));
    corpora.push({ name: 'CrisisLexT26 tweets (es + en)', texts, synthetic: false });
  }
  corpora.push({ name: 'Venezuelan-style posts (2/3 es, 1/3 en)', texts: syntheticPosts(5000), synthetic: true });
  // Web pages and long articles: cost must grow with the length, not its square.
  const paragraphs = syntheticPosts(20_000);
  const articles = Array.from({ length: 100 }, (_, i) => paragraphs.slice(i * 200, (i + 1) * 200).join('\n\n'));
  corpora.push({ name: 'long articles, 200 posts each', texts: articles, synthetic: true });
  const measured = corpora.map((corpus) => {
    const rate = measure(corpus.texts, seconds);
    return {
      name: corpus.name,
      posts: corpus.texts.length,
      meanChars: Math.round(corpus.texts.reduce((sum, text) => sum + text.length, 0) / corpus.texts.length),
      synthetic: corpus.synthetic,
      reportsPerSecond: rate.wall,
      reportsPerCpuSecond: rate.cpu,
    };
  });
  const posts = measured.filter((corpus) => !corpus.name.startsWith('long'));
  const reportsPerSecond = Math.min(...posts.map((corpus) => corpus.reportsPerSecond));
  const reportsPerCpuSecond = Math.min(...posts.map((corpus) => corpus.reportsPerCpuSecond));
  return { corpora: measured, reportsPerSecond, reportsPerCpuSecond, target: WHOLE_ANALYSIS_TARGET, meetsTarget: reportsPerSecond >= WHOLE_ANALYSIS_TARGET };
}
