/** Headers as a consumer gets them: a repeated name gives an array. */
export type RawHeaders = { readonly [name: string]: Buffer | Buffer[] | undefined }

/** A header's bytes: its last value when the name was repeated, undefined when it is absent. */
export function lastHeader(headers: RawHeaders, name: string): Buffer | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[value.length - 1] : value
}
