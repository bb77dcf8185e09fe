/** A CONOCER answer that is well-formed but not believable (e.g. a catalog that suddenly lost most standards). */
export class SyncRefused extends Error {
  override name = 'SyncRefused';
}
