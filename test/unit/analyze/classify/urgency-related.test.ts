import { describe, expect, it } from 'vitest';
import { classifyReport } from '../../../../src/analyze/index.js';

describe('urgency', () => {
  it.each([
    ['breaking', '🔴 URGENTE: se reporta fuerte explosión en Guasdualito'],
    ['breaking', 'ÚLTIMA HORA | Tiroteo en el centro de la ciudad'],
    ['breaking', 'ahora mismo se escuchan disparos en la entrada del barrio'],
    ['breaking', 'BREAKING: explosion at the port, details to follow'],
    ['breaking', 'Just now: loud blast heard across the city'],
    ['developing', 'Actualización: asciende a 5 la cifra de heridos tras la explosión'],
    ['developing', 'UPDATE: death toll rises to 12 after the blast'],
    ['developing', 'Se reporta presencia militar en la zona tras el enfrentamiento'],
    ['retrospective', 'Hace un año del bombardeo en La Victoria: recordamos a las víctimas'],
    ['retrospective', 'Se cumplen dos años de la masacre de Tumeremo'],
    ['retrospective', 'Five years ago today, the car bomb in the capital killed 20 people'],
    ['retrospective', 'One year on, survivors of the attack remember the victims at the memorial'],
  ] as const)('%s ← %s', (urgency, text) => {
    expect(classifyReport(text).urgency).toBe(urgency);
  });

  it('an eyewitness account of an event with no time word is breaking', () => {
    expect(classifyReport('se escuchó un bombazo por la zona del caño').urgency).toBe('breaking');
  });
});

describe('relatedness: about a violent incident or a crisis at all', () => {
  it.each([
    'Se escuchó un bombazo en Guasdualito',
    'Fuerte sismo sacude Costa Rica, reportan daños en viviendas',
    'Accidente de tren en Santiago de Compostela deja decenas de muertos',
    '#HighParkFire now over 50,000 acres',
    'Evacuation order for residents west of the river #yycflood',
    'Secuestraron a un ganadero en la vía a Elorza',
    'Gunmen opened fire on a bus carrying farm workers',
  ])('related: %s', (text) => {
    expect(classifyReport(text).related).toBe(true);
  });

  it.each([
    'Buenos días vecinos, que tengan un feliz día 🌞',
    'Se perdió mi gata, es blanca con una mancha negra, por la calle Páez',
    'Great game last night, what a blast!',
    'Oferta de empleo: se busca personal de ventas, envíos gratis',
    'Follow me and win a giveaway, free shipping this week',
    'kevin ese arbitro estaba comprao vale 😂😂',
  ])('not related: %s', (text) => {
    expect(classifyReport(text).related).toBe(false);
  });
});
