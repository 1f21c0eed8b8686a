/**
 * The twenty root codes of CAMEO (Conflict and Mediation Event Observations, manual 1.1b3),
 * the event taxonomy GDELT codes every event in. A code such as `193` ("fight with small arms
 * and light weapons") falls under root `19`; the full table of about 300 codes is GDELT's
 * lookup file, which is not shipped: the root names the kind of action well enough to read a row.
 */
export const CAMEO_ROOT_CODES: Readonly<Record<string, string>> = {
  '01': 'Make public statement',
  '02': 'Appeal',
  '03': 'Express intent to cooperate',
  '04': 'Consult',
  '05': 'Engage in diplomatic cooperation',
  '06': 'Engage in material cooperation',
  '07': 'Provide aid',
  '08': 'Yield',
  '09': 'Investigate',
  '10': 'Demand',
  '11': 'Disapprove',
  '12': 'Reject',
  '13': 'Threaten',
  '14': 'Protest',
  '15': 'Exhibit force posture',
  '16': 'Reduce relations',
  '17': 'Coerce',
  '18': 'Assault',
  '19': 'Fight',
  '20': 'Use unconventional mass violence',
};

/** GDELT's QuadClass: the four primary classes the root codes fall into (GDELT 2.0 Event Codebook). */
export const QUAD_CLASSES: Readonly<Record<string, string>> = {
  '1': 'Verbal cooperation',
  '2': 'Material cooperation',
  '3': 'Verbal conflict',
  '4': 'Material conflict',
};

/** The root of a CAMEO code as written (`0251` → `02`, `193` → `19`), when it is one of the twenty. */
export function cameoRoot(code: string): string | null {
  if (!/^\d{2,4}$/.test(code)) return null;
  const root = code.slice(0, 2);
  return root in CAMEO_ROOT_CODES ? root : null;
}
