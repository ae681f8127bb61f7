import type Decimal from 'decimal.js';
import { DomainError } from '../shared/errors';
import { formatYuan } from '../shared/money';

export const projectAlreadyRegistered = (projectId: string) =>
  new DomainError('PROJECT_ALREADY_REGISTERED', 'projectId', `项目 ${projectId} 已登记`, `project ${projectId} is already registered`, {
    projectId,
  });

export const projectClosed = (projectId: string) =>
  new DomainError('PROJECT_CLOSED', 'projectId', `项目 ${projectId} 已关账，不再接受记录`, `project ${projectId} is closed and accepts nothing`, {
    projectId,
  });

export const exceedsAvailableBudget = (available: Decimal, requested: Decimal, budget: Decimal, paid: Decimal) =>
  new DomainError(
    'EXCEEDS_AVAILABLE_BUDGET',
    'amount',
    `支付金额 ${formatYuan(requested)} 元超过可用预算 ${formatYuan(available)} 元`,
    `payment ${formatYuan(requested)} exceeds the available budget ${formatYuan(available)} (budget ${formatYuan(budget)} − paid ${formatYuan(paid)})`,
    { available: formatYuan(available), requested: formatYuan(requested), budget: formatYuan(budget), paid: formatYuan(paid) },
  );

export const budgetBelowPaid = (newBudget: Decimal, paid: Decimal) =>
  new DomainError(
    'BUDGET_BELOW_PAID',
    'delta',
    `调减后预算 ${formatYuan(newBudget)} 元低于已支付 ${formatYuan(paid)} 元`,
    `the decrease would take the budget to ${formatYuan(newBudget)}, below the ${formatYuan(paid)} already paid`,
    { budgetAfter: formatYuan(newBudget), paid: formatYuan(paid) },
  );

export const adjustmentSign = (kind: string, delta: string) => {
  const positive = kind === 'increase' || kind === 'transfer-in';
  return new DomainError(
    'ADJUSTMENT_SIGN',
    'delta',
    `${kind} 调整的金额须为${positive ? '正数' : '负数'}（收到 ${delta}）`,
    `a ${kind} adjustment needs a ${positive ? 'positive' : 'negative'} delta (got ${delta})`,
    { kind, delta },
  );
};

export const counterpartRequired = (kind: string) =>
  new DomainError('COUNTERPART_REQUIRED', 'counterpartProjectId', `调剂须注明对方项目`, `a ${kind} needs counterpartProjectId`, {
    kind,
  });

export const selfTransfer = (projectId: string) =>
  new DomainError('SELF_TRANSFER', 'counterpartProjectId', `不能与本项目自身调剂`, `a project cannot transfer to itself (${projectId})`, {
    projectId,
  });

export const duplicatePayment = (paymentId: string) =>
  new DomainError('DUPLICATE_PAYMENT_ID', 'paymentId', `支付编号 ${paymentId} 已存在`, `payment ${paymentId} already exists`, {
    paymentId,
  });

export const unknownPayment = (paymentId: string) =>
  new DomainError('UNKNOWN_PAYMENT', 'paymentId', `支付 ${paymentId} 不存在`, `payment ${paymentId} does not exist`, { paymentId });

export const paymentAlreadyReversed = (paymentId: string) =>
  new DomainError('PAYMENT_ALREADY_REVERSED', 'paymentId', `支付 ${paymentId} 已冲销`, `payment ${paymentId} is already reversed`, {
    paymentId,
  });

export const unknownIndicator = (indicatorId: string) =>
  new DomainError('UNKNOWN_INDICATOR', 'indicatorId', `绩效指标 ${indicatorId} 未设定`, `indicator ${indicatorId} has not been set`, {
    indicatorId,
  });
