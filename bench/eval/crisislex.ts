import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseCsv } from './csv.js';

/**
 * CrisisLexT26 (Olteanu, Vieweg & Castillo, "What to Expect When the Unexpected Happens",
 * CSCW 2015): one CSV per crisis event, about 1,000 labelled tweets each.
 */
export const CRISISLEX_CITATION =
  'CrisisLexT26: Olteanu, Vieweg & Castillo, "What to Expect When the Unexpected Happens: Social Media Communications Across Crises", CSCW 2015 (github.com/sajao/CrisisLex, MIT)';

export const INFORMATIVENESS = ['Related and informative', 'Related - but not informative', 'Not related', 'Not applicable'] as const;
export type Informativeness = (typeof INFORMATIVENESS)[number];

export interface CrisisTweet {
  id: string;
  text: string;
  informationSource: string;
  informationType: string;
  informativeness: Informativeness;
}

export interface CrisisEvent {
  /** The file name without `.csv`, e.g. `2013_Spain_train_crash`. */
  name: string;
  tweets: CrisisTweet[];
}

// The files' header puts a space after each comma.
const HEADER = ['Tweet ID', 'Tweet Text', 'Information Source', 'Information Type', 'Informativeness'];

export async function readCrisisEvents(folder: string): Promise<CrisisEvent[]> {
  const files = (await readdir(folder)).filter((file) => file.endsWith('.csv')).sort();
  return Promise.all(files.map(async (file) => readCrisisEvent(join(folder, file))));
}

async function readCrisisEvent(path: string): Promise<CrisisEvent> {
  const [header, ...records] = parseCsv(await readFile(path, 'utf8'));
  if (header?.map((column) => column.trim()).join('|') !== HEADER.join('|')) {
    throw new Error(`${path}: the header is not ${HEADER.join(', ')}`);
  }
  const tweets: CrisisTweet[] = [];
  for (const [index, record] of records.entries()) {
    if (record.length === 1 && record[0] === '') continue;
    const [id, text, informationSource, informationType, informativeness] = record;
    if (record.length !== HEADER.length || id === undefined || text === undefined || informationSource === undefined || informationType === undefined) {
      throw new Error(`${path}: record ${index + 1} has ${record.length} fields, expected ${HEADER.length}`);
    }
    if (!isInformativeness(informativeness)) {
      throw new Error(`${path}: record ${index + 1} has Informativeness ${JSON.stringify(informativeness)}`);
    }
    tweets.push({ id, text, informationSource, informationType, informativeness });
  }
  return { name: basename(path, '.csv'), tweets };
}

function isInformativeness(value: string | undefined): value is Informativeness {
  return (INFORMATIVENESS as readonly (string | undefined)[]).includes(value);
}
