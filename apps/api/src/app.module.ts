import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import type { ApiRuntime } from './api-runtime';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { TokensController } from './auth/tokens.controller';
import { DocsController } from './docs/docs.controller';
import { HealthController } from './health/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { CommandsController } from './ledger/commands.controller';
import { ImportsController } from './ledger/imports.controller';
import { ImportLedgerBatchHandler, SubmitLedgerCommandHandler } from './ledger/ledger-commands';
import {
  AcknowledgeAlertHandler,
  DisposeAlertHandler,
  GetAlertsHandler,
  GetCheckpointsHandler,
} from './monitoring/monitoring-messages';
import { MonitoringController } from './monitoring/monitoring.controller';
import { FormsController } from './forms/forms.controller';
import { GetDepartmentProgressHandler, GetProjectEventsHandler, GetProjectProgressHandler } from './progress/progress-queries';
import { ProgressController } from './progress/progress.controller';
import { RegionController } from './region/region.controller';
import { API_LOGGER, API_RUNTIME } from './tokens';
import { WebSupportController } from './web/web-support.controller';
import { WebController } from './web/web.controller';

/** The API's table of contents: the runtime (store and its adapters) is chosen by the caller. */
@Module({})
export class ApiModule {
  static register(runtime: ApiRuntime, logger: Logger): DynamicModule {
    return {
      module: ApiModule,
      imports: [CqrsModule.forRoot()],
      controllers: [CommandsController, ImportsController, ProgressController, RegionController, MonitoringController, FormsController, DocsController, HealthController, WebSupportController, TokensController, WebController],
      providers: [
        { provide: API_RUNTIME, useValue: runtime },
        { provide: API_LOGGER, useValue: logger },
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        SubmitLedgerCommandHandler,
        ImportLedgerBatchHandler,
        GetDepartmentProgressHandler,
        GetProjectProgressHandler,
        GetProjectEventsHandler,
        GetCheckpointsHandler,
        GetAlertsHandler,
        AcknowledgeAlertHandler,
        DisposeAlertHandler,
      ],
    };
  }
}
