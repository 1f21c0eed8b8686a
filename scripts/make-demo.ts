/**
 * Writes the SYNTHETIC demo case `examples/venezuela-strike/`: two Telegram Desktop exports
 * with their media, and three news feeds. Deterministic: a seeded PRNG, no clock, no network,
 * so two runs give the same bytes. The hand-written README.md and case.yaml are left alone.
 *
 *   npm run make-demo            write the sources, then check them
 *   npm run make-demo -- --check only check what is on disk
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acledSlice } from './demo/acled.js';
import { makeAssets, reupload } from './demo/assets.js';
import { alertaLlaneraChannel } from './demo/channels/alerta-llanera.js';
import { apureAlDiaChannel } from './demo/channels/apure-al-dia.js';
import { commandChannel } from './demo/channels/command.js';
import { fgrsChannel } from './demo/channels/fgrs.js';
import { osintChannel } from './demo/channels/osint.js';
import { vecinosGroup } from './demo/channels/vecinos.js';
import { checkDemo } from './demo/check.js';
import { cuadernoDeFronteraFeed, laSabanaFeed, portalLlaneroFeed } from './demo/feeds.js';
import { demoPhotos } from './demo/photos.js';
import { Random } from './demo/random.js';
import { xSearchResponse } from './demo/social.js';
import { laSabanaArticlePage } from './demo/webpage.js';
import { WHATSAPP_TEXT_NAME, familyWhatsApp } from './demo/whatsapp.js';
import { zipArchive } from './demo/zip.js';
import { SEED } from './demo/story.js';
import { ExportMedia, buildChat, exportJson, type ChatSpec } from './demo/telegram-export.js';

export const CASE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'venezuela-strike');

const NOTICE =
  'SYNTHETIC DEMO DATA made by corroborate (npm run make-demo). Every channel, person, outlet and organisation in this export is fictional; ' +
  'the town of Guasdualito (Apure, Venezuela) is a real place used only as a setting. Nothing here is evidence of anything.';

function writeFile(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

function writeMedia(dir: string, media: ExportMedia): void {
  for (const [relative, bytes] of [...media.files].sort(([a], [b]) => (a < b ? -1 : 1))) writeFile(join(dir, relative), bytes);
}

/** The newest message's time, for ordering chats as the app lists them (most recent first). */
const lastActivity = (chat: Record<string, unknown>): string => {
  const messages = chat['messages'] as { date: string }[];
  return messages[messages.length - 1]?.date ?? '';
};

function generate(): void {
  const random = new Random(SEED);
  const assets = makeAssets(SEED);
  const sources = join(CASE_DIR, 'sources');
  rmSync(sources, { recursive: true, force: true });

  // A full-account export holding the five public channels.
  const accountDir = join(sources, 'telegram-export');
  const accountMedia = new ExportMedia();
  const specs: ChatSpec[] = [
    commandChannel(random.fork('command'), assets),
    fgrsChannel(random.fork('fgrs'), assets),
    apureAlDiaChannel(random.fork('apure'), assets),
    alertaLlaneraChannel(random.fork('alerta'), assets),
    osintChannel(random.fork('osint'), assets),
  ];
  const chats = specs.map((spec) => buildChat(spec, accountMedia, random.fork(`ids-${spec.name}`)).json);
  chats.sort((a, b) => (lastActivity(a) < lastActivity(b) ? 1 : lastActivity(a) > lastActivity(b) ? -1 : 0));
  const account = {
    about: NOTICE,
    personal_information: {
      user_id: 5550000000,
      first_name: 'Demo',
      last_name: 'Analyst',
      phone_number: '+00 000 000 0000',
      bio: 'SYNTHETIC demo account - corroborate',
    },
    chats: { about: 'This page lists all chats from this export.', list: chats },
    left_chats: { about: "This page lists all supergroups and channels from this export that you've left.", list: [] },
  };
  writeFile(join(accountDir, 'result.json'), exportJson(account));
  writeMedia(accountDir, accountMedia);

  // A single-chat export of the residents' group: the chat object is the whole file.
  const groupDir = join(sources, 'telegram-vecinos');
  const groupMedia = new ExportMedia();
  const group = buildChat(vecinosGroup(assets), groupMedia, random.fork('ids-vecinos')).json;
  writeFile(join(groupDir, 'result.json'), exportJson(group));
  writeMedia(groupDir, groupMedia);

  // A family's WhatsApp group, exported with its media as the phone's share sheet zips it.
  const whatsapp = familyWhatsApp(assets, (picture, quality) => reupload(picture, quality));
  writeFile(
    join(sources, 'whatsapp', 'WhatsApp Chat - Familia Rangel.zip'),
    zipArchive([[WHATSAPP_TEXT_NAME, Buffer.from(whatsapp.text, 'utf8')], ...whatsapp.media]),
  );

  // Posts on X as the API v2 search endpoint returns them, and a slice of conflict-event data.
  writeFile(join(sources, 'social', 'x-search-explosiones-apure.json'), xSearchResponse());
  writeFile(join(sources, 'acled', 'acled-venezuela-apure-2026-09.csv'), acledSlice());
  for (const [name, bytes] of demoPhotos(assets)) writeFile(join(sources, 'photos', name), bytes);
  writeFile(join(sources, 'web', 'lasabana-vecinos-describen-crater.html'), laSabanaArticlePage());

  const feeds = join(sources, 'feeds');
  writeFile(join(feeds, 'portal-llanero.rss.xml'), portalLlaneroFeed());
  writeFile(join(feeds, 'cuaderno-de-frontera.atom.xml'), cuadernoDeFronteraFeed());
  writeFile(join(feeds, 'la-sabana-digital.rss.xml'), laSabanaFeed());
}

const checkOnly = process.argv.includes('--check');
if (!checkOnly) generate();
const report = checkDemo(CASE_DIR);
for (const line of report.summary) console.log(line);
if (report.problems.length > 0) {
  for (const problem of report.problems) console.error(`problem: ${problem}`);
  process.exitCode = 1;
}
