import {
  ApiClientError,
  type ApiRequest,
  type ApiResponse,
  type Http,
} from "@/lib/browser/http/client";
import { TRASH_URL } from "@/lib/shared/drafts/trash";
import { MAX_GUEST_DRAFTS } from "@/lib/shared/guest/limits";
import {
  type DocRecord,
  docKey,
  idInUrl,
  parseVersionTag,
  type SingletonKind,
  type SyncedKind,
  versionTag,
} from "@/lib/shared/sync/kind";
import type { GuestData, GuestStore, LocalDoc } from "./guest-store";

/** The guest's Trash: a chunk of its own, loaded when first used (every page carries this file). */
const localTrash = () => import("./local-trash");

/**
 * A guest's API, answered from this browser's storage: the same URLs, answers, ETags, 304s,
 * If-Match and 412s (with `current`) as the server's routes for every synced kind, so a
 * guest's pages run on the very same sync client and engine as a signed-in user's. Nothing is
 * sent anywhere; other URLs answer 404.
 */
export function createLocalApi(store: GuestStore, kinds: readonly SyncedKind[]): Http {
  return async <T>(url: string, init: ApiRequest = {}): Promise<ApiResponse<T>> => {
    const method = (init.method ?? "GET").toUpperCase();
    const headers = new Headers(init.headers);
    const path = url.split("?")[0] ?? url;
    if (path === TRASH_URL || path.startsWith(`${TRASH_URL}/`))
      return trash<T>(store, path, method, headers, init.json);
    for (const kind of kinds) {
      if (kind.collection?.url === path) {
        if (method === "GET") return answer<T>(list(store.read(), kind), headers);
        if (method === "POST") return create<T>(store, kind, init.json);
        throw notAllowed();
      }
      const id = idInUrl(kind, path);
      if (id === null) continue;
      const ids = (kind as Partial<SingletonKind>).ids;
      if (ids && !ids.valid(id)) throw new ApiClientError(404, "not_found", `No such ${ids.label}`);
      if (method === "GET") return answer<T>(read(store.read(), kind, id), headers);
      if (method === "PUT") return put<T>(store, kind, id, init.json, headers);
      if (method === "DELETE" && kind.collection) return remove<T>(store, kind, id);
      throw notAllowed();
    }
    throw new ApiClientError(404, "not_found", "Sign in to use this");
  };
}

type Answer = { status: number; etag: string; body: unknown };

function answer<T>({ status, etag, body }: Answer, headers?: Headers): ApiResponse<T> {
  const responseHeaders = new Headers({ ETag: etag });
  if (headers?.get("If-None-Match") === etag && status === 200)
    return { status: 304, etag, headers: responseHeaders, body: undefined };
  return { status, etag, headers: responseHeaders, body: body as T };
}

const notAllowed = () => new ApiClientError(405, "method_not_allowed", "Not allowed here");
const notFound = (kind: SyncedKind) => new ApiClientError(404, "not_found", `No such ${kind.name}`);

const record = (doc: LocalDoc) => doc as DocRecord<Record<string, unknown>>;

function read(data: GuestData, kind: SyncedKind, id: string): Answer {
  const doc = data.docs[docKey(kind, id)];
  if (!doc && kind.collection) throw notFound(kind);
  const view = doc
    ? kind.view(record(doc))
    : kind.view({ id, version: 0, data: kind.empty, createdAt: null, updatedAt: null });
  return { status: 200, etag: versionTag(doc?.version ?? 0), body: { [kind.name]: view } };
}

function list(data: GuestData, kind: SyncedKind): Answer {
  const collection = kind.collection as NonNullable<SyncedKind["collection"]>;
  const prefix = `${kind.name}:`;
  const entries = Object.entries(data.docs)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, doc]) => collection.summary(kind.view(record(doc))))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return { status: 200, etag: versionTag(data.marker), body: { [collection.field]: entries } };
}

/** What the page sends is checked as the server would check it. */
async function valid(kind: SyncedKind, value: unknown) {
  const parsed = (await kind.schema()).safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ApiClientError(
    400,
    "validation_failed",
    `${issue?.path.join(".") || "body"}: ${issue?.message ?? "is not valid"}`,
  );
}

