import { parseFeedBytes, fixtureBytes } from '../test/fixtures/feed/harness.js';
for (const c of [[100000],[1]]) { const out = await parseFeedBytes(fixtureBytes('malformed-amp.xml'), { chunkSizes: c }); console.log(JSON.stringify(out.at(-1))); }
