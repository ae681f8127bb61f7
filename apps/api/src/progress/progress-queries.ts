import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { projectStream } from '@bem/domain';
import type { DepartmentProgress, SingleProjectProgress, ViewRequest } from '@bem/read-models';
import type { ApiRuntime } from '../api-runtime';
import { API_RUNTIME } from '../tokens';

export class GetDepartmentProgress extends Query<DepartmentProgress> {
  constructor(
    readonly departmentCode: string,
    readonly fiscalYear: number,
    readonly view: ViewRequest,
  ) {
    super();
  }
}

export class GetProjectProgress extends Query<SingleProjectProgress> {
  constructor(
    readonly projectId: string,
    readonly view: ViewRequest,
  ) {
    super();
  }
}

/** The audit view: a project's events as stored (envelope without the stream name, which the route names). */
export interface ProjectEvents {
  projectId: string;
  events: { id: string; type: string; revision: number; position: number; recordedAt: string; data: unknown; metadata: unknown }[];
}

export class GetProjectEvents extends Query<ProjectEvents> {
  constructor(readonly projectId: string) {
    super();
  }
}

@QueryHandler(GetDepartmentProgress)
export class GetDepartmentProgressHandler implements IQueryHandler<GetDepartmentProgress> {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  execute({ departmentCode, fiscalYear, view }: GetDepartmentProgress): Promise<DepartmentProgress> {
    return this.runtime.progress.department(departmentCode, fiscalYear, view);
  }
}

@QueryHandler(GetProjectProgress)
export class GetProjectProgressHandler implements IQueryHandler<GetProjectProgress> {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  execute({ projectId, view }: GetProjectProgress): Promise<SingleProjectProgress> {
    return this.runtime.progress.project(projectId, view);
  }
}

@QueryHandler(GetProjectEvents)
export class GetProjectEventsHandler implements IQueryHandler<GetProjectEvents> {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  async execute({ projectId }: GetProjectEvents): Promise<ProjectEvents> {
    const events = await this.runtime.store.readStream(projectStream(projectId));
    return {
      projectId,
      events: events.map(({ id, type, revision, position, recordedAt, data, metadata }) => ({
        id,
        type,
        revision,
        position,
        recordedAt,
        data,
        metadata,
      })),
    };
  }
}
