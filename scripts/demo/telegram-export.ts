/**
 * Writing Telegram Desktop's machine-readable JSON export ("result.json") the way the app
 * writes it (Telegram/SourceFiles/export/output/export_output_json.cpp): keys in the app's
 * order, one-space indentation, no newline at the end, media beside the JSON.
 */
import { telegramFileStamp, unixSeconds, type LocalTime } from './clock.js';
import type { Random } from './random.js';

/** The two strings the app writes in place of a path when it left a file out. */
export const FILE_NOT_INCLUDED = '(File not included. Change data exporting settings to download.)';
export const FILE_TOO_BIG = '(File exceeds maximum size. Change data exporting settings to download.)';

export type ChatType =
  | 'public_channel'
  | 'private_channel'
  | 'public_supergroup'
  | 'private_supergroup'
  | 'private_group'
  | 'personal_chat'
  | 'bot_chat'
  | 'saved_messages';

export interface Peer {
  name: string;
  /** `channel1987654321`, `user5550001234`. */
  id: string;
}

export interface PhotoSpec {
  /** JPEG bytes, or why the export has none. */
  jpeg: Uint8Array | 'not-included';
  width: number;
  height: number;
  /** Size of the photo on Telegram's side, for a photo the export left out. */
  bytes?: number;
}

export interface DocumentSpec {
  /** File bytes and where they go, or why the export has none. */
  content: { bytes: Uint8Array; path: string } | 'not-included' | 'too-big';
  fileName: string;
  fileSize: number;
  thumbnail?: { path: string; jpeg: Uint8Array };
  mediaType?: 'video_file' | 'voice_message' | 'audio_file' | 'animation' | 'sticker' | 'video_message';
  stickerEmoji?: string;
  mimeType?: string;
  durationSeconds?: number;
  width?: number;
  height?: number;
}

export interface PollSpec {
  question: string;
  closed: boolean;
  answers: readonly { text: string; voters: number; chosen?: boolean }[];
}

export type ServiceSpec =
  | { action: 'create_channel'; title: string }
  | { action: 'pin_message'; messageKey: string }
  | { action: 'join_group_by_link'; inviter: string }
  | { action: 'invite_members'; members: readonly string[] };

/** One message as the story writes it; ids, paths and entities are worked out on export. */
export interface Post {
  /** A name other posts use to reply to, pin, or forward this one. */
  key?: string;
  at: LocalTime;
  /** Markup: **bold**, __italic__, [label](https://…); bare URLs, #hashtags and @mentions are found. */
  text: string;
  from?: Peer;
  edited?: LocalTime;
  author?: string;
  forwardedFrom?: Peer;
  replyTo?: string;
  photo?: PhotoSpec;
  document?: DocumentSpec;
  location?: { latitude: number; longitude: number };
  poll?: PollSpec;
  reactions?: readonly { emoji: string; count: number }[];
  service?: ServiceSpec & { actor: Peer };
}

export interface TextPart {
  type: string;
  text: string;
  href?: string;
}

