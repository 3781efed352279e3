import { questionsCommand } from "./questions-command";
import { runCli } from "./run-cli";

// `npm run -s questions`: the command itself is in questions-command.ts, where the tests run it in-process.
runCli("questions", questionsCommand);
