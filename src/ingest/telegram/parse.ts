import { diagnostic, jsonPointer, type Diagnostic, type RawItem } from '../../model/index.js';
import type { IngestAdapter, ParseInput, ParseOutput } from '../adapter.js';
import { JsonScanner, type JsonPath, type ScanEvent, type ScanMode, type ValueKind } from '../json-scanner.js';
import { telegramMessage, type TelegramChat } from './message.js';

/**
 * Telegram Desktop's JSON export ("Export chat history" → result.json, or "Export Telegram data"
 * with `chats.list[]`). The scanner walks only to the chats and hands over one message at a
 * time, so memory stays flat however large the export is.
 */

const CHAT_META = new Set(['name', 'type', 'id']);
const CHAT_LISTS = new Set(['chats', 'left_chats']);

/** Where a chat object sits: the root (single-chat export) or `chats.list[i]` (full export). */
function chatDepth(path: JsonPath): number | null {
  if (path.length === 0) return 0;
  if (path.length === 3 && CHAT_LISTS.has(path[0] as string) && path[1] === 'list' && typeof path[2] === 'number') return 3;
  return null;
}

export function classifyTelegramPath(path: JsonPath, kind: ValueKind): ScanMode {
  const depth = path.length;
  if (depth === 0) return kind === 'object' ? 'descend' : 'skip';
  if (depth === 1 && CHAT_LISTS.has(path[0] as string)) return kind === 'object' ? 'descend' : 'skip';
  if (depth === 2 && CHAT_LISTS.has(path[0] as string) && path[1] === 'list') return kind === 'array' ? 'descend' : 'skip';
  if (depth === 3 && chatDepth(path) === 3) return kind === 'object' ? 'descend' : 'skip';
  if (chatDepth(path.slice(0, -1)) !== null) {
    const key = path[path.length - 1];
    if (key === 'messages') return kind === 'array' ? 'descend' : 'skip';
    if (typeof key === 'string' && CHAT_META.has(key)) return 'capture';
    return 'skip';
  }
  if (depth >= 2 && path[depth - 2] === 'messages' && typeof path[depth - 1] === 'number' && chatDepth(path.slice(0, -2)) !== null) {
    return 'capture';
  }
  return 'skip';
}

function sniff(head: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 4096)).replace(/^\uFEFF/, '');
}

