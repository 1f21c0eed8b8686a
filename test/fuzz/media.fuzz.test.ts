/**
 * The media adapter and describeMedia under fuzzing: whatever bytes a file holds — random,
 * a real header over garbage, a fixture cut short or with a byte overwritten — they never throw,
 * yield valid RawItems (at most one) with valid facts and media/… diagnostics, and the output
 * does not depend on how the stream is chunked.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeMedia, MediaFacts, type FfmpegRunner } from '../../src/ingest/media/index.js';
import { isDiagnostic, type Diagnostic, type RawItem } from '../../src/model/index.js';
import { FFMPEG, fixtureBytes, fixtureNames, parseMediaBytes } from '../fixtures/media/harness.js';
import { expectContract, type Contract } from '../helpers/contract.js';
import { useTempDirs } from '../helpers/temp.js';

const FILE = 'fuentes/fuzz.bin';
const tempDir = useTempDirs();
let dir = '';
// useTempDirs removes its folders after each test: a fresh one per test.
beforeEach(async () => {
  dir = await tempDir();
});

let counter = 0;
async function onDisk(bytes: Uint8Array): Promise<string> {
  const path = join(dir, `f${counter++}`);
  await writeFile(path, bytes);
  return path;
}

// describeMedia turns its own exceptions into media/internal-error: for a fuzzer it is a crash.
const CONTRACT: Contract = {
  format: 'media',
  file: FILE,
  noInternalError: true,
  maxItems: 1,
  item: (item) => {
    expect(MediaFacts.safeParse(item.extra['facts']).error).toBeUndefined();
  },
};

async function readFromDisk(bytes: Uint8Array, ffmpeg: FfmpegRunner | null): Promise<(RawItem | Diagnostic)[]> {
  return parseMediaBytes(bytes, { file: FILE, path: await onDisk(bytes), ffmpeg });
}

const latin1 = (text: string): number[] => [...Buffer.from(text, 'latin1')];

// Real headers, so that the random tail reaches the JPEG, PNG, WebP, GIF, ISO-BMFF and EBML readers.
const HEADERS: readonly Uint8Array[] = [
  [0xff, 0xd8, 0xff, 0xe1],
  [0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08],
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52],
  latin1('GIF89a'),
  latin1('RIFF\0\0\0\0WEBPVP8X'),
  latin1('RIFF\0\0\0\0WEBPVP8L'),
  latin1('\0\0\0\x18ftypisom\0\0\0\0isom'),
  latin1('\0\0\0\x18ftypheic\0\0\0\0mif1'),
  latin1('\0\0\0\x14ftypqt  \0\0\0\0'),
  [0x1a, 0x45, 0xdf, 0xa3],
  latin1('II*\0'),
  latin1('OggS'),
].map((h) => Uint8Array.from(h));

/** Box-like tails: sizes and four-character codes the ISO-BMFF walker looks for. */
const boxSoup = fc
  .array(
    fc.record({
      size: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.constantFrom(0, 1, 8, 0xffffffff)),
      type: fc.constantFrom('moov', 'mvhd', 'trak', 'tkhd', 'mdia', 'hdlr', 'meta', 'keys', 'ilst', 'udta', 'iprp', 'ipco', 'ipma', 'ispe', 'pitm', 'irot', 'data', 'mdat', '\xa9xyz'),
      body: fc.uint8Array({ maxLength: 48 }),
    }),
    { maxLength: 12 },
  )
  .map((boxes) => {
    const parts = boxes.map(({ size, type, body }) => {
      const out = new Uint8Array(8 + body.length);
      new DataView(out.buffer).setUint32(0, size);
      for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i) & 0xff;
      out.set(body, 8);
      return out;
    });
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      all.set(part, at);
      at += part.length;
    }
    return all;
  });

const headed = fc.tuple(fc.constantFrom(...HEADERS), fc.oneof(fc.uint8Array({ maxLength: 2048 }), boxSoup)).map(([head, tail]) => {
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
});

const fixtures = fixtureNames();
const photos = fixtures.filter((name) => /\.(jpg|png|heic)$/.test(name));
const movies = fixtures.filter((name) => !photos.includes(name));

