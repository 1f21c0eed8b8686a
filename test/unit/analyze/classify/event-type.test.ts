import { describe, expect, it } from 'vitest';
import { classifyReport } from '../../../../src/analyze/index.js';
import type { ReportEventType } from '../../../../src/model/index.js';

/** Posts written the way channels, neighbours and newsrooms write them, in Spanish and English. */
const POSTS: readonly (readonly [ReportEventType, string])[] = [
  ['air-drone-strike', '🔴 URGENTE | Reportan bombardeo en zona rural de Guasdualito, estado Apure. Vecinos hablan de varias explosiones'],
  ['air-drone-strike', 'Ataque con drones contra un campamento cerca del río Arauca, según habitantes de la zona'],
  ['air-drone-strike', 'BREAKING: Airstrike hits a compound on the outskirts of the town, witnesses say'],
  ['air-drone-strike', 'Drone strike reported near the border crossing, no casualty figures yet'],
  ['shelling-artillery-missile-attack', 'Cayeron dos morteros en el caserío anoche, la gente salió corriendo'],
  ['shelling-artillery-missile-attack', 'Heavy shelling overnight in the eastern district, local officials said'],
  ['remote-explosive-landmine-ied', 'Estalló un artefacto explosivo al paso de una patrulla en la vía a El Amparo'],
  ['remote-explosive-landmine-ied', 'Campesino herido tras pisar una mina antipersonal en zona rural del Catatumbo'],
  ['remote-explosive-landmine-ied', 'A car bomb exploded outside the police station this morning'],
  ['remote-explosive-landmine-ied', 'Two soldiers wounded by an IED on the road to the base'],
  ['grenade', 'Lanzaron una granada contra la fachada de un comercio que no pagó la vacuna'],
  ['grenade', 'Attackers threw a grenade into the crowded market'],
  ['suicide-bomb', 'Atentado suicida frente a la sede policial deja varios muertos'],
  ['suicide-bomb', 'A suicide bomber blew himself up at the checkpoint'],
  ['chemical-weapon', 'Denuncian ataque químico contra la población civil'],
  ['chemical-weapon', 'Doctors treated dozens for symptoms consistent with a chemical attack'],
  ['explosion-unspecified', 'se escuchó un bombazo durísimo por la zona del caño, alguien sabe qué pasó?'],
  ['explosion-unspecified', 'Tremendo estruendo hace un rato, temblaron las ventanas'],
  ['explosion-unspecified', 'Huge explosion just now, my house shook'],
  ['armed-clash', 'Enfrentamiento entre el ejército y un grupo armado en la frontera'],
  ['armed-clash', 'echaron plomo toda la noche en el barrio, nadie pudo dormir'],
  ['armed-clash', 'Tiroteo en la entrada del sector, eviten pasar por ahí'],
  ['armed-clash', 'Balacera en Petare desde temprano, los malandros con la policía'],
  ['armed-clash', 'Se formó la candela en Petare con los colectivos, echaron plomo toda la tarde'],
  ['armed-clash', 'Clashes between troops and rebels continued into the night'],
  ['armed-clash', 'A firefight broke out between two armed groups near the mine'],
  ['attack', 'Asesinaron a un comerciante en la entrada del pueblo, fue sicariato'],
  ['attack', 'Gunmen opened fire on a bus carrying farm workers'],
  ['abduction-forced-disappearance', 'Secuestraron a un ganadero en la vía a Elorza'],
  ['abduction-forced-disappearance', 'A mi primo lo levantaron anoche unos tipos en una camioneta'],
  ['abduction-forced-disappearance', 'Aid worker kidnapped by armed men, family says'],
  ['sexual-violence', 'Denuncian violencia sexual contra mujeres detenidas en el centro de reclusión'],
  ['sexual-violence', 'Report documents rape used against women in the displacement camps'],
  ['peaceful-protest', 'Vecinos protestan por falta de agua en la avenida principal'],
  ['peaceful-protest', 'Hundreds of demonstrators marched peacefully to the city hall'],
  ['protest-with-intervention', 'La policía dispersó a los manifestantes y detuvieron a manifestantes frente a la alcaldía'],
  ['protest-with-intervention', 'Police dispersed the crowd and several protesters arrested'],
  ['excessive-force-against-protesters', 'Reprimieron la marcha con bombas lacrimógenas y perdigones'],
  ['excessive-force-against-protesters', 'Security forces fired tear gas and rubber bullets at the protesters'],
  ['violent-demonstration', 'Disturbios y barricadas en el centro, queman cauchos'],
  ['violent-demonstration', 'Rioters set fire to cars after the verdict'],
  ['mob-violence', 'Vecinos intentaron linchar a un presunto ladrón; fue un linchamiento en plena calle'],
  ['mob-violence', 'An angry mob attacked the suspect before police arrived'],
  ['arrests', 'Capturaron a tres integrantes de la banda en un operativo'],
  ['arrests', 'Police arrested four suspects in connection with the attack'],
  ['looting-property-destruction', 'Saquearon los comercios de la avenida durante la madrugada'],
  ['looting-property-destruction', 'Looters emptied the shops overnight, with widespread looting downtown'],
  ['disrupted-weapons-use', 'Desactivaron un artefacto explosivo en la plaza; el equipo antibombas lo neutralizó'],
  ['disrupted-weapons-use', 'The army said it shot down a drone over the base'],
  ['agreement', 'Las partes firmaron un cese al fuego de 30 días'],
  ['agreement', 'A ceasefire was agreed between the two sides'],
  ['government-regains-territory', 'Las fuerzas armadas retomaron el control del poblado'],
  ['government-regains-territory', 'Government troops retook the town after two days'],
  ['non-state-actor-overtakes-territory', 'La guerrilla tomó el control de la carretera'],
  ['non-state-actor-overtakes-territory', 'Rebels seized control of the provincial capital'],
  ['headquarters-or-base-established', 'El grupo instaló un campamento en la zona del río'],
  ['headquarters-or-base-established', 'The militia set up a base in the abandoned school'],
  ['change-to-group-activity', 'Se desmovilizaron 40 combatientes del frente'],
  ['change-to-group-activity', 'The faction announced it would demobilise its fighters'],
  ['non-violent-transfer-of-territory', 'Los irregulares se retiraron de la zona y entregaron el control sin combates'],
  ['non-violent-transfer-of-territory', 'The group withdrew from the area and handed over control to the army'],
  ['other-strategic-development', 'Decretan toque de queda en el municipio desde las 8 pm'],
  ['other-strategic-development', 'Authorities imposed a curfew on the city'],
  ['not-an-event', 'Buenos días vecinos, hoy sí hay clases en la Ceibita 🙌'],
  ['not-an-event', 'Fuerte terremoto de magnitud 7,6 sacude Costa Rica'],
  ['not-an-event', 'Great game last night, what a blast!'],
  ['not-an-event', 'Explotó un transformador en la calle Páez y se fue la luz'],
];

