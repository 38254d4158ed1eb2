// Shared by the client scripts: named checks printed one per line, arguments for every tool, small waits.
// A script exits 1 when any check failed, so the JUnit test that runs it fails with these lines in its message.

const results = [];

export function check(name, passed, detail = '') {
  results.push({ name, passed: Boolean(passed) });
  console.log(`${passed ? 'PASS' : 'FAIL'} ${name}${detail ? ' :: ' + detail : ''}`);
  return Boolean(passed);
}

export async function step(name, body) {
  try {
    return await body();
  } catch (error) {
    check(name, false, `threw ${error?.constructor?.name}: ${error?.message}`);
    return undefined;
  }
}

export function finish(client) {
  const failed = results.filter((r) => !r.passed).length;
  console.log(`${client}: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Arguments that make each tool of this server do real work (unknown tools get none and may refuse). */
export function sampleArguments(tool, context) {
  switch (tool) {
    case 'deploy_service':
      return { service: context.service, version: '2.1.0', environment: 'development', reason: 'MCP client test' };
    case 'rollback_deployment':
      return { service: context.service, environment: 'development', reason: 'rollback exercised by the MCP client test' };
    case 'get_logs':
    case 'get_metrics':
      return { service: context.service };
    case 'get_operation':
    case 'cancel_operation':
      return { id: context.operationId };
    default:
      return {};
  }
}

/** Tools that must answer without isError for a Developer with the sample arguments. */
export const MUST_SUCCEED = ['deploy_service', 'get_operation', 'list_operations', 'authenticate_user'];

/** Call order: start an operation first, so the tools that take an operation id have one. */
export function callOrder(names) {
  const rank = (name) => (name === 'deploy_service' ? 0 : name === 'cancel_operation' ? 2 : 1);
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function isIncreasing(values) {
  return values.every((value, index) => index === 0 || value > values[index - 1]);
}

/** The error a call fails with, or undefined when it succeeds. */
export async function failure(body) {
  try {
    await body();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Every "pattern" of a JSON Schema, wherever it sits. */
export function schemaPatterns(schema, found = []) {
  if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'pattern' && typeof value === 'string') found.push(value);
      else schemaPatterns(value, found);
    }
  }
  return found;
}
