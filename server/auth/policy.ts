// Who may write what. Roles are checked per route (requires(…), access.ts); scopes are checked
// here, per change, inside the store's write transaction (so the check and the write see the same
// state), with the roles' abilities read from access.ts.
//
// - admin: everything.
// - ars: a mechanism whose territory meets the scope's départements (a région stands for its
//   départements), territories normalised with the model's TerritoryIndex; for a create, the new
//   state must be in scope; for an update, both the state before and after (an officer can move a
//   mechanism neither out of nor into their scope); for a delete, the state before.
// - coordinateur: updates the named mechanisms (creating or deleting a mechanism is for an ARS
//   officer or an administrator).
// - ars and coordinateur: a territory change that takes a mechanism out of a département needs
//   that département in the account's scope (a coordinator cannot move their mechanism out of the
//   ARS scope that covered it; an ARS officer cannot take it out of another officer's).
// - ars and coordinateur: a link when one of its ends is a mechanism they may edit (before and
//   after an update); a person when they may edit every mechanism that person coordinates, or when
//   this account created them and they coordinate nothing yet; anyone who may write may create a
//   person. Naming a coordinator gives no right over them: a person who coordinates something can
//   only lose editors when they coordinate one more mechanism, and a person who coordinates nothing
//   may be named only by an account that may already edit them (or in the write that creates them).
// - Dataset fields (title, scope, extra fields) change only through an administrator's import.
import type { Mechanism, Person, StoredLink } from '../../model/schema.ts';
import type { TerritoryIndex } from '../../model/territory.ts';
import { agree, listFr } from '../../model/text.ts';
import { badRequest, type Issue } from '../errors.ts';
import type { AuditEntry, Change, FindingStateData, Scenario, Snapshot, Store } from '../store.ts';
import { allows, forbidden } from './access.ts';
import { ROLE_LABELS, type Account, type AccountScope, type Role } from './types.ts';

export class Policy {
  constructor(
    private readonly territories: TerritoryIndex,
    private readonly store: Pick<Store, 'departementsOf'>,
  ) {}

  /** The départements of a scope (its régions expanded). */
  scopeDepartements(scope: AccountScope): Set<string> {
    const out = new Set(scope.departements ?? []);
    for (const r of scope.regions ?? []) for (const d of this.territories.departementsOfRegion(r)) out.add(d);
    return out;
  }

  /** The départements a mechanism's territory touches. */
  departementsOf(mechanism: Pick<Mechanism, 'territory'>): readonly string[] {
    return this.store.departementsOf(mechanism);
  }

  /** May this account edit a mechanism in this state (its id and territory)? */
  mechanismInScope(account: Account, mechanism: Pick<Mechanism, 'id' | 'territory'>, deps = this.scopeDepartements(account.scope)): boolean {
    switch (account.role) {
      case 'admin':
        return true;
      case 'ars':
        return this.departementsOf(mechanism).some((d) => deps.has(d));
      case 'coordinateur':
        return (account.scope.mechanisms ?? []).includes(mechanism.id);
      default:
        return false;
    }
  }

  /** Ids of the mechanisms an account may edit now ('all' for an administrator). */
  editableMechanisms(account: Account, snap: Snapshot): 'all' | string[] {
    if (account.role === 'admin') return 'all';
    if (account.role === 'lecteur') return [];
    const deps = this.scopeDepartements(account.scope);
    return snap.records.mechanisms.filter((r) => this.mechanismInScope(account, r.data, deps)).map((r) => r.id);
  }

  private linkInScope(account: Account, link: Pick<StoredLink, 'from' | 'to'>, snap: Snapshot, deps: Set<string>): boolean {
    return [link.from, link.to].some((id) => {
      const m = snap.index.mechanisms.get(id)?.data;
      return m !== undefined && this.mechanismInScope(account, m, deps);
    });
  }

  /**
   * May this account set the state of a finding? As for a link: when it may edit one of the
   * finding's mechanisms (or a link's end, or every mechanism a person coordinates); a finding
   * about a whole territory (no subject), an ARS officer of one of its départements.
   */
  findingInScope(account: Account, finding: Pick<FindingStateData, 'subjects' | 'departements'>, snap: Snapshot, deps = this.scopeDepartements(account.scope)): boolean {
    if (account.role === 'admin') return true;
    if (finding.subjects.length === 0) return account.role === 'ars' && finding.departements.some((d) => deps.has(d));
    return finding.subjects.some((id) => {
      const m = snap.index.mechanisms.get(id)?.data;
      if (m) return this.mechanismInScope(account, m, deps);
      const link = snap.index.links.get(id)?.data;
      if (link) return this.linkInScope(account, link, snap, deps);
      return snap.index.people.has(id) && this.coordinatedBy(id, snap).length > 0 && this.personInScope(account, id, snap, deps);
    });
  }

