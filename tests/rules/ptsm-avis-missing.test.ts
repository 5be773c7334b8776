import { describe, expect, it } from 'vitest';
import { C, describeRule, doc, mech, runRule } from './harness.ts';

const ptsm = mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, dates: { start: '2021-06-09', diagnosticAdopted: '2019-07-05', adopted: '2021-06-09' } });
/** A CLSM active from 2017, dormant since March 2024 (DOMAIN.md §4: dated statuses). */
const dormantSince2024 = mech('clsm-niort', 'CLSM', [C.niort], {
  status: 'dormant',
  statusHistory: [
    { status: 'active', from: '2017-01-01' },
    { status: 'dormant', from: '2024-03-01' },
  ],
});

describeRule('ptsm-avis-missing', {
  fires: [
    {
      name: 'a CLSM active at adoption gave no avis on the project',
      doc: doc({ mechanisms: [ptsm, mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2015-01-01' } })] }),
      findings: [
        {
          subjects: ['clsm-niort', 'ptsm-79'],
          severity: 'error',
          message: /^Le CLSM clsm-niort n'a pas donné son avis sur le projet du PTSM ptsm-79, adopté le 9 juin 2021\.$/,
          fixMessage: /^Enregistrer l'avis du CLSM clsm-niort sur le projet territorial\.$/,
          fixLink: { kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet' },
        },
      ],
    },
    {
      name: 'only the diagnostic avis was given',
      doc: doc({
        mechanisms: [ptsm, mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2015-01-01' } })],
        links: [{ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'diagnostic', date: '2019-05-01' }],
      }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'] }],
    },
    {
      name: 'replay: a CLSM dormant since 2024 owed its avis on the PTSM adopted in 2021 (reference date 2026)',
      asOf: '2026-12-07',
      doc: doc({ mechanisms: [ptsm, dormantSince2024] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'], severity: 'error', message: /adopté le 9 juin 2021\.$/ }],
    },
    {
      name: 'replay: the same at a reference date when it was still active',
      asOf: '2023-06-30',
      doc: doc({ mechanisms: [ptsm, dormantSince2024] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'], severity: 'error' }],
    },
    {
      name: "the CLSM's creation date is unknown: a warning « à vérifier » naming it, never an error",
      doc: doc({ mechanisms: [ptsm, mech('clsm-niort', 'CLSM', [C.niort])] }),
      findings: [
        {
          subjects: ['clsm-niort', 'ptsm-79'],
          severity: 'warning',
          message: /adopté le 9 juin 2021\. Sa date de création n'est pas renseignée : à vérifier s'il existait déjà à cette date\.$/,
          fixMessage: /^Renseigner la date de création du CLSM clsm-niort \(ou l'historique de ses statuts\)/,
        },
      ],
    },
  ],
  passes: [
    {
      name: 'the avis on the project was given before adoption',
      doc: doc({
        mechanisms: [ptsm, mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2015-01-01' } })],
        links: [{ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet', date: '2021-03-15', opinion: 'favorable' }],
      }),
    },
    {
      name: 'the CLSM was created after the PTSM was adopted',
      doc: doc({ mechanisms: [ptsm, mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2023-01-01' } })] }),
    },
    {
      name: 'a dated history: the CLSM became active after the adoption (its first active entry is a known start)',
      doc: doc({ mechanisms: [ptsm, mech('clsm-niort', 'CLSM', [C.niort], { statusHistory: [{ status: 'project', from: '2020-01-01' }, { status: 'active', from: '2022-01-01' }] })] }),
    },
    {
      name: 'a dated history: the CLSM was dormant at the adoption, active again since',
      doc: doc({
        mechanisms: [
          ptsm,
          mech('clsm-niort', 'CLSM', [C.niort], {
            statusHistory: [
              { status: 'active', from: '2015-01-01' },
              { status: 'dormant', from: '2020-01-01' },
              { status: 'active', from: '2022-01-01' },
            ],
          }),
        ],
      }),
    },
    {
      name: 'a CLSM dormant since 2024, without a dated history, is taken as never active',
      doc: doc({ mechanisms: [ptsm, mech('clsm-niort', 'CLSM', [C.niort], { status: 'dormant', dates: { start: '2017-01-01' } })] }),
    },
    {
      name: 'the CLSM is outside the PTSM territory',
      doc: doc({ mechanisms: [ptsm, mech('clsm-paris', 'CLSM', [C.paris20], { dates: { start: '2015-01-01' } })] }),
    },
    {
      name: 'the PTSM is still in preparation: the avis is awaited, not missing',
      doc: doc({
        mechanisms: [{ ...ptsm, status: 'project', dates: { adopted: '2026-03-01' } }, mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2015-01-01' } })],
      }),
    },
    {
      name: 'replay before the adoption: nothing is due yet',
      asOf: '2020-06-30',
      doc: doc({ mechanisms: [ptsm, dormantSince2024] }),
    },
  ],
});

describeRule('ptsm-avis-missing', {
  fires: [
    {
      name: 'an active PTSM whose adoption date is unknown: a warning « à vérifier »',
      doc: doc({ mechanisms: [mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] } }), mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2015-01-01' } })] }),
      findings: [{ subjects: ['clsm-niort', 'ptsm-79'], severity: 'warning', message: /adopté à une date inconnue\. À vérifier/, fixMessage: /^Renseigner la date d'adoption du PTSM ptsm-79/ }],
    },
  ],
  passes: [
    {
      name: 'a PTSM in preparation whose planned adoption date has passed is still awaited',
      asOf: '2026-09-01',
      doc: doc({ mechanisms: [mech('ptsm-79', 'PTSM', [], { status: 'project', territory: { departements: ['79'] }, dates: { adopted: '2026-03-01' } }), mech('clsm-niort', 'CLSM', [C.niort])] }),
    },
    {
      name: 'a PTSM whose dated history says it was still in preparation at the reference date',
      asOf: '2021-01-01',
      doc: doc({
        mechanisms: [
          { ...ptsm, statusHistory: [{ status: 'project', from: '2019-01-01' }, { status: 'active', from: '2021-06-09' }] },
          mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2015-01-01' } }),
        ],
      }),
    },
  ],
});

describe('rule ptsm-avis-missing: order', () => {
  it('lists the most recently due first within a severity', () => {
    const findings = runRule(
      'ptsm-avis-missing',
      doc({
        mechanisms: [
          ptsm,
          mech('ptsm-nord', 'PTSM', [C.bressuire], { dates: { adopted: '2025-01-15' } }),
          mech('clsm-niort', 'CLSM', [C.niort], { dates: { start: '2015-01-01' } }),
          mech('clsm-bressuire', 'CLSM', [C.bressuire], { dates: { start: '2015-01-01' } }),
        ],
      }),
    );
    expect(findings.map((f) => [f.subjects.join('+'), f.due])).toEqual([
      ['clsm-bressuire+ptsm-nord', '2025-01-15'],
      ['clsm-bressuire+ptsm-79', '2021-06-09'],
      ['clsm-niort+ptsm-79', '2021-06-09'],
    ]);
  });
});
