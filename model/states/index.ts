// Finding states (docs/etats.md): the facts a finding rests on, and the state it is in.
export * from './facts.ts';
export * from './states.ts';
export * from './file.ts';
