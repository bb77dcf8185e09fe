import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, env, parseEnvironment } from './environment';

const schema = z.object({ PORT: env.port(4000), SECRET: z.string().min(8), FLAG: env.bool(false) });

describe('parseEnvironment', () => {
  it('applies defaults and treats empty strings as unset', () => {
    expect(parseEnvironment('svc', schema, { SECRET: 'long-enough', PORT: '' })).toEqual({ PORT: 4000, SECRET: 'long-enough', FLAG: false });
  });

  it('reports every bad variable at once', () => {
    try {
      parseEnvironment('svc', schema, { PORT: 'abc', FLAG: 'maybe' });
      expect.fail('should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('SECRET');
      expect(problems).toContain('FLAG');
    }
  });

  it('reads X_FILE variables', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'env-')), 'secret');
    writeFileSync(file, 'from-a-file\n');
    expect(parseEnvironment('svc', schema, { SECRET_FILE: file }).SECRET).toBe('from-a-file');
  });
});
