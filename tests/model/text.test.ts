import { describe, expect, it } from 'vitest';
import { agree, capitalize, elideDe, leadingKind, listFr, ofName, plural, theName, toName } from '../../model/text.ts';

describe('leadingKind', () => {
  it('reads the kind acronym a name begins with', () => {
    expect(leadingKind('CLSM de Niort')).toBe('CLSM');
    expect(leadingKind('CLS du Bocage Bressuirais')).toBe('CLS');
    expect(leadingKind('PTSM des Deux-Sèvres')).toBe('PTSM');
    expect(leadingKind('CPTS du Niortais')).toBe('CPTS');
    expect(leadingKind('DAC des Deux-Sèvres')).toBe('DAC');
    expect(leadingKind('ASV de Niort (Clou-Bouchet)')).toBe('ASV');
    expect(leadingKind('CLSM')).toBe('CLSM');
    expect(leadingKind('CLSM-Niort')).toBe('CLSM');
  });
  it('wants a whole word, in capitals, at the very start', () => {
    expect(leadingKind('CLSMs de Niort')).toBeUndefined();
    expect(leadingKind('CLS2 Melle')).toBeUndefined();
    expect(leadingKind('CLSÉ de Niort')).toBeUndefined();
    expect(leadingKind('clsm de Niort')).toBeUndefined();
    expect(leadingKind('Clsm de Niort')).toBeUndefined();
    expect(leadingKind(' CLSM de Niort')).toBeUndefined();
    expect(leadingKind('Le CLSM de Niort')).toBeUndefined();
    expect(leadingKind('Conseil local de santé mentale de Melle')).toBeUndefined();
    expect(leadingKind('')).toBeUndefined();
  });
});

describe('theName', () => {
  it('puts the article of the leading acronym', () => {
    expect(theName('CLSM de Niort')).toBe('le CLSM de Niort');
    expect(theName('CLS du Bocage Bressuirais')).toBe('le CLS du Bocage Bressuirais');
    expect(theName('PTSM des Deux-Sèvres')).toBe('le PTSM des Deux-Sèvres');
    expect(theName('DAC des Deux-Sèvres')).toBe('le DAC des Deux-Sèvres');
    expect(theName('CPTS du Niortais')).toBe('la CPTS du Niortais');
    expect(theName('ASV de Niort (Clou-Bouchet)')).toBe("l'ASV de Niort (Clou-Bouchet)");
  });
  it('leaves any other name as written', () => {
    expect(theName('Conseil local de santé mentale de Melle')).toBe('Conseil local de santé mentale de Melle');
    expect(theName('Atelier santé ville de Thouars')).toBe('Atelier santé ville de Thouars');
    expect(theName('Le Relais')).toBe('Le Relais');
    expect(theName('CLS2 Melle')).toBe('CLS2 Melle');
  });
});

describe('ofName', () => {
  it('contracts « de » with the article of the leading acronym', () => {
    expect(ofName('CLSM du Bocage Bressuirais')).toBe('du CLSM du Bocage Bressuirais');
    expect(ofName('CLS Mellois en Poitou')).toBe('du CLS Mellois en Poitou');
    expect(ofName('PTSM des Deux-Sèvres')).toBe('du PTSM des Deux-Sèvres');
    expect(ofName('DAC des Deux-Sèvres')).toBe('du DAC des Deux-Sèvres');
    expect(ofName('CPTS du Niortais')).toBe('de la CPTS du Niortais');
    expect(ofName('ASV de Niort')).toBe("de l'ASV de Niort");
  });
  it('puts « de » before any other name, elided before a vowel, without adding an article', () => {
    expect(ofName('Conseil local de santé mentale de Melle')).toBe('de Conseil local de santé mentale de Melle');
    expect(ofName('Atelier santé ville de Thouars')).toBe("d'Atelier santé ville de Thouars");
    expect(ofName('Écoute Gâtine')).toBe("d'Écoute Gâtine");
    expect(ofName('Œuvre de Niort')).toBe("d'Œuvre de Niort");
    expect(ofName('Hôpital de jour')).toBe('de Hôpital de jour');
    expect(ofName('la collectivité')).toBe('de la collectivité');
    expect(ofName("l'ARS")).toBe("de l'ARS");
  });
  it('contracts a leading « le » or « les »', () => {
    expect(ofName('Le Relais des aidants')).toBe('du Relais des aidants');
    expect(ofName('le pôle ou secteur de psychiatrie')).toBe('du pôle ou secteur de psychiatrie');
    expect(ofName('Les Sables-d’Olonne')).toBe('des Sables-d’Olonne');
    expect(ofName('Lesbos')).toBe('de Lesbos');
  });
});

