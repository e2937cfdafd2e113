/**
 * Mini-program builds only: shared/src/graphql/generated.ts holds every GraphQL document
 * (citizen pages and the operator console, ~115 KB) in one module, and webpack cannot split
 * a module, so all of them sat in the main package's common.js. This loader turns the file
 * into re-exports of one module per document (`generated.ts?doc=<Name>`), so each document
 * goes where the pages that use it go: into a page's own script, the main package's common
 * chunk (used by several main-package pages) or a subpackage's (used only there). The
 * re-exports are followed only because the shared workspace is marked side-effect free in
 * config/index.ts. The types need nothing at run time and are dropped.
 */
const path = require('node:path');

const DOCUMENT =
  /export const (\w+) = new TypedDocumentString\((`[\s\S]*?`(?:, \{[^}]*\})?)\) as unknown as TypedDocumentString<[^;]*>;/g;
const CLASS = /export class TypedDocumentString<TResult, TVariables>[\s\S]*?\n}\n/;

module.exports = function splitDocuments(source) {
  const self = `./${path.basename(this.resourcePath)}`;
  const wanted = new URLSearchParams((this.resourceQuery || '').replace(/^\?/, '')).get('doc');
  const cls = source.match(CLASS);
  if (!cls) throw new Error('splitDocuments: no TypedDocumentString class in generated.ts');
  if (wanted === '__class') {
    return `import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';\n${cls[0]}`;
  }
  const documents = [...source.matchAll(DOCUMENT)];
  if (documents.length === 0) throw new Error('splitDocuments: no documents in generated.ts');
  if (wanted) {
    const found = documents.find((d) => d[1] === wanted);
    if (!found) throw new Error(`splitDocuments: no document ${wanted}`);
    return `import { TypedDocumentString } from ${JSON.stringify(`${self}?doc=__class`)};\nexport const ${found[1]} = new TypedDocumentString(${found[2]});\n`;
  }
  return [
    `export { TypedDocumentString } from ${JSON.stringify(`${self}?doc=__class`)};`,
    ...documents.map((d) => `export { ${d[1]} } from ${JSON.stringify(`${self}?doc=${d[1]}`)};`),
  ].join('\n');
};
