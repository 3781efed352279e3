import { instructorCommand } from "./instructor-command";
import { runAsyncCli } from "./run-cli";

// `npm run -s instructor`: the command itself is in instructor-command.ts, where the tests run it in-process.
runAsyncCli("instructor", instructorCommand);
