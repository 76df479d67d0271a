// Fails when the static imports of client/, server/ and shared/ form a cycle.
// Type-only imports count too: a cycle of types today is a cycle of values
// after the next refactor, and it hides which module depends on which.
// Dynamic import() is how routes are split, so it is left out.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

const ROOTS = ['client', 'server', 'shared']
const EXTENSIONS = ['.ts', '.vue']

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path)
    return EXTENSIONS.some((ext) => name.endsWith(ext)) ? [path] : []
  })
}

function scriptOf(path: string): string {
  const text = readFileSync(path, 'utf8')
  if (!path.endsWith('.vue')) return text
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('\n')
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const base = resolve(dirname(from), specifier)
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), join(base, 'index.ts')]
  return candidates.find((path) => existsSync(path) && statSync(path).isFile())
}

/** The files a module imports statically (import, import type, export from). */
function staticImports(path: string): string[] {
  const source = scriptOf(path)
  const { importedFiles } = ts.preProcessFile(source, true, false)
  return importedFiles
    .filter((ref) => !/import\(\s*$/.test(source.slice(Math.max(0, ref.pos - 12), ref.pos - 1)))
    .map((ref) => resolveImport(path, ref.fileName))
    .filter((target): target is string => target !== undefined)
}

/** Every cycle's files, found as strongly connected components (Tarjan). */
function importCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  function visit(node: string): void {
    index.set(node, counter)
    low.set(node, counter++)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!))
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    const selfImport = graph.get(node)?.includes(node)
    if (component.length > 1 || selfImport) cycles.push(component.reverse())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return cycles
}

const files = ROOTS.flatMap(sourceFiles).map((path) => resolve(path))
const graph = new Map(files.map((path) => [path, staticImports(path)]))
const cycles = importCycles(graph)
const edges = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0)
if (cycles.length > 0) {
  for (const cycle of cycles) {
    console.error(`Import cycle of ${cycle.length} files:`)
    for (const path of cycle) console.error(`  ${relative(process.cwd(), path)}`)
  }
  process.exit(1)
}
console.log(`No import cycle among ${files.length} files (${edges} static imports).`)
