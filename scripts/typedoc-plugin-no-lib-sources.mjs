// TypeDoc plugin: members the SDK's errors inherit from `Error` (`message`, `stack`,
// `captureStackTrace`…) are declared in TypeScript's and @types/node's lib files.
// Their "Defined in" would name a file under node_modules that the repository does not
// hold and that has no link; this drops those source entries, so every "Defined in"
// of the reference is a link to a source file of the SDK.
import { Converter } from "typedoc";

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const reflection of Object.values(context.project.reflections)) {
      if (!reflection.sources) continue;
      const own = reflection.sources.filter(
        (source) => !source.fullFileName.includes("/node_modules/"),
      );
      reflection.sources = own.length > 0 ? own : undefined;
    }
  });
}
