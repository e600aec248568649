export { type ClassFile, readClassFile } from "./classfile/class-file.js";
export { type ClassInput, readClassInput } from "./classfile/class-input.js";
export { runCli, runCliCaptured } from "./cli.js";
export { type Command, type CommandIo, EXIT } from "./command.js";
export { type Generated, type GenerateOptions, generateContracts } from "./contracts/generate.js";
