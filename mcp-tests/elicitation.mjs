// Confirmation through elicitation with real clients, in both eras, against a stack whose staging deploys must be
// confirmed (the test configures staging so; production is the default): the TypeScript SDK 1.x client (2025-11-25:
// elicitation/create on the call's SSE stream, its answer POSTed to ANOTHER api instance) and the v2 client pinned to
// 2026-07-28 (the stateless input_required round trip). Accept proceeds; decline and cancel end with a tool error and
// publish nothing; calls that need no confirmation are not asked.
// Usage: node elicitation.mjs <mcp url> <mcp url of another api instance on the same broker>
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { check, step, finish } from './lib/checks.mjs';

const url = new URL(process.argv[2]);
const other = new URL(process.argv[3]);
const run = Date.now() % 100000;

// The user: answers each question with the next action queued here, confirming the form's values as they are.
const actions = [];
const asked = [];
function answer(request) {
  const params = request.params ?? request;
  asked.push(params);
  const action = actions.shift() ?? 'cancel';
  if (action !== 'accept') return { action };
  const content = {};
  for (const [name, field] of Object.entries(params.requestedSchema?.properties ?? {})) {
    if (field.default !== undefined) content[name] = field.default;
  }
  content.reason = 'confirmed by the user in the elicitation test';
  return { action, content };
}

const text = (result) => result?.content?.[0]?.text ?? '';
const deploy = (service, environment = 'staging') => ({ name: 'deploy_service',
  arguments: { service, version: '1.0.0', environment, reason: 'elicitation test' } });

async function nothingPublished(client, service) {
  const listed = await client.callTool({ name: 'list_operations', arguments: { service } });
  return listed.structuredContent?.operations?.length === 0;
}

async function confirmations(era, client) {
  const service = `confirm-${era}-${run}`;
  await step(`${era}: accept`, async () => {
    actions.push('accept');
    const before = asked.length;
    const result = await client.callTool(deploy(service));
    const question = asked[before];
    check(`${era}: the user is asked once, with the deploy in the form`, asked.length === before + 1
      && /^Confirm: deploy /.test(question?.message ?? '')
      && question?.requestedSchema?.properties?.version?.default === '1.0.0'
      && question?.requestedSchema?.properties?.environment?.default === 'staging', question?.message);
    check(`${era}: accepted, the deploy is accepted`, result.isError !== true
      && result.structuredContent?.status === 'queued', text(result).slice(0, 160));
    check(`${era}: the user's reason is recorded`, result.structuredContent?.operation?.request?.reason
      === 'confirmed by the user in the elicitation test', JSON.stringify(result.structuredContent?.operation?.request));
  });
  for (const action of ['decline', 'cancel']) {
    await step(`${era}: ${action}`, async () => {
      actions.push(action);
      const declined = `${service}-${action}`;
      const result = await client.callTool(deploy(declined));
      check(`${era}: ${action}d, a tool error naming it`, result.isError === true
        && text(result).includes(`${action}d the confirmation`), text(result));
      check(`${era}: ${action}d, nothing published`, await nothingPublished(client, declined));
    });
  }
  await step(`${era}: no question where the policy asks none`, async () => {
    const before = asked.length;
    const result = await client.callTool(deploy(`${service}-dev`, 'development'));
    check(`${era}: a development deploy is not asked about`, asked.length === before && result.isError !== true,
      text(result).slice(0, 120));
  });
}

// 2025-11-25: the client's answers (JSON-RPC responses) are POSTed to the other api instance.
let answersElsewhere = 0;
const routed = async (input, init) => {
  if (init?.method === 'POST' && typeof init.body === 'string') {
    const message = JSON.parse(init.body);
    if (!('method' in message) && ('result' in message || 'error' in message)) {
      answersElsewhere++;
      return fetch(other, init);
    }
  }
  return fetch(input, init);
};
const legacy = new LegacyClient({ name: 'light-devops-elicitation-legacy', version: '1.0.0' },
  { capabilities: { elicitation: { form: {} } } });
legacy.setRequestHandler(ElicitRequestSchema, async (request) => answer(request));
const legacyTransport = new LegacyTransport(url, { fetch: routed });
await legacy.connect(legacyTransport);
check('legacy: the session id carries the elicitation capability', legacyTransport.sessionId?.startsWith('elicit-form-'),
  String(legacyTransport.sessionId));
await confirmations('legacy', legacy);
check('legacy: every answer reached the other api instance', answersElsewhere === 3, String(answersElsewhere));
await legacy.close();

// 2026-07-28: stateless; the v2 client fulfils input_required itself and retries with inputResponses.
const modern = new Client({ name: 'light-devops-elicitation-modern', version: '1.0.0' },
  { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } } });
modern.setRequestHandler('elicitation/create', async (request) => answer(request));
await modern.connect(new StreamableHTTPClientTransport(url));
check('modern: 2026-07-28 pinned', modern.getNegotiatedProtocolVersion() === '2026-07-28');
await confirmations('modern', modern);
await modern.close();

finish('elicitation');
