import { describe, expect, it } from 'vitest';
import { identifyLanguage } from '../../../src/analyze/index.js';

describe('language identification', () => {
  it.each([
    ['Se escuchó un bombazo cerca de Guasdualito, la gente está asustada', 'es'],
    ['chamo eso retumbo todo, q fue eso?? desde mi casa se oyo', 'es'],
    ['Según fuentes oficiales el operativo dejó varios detenidos en la zona', 'es'],
    ['Unconfirmed reports of a drone strike near the border, no casualties verified yet', 'en'],
    ['Locals say they heard two explosions at around 2am and the power went out', 'en'],
    ['A polícia não informou quantas pessoas estavam no local do acidente', 'other'],
    ["Terremoto, tanto fatto, tanto da fare, l'importante per chi abita nel cratere è non sentirsi solo", 'other'],
    ['Die Polizei hat noch nicht gesagt, wie viele Menschen in dem Zug waren', 'other'],
    ['toy bn gracias a dios, xq preguntas', 'es'],
    ['u ok?? heard a huge bang', 'en'],
    ['ok', 'too-short'],
    ['💥💥💥 #Apure @alerta https://t.co/x', 'too-short'],
  ] as const)('%s → %s', (text, language) => {
    expect(identifyLanguage(text).language).toBe(language);
  });

  it.each([
    // Headlines with few function words, or only ones that several languages share: the
    // character trigrams decide.
    ['Meteor blast injures hundreds in Russia', 'en'],
    ['Diez muertos tras descarrilar un tren en Santiago de Compostela', 'es'],
    ['Mahigit 20,000 residente sa San Mateo Rizal, apektado sa mga pagbaha, ayon sa PDRRMC', 'other'],
    ['Количество пострадавших от метеорита превысило 550 человек, из них 60 детей', 'other'],
    ['Forte terremoto de magnitude 7,9 atinge a Costa Rica', 'other'],
    ['Un terremoto de magnitud 7.9 sacude Costa Rica', 'es'],
    // Spanish place names in an English post do not make it Spanish.
    ['⚠️ #Venezuela 🇻🇪 Apure: local channels report loud explosions around 02:10–02:15 local time (06:10 UTC) in rural areas SE of Guasdualito (La Ceibita del Sarare, Los Araguaneyes). Power out in several villages. Cause unknown. Unconfirmed.', 'en'],
    ['Residents of La Ceibita del Sarare and Los Araguaneyes say the blast came from the savanna', 'en'],
    ['buenas noches vecinos que descansen 🙏', 'es'],
  ] as const)('headline: %s → %s', (text, language) => {
    expect(identifyLanguage(text).language).toBe(language);
  });

  it('does not count URLs, handles and hashtags as words', () => {
    expect(identifyLanguage('#the #of #and @the https://the.example/of/and').language).toBe('too-short');
  });
});
