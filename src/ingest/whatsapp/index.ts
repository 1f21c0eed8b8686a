export { detectWhatsApp, parseWhatsApp, whatsappAdapter } from './parse.js';
export { chatName, chatNameFromExportName } from './chat-name.js';
export { mediaKind, senderKey } from './body.js';
