import type { QosCommand } from "./command.js";

/**
 * `shutdown [-t ms]` (ShutdownTelnet.java): waits `-t` milliseconds, closes the application
 * gracefully (unregister, finish calls in flight) and answers with the elapsed time.
 */
export const shutdown: QosCommand = {
  name: "shutdown",
  summary: "Shutdown Dubbo Application.",
  example: ["shutdown -t <milliseconds>"],
  async execute({ model }, args) {
    let wait = 0;
    if (args.length > 0) {
      if (args.length === 2 && args[0] === "-t" && /^\d+$/.test(args[1]!)) wait = Number(args[1]);
      else return "Invalid parameter,please input like shutdown -t 10000";
    }
    const start = Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await model.shutdown();
    return `Application has shutdown successfully\r\nelapsed: ${Date.now() - start} ms.`;
  },
};
