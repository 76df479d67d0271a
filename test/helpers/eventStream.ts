/** Reads server-sent events from a streaming response, one `event:` name at a time. */
export function eventReader(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  // A read left pending by a timed-out wait is kept, or the chunk it receives would be lost.
  let pending: Promise<ReadableStreamReadResult<string>> | null = null
  let isDone = false
  return {
    async next(timeoutMs = 5000): Promise<string | null> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const match = buffer.match(/event: (\w+)\n/)
        if (match) {
          buffer = buffer.slice(match.index! + match[0].length)
          return match[1]!
        }
        const left = deadline - Date.now()
        if (left <= 0) return null
        pending ??= reader.read()
        const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), left))])
        if (chunk === null) return null
        pending = null
        if (chunk.done) {
          isDone = true
          return null
        }
        buffer += chunk.value
      }
    },
    /** Whether the server ended the stream within `timeoutMs`, reading past any events it sends first. */
    async closes(timeoutMs = 5000): Promise<boolean> {
      const deadline = Date.now() + timeoutMs
      while (!isDone && Date.now() < deadline) await this.next(deadline - Date.now())
      return isDone
    },
    cancel: () => reader.cancel(),
  }
}