export const telegramAdapter: IngestAdapter = {
  format: 'telegram',
  detect(head, fileName) {
    const text = sniff(head);
    if (!/^\s*\{/.test(text)) return 0;
    let score = 0;
    if (/"messages"\s*:\s*\[/.test(text) && /"type"\s*:\s*"(message|service)"/.test(text)) score += 0.6;
    if (/"date_unixtime"\s*:/.test(text)) score += 0.3;
    if (/"chats"\s*:\s*\{\s*"about"/.test(text) || /"personal_information"\s*:/.test(text)) score += 0.5;
    if (/"type"\s*:\s*"(public_channel|private_channel|public_supergroup|private_supergroup|private_group|personal_chat|saved_messages|bot_chat)"/.test(text)) score += 0.3;
    if (/result\.json$/i.test(fileName)) score += 0.1;
    return Math.min(1, score);
  },
  parse: parseTelegram,
  parseBatches: parseTelegramBatches,
};

interface ChatState extends TelegramChat {
  path: JsonPath;
  messages: number;
  hasMessageList: boolean;
  idWarned: boolean;
}

export async function* parseTelegram(input: ParseInput): ParseOutput {
  for await (const batch of parseTelegramBatches(input)) yield* batch;
}

/** The records of an export, an array per chunk of input read (see `IngestAdapter.parseBatches`). */
export async function* parseTelegramBatches(input: ParseInput): AsyncIterable<readonly (RawItem | Diagnostic)[]> {
  const scanner = new JsonScanner({ classify: classifyTelegramPath });
  const chats = new Map<string, ChatState>();
  const root: { kind: 'object' | 'other' | null } = { kind: null };
  // The messages list being read: its chat, depth and pointer (looked up once, not per message).
  let active: { chat: ChatState; depth: number; pointer: string } | null = null;
  let chatsSeen = 0;
  const report = (ruleId: string, severity: 'error' | 'warning' | 'info', message: string, location: string): Diagnostic =>
    diagnostic(ruleId, severity, message, input.file, location);

  const handle = (event: ScanEvent, out: (RawItem | Diagnostic)[]): void => {
    switch (event.type) {
      case 'enter': {
        if (event.path.length === 0) root.kind = event.kind === 'object' ? 'object' : 'other';
        if (chatDepth(event.path) !== null) {
          chats.set(event.path.join('/'), { id: null, name: null, type: null, path: event.path, messages: 0, hasMessageList: false, idWarned: false });
        } else if (event.path[event.path.length - 1] === 'messages') {
          const chat = chats.get(event.path.slice(0, -1).join('/'));
          if (chat !== undefined) {
            chat.hasMessageList = true;
            chatsSeen++;
            active = { chat, depth: event.path.length, pointer: jsonPointer(event.path) };
          }
        }
        return;
      }
      case 'exit': {
        if (active !== null && event.path.length === active.depth) active = null;
        const chat = chats.get(event.path.join('/'));
        if (chat === undefined) return;
        if (chat.messages === 0 && chat.hasMessageList) {
          out.push(report('telegram/empty-chat', 'info', `chat ${JSON.stringify(chat.name ?? chat.id ?? '?')} has no messages`, jsonPointer(event.path)));
        }
        chats.delete(event.path.join('/'));
        return;
      }
      case 'error': {
        // An empty file gets one clear message below, not a scanner error as well.
        if (root.kind === null && event.path.length === 0) return;
        const rule = event.code === 'truncated' ? 'telegram/truncated' : event.code === 'too-large' ? 'telegram/record-too-large' : 'telegram/malformed-json';
        out.push(report(rule, 'error', `${event.message} (byte ${event.offset})`, jsonPointer(event.path)));
        return;
      }
      case 'invalid': {
        if (active !== null && event.path.length === active.depth + 1) active.chat.messages++;
        out.push(report('telegram/malformed-json', 'error', `not valid JSON: ${event.message}`, jsonPointer(event.path)));
        return;
      }
      case 'value': {
        const key = event.path[event.path.length - 1];
        if (typeof key === 'string') {
          const chat = chats.get(event.path.slice(0, -1).join('/'));
          if (chat !== undefined) readChatMeta(chat, key, event.value);
          return;
        }
        if (active === null || event.path.length !== active.depth + 1) return;
        const chat = active.chat;
        chat.messages++;
        const pointer = `${active.pointer}/${String(key)}`;
        if (chat.id === null && !chat.idWarned) {
          chat.idWarned = true;
          out.push(
            report(
              'telegram/chat-id-after-messages',
              'warning',
              `the chat's "id" comes after its messages (or is missing); its messages are filed under chat ${JSON.stringify(chat.name ?? 'unknown')}`,
              pointer,
            ),
          );
        }
        const { item, diagnostics } = telegramMessage(event.value, {
          chat,
          file: input.file,
          sha256: input.sha256,
          pointer,
          offset: event.offset,
          length: event.length,
          timezone: input.timezone,
          pseudonymizer: input.pseudonymizer,
        });
        for (const d of diagnostics) out.push(d);
        if (item !== null) out.push(item);
        return;
      }
    }
  };

  let out: (RawItem | Diagnostic)[] = [];
  for await (const chunk of input.stream) {
    for (const event of scanner.push(chunk)) handle(event, out);
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  for (const event of scanner.end()) handle(event, out);
  if (root.kind === null) {
    out.push(report('telegram/not-an-export', 'error', 'not a Telegram Desktop JSON export: the file is empty or holds no JSON object', ''));
  } else if (root.kind !== 'object') {
    out.push(report('telegram/not-an-export', 'error', 'not a Telegram Desktop JSON export: the document is not an object', ''));
  } else if (chatsSeen === 0) {
    out.push(report('telegram/not-an-export', 'error', 'not a Telegram Desktop JSON export: no "messages" list and no "chats.list"', ''));
  }
  if (out.length > 0) yield out;
}

function readChatMeta(chat: ChatState, key: string, value: unknown): void {
  if (key === 'id' && (typeof value === 'number' || typeof value === 'string')) chat.id = String(value);
  else if (key === 'name' && typeof value === 'string') chat.name = value;
  else if (key === 'type' && typeof value === 'string') chat.type = value;
}
