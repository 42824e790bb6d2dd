import "server-only";
import type { NextRequest } from "next/server";
import { requireUserId } from "@/lib/server/auth/session";
import { readJson } from "@/lib/server/http/body";
import { deviceName } from "@/lib/server/http/device-name";
import { ifNoneMatch, requiredIfMatchVersion } from "@/lib/server/http/etag";
import { empty, json, route } from "@/lib/server/http/respond";
import { AppError } from "@/lib/shared/errors";
import { type SingletonKind, versionTag } from "@/lib/shared/sync/kind";
import { readSingleton, writeSingleton } from "./singleton";

type Context = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * The route handlers of a singleton kind: GET answers `{ [name]: { version, data, updatedAt } }`
 * (304 when unchanged), PUT saves with If-Match (`"v0"` creates it; 412 carries `current`).
 * A kind with one document per id reads it from the route's one dynamic segment, `param`.
 */
export function singletonRoutes<T>(kind: SingletonKind<T>, param?: string) {
  const { ids } = kind;
  if (Boolean(ids) !== Boolean(param)) {
    throw new Error(`${kind.name}: a kind with ids needs the route's parameter, and only it`);
  }
  async function documentId(context: Context) {
    if (!ids || !param) return "";
    const id = (await context.params)[param];
    if (typeof id === "string" && ids.valid(id)) return id;
    throw new AppError("not_found", `No such ${ids.label}`);
  }

  return {
    GET: route(async (request: NextRequest, context: Context) => {
      const id = await documentId(context);
      const userId = await requireUserId(request);
      const doc = await readSingleton(userId, kind, id);
      const etag = versionTag(doc.version);
      if (ifNoneMatch(request, etag)) return empty(304, { ETag: etag });
      return json({ [kind.name]: doc }, { headers: { ETag: etag } });
    }),
    PUT: route(async (request: NextRequest, context: Context) => {
      const id = await documentId(context);
      const userId = await requireUserId(request);
      const expectedVersion = requiredIfMatchVersion(request);
      const data = await readJson(request, await kind.schema());
      const device = deviceName(request.headers.get("user-agent"));
      const doc = await writeSingleton(userId, kind, data, expectedVersion, id, device);
      return json({ [kind.name]: doc }, { headers: { ETag: versionTag(doc.version) } });
    }),
  };
}
