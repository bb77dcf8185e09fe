/** Just enough of the Dockerfile grammar to check what an image is built from (no Docker engine here). */
export interface DockerInstruction {
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  args: string;
  /** 1-based line of the keyword, for failure messages. */
  line: number;
  /** Bodies of `<<EOF` here-documents, in order. */
  heredocs: string[];
}

export interface DockerStage {
  name: string | null;
  base: string;
  instructions: DockerInstruction[];
}

export function parseDockerfile(text: string): DockerInstruction[] {
  const lines = text.split('\n');
  const instructions: DockerInstruction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i]!.trim();
    if (first === '' || first.startsWith('#')) continue;
    const line = i + 1;
    let joined = first;
    // A trailing backslash continues the instruction; comment lines inside it are dropped.
    while (joined.endsWith('\\') && i + 1 < lines.length) {
      joined = joined.slice(0, -1);
      const next = lines[++i]!.trim();
      if (!next.startsWith('#')) joined += ` ${next}`;
    }
    const heredocs: string[] = [];
    for (const [, dash, , marker] of joined.matchAll(/<<(-?)(["']?)(\w+)\2/g)) {
      const body: string[] = [];
      while (i + 1 < lines.length) {
        const raw = lines[++i]!;
        if ((dash ? raw.trim() : raw) === marker) break;
        body.push(raw);
      }
      heredocs.push(body.join('\n'));
    }
    const [keyword = '', ...rest] = joined.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line, heredocs });
  }
  return instructions;
}

/** Instructions grouped by `FROM`; ARGs before the first FROM (global ARGs) are left out. */
export function dockerStages(instructions: DockerInstruction[]): DockerStage[] {
  const stages: DockerStage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [base = '', as, name] = instruction.args.split(/\s+/).filter((t) => !t.startsWith('--'));
      stages.push({ name: as?.toUpperCase() === 'AS' ? (name ?? null) : null, base, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

export interface CopyInstruction {
  /** `--from=<stage or image>`, or null for the build context. */
  from: string | null;
  /** Paths in the build context (or in `from`); here-documents are not listed. */
  sources: string[];
  destination: string;
  line: number;
}

export function copyInstruction(instruction: DockerInstruction): CopyInstruction {
  const tokens = instruction.args.trim().startsWith('[')
    ? (JSON.parse(instruction.args) as string[])
    : instruction.args.split(/\s+/).filter(Boolean);
  const from = tokens.find((t) => t.startsWith('--from='))?.slice('--from='.length) ?? null;
  const paths = tokens.filter((t) => !t.startsWith('--'));
  const destination = paths.pop() ?? '';
  return { from, sources: paths.filter((p) => !p.startsWith('<<')), destination, line: instruction.line };
}

/**
 * `.dockerignore` as Docker applies it: the last matching pattern wins, `!` re-includes, and a
 * pattern that matches a directory excludes everything under it.
 */
export function dockerignoreMatcher(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negated = l.startsWith('!');
      const pattern = (negated ? l.slice(1) : l).replace(/^\/+/, '').replace(/\/+$/, '');
      return { negated, regex: new RegExp(`^${globToRegex(pattern)}$`) };
    });
  return (path) => {
    const parts = path.replace(/^\.\//, '').replace(/\/+$/, '').split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const rule of rules) if (candidates.some((c) => rule.regex.test(c))) excluded = !rule.negated;
    return excluded;
  };
}

function globToRegex(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (pattern.startsWith('**/', i)) {
      out += '(?:.*/)?';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      out += '.*';
      i += 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}
