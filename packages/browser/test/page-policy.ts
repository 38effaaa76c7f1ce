/**
 * Gives this test file's page (each test file has its own) a Content-Security-Policy,
 * as a site's `<meta http-equiv>` does, and collects what it refuses: one
 * `"<directive> <blocked URI>"` per violation, in a later task than the refusal.
 */
export function applyPagePolicy(content: string): string[] {
  const policy = document.createElement("meta");
  policy.httpEquiv = "Content-Security-Policy";
  policy.content = content;
  document.head.append(policy);
  const refused: string[] = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    refused.push(`${event.effectiveDirective} ${event.blockedURI}`);
  });
  return refused;
}
