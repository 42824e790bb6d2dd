import "server-only";
import type { NextRequest } from "next/server";
import { requireUserId } from "@/lib/auth/session";
import { readSingleton, type SingletonDef, writeSingleton } from "@/lib/docs/singleton";
import { readJson } from "./body";
import { docEtag, ifNoneMatch, requiredIfMatchVersion } from "./etag";
import { empty, json } from "./respond";

/** GET of a singleton document: `{ [name]: { version, data, updatedAt } }`, 304 when unchanged. */
export async function getSingleton<T>(request: NextRequest, def: SingletonDef<T>, name: string) {
  const userId = await requireUserId(request);
  const doc = await readSingleton(userId, def);
  const etag = docEtag(doc.version);
  if (ifNoneMatch(request, etag)) return empty(304, { ETag: etag });
  return json({ [name]: doc }, { headers: { ETag: etag } });
}

/** PUT of a singleton document with If-Match (`"v0"` creates it); 412 carries `current`. */
export async function putSingleton<T>(request: NextRequest, def: SingletonDef<T>, name: string) {
  const userId = await requireUserId(request);
  const expectedVersion = requiredIfMatchVersion(request);
  const data = await readJson(request, def.schema);
  const doc = await writeSingleton(userId, def, data, expectedVersion);
  return json({ [name]: doc }, { headers: { ETag: docEtag(doc.version) } });
}
