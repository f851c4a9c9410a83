import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

describe('the console build', () => {
  let outDir: string;
  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'ledgerdesk-console-'));
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  // `npm start` runs with NODE_ENV=development, and Vite builds what NODE_ENV says: the console it
  // served was React's development build, whose StrictMode mounts every effect twice — each
  // ticket opened a work session, stopped it and opened another, and the socket connected twice.
  it('is a production build even when NODE_ENV says development', () => {
    const build = spawnSync('npm', ['run', 'build:console', '--', '--outDir', outDir, '--emptyOutDir'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'development' },
      encoding: 'utf8',
    });
    expect(build.status).toBe(0);
    const scripts = readdirSync(join(outDir, 'assets')).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    // Only React's development build carries its DevTools hint and JSX source locations.
    const development = scripts.filter((script) => {
      const code = readFileSync(join(outDir, 'assets', script), 'utf8');
      return code.includes('react-devtools') || code.includes('jsxDEV');
    });
    expect(development).toEqual([]);
  });
});