  /** The mechanisms a person coordinates (in this state). */
  private coordinatedBy(personId: string, snap: Snapshot): Mechanism[] {
    return snap.records.mechanisms.filter((m) => m.data.coordinators?.some((c) => c.person === personId)).map((m) => m.data);
  }

  private personInScope(account: Account, personId: string, snap: Snapshot, deps: Set<string>): boolean {
    const coordinated = this.coordinatedBy(personId, snap);
    if (coordinated.length > 0) return coordinated.every((m) => this.mechanismInScope(account, m, deps));
    return snap.creatorOf(personId) === String(account.id);
  }

  /** The check the store runs for each change of a write made by this account (throws 403). */
  authorizer(account: Account): (change: Change) => void {
    if (account.role === 'admin') return () => undefined;
    const deps = this.scopeDepartements(account.scope);
    const scopeText = describeScope(account.role, account.scope);
    return (change) => {
      if (!allows(account.role, 'write')) throw forbidden(`accès refusé : un compte ${ROLE_LABELS[account.role]} peut consulter les données mais pas les modifier`);
      if (change.kind === 'dataset') {
        throw forbidden('seul un administrateur peut modifier les champs du jeu de données (titre, périmètre, champs libres)', [{ path: 'meta', message: 'réservé aux administrateurs' }]);
      }
      const refuse = (what: string) => forbidden(`hors de votre périmètre (${scopeText}) : ${what}`, [{ path: change.kind === 'links' ? 'from' : 'id', message: 'hors de votre périmètre' }]);
      if (change.kind === 'mechanisms') {
        if ((change.op === 'create' && !allows(account.role, 'createMechanisms')) || (change.op === 'delete' && !allows(account.role, 'deleteMechanisms'))) {
          throw forbidden(`un compte ${ROLE_LABELS[account.role]} modifie ses dispositifs mais ne peut ni en créer ni en supprimer : demandez-le à l’ARS`, [
            { path: 'id', message: change.op === 'create' ? 'création réservée à l’ARS et aux administrateurs' : 'suppression réservée à l’ARS et aux administrateurs' },
          ]);
        }
        for (const [state, label] of [
          [change.before, 'avant'],
          [change.after, 'après'],
        ] as const) {
          if (state === undefined) continue;
          const m = state as Mechanism;
          if (!this.mechanismInScope(account, m, deps)) {
            const where = account.role === 'ars' ? ` (départements ${this.departementsOf(m).join(', ') || 'aucun'})` : '';
            throw refuse(
              change.op === 'update' && label === 'après' && change.before !== undefined
                ? `le dispositif « ${change.id} » sortirait de votre périmètre${where}`
                : `le dispositif « ${change.id} »${where}`,
            );
          }
        }
        const before = change.before as Mechanism | undefined;
        const after = change.after as Mechanism | undefined;
        if (before && after) {
          const kept = new Set(this.departementsOf(after));
          const left = this.departementsOf(before).filter((d) => !kept.has(d) && !deps.has(d));
          if (left.length > 0) {
            const several = left.length > 1;
            throw refuse(
              `le dispositif « ${after.name} » quitterait ${several ? 'les départements' : 'le département'} ${left.join(', ')} : seul un agent d’ARS de ${several ? 'ces départements' : 'ce département'} ou un administrateur peut l’en retirer`,
            );
          }
        }
        const named = new Set((before?.coordinators ?? []).map((c) => c.person));
        for (const { person } of after?.coordinators ?? []) {
          if (named.has(person) || !change.snap.index.people.has(person)) continue; // already named, or created by this same write
          if (this.coordinatedBy(person, change.snap).some((m) => m.id !== change.id)) continue;
          if (change.snap.creatorOf(person) === String(account.id)) continue;
          const label = change.snap.index.people.get(person)!.data.label;
          throw forbidden(
            `hors de votre périmètre (${scopeText}) : la personne « ${label} » ne coordonne encore aucun dispositif et a été créée par un autre compte ; seul ce compte ou un administrateur peut la nommer (nommer une personne ne donne pas le droit de la modifier)`,
            [{ path: 'coordinators', message: `« ${label} » : hors de votre périmètre` }],
          );
        }
        return;
      }
      if (change.kind === 'findings') {
        for (const state of [change.before, change.after]) {
          if (state === undefined || state === null) continue;
          if (!this.findingInScope(account, state as FindingStateData, change.snap, deps)) {
            throw forbidden(`hors de votre périmètre (${scopeText}) : ce constat ne concerne aucun dispositif que vous pouvez modifier`, [{ path: 'finding', message: 'hors de votre périmètre' }]);
          }
        }
        return;
      }
      if (change.kind === 'links') {
        for (const state of [change.before, change.after]) {
          if (state === undefined) continue;
          const link = state as StoredLink;
          if (!this.linkInScope(account, link, change.snap, deps)) throw refuse(`le lien « ${change.id} » (${link.from} → ${link.to}) ne touche aucun de vos dispositifs`);
        }
        return;
      }
      // people
      if (change.op === 'create') return;
      if (!this.personInScope(account, change.id, change.snap, deps)) {
        const label = (change.before as Person | undefined)?.label ?? change.id;
        const outside = this.coordinatedBy(change.id, change.snap).filter((m) => !this.mechanismInScope(account, m, deps));
        throw refuse(
          outside.length === 0
            ? `la personne « ${label} » ne coordonne aucun dispositif et a été créée par un autre compte`
            : `la personne « ${label} » coordonne aussi ${outside.length > 1 ? 'des dispositifs' : 'un dispositif'} hors de votre périmètre (${listFr(outside.map((m) => `« ${m.name} »`))}) : seul un compte qui peut modifier chacun d’eux peut la modifier`,
        );
      }
    };
  }

