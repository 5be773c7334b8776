// « Échéances » (what is due): per territory, the dates that call for action in the coming months
// and those passed lately — avis to collect before a planned PTSM adoption, PTSMs reaching five
// years (R.3224-1), CLS ending, a diagnostic adopted without a CLSM's avis — each with the
// coordinators to contact. Contact details are whatever the model holds: a pseudonymised model
// (readers) has none.
import { avisChecklist } from './avis.ts';
import { addYears, formatDateFr, isActiveAt } from './dates.ts';
import type { ArticulationModel, MechanismEntry } from './graph.ts';
import { capitalize, ofName, theName } from './text.ts';
import type { MechanismKind } from './vocabulary.ts';

export const DEADLINE_KINDS = ['avis-a-recueillir', 'ptsm-cinq-ans', 'cls-fin', 'diagnostic-sans-avis'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  'avis-a-recueillir': 'Avis à recueillir',
  'ptsm-cinq-ans': 'PTSM de cinq ans',
  'cls-fin': 'Fin de CLS',
  'diagnostic-sans-avis': 'Diagnostic adopté sans avis',
};

export interface Contact {
  person: string;
  label: string;
  email?: string;
  phone?: string;
  /** The mechanism they coordinate. */
  mechanism: string;
}

export interface Deadline {
  kind: DeadlineKind;
  /** The date that calls for action (an adoption, five years, an end). */
  date: string;
  passed: boolean;
  /** The mechanism it is about (the PTSM, the CLS). */
  mechanism: { id: string; kind: MechanismKind; name: string };
  /** The CLSM whose avis is awaited or missing. */
  clsm?: { id: string; name: string };
  /** What to do, in French. */
  message: string;
  departements: readonly string[];
  /** Whom to contact: the coordinators of the mechanism (and of the CLSM). */
  contacts: Contact[];
}

export interface DeadlineOptions {
  asOf: string;
  /** How far ahead, in months (default 6). */
  months?: number;
  /** How far back the passed ones go, in months (default 12). */
  pastMonths?: number;
  departements?: readonly string[];
  regions?: readonly string[];
}

export interface Deadlines {
  asOf: string;
  /** The horizon: from `since` to `until`. */
  since: string;
  until: string;
  /** Coming, soonest first. */
  upcoming: Deadline[];
  /** Passed, most recent first. */
  passed: Deadline[];
}

/** The date `months` months after (or before, negative) `date`, clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** What is due on a territory (every territory without a filter). */
export function deadlines(model: ArticulationModel, options: DeadlineOptions): Deadlines {
  const { asOf } = options;
  const until = addMonths(asOf, options.months ?? 6);
  const since = addMonths(asOf, -(options.pastMonths ?? 12));
  const wanted = new Set(options.departements ?? []);
  for (const r of options.regions ?? []) for (const d of model.territories.departementsOfRegion(r)) wanted.add(d);
  const inTerritory = (e: MechanismEntry) => wanted.size === 0 || e.departements.some((d) => wanted.has(d));
  const out: Deadline[] = [];
  const add = (entry: MechanismEntry, kind: DeadlineKind, date: string, message: string, clsm?: MechanismEntry) => {
    if (date < since || date > until) return;
    const m = entry.mechanism;
    out.push({
      kind,
      date,
      passed: date < asOf,
      mechanism: { id: m.id, kind: m.kind, name: m.name },
      ...(clsm ? { clsm: { id: clsm.mechanism.id, name: clsm.mechanism.name } } : {}),
      message,
      departements: entry.departements,
      contacts: [...contactsOf(model, entry), ...(clsm ? contactsOf(model, clsm) : [])],
    });
  };
  for (const entry of model.entries) {
    if (!inTerritory(entry)) continue;
    const m = entry.mechanism;
    if (m.kind === 'PTSM') {
      const ptsm = theName(m.name);
      const checklist = avisChecklist(model, m.id, asOf);
      for (const row of checklist?.rows ?? []) {
        const clsm = model.get(row.clsm.id);
        if (!clsm) continue;
        const diagnostic = row.stages.diagnostic;
        const projet = row.stages.projet;
        // An awaited avis is due before the planned adoption (the checklist names no due date until then).
        const projetDue = projet.due ?? m.dates?.adopted;
        if (projet.state === 'awaited' && projetDue && projetDue >= asOf) {
          add(entry, 'avis-a-recueillir', projetDue, `Recueillir l'avis ${ofName(clsm.mechanism.name)} sur le projet avant l'adoption prévue le ${formatDateFr(projetDue)} (${ptsm}).`, clsm);
        }
        const diagnosticDue = diagnostic.due ?? m.dates?.diagnosticAdopted;
        if (diagnostic.state === 'awaited' && diagnosticDue && diagnosticDue >= asOf) {
          add(entry, 'avis-a-recueillir', diagnosticDue, `Recueillir l'avis ${ofName(clsm.mechanism.name)} sur le diagnostic avant son adoption prévue le ${formatDateFr(diagnosticDue)} (${ptsm}).`, clsm);
        }
        if ((diagnostic.state === 'missing' || diagnostic.state === 'late') && diagnostic.due && diagnostic.due <= asOf) {
          add(
            entry,
            'diagnostic-sans-avis',
            diagnostic.due,
            `${capitalize(`le diagnostic ${ofName(m.name)}`)} a été adopté le ${formatDateFr(diagnostic.due)} ${diagnostic.state === 'late' ? "avant l'avis" : "sans l'avis"} ${ofName(clsm.mechanism.name)} : le recueillir et en tenir compte.`,
            clsm,
          );
        }
      }
      const adopted = m.dates?.adopted;
      if (adopted && adopted <= asOf && isActiveAt(m, asOf)) {
        const fiveYears = addYears(adopted, 5);
        add(entry, 'ptsm-cinq-ans', fiveYears, fiveYears < asOf ? `${capitalize(ptsm)} a atteint cinq ans le ${formatDateFr(fiveYears)} : son renouvellement est dû.` : `${capitalize(ptsm)} atteint cinq ans le ${formatDateFr(fiveYears)} : préparer son renouvellement.`);
      }
    } else if (m.kind === 'CLS') {
      const end = m.dates?.end;
      if (end && (isActiveAt(m, asOf) || isActiveAt(m, end))) {
        const cls = theName(m.name);
        add(entry, 'cls-fin', end, end < asOf ? `${capitalize(cls)} a pris fin le ${formatDateFr(end)} : le renouveler ou le clore.` : `${capitalize(cls)} prend fin le ${formatDateFr(end)} : préparer son renouvellement.`);
      }
    }
  }
  const upcoming = out.filter((d) => !d.passed).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const passed = out.filter((d) => d.passed).sort((a, b) => (a.date > b.date ? -1 : a.date < b.date ? 1 : 0));
  return { asOf, since, until, upcoming, passed };
}

/** The coordinators of a mechanism, with what the model knows of how to reach them. */
function contactsOf(model: ArticulationModel, entry: MechanismEntry): Contact[] {
  return (entry.mechanism.coordinators ?? []).map((c) => {
    const person = model.people.get(c.person);
    return {
      person: c.person,
      label: person?.label ?? c.person,
      ...(person?.email ? { email: person.email } : {}),
      ...(person?.phone ? { phone: person.phone } : {}),
      mechanism: entry.mechanism.id,
    };
  });
}
