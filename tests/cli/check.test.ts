// The `check` command, spawned for real through npm as a user runs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'check-'));

function check(...args: string[]) {
  const run = spawnSync('npm', ['run', '--silent', 'check', '--', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.replace(/^npm warn .*\n/gm, '') };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const demo = join(root, 'data/demo.json');

describe('npm run check', () => {
  it('prints a French report grouped by severity then category, and exits 1 on error findings', () => {
    const { code, stdout, stderr } = check(demo, '--as-of', '2026-09-01');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toMatch(/Vérification de .*demo\.json .* au 1er septembre 2026/);
    const errorAt = stdout.indexOf('ERREUR (');
    const warningAt = stdout.indexOf('AVERTISSEMENT (');
    const infoAt = stdout.indexOf('INFORMATION (');
    expect(errorAt).toBeGreaterThan(0);
    expect(warningAt).toBeGreaterThan(errorAt);
    expect(infoAt).toBeGreaterThan(warningAt);
    expect(stdout).toContain('Liens manquants');
    expect(stdout).toContain('[ptsm-avis-missing]');
    expect(stdout).toContain('INDICATEURS');
    expect(stdout).toMatch(/Deux-Sèvres \(79\)/);
  });

  it('prints only JSON with --format json', () => {
    const { code, stdout } = check(demo, '--as-of', '2026-09-01', '--format', 'json');
    expect(code).toBe(1);
    const parsed = JSON.parse(stdout);
    expect(Object.keys(parsed)).toEqual(['findings', 'indicators']);
    expect(parsed.findings.length).toBeGreaterThan(20);
    expect(parsed.findings[0]).toMatchObject({ rule: expect.any(String), severity: 'error', category: expect.any(String), subjects: expect.any(Array), message: expect.any(String), reference: expect.any(String), fix: expect.any(Object) });
    expect(parsed.indicators.areas.map((a: { code: string }) => a.code)).toEqual(['79', '85']);
  });

  it('filters by département', () => {
    const { stdout } = check(demo, '--as-of', '2026-09-01', '--format', 'json', '--departement', '85');
    const parsed = JSON.parse(stdout);
    expect(parsed.findings.length).toBeGreaterThan(0);
    expect(parsed.findings.every((f: { departements: string[] }) => f.departements.includes('85'))).toBe(true);
    expect(parsed.indicators.areas.map((a: { code: string }) => a.code)).toEqual(['85']);
  });

  it('exits 0 when no finding is an error', () => {
    const clean = file('clean.json', JSON.stringify({
      format: 'articulation/1',
      mechanisms: [{ id: 'cpts-niort', kind: 'CPTS', name: 'CPTS du Niortais', status: 'active', territory: { communes: ['79191'] } }],
    }));
    // A lone CPTS in the Deux-Sèvres: the département has no PTSM, an error.
    expect(check(clean, '--as-of', '2026-09-01').code).toBe(1);
    const withPtsm = file('ok.json', JSON.stringify({
      format: 'articulation/1',
      mechanisms: [
        { id: 'ptsm-79', kind: 'PTSM', name: 'PTSM 79', status: 'active', territory: { departements: ['79'] }, dates: { adopted: '2024-01-01' }, objectives: ['creation-clsm'] },
        { id: 'cpts-niort', kind: 'CPTS', name: 'CPTS du Niortais', status: 'active', territory: { communes: ['79191'] } },
      ],
    }));
    const run = check(withPtsm, '--as-of', '2026-09-01');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('ERREUR (');
  });

  it('exits 2 and lists every problem with its path and value for an invalid file, without a stack trace', () => {
    const bad = file('bad.json', JSON.stringify({
      format: 'articulation/1',
      mechanisms: [{ id: 'clsm-x', kind: 'CLSM', name: 'X', status: 'active', territory: { communes: ['99999'] }, dates: { start: '2021-13-45' } }],
      links: [{ kind: 'avis', from: 'clsm-x', to: 'ptsm-absent' }],
    }));
    const { code, stdout, stderr } = check(bad);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('mechanisms[0].territory.communes[0]');
    expect(stderr).toContain('"99999"');
    expect(stderr).toContain('mechanisms[0].dates.start');
    expect(stderr).toContain('2021-13-45');
    expect(stderr).toContain('links[0].to');
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('exits 2 on a file that is not JSON, or missing, or on bad arguments', () => {
    const notJson = check(file('not.json', '{ "format": '));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/pas du JSON valide/);
    const missing = check(join(dir, 'absent.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/introuvable/);
    const badDate = check(demo, '--as-of', '2021-13-45');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--as-of : « 2021-13-45 »/);
    expect(check(demo, '--format', 'xml').code).toBe(2);
    expect(check(demo, '--departement', '999').stderr).toMatch(/département inconnu/);
    expect(check().code).toBe(2);
    for (const run of [notJson, missing, badDate]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('gives JSON problems on stdout with --format json for an invalid file', () => {
    const { code, stdout } = check(file('bad2.json', '{"format":"articulation/9"}'), '--format', 'json');
    expect(code).toBe(2);
    expect(JSON.parse(stdout).issues[0]).toMatchObject({ path: 'format', value: 'articulation/9' });
  });
});
