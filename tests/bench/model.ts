// Model bench (`npm run bench`): load and normalisation, all rules, indicators and memory on
// the synthetic France-wide dataset at scale 1 and 10 (data/synthetic.ts), against "the floor",
// one linear pass over the (mechanism, commune) incidences. "All rules" is `evaluateRules`, the
// findings' facts; writing their French texts (`writeFinding`, done for the findings a response
// returns) is measured apart, and with the rules as "rules + all texts".
//
// Each scale runs in its own child process so that the peak memory of the 1× run is not
// inflated by the 10× one. The parent prints a report and PASS/FAIL for each target; it never
// exits non-zero for a missed target (it is a report, not a gate).
//
// A last child alternates runs of the first and last scales in one process, so that the cost
// ratio target compares runs made under the same machine load.
//
//   npm run bench                       # scales 1 and 10, seed 1
//   npm run bench -- --scales 1,10,2 --seed 7 --rounds 6
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSyntheticDataset, SYNTHETIC_AS_OF } from '../../data/synthetic.ts';
import { isActiveAt } from '../../model/dates.ts';
import { ArticulationModel } from '../../model/graph.ts';
import { evaluateRules, writeFinding } from '../../model/rules/engine.ts';
import { RULES } from '../../model/rules/registry.ts';
import type { FindingRecord } from '../../model/rules/types.ts';
import { validateDataset } from '../../model/validate.ts';
import { MECHANISM_KINDS } from '../../model/vocabulary.ts';
import { loadTerritories } from '../../server/territories.ts';

const TARGETS = { allRulesMs: 300, costRatio: 1.2, peakRssMb: 500 };
const RESULT_MARK = 'BENCH-RESULT ';

interface RuleTiming {
  id: string;
  ms: number;
  findings: number;
}

interface ScaleResult {
  scale: number;
  seed: number;
  asOf: string;
  counts: {
    mechanisms: number;
    people: number;
    links: number;
    incidences: number;
    findings: number;
    /** Σ over communes of C(k, 2), k = active mechanisms there: pairs × shared communes. */
    pairCommunes: number;
    /** The same, counting only pairs of the same kind (what the overlap rules enumerate). */
    sameKindPairCommunes: number;
  };
  findingsBySeverity: Record<string, number>;
  ms: {
    territories: number;
    generate: number;
    parse: number;
    validate: number;
    model: number;
    load: number;
    floor: number;
    allRules: number;
    allRulesRuns: number[];
    /** Process CPU time (user + system, all threads incl. GC) of the same runs: less sensitive to a busy machine. */
    allRulesCpu: number;
    /** All rules again on a model the rules already ran on (another date, same data version). */
    allRulesReused: number;
    /** Writing the French texts of every finding of one run. */
    texts: number;
    indicators: number | null;
  };
  perRule: RuleTiming[];
  memory: { maxRssMb: number; sampledRssMb: number; heapUsedMb: number; findingsHeapMb: number | null };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const mb = (bytes: number) => bytes / 1024 / 1024;

/**
 * One timed run of all rules as the server does it after an import or a write: on a model
 * just built (untimed), so that the intersections the model memoises for the rules (perimeter
 * class overlaps) are part of the run; then a second run on the same model, as for another
 * date on the same data version. Each starts from a collected heap.
 */
function timeRules(dataset: ArticulationModel['dataset'], territories: ArticulationModel['territories'], asOf: string) {
  const gc = (globalThis as { gc?: () => void }).gc;
  const model = new ArticulationModel(dataset, territories);
  gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  evaluateRules(model, { asOf });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  gc?.();
  const t1 = performance.now();
  const findings = evaluateRules(model, { asOf });
  const reusedMs = performance.now() - t1;
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, reusedMs, findings, incidences: model.incidenceCount };
}

// --- Child: one scale -----------------------------------------------------------------------

