import { request as httpRequest } from "node:http";

/**
 * POSTs `totalBytes` with chunked transfer encoding (no Content-Length), 64 KB at a time, and
 * stops sending as soon as the server answers. Resolves with the status, the body and how many
 * bytes were sent by then: a server that counts while reading answers long before the end.
 */
export function postChunked(
  url: string,
  totalBytes: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, {
      method: "POST",
      headers: { "Transfer-Encoding": "chunked", ...headers },
    });
    req.on("response", (response) => {
      answered = true;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, body, sentBytes: sent });
        req.destroy();
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}