describe('event type', () => {
  it.each(POSTS)('%s ← %s', (type, text) => {
    expect(classifyReport(text).eventType).toBe(type);
  });

  it('names the cause over the sound: a bombazo said to be a drone is a drone strike', () => {
    const c = classifyReport('Se escuchó un bombazo en Guasdualito, dicen que fue un dron');
    expect(c.eventType).toBe('air-drone-strike');
    expect(c.hedged).toBe(true);
  });

  it('reads tear gas as force against protesters, not as a bomb', () => {
    expect(classifyReport('Lanzaron bombas lacrimógenas contra la marcha').eventType).toBe('excessive-force-against-protesters');
  });

  it('does not take a petrol station ("la bomba") or gold mines for explosives', () => {
    expect(classifyReport('Cola larguísima en la bomba de gasolina de la entrada').eventType).toBe('not-an-event');
    expect(classifyReport('Trabajan en las minas de oro del Arco Minero').eventType).toBe('not-an-event');
  });

  it('does not take missing people in a flood for a disappearance', () => {
    expect(classifyReport('Inundaciones en el sur: hay 12 desaparecidos y cientos de damnificados').eventType).toBe('not-an-event');
  });
});

describe('"el tren": the gang or a train', () => {
  it('is the Tren de Aragua when the post is about violence', () => {
    const text = 'Se metió el tren en el barrio y echaron plomo toda la noche';
    const c = classifyReport(text);
    expect(c.eventType).toBe('armed-clash');
    expect(c.related).toBe(true);
    const gang = c.cues.find((cue) => cue.cue === 'context:gang');
    expect(gang && text.slice(gang.start, gang.end)).toBe('el tren');
  });

  it('names the Tren de Aragua outright', () => {
    const c = classifyReport('Detenidos tres integrantes del Tren de Aragua por extorsión');
    expect(c.cues.some((cue) => cue.cue === 'context:gang')).toBe(true);
    expect(c.eventType).toBe('arrests');
  });

  it('is a train when the post is about a railway accident', () => {
    const text = 'El tren descarriló a la entrada de la estación, hay heridos entre los pasajeros';
    const c = classifyReport(text);
    expect(c.eventType).toBe('not-an-event');
    expect(c.related).toBe(true);
    expect(c.cues.some((cue) => cue.cue === 'context:gang')).toBe(false);
    expect(c.cues.some((cue) => cue.cue === 'accident:railway' && text.slice(cue.start, cue.end) === 'El tren')).toBe(true);
  });

  it('is neither when nothing around it says which', () => {
    const c = classifyReport('El tren sale a las 5 de la tarde desde Caracas');
    expect(c.cues.some((cue) => cue.cue === 'context:gang' || cue.cue === 'accident:railway')).toBe(false);
    expect(c.related).toBe(false);
  });
});

