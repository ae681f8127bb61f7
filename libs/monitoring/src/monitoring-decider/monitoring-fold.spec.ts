import { monitoringStream } from '@bem/domain';
import { describe, expect, it } from 'vitest';
import { AlertService } from '../alerts/alert-service';
import { CheckpointService } from '../checkpoints/checkpoint-service';
import { storeWithFixture } from '../checkpoints/spec-support';
import { evolveMonitoring, foldMonitoring, initialMonitoringState } from './monitoring-state';

describe('the monitoring stream folded at once', () => {
  it('given checkpoints, acknowledgements and a disposal, folds to the state event-by-event evolution reaches', async () => {
    const { store, progress } = await storeWithFixture('sichuan-2020.jsonl');
    await new CheckpointService(store, progress).evaluate('sc-ybj', 2020, 'sichuan-2020', { now: new Date('2021-01-15T00:00:00Z') });
    const alerts = new AlertService(store, () => new Date('2021-01-16T02:00:00Z'));
    const ids = (await alerts.list('sc-ybj', 2020)).alerts.map((alert) => alert.id);
    expect(ids.length).toBeGreaterThan(3);
    await alerts.acknowledgeMany(ids.slice(0, 3), 'clerk');
    await alerts.dispose(ids[3], '调剂', 'clerk', '调往急需项目');
    const events = await store.readStream(monitoringStream('sc-ybj', 2020));

    const folded = foldMonitoring(events);
    const evolved = events.reduce(evolveMonitoring, initialMonitoringState());
    expect(folded).toEqual(evolved);
    expect(folded.alerts.get(ids[0])).toEqual({ acknowledged: true, disposition: null });
    expect(folded.alerts.get(ids[3])?.disposition).toBe('调剂');
    expect(folded.alerts.get(ids[4])).toEqual({ acknowledged: false, disposition: null });
  });
});
