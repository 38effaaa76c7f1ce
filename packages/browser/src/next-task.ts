/**
 * Resolves after the page's pending tasks, its timers included. The timer is set from
 * a message's task: set straight from a chain of timers' tasks it would be held back
 * (browsers clamp nested timers to 4 ms).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      setTimeout(resolve, 0);
    };
    channel.port2.postMessage(undefined);
  });
}