async function child(scale: number, seed: number): Promise<ScaleResult> {
  let sampledRss = 0;
  const sample = () => {
    sampledRss = Math.max(sampledRss, process.memoryUsage().rss);
  };
  const time = <T>(fn: () => T): [T, number] => {
    const t0 = performance.now();
    const out = fn();
    const ms = performance.now() - t0;
    sample();
    return [out, ms];
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  const asOf = SYNTHETIC_AS_OF;

  const [territories, territoriesMs] = time(() => loadTerritories());
  let [json, generateMs] = time(() => JSON.stringify(generateSyntheticDataset(territories, { scale, seed })));
  gc?.();

  // Load and normalisation: what an import does with a document.
  let [input, parseMs] = time(() => JSON.parse(json) as unknown);
  json = '';
  const [validation, validateMs] = time(() => validateDataset(input, territories));
  input = undefined; // the server keeps the validated dataset, not the document
  if (!validation.ok) throw new Error(`synthetic dataset invalid: ${JSON.stringify(validation.problems.slice(0, 5))}`);
  const [model, modelMs] = time(() => new ArticulationModel(validation.dataset, territories));
  gc?.();

  // The floor: one linear pass over the incidences, touching each mechanism's kind and status.
  const floorPass = () => {
    let acc = 0;
    for (const e of model.entries) {
      const m = e.mechanism;
      for (const c of e.perimeter) acc += c + m.kind.length + (m.status === 'active' ? 1 : 0);
    }
    return acc;
  };
  let checksum = 0;
  for (let i = 0; i < 3; i++) checksum += floorPass();
  const floorRuns: number[] = [];
  for (let i = 0; i < 21; i++) floorRuns.push(time(() => (checksum += floorPass()))[1]);
  if (checksum === 0) throw new Error('floor pass saw no incidence');

  // Co-located pairs: how much pairwise work the density implies, whatever the algorithm.
  const active = new Uint8Array(model.entries.length);
  const kindOf = new Uint8Array(model.entries.length);
  for (const e of model.entries) {
    active[e.index] = isActiveAt(e.mechanism, asOf) ? 1 : 0;
    kindOf[e.index] = MECHANISM_KINDS.indexOf(e.mechanism.kind);
  }
  // Active mechanisms of each kind at each commune.
  const kinds = MECHANISM_KINDS.length;
  const perCommuneKind = new Uint32Array(territories.communeCount * kinds);
  for (const e of model.entries) {
    if (!active[e.index]) continue;
    for (const c of e.perimeter) perCommuneKind[c * kinds + kindOf[e.index]]++;
  }
  let pairCommunes = 0;
  let sameKindPairCommunes = 0;
  for (let c = 0; c < territories.communeCount; c++) {
    let k = 0;
    for (let j = 0; j < kinds; j++) {
      const n = perCommuneKind[c * kinds + j];
      k += n;
      sameKindPairCommunes += (n * (n - 1)) / 2;
    }
    pairCommunes += (k * (k - 1)) / 2;
  }

  // Each rule alone (this also warms up every rule's code before the timed runs). When a
  // pass is quick, two more passes give a median per rule rather than a cold figure.
  const perRuleRuns = RULES.map(() => [] as number[]);
  const perRuleFound = RULES.map(() => 0);
  const rulePass = () =>
    RULES.forEach((rule, i) => {
      const [findings, ms] = time(() => evaluateRules(model, { asOf }, [rule]));
      perRuleRuns[i].push(ms);
      perRuleFound[i] = findings.length;
    });
  const p0 = performance.now();
  rulePass();
  const onePass = performance.now() - p0;
  if (onePass < 5_000) for (let k = 0; k < 2; k++) rulePass();
  const perRule: RuleTiming[] = RULES.map((rule, i) => ({ id: rule.id, ms: median(perRuleRuns[i]), findings: perRuleFound[i] }));

  // All rules: one more warm-up, then as many runs as fit in about a minute (3 to 15), each
  // on a new model and then again on that model (see `timeRules`).
  let findings: FindingRecord[] = time(() => evaluateRules(model, { asOf }))[0];
  const runs = Math.max(3, Math.min(15, Math.floor(60_000 / Math.max(onePass, 1))));
  const allRulesRuns: number[] = [];
  const allRulesCpu: number[] = [];
  const reusedRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    findings = [];
    const run = timeRules(validation.dataset, territories, asOf);
    findings = run.findings;
    allRulesRuns.push(run.ms);
    allRulesCpu.push(run.cpuMs);
    reusedRuns.push(run.reusedMs);
    sample();
  }
  const findingsBySeverity: Record<string, number> = {};
  for (const f of findings) findingsBySeverity[f.severity] = (findingsBySeverity[f.severity] ?? 0) + 1;
  const findingCount = findings.length;
  // The texts of every finding (what the unpaged national export writes), three times.
  const textRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const [written, ms] = time(() => findings.map((f) => writeFinding(f, model.nameOf)));
    if (written.length !== findingCount || (findingCount > 0 && !written[0].message)) throw new Error('texts not written');
    textRuns.push(ms);
  }
  gc?.();
  // Heap the findings of one run retain (needs --expose-gc, which the parent passes).
  let findingsHeapMb: number | null = null;
  if (gc) {
    gc();
    const withFindings = process.memoryUsage().heapUsed;
    findings = [];
    gc();
    findingsHeapMb = Math.max(0, mb(withFindings - process.memoryUsage().heapUsed));
  }

  // Indicators, if the module has landed.
  let indicatorsMs: number | null = null;
  const indicatorsFile = new URL('../../model/indicators.ts', import.meta.url);
  if (existsSync(fileURLToPath(indicatorsFile))) {
    const mod = (await import(indicatorsFile.href)) as {
      computeIndicators?: (m: ArticulationModel, o: { asOf: string; level: 'departement' }) => unknown;
    };
    if (typeof mod.computeIndicators === 'function') {
      const compute = mod.computeIndicators;
      time(() => compute(model, { asOf, level: 'departement' }));
      const indicatorRuns: number[] = [];
      for (let i = 0; i < Math.max(3, Math.min(9, runs)); i++) indicatorRuns.push(time(() => compute(model, { asOf, level: 'departement' }))[1]);
      indicatorsMs = median(indicatorRuns);
    }
  }

  sample();
  return {
    scale,
    seed,
    asOf,
    counts: {
      mechanisms: model.entries.length,
      people: model.people.size,
      links: model.links.length,
      incidences: model.incidenceCount,
      findings: findingCount,
      pairCommunes,
      sameKindPairCommunes,
    },
    findingsBySeverity,
    ms: {
      territories: territoriesMs,
      generate: generateMs,
      parse: parseMs,
      validate: validateMs,
      model: modelMs,
      load: parseMs + validateMs + modelMs,
      floor: median(floorRuns),
      allRules: median(allRulesRuns),
      allRulesRuns,
      allRulesCpu: median(allRulesCpu),
      allRulesReused: median(reusedRuns),
      texts: median(textRuns),
      indicators: indicatorsMs,
    },
    perRule,
    // maxRSS is in kilobytes on Linux and macOS.
    memory: {
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      sampledRssMb: mb(sampledRss),
      heapUsedMb: mb(process.memoryUsage().heapUsed),
      findingsHeapMb,
    },
  };
}