describe('toName', () => {
  it('contracts « à » with the article of the leading acronym', () => {
    expect(toName('CLSM intercommunal du Niortais')).toBe('au CLSM intercommunal du Niortais');
    expect(toName('CLS de Parthenay-Gâtine')).toBe('au CLS de Parthenay-Gâtine');
    expect(toName('PTSM des Deux-Sèvres')).toBe('au PTSM des Deux-Sèvres');
    expect(toName('DAC des Deux-Sèvres')).toBe('au DAC des Deux-Sèvres');
    expect(toName('CPTS du Niortais')).toBe('à la CPTS du Niortais');
    expect(toName('ASV de Thouars')).toBe("à l'ASV de Thouars");
  });
  it('puts « à » before any other name, contracting a leading « le » or « les »', () => {
    expect(toName('Conseil local de santé mentale de Melle')).toBe('à Conseil local de santé mentale de Melle');
    expect(toName('Atelier santé ville de Thouars')).toBe('à Atelier santé ville de Thouars');
    expect(toName('Le Relais')).toBe('au Relais');
    expect(toName('les aidants')).toBe('aux aidants');
  });
});

describe('elideDe', () => {
  it('elides « de » before a vowel only, adding no article', () => {
    expect(elideDe('Anne Martin')).toBe("d'Anne Martin");
    expect(elideDe('Élodie Durand')).toBe("d'Élodie Durand");
    expect(elideDe('Yves Petit')).toBe("d'Yves Petit");
    expect(elideDe('Camille Martin')).toBe('de Camille Martin');
    expect(elideDe('Le Goff')).toBe('de Le Goff');
  });
});

describe('capitalize', () => {
  it('puts the first letter in capitals', () => {
    expect(capitalize('le CLSM de Niort')).toBe('Le CLSM de Niort');
    expect(capitalize("l'ASV de Niort")).toBe("L'ASV de Niort");
    expect(capitalize('élu')).toBe('Élu');
    expect(capitalize('CLSM de Niort')).toBe('CLSM de Niort');
    expect(capitalize('')).toBe('');
  });
  it('composes with theName for a sentence start', () => {
    expect(`${capitalize(theName('CLSM de Parthenay-Gâtine'))} n'a pas de coordonnateur.`).toBe("Le CLSM de Parthenay-Gâtine n'a pas de coordonnateur.");
    expect(capitalize(theName('CPTS du Niortais'))).toBe('La CPTS du Niortais');
    expect(capitalize(theName('Conseil local de santé mentale de Melle'))).toBe('Conseil local de santé mentale de Melle');
  });
});

describe('plural', () => {
  it('is singular below 2, plural from 2, French style', () => {
    expect(plural(0, 'commune')).toBe('0 commune');
    expect(plural(1, 'commune')).toBe('1 commune');
    expect(plural(1.5, 'an')).toBe('1,5 an');
    expect(plural(2, 'commune')).toBe('2 communes');
    expect(plural(3, 'commune')).toBe('3 communes');
    expect(plural(59854, 'habitant')).toMatch(/^59\s854 habitants$/);
  });
  it('agrees a word alone by the same rule', () => {
    expect(agree(0, 'reçu')).toBe('reçu');
    expect(agree(1, 'reçu')).toBe('reçu');
    expect(agree(2, 'reçu')).toBe('reçus');
    expect(agree(2, 'lien manquant', 'liens manquants')).toBe('liens manquants');
  });
  it('takes an irregular plural', () => {
    expect(plural(1, 'dispositif actif', 'dispositifs actifs')).toBe('1 dispositif actif');
    expect(plural(2, 'dispositif actif', 'dispositifs actifs')).toBe('2 dispositifs actifs');
    expect(plural(4, 'avis', 'avis')).toBe('4 avis');
  });
});

describe('listFr', () => {
  it('joins with commas and a final « et »', () => {
    expect(listFr([])).toBe('');
    expect(listFr(['la collectivité'])).toBe('la collectivité');
    expect(listFr(['la collectivité', "l'ARS"])).toBe("la collectivité et l'ARS");
    expect(listFr(['la collectivité', 'le pôle', "l'ARS"])).toBe("la collectivité, le pôle et l'ARS");
  });
});
