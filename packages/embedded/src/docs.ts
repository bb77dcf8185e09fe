import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReadme } from './reference-docs';

/** `npm run docs`: regenerates README's configuration and error-code tables from the code. */
const path = join(__dirname, '..', '..', '..', 'README.md');
writeFileSync(path, renderReadme(readFileSync(path, 'utf8')));
console.log(`updated ${path}`);
