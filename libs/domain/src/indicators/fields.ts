import { identifier, text, yuan } from '../shared/fields';

/**
 * The fields of a 绩效目标 (SetIndicator, and each of the `targets` that travel with an AllocateBudget): one
 * definition so the two never validate differently. The target expression itself is parsed by the decider
 * (parseTarget), as for SetIndicator.
 */
export const INDICATOR_FIELDS = {
  indicatorId: identifier('指标编号'),
  level1: text('一级指标', 50),
  level2: text('二级指标', 50),
  name: text('三级指标名称', 200),
  target: text('指标值', 200),
  weight: yuan('non-negative').optional(),
};
