// Runs before `npm start`, `npm test`, `npm run build` and the rest, on
// whatever Node.js the machine has, so it is plain JavaScript (not
// TypeScript, which only a new enough Node runs). Everything else is
// TypeScript run by Node itself, which needs type stripping: 22.18 or newer.
const NEEDED = { major: 22, minor: 18 }
const [major, minor] = process.versions.node.split('.').map(Number)

if (major < NEEDED.major || (major === NEEDED.major && minor < NEEDED.minor)) {
  console.error(
    `This app needs Node.js ${NEEDED.major}.${NEEDED.minor} or newer (24 LTS recommended), and this is ${process.version}. ` +
      'Get it with: npm install --prefix ~/.node24 --no-audit --no-fund node@24 && export PATH=~/.node24/node_modules/.bin:$PATH',
  )
  process.exit(1)
}
