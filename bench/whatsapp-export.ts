import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/**
 * Writes a large WhatsApp chat export (a Spanish-language neighbourhood group, as phones write
 * it) for benchmarks: several senders with fake numbers (+00 000 000 0001, wrapped in the
 * U+202A/U+202C marks Android puts around numbers), multi-line messages, media placeholders,
 * attachments, deletions, edits and group notices. Deterministic: the same arguments give the
 * same bytes. SYNTHETIC content.
 */

export type WhatsAppLayout =
  /** `14/09/2026, 02:14 - Sender: text` (Android, 24-hour clock). */
  | 'android'
  /** `14/9/26, 2:14 a. m. - Sender: text` (Android in Spanish, 12-hour clock with U+202F). */
  | 'android-12h'
  /** `[14/09/2026, 02:14:05] Sender: text` (iOS, U+200E before media lines). */
  | 'ios';

export interface WhatsAppExportShape {
  /** Lines in the file (continuation lines included). */
  lines: number;
  seed?: number;
  layout?: WhatsAppLayout;
}

const PHRASES = [
  'Se escuchó un bombazo por la vía a El Amparo, la gente está asustada',
  'Reportan fuerte estruendo en la zona rural, se fue la luz en varios sectores',
  'Chamo eso retumbó todo, desde mi ventana se ve humo',
  'Cola de gasolina desde las 4 am en la estación de la avenida principal',
  'Según fuentes oficiales el operativo dejó varios detenidos',
  'Lluvias fuertes mantienen en alerta a los vecinos del río Sarare',
  'Desmienten rumores sobre enfrentamientos en el sector La Victoria',
  'Se prendió el plomo anoche cerca de la alcabala, nadie sabe qué pasó',
  'Atención: corte eléctrico programado para mañana de 8 a 12',
  '¿Alguien sabe si hay clases mañana?',
  'Buenos días vecinos 🙏',
  'Confirmado por la alcaldía: no hay heridos',
];
const CONTINUATIONS = ['Pasen la información', 'Cuídense mucho', 'Eso fue como a las 2:10', 'Dicen que fue un dron pero no está confirmado'];
const NAMES = ['Vecina Rosa', 'Sr. Luis', 'María José', 'Admin Ceibita'];

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

function stamp(layout: WhatsAppLayout, seconds: number): string {
  // The wall clock, counted from 2026-09-14 00:00 with no zone (exports write local time).
  const d = new Date(Date.UTC(2026, 8, 14) + seconds * 1000);
  const [day, month, year, hour, minute, second] = [d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  if (layout === 'ios') return `[${two(day)}/${two(month)}/${year}, ${two(hour)}:${two(minute)}:${two(second)}] `;
  if (layout === 'android-12h') return `${day}/${month}/${year % 100}, ${hour % 12 === 0 ? 12 : hour % 12}:${two(minute)}\u202f${hour < 12 ? 'a' : 'p'}.\u00a0m. - `;
  return `${two(day)}/${two(month)}/${year}, ${two(hour)}:${two(minute)} - `;
}

export async function writeWhatsAppExport(path: string, shape: WhatsAppExportShape): Promise<{ bytes: number; lines: number; messages: number }> {
  const random = rng(shape.seed ?? 1);
  const layout = shape.layout ?? 'android';
  const senders = [...Array.from({ length: 8 }, (_, i) => `\u202a+00 000 000 ${String(i + 1).padStart(4, '0')}\u202c`), ...NAMES];
  const out = createWriteStream(path);
  let bytes = 0;
  let lines = 0;
  let messages = 0;
  let seconds = 0;
  let attachment = 0;
  let buffer: string[] = [];
  const flush = async (): Promise<void> => {
    const text = buffer.join('');
    buffer = [];
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  const line = (text: string): void => {
    buffer.push(`${text}\n`);
    lines++;
  };
  const notice = layout === 'ios' ? (text: string): string => `Vecinos de La Ceibita: \u200e${text}` : (text: string): string => text;
  line(
    stamp(layout, seconds) +
      notice('Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni siquiera WhatsApp, puede leerlos ni escucharlos.'),
  );
  messages++;
  while (lines < shape.lines) {
    seconds += 1 + Math.floor(random() * 90);
    const from = senders[Math.floor(random() * senders.length)] ?? '';
    const roll = random();
    const head = stamp(layout, seconds);
    const mark = layout === 'ios' ? '\u200e' : '';
    messages++;
    if (roll < 0.005) {
      line(head + notice(`${senders[0] ?? ''} añadió a ${from}`));
    } else if (roll < 0.055) {
      line(`${mark}${head}${from}: ${layout === 'ios' ? '\u200eimagen omitida' : '<Multimedia omitido>'}`);
    } else if (roll < 0.075) {
      attachment++;
      const name = layout === 'ios' ? `${String(attachment).padStart(8, '0')}-PHOTO-2026-09-14-00-00-00.jpg` : `IMG-20260914-WA${String(attachment % 10000).padStart(4, '0')}.jpg`;
      line(`${mark}${head}${from}: ${layout === 'ios' ? `\u200e<adjunto: ${name}>` : `\u200e${name} (archivo adjunto)`}`);
      if (lines < shape.lines) line(PHRASES[Math.floor(random() * PHRASES.length)] ?? '');
    } else if (roll < 0.085) {
      line(`${mark}${head}${from}: ${mark}Se eliminó este mensaje`);
    } else if (roll < 0.095) {
      line(`${head}${from}: ${PHRASES[Math.floor(random() * PHRASES.length)] ?? ''} ${mark}<Se editó este mensaje.>`);
    } else {
      line(`${head}${from}: ${PHRASES[Math.floor(random() * PHRASES.length)] ?? ''} (${messages})`);
      // One message in ten runs over several lines.
      if (random() < 0.1) {
        const extra = 1 + Math.floor(random() * 3);
        for (let i = 0; i < extra && lines < shape.lines; i++) line(CONTINUATIONS[Math.floor(random() * CONTINUATIONS.length)] ?? '');
      }
    }
    if (buffer.length >= 4096) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return { bytes, lines, messages };
}
