// The follow-up's columns and the tabs of "my tasks", as the pages show them.

/** The columns of the follow-up summary, in the order of the Vietnamese reports. */
export const SUMMARY_STATES = ['doneOnTime', 'doneLate', 'inProgress', 'overdue', 'noDeadline', 'dueSoon'] as const;
export type SummaryState = (typeof SUMMARY_STATES)[number];

/** The tabs of "my tasks" and the `state` filter each sends ('' = all). */
export const TASK_TABS = ['toDo', 'dueSoon', 'overdue', 'waiting', 'all'] as const;
export type TaskTab = (typeof TASK_TABS)[number];
