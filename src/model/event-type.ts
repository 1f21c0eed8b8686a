import { z } from 'zod';

/**
 * The output vocabulary for event types: ACLED's sub-event types (ACLED Codebook, 2023),
 * as slugs, with the disorder event type each belongs to.
 */
export const EVENT_TYPES = {
  'armed-clash': { eventType: 'Battles', subEventType: 'Armed clash' },
  'government-regains-territory': { eventType: 'Battles', subEventType: 'Government regains territory' },
  'non-state-actor-overtakes-territory': { eventType: 'Battles', subEventType: 'Non-state actor overtakes territory' },
  'chemical-weapon': { eventType: 'Explosions/Remote violence', subEventType: 'Chemical weapon' },
  'air-drone-strike': { eventType: 'Explosions/Remote violence', subEventType: 'Air/drone strike' },
  'suicide-bomb': { eventType: 'Explosions/Remote violence', subEventType: 'Suicide bomb' },
  'shelling-artillery-missile-attack': {
    eventType: 'Explosions/Remote violence',
    subEventType: 'Shelling/artillery/missile attack',
  },
  'remote-explosive-landmine-ied': {
    eventType: 'Explosions/Remote violence',
    subEventType: 'Remote explosive/landmine/IED',
  },
  grenade: { eventType: 'Explosions/Remote violence', subEventType: 'Grenade' },
  'sexual-violence': { eventType: 'Violence against civilians', subEventType: 'Sexual violence' },
  attack: { eventType: 'Violence against civilians', subEventType: 'Attack' },
  'abduction-forced-disappearance': {
    eventType: 'Violence against civilians',
    subEventType: 'Abduction/forced disappearance',
  },
  'peaceful-protest': { eventType: 'Protests', subEventType: 'Peaceful protest' },
  'protest-with-intervention': { eventType: 'Protests', subEventType: 'Protest with intervention' },
  'excessive-force-against-protesters': { eventType: 'Protests', subEventType: 'Excessive force against protesters' },
  'violent-demonstration': { eventType: 'Riots', subEventType: 'Violent demonstration' },
  'mob-violence': { eventType: 'Riots', subEventType: 'Mob violence' },
  agreement: { eventType: 'Strategic developments', subEventType: 'Agreement' },
  arrests: { eventType: 'Strategic developments', subEventType: 'Arrests' },
  'change-to-group-activity': { eventType: 'Strategic developments', subEventType: 'Change to group/activity' },
  'disrupted-weapons-use': { eventType: 'Strategic developments', subEventType: 'Disrupted weapons use' },
  'headquarters-or-base-established': {
    eventType: 'Strategic developments',
    subEventType: 'Headquarters or base established',
  },
  'looting-property-destruction': { eventType: 'Strategic developments', subEventType: 'Looting/property destruction' },
  'non-violent-transfer-of-territory': {
    eventType: 'Strategic developments',
    subEventType: 'Non-violent transfer of territory',
  },
  'other-strategic-development': { eventType: 'Strategic developments', subEventType: 'Other' },
} as const;

export type EventTypeSlug = keyof typeof EVENT_TYPES;

export const EventTypeSlug = z.enum(Object.keys(EVENT_TYPES) as [EventTypeSlug, ...EventTypeSlug[]]);
