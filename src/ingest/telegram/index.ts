export { classifyTelegramPath, parseTelegram, telegramAdapter } from './parse.js';
export { telegramMessage } from './message.js';
export type { MessageContext, TelegramChat } from './message.js';
