import { dbCommand } from "./db-command";
import { runAsyncCli } from "./run-cli";

// `npm run -s db`: the command itself is in db-command.ts, where the tests run it in-process.
runAsyncCli("db", dbCommand);
