import { writeTelegramExport } from '../bench/telegram-export.js';
const t = performance.now();
console.log(await writeTelegramExport('bench/.out/tg-1m.json', { messages: 1_000_000 }), (performance.now()-t)/1000);
