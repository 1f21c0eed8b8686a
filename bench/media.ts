/**
 * `npx tsx bench/media.ts`: how robust the two perceptual hashes are, and how fast media is described.
 *
 *   npx tsx bench/media.ts                     the sample photographs in test/fixtures/media/photos
 *   npx tsx bench/media.ts --photos DIR        other JPEG/PNG photographs (originals, any size)
 *   npx tsx bench/media.ts --skip-timing       only the robustness table
 *
 * Robustness: every photograph is re-encoded, resized, cropped and captioned the way recycled
 * pictures are; the table gives the Hamming distance (of 64 bits) from the original's hash, for
 * dHash and pHash, and the distances between different photographs. A hash is good when the
 * first are small and the second large; SAME_PICTURE_MAX_DISTANCE is chosen from this table.
 *
 * Timing: describeMedia on a 12-megapixel JPEG (4000×3000, camera-like detail) and keyframes of
 * a one-minute 1080p H.264 video, against no floor: it prints figures, it never fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dHash64, describeMedia, FFMPEG_PATH, grayFromRgb, hamming, pHash64, SAME_PICTURE_MAX_DISTANCE, spawnFfmpeg } from '../src/ingest/media/index.js';
import { captioned, cropped, jpegBytes, readPicture, resized, withStrip, type Rgb } from '../test/fixtures/media/pictures.js';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', '.out');
const { values } = parseArgs({ options: { photos: { type: 'string' }, 'skip-timing': { type: 'boolean', default: false } } });
const photoDir = values.photos ?? join(ROOT, 'test', 'fixtures', 'media', 'photos');

const hashes = (picture: Rgb): { dhash: string; phash: string } => {
  const gray = grayFromRgb(picture.data, picture.width, picture.height, 3);
  return { dhash: dHash64(gray), phash: pHash64(gray) };
};
const reencoded = (picture: Rgb, quality: number): Rgb => readPicture(jpegBytes(picture, quality));
const scale = (picture: Rgb, factor: number): Rgb => resized(picture, Math.max(9, Math.round(picture.width * factor)), Math.max(8, Math.round(picture.height * factor)));

/** The edits a recycled picture goes through; each ends in a JPEG re-encode, as an upload does. */
const EDITS: readonly { name: string; edit: (p: Rgb) => Rgb }[] = [
  { name: 'JPEG quality 20', edit: (p) => reencoded(p, 20) },
  { name: 'JPEG quality 50', edit: (p) => reencoded(p, 50) },
  { name: 'resize to 50 %', edit: (p) => reencoded(scale(p, 0.5), 85) },
  { name: 'resize to 25 %', edit: (p) => reencoded(scale(p, 0.25), 85) },
  { name: 'crop 5 % each edge', edit: (p) => reencoded(cropped(p, 0.05), 85) },
  { name: 'crop 10 % each edge', edit: (p) => reencoded(cropped(p, 0.1), 85) },
  { name: 'caption bar 12 %', edit: (p) => reencoded(captioned(p, 0.12), 85) },
  { name: 'caption bar 20 %', edit: (p) => reencoded(captioned(p, 0.2), 85) },
  { name: 'caption strip added 12 %', edit: (p) => reencoded(withStrip(p, 0.12), 85) },
  { name: '50 % + caption + q50', edit: (p) => reencoded(captioned(scale(p, 0.5), 0.12), 50) },
];

const names = readdirSync(photoDir).filter((name) => /\.(jpe?g|png)$/i.test(name)).sort();
if (names.length < 3) throw new Error(`${photoDir} has fewer than 3 photographs`);
const originals = names.map((name) => ({ name, picture: readPicture(readFileSync(join(photoDir, name))) }));
const base = originals.map(({ name, picture }) => ({ name, ...hashes(picture) }));

interface Row {
  name: string;
  dhash: number[];
  phash: number[];
}
const rows: Row[] = EDITS.map(({ name, edit }) => {
  const row: Row = { name, dhash: [], phash: [] };
  originals.forEach(({ picture }, i) => {
    const edited = hashes(edit(picture));
    const original = base[i];
    if (original === undefined) return;
    row.dhash.push(hamming(original.dhash, edited.dhash));
    row.phash.push(hamming(original.phash, edited.phash));
  });
  return row;
});
const different: Row = { name: 'different photographs', dhash: [], phash: [] };
let closest = { pair: '', phash: 64 };
for (let i = 0; i < base.length; i++) {
  for (let j = i + 1; j < base.length; j++) {
    const a = base[i];
    const b = base[j];
    if (a === undefined || b === undefined) continue;
    different.dhash.push(hamming(a.dhash, b.dhash));
    const p = hamming(a.phash, b.phash);
    different.phash.push(p);
    if (p < closest.phash) closest = { pair: `${a.name} / ${b.name}`, phash: p };
  }
}

