/**
 * Text analysis speed: normalisation, time expressions and counts on realistic mixed Spanish
 * and English posts (SYNTHETIC, written in the style of Venezuelan Telegram channels, WhatsApp
 * family groups and English wire tweets), one core, in process. Run by `npm run bench -- --only
 * text`. Targets (issue "Understand every report in Spanish and English"): the whole analysis
 * ≥ 2,000 reports/s per core, normalisation ≥ 50,000/s. Rates are per second of this process's
 * CPU time, so that other load on a shared machine does not count. Printed, never asserted.
 */
import { identifyLanguage, normalizeText, readCountsNormalized, readTimesNormalized } from '../src/analyze/index.js';

export const TEXT_TARGETS = { normalizePerSecond: 50_000, analysisPerSecond: 2_000 } as const;

/** SYNTHETIC posts: realistic in form, invented in content. */
const POSTS: readonly string[] = [
  '🚨🚨 #URGENTE Anoche a las 11:40 se escucharon al menos tres explosiones en Guasdualito, Apure. Vecinos reportan 2 muertos y varios heridos. Más info 👉 https://t.me/alertas_apure/1882',
  'chamo q fue eso?? retumbo todo aki en la casa, se fue la luz x el sector 😱😱',
  'ÚLTIMA HORA | El ministro de Defensa informó que la cifra de muertos asciende a 7 tras el ataque de esta madrugada contra un campamento en la frontera. @MinDefensa',
  'Vecinos de El Amparo denuncian que hace una hora pasaron dos helicópteros y luego hubo detonaciones',
  'Protección Civil: no hubo heridos en el incendio de ayer en la tarde en la Av. Bolívar, calle 5',
  'BREAKING: At least 12 people were killed and dozens injured in a drone strike near the Colombian border, officials said on Tuesday. https://reut.rs/3xYz',
  'Locals say they heard two loud explosions at around 2am last night; no casualties reported so far #Venezuela',
  'Update: death toll rises to 15 after yesterday afternoon\'s attack on a military convoy. Three vehicles destroyed.',
  'pana toy bn, fue lejos, dicen q en la alcabala mataron a cuatro guardias ntp',
  'Comunicado 3/5/2024: entre 3 y 5 fallecidos y más de 20 desaparecidos tras la crecida del río',
  'Reportan una docena de heridos trasladados al Hospital Central de San Cristóbal. Hoy en la mañana se registró el estallido.',
  'An hour ago a convoy of five trucks was hit on the road to Elorza, witnesses told AFP',
  'Murieron cuatro personas y resultaron heridas otras seis en el ataque del martes 3 de mayo a las 3 de la tarde',
  'Residents report gunfire this morning in Petare; police say no one was hurt 🙏',
  '⚠️ Se sintió el bombazo a las 2:10 am, toda la casa tembló. Alguien sabe q pasó?',
  'The UN said on May 3 that at least 200 families had fled since the clashes began',
  'En las últimas 24 horas no se reportan víctimas, informó la gobernación. Tel 0414-555-1234',
  'jajaja ya va, eso fue un transformador nada más, tranquilos',
  'Video muestra tres camionetas calcinadas en la vía, hace 20 minutos 🔥 #Zulia',
  'Seven killed, 20 wounded in twin blasts in Cúcuta, local media report',
];

export interface TextFigures {
  posts: { count: number; languages: Record<string, number>; synthetic: true };
  normalizePerSecond: number;
  timesPerSecond: number;
  countsPerSecond: number;
  /** Language, one normalisation, times and counts: what the pipeline does per report. */
  analysisPerSecond: number;
  targets: typeof TEXT_TARGETS;
  meets: { normalize: boolean; analysis: boolean };
}

const POST_TIME = '2026-09-18T10:30:00-04:00';
const ZONE = 'America/Caracas';

/**
 * Runs `work` over the posts for about `seconds` and returns posts per second of this process's
 * CPU time (user + system): the machine is shared, and other processes' load is not ours.
 */
function rate(seconds: number, work: (text: string) => void): number {
  for (let round = 0; round < 50; round += 1) for (const post of POSTS) work(post); // warm the regular expressions and the JIT
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const cpu = process.cpuUsage();
  while (performance.now() < until) {
    for (const post of POSTS) work(post);
    done += POSTS.length;
  }
  const used = process.cpuUsage(cpu);
  return Math.round(done / ((used.user + used.system) / 1e6));
}

export function benchText(seconds = 2): TextFigures {
  const languages: Record<string, number> = {};
  for (const post of POSTS) {
    const { language } = identifyLanguage(post);
    languages[language] = (languages[language] ?? 0) + 1;
  }
  let sink = 0;
  const normalizePerSecond = rate(seconds, (text) => {
    sink += normalizeText(text).match.length;
  });
  const timesPerSecond = rate(seconds, (text) => {
    sink += readTimesNormalized(normalizeText(text), { postTime: POST_TIME, timeZone: ZONE }).length;
  });
  const countsPerSecond = rate(seconds, (text) => {
    sink += readCountsNormalized(normalizeText(text)).length;
  });
  const analysisPerSecond = rate(seconds, (text) => {
    const { language } = identifyLanguage(text);
    const normalized = normalizeText(text, { language });
    sink += readTimesNormalized(normalized, { postTime: POST_TIME, timeZone: ZONE, language }).length + readCountsNormalized(normalized).length;
  });
  if (sink < 0) throw new Error('unreachable');
  return {
    posts: { count: POSTS.length, languages, synthetic: true },
    normalizePerSecond,
    timesPerSecond,
    countsPerSecond,
    analysisPerSecond,
    targets: TEXT_TARGETS,
    meets: { normalize: normalizePerSecond >= TEXT_TARGETS.normalizePerSecond, analysis: analysisPerSecond >= TEXT_TARGETS.analysisPerSecond },
  };
}

/** Rows for bench/main.ts's table: [what, figure, target]. */
export function textRows(figures: TextFigures): [string, string, string][] {
  const mark = (ok: boolean): string => (ok ? 'meets target' : 'BELOW TARGET');
  const perSecond = (value: number): string => `${value.toLocaleString('en-US')} posts/s`;
  return [
    ['text analysis', `${figures.posts.count} mixed es/en posts (SYNTHETIC), one core, per CPU-second`, ''],
    ['  normalisation', perSecond(figures.normalizePerSecond), `target ≥ ${TEXT_TARGETS.normalizePerSecond.toLocaleString('en-US')}/s: ${mark(figures.meets.normalize)}`],
    ['  times (with normalisation)', perSecond(figures.timesPerSecond), ''],
    ['  counts (with normalisation)', perSecond(figures.countsPerSecond), ''],
    ['  language + normalisation + times + counts', perSecond(figures.analysisPerSecond), `target ≥ ${TEXT_TARGETS.analysisPerSecond.toLocaleString('en-US')}/s: ${mark(figures.meets.analysis)}`],
  ];
}