  /** Which journal entries an account may read: everything for an administrator; an ARS officer sees their scope and their own writes. */
  auditFilter(account: Account, snap: Snapshot): ((entry: AuditEntry) => boolean) | undefined {
    if (account.role === 'admin') return undefined;
    const deps = this.scopeDepartements(account.scope);
    const mine = String(account.id);
    return (entry) => {
      if (entry.account?.id !== undefined && String(entry.account.id) === mine) return true;
      const states = [entry.before, entry.after].filter((s): s is Record<string, unknown> => s !== null && typeof s === 'object');
      switch (entry.entity) {
        case 'mechanisms':
          return states.some((s) => typeof s.territory === 'object' && this.mechanismInScope(account, s as unknown as Mechanism, deps));
        case 'links':
          return states.some((s) => typeof s.from === 'string' && typeof s.to === 'string' && this.linkInScope(account, s as unknown as StoredLink, snap, deps));
        case 'findings':
          return states.some((s) => Array.isArray(s.subjects) && Array.isArray(s.departements) && this.findingInScope(account, s as unknown as FindingStateData, snap, deps));
        case 'people':
          return entry.entityId !== null && snap.records.mechanisms.some((m) => m.data.coordinators?.some((c) => c.person === entry.entityId) && this.mechanismInScope(account, m.data, deps));
        default:
          return false;
      }
    };
  }

  /**
   * Who reads a scenario (and its shared link): administrators and readers every one, its author,
   * an ARS officer one that touches their scope (a mechanism changed, before or after, a link
   * with an end there, or the scenario's territory), a coordinator one that touches their
   * mechanisms. A plan is read where it would act, as the journal is.
   */
  scenarioVisible(account: Account, scenario: Scenario, snap: Snapshot): boolean {
    if (account.role === 'admin' || account.role === 'lecteur') return true;
    if (scenario.author?.id === account.id) return true;
    const deps = this.scopeDepartements(account.scope);
    if (account.role === 'ars') {
      const territory = new Set(scenario.scope.departements ?? []);
      for (const r of scenario.scope.regions ?? []) for (const d of this.territories.departementsOfRegion(r)) territory.add(d);
      if ([...territory].some((d) => deps.has(d))) return true;
    }
    const created = new Map<string, Mechanism>();
    for (const change of scenario.changes) if (change.kind === 'mechanisms' && change.op !== 'delete') created.set(change.id, change.data as unknown as Mechanism);
    const mechanismTouched = (id: string) =>
      [snap.index.mechanisms.get(id)?.data, created.get(id)].some((m) => m !== undefined && this.mechanismInScope(account, m, deps));
    return scenario.changes.some((change) => {
      if (change.kind === 'mechanisms') return mechanismTouched(change.id);
      if (change.kind === 'links') {
        const link = (change.op === 'delete' ? snap.index.links.get(change.id)?.data : change.data) as Pick<StoredLink, 'from' | 'to'> | undefined;
        return link !== undefined && [link.from, link.to].some(mechanismTouched);
      }
      return false;
    });
  }