const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);
const quantile = (xs: readonly number[], q: number): number => sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const spread = (xs: readonly number[]): string => `${String(Math.min(...xs)).padStart(2)} ${String(quantile(xs, 0.5)).padStart(2)} ${String(Math.max(...xs)).padStart(2)}`;

console.log(`\nPerceptual hash robustness: ${originals.length} photographs from ${photoDir}`);
console.log('Hamming distance of 64 bits to the original (min median max)\n');
console.log(`${'edit'.padEnd(24)}  dHash-64   pHash-64`);
for (const row of [...rows, different]) console.log(`${row.name.padEnd(24)}  ${spread(row.dhash)}   ${spread(row.phash)}`);
console.log(`\nclosest different pair by pHash: ${closest.pair} (${closest.phash})`);

console.log('\nAt each threshold: share of edited copies found (≤ t) / share of different pairs wrongly matched (≤ t)');
console.log(`${'t'.padStart(3)}  ${'dHash found / false'.padEnd(22)}pHash found / false`);
const edited = { dhash: rows.flatMap((r) => r.dhash), phash: rows.flatMap((r) => r.phash) };
const share = (xs: readonly number[], t: number): string => `${Math.round((100 * xs.filter((x) => x <= t).length) / xs.length)} %`.padStart(5);
for (const t of [4, 6, 8, 10, 12, 14, 16]) {
  const mark = t === SAME_PICTURE_MAX_DISTANCE ? '  ← SAME_PICTURE_MAX_DISTANCE' : '';
  console.log(`${String(t).padStart(3)}  ${share(edited.dhash, t)} / ${share(different.dhash, t)}          ${share(edited.phash, t)} / ${share(different.phash, t)}${mark}`);
}

if (!values['skip-timing']) await timing();

async function timing(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const ffmpeg = existsSync(FFMPEG_PATH) ? spawnFfmpeg(FFMPEG_PATH) : null;
  const deps = { ffmpeg, timezone: 'America/Caracas' };

  const photo = join(OUT, 'media-12mp.jpg');
  if (!existsSync(photo)) writeFileSync(photo, jpegBytes(cameraLike(4000, 3000), 90));
  const photoBytes = readFileSync(photo).length;
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await describeMedia({ path: photo, mediaType: 'image/jpeg', sha256: '0'.repeat(64) }, deps);
    runs.push(performance.now() - start);
  }
  console.log(`\ndescribeMedia, 12 MP JPEG (4000×3000, ${(photoBytes / 1e6).toFixed(1)} MB): median ${Math.round(quantile(runs, 0.5))} ms of 5 runs (min ${Math.round(Math.min(...runs))})`);

  if (ffmpeg === null) {
    console.log(`keyframes: ${FFMPEG_PATH} is not installed, not measured`);
    return;
  }
  const video = join(OUT, 'media-1min-1080p.mp4');
  if (!existsSync(video)) {
    // Phone-like: H.264 1080p30, a keyframe every second, moving detail so frames differ.
    const made = spawnSync(FFMPEG_PATH, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=30:duration=60', '-c:v', 'libx264', '-preset', 'veryfast', '-g', '30', '-pix_fmt', 'yuv420p', video], { stdio: 'inherit' });
    if (made.status !== 0) throw new Error('could not make the benchmark video');
  }
  const videoRuns: number[] = [];
  let keyframes = 0;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const facts = await describeMedia({ path: video, mediaType: 'video/mp4', sha256: '0'.repeat(64) }, deps);
    videoRuns.push(performance.now() - start);
    keyframes = facts.keyframes.length;
  }
  console.log(`describeMedia, 1 min 1080p30 H.264 (keyframe every 1 s): median ${Math.round(quantile(videoRuns, 0.5))} ms per video minute, ${keyframes} keyframes hashed`);
}

/** A 12 MP picture with the fine detail of a camera's: a photograph enlarged, plus sensor-like noise. */
function cameraLike(width: number, height: number): Rgb {
  const source = originals[0]?.picture;
  if (source === undefined) throw new Error('no photograph');
  const out = new Uint8Array(width * height * 3);
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.floor((x * source.width) / width);
      const sy = Math.floor((y * source.height) / height);
      for (let c = 0; c < 3; c++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const noise = ((seed >>> 16) % 25) - 12;
        out[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, (source.data[(sy * source.width + sx) * 3 + c] ?? 0) + noise));
      }
    }
  }
  return { width, height, data: out };
}
