// JSON responses, errors that say what is wrong, and a body reader that enforces the size limit.

/** Request bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

export const errorResponse = (status: number, error: string, headers?: HeadersInit): Response =>
  json({ error }, status, headers);

/** Reads and parses a JSON body, counting bytes as they arrive: a chunked body has no Content-Length. */
export async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) throw new HttpError(400, 'missing JSON body');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new HttpError(400, 'body is not valid UTF-8');
  }
  if (!text.trim()) throw new HttpError(400, 'missing JSON body');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `body is not valid JSON: ${(error as Error).message}`);
  }
}

const tooLarge = () => new HttpError(413, `body over ${MAX_BODY_BYTES / 1024} KiB`);