describe('media adapter under fuzzing: arbitrary files', () => {
  it('never throws on arbitrary bytes, and keeps the contract', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expectContract(await readFromDisk(bytes, null), CONTRACT);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on a real header over garbage or box soup', async () => {
    await fc.assert(
      fc.asyncProperty(headed, async (bytes) => {
        expectContract(await readFromDisk(bytes, null), CONTRACT);
      }),
      { numRuns: 400 },
    );
  });

  it.skipIf(FFMPEG === null)('never throws when ffmpeg reads a real header over garbage either', async () => {
    await fc.assert(
      fc.asyncProperty(headed, async (bytes) => {
        expectContract(await readFromDisk(bytes, FFMPEG), CONTRACT);
      }),
      { numRuns: 40 },
    );
  });

  it('describeMedia always returns valid facts with the given hash and the true size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 2048 }), headed), async (bytes) => {
        const facts = await describeMedia({ path: await onDisk(bytes), mediaType: 'image/jpeg', sha256: 'f'.repeat(64) }, { ffmpeg: null, timezone: 'Asia/Kolkata' });
        expect(MediaFacts.safeParse(facts).error).toBeUndefined();
        expect(facts.sha256).toBe('f'.repeat(64));
        expect(facts.bytes).toBe(bytes.length);
        expect(facts.problems.map((p) => p.code)).not.toContain('internal-error');
      }),
      { numRuns: 150 },
    );
  });
});

describe('media adapter under fuzzing: damaged fixtures', () => {
  it('never throws on a photo fixture cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...photos), fc.nat(), async (name, cut) => {
        const bytes = fixtureBytes(name);
        expectContract(await readFromDisk(bytes.subarray(0, cut % (bytes.length + 1)), FFMPEG), CONTRACT);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on a video, GIF or WebP fixture cut anywhere, without ffmpeg', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...movies), fc.nat(), async (name, cut) => {
        const bytes = fixtureBytes(name);
        expectContract(await readFromDisk(bytes.subarray(0, cut % (bytes.length + 1)), null), CONTRACT);
      }),
      { numRuns: 150 },
    );
  });

  it.skipIf(FFMPEG === null)('never throws on a video, GIF or WebP fixture cut anywhere, with ffmpeg', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...movies), fc.nat(), async (name, cut) => {
        const bytes = fixtureBytes(name);
        expectContract(await readFromDisk(bytes.subarray(0, cut % (bytes.length + 1)), FFMPEG), CONTRACT);
      }),
      { numRuns: 30 },
    );
  });

  it('never throws on a fixture with bytes overwritten, and keeps its type when the magic bytes survive', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fixtures), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (name, edits) => {
        const damaged = Uint8Array.from(fixtureBytes(name));
        for (const [at, value] of edits) damaged[16 + (at % Math.max(1, damaged.length - 16))] = value;
        const records = await readFromDisk(damaged, null);
        expectContract(records, CONTRACT);
        // A photo's type is in its first 12 bytes, left alone here: damage elsewhere never changes it.
        const before = (await readFromDisk(fixtureBytes(name), null)).find((r) => !isDiagnostic(r));
        if (before !== undefined && !isDiagnostic(before) && before.media[0]?.kind === 'photo') {
          const after = records.find((r) => !isDiagnostic(r));
          expect(after !== undefined && !isDiagnostic(after) ? after.media[0]?.mediaType : null).toBe(before.media[0].mediaType);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('media adapter under fuzzing: chunking', () => {
  const chunkSizes = fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 6 });

  it('gives the same records however the stream is cut, with or without a copy on disk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...fixtures).map(fixtureBytes), headed), chunkSizes, fc.boolean(), async (bytes, sizes, withPath) => {
        const path = withPath ? await onDisk(bytes) : null;
        const whole = await parseMediaBytes(bytes, { file: FILE, path, ffmpeg: null });
        const cut = await parseMediaBytes(bytes, { file: FILE, path, ffmpeg: null, chunkSizes: sizes });
        expectContract(cut, CONTRACT);
        expect(JSON.stringify(cut)).toBe(JSON.stringify(whole));
      }),
      { numRuns: 100 },
    );
  });
});
