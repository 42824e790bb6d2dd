/** A singleton document as the API sends it (see lib/docs/singleton.ts). */
export interface SingletonView<T> {
  version: number;
  data: T;
  updatedAt: string | null;
}
