import type { FormattedExecutionResult } from 'graphql';

/**
 * Apollo Server's response serialisation (`JSON.stringify(result) + '\n'`, members in the order it
 * passes them: errors, data, extensions), except that a `data` object is stringified once however
 * many responses carry it. In-flight deduplication hands every waiting request the same `data` (each
 * with its own `extensions.cost`), so identical queries arriving together cost one serialisation of
 * the tens of kilobytes instead of one each. A response is never cached as a whole.
 */
export function createResultStringifier(): (result: FormattedExecutionResult) => string {
  const serialised = new WeakMap<object, string>();
  const dataJson = (data: object) => {
    let json = serialised.get(data);
    if (json === undefined) {
      json = JSON.stringify(data);
      serialised.set(data, json);
    }
    return json;
  };
  return (result) => {
    const { data } = result;
    if (data === null || typeof data !== 'object') return `${JSON.stringify(result)}\n`;
    const members: string[] = [];
    for (const key of Object.keys(result)) {
      const value = (result as Record<string, unknown>)[key];
      if (key === 'data') members.push(`"data":${dataJson(data)}`);
      else if (value !== undefined && typeof value !== 'function' && typeof value !== 'symbol') members.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
    }
    return `{${members.join(',')}}\n`;
  };
}
