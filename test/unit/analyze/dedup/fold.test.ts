import { describe, expect, it } from 'vitest';
import { foldForResemblance } from '../../../../src/analyze/index.js';

describe('foldForResemblance', () => {
  it('folds case, accents and compatibility forms, and squeezes letters repeated three times or more', () => {
    const folded = foldForResemblance('ÚLTIMA HORA: Fuerte EXPLOSIÓN en Guasdualito, bombaaaa!!! ｃａｌｌｅ  ＡＲＡＵＣＡ');
    expect(folded.words).toEqual(['ultima', 'hora', 'fuerte', 'explosion', 'en', 'guasdualito', 'bomba', 'calle', 'arauca']);
    expect(foldForResemblance('la calle lleva al carro').text).toBe('la calle lleva al carro');
  });

  it('separates URLs, handles, hashtags and emoji from the words', () => {
    const folded = foldForResemblance('RT @AlertaLlanera: 💥💥 Explosión cerca del #PuenteInternacional https://t.co/AbC123 vía @apurealdia');
    expect(folded.words).toEqual(['explosion', 'cerca', 'del', 'puenteinternacional', 'via']);
    expect(folded.handles).toEqual(['alertallanera', 'apurealdia']);
    expect(folded.hashtags).toEqual(['puenteinternacional']);
    expect(folded.urls).toEqual(['https://t.co/AbC123']);
    expect(folded.emoji).toEqual(['💥', '💥']);
  });

  it('drops the partial last word of a post cut short with an ellipsis, and a truncated URL', () => {
    expect(foldForResemblance('RT @elmundoes: Descarrila un tren de pasajeros a pocos metros del ca…').words).toEqual(['descarrila', 'un', 'tren', 'de', 'pasajeros', 'a', 'pocos', 'metros', 'del']);
    expect(foldForResemblance('RT @BBCWorld: At least 250 people injured in Russia http://t.co/1JoE7TMA http://t.co/id ...').words).toEqual(['at', 'least', '250', 'people', 'injured', 'in', 'russia']);
  });

  it('keeps "RT" and "MT" as words unless they mark a retweet', () => {
    expect(foldForResemblance('RT @x: hola').words).toEqual(['hola']);
    expect(foldForResemblance('Art and RT news').words).toEqual(['art', 'and', 'rt', 'news']);
  });
});