const MARKUP =
  /\*\*(?<bold>.+?)\*\*|__(?<italic>.+?)__|\[(?<label>[^\]]+)\]\((?<href>https?:\/\/[^\s)]+)\)|(?<link>https?:\/\/[^\s]+[^\s.,;:!?)])|(?<![\p{L}\p{N}_])(?<hashtag>#[\p{L}\p{N}_]+)|(?<![\p{L}\p{N}_/])(?<mention>@[A-Za-z][A-Za-z0-9_]{3,})/gu;

/** Split markup into Telegram's text parts (plain runs and entities, in order). */
export function parseMarkup(markup: string): TextPart[] {
  const parts: TextPart[] = [];
  const plain = (text: string): void => {
    if (text === '') return;
    const last = parts[parts.length - 1];
    if (last?.type === 'plain') last.text += text;
    else parts.push({ type: 'plain', text });
  };
  let cursor = 0;
  for (const match of markup.matchAll(MARKUP)) {
    const g = match.groups ?? {};
    plain(markup.slice(cursor, match.index));
    cursor = match.index + match[0].length;
    if (g['bold'] !== undefined) parts.push({ type: 'bold', text: g['bold'] });
    else if (g['italic'] !== undefined) parts.push({ type: 'italic', text: g['italic'] });
    else if (g['label'] !== undefined && g['href'] !== undefined) parts.push({ type: 'text_link', text: g['label'], href: g['href'] });
    else if (g['link'] !== undefined) parts.push({ type: 'link', text: g['link'] });
    else if (g['hashtag'] !== undefined) parts.push({ type: 'hashtag', text: g['hashtag'] });
    else if (g['mention'] !== undefined) parts.push({ type: 'mention', text: g['mention'] });
  }
  plain(markup.slice(cursor));
  return parts;
}

/** The plain text a reader sees: markup gone, entities' text kept. */
export function plainText(markup: string): string {
  return parseMarkup(markup)
    .map((part) => part.text)
    .join('');
}

function entityObject(part: TextPart): Record<string, unknown> {
  return part.href === undefined ? { type: part.type, text: part.text } : { type: part.type, text: part.text, href: part.href };
}

/** `text`: one plain run is a string; anything else an array of strings and entity objects. */
function textField(parts: readonly TextPart[]): unknown {
  if (parts.length === 0) return '';
  const only = parts[0];
  if (parts.length === 1 && only?.type === 'plain') return only.text;
  return parts.map((part) => (part.type === 'plain' ? part.text : entityObject(part)));
}

/** Media files an export writes beside its result.json, by relative path. */
export class ExportMedia {
  readonly files = new Map<string, Uint8Array>();
  private photoCount = 0;

  addPhoto(jpeg: Uint8Array, at: LocalTime): string {
    this.photoCount += 1;
    const path = `photos/photo_${this.photoCount}@${telegramFileStamp(at)}.jpg`;
    this.files.set(path, jpeg);
    return path;
  }

  addFile(path: string, bytes: Uint8Array): string {
    if (this.files.has(path)) throw new Error(`two files at ${path}`);
    this.files.set(path, bytes);
    return path;
  }
}

export interface ChatSpec {
  name: string;
  type: ChatType;
  /** Bare id, as in `"id": 1987654321`; peers are `channel<id>`. */
  id: number;
  firstMessageId: number;
  posts: readonly Post[];
  /** Ids jump here: the export leaves out a stretch of the channel's history. */
  idJumps?: readonly { from: LocalTime; id: number }[];
}

export interface BuiltChat {
  json: Record<string, unknown>;
  /** Message id of each keyed post, for forwards and cross-references. */
  ids: ReadonlyMap<string, number>;
}

/**
 * Order the posts by time, number them (a deleted message now and then leaves a gap, as in
 * real channels), and lay every message out with the app's keys in the app's order.
 */
export function buildChat(chat: ChatSpec, media: ExportMedia, random: Random): BuiltChat {
  const self: Peer = { name: chat.name, id: `channel${chat.id}` };
  const ordered = chat.posts
    .map((post, index) => ({ post, index }))
    .sort((a, b) => unixSeconds(a.post.at) - unixSeconds(b.post.at) || a.index - b.index)
    .map(({ post }) => post);
  const ids = new Map<string, number>();
  let next = chat.firstMessageId;
  const numbered = ordered.map((post) => {
    for (const jump of chat.idJumps ?? []) {
      if (unixSeconds(post.at) >= unixSeconds(jump.from) && next < jump.id) next = jump.id;
    }
    const id = next;
    next += random.chance(0.06) ? random.int(2, 3) : 1;
    if (post.key !== undefined) {
      if (ids.has(post.key)) throw new Error(`${chat.name}: two posts with key ${post.key}`);
      ids.set(post.key, id);
    }
    return { id, post };
  });
  const idOf = (key: string): number => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`${chat.name}: no post with key ${key}`);
    return id;
  };
  const messages = numbered.map(({ id, post }) => serializeMessage(id, post, self, media, idOf));
  return { json: { name: chat.name, type: chat.type, id: chat.id, messages }, ids };
}

