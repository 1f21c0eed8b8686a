import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/ingest/feed/index.js';

describe('htmlToText', () => {
  const cases: [string, string, string][] = [
    ['paragraphs', '<p>Uno.</p><p>Dos.</p>', 'Uno.\n\nDos.'],
    ['inline markup joins', '<p>Una <b>explosión</b> en <a href="/x">Petare</a>.</p>', 'Una explosión en Petare.'],
    ['whitespace collapses', '<p>  Texto \n\t con   espacios  </p>', 'Texto con espacios'],
    ['one br is a line', 'Primera<br>segunda<br/>tercera', 'Primera\nsegunda\ntercera'],
    ['two br are a paragraph', 'Uno<br><br>Dos<br />\n<br />Tres', 'Uno\n\nDos\n\nTres'],
    ['lists are lines', '<ul><li>a</li><li>b</li></ul><p>c</p>', 'a\nb\n\nc'],
    ['tables are lines of cells', '<table><tr><td>Hora</td><td>4:30</td></tr><tr><td>Heridos</td><td>2</td></tr></table>', 'Hora 4:30\nHeridos 2'],
    ['headings are paragraphs', '<h2>Título</h2>Texto', 'Título\n\nTexto'],
    ['entities, legacy too', 'a&nbsp;b &eacute; &amp; &#8220;c&#x201D; &aacute', 'a b é & “c” á'],
    ['script, style and comments are not text', '<p>a</p><script>var x = "<p>no</p>";</script><style>p{}</style><!-- nota --><p>b</p>', 'a\n\nb'],
    ['a < that starts no tag is text', '<p>3 < 5 y 7 > 2</p>', '3 < 5 y 7 > 2'],
    ['quoted > inside an attribute', '<p title="a > b">texto</p>', 'texto'],
    ['unterminated tag ends the text', '<p>antes</p><img src="x', 'antes'],
    ['text without tags keeps its blank lines', 'Uno.\n\nDos, con <etiquetas>.', 'Uno.\n\nDos, con <etiquetas>.'],
    ['CDATA inside HTML', '<p><![CDATA[a < b]]></p>', 'a < b'],
    ['empty', '', ''],
  ];
  for (const [name, html, text] of cases) {
    it(name, () => {
      expect(htmlToText(html).text).toBe(text);
    });
  }

  it('collects images in order, leaving out data: URIs and 1×1 tracking pixels', () => {
    const html =
      '<p>x</p><img src="/a.jpg" alt="A"><img src=\'b.png\'><img src=c.webp>' +
      '<img src="data:image/png;base64,AAAA"><img src="https://t.example/p.gif" width="1" height="1"><img alt="sin src">' +
      '<img src="d.jpg?x=1&amp;y=2">';
    expect(htmlToText(html).images).toEqual(['/a.jpg', 'b.png', 'c.webp', 'd.jpg?x=1&y=2']);
  });

  it('is linear on a 2 MB description', () => {
    const paragraph = `<p>${'Vecinos reportaron detonaciones en la zona. '.repeat(20)}</p>\n`;
    const html = paragraph.repeat(Math.ceil((2 * 1024 * 1024) / paragraph.length));
    const started = performance.now();
    const { text } = htmlToText(html);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(text.split('\n\n').length).toBe(Math.ceil((2 * 1024 * 1024) / paragraph.length));
  });

  it('does not go quadratic on many unclosed quotes and tags', () => {
    const html = '<a title="x>'.repeat(20_000) + '<p '.repeat(20_000);
    const started = performance.now();
    htmlToText(html);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
