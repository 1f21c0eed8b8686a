/**
 * The chat's name, which an export writes only into its file names: Android names the text
 * (and the zip) `WhatsApp Chat with <name>.txt` in English and `Chat de WhatsApp con <name>.txt`
 * in Spanish; iOS names the zip `WhatsApp Chat - <name>.zip` and the text inside `_chat.txt`.
 */
const EXPORT_NAMES = [
  /^WhatsApp Chat with (.+)$/i,
  /^WhatsApp Chat - (.+)$/i,
  /^Chat de WhatsApp con (.+)$/i,
  /^WhatsApp[- ]Chat mit (.+)$/i,
  /^Conversa do WhatsApp com (.+)$/i,
  /^Discussion WhatsApp avec (.+)$/i,
  /^Chat WhatsApp con (.+)$/i,
  /^WhatsApp[- ]Chat met (.+)$/i,
];

/** The iOS text entry, and the Android one in any language WhatsApp names it. */
export const CHAT_TEXT = /(?:^|\/)(?:_chat\.txt|(?:WhatsApp Chat with|WhatsApp Chat - |Chat de WhatsApp con|WhatsApp[- ]Chat mit|Conversa do WhatsApp com|Discussion WhatsApp avec|Chat WhatsApp con|WhatsApp[- ]Chat met) ?.+\.txt)$/i;

function baseName(path: string): string {
  return path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1);
}

function folderName(path: string): string | null {
  const parts = path.replace(/\\/g, '/').split('/');
  return parts.length >= 2 ? (parts[parts.length - 2] ?? null) : null;
}

function stem(name: string): string {
  // Downloads of the same export again get " (1)"; the chat is the same.
  return name.replace(/\.(txt|zip)$/i, '').replace(/ \(\d+\)$/, '').trim();
}

/** The chat's name from an export's file name, or null when it is not named like one. */
export function chatNameFromExportName(path: string): string | null {
  const name = stem(baseName(path));
  for (const pattern of EXPORT_NAMES) {
    const match = pattern.exec(name);
    if (match?.[1] !== undefined && match[1].trim() !== '') return match[1].trim();
  }
  return null;
}

/**
 * The name of the chat in `file` (as the user knows it), reading a zip's chat entry name first:
 * the export's name, else the folder an iOS `_chat.txt` was unpacked into, else the file's own name.
 */
export function chatName(file: string, entry: string | null = null): string {
  const fromEntry = entry === null ? null : chatNameFromExportName(entry);
  if (fromEntry !== null) return fromEntry;
  const fromFile = chatNameFromExportName(file);
  if (fromFile !== null) return fromFile;
  const base = baseName(file);
  if (entry === null && /^_chat\.txt$/i.test(base)) {
    const folder = folderName(file);
    if (folder !== null) return chatNameFromExportName(folder) ?? folder;
  }
  return stem(base) === '' ? file : stem(base);
}