describe('what explains a bang, and weak cues', () => {
  it.each([
    'Tranquilos, los cohetes que se escuchan son por las fiestas patronales en El Totumito. No es nada malo.',
    'Cayó un rayo cerca de la cancha de Simón Rodríguez. ¡Qué susto! Retumbó todo 😱',
    'Those booms downtown are fireworks for the festival, nothing to worry about',
  ])('fireworks or thunder explain it: %s', (text) => {
    const c = classifyReport(text);
    expect(c.eventType).toBe('not-an-event');
    expect(c.cues.some((cue) => cue.cue === 'context:fireworks' || cue.cue === 'context:thunder')).toBe(true);
  });

  it('a denied explanation does not explain: "no fue un rayo, fue una explosión"', () => {
    expect(classifyReport('No fue un rayo, fue una explosión, retumbó todo el barrio').eventType).toBe('explosion-unspecified');
  });

  it('drones flying over are not a drone strike; a drone and a bang together are', () => {
    expect(classifyReport('Denunciamos sobrevuelos de drones en la zona sur del municipio Páez').eventType).toBe('not-an-event');
    expect(classifyReport('esta semana han pasado drones por el sur, yo los vi de noche').eventType).toBe('not-an-event');
    expect(classifyReport('Yo escuché como un zumbido antes, como un dron. Después el pum. Eran como las 2 y 10').eventType).toBe('air-drone-strike');
  });

  it('shots heard alone are a clash ("tiros" is violence enough)', () => {
    expect(classifyReport('si yo también lo escuché, como 6 tiros').eventType).toBe('armed-clash');
  });

  it('a missing teenager who turned up is not a disappearance', () => {
    expect(classifyReport('Apareció el adolescente reportado como desaparecido en el barrio Simón Rodríguez').eventType).toBe('not-an-event');
  });

  it('seized fuel is not a weapons seizure; seized rifles in the same sentence as explosives are', () => {
    expect(classifyReport('Incautados 1.800 litros de gasoil en un punto de control de la Troncal 5').eventType).toBe('not-an-event');
    expect(classifyReport('En el campamento se hallaron fusiles, explosivos y municiones').eventType).toBe('disrupted-weapons-use');
    expect(classifyReport('Day after the blasts, the command listed seized rifles').eventType).toBe('explosion-unspecified');
  });

  it('reads a transformer blowing up as an accident', () => {
    expect(classifyReport('🧯 Explota un transformador en el barrio El Carmen y deja sin luz a 40 viviendas').eventType).toBe('not-an-event');
  });
});
