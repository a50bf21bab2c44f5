import { html, raw } from 'hono/html';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

interface Document {
  info: { title: string; description?: string; version: string };
  paths?: Record<string, Record<string, Operation>>;
}

/** A plain, server-rendered reading of the OpenAPI document, for people (works offline). */
export function docsPage(openApi: { info: Document['info']; paths?: object }) {
  const document = openApi as Document;
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  const byTag = new Map<string, typeof operations>();
  for (const entry of operations) {
    const tag = entry.operation.tags?.[0] ?? 'Other';
    byTag.set(tag, [...(byTag.get(tag) ?? []), entry]);
  }
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${document.info.title}</title>
<style>
  body { font: 15px/1.5 system-ui, "Noto Sans CJK SC", sans-serif; max-width: 960px; margin: 2rem auto; padding: 0 1rem; color: #1f2933; }
  h2 { border-bottom: 1px solid #d9e2ec; padding-bottom: .25rem; margin-top: 2.5rem; }
  .op { margin: 1rem 0; padding: .75rem 1rem; border: 1px solid #d9e2ec; border-radius: 6px; }
  .method { display: inline-block; min-width: 4.5rem; font-weight: 700; text-transform: uppercase; }
  code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
  pre { background: #f5f7fa; padding: .5rem; overflow-x: auto; max-height: 18rem; }
  table { border-collapse: collapse; } td, th { padding: .15rem .6rem; text-align: left; border-bottom: 1px solid #eef2f6; }
</style>
</head>
<body>
<h1>${document.info.title} <small>v${document.info.version}</small></h1>
<p>${document.info.description ?? ''}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Authenticate with <code>Authorization: Bearer &lt;JWT&gt;</code>.</p>
${[...byTag.entries()].map(
  ([tag, entries]) => html`<h2>${tag}</h2>
${entries.map(
  ({ path, method, operation }) => html`<div class="op">
  <div><span class="method">${method}</span> <code>${path}</code> — ${operation.summary ?? ''}</div>
  ${operation.description ? html`<p>${operation.description}</p>` : ''}
  ${
    operation.parameters?.length
      ? html`<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>${operation.parameters.map(
          (parameter) =>
            html`<tr><td><code>${parameter.name}</code></td><td>${parameter.in}</td><td>${parameter.required ? 'yes' : 'no'}</td><td><code>${JSON.stringify(parameter.schema ?? {})}</code></td></tr>`,
        )}</table>`
      : ''
  }
  ${
    operation.requestBody?.content?.['application/json']?.schema
      ? html`<p>Request body:</p><pre>${JSON.stringify(operation.requestBody.content['application/json'].schema, null, 2)}</pre>`
      : ''
  }
  <p>Responses: ${raw(
    Object.entries(operation.responses ?? {})
      .map(([status, response]) => `<code>${status}</code> ${escapeHtml(response.description ?? '')}`)
      .join('; '),
  )}</p>
</div>`,
)}`,
)}
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
