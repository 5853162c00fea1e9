/** SCHEMA_REGISTRY_URL: a Confluent-compatible schema registry API (Confluent's, or Apicurio's `/apis/ccompat/v7`). */
export function registryUrl(): string {
  const url = process.env.SCHEMA_REGISTRY_URL
  if (!url) {
    throw new Error(
      'SCHEMA_REGISTRY_URL is not set: set it to a Confluent-compatible schema registry, e.g. http://localhost:8081 ' +
        "or Apicurio's http://localhost:8080/apis/ccompat/v7",
    )
  }
  return url
}
