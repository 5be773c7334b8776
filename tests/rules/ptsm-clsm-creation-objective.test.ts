import { C, EPCI, describeRule, doc, mech } from './harness.ts';

/** Beaumont-en-Verdunois and Bezonvaux (Meuse): "villages morts pour la France", no inhabitants. */
const UNINHABITED = ['55039', '55050'];
const ptsm = (overrides = {}) => mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, dates: { adopted: '2021-06-09' }, ...overrides });

describeRule('ptsm-clsm-creation-objective', {
  fires: [
    {
      name: 'no CLSM in the département and no creation objective among those declared',
      doc: doc({ mechanisms: [ptsm({ objectives: ['coordination-territoriale'] })] }),
      findings: [{ subjects: ['ptsm-79'], severity: 'warning', message: /^252 communes du territoire du PTSM ptsm-79 \(375\s?229 habitants, 100 % de sa population\) ne sont couvertes par aucun CLSM actif, et la création de CLSM ne figure pas dans ses objectifs\.$/ }],
    },
    {
      name: 'objectives not filled in: unknown, not false, so only information « à vérifier »',
      doc: doc({ mechanisms: [ptsm()] }),
      findings: [{ subjects: ['ptsm-79'], severity: 'info', message: /aucun CLSM actif, et ses objectifs ne sont pas renseignés : à vérifier si la création de CLSM y figure\.$/ }],
    },
    {
      name: 'a CLSM covers the Niort EPCI only',
      doc: doc({ mechanisms: [ptsm({ objectives: ['coordination'] }), mech('clsm-niortais', 'CLSM', [], { territory: { epci: [EPCI.niortais] } })] }),
      findings: [{ subjects: ['ptsm-79'] }],
    },
    {
      name: 'the only CLSM is a project',
      doc: doc({ mechanisms: [ptsm({ territory: { communes: [C.niort] } }), mech('clsm-niort', 'CLSM', [C.niort], { status: 'project' })] }),
      findings: [{ subjects: ['ptsm-79'], message: /^1 commune .*59\s?854 habitants/ }],
    },
    {
      name: 'one inhabited commune of the PTSM is left out by its CLSMs',
      doc: doc({ mechanisms: [ptsm({ territory: { communes: [C.niort, C.chauray] } }), mech('clsm-niort', 'CLSM', [C.niort])] }),
      findings: [{ subjects: ['ptsm-79'], message: /7\s?221 habitants/ }],
    },
  ],
  passes: [
    { name: 'the PTSM has the creation-clsm objective', doc: doc({ mechanisms: [ptsm({ objectives: ['creation-clsm'] })] }) },
    { name: 'the objective tag is matched whatever its case', doc: doc({ mechanisms: [ptsm({ objectives: ['Creation-CLSM'] })] }) },
    {
      name: 'its whole territory is covered by active CLSMs',
      doc: doc({ mechanisms: [ptsm({ territory: { communes: [C.niort, C.chauray] } }), mech('clsm-niort', 'CLSM', [C.niort]), mech('clsm-chauray', 'CLSM', [C.chauray])] }),
    },
    {
      name: 'the only communes left uncovered have no inhabitants',
      doc: doc({ mechanisms: [ptsm({ territory: { communes: [C.niort, ...UNINHABITED] } }), mech('clsm-niort', 'CLSM', [C.niort])] }),
    },
    { name: 'the PTSM is in preparation', doc: doc({ mechanisms: [ptsm({ status: 'project' })] }) },
    { name: 'the PTSM ended before the reference date', doc: doc({ mechanisms: [ptsm({ status: 'ended', dates: { adopted: '2014-06-01', end: '2020-12-31' } })] }) },
  ],
});
