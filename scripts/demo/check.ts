/**
 * Checks the generated demo against what the brief promises and what Telegram Desktop would
 * write: parseable files, minimum counts, every media path on disk and matching its message,
 * dates that agree with their epoch seconds, increasing ids, forwards naming real channels,
 * the organisation's silence, and a case file that validates.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SaxesParser } from 'saxes';
import { parseCaseFile } from '../../src/model/index.js';
import { fromUnixSeconds, unixSeconds } from './clock.js';
import { JPEG_COMMENT } from './raster.js';
import { CHANNELS, CLAIM_TEXT } from './story.js';
import { FILE_NOT_INCLUDED, FILE_TOO_BIG } from './telegram-export.js';

export interface CheckReport {
  summary: string[];
  problems: string[];
}

type Json = Record<string, unknown>;

/** The app's key order for a message; a message holds a subsequence of it. */
const KEY_ORDER = [
  'id', 'type', 'date', 'date_unixtime', 'edited', 'edited_unixtime', 'actor', 'actor_id', 'action', 'title', 'members', 'inviter', 'message_id',
  'from', 'from_id', 'author', 'forwarded_from', 'forwarded_from_id', 'saved_from', 'reply_to_message_id',
  'photo', 'photo_file_size', 'file', 'file_name', 'file_size', 'thumbnail', 'thumbnail_file_size', 'media_type', 'sticker_emoji', 'mime_type',
  'duration_seconds', 'width', 'height', 'location_information', 'poll', 'text', 'text_entities', 'reactions',
];
const NOT_A_PATH = new Set([FILE_NOT_INCLUDED, FILE_TOO_BIG]);

interface JpegInfo {
  width: number;
  height: number;
  comments: string[];
}

export function jpegInfo(bytes: Uint8Array): JpegInfo | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const comments: string[] = [];
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] ?? 0;
    const length = ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    if (marker === 0xfe) comments.push(Buffer.from(bytes.subarray(i + 4, i + 2 + length)).toString('latin1'));
    if (marker >= 0xc0 && marker <= 0xc2) {
      const height = ((bytes[i + 5] ?? 0) << 8) | (bytes[i + 6] ?? 0);
      const width = ((bytes[i + 7] ?? 0) << 8) | (bytes[i + 8] ?? 0);
      return { width, height, comments };
    }
    i += 2 + length;
  }
  return null;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((part) => (typeof part === 'string' ? part : String((part as Json)['text']))).join('');
  return '';
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function checkChat(chat: Json, exportDir: string, where: string, knownNames: ReadonlySet<string>, problems: string[], referenced: Set<string>): number {
  const messages = chat['messages'] as Json[];
  const keys = Object.keys(chat);
  if (keys.join(',') !== 'name,type,id,messages') problems.push(`${where}: chat keys are ${keys.join(',')}`);
  let lastId = 0;
  const ids = new Set<number>();
  for (const m of messages) ids.add(m['id'] as number);
  for (const [index, m] of messages.entries()) {
    const at = `${where}#/messages/${index} (id ${String(m['id'])})`;
    const id = m['id'] as number;
    if (!(id > lastId)) problems.push(`${at}: id does not increase`);
    lastId = id;
    const order = Object.keys(m).map((k) => KEY_ORDER.indexOf(k));
    if (order.includes(-1) || order.some((v, i) => i > 0 && v < (order[i - 1] ?? 0))) problems.push(`${at}: keys out of order: ${Object.keys(m).join(',')}`);
    const date = m['date'] as string;
    if (fromUnixSeconds(Number(m['date_unixtime'])) !== date || unixSeconds(date) !== Number(m['date_unixtime'])) problems.push(`${at}: date_unixtime disagrees with date`);
    const edited = m['edited'];
    if (edited !== undefined && (typeof edited !== 'string' || fromUnixSeconds(Number(m['edited_unixtime'])) !== edited || edited < date)) problems.push(`${at}: bad edit time`);
    const entities = m['text_entities'] as Json[];
    if (textOf(m['text']) !== entities.map((e) => String(e['text'])).join('')) problems.push(`${at}: text and text_entities disagree`);
    if (typeof m['forwarded_from'] === 'string' && !knownNames.has(m['forwarded_from'])) problems.push(`${at}: forwarded from unknown "${m['forwarded_from']}"`);
    for (const field of ['reply_to_message_id', 'message_id']) {
      if (m[field] !== undefined && !ids.has(m[field] as number)) problems.push(`${at}: ${field} ${JSON.stringify(m[field])} is not in the chat`);
    }
    for (const field of ['photo', 'file', 'thumbnail']) {
      const path = m[field];
      if (typeof path !== 'string' || NOT_A_PATH.has(path)) continue;
      const full = join(exportDir, path);
      if (!existsSync(full)) {
        problems.push(`${at}: ${field} ${path} is not on disk`);
        continue;
      }
      referenced.add(full);
      const bytes = new Uint8Array(readFileSync(full));
      const sizeField = field === 'photo' ? 'photo_file_size' : field === 'file' ? 'file_size' : 'thumbnail_file_size';
      if (m[sizeField] !== bytes.length) problems.push(`${at}: ${sizeField} ${String(m[sizeField])} but the file has ${bytes.length} bytes`);
      if (path.endsWith('.jpg')) {
        const info = jpegInfo(bytes);
        if (info === null) problems.push(`${at}: ${path} is not a baseline JPEG`);
        else {
          if (field === 'photo' && (info.width !== m['width'] || info.height !== m['height'])) problems.push(`${at}: ${path} is ${info.width}×${info.height}, message says ${String(m['width'])}×${String(m['height'])}`);
          if (!info.comments.includes(JPEG_COMMENT)) problems.push(`${at}: ${path} lacks the SYNTHETIC comment`);
        }
        if (bytes.length >= 100 * 1024) problems.push(`${at}: ${path} is ${bytes.length} bytes (over 100 KB)`);
      }
    }
  }
  return messages.length;
}

