// The resolved report: every expression evaluated, every free text filled in. The DOCX, HTML and PDF
// renderers (render/) draw exactly this, so the three outputs cannot disagree; a finalised report
// stores it (frozen) together with its figures.

/** A piece of text with its marks. `figure` names the figure it shows (for differences). */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** The text is "chưa có số liệu" (or another placeholder for missing data). */
  missing?: boolean;
  figure?: string;
}

export type DocBlock =
  | {
      kind: 'heading';
      /** 1 = part (centred, bold, upper case), 2 = I. (bold), 3 = 1. (bold), 4 = 6.1. (bold italic). */
      level: 1 | 2 | 3 | 4;
      runs: Run[];
    }
  | {
      kind: 'paragraph';
      runs: Run[];
      /** Text typed by users (a free block or a consolidated one), not computed. */
      source?: 'free' | 'consolidated';
    }
  | {
      kind: 'table';
      title?: string;
      header: string[];
      /** Cell texts; the first column is a label, the others numbers (right-aligned). */
      rows: { cells: string[]; total?: boolean }[];
      /**
       * A layout other than a label and numbers (a list of tasks): each column's share of the width
       * (relative weights) and its alignment. Absent: the label column first, numbers right-aligned.
       */
      columns?: TableColumn[];
    };

export interface TableColumn {
  width: number;
  align: 'left' | 'center' | 'right';
}

export interface ReportDocument {
  header: {
    /** "SỞ Y TẾ THANH HÓA" */
    parentBody: string;
    /** "TRUNG TÂM Y TẾ HUYỆN HOẰNG HÓA" */
    issuingBody: string;
    /** "Số: 12/BC-TTYT", or "Số:      /BC-TTYT" before the report has a number. */
    number: string;
    /** "Hoằng Hóa, ngày 10 tháng 6 năm 2024" */
    placeDate: string;
  };
  /** "BÁO CÁO" */
  documentType: string;
  /** Summary lines under the title (bold, centred). */
  summary: string[];
  blocks: DocBlock[];
  /** Nơi nhận entries, each without "- " and with its final ";" or "." already added. */
  recipients: string[];
  signature: { authority: string[]; signer: string };
  /** A draft carries "DỰ THẢO" above the header. */
  draft: boolean;
  /** For the file name and metadata. */
  meta: { title: string; unitCode: string; period: string; templateCode: string; generatedAt: string };
}

/** One figure of a report, as shown and as computed, for the frozen copy and the differences. */
export interface Figure {
  key: string;
  label: string;
  value: number | null;
  text: string;
}

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const NO_DATA = 'chưa có số liệu';
