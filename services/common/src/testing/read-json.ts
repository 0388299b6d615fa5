/** A response body as loosely typed JSON, for tests that walk into it with assertions. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions check the shape
export async function readJson(response: Response): Promise<any> {
  return response.json();
}
