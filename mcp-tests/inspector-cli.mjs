// The MCP Inspector CLI in both protocol eras against the server: tools/list, a deploy (in the modern era the
// Inspector runs it as a task and polls it to completion), get_operation, resources/list and resources/read.
// Usage: node inspector-cli.mjs <mcp url>
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { check, step, finish } from './lib/checks.mjs';

const url = process.argv[2];
const run = promisify(execFile);
const require = createRequire(import.meta.url);
const launcher = join(dirname(require.resolve('@modelcontextprotocol/inspector/package.json')),
  'clients/launcher/build/index.js');

async function inspect(era, ...args) {
  const { stdout } = await run(process.execPath, [launcher, '--cli', '--protocol-era', era, '--server-url', url,
    '--transport', 'http', '--format', 'json', '-q', ...args],
  { timeout: 120000, env: { ...process.env, HOME: process.env.INSPECTOR_HOME ?? process.env.HOME } });
  const parsed = JSON.parse(stdout);
  return parsed.result ?? parsed;
}

for (const era of ['legacy', 'modern']) {
  const service = `inspector-${era}-${Date.now() % 100000}`;
  await step(`${era}: tools/list`, async () => {
    const { tools } = await inspect(era, '--method', 'tools/list');
    check(`${era}: tools/list`, tools.some((t) => t.name === 'deploy_service'), tools.map((t) => t.name).join(','));
  });
  let operationId;
  await step(`${era}: tools/call deploy_service`, async () => {
    const result = await inspect(era, '--method', 'tools/call', '--tool-name', 'deploy_service',
      '--tool-args-json', JSON.stringify({ service, version: '4.0.0', environment: 'development' }));
    operationId = result.structuredContent?.operation_id;
    const status = result.structuredContent?.status;
    // A legacy Inspector call returns the accepted operation; a modern one is a task the Inspector polls to the end.
    const expected = era === 'modern' ? ['succeeded'] : ['queued', 'running', 'succeeded'];
    check(`${era}: tools/call deploy_service`, Boolean(operationId) && expected.includes(status), status);
  });
  await step(`${era}: tools/call get_operation`, async () => {
    const result = await inspect(era, '--method', 'tools/call', '--tool-name', 'get_operation',
      '--tool-args-json', JSON.stringify({ id: operationId, wait_seconds: 30 }));
    check(`${era}: tools/call get_operation`, result.structuredContent?.operation?.id === operationId,
      result.content?.[0]?.text);
  });
  await step(`${era}: resources`, async () => {
    const { resources } = await inspect(era, '--method', 'resources/list');
    check(`${era}: resources/list`, resources.some((r) => r.uri === 'devops://operations'));
    const read = await inspect(era, '--method', 'resources/read', '--uri', `devops://operations/${operationId}`);
    check(`${era}: resources/read`, JSON.parse(read.contents[0].text).id === operationId);
  });
}
finish('inspector-cli');
