// Runs both MCP conformance suites against a server: 0.1.16 (every active server scenario, protocol 2025-11-25 and
// earlier) and 0.2.0-alpha (exactly what revision 2026-07-28 requires). Each run compares its failures with a
// baseline in conformance/: a failure not in the baseline, or a baseline entry that now passes, fails the run.
// Every baseline entry is explained in docs/mcp.md. Usage: node conformance.mjs <mcp url> [results directory]
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, finish } from './lib/checks.mjs';

const url = process.argv[2];
const results = process.argv[3] ?? mkdtempSync(join(tmpdir(), 'mcp-conformance-'));
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const cli = (pkg) => join(dirname(require.resolve(`${pkg}/package.json`)), 'dist/index.js');

function conformance(pkg, args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli(pkg), 'server', '--url', url, ...args], { timeout: 600000, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code ?? 1) : 0, output: stdout + stderr }));
  });
}

const suites = [
  { name: 'conformance 0.1.16 (2025-11-25)', pkg: '@modelcontextprotocol/conformance',
    args: ['--expected-failures', join(here, 'conformance/baseline-2025-11-25.yml'), '-o', join(results, 'v0.1.16')] },
  { name: 'conformance 0.2.0-alpha (--requirements 2026-07-28)', pkg: 'conformance-next',
    args: ['--requirements', '2026-07-28', '--expected-failures', join(here, 'conformance/baseline-2026-07-28.yml'),
      '-o', join(results, 'v0.2.0-alpha')] },
];
for (const suite of suites) {
  const { code, output } = await conformance(suite.pkg, suite.args);
  const summary = output.split('\n').filter((line) => /Total|passed|failed|unexpected|stale|regression|baseline/i.test(line)
    && !/^\s*\[/.test(line)).slice(-12).join('\n');
  console.log(`--- ${suite.name}\n${summary}`);
  check(`${suite.name}: only baselined failures`, code === 0, code === 0 ? '' : output.slice(-4000));
}
console.log(`results: ${results}`);
finish('conformance');
