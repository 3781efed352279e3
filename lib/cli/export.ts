import { exportCommand } from "./export-command";
import { runCli } from "./run-cli";

// `npm run -s export`: the command itself is in export-command.ts, where the tests run it in-process.
runCli("export", exportCommand);
