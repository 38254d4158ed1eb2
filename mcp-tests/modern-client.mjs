// The TypeScript SDK v2 client pinned to protocol 2026-07-28 against the server: discovery, every tool, progress,
// a task (tasks extension) polled with tasks/get to completion, resources, subscriptions/listen and a cancel.
// Usage: node modern-client.mjs <mcp url>
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { check, step, failure, finish, sleep, sampleArguments, MUST_SUCCEED, callOrder, isIncreasing } from './lib/checks.mjs';

const url = new URL(process.argv[2]);
const service = `modern-${Date.now() % 100000}`;
const TASKS = 'io.modelcontextprotocol/tasks';
const modern = { versionNegotiation: { mode: { pin: '2026-07-28' } } };
// Results of the tasks surface have shapes the v2 client has no built-in schema for: accept them as they are.
const anyResult = { '~standard': { version: 1, vendor: 'light-devops-test', validate: (value) => ({ value }) } };

/**
 * The v2 Client resolves only core result types, so task-shaped results go through the SDK's transport below it,
 * as the Inspector's ext-tasks "rawDispatch" does: the SDK transport adds the routing headers, this adds _meta.
 */
async function rawTasksChannel(endpoint) {
  const transport = new StreamableHTTPClientTransport(endpoint);
  const pending = new Map();
  let nextId = 1;
  transport.onmessage = (message) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
    else waiter.resolve(message.result);
  };
  await transport.start();
  transport.setProtocolVersion?.('2026-07-28');
  return {
    request({ method, params }) {
      const id = nextId++;
      const meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientInfo': { name: 'light-devops-modern-tasks-test', version: '1.0.0' },
        'io.modelcontextprotocol/clientCapabilities': { extensions: { [TASKS]: {} } } };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        transport.send({ jsonrpc: '2.0', id, method, params: { ...params, _meta: meta } }).catch(reject);
      });
    },
    close: () => transport.close(),
  };
}

const plain = new Client({ name: 'light-devops-modern-test', version: '1.0.0' }, { capabilities: {}, ...modern });
await plain.connect(new StreamableHTTPClientTransport(url));
const tasking = await rawTasksChannel(url);

check('discover: modern era pinned', plain.getProtocolEra() === 'modern'
  && plain.getNegotiatedProtocolVersion() === '2026-07-28', plain.getNegotiatedProtocolVersion());
const discovered = plain.getDiscoverResult();
check('discover: both eras supported', discovered?.supportedVersions?.includes('2025-11-25'));
check('discover: tasks extension advertised', Boolean(discovered?.capabilities?.extensions?.[TASKS]));
check('discover: instructions explain polling', /placeholder/.test(plain.getInstructions() ?? ''));

const { tools } = await plain.listTools();
check('tools/list: tools offered', tools.length >= 2, tools.map((t) => t.name).join(','));
const context = { service };
for (const name of callOrder(tools.map((t) => t.name))) {
  await step(`tools/call ${name}`, async () => {
    const result = await plain.callTool({ name, arguments: sampleArguments(name, context) });
    if (name === 'deploy_service') context.operationId = result.structuredContent?.operation_id;
    const ok = MUST_SUCCEED.includes(name) ? result.isError !== true : Array.isArray(result.content);
    check(`tools/call ${name}`, ok && result.content?.[0]?.type === 'text', result.content?.[0]?.text?.slice(0, 120));
  });
}

await step('progress notifications', async () => {
  const progress = [];
  const result = await plain.callTool(
    { name: 'deploy_service', arguments: { service, version: '3.1.0', environment: 'development' } },
    { onprogress: (p) => progress.push(p), resetTimeoutOnProgress: true, timeout: 120000 });
  check('progress: several notifications, increasing', progress.length >= 2
    && isIncreasing(progress.map((p) => p.progress)), progress.map((p) => p.progress).join(','));
  check('progress: then the final result', result.structuredContent?.status === 'succeeded', result.content?.[0]?.text);
});

const updates = [];
plain.setNotificationHandler('notifications/resources/updated', (notification) => updates.push(notification.params.uri));

let taskId;
await step('task deploy polled to completion', async () => {
  const created = await tasking.request({ method: 'tools/call', params: {
    name: 'deploy_service', arguments: { service, version: '3.2.0', environment: 'development' } } });
  taskId = created.taskId;
  check('task: CreateTaskResult once durable', created.resultType === 'task' && Boolean(taskId)
    && created.ttlMs > 0 && created.pollIntervalMs > 0, JSON.stringify(created).slice(0, 200));
  const subscription = await plain.listen({ resourceSubscriptions: [`devops://operations/${taskId}`] });
  check('subscriptions/listen: operation resource acknowledged',
    subscription.honoredFilter?.resourceSubscriptions?.includes(`devops://operations/${taskId}`));
  let task;
  for (let i = 0; i < 300; i++) {
    task = await tasking.request({ method: 'tasks/get', params: { taskId } });
    if (['completed', 'failed', 'cancelled'].includes(task.status)) break;
    await sleep(Math.min(task.pollIntervalMs ?? 200, 200));
  }
  check('tasks/get: completed with the result inlined', task.status === 'completed'
    && task.result?.structuredContent?.status === 'succeeded', task.status);
  for (let i = 0; i < 50 && updates.length === 0; i++) await sleep(100);
  check('subscriptions/listen: resources/updated received', updates.includes(`devops://operations/${taskId}`),
    updates.join(','));
  await subscription.close();
});

await step('resources', async () => {
  const { resources } = await plain.listResources();
  check('resources/list: operations listed', resources.some((r) => r.uri === 'devops://operations'));
  const read = await plain.readResource({ uri: `devops://operations/${taskId}` });
  const operation = JSON.parse(read.contents[0].text);
  check('resources/read: operation snapshot', operation.id === taskId && operation.status === 'succeeded', operation.status);
  const missing = await failure(() => plain.readResource({ uri: 'devops://operations/no-such-operation' }));
  check('resources/read: unknown resource is invalid params', missing?.code === -32602, missing?.message);
});

await step('cancel a task', async () => {
  // Two deploys of one target run one after the other, so the second is still queued when it is cancelled.
  const start = (version) => tasking.request({ method: 'tools/call', params: {
    name: 'deploy_service', arguments: { service: `${service}-c`, version, environment: 'development' } } });
  await start('9.0.0');
  const second = await start('9.0.1');
  const ack = await tasking.request({ method: 'tasks/cancel', params: { taskId: second.taskId } });
  check('tasks/cancel: empty acknowledgement', ack.resultType === 'complete' && !('taskId' in ack), JSON.stringify(ack));
  let status;
  for (let i = 0; i < 150; i++) {
    status = (await tasking.request({ method: 'tasks/get', params: { taskId: second.taskId } })).status;
    if (['completed', 'failed', 'cancelled'].includes(status)) break;
    await sleep(200);
  }
  check('tasks/cancel: task ends cancelled', status === 'cancelled', status);
  const undeclared = await failure(() => plain.request({ method: 'tasks/get', params: { taskId: second.taskId } }, anyResult));
  check('tasks/get without the extension: -32021', undeclared?.code === -32021, undeclared?.message);
});

await plain.close();
await tasking.close();
finish('modern-client');
