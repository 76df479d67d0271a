// Bokmål cut in two by the build (scripts/messageChunks.ts): a part of the messages' tree each.
declare module 'virtual:messages/*' {
  const messages: Record<string, unknown>
  export default messages
}
