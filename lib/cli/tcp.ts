import { tcpCommand } from "./tcp-command";
import { runCli } from "./run-cli";

// `npm run -s tcp`: the command itself is in tcp-command.ts, where the tests run it in-process.
runCli("tcp", tcpCommand);
