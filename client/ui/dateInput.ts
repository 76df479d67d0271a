/** A device-local `datetime-local` value for an instant ('' for none). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** The instant a `datetime-local` value means on this device (null for none). */
export function toInstant(local: string): string | null {
  return local ? new Date(local).toISOString() : null
}
