import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

/** Runs the check as npm does, under a Node.js that says it is `version`. */
function checkAs(version: string) {
  const pretend = [
    `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '${version}' } })`,
    `Object.defineProperty(process, 'version', { value: 'v${version}' })`,
  ].join(';')
  return spawnSync(process.execPath, ['--import', `data:text/javascript,${pretend}`, 'scripts/check-node.mjs'], {
    encoding: 'utf8',
  })
}

describe('the Node.js check before npm start and npm test', () => {
  it('stops a too-old Node.js in one line that says what is needed and how to get it', () => {
    for (const version of ['20.20.2', '22.12.0', '18.19.1']) {
      const result = checkAs(version)
      expect(result.status).toBe(1)
      const lines = result.stderr.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain(`Node.js 22.18 or newer (24 LTS recommended), and this is v${version}`)
      expect(lines[0]).toContain('npm install --prefix ~/.node24 --no-audit --no-fund node@24')
    }
  })

  it('lets a new enough one through without a word', () => {
    for (const version of ['22.18.0', '24.11.1', '25.0.0']) {
      const result = checkAs(version)
      expect(result.status).toBe(0)
      expect(result.stderr).toBe('')
    }
  })
})
