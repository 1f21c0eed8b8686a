/**
 * The places stage measured (`npm run bench -- --only geo`): loading the shipped gazetteer (time,
 * peak RSS of a process that only loads it), gazetteer look-ups per second (a look-up = one name
 * folded and resolved to its candidate places), and geoparse (recognition + resolution) of
 * report-sized Spanish and English texts per second. Figures are printed against their targets;
 * nothing fails for being slow.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { geoparse, loadGazetteer } from '../src/analyze/index.js';

const ROOT = join(import.meta.dirname, '..');
export const TARGET_LOOKUPS_PER_SECOND = 200_000;

export interface GeoBenchFigures {
  places: number;
  load: { seconds: number; peakRssMb: number; baselineRssMb: number; gazetteerRssMb: number };
  lookups: { perSecond: number; names: number; hits: number; target: number; meets: boolean };
  geoparse: { reportsPerSecond: number; charsPerSecond: number; reports: number; toponymsPerReport: number };
}

/** Report-sized texts as they arrive: chat posts, eyewitness messages, news paragraphs. */
const REPORTS: readonly string[] = [
  'Se escuchó una explosión fuerte en Guasdualito, estado Apure, a las 2:10 de la madrugada. Vecinos dicen que fue cerca del aeropuerto.',
  'URGENTE: reportan detonaciones en Petare, municipio Sucre. La gente está encerrada en sus casas, no hay luz.',
  'chamo eso retumbó todo en maracaibo, alguien sabe que pasó?? se ve humo hacia el sur',
  'Según el gobernador del Zulia, no hubo víctimas tras el incendio en la refinería de Cardón, en Punto Fijo, estado Falcón.',
  'Fuerte presencia militar en San Cristóbal y en la frontera con Cúcuta desde anoche; cerraron el puente Simón Bolívar.',
  'Protestas en Valencia, Carabobo: la policía dispersó a los manifestantes con gas lacrimógeno frente a la alcaldía.',
  'El ministro de Defensa confirmó que el ataque con drones ocurrió cerca de El Amparo, a 30 km de Guasdualito, y dejó 3 heridos.',
  'Colombia y Venezuela acordaron reabrir el paso fronterizo entre Arauca y El Amparo tras los enfrentamientos.',
  'Residents of Maracaibo reported two explosions shortly after midnight; officials in Caracas have not commented.',
  'A drone strike near the border town of Guasdualito killed at least seven people, according to local media in Apure state.',
  'The U.S. State Department said it was aware of reports of fighting in Venezuela and was monitoring the situation in Bogotá and Caracas.',
  'Heavy shelling was reported near Aleppo, Syria, while Turkish troops moved toward Idlib province, the monitoring group said from London.',
  'Police in Mexico City said the suspects fled toward Puebla; a second group was arrested in Veracruz on Tuesday.',
  'Unconfirmed videos show smoke rising over the port of La Guaira; the navy said an exercise was under way off the coast.',
  'Hospitals in Cúcuta, Colombia, received dozens of injured people who had crossed from Ureña and San Antonio del Táchira.',
  'Reuters could not independently verify the claim, which was first posted on Telegram by a channel based in Barinas.',
];

export async function benchGeo(progress: (line: string) => void = () => undefined): Promise<GeoBenchFigures> {
  progress('geo: loading the gazetteer in a fresh process (time, peak RSS) …');
  const baseline = await measureProcess(false);
  const loaded = await measureProcess(true);

  const gazetteer = loadGazetteer();
  // Names to look up: every 23rd place's name as written, folded variants, and misses.
  const names: string[] = [];
  for (let row = 0; row < gazetteer.rowCount && names.length < 20_000; row += 23) {
    const name = gazetteer.place(row).name;
    names.push(name, name.toUpperCase(), `${name}x`);
  }
  progress(`geo: ${names.length.toLocaleString('en-US')} names looked up repeatedly …`);
  let hits = 0;
  let lookups = 0;
  const lookupStart = performance.now();
  while (performance.now() - lookupStart < 2000) {
    for (const name of names) if (gazetteer.lookup(name).length > 0) hits++;
    lookups += names.length;
  }
  const lookupSeconds = (performance.now() - lookupStart) / 1000;
  const lookupsPerSecond = Math.round(lookups / lookupSeconds);

  progress(`geo: geoparse of ${REPORTS.length} Spanish and English reports, repeatedly …`);
  let reports = 0;
  let chars = 0;
  let toponyms = 0;
  const parseStart = performance.now();
  while (performance.now() - parseStart < 2000) {
    for (const text of REPORTS) {
      toponyms += geoparse(text, gazetteer).length;
      chars += text.length;
      reports++;
    }
  }
  const parseSeconds = (performance.now() - parseStart) / 1000;
  return {
    places: gazetteer.size,
    load: {
      seconds: round(loaded.loadSeconds, 2),
      peakRssMb: Math.round(loaded.peakRssMb),
      baselineRssMb: Math.round(baseline.peakRssMb),
      gazetteerRssMb: Math.round(loaded.peakRssMb - baseline.peakRssMb),
    },
    lookups: { perSecond: lookupsPerSecond, names: lookups, hits, target: TARGET_LOOKUPS_PER_SECOND, meets: lookupsPerSecond >= TARGET_LOOKUPS_PER_SECOND },
    geoparse: { reportsPerSecond: Math.round(reports / parseSeconds), charsPerSecond: Math.round(chars / parseSeconds), reports, toponymsPerReport: round(toponyms / reports, 2) },
  };
}

/** A node process that imports the built analysis code and, if asked, loads the gazetteer; its peak RSS. */
async function measureProcess(load: boolean): Promise<{ loadSeconds: number; peakRssMb: number }> {
  const work = await mkdtemp(join(tmpdir(), 'corroborate-bench-geo-'));
  try {
    const rssFile = join(work, 'maxrss');
    const script = [
      `const m = await import(${JSON.stringify(join(ROOT, 'dist', 'analyze', 'index.js'))});`,
      'const t = performance.now();',
      load ? 'const g = m.loadGazetteer(); if (g.size < 1) throw new Error("empty gazetteer");' : '',
      'process.stdout.write(String((performance.now() - t) / 1000));',
    ].join('\n');
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', join(ROOT, 'bench', 'maxrss.mjs'), '--input-type=module', '-e', script], {
        env: { ...process.env, BENCH_MAXRSS_FILE: rssFile },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve(stdout);
        else reject(new Error(`the gazetteer load process exited with ${String(code)}`));
      });
    });
    return { loadSeconds: Number(output), peakRssMb: Number(await readFile(rssFile, 'utf8')) / 1024 / 1024 };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