// --- Child: the cost ratio, both scales interleaved -----------------------------------------

interface RatioSide {
  scale: number;
  units: number;
  newModel: number[];
  reused: number[];
}
interface RatioResult {
  base: RatioSide;
  big: RatioSide;
}

/**
 * The two scales' runs alternated in one process, so that both see the same machine (a shared
 * machine's load moves from one minute to the next): one run at the big scale, then three at
 * the base scale, for `rounds` rounds.
 */
function ratioChild(baseScale: number, bigScale: number, seed: number, rounds: number): RatioResult {
  const territories = loadTerritories();
  const load = (scale: number) => {
    const result = validateDataset(JSON.parse(JSON.stringify(generateSyntheticDataset(territories, { scale, seed }))), territories);
    if (!result.ok) throw new Error('synthetic dataset invalid');
    return result.dataset;
  };
  const datasets = [load(baseScale), load(bigScale)];
  const sides: RatioSide[] = [baseScale, bigScale].map((scale) => ({ scale, units: 0, newModel: [], reused: [] }));
  const once = (k: number) => {
    const run = timeRules(datasets[k], territories, SYNTHETIC_AS_OF);
    sides[k].units = run.incidences + run.findings.length;
    sides[k].newModel.push(run.ms);
    sides[k].reused.push(run.reusedMs);
  };
  once(0); // warm-up of every rule's code, not counted
  once(1);
  for (const side of sides) (side.newModel.length = 0), (side.reused.length = 0);
  for (let r = 0; r < rounds; r++) {
    once(1);
    for (let k = 0; k < 3; k++) once(0);
  }
  return { base: sides[0], big: sides[1] };
}

