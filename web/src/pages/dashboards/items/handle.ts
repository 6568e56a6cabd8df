// What an item exposes to its card's menu: how to make a PNG of itself, and (for items whose numbers
// do not come from one /api/analytics query) a CSV of what it shows.
import type { TablePicture } from '../png';

export interface ItemHandle {
  png?: () => string | null;
  /** A table of what the item shows, for its PNG / CSV when it is not a chart. */
  picture?: () => TablePicture | null;
}
