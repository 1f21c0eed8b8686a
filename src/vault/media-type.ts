/**
 * The media type of a file from its first bytes (magic numbers), with the file name as a
 * fallback for text formats that have none. Enough for the evidence we ingest; not a full
 * `file(1)`.
 */
export function sniffMediaType(head: Uint8Array, name: string): string {
  const b = (i: number): number => head[i] ?? -1;
  const ascii = (from: number, text: string): boolean => {
    for (let k = 0; k < text.length; k++) if (b(from + k) !== text.charCodeAt(k)) return false;
    return true;
  };
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (ascii(0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(4, 'ftyp')) {
    if (ascii(8, 'heic') || ascii(8, 'heix') || ascii(8, 'mif1')) return 'image/heic';
    if (ascii(8, 'qt  ')) return 'video/quicktime';
    return 'video/mp4';
  }
  if (b(0) === 0x1a && b(1) === 0x45 && b(2) === 0xdf && b(3) === 0xa3) return 'video/webm';
  if (ascii(0, 'OggS')) return 'audio/ogg';
  if (ascii(0, 'ID3') || (b(0) === 0xff && (b(1) & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (ascii(0, '%PDF-')) return 'application/pdf';
  if (ascii(0, 'PK\x03\x04')) return /\.wacz$/i.test(name) ? 'application/wacz' : 'application/zip';
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0 && b(3) === 0x2a)) return 'image/tiff';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{') || text.startsWith('[')) return 'application/json';
  if (/^<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*<(rss|rdf:RDF)\b/i.test(text) || /^<rss\b/i.test(text)) return 'application/rss+xml';
  if (/<feed\b[^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/i.test(text)) return 'application/atom+xml';
  if (/^<!doctype html|^<html\b/i.test(text)) return 'text/html';
  if (text.startsWith('<?xml') || text.startsWith('<')) return 'application/xml';
  const byName: [RegExp, string][] = [
    [/\.json$/i, 'application/json'],
    [/\.jsonl$/i, 'application/x-ndjson'],
    [/\.csv$/i, 'text/csv'],
    [/\.tsv$/i, 'text/tab-separated-values'],
    [/\.txt$/i, 'text/plain'],
    [/\.ya?ml$/i, 'application/yaml'],
  ];
  for (const [pattern, type] of byName) if (pattern.test(name)) return type;
  return 'application/octet-stream';
}
