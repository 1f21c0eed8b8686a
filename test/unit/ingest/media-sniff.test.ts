import { describe, expect, it } from 'vitest';
import { sniffMedia } from '../../../src/ingest/media/index.js';

describe('media sniffing of bare MPEG audio', () => {
  // MPEG-1 Layer III, 64 kbit/s, 44.1 kHz, no padding: 144 × 64000 / 44100 = 208 bytes a frame.
  const frame = (): Uint8Array => {
    const bytes = new Uint8Array(208);
    bytes.set([0xff, 0xfb, 0x50, 0xc4]);
    return bytes;
  };

  it('knows an MP3 without an ID3 tag by two frames in a row', () => {
    const stream = new Uint8Array(208 * 3);
    for (let i = 0; i < 3; i++) stream.set(frame(), i * 208);
    expect(sniffMedia(stream)).toEqual({ mediaType: 'audio/mpeg', kind: 'audio' });
  });

  it('does not take a UTF-16 text (byte-order mark FF FE) for MPEG audio', () => {
    const text = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Fecha\tCuenta\tPublicación\r\n18/09/2026\t@alguien\tSe escuchó un bombazo\r\n', 'utf16le')]);
    expect(sniffMedia(text).kind).toBe('other');
  });

  it('does not take a lone frame header followed by something else for audio', () => {
    const bytes = new Uint8Array(600);
    bytes.set([0xff, 0xfb, 0x50, 0xc4]);
    bytes.set([0x3c, 0x68, 0x74, 0x6d], 208);
    expect(sniffMedia(bytes).kind).toBe('other');
  });
});
