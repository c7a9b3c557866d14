import { ACTIVITY_STATUSES, IMPROVEMENT_STATUSES, TARGET_DIRECTIONS, type ActivityStatus, type ImprovementStatus, type TargetDirection } from '@hjulet/domain';
import { graphqlEnum } from '../shared/graphql-enums.js';

export const TargetDirectionEnum = graphqlEnum('TargetDirection', TARGET_DIRECTIONS, { description: 'Met at or above the target, or at or below it.' });
export type TargetDirectionEnum = TargetDirection;

export const ActivityStatusEnum = graphqlEnum('ActivityStatus', ACTIVITY_STATUSES);
export type ActivityStatusEnum = ActivityStatus;

export const ImprovementStatusEnum = graphqlEnum('ImprovementStatus', IMPROVEMENT_STATUSES);
export type ImprovementStatusEnum = ImprovementStatus;

export const VALUE_SOURCES = ['computed', 'manual'] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];
export const ValueSourceEnum = graphqlEnum('ValueSource', VALUE_SOURCES, { description: 'Computed from the reviews, or entered by hand.' });
export type ValueSourceEnum = ValueSource;
