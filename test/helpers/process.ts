import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

/** A free port on 127.0.0.1 for a server that cannot pick its own (`php -S` needs one). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/**
 * Starts a server process and resolves once it prints a line matching `ready` (on stdout or
 * stderr), with what the match captured; rejects with its output if it exits first. Waits on the
 * process's own word, never on a clock.
 */
export function startServer(
  command: string,
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; match: RegExpMatchArray; stop(): void }> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve({ child, match, stop: () => child.kill() });
    };
    child.stdout!.on("data", look);
    child.stderr!.on("data", look);
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`${command} ${args.join(" ")} exited (${code}) before it was ready:\n${output}`)));
  });
}
