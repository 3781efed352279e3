import { importCommand } from "./import-command";
import { runCli } from "./run-cli";

// `npm run -s import`: the command itself is in import-command.ts, where the tests run it in-process.
runCli("import", importCommand);
