// The journal of writes: who changed what, when, before and after; and the undo of a record's
// last change. Administrators read all of it; an ARS officer reads the entries of their scope
// (and their own writes).
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { requires } from '../auth/access.ts';
import type { AppEnv, Deps } from '../context.ts';
import { ErrorSchema, badRequest } from '../errors.ts';
import { params, query } from '../http.ts';

const json = (schema: v.GenericSchema) => ({ 'application/json': { schema: resolver(schema) } });
const errorContent = json(ErrorSchema);
const SeqParam = v.object({ seq: v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'doit être un numéro d’entrée du journal'), v.transform(Number)) });

/** The day after an ISO date (the `to` filter includes its whole day). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function auditRoutes({ store, schemas, auth, writer }: Deps) {
  return new Hono<AppEnv>()
    .get(
      '/audit',
      requires('audit'),
      describeRoute({
        tags: ['Journal'],
        summary: 'Journal des écritures',
        description:
          'Du plus récent au plus ancien : numéro (seq), date, compte, action (create, update, delete, import, seed, undo ; password, revoke pour les comptes et jetons), entité, identifiant, état avant et après. ' +
          'Filtres : entity, id, action, account (numéro ou adresse du compte), mechanism (le dispositif et les liens qui le touchent), from et to (dates AAAA-MM-JJ, incluses), version (les entrées d’une écriture : les fiches d’un import) ; steps=true montre un import (ou son annulation) comme une seule étape, sans l’entrée de chacune de ses fiches ; pagination par before (voir next) et limit (≤ 1000, défaut 100). ' +
          'Réservé aux administrateurs (tout le journal) et aux agents d’ARS (les entrées de leur périmètre et leurs propres écritures).',
        responses: {
          200: { description: 'Entrées', content: { 'application/json': { schema: { type: 'object' } } } },
          400: { description: 'Paramètre invalide', content: errorContent },
          401: { description: 'Authentification requise', content: errorContent },
          403: { description: 'Réservé aux administrateurs et aux agents d’ARS', content: errorContent },
        },
      }),
      query(schemas.audit),
      (c) => {
        const q = c.req.valid('query');
        const principal = c.get('principal')!;
        let account: number | undefined;
        if (q.account !== undefined) {
          if (/^\d{1,12}$/.test(q.account)) account = Number(q.account);
          else {
            const found = auth.accounts.findByEmail(q.account);
            if (!found) return c.json({ items: [], next: null }, 200);
            account = found.id;
          }
        }
        if (q.from && q.to && q.to < q.from) throw badRequest('période invalide : « to » précède « from »', [{ path: 'to', message: 'doit suivre from' }]);
        const visible = auth.policy.auditFilter(principal.account, store.snapshot());
        return c.json(
          store.audit({
            entity: q.entity,
            entityId: q.id,
            action: q.action,
            account,
            mechanism: q.mechanism,
            from: q.from,
            to: q.to ? nextDay(q.to) : undefined,
            before: q.before,
            limit: q.limit,
            steps: q.steps,
            dataVersion: q.version,
            visible,
          }),
          200,
        );
      },
    )
    .post(
      '/audit/:seq/undo',
      requires('undo'),
      describeRoute({
        tags: ['Journal'],
        summary: 'Annuler la dernière modification d’un enregistrement',
        description:
          'Remet le dispositif, la personne ou le lien dans l’état d’avant cette entrée, si elle est toujours sa dernière modification et si rien ne l’a changé depuis (sinon 409). ' +
          'L’entrée d’un import (entité dataset, action import : journalEntry de la réponse de l’import) annule tout l’import d’un coup, en une seule écriture : les fiches créées sont supprimées, les autres remises dans leur état d’avant ; 409 en listant les fiches modifiées depuis, s’il y en a (rien n’est alors annulé). ' +
          'L’annulation est une écriture comme une autre : elle demande les mêmes droits (rôle et périmètre) et entre au journal (action undo, undoOf : l’entrée annulée). La suppression d’une personne ne s’annule pas : ses données ont été effacées.',
        responses: {
          200: { description: 'Annulé', content: { 'application/json': { schema: { type: 'object' } } } },
          401: { description: 'Authentification requise', content: errorContent },
          403: { description: 'Rôle ou périmètre insuffisant', content: errorContent },
          404: { description: 'Entrée inconnue', content: errorContent },
          409: { description: 'L’enregistrement a changé depuis, ou l’entrée ne s’annule pas', content: errorContent },
        },
      }),
      params(SeqParam),
      async (c) => {
        const { seq } = c.req.valid('param');
        await writer.idle();
        return c.json(store.undo(seq, auth.writeContext(c)), 200);
      },
    );
}