function serializeMessage(
  id: number,
  post: Post,
  self: Peer,
  media: ExportMedia,
  idOf: (key: string) => number,
): Record<string, unknown> {
  const m: Record<string, unknown> = {
    id,
    type: post.service === undefined ? 'message' : 'service',
    date: post.at,
    date_unixtime: String(unixSeconds(post.at)),
  };
  if (post.edited !== undefined) {
    m['edited'] = post.edited;
    m['edited_unixtime'] = String(unixSeconds(post.edited));
  }
  if (post.service !== undefined) {
    const service = post.service;
    m['actor'] = service.actor.name;
    m['actor_id'] = service.actor.id;
    m['action'] = service.action;
    if (service.action === 'create_channel') m['title'] = service.title;
    if (service.action === 'pin_message') m['message_id'] = idOf(service.messageKey);
    if (service.action === 'join_group_by_link') m['inviter'] = service.inviter;
    if (service.action === 'invite_members') m['members'] = [...service.members];
    m['text'] = '';
    m['text_entities'] = [];
    return m;
  }
  const from = post.from ?? self;
  m['from'] = from.name;
  m['from_id'] = from.id;
  if (post.author !== undefined) m['author'] = post.author;
  if (post.forwardedFrom !== undefined) {
    m['forwarded_from'] = post.forwardedFrom.name;
    m['forwarded_from_id'] = post.forwardedFrom.id;
  }
  if (post.replyTo !== undefined) m['reply_to_message_id'] = idOf(post.replyTo);
  if (post.photo !== undefined) {
    const photo = post.photo;
    if (photo.jpeg === 'not-included') {
      m['photo'] = FILE_NOT_INCLUDED;
      if (photo.bytes !== undefined) m['photo_file_size'] = photo.bytes;
    } else {
      m['photo'] = media.addPhoto(photo.jpeg, post.at);
      m['photo_file_size'] = photo.jpeg.length;
    }
    m['width'] = photo.width;
    m['height'] = photo.height;
  }
  if (post.document !== undefined) {
    const doc = post.document;
    m['file'] =
      doc.content === 'not-included' ? FILE_NOT_INCLUDED : doc.content === 'too-big' ? FILE_TOO_BIG : media.addFile(doc.content.path, doc.content.bytes);
    m['file_name'] = doc.fileName;
    m['file_size'] = doc.fileSize;
    if (doc.thumbnail !== undefined) {
      m['thumbnail'] = media.addFile(doc.thumbnail.path, doc.thumbnail.jpeg);
      m['thumbnail_file_size'] = doc.thumbnail.jpeg.length;
    }
    if (doc.mediaType !== undefined) m['media_type'] = doc.mediaType;
    if (doc.stickerEmoji !== undefined) m['sticker_emoji'] = doc.stickerEmoji;
    if (doc.mimeType !== undefined) m['mime_type'] = doc.mimeType;
    if (doc.durationSeconds !== undefined) m['duration_seconds'] = doc.durationSeconds;
    if (doc.width !== undefined && doc.height !== undefined) {
      m['width'] = doc.width;
      m['height'] = doc.height;
    }
  }
  if (post.location !== undefined) m['location_information'] = { latitude: post.location.latitude, longitude: post.location.longitude };
  if (post.poll !== undefined) {
    const poll = post.poll;
    const answers = poll.answers.map((a) => ({ text: a.text, voters: a.voters, chosen: a.chosen ?? false }));
    m['poll'] = { question: poll.question, closed: poll.closed, total_voters: answers.reduce((sum, a) => sum + a.voters, 0), answers };
  }
  const parts = parseMarkup(post.text);
  m['text'] = textField(parts);
  m['text_entities'] = parts.map(entityObject);
  if (post.reactions !== undefined && post.reactions.length > 0) {
    m['reactions'] = post.reactions.map((r) => ({ type: 'emoji', count: r.count, emoji: r.emoji }));
  }
  return m;
}

/** Telegram Desktop's layout: one-space indentation and no newline at the end. */
export function exportJson(value: unknown): string {
  return JSON.stringify(value, null, 1);
}