function checkXml(path: string, problems: string[]): { items: number; enclosures: number } {
  const parser = new SaxesParser({ xmlns: true });
  let items = 0;
  let enclosures = 0;
  parser.on('opentag', (tag) => {
    if (tag.local === 'item' || tag.local === 'entry') items += 1;
    if (tag.local === 'enclosure' || (tag.local === 'link' && tag.attributes['rel']?.value === 'enclosure')) enclosures += 1;
  });
  parser.on('error', (error) => {
    problems.push(`${path}: ${error.message}`);
  });
  parser.write(readFileSync(path, 'utf8')).close();
  return { items, enclosures };
}

export function checkDemo(caseDir: string): CheckReport {
  const problems: string[] = [];
  const summary: string[] = [];
  const referenced = new Set<string>();
  const knownNames = new Set<string>(Object.values(CHANNELS).map((c) => c.name));

  const accountDir = join(caseDir, 'sources', 'telegram-export');
  const account = JSON.parse(readFileSync(join(accountDir, 'result.json'), 'utf8')) as Json;
  if (Object.keys(account).join(',') !== 'about,personal_information,chats,left_chats') problems.push('telegram-export: unexpected root keys');
  if (!String(account['about']).includes('SYNTHETIC')) problems.push('telegram-export: "about" does not say SYNTHETIC');
  const chats = (account['chats'] as { list: Json[] }).list;
  let total = 0;
  for (const [index, chat] of chats.entries()) {
    const count = checkChat(chat, accountDir, `telegram-export/result.json#/chats/list/${index}`, knownNames, problems, referenced);
    total += count;
    summary.push(`telegram-export  ${String(chat['type']).padEnd(17)} ${String(chat['name']).padEnd(52)} ${count} messages`);
  }
  summary.push(`telegram-export  total ${total} messages in ${chats.length} chats`);
  if (chats.length < 5 || chats.some((c) => c['type'] !== 'public_channel')) problems.push('telegram-export: want at least 5 public channels');
  if (total < 400) problems.push(`telegram-export: ${total} messages, want at least 400`);

  // The organisation's channel falls silent for at least 72 hours after ~01:00 on the 18th.
  const fgrs = chats.find((c) => c['name'] === CHANNELS.fgrs.name);
  const fgrsTimes = ((fgrs?.['messages'] ?? []) as Json[]).map((m) => Number(m['date_unixtime']));
  const silenceStart = unixSeconds('2026-09-18T01:00:00');
  const before = Math.max(...fgrsTimes.filter((t) => t < silenceStart));
  const after = Math.min(...fgrsTimes.filter((t) => t >= silenceStart));
  if (!(after - before >= 72 * 3600)) problems.push(`fgrs: silence is only ${((after - before) / 3600).toFixed(1)} h`);
  summary.push(`fgrs silence      from ${fromUnixSeconds(before)} to ${fromUnixSeconds(after)} (${((after - before) / 3600).toFixed(1)} h)`);

  const groupDir = join(caseDir, 'sources', 'telegram-vecinos');
  const group = JSON.parse(readFileSync(join(groupDir, 'result.json'), 'utf8')) as Json;
  const groupCount = checkChat(group, groupDir, 'telegram-vecinos/result.json', knownNames, problems, referenced);
  summary.push(`telegram-vecinos ${String(group['type']).padEnd(17)} ${String(group['name']).padEnd(52)} ${groupCount} messages`);
  const groupMessages = group['messages'] as Json[];
  const has = (test: (m: Json) => boolean, what: string, min = 1): void => {
    if (groupMessages.filter(test).length < min) problems.push(`telegram-vecinos: wants ${min} ${what}`);
  };
  if (group['type'] !== 'public_supergroup') problems.push('telegram-vecinos: not a public_supergroup');
  if (groupCount < 80) problems.push(`telegram-vecinos: ${groupCount} messages, want at least 80`);
  has((m) => m['reply_to_message_id'] !== undefined, 'replies', 5);
  has((m) => m['edited'] !== undefined, 'edits', 2);
  has((m) => m['location_information'] !== undefined, 'location share');
  has((m) => m['poll'] !== undefined, 'poll');
  has((m) => m['action'] === 'join_group_by_link', 'join service message');
  has((m) => m['action'] === 'pin_message', 'pin service message');
  has((m) => m['photo'] === FILE_NOT_INCLUDED, 'photo left out of the export');
  has((m) => String(m['from_id']).startsWith('user'), 'messages from users', 50);

  for (const dir of [accountDir, groupDir]) {
    for (const file of listFiles(dir)) {
      if (!file.endsWith('result.json') && !referenced.has(file)) problems.push(`${relative(caseDir, file)}: not referenced by any message`);
    }
  }

  for (const name of ['portal-llanero.rss.xml', 'cuaderno-de-frontera.atom.xml', 'la-sabana-digital.rss.xml']) {
    const path = join(caseDir, 'sources', 'feeds', name);
    const { items, enclosures } = checkXml(path, problems);
    summary.push(`feeds            ${name.padEnd(70)} ${items} items, ${enclosures} enclosure(s)`);
    if (items < 8) problems.push(`${name}: ${items} items, want at least 8`);
    if (enclosures < 1) problems.push(`${name}: no enclosure`);
  }

  const casePath = join(caseDir, 'case.yaml');
  if (!existsSync(casePath)) problems.push('case.yaml is missing');
  else {
    const parsed = parseCaseFile(readFileSync(casePath, 'utf8'));
    if (!parsed.ok) problems.push(...parsed.problems.map((p) => `case.yaml:${String(p.line)} ${p.path} ${p.message}`));
    else {
      if (!parsed.caseFile.synthetic) problems.push('case.yaml: synthetic must be true');
      if (parsed.caseFile.claim.text !== CLAIM_TEXT) problems.push('case.yaml: claim.text is not the press office\'s statement word for word');
      for (const source of parsed.caseFile.sources) {
        if (source.path !== undefined && !existsSync(join(caseDir, source.path))) problems.push(`case.yaml: source ${source.id} path ${source.path} does not exist`);
      }
      summary.push(`case.yaml        valid, ${parsed.caseFile.sources.length} sources`);
    }
  }
  return { summary, problems };
}
