// The floor of search as you type on this phone: the bench's 40,000 lines
// (names.json), sorted, a word-start scan of all of them on every input with
// the matches counted, and the first 50 written as list items. No framework,
// no database.
'use strict'
const PAGE = 50
const fold = (text) =>
  ' ' +
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
const field = document.getElementById('directory-search')
const list = document.querySelector('[data-testid="directory-list"]')
const status = document.getElementById('status')
let lines = []
let folded = []

function show() {
  const tokens = fold(field.value)
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((t) => ' ' + t)
  const items = []
  let total = 0
  for (let i = 0; i < folded.length; i++) {
    if (!tokens.every((t) => folded[i].includes(t))) continue
    if (++total > PAGE) continue
    const li = document.createElement('li')
    li.textContent = lines[i]
    items.push(li)
  }
  list.replaceChildren(...items)
  status.textContent = `${total} av ${lines.length}`
}
field.addEventListener('input', show)
fetch('./names.json')
  .then((res) => res.json())
  .then((all) => {
    lines = all.sort()
    folded = lines.map(fold)
    show()
    status.dataset.ready = 'true'
  })
