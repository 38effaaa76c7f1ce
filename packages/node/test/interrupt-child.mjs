// A script that guards its work with abortOnInterrupt, for a test that signals it.
// argv: the URL of the built @luml/node, then what to do once aborted:
//   "finish": stop working and dispose, so the process ends by itself (exit 0);
//   "hang": keep working, as a stuck cleanup would, until a second signal ends it;
//   "dispose-first": dispose before any signal, then wait to be signalled.
const [helperUrl, mode] = process.argv.slice(2);
const { abortOnInterrupt } = await import(helperUrl);
const interrupt = abortOnInterrupt();
const work = setInterval(() => {}, 1000);
interrupt.signal.addEventListener("abort", () => {
  const reason = interrupt.signal.reason;
  console.log(JSON.stringify({ aborted: true, name: reason.name, message: reason.message }));
  if (mode === "finish") {
    clearInterval(work);
    interrupt.dispose();
  }
});
if (mode === "dispose-first") interrupt.dispose();
if (mode === "no-signal") {
  clearInterval(work);
  console.log(JSON.stringify({ done: true }));
}
console.log(JSON.stringify({ ready: true }));
