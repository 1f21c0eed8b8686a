import { writeTelegramExport } from '../bench/telegram-export.js';
console.log(await writeTelegramExport('bench/.out/tg-100k.json', { messages: 100_000 }));
