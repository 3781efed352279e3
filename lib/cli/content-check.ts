import { contentCheckCommand } from "./content-check-command";
import { runCli } from "./run-cli";

// `npm run -s content:check`: the command itself is in content-check-command.ts, where the tests run it in-process.
runCli("content:check", contentCheckCommand);
