/**
 * A CSV reader after RFC 4180: a quoted field may hold commas, doubled quotes ("") and line
 * breaks. Records end at CRLF, LF or a lone CR outside quotes. CrisisLexT26 needs all of it:
 * its tweets carry commas and, inside quotes, carriage returns.
 */
const DELIMITER = /[,\r\n]/g;

export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  const lineAt = (offset: number): number => text.slice(0, offset).split(/\r\n|\r|\n/).length;
  if (i === text.length) return records;
  for (;;) {
    let field: string;
    if (text.charAt(i) === '"') {
      // A quoted field runs to the first quote that is not doubled.
      const open = i;
      field = '';
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) throw new Error(`line ${lineAt(open)}: a quoted field is never closed`);
        field += text.slice(i, quote);
        i = quote + 1;
        if (text.charAt(i) !== '"') break;
        field += '"';
        i += 1;
      }
      const next = text.charAt(i);
      if (next !== '' && next !== ',' && next !== '\n' && next !== '\r') {
        throw new Error(`line ${lineAt(i)}: ${JSON.stringify(next)} after a closing quote`);
      }
    } else {
      // An unquoted field runs to the next delimiter; a quote inside it is kept as it is.
      DELIMITER.lastIndex = i;
      const stop = DELIMITER.exec(text)?.index ?? text.length;
      field = text.slice(i, stop);
      i = stop;
    }
    record.push(field);
    const delimiter = text.charAt(i);
    if (delimiter === ',') {
      i += 1;
      continue;
    }
    records.push(record);
    record = [];
    if (delimiter === '') return records;
    i += delimiter === '\r' && text.charAt(i + 1) === '\n' ? 2 : 1;
    // A final line break ends the last record; it does not start an empty one.
    if (i === text.length) return records;
  }
}
