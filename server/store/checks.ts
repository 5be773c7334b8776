// Checking one entity of a write against the stored state: its shape and territory codes (the
// dataset's own validation, on a one-entity document), its id, its link ends. Pure: no database.
import * as v from 'valibot';
import { FORMAT, LinkSchema, type Mechanism, type Person, type StoredLink } from '../../model/schema.ts';
import type { TerritoryIndex } from '../../model/territory.ts';
import { agree, plural, slugify } from '../../model/text.ts';
import { linkEndProblems, shapeProblems, validateDataset, defaultLinkId, type Problem } from '../../model/validate.ts';
import { isObject } from '../canonical.ts';
import { ApiError, badRequest, conflict, type Issue } from '../errors.ts';
import type { Snapshot } from './snapshot.ts';
import { LABEL, MAX_PROBLEMS, type EntityData, type EntityKind } from './types.ts';

/**
 * Check a body as one entity of the stored dataset and return its normalised form. The dataset
 * stays valid: shape and territory codes (validateDataset on a one-entity document), ids, link ends.
 */
export function checkEntity<K extends EntityKind>(territories: TerritoryIndex, snap: Snapshot, kind: K, body: unknown, pathId: string | undefined): EntityData[K] & Record<string, unknown> {
  if (!isObject(body)) throw badRequest(`le corps doit être un objet JSON décrivant ${LABEL[kind].a}`, [{ path: '(corps)', message: 'doit être un objet' }]);
  const input: Record<string, unknown> = { ...body };
  if (pathId !== undefined) {
    if (input.id === undefined) input.id = pathId;
    else if (input.id !== pathId) {
      throw badRequest("l'identifiant ne peut pas changer", [{ path: 'id', message: `« ${String(input.id)} » diffère de l'identifiant de l'adresse (« ${pathId} »)` }]);
    }
  }
  if (kind === 'mechanisms') return checkMechanism(territories, snap, input, pathId !== undefined) as EntityData[K] & Record<string, unknown>;
  if (kind === 'people') return checkPerson(territories, snap, input) as EntityData[K] & Record<string, unknown>;
  return checkLink(snap, input) as EntityData[K] & Record<string, unknown>;
}

function checkMechanism(territories: TerritoryIndex, snap: Snapshot, input: Record<string, unknown>, isUpdate: boolean): Mechanism {
  if (input.id === undefined && typeof input.name === 'string' && typeof input.kind === 'string') {
    input.id = freeId(`${input.kind.toLowerCase()}-${slugify(input.name)}`, (id) => snap.index.mechanisms.has(id) || snap.index.people.has(id));
  }
  const refs = new Set(
    (Array.isArray(input.coordinators) ? input.coordinators : []).map((c) => (isObject(c) ? c.person : undefined)).filter((p): p is string => typeof p === 'string'),
  );
  const people = [...refs].map((id) => snap.index.people.get(id)?.data).filter((p): p is Person => p !== undefined);
  const result = validateDataset({ format: FORMAT, mechanisms: [input], people }, territories, { maxProblems: MAX_PROBLEMS });
  if (!result.ok) throw invalidEntity('mechanisms', result.problems, 'mechanisms[0]', result.problemCount);
  const mechanism = result.dataset.mechanisms[0];
  if (snap.index.people.has(mechanism.id)) {
    throw badRequest('identifiant déjà pris', [{ path: 'id', message: `« ${mechanism.id} » est déjà l'identifiant d'une personne` }]);
  }
  if (isUpdate) {
    const kindOf = (ref: string) => (ref === mechanism.id ? mechanism.kind : snap.kindOf(ref));
    const links = snap.records.links.filter((l) => l.data.from === mechanism.id || l.data.to === mechanism.id);
    const broken = links.filter((l) => linkEndProblems(l.data, 'link', kindOf).length > 0);
    if (broken.length > 0) {
      throw conflict(
        `le type ${mechanism.kind} est incompatible avec ${plural(broken.length, 'lien')} ${agree(broken.length, 'existant')} : modifiez ou supprimez-les d'abord`,
        broken.flatMap((l) => linkEndProblems(l.data, 'link', kindOf).map((p) => ({ path: 'kind', message: `lien « ${l.id} » : ${p.message}` }))),
        { links: broken },
      );
    }
  }
  return mechanism;
}

function checkPerson(territories: TerritoryIndex, snap: Snapshot, input: Record<string, unknown>): Person {
  if (input.id === undefined && typeof input.label === 'string') {
    input.id = freeId(slugify(input.label) || 'personne', (id) => snap.index.mechanisms.has(id) || snap.index.people.has(id));
  }
  const result = validateDataset({ format: FORMAT, people: [input] }, territories, { maxProblems: MAX_PROBLEMS });
  if (!result.ok) throw invalidEntity('people', result.problems, 'people[0]', result.problemCount);
  const person = result.dataset.people[0];
  if (snap.index.mechanisms.has(person.id)) {
    throw badRequest('identifiant déjà pris', [{ path: 'id', message: `« ${person.id} » est déjà l'identifiant d'un dispositif` }]);
  }
  return person;
}

function checkLink(snap: Snapshot, input: Record<string, unknown>): StoredLink {
  const parsed = v.safeParse(LinkSchema, input, { abortPipeEarly: false });
  const problems = parsed.success ? [] : shapeProblems(parsed.issues, 'link');
  for (const problem of linkEndProblems(input, 'link', snap.kindOf)) problems.push(problem);
  if (!parsed.success || problems.length > 0) throw invalidEntity('links', problems.slice(0, MAX_PROBLEMS), 'link', problems.length);
  const link = parsed.output;
  const id = link.id ?? freeId(defaultLinkId(link), (candidate) => snap.index.links.has(candidate));
  return { ...link, id };
}

/** 400 listing the first problems of a body (`count` in all), paths relative to the body. */
function invalidEntity(kind: EntityKind, problems: Problem[], prefix: string, count: number): ApiError {
  const issues: Issue[] = problems.map((p) => ({
    path: p.path === prefix ? '(corps)' : p.path.startsWith(`${prefix}.`) ? p.path.slice(prefix.length + 1) : p.path.startsWith(`${prefix}[`) ? p.path.slice(prefix.length) : p.path,
    message: p.message,
  }));
  const shown = count > issues.length ? ` (les ${issues.length} premiers sont listés)` : '';
  return badRequest(`${LABEL[kind].one} invalide : ${plural(count, 'problème')}${shown}`, issues, count > issues.length ? { problemCount: count } : undefined);
}

/** `base`, or `base-2`, `base-3`… whichever is free. */
export function freeId(base: string, taken: (id: string) => boolean): string {
  const root = base.slice(0, 100).replace(/-+$/, '') || 'x';
  let id = root;
  for (let n = 2; taken(id); n++) id = `${root}-${n}`;
  return id;
}
