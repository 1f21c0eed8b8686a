/**
 * What follows a message's timestamp: who wrote it (or that it is a system line), and what the
 * text says about media, deletion and edits, in the English and Spanish wording of WhatsApp's
 * exporters on Android and iOS.
 */

const DIRECTION_MARKS = /^[\u200e\u200f]+/;
const EMBEDDING_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** System lines whose free text (a group name in quotes) may hold ": ", so that they look like a sender. */
const QUOTED_SYSTEM =
  /(?:created group|changed the subject|changed the group name|changed the group description|creó el grupo|cambió el asunto|cambió el nombre del grupo|cambió la descripción)\b/;
const QUOTES = /["“”«»]/;

/**
 * Notices WhatsApp writes into a chat. iOS writes them after the group's (or the contact's)
 * name as if it were a sender; these are recognised so that no person is named as their author.
 */
const ENCRYPTION_NOTICES = [
  /^Messages and calls are end-to-end encrypted\b/,
  /^Messages (?:you send )?to this (?:group|chat) are now (?:secured|protected) with end-to-end encryption\b/,
  /^Los mensajes y las llamadas están cifrados de extremo a extremo\b/,
  /^Los mensajes (?:que envíes )?(?:a|en) este (?:grupo|chat) ahora están protegidos con cifrado de extremo a extremo\b/,
];
const SYSTEM_NOTICES = [
  ...ENCRYPTION_NOTICES,
  / (?:created (?:this )?group|created group|added|removed|left|joined using this group's invite link|changed the subject|changed this group's icon|deleted this group's icon|changed the group description|changed their phone number|changed the group settings|changed this group's settings|turned (?:on|off) disappearing messages|pinned a message)\b/,
  /^(?:You|Your security code with .+ changed|You were added|You joined using|You're now an admin|Disappearing messages)\b/,
  / (?:creó (?:este )?grupo|creó el grupo|añadió a|eliminó a|salió del grupo|se unió usando el enlace de invitación de este grupo|cambió el asunto|cambió el ícono de este grupo|cambió el icono de este grupo|eliminó el ícono de este grupo|cambió la descripción del grupo|cambió su número de teléfono|cambió la configuración de este grupo|activó los mensajes temporales|desactivó los mensajes temporales|fijó un mensaje)\b/,
  /^(?:Creaste|Te añadió|Te añadieron|Se añadió a|Se eliminó a|Se fue|Cambió tu código de seguridad|Tu código de seguridad con .+ cambió|Ahora eres admin|Los mensajes temporales)\b/,
];

export interface LineStart {
  /** 'message' with a sender, or 'service' (a notice from WhatsApp, no sender). */
  readonly kind: 'message' | 'service';
  /** The sender as written, before any normalisation; null for WhatsApp's own notices. */
  readonly sender: string | null;
  /** The text on the timestamp's line after the sender (or the whole notice). */
  readonly text: string;
}

/**
 * Split `Sender: text` from a notice. `chatName` lets iOS group notices, which carry the group's
 * name as their "sender", be told from messages.
 */
export function classifyLine(rest: string, chatName: string | null): LineStart {
  const colon = rest.indexOf(': ');
  let sender: string | null = null;
  let text = '';
  if (colon > 0) {
    sender = rest.slice(0, colon);
    text = rest.slice(colon + 2);
  } else if (rest.length > 1 && rest.indexOf(':') === rest.length - 1) {
    // `Sender:` with nothing after it (an empty message, trailing space trimmed by an editor).
    sender = rest.slice(0, -1);
  }
  // A sender with quotes in a line that reads like a group event is the event's free text.
  if (sender === null || sender.length > 100 || (QUOTES.test(sender) && QUOTED_SYSTEM.test(rest))) {
    return { kind: 'service', sender: null, text: stripLeadingMarks(rest) };
  }
  const bare = startsWithMark(text) ? stripLeadingMarks(text) : text;
  if (bare !== text && !isMessageContent(bare)) {
    // iOS marks its notices (and otherwise only media lines) with a leading U+200E. A notice
    // under the chat's own name, or one WhatsApp writes, has no author; a missed call keeps its caller.
    const fromChat = chatName !== null && normaliseName(sender) === normaliseName(chatName);
    return { kind: 'service', sender: fromChat || isSystemNotice(bare) ? null : sender, text: bare };
  }
  if ((bare.startsWith('Messages') || bare.startsWith('Los mensajes')) && ENCRYPTION_NOTICES.some((pattern) => pattern.test(bare))) {
    return { kind: 'service', sender: null, text: bare };
  }
  return { kind: 'message', sender, text };
}

function isSystemNotice(text: string): boolean {
  return SYSTEM_NOTICES.some((pattern) => pattern.test(text));
}

export function stripLeadingMarks(text: string): string {
  return startsWithMark(text) ? text.replace(DIRECTION_MARKS, '') : text;
}

function startsWithMark(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 0x200e || first === 0x200f;
}

/** A name as a person would compare it: no direction marks, NFC, single spaces. */
export function normaliseName(name: string): string {
  return name.replace(EMBEDDING_MARKS, '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

const PHONE = /^\+?[\d\s().\u2011-]+$/;

/**
 * The value a sender is pseudonymised from: a phone number as `+` and digits (so that
 * `+58 412-555-0199` and `‪+58 412 5550199‬` are one person), a name as `normaliseName` gives it.
 */
export function senderKey(sender: string): string {
  const name = normaliseName(sender);
  if (PHONE.test(name)) {
    const digits = name.replace(/\D/g, '');
    if (digits.length >= 6) return `${name.startsWith('+') ? '+' : ''}${digits}`;
  }
  return name;
}

export function looksLikePhoneNumber(name: string): boolean {
  const key = senderKey(name);
  return /^\+?\d{6,}$/.test(key);
}

// --- message bodies ---------------------------------------------------------------------------

const DELETED = /^(?:This message was deleted|You deleted this message|Se eliminó este mensaje|Eliminaste este mensaje)\.?$/;
const EDITED = /[ \u00a0]?\u200e?<(?:This message was edited|Se editó este mensaje\.?)>$/;
const ANDROID_OMITTED = /^<(?:Media omitted|Multimedia omitido|Archivo omitido)>$/;
const IOS_OMITTED =
  /^(?:(.*?)[ \u00a0]*\u200e?)?(image|video|audio|sticker|GIF|document|Contact card|imagen|documento|tarjeta de contacto) (?:omitted|omitid[oa])$/;
const IOS_ATTACHED = /\u200e?<(?:attached|adjunto): ([^<>\n]+)>/g;
const ANDROID_ATTACHED = /^\u200e?(.+?) \((?:file attached|archivo adjunto|archivo adjuntado)\)$/;
const LOCATION = /^\u200e?(?:location|ubicación): https:\/\/maps\.google\.com\/\?q=(-?\d{1,3}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)/i;

const OMITTED_KINDS: Readonly<Record<string, string>> = {
  image: 'photo',
  imagen: 'photo',
  video: 'video',
  audio: 'audio',
  sticker: 'sticker',
  GIF: 'animation',
  document: 'document',
  documento: 'document',
  'Contact card': 'contact',
  'tarjeta de contacto': 'contact',
};

/** Whether a U+200E-led text is a message's content (media, a deletion) rather than a notice. */
function isMessageContent(text: string): boolean {
  const firstLine = text.split('\n', 1)[0] ?? '';
  IOS_ATTACHED.lastIndex = 0;
  return (
    DELETED.test(text) ||
    ANDROID_OMITTED.test(firstLine) ||
    IOS_OMITTED.test(firstLine) ||
    IOS_ATTACHED.test(firstLine) ||
    ANDROID_ATTACHED.test(firstLine) ||
    LOCATION.test(firstLine) ||
    EDITED.test(firstLine)
  );
}

export interface NamedMedia {
  /** photo, video, audio, voice, sticker, animation, document, contact, media (unknown). */
  readonly kind: string;
  /** The file name as written, or for left-out media the placeholder. */
  readonly ref: string;
  readonly included: boolean;
}

export interface MessageBody {
  readonly text: string;
  readonly media: readonly NamedMedia[];
  readonly deleted: boolean;
  readonly edited: boolean;
  readonly geo: { lat: number; lon: number } | null;
}

const PLAIN: Omit<MessageBody, 'text'> = { media: [], deleted: false, edited: false, geo: null };
const OMITTED_END = /(?:omitted|omitid[oa])$/;

/**
 * Whether a message's first line (and last) can only be plain text: no placeholder, attachment,
 * deletion, edit mark or location can be in it. Most messages are plain; the patterns are not cheap.
 */
function plainText(first: string, last: string): boolean {
  return (
    !startsWithMark(first) &&
    !first.includes('<') &&
    !last.endsWith('>') &&
    !first.endsWith(')') &&
    !OMITTED_END.test(first) &&
    !first.includes('maps.google.com') &&
    !DELETED.test(first.trimEnd())
  );
}

/** Read a message: the text on its timestamp's line after the sender, then its continuation lines. */
export function readBody(first: string, rest: readonly string[]): MessageBody {
  const last = rest.length === 0 ? first : (rest[rest.length - 1] ?? '');
  if (plainText(first, last)) return { ...PLAIN, text: rest.length === 0 ? first : `${first}\n${rest.join('\n')}` };
  return readMarkedBody(rest.length === 0 ? first : `${first}\n${rest.join('\n')}`);
}

/** The full reading of a body, for any text; `readBody` takes a shortcut for plain text. */
export function readMarkedBody(all: string): MessageBody {
  const bare = stripLeadingMarks(all);
  if (DELETED.test(bare.trimEnd())) return { text: '', media: [], deleted: true, edited: false, geo: null };
  let body = bare;
  let edited = false;
  const edit = EDITED.exec(body);
  if (edit !== null) {
    edited = true;
    body = body.slice(0, edit.index);
  }
  const newline = body.indexOf('\n');
  const first = newline === -1 ? body : body.slice(0, newline);
  const after = newline === -1 ? '' : body.slice(newline + 1);
  const media: NamedMedia[] = [];
  let firstText = first;

  const omitted = first.startsWith('<') ? ANDROID_OMITTED.exec(first) : null;
  const iosOmitted = omitted === null && OMITTED_END.test(first) ? IOS_OMITTED.exec(first) : null;
  const androidAttached = omitted === null && iosOmitted === null && first.endsWith(')') ? ANDROID_ATTACHED.exec(first) : null;
  if (omitted !== null) {
    media.push({ kind: 'media', ref: first, included: false });
    firstText = '';
  } else if (iosOmitted !== null) {
    const label = iosOmitted[2] ?? '';
    media.push({ kind: OMITTED_KINDS[label] ?? 'media', ref: first.replace(EMBEDDING_MARKS, ''), included: false });
    // A document's title (`Informe.pdf • 3 pages`) stays as the text.
    firstText = iosOmitted[1] ?? '';
  } else if (androidAttached !== null) {
    const name = androidAttached[1] ?? '';
    media.push({ kind: mediaKind(name), ref: name, included: true });
    firstText = '';
  } else if (first.includes('<')) {
    firstText = first.replace(IOS_ATTACHED, (_token, name: string) => {
      media.push({ kind: mediaKind(name.trim()), ref: name.trim(), included: true });
      return '';
    });
    if (media.length > 0) firstText = firstText.replace(/[ \u00a0]+$/, '').replace(/^[ \u00a0]+/, '');
  }

  const text = media.length === 0 ? body : firstText === '' ? after : after === '' ? firstText : `${firstText}\n${after}`;
  const location = first.includes('maps.google.com') ? LOCATION.exec(first) : null;
  let geo: { lat: number; lon: number } | null = null;
  if (location !== null) {
    const lat = Number(location[1]);
    const lon = Number(location[2]);
    if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) geo = { lat, lon };
  }
  return { text: media.length === 0 ? text : text.trim() === '' ? '' : text, media, deleted: false, edited, geo };
}

/** What an attached file is, from WhatsApp's own naming (IMG-…-WA0003.jpg, 00000012-PHOTO-….jpg) or its extension. */
export function mediaKind(name: string): string {
  const upper = name.toUpperCase();
  if (/^IMG-\d{8}-WA/.test(upper) || /^\d+-PHOTO-/.test(upper)) return 'photo';
  if (/^VID-\d{8}-WA/.test(upper) || /^\d+-VIDEO-/.test(upper)) return 'video';
  if (/^PTT-\d{8}-WA/.test(upper)) return 'voice';
  if (/^AUD-\d{8}-WA/.test(upper) || /^\d+-AUDIO-/.test(upper)) return 'audio';
  if (/^STK-\d{8}-WA/.test(upper) || /^\d+-STICKER-/.test(upper)) return 'sticker';
  if (/^\d+-GIF-/.test(upper)) return 'animation';
  const extension = /\.([A-Z0-9]+)$/.exec(upper)?.[1] ?? '';
  if (['JPG', 'JPEG', 'PNG', 'WEBP', 'HEIC', 'GIF'].includes(extension)) return 'photo';
  if (['MP4', '3GP', 'MOV', 'MKV', 'WEBM'].includes(extension)) return 'video';
  if (['OPUS', 'OGG', 'M4A', 'MP3', 'AAC', 'AMR', 'WAV'].includes(extension)) return 'audio';
  if (extension === 'VCF') return 'contact';
  return 'document';
}
