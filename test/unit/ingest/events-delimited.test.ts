import { describe, expect, it } from 'vitest';
import { DelimitedReader, type DelimitedEvent } from '../../../src/ingest/events/index.js';

const CSV = { delimiter: 0x2c, quoting: true, maxRecordBytes: 1024 };
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function read(input: string | Uint8Array, options: Partial<typeof CSV> = {}, chunkSize = 1 << 20): DelimitedEvent[] {
  const reader = new DelimitedReader({ ...CSV, ...options });
  const bytes = typeof input === 'string' ? encode(input) : input;
  const events: DelimitedEvent[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) events.push(...reader.push(bytes.subarray(i, i + chunkSize)));
  events.push(...reader.end());
  return events;
}

/** Records as field lists, broken stretches as `broken <reason> <line:col>`. */
function shape(events: readonly DelimitedEvent[]): (readonly string[] | string)[] {
  return events.map((e) => (e.type === 'record' ? e.fields : e.type === 'broken' ? `broken ${e.reason} ${e.at}` : e.type));
}

describe('DelimitedReader: RFC 4180', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(shape(read('a,b,c\n1,"x, ""y""\nz",3\n'))).toEqual([['a', 'b', 'c'], ['1', 'x, "y"\nz', '3']]);
  });

  it('ends lines at CRLF, LF and a lone CR, and skips blank lines', () => {
    expect(shape(read('a,b\r\n1,2\r\n\r\n3,4\r5,6\n\n7,8'))).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6'], ['7', '8']]);
  });

  it('keeps empty fields, quoted and not', () => {
    expect(shape(read(',,\n"",x,""\n'))).toEqual([['', '', ''], ['', 'x', '']]);
  });

  it('drops a UTF-8 byte-order mark and counts bytes from the start of the file', () => {
    const [header, row] = read(Uint8Array.from([0xef, 0xbb, 0xbf, ...encode('a,b\n1,2')]));
    expect(header).toMatchObject({ type: 'record', fields: ['a', 'b'], offset: 3, length: 3, line: 1 });
    expect(row).toMatchObject({ type: 'record', fields: ['1', '2'], offset: 7, length: 3, line: 2 });
  });

  it('stops at a UTF-16 byte-order mark', () => {
    expect(shape(read(Uint8Array.from([0xff, 0xfe, 0x61, 0x00])))).toEqual(['utf16']);
  });

  it('gives byte ranges without the line terminator and lines where records start', () => {
    const events = read('a,b\r\n"1\r\n2",3\r\n4,5');
    expect(events.map((e) => (e.type === 'record' ? [e.line, e.offset, e.length] : null))).toEqual([
      [1, 0, 3],
      [2, 5, 8],
      [4, 15, 3],
    ]);
  });

  it('says where each field starts, in characters, across line breaks', () => {
    const [, row] = read('h1,h2,h3\nñandú,"dos\nlíneas",tres\n');
    expect(row?.type === 'record' ? [0, 1, 2].map((k) => row.at(k)) : null).toEqual(['2:1', '2:7', '3:9']);
  });

  it('marks bytes that are not UTF-8 and replaces them', () => {
    const [row] = read(Uint8Array.from([0x61, 0x2c, 0xe9, 0x0a]));
    expect(row).toMatchObject({ type: 'record', fields: ['a', '\uFFFD'], invalidUtf8: true });
  });

  it('reads tab-separated lines without quoting when quoting is off', () => {
    expect(shape(read('1\t"a\t b"\n2\t\t\n', { delimiter: 0x09, quoting: false }))).toEqual([
      ['1', '"a', ' b"'],
      ['2', '', ''],
    ]);
  });
});

describe('DelimitedReader: broken quoting', () => {
  it('keeps an undoubled quote inside a quoted field as a literal quote', () => {
    const [row] = read('1,"he said "no, never" and left",2\n');
    expect(row).toMatchObject({ type: 'record', fields: ['1', 'he said "no, never" and left', '2'], strayQuote: true });
  });

  it('reads the lines swallowed by a stray opening quote again, losing only its own line', () => {
    const text = 'h1,h2,h3\n1,"cut short,2\n3,"fine, quoted",4\n5,6,7\n';
    expect(shape(read(text))).toEqual([['h1', 'h2', 'h3'], 'broken unclosed-quote 2:3', ['3', 'fine, quoted', '4'], ['5', '6', '7']]);
  });

  it('reads the lines after a quote still open at the end of the file', () => {
    expect(shape(read('h1,h2\n1,"open\n2,3\n4,5'))).toEqual([['h1', 'h2'], 'broken unclosed-quote 2:3', ['2', '3'], ['4', '5']]);
  });

  it('keeps a quoted field over several lines when its quotes are right', () => {
    expect(shape(read('1,"line one\nline two, still the note",2\n3,4,5\n'))).toEqual([
      ['1', 'line one\nline two, still the note', '2'],
      ['3', '4', '5'],
    ]);
  });
});

describe('DelimitedReader: size limit', () => {
  it('skips a record over the limit to the end of its line and reads on', () => {
    const long = 'x'.repeat(100);
    expect(shape(read(`a,b\n1,${long}\n2,3\n`, { maxRecordBytes: 50 }))).toEqual([['a', 'b'], 'broken too-large 2:1', ['2', '3']]);
  });

  it('accepts a record of exactly the limit', () => {
    expect(shape(read('12345\n123456\n', { maxRecordBytes: 5 }))).toEqual([['12345'], 'broken too-large 2:1']);
  });

  it('takes a quote that runs past the limit over many lines for a stray one', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i},row ${i}`).join('\n');
    const events = shape(read(`h1,h2\n0,"stray\n${rows}\n`, { maxRecordBytes: 60 }));
    expect(events.slice(0, 3)).toEqual([['h1', 'h2'], 'broken unclosed-quote 2:3', ['0', 'row 0']]);
    expect(events.at(-1)).toEqual(['19', 'row 19']);
    expect(events.filter((e) => typeof e !== 'string')).toHaveLength(21);
  });

  it('gives the same events however the bytes are cut', () => {
    const text = `h1,h2\n0,"stray\n${Array.from({ length: 30 }, (_, i) => `${i},"ñ ${i}"`).join('\r\n')}\n9,${'y'.repeat(80)}\n`;
    const whole = JSON.stringify(shape(read(text, { maxRecordBytes: 64 })));
    for (const size of [1, 2, 3, 5, 13, 64]) expect(JSON.stringify(shape(read(text, { maxRecordBytes: 64 }, size))), `chunks of ${size}`).toBe(whole);
  });
});
