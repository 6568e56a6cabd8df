// The shapes of the units a notice is read against and of the mentions found (units.ts, office-names.ts).

export interface UnitEntry {
  id: string;
  code: string;
  name: string;
  /** department, office, health_centre, hospital, cdc, station (orgunits' kinds). */
  kind: string;
  /** The parent's id (the Sở Y tế's own children are "các đơn vị trực thuộc"). */
  parentId: string | null;
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface UnitMention {
  /** The words, and where they are in the text. */
  quote: string;
  start: number;
  end: number;
  /** A collective phrase ("các Trung tâm Y tế"): every unit of the set. */
  collective: boolean;
  /** The units meant; empty when nothing matched (the words are then all there is). */
  units: UnitRef[];
  /** The department's own office ("Phòng KH-TC", "Văn phòng Sở"), known or not. */
  office?: boolean;
  /**
   * A type word standing alone for every unit of its kind ("phối hợp với Trung tâm Y tế"): only a
   * subject or a partner when the sentence makes it one (see roles.ts), never an object.
   */
  bare?: boolean;
}

export interface UnitOptions {
  /** Phrases naming a unit of the tree by another name (another province's unit → a stand-in). */
  aliases?: Readonly<Record<string, string>>;
}
