/**
 * The bench's webhook receiver in a process of its own, as a real receiver is: the delivery worker is not charged
 * for the receiver's HTTP parsing and signature checks. Started by bench/alerts-delivery.bench.ts through fork();
 * sends { url } once listening, answers 'stats' with its counts.
 */
import { WebhookReceiver } from '../../test/jobs/support/receivers';

async function main(): Promise<void> {
  const receiver = new WebhookReceiver(process.argv[2] ?? 'bench-secret');
  await receiver.start();
  process.send?.({ url: receiver.url });
  process.on('message', (message) => {
    if (message === 'stats') {
      let deliveryIdsNamingTwoAlerts = 0;
      for (const alerts of receiver.deliveries.values()) deliveryIdsNamingTwoAlerts += alerts.size > 1 ? 1 : 0;
      process.send?.({
        received: receiver.received.size,
        requests: receiver.requests,
        duplicates: receiver.duplicates,
        // requests whose delivery id had been seen already: what a receiver deduping by the id drops
        duplicatesByDeliveryId: receiver.requests - receiver.badSignatures - receiver.deliveries.size,
        deliveryIdsNamingTwoAlerts,
        badSignatures: receiver.badSignatures,
      });
    } else if (message === 'stop') {
      void receiver.stop().then(() => process.exit(0));
    }
  });
}

void main();
