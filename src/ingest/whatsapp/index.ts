export { detectWhatsApp, parseWhatsApp, whatsappAdapter } from './parse.js';
export { chatName, chatNameFromExportName } from './chat-name.js';
export { mediaKind, senderKey } from './body.js';
export { ZipArchive, ZipEntryError } from './zip.js';
export type { ZipEntry } from './zip.js';