// --- Parent: one child per scale, then the report --------------------------------------------

function runChild<T>(label: string, args: string[]): T | undefined {
  const script = fileURLToPath(import.meta.url);
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = (res.stdout ?? '').split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (res.status !== 0 || !line) {
    process.stderr.write(`  ${label}: child FAILED (exit ${res.status}, signal ${res.signal}); reported without it\n`);
    return undefined;
  }
  process.stderr.write(`  ${label}: child done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return JSON.parse(line.slice(RESULT_MARK.length)) as T;
}

/** The two scales the ratios compare: 1× and 10× when run, otherwise the smallest and the largest. */
function comparedScales(scales: readonly number[]): [number, number] {
  const sorted = [...scales].sort((a, b) => a - b);
  return [scales.includes(1) ? 1 : sorted[0], scales.includes(10) ? 10 : sorted[sorted.length - 1]];
}

const fmt = (n: number | null, digits = 1) => (n === null ? 'n/a' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const int = (n: number) => n.toLocaleString('en-US');
const pad = (s: string, n: number) => s.padStart(n);

/** Print the figures and the targets; true when every target is met. */
function report(results: ScaleResult[], ratio: RatioResult | undefined): boolean {
  const [baseScale, bigScale] = comparedScales(results.map((r) => r.scale));
  const base = results.find((r) => r.scale === baseScale)!;
  const big = results.find((r) => r.scale === bigScale)!;
  const cost = (r: ScaleResult) => (1000 * r.ms.allRules) / (r.counts.incidences + r.counts.findings); // µs
  const w = 14;
  const header = `${''.padEnd(34)}${results.map((r) => pad(`${r.scale}×`, w)).join('')}${results.length > 1 ? pad(`${big.scale}×/${base.scale}×`, w) : ''}`;
  const row = (label: string, value: (r: ScaleResult) => number | null, f: (n: number | null) => string = (n) => fmt(n), ratio = true) => {
    const values = results.map(value);
    const a = value(base);
    const b = value(big);
    const r = ratio && results.length > 1 && a !== null && b !== null && a !== 0 ? fmt(b / a, 2) : '';
    console.log(`${label.padEnd(34)}${values.map((v) => pad(f(v), w)).join('')}${results.length > 1 ? pad(r, w) : ''}`);
  };

  console.log(`\nModel bench: synthetic France, seed ${base.seed}, asOf ${base.asOf}`);
  console.log(`Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${RULES.length} rules registered\n`);
  console.log(header);
  const n = (x: number | null) => (x === null ? 'n/a' : int(x));
  row('mechanisms', (r) => r.counts.mechanisms, n);
  row('people', (r) => r.counts.people, n);
  row('links', (r) => r.counts.links, n);
  row('incidences (mechanism × commune)', (r) => r.counts.incidences, n);
  row('findings', (r) => r.counts.findings, n);
  for (const s of ['error', 'warning', 'info']) row(`  ${s}`, (r) => r.findingsBySeverity[s] ?? 0, n);
  row('pair-communes, active (all kinds)', (r) => r.counts.pairCommunes, n);
  row('pair-communes, active (same kind)', (r) => r.counts.sameKindPairCommunes, n);
  console.log('');
  row('territory index (ms)', (r) => r.ms.territories);
  row('generate + stringify (ms)', (r) => r.ms.generate);
  row('load + normalisation (ms)', (r) => r.ms.load);
  row('  JSON.parse (ms)', (r) => r.ms.parse);
  row('  validateDataset (ms)', (r) => r.ms.validate);
  row('  new ArticulationModel (ms)', (r) => r.ms.model);
  row('floor, linear pass (ms, median 21)', (r) => r.ms.floor, (x) => fmt(x, 2));
  row('all rules, new model (ms, median)', (r) => r.ms.allRules);
  row('  runs', (r) => r.ms.allRulesRuns.length, n, false);
  console.log(`${'  min / max of runs (ms)'.padEnd(34)}${results.map((r) => pad(`${fmt(Math.min(...r.ms.allRulesRuns), 0)}/${fmt(Math.max(...r.ms.allRulesRuns), 0)}`, w)).join('')}`);
  row('all rules, process CPU (ms, median)', (r) => r.ms.allRulesCpu);
  row('all rules, model reused (ms, median)', (r) => r.ms.allRulesReused);
  row('all rules / floor', (r) => r.ms.allRules / r.ms.floor, (x) => fmt(x, 0));
  row('texts of all findings (ms, median 3)', (r) => r.ms.texts);
  row('  µs per finding written', (r) => (r.counts.findings ? (1000 * r.ms.texts) / r.counts.findings : null), (x) => fmt(x, 3));
  row('rules + all texts (ms)', (r) => r.ms.allRules + r.ms.texts);
  row('indicators, by département (ms)', (r) => r.ms.indicators);
  row('µs per (incidence + finding)', cost, (x) => fmt(x, 3));
  row('  the same, model reused', (r) => (1000 * r.ms.allRulesReused) / (r.counts.incidences + r.counts.findings), (x) => fmt(x, 3));
  row('  the same, rules + all texts', (r) => (1000 * (r.ms.allRules + r.ms.texts)) / (r.counts.incidences + r.counts.findings), (x) => fmt(x, 3));
  row('µs per (inc. + finding + pair-commune)', (r) => (1000 * r.ms.allRules) / (r.counts.incidences + r.counts.findings + r.counts.pairCommunes), (x) => fmt(x, 3));
  row('peak RSS, maxRSS (MB)', (r) => r.memory.maxRssMb, (x) => fmt(x, 0));
  row('peak RSS, sampled (MB)', (r) => r.memory.sampledRssMb, (x) => fmt(x, 0));
  row('heap used at end (MB)', (r) => r.memory.heapUsedMb, (x) => fmt(x, 0));
  row('heap retained by run records (MB)', (r) => r.memory.findingsHeapMb, (x) => fmt(x, 1), false);

  // Per rule, slowest first at the largest scale.
  console.log(`\nPer rule (evaluateRules with that rule alone, so each builds its own context; median of 3 runs, or 1 cold run when a pass exceeds 5 s), slowest first at ${big.scale}×:`);
  console.log(
    `${'rule'.padEnd(32)}${results.map((r) => `${pad(`${r.scale}× ms`, 10)}${pad(`${r.scale}× found`, 12)}`).join('')}${results.length > 1 ? `${pad('ms ratio', 10)}${pad('found ratio', 12)}${pad('µs/(inc+f)', 12)}` : ''}`,
  );
  const byId = (r: ScaleResult, id: string) => r.perRule.find((p) => p.id === id);
  const ids = [...big.perRule].sort((a, b) => b.ms - a.ms).map((p) => p.id);
  for (const id of ids) {
    const cells = results.map((r) => {
      const p = byId(r, id);
      return `${pad(p ? fmt(p.ms) : '-', 10)}${pad(p ? int(p.findings) : '-', 12)}`;
    });
    const a = byId(base, id);
    const b = byId(big, id);
    const extra =
      results.length > 1 && a && b
        ? `${pad(a.ms > 0 ? fmt(b.ms / a.ms, 1) : '', 10)}${pad(a.findings > 0 ? fmt(b.findings / a.findings, 1) : b.findings > 0 ? '∞' : '', 12)}${pad(fmt((1000 * b.ms) / (big.counts.incidences + b.findings), 3), 12)}`
        : '';
    console.log(`${id.padEnd(32)}${cells.join('')}${extra}`);
  }

  // The ratio measured with both scales interleaved in one process.
  let interleaved: { newModel: number; reused: number } | undefined;
  if (ratio) {
    const perUnit = (side: RatioSide, runs: number[]) => (1000 * median(runs)) / side.units;
    interleaved = {
      newModel: perUnit(ratio.big, ratio.big.newModel) / perUnit(ratio.base, ratio.base.newModel),
      reused: perUnit(ratio.big, ratio.big.reused) / perUnit(ratio.base, ratio.base.reused),
    };
    console.log(`\nBoth scales interleaved in one process (${ratio.big.newModel.length} runs at ${ratio.big.scale}×, ${ratio.base.newModel.length} at ${ratio.base.scale}×, alternating), all rules:`);
    for (const [label, pick, r] of [
      ['new model', (x: RatioSide) => x.newModel, interleaved.newModel],
      ['model reused', (x: RatioSide) => x.reused, interleaved.reused],
    ] as const) {
      const a = ratio.base;
      const b = ratio.big;
      console.log(
        `  ${label.padEnd(13)} ${a.scale}×: ${fmt(median(pick(a)))} ms (${fmt(perUnit(a, pick(a)), 3)} µs/unit)   ${b.scale}×: ${fmt(median(pick(b)), 0)} ms (${fmt(perUnit(b, pick(b)), 3)} µs/unit)   ratio ${fmt(r, 2)}`,
      );
    }
  }

  // Targets.
  let passed = true;
  const verdict = (ok: boolean) => {
    passed &&= ok;
    return ok ? 'PASS' : 'FAIL';
  };
  console.log('\nTargets:');
  console.log(`  national (1×) all rules < ${TARGETS.allRulesMs} ms: ${fmt(base.ms.allRules)} ms on a new model, ${fmt(base.ms.allRulesReused)} ms reused  ${verdict(base.ms.allRules < TARGETS.allRulesMs)}`);
  if (results.length > 1) {
    const separate = cost(big) / cost(base);
    const shown = interleaved ? `interleaved ${fmt(interleaved.newModel, 2)} (model reused ${fmt(interleaved.reused, 2)}); separate children ${fmt(separate, 2)}` : fmt(separate, 2);
    const decisive = interleaved?.newModel ?? separate;
    console.log(`  time per (incidence + finding), ${big.scale}×/${base.scale}× ≤ ${TARGETS.costRatio}: ${shown}  ${verdict(decisive <= TARGETS.costRatio)}`);
  }
  console.log(`  peak RSS at 1× < ${TARGETS.peakRssMb} MB: ${fmt(base.memory.maxRssMb, 0)} MB  ${verdict(base.memory.maxRssMb < TARGETS.peakRssMb)}`);
  return passed;
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const seed = Number(arg('seed', '1'));
  if (argv.includes('--child')) {
    const result = await child(Number(arg('scale', '1')), seed);
    process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
    return;
  }
  if (argv.includes('--ratio')) {
    const [base, big] = arg('scales', '1,10').split(',').map(Number);
    process.stdout.write(`${RESULT_MARK}${JSON.stringify(ratioChild(base, big, seed, Number(arg('rounds', '6'))))}\n`);
    return;
  }
  const scales = arg('scales', '1,10')
    .split(',')
    .map(Number)
    .filter((s) => s > 0);
  const t0 = performance.now();
  process.stderr.write(`bench: scales ${scales.join(', ')}, seed ${seed}, one child process each\n`);
  const attempted = scales.map((s) => ({ scale: s, result: runChild<ScaleResult>(`scale ${s}`, ['--child', '--scale', String(s), '--seed', String(seed)]) }));
  const results = attempted.map((a) => a.result).filter((r): r is ScaleResult => r !== undefined);
  const missing = attempted.filter((a) => a.result === undefined).map((a) => a.scale);
  const ratio =
    scales.length > 1
      ? runChild<RatioResult>('interleaved ratio', ['--ratio', '--scales', comparedScales(scales).join(','), '--seed', String(seed), '--rounds', arg('rounds', '6')])
      : undefined;
  if (results.length === 0) {
    console.log('bench: no scale completed: FAIL');
    process.exitCode = 1;
    return;
  }
  const passed = report(results, ratio);
  // A scale that did not complete (out of memory, a crash) fails the bench: its targets were not met.
  for (const scale of missing) console.log(`  scale ${scale}× did not complete  FAIL`);
  if (scales.length > 1 && !ratio) console.log('  interleaved ratio did not complete  FAIL');
  if (!passed || missing.length > 0 || (scales.length > 1 && !ratio)) process.exitCode = 1;
  console.log(`\nTotal bench time: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
