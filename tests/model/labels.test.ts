// The user's words for codes: links by their ends, objectives, coordinators, dates (done or
// planned at the reference date), avis cells.
import { describe, expect, it } from 'vitest';
import { avisCellText, coordinatorText, datedEvent, datesText, DATE_EVENTS, fieldOfPath, formatDateShort, linkDetails, linkTitle, objectiveLabel, recordTitle, subjectNamer } from '../../model/labels.ts';
import { uncapitalize } from '../../model/text.ts';

const names = new Map([
  ['clsm-niort', 'CLSM de Niort'],
  ['ptsm-79', 'PTSM des Deux-Sèvres'],
  ['cls-niort', 'CLS de la Ville de Niort'],
  ['cpts-x', 'CPTS du Niortais'],
  ['asv-x', 'ASV de Thouars'],
]);
const nameOf = (id: string) => names.get(id) ?? id;

describe('the user’s words', () => {
  it('names a link by its kind and its ends, with the right articles', () => {
    expect(linkTitle({ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet' }, nameOf)).toBe('Avis du CLSM de Niort sur le PTSM des Deux-Sèvres (projet)');
    expect(linkTitle({ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'diagnostic' }, nameOf)).toBe('Avis du CLSM de Niort sur le PTSM des Deux-Sèvres (diagnostic)');
    expect(linkTitle({ kind: 'contribution', from: 'cpts-x', to: 'ptsm-79' }, nameOf)).toBe('Contribution de la CPTS du Niortais au PTSM des Deux-Sèvres');
    expect(linkTitle({ kind: 'declinaison', from: 'clsm-niort', to: 'ptsm-79' }, nameOf)).toBe('Déclinaison du PTSM des Deux-Sèvres par le CLSM de Niort');
    expect(linkTitle({ kind: 'volet-sante-mentale', from: 'cls-niort', to: 'clsm-niort' }, nameOf)).toBe('Volet santé mentale du CLS de la Ville de Niort : le CLSM de Niort');
    expect(linkTitle({ kind: 'prise-en-compte', from: 'cls-niort', to: 'ptsm-79' }, nameOf)).toBe('Prise en compte du PTSM des Deux-Sèvres par le CLS de la Ville de Niort');
    expect(linkTitle({ kind: 'articulation', from: 'asv-x', to: 'clsm-niort' }, nameOf)).toBe("Articulation entre l'ASV de Thouars et le CLSM de Niort");
  });

  it('names a record as the journal and the import problems do, a field by its French name, a finding’s subject by its name', () => {
    expect(recordTitle('mechanisms', { name: 'CLSM de Niort', id: 'clsm-niort' }, nameOf)).toBe('Dispositif « CLSM de Niort »');
    expect(recordTitle('people', { label: 'Claire Martin' }, nameOf)).toBe('Personne « Claire Martin »');
    expect(recordTitle('links', { kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet' }, nameOf)).toBe('Lien « Avis du CLSM de Niort sur le PTSM des Deux-Sèvres (projet) »');
    // Nothing to name it by: the bare noun, never an id or a made-up name.
    expect(recordTitle('mechanisms', { id: 'clsm-x' }, nameOf)).toBe('Dispositif');
    expect(recordTitle('links', { kind: 'inconnu', from: 'clsm-niort', to: 'ptsm-79' }, nameOf)).toBe('Lien');
    expect(fieldOfPath('territory.communes[0]')).toBe('Territoire');
    expect(fieldOfPath('dates.start')).toBe('Début');
    expect(fieldOfPath('champLibre')).toBe('champLibre');
    const subject = subjectNamer({ nameOf, links: [{ id: 'avis--clsm-niort--ptsm-79--projet', kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet' }] });
    expect(['clsm-niort', 'avis--clsm-niort--ptsm-79--projet', 'effacé'].map(subject)).toEqual(['CLSM de Niort', 'Avis du CLSM de Niort sur le PTSM des Deux-Sèvres (projet)', 'élément supprimé']);
  });

  it('says a date as done only when it has come at the reference date', () => {
    expect(datedEvent('2021-06-09', '2025-06-01', DATE_EVENTS.adopted)).toBe('adopté le 9 juin 2021');
    expect(datedEvent('2027-03-01', '2025-06-01', DATE_EVENTS.adopted)).toBe('adoption prévue le 1er mars 2027');
    expect(datedEvent('2025-06-01', '2025-06-01', DATE_EVENTS.adopted)).toBe('adopté le 1er juin 2025');
    expect(datesText({ signed: '2025-01-20', start: '2025-01-20', end: '2029-12-31' }, '2026-12-07')).toBe('signé le 20 janvier 2025, fin prévue le 31 décembre 2029');
    expect(datesText({ start: '2012-03-01', end: '2024-12-31' }, '2026-12-07')).toBe('depuis le 1er mars 2012, terminé le 31 décembre 2024');
    expect(datesText(undefined, '2026-12-07')).toBe('');
    expect(formatDateShort('2026-12-07')).toBe('07/12/2026');
  });

  it('writes objectives, coordinators, link details and avis cells in words', () => {
    expect(objectiveLabel('creation-clsm')).toBe('Création d’un CLSM');
    expect(objectiveLabel('jardins-partages')).toBe('Jardins partages');
    expect(coordinatorText('Claire Martin', 0.5)).toBe('Claire Martin (coordination, 0,5 ETP)');
    expect(coordinatorText('Claire Martin', undefined)).toBe('Claire Martin (coordination)');
    expect(linkDetails({ date: '2021-03-15', opinion: 'favorable-reserves', response: 'Axe 2 complété' }, '2025-06-01')).toBe('le 15 mars 2021 · favorable avec réserves · réponse du PTSM : Axe 2 complété');
    expect(linkDetails({ forms: ['copil', 'convention'] }, '2025-06-01')).toBe('Présence au COPIL, Convention');
    expect(avisCellText({ state: 'received', link: { id: 'x', date: '2021-03-15', opinion: 'favorable' } })).toBe('Reçu le 15 mars 2021 (favorable)');
    expect(avisCellText({ state: 'awaited', reason: 'adoption prévue le 1er mars 2027' })).toBe('Attendu, adoption prévue le 1er mars 2027');
    expect(avisCellText({ state: 'not-required' })).toBe('Non requis');
    expect(uncapitalize('Population couverte')).toBe('population couverte');
    expect(uncapitalize('CLSM actifs')).toBe('CLSM actifs');
  });
});
