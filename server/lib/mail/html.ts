import { html as honoHtml, type raw } from 'hono/html'

/** A piece of HTML whose every interpolated text was escaped. */
export type Html = ReturnType<typeof raw>

/**
 * Mail HTML by a template tag that escapes every value by default (hono's
 * `html`): a text staff or members wrote cannot become markup, and forgetting
 * to escape is no longer possible. Nested `html` pieces and arrays of them
 * are kept as they are.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return honoHtml(strings, ...values) as Html
}