  /** Who changes, deletes or applies a scenario: its author and administrators (applying also checks each change against the applier's scope). */
  scenarioEditable(account: Account, scenario: Scenario): boolean {
    return account.role === 'admin' || scenario.author?.id === account.id;
  }

  /** Check and normalise the scope given to an account of this role (400 naming unknown codes). */
  validateScope(role: Role, scope: unknown, snap: Snapshot): AccountScope {
    const input = (scope ?? {}) as Record<string, unknown>;
    if (typeof input !== 'object' || Array.isArray(input)) throw badRequest('périmètre invalide', [{ path: 'scope', message: 'doit être un objet { regions, departements, mechanisms }' }]);
    const list = (key: string): string[] => {
      const value = input[key];
      if (value === undefined) return [];
      if (!Array.isArray(value) || !value.every((x) => typeof x === 'string') || value.length > 2000) {
        throw badRequest('périmètre invalide', [{ path: `scope.${key}`, message: 'doit être une liste de codes' }]);
      }
      return [...new Set(value.map((x) => x.trim()).filter(Boolean))];
    };
    for (const key of Object.keys(input)) {
      if (!['regions', 'departements', 'mechanisms'].includes(key)) throw badRequest('périmètre invalide', [{ path: `scope.${key}`, message: 'champ inconnu (attendu : regions, departements, mechanisms)' }]);
    }
    const regions = list('regions');
    const departements = list('departements');
    const mechanisms = list('mechanisms');
    const issues: Issue[] = [];
    regions.forEach((r, i) => this.territories.isRegion(r) || issues.push({ path: `scope.regions[${i}]`, message: `région inconnue « ${r} »` }));
    departements.forEach((d, i) => this.territories.isDepartement(d) || issues.push({ path: `scope.departements[${i}]`, message: `département inconnu « ${d} »` }));
    mechanisms.forEach((m, i) => snap.index.mechanisms.has(m) || issues.push({ path: `scope.mechanisms[${i}]`, message: `dispositif inconnu « ${m} »` }));
    if (role === 'ars') {
      if (mechanisms.length) issues.push({ path: 'scope.mechanisms', message: 'le périmètre d’un agent d’ARS se donne en régions et départements' });
      if (!regions.length && !departements.length) issues.push({ path: 'scope', message: 'un agent d’ARS a au moins une région ou un département' });
    } else if (role === 'coordinateur') {
      if (regions.length || departements.length) issues.push({ path: 'scope', message: 'le périmètre d’un coordinateur se donne en dispositifs' });
      if (!mechanisms.length) issues.push({ path: 'scope.mechanisms', message: 'un coordinateur a au moins un dispositif' });
    } else if (regions.length || departements.length || mechanisms.length) {
      issues.push({ path: 'scope', message: `un compte ${ROLE_LABELS[role]} n’a pas de périmètre` });
    }
    if (issues.length) throw badRequest(`périmètre invalide : ${issues.map((i) => i.message).join(' ; ')}`, issues);
    if (role === 'ars') return { ...(regions.length ? { regions } : {}), ...(departements.length ? { departements } : {}) };
    if (role === 'coordinateur') return { mechanisms };
    return {};
  }
}

/** A scope in French: « régions 75 ; départements 79, 86 », « dispositifs clsm-niort », « national ». */
/** Names of what a scope lists, for readers: « Deux-Sèvres (79) », « CLSM de Niort ». */
export interface ScopeNames {
  region(code: string): string | undefined;
  departement(code: string): string | undefined;
  mechanism(id: string): string | undefined;
}

/** A scope in words: « départements Deux-Sèvres (79), Vienne (86) ; dispositif CLSM de Niort » (codes when no names are given). */
export function describeScope(role: Role, scope: AccountScope, names?: ScopeNames): string {
  if (role === 'admin') return 'national';
  if (role === 'lecteur') return 'lecture seule';
  const parts: string[] = [];
  const named = (codes: readonly string[] | undefined, word: string, name: (code: string) => string | undefined) =>
    codes?.length && parts.push(`${agree(codes.length, word)} ${codes.map(name).join(', ')}`);
  named(scope.regions, 'région', (c) => names?.region(c) ?? c);
  named(scope.departements, 'département', (c) => (names?.departement(c) ? `${names.departement(c)} (${c})` : c));
  named(scope.mechanisms, 'dispositif', (id) => names?.mechanism(id) ?? id);
  return parts.join(' ; ') || 'aucun périmètre';
}
