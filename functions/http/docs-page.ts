import { html, raw } from 'hono/html';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

interface Schema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  const?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: Schema | boolean;
  format?: string;
}

interface Document {
  info: { title: string; description?: string; version: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/**
 * A plain, server-rendered reading of the OpenAPI document, for people (works offline): a
 * Chinese introduction, every operation by tag, and every schema with its fields, references
 * linked rather than shown as raw `$ref`s.
 */
export function docsPage(openApi: { info: Document['info']; paths?: object; components?: object }) {
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
<html lang="zh-CN">
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
<section lang="zh-CN">
<p>吉林省医疗保障局政策目录（医疗服务价格、药品目录、阳光挂网、政策措施）的接口。目录按版本发布：不带 <code>release</code> 读取当前版本，带 <code>?release=N</code> 读取第 N 版（永不改变，可长期缓存）；每个回答都有 <code>Catalog-Release</code> 头和 ETag，可用 <code>If-None-Match</code> 得到 304。</p>
<p>约定：金额为整数，单位“分”；时间为带时区的 ISO 8601，按北京时间（UTC+8）；有效期为左闭右开 [validFrom, validTo)。出错时回答 <code>application/problem+json</code>：<code>errors[]</code> 中每一项给出字段路径、稳定的 <code>code</code> 和 <code>params</code>（金额上限以元计），请按 code 显示，不要依赖英文 <code>message</code>。</p>
<p>认证：<code>Authorization: Bearer &lt;JWT&gt;</code>。下游系统在控制台“下游系统”页登记后用 client credentials 取得令牌；发布通知可登记 Webhook。</p>
</section>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Authenticate with <code>Authorization: Bearer &lt;JWT&gt;</code>. <a href="#schemas">Schemas</a>.</p>
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
            html`<tr><td><code>${parameter.name}</code></td><td>${parameter.in}</td><td>${parameter.required ? 'yes' : 'no'}</td><td>${raw(schemaText(parameter.schema as Schema | undefined))}</td></tr>`,
        )}</table>`
      : ''
  }
  ${
    operation.requestBody?.content?.['application/json']?.schema
      ? html`<p>Request body: ${raw(schemaText(operation.requestBody.content['application/json'].schema as Schema))}</p>${raw(
          propertiesTable(operation.requestBody.content['application/json'].schema as Schema),
        )}`
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
<h2 id="schemas">Schemas</h2>
${Object.entries(document.components?.schemas ?? {}).map(
  ([name, schema]) => html`<div class="op" id="schema-${name}">
  <div><strong>${name}</strong> — ${raw(schemaText({ ...schema, description: undefined } as Schema, true))}</div>
  ${schema.description ? html`<p>${schema.description}</p>` : ''}
  ${raw(propertiesTable(schema))}
</div>`,
)}
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A schema in a few words, HTML: a linked name for a reference, the element for an array, the values of an enum. */
function schemaText(schema: Schema | undefined, top = false): string {
  if (!schema) return '';
  if (schema.$ref) {
    const name = schema.$ref.split('/').at(-1) ?? schema.$ref;
    return `<a href="#schema-${escapeHtml(name)}"><code>${escapeHtml(name)}</code></a>`;
  }
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (variants) return variants.map((variant) => schemaText(variant)).join(schema.allOf ? ' &amp; ' : ' | ');
  if (schema.enum) return `one of ${schema.enum.map((value) => `<code>${escapeHtml(JSON.stringify(value))}</code>`).join(', ')}`;
  if (schema.const !== undefined) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  if (type === 'array') return `array of ${schemaText(schema.items) || 'any'}`;
  if (type === 'object' && !top && schema.properties) return `object (${Object.keys(schema.properties).map(escapeHtml).join(', ')})`;
  return `${escapeHtml(type)}${schema.format ? ` (${escapeHtml(schema.format)})` : ''}`;
}

/** The fields of an object schema: name, type, whether required, what it means. */
function propertiesTable(schema: Schema): string {
  if (!schema.properties) return '';
  const required = new Set(schema.required ?? []);
  const rows = Object.entries(schema.properties).map(
    ([name, property]) =>
      `<tr><td><code>${escapeHtml(name)}</code></td><td>${schemaText(property)}</td><td>${required.has(name) ? 'yes' : 'no'}</td><td>${escapeHtml(property.description ?? '')}</td></tr>`,
  );
  return `<table><tr><th>field</th><th>type</th><th>required</th><th>meaning</th></tr>${rows.join('')}</table>`;
}
