// The TypeScript SDK 1.x client (protocol 2025-11-25) against the server: every tool, a task polled to
// completion, progress notifications, resources, and a cancel. Usage: node legacy-sdk.mjs <mcp url>
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, CreateTaskResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { check, step, failure, finish, sleep, sampleArguments, MUST_SUCCEED, callOrder, isIncreasing, schemaPatterns } from './lib/checks.mjs';

const url = new URL(process.argv[2]);
const service = `legacy-${Date.now() % 100000}`;
const client = new Client({ name: 'light-devops-legacy-test', version: '1.0.0' }, { capabilities: {} });
const transport = new StreamableHTTPClientTransport(url);
await client.connect(transport);

check('initialize: server identifies itself', client.getServerVersion()?.name === 'light-devops-mcp');
check('initialize: 2025-11-25 negotiated', transport.protocolVersion === '2025-11-25', transport.protocolVersion);
check('initialize: no session id minted', !transport.sessionId, String(transport.sessionId));
check('initialize: instructions explain polling', /placeholder/.test(client.getInstructions() ?? ''));
check('initialize: tasks capability', Boolean(client.getServerCapabilities()?.tasks?.requests?.tools?.call));

const { tools } = await client.listTools();
check('tools/list: tools offered', tools.length >= 2, tools.map((t) => t.name).join(','));
const deploy = tools.find((t) => t.name === 'deploy_service');
check('tools/list: deploy_service is an optional task, destructive',
  deploy?.execution?.taskSupport === 'optional' && deploy?.annotations?.destructiveHint === true);

// JSON Schema patterns are ECMA-262 regexes with the unicode flag (ajv compiles them so): a Java-only construct
// such as \p{Cntrl} would make a validating client reject the tool.
for (const tool of tools) {
  const invalid = schemaPatterns(tool.inputSchema).filter((pattern) => {
    try { new RegExp(pattern, 'u'); return false; } catch { return true; }
  });
  check(`tools/list: ${tool.name} input patterns are valid JavaScript regexes`, invalid.length === 0, invalid.join(' '));
}

const context = { service };
for (const name of callOrder(tools.map((t) => t.name))) {
  await step(`tools/call ${name}`, async () => {
    const result = await client.callTool({ name, arguments: sampleArguments(name, context) });
    if (name === 'deploy_service') context.operationId = result.structuredContent?.operation_id;
    const ok = MUST_SUCCEED.includes(name) ? result.isError !== true : Array.isArray(result.content);
    check(`tools/call ${name}`, ok && result.content?.[0]?.type === 'text', result.content?.[0]?.text?.slice(0, 120));
    if (name === 'deploy_service') {
      check('deploy answers at once with a placeholder', result.structuredContent?.result?.placeholder === true);
    }
  });
}

let taskId;
await step('task deploy polled to completion', async () => {
  const seen = [];
  let final;
  const stream = client.experimental.tasks.callToolStream(
    { name: 'deploy_service', arguments: { service, version: '2.2.0', environment: 'development' } },
    undefined, { task: { ttl: 600000 }, timeout: 120000 });
  for await (const message of stream) {
    seen.push(message.type);
    if (message.type === 'taskCreated') taskId = message.task.taskId;
    if (message.type === 'result') final = message.result;
    if (message.type === 'error') throw message.error;
  }
  check('task: created before the result', seen[0] === 'taskCreated' && Boolean(taskId), seen.join('>'));
  check('task: real result once terminal', final?.structuredContent?.status === 'succeeded'
    && final?.structuredContent?.result?.version === '2.2.0', JSON.stringify(final?.structuredContent?.result));
});
await step('tasks/get, tasks/result, tasks/list', async () => {
  const task = await client.experimental.tasks.getTask(taskId);
  check('tasks/get: completed', task.status === 'completed', task.status);
  const result = await client.experimental.tasks.getTaskResult(taskId, CallToolResultSchema);
  check('tasks/result: the tool result', result.structuredContent?.operation_id === taskId);
  const { tasks } = await client.experimental.tasks.listTasks();
  check('tasks/list: contains the task', tasks.some((t) => t.taskId === taskId));
});

await step('progress notifications', async () => {
  const progress = [];
  const result = await client.callTool(
    { name: 'deploy_service', arguments: { service, version: '2.3.0', environment: 'development' } },
    undefined, { onprogress: (p) => progress.push(p), resetTimeoutOnProgress: true, timeout: 120000 });
  check('progress: several notifications, increasing', progress.length >= 2
    && isIncreasing(progress.map((p) => p.progress)), progress.map((p) => p.progress).join(','));
  check('progress: then the final result', result.structuredContent?.status === 'succeeded', result.content?.[0]?.text);
});

await step('resources', async () => {
  const { resources } = await client.listResources();
  check('resources/list: operations listed', resources.some((r) => r.uri === `devops://operations/${taskId}`));
  const { resourceTemplates } = await client.listResourceTemplates();
  check('resources/templates/list: operation template', resourceTemplates.some((t) => t.uriTemplate.startsWith('devops://operations/')));
  const read = await client.readResource({ uri: `devops://operations/${taskId}` });
  const operation = JSON.parse(read.contents[0].text);
  check('resources/read: operation snapshot', operation.id === taskId && operation.status === 'succeeded', operation.status);
});

await step('cancel a task', async () => {
  // Two deploys of one target run one after the other, so the second is still queued when it is cancelled.
  const startTask = (version) => client.request({ method: 'tools/call', params: {
    name: 'deploy_service', arguments: { service: `${service}-c`, version, environment: 'development' },
    task: { ttl: 600000 } } }, CreateTaskResultSchema);
  const first = await startTask('9.0.0');
  const second = await startTask('9.0.1');
  const id = second.task.taskId;
  const cancelled = await client.experimental.tasks.cancelTask(id);
  check('tasks/cancel: answers the task', cancelled.taskId === id, cancelled.status);
  let status;
  for (let i = 0; i < 150; i++) {
    status = (await client.experimental.tasks.getTask(id)).status;
    if (['completed', 'failed', 'cancelled'].includes(status)) break;
    await sleep(200);
  }
  check('tasks/cancel: task ends cancelled', status === 'cancelled', status);
  const again = await failure(() => client.experimental.tasks.cancelTask(id));
  check('tasks/cancel: a terminal task cannot be cancelled again', again?.code === -32602, again?.message);
  check('tasks/cancel: the other task is untouched', first.task.taskId !== id);
});

await client.close();
finish('legacy-sdk');
