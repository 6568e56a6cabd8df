// Version signals: in-process counters that caches compare to know they are stale. A module that
// changes metadata (data elements, data sets, the calendar …) or the org-unit tree bumps the signal;
// caches capture the version BEFORE reading, so a read racing with a commit cannot be stored as fresh.
// Changes made by another process (the CLI, a second server) are seen through each cache's own expiry
// (and, for the tree, through the database's hierarchy_version, which the rebuild bumps).

export interface Signal {
  /** The current version. */
  readonly version: number;
  /** Marks everything read before now as stale. */
  bump(): void;
}

function signal(): Signal {
  let version = 0;
  return {
    get version() {
      return version;
    },
    bump() {
      version++;
    },
  };
}

/** Metadata and the working-day calendar (bumped after, and for long transactions also before, a write). */
export const metadataSignal = signal();

/** The org-unit tree (bumped after every structural change). */
export const hierarchySignal = signal();

/** Users, roles and sessions (bumped after a change to a user's roles, unit, password or status). */
export const usersSignal = signal();
