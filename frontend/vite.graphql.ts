import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import MagicString from 'magic-string';
import type { Plugin } from 'vite';

// Each GraphQL document is downloaded only by the pages that run it.
//
// The client preset writes every document of the app into one module,
// src/gql/graphql.ts, and graphql(`…`) looks documents up at run time in
// src/gql/gql.ts, a map keyed by each document's whole text. A bundler
// never splits a module between chunks, so any page that called graphql()
// downloaded every document (as ASTs) and every document's text again as a
// key, about 30 KB gzipped on the ranking page; and a page importing one
// generated XDocument still got the module with all of them (12 KB on the
// sign-in page, frontend/e2e/budget.test.mjs).
//
// Two build-time rewrites fix both without touching generated files or
// the pages' code (the codegen client preset recommends the first, as its
// babel/swc plugin):
//   1. a call graphql(`query Name …`) becomes the generated NameDocument
//      (or NameFragmentDoc for a fragment), imported from gql/graphql:
//      the very object the map would have returned;
//   2. gql/graphql.ts re-exports each document from a module of its own,
//      so the bundler puts a document in the chunk of the pages that use it.
// The TypeScript types are unchanged: the type checker reads the sources
// as written.

const documentsModule = 'src/gql/graphql.ts';
const virtualPrefix = '\0graphql-document:';
// One generated document per line: `export const XDocument = {…} as unknown as DocumentNode<…>;`
const generatedLine = /^export const (\w+(?:Document|FragmentDoc)) = (\{"kind":"Document".*\}) as unknown as DocumentNode<[^;]*>;$/gm;
const graphqlCall = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const graphqlImport = /^import \{ graphql \} from '(?:\.\.?\/)+gql';\n/gm;
const definitionName = /^\s*(?:(query|mutation|subscription)|fragment)\s+(\w+)/;

export function graphqlDocumentsPlugin(root: string): Plugin {
  const documentsFile = resolve(root, documentsModule);
  let cache: { source: string; documents: Map<string, string> } | undefined;
  const documents = (): Map<string, string> => {
    const source = readFileSync(documentsFile, 'utf8');
    if (cache?.source !== source) {
      const found = new Map<string, string>();
      for (const [, name, json] of source.matchAll(generatedLine)) found.set(name!, json!);
      cache = { source, documents: found };
    }
    return cache.documents;
  };

  return {
    name: 'kaoping:graphql-documents',
    // Before TypeScript is stripped: the generated lines are matched as written.
    enforce: 'pre',
    resolveId(id) {
      return id.startsWith(virtualPrefix) ? id : null;
    },
    load(id) {
      if (!id.startsWith(virtualPrefix)) return null;
      this.addWatchFile(documentsFile);
      const name = id.slice(virtualPrefix.length);
      const json = documents().get(name);
      if (json === undefined) this.error(`${documentsModule} has no document ${name}`);
      return `export const ${name} = ${json};\n`;
    },
    transform(code, id) {
      const file = id.split('?')[0]!;
      if (file === documentsFile) {
        const s = new MagicString(code);
        let n = 0;
        for (const m of code.matchAll(generatedLine)) {
          s.overwrite(m.index, m.index + m[0].length, `export { ${m[1]} } from ${JSON.stringify(virtualPrefix + m[1])};`);
          n++;
        }
        if (n !== documents().size) this.error(`${documentsModule}: rewrote ${n} documents of ${documents().size}; has the codegen output changed shape?`);
        return { code: s.toString(), map: s.generateMap({ hires: 'boundary' }) };
      }
      if (!/\.(ts|tsx)$/.test(file) || file.includes('/node_modules/') || file.includes('/src/gql/') || !code.includes('graphql(')) return null;
      const s = new MagicString(code);
      const names = new Set<string>();
      for (const m of code.matchAll(graphqlCall)) {
        const d = definitionName.exec(m[1]!);
        if (!d) this.error(`${file}: graphql() document without a named operation or fragment`);
        const name = d[1] ? `${d[2]}Document` : `${d[2]}FragmentDoc`;
        if (!documents().has(name)) this.error(`${file}: ${name} is not in ${documentsModule}; run scripts/generate.sh`);
        // Under a name of its own, in case the module also imports the document itself.
        s.overwrite(m.index, m.index + m[0].length, `__graphql_${name}`);
        names.add(name);
      }
      if (names.size === 0) return null;
      // Without its last caller the import of graphql() goes too: even unused,
      // it kept gql.ts in the module graph, and with it (through its
      // namespace import of gql/graphql) every document in one shared chunk.
      for (const m of code.matchAll(graphqlImport)) s.remove(m.index, m.index + m[0].length);
      s.prepend(`import { ${[...names].map((n) => `${n} as __graphql_${n}`).join(', ')} } from ${JSON.stringify(documentsFile)};\n`);
      return { code: s.toString(), map: s.generateMap({ hires: 'boundary' }) };
    },
  };
}