async function put<T>(
  store: GuestStore,
  kind: SyncedKind,
  id: string,
  body: unknown,
  headers: Headers,
): Promise<ApiResponse<T>> {
  const expected = parseVersionTag(headers.get("If-Match") ?? "");
  if (expected === null)
    throw new ApiClientError(428, "precondition_required", 'Send If-Match: "v<version>"');
  const data = await valid(kind, body);
  const result = await write(store, (guest) => {
    const key = docKey(kind, id);
    const doc = guest.docs[key];
    if (!doc && kind.collection) throw notFound(kind);
    if ((doc?.version ?? 0) !== expected) {
      throw new ApiClientError(412, "version_conflict", "Changed in another tab", {
        current: (read(guest, kind, id).body as Record<string, unknown>)[kind.name],
      });
    }
    const now = new Date().toISOString();
    guest.docs[key] = {
      id,
      version: expected + 1,
      data,
      createdAt: doc?.createdAt ?? now,
      updatedAt: now,
    };
    guest.marker++;
    return read(guest, kind, id);
  });
  return answer<T>(result);
}

/** Creates a document under the id the page chose; a repeat finds the first (200, repeated). */
async function create<T>(
  store: GuestStore,
  kind: SyncedKind,
  body: unknown,
): Promise<ApiResponse<T>> {
  const { id, ...fields } = (body ?? {}) as { id?: unknown };
  const docId = typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id) ? id : crypto.randomUUID();
  const data = await valid(kind, { ...kind.empty, ...fields });
  const result = await write(store, (guest) => {
    const key = docKey(kind, docId);
    if (guest.docs[key]) return { ...read(guest, kind, docId), repeated: true };
    const count = Object.keys(guest.docs).filter((k) => k.startsWith(`${kind.name}:`)).length;
    if (count >= MAX_GUEST_DRAFTS)
      throw new ApiClientError(
        403,
        "quota_exceeded",
        `A guest keeps at most ${MAX_GUEST_DRAFTS} of these in this browser; sign in to keep more`,
      );
    const now = new Date().toISOString();
    guest.docs[key] = { id: docId, version: 1, data, createdAt: now, updatedAt: now };
    guest.marker++;
    return { ...read(guest, kind, docId), repeated: false };
  });
  const { repeated, ...view } = result;
  return answer<T>({
    status: repeated ? 200 : 201,
    etag: view.etag,
    body: { ...(view.body as object), repeated },
  });
}

async function remove<T>(store: GuestStore, kind: SyncedKind, id: string): Promise<ApiResponse<T>> {
  // A draft goes to the Trash, as an account's does.
  const { trashLocalDraft } = await localTrash();
  const trashed = await write(store, (guest) => {
    if (kind.name === "draft") return trashLocalDraft(guest, id);
    const key = docKey(kind, id);
    if (!guest.docs[key]) return null;
    delete guest.docs[key];
    guest.marker++;
    return null;
  });
  if (trashed) return { status: 200, etag: null, headers: new Headers(), body: { trashed } as T };
  return { status: 204, etag: null, headers: new Headers(), body: undefined };
}

/** The Trash's routes (/api/trash), answered from this browser. */
async function trash<T>(
  store: GuestStore,
  path: string,
  method: string,
  headers: Headers,
  body: unknown,
): Promise<ApiResponse<T>> {
  const { listLocalTrash, localTrashRoute, purgeLocalTrash, restoreLocalDraft } =
    await localTrash();
  const route = localTrashRoute(path, method);
  if (!route)
    throw path === TRASH_URL
      ? notAllowed()
      : new ApiClientError(404, "not_found", "No such draft in the Trash");
  if (route.action === "list") return answer<T>(listLocalTrash(store.read()), headers);
  if (route.action === "restore")
    return answer<T>(await write(store, (guest) => restoreLocalDraft(guest, route.id)));
  const id = route.action === "empty" ? null : route.id;
  const only = (body as { ids?: unknown } | undefined)?.ids;
  const shown = Array.isArray(only) ? only.filter((x) => typeof x === "string") : undefined;
  const emptied = await write(store, (guest) => purgeLocalTrash(guest, id, shown));
  if (id !== null) return { status: 204, etag: null, headers: new Headers(), body: undefined };
  return { status: 200, etag: null, headers: new Headers(), body: { emptied } as T };
}

/** A full browser storage is the guest's to know about, in words. */
async function write<R>(store: GuestStore, update: (data: GuestData) => R): Promise<R> {
  try {
    return await store.change(update);
  } catch (error) {
    if (error instanceof ApiClientError) throw error;
    if (error instanceof DOMException && error.name === "QuotaExceededError")
      throw new ApiClientError(
        413,
        "payload_too_large",
        "This browser has no room left for guest data; sign in to keep it in your account",
      );
    throw error;
  }
}
