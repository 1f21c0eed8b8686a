/**
 * A one-page PDF 1.4 written by hand (Helvetica, WinAnsi), for the press office's downloadable
 * communiqué. Fixed dates inside, so the bytes never change between runs.
 */
const escapePdfText = (text: string): string =>
  Array.from(text)
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 63;
      if (ch === '(' || ch === ')' || ch === '\\') return `\\${ch}`;
      if (code < 128) return ch;
      // WinAnsiEncoding matches Latin-1 for the accented letters Spanish needs.
      if (code < 256) return `\\${code.toString(8).padStart(3, '0')}`;
      if (ch === '–') return '\\226';
      return '?';
    })
    .join('');

export function onePagePdf(options: { title: string; lines: readonly string[]; creationDate: string }): Uint8Array {
  const content = [
    'BT',
    '/F1 15 Tf',
    '56 780 Td',
    `(${escapePdfText(options.title)}) Tj`,
    '/F1 10.5 Tf',
    '0 -30 Td',
    '14 TL',
    ...options.lines.map((line) => `(${escapePdfText(line)}) '`),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Title (${escapePdfText(options.title)}) /Producer (corroborate make-demo - SYNTHETIC) /CreationDate (${options.creationDate}) >>`,
  ];
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}
