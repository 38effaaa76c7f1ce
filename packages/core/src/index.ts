export * from "./errors/index";
