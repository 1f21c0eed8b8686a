import { classifyLine, normaliseName } from './body.js';
import { orderEvidence, type DateOrder, type Header } from './header.js';

/**
 * Whether `03/04/26` is the 3rd of April or March 4th is not written in an export: the phone's
 * locale decided it. One line cannot tell, the whole file usually can (a day above 12 somewhere),
 * so the reader first surveys every timestamp (a pass over the evidentiary copy) and then reads
 * ambiguous dates the way the file's unambiguous ones go.
 */
export interface OrderDecision {
  readonly order: DateOrder;
  /** Why the order was assumed or is in doubt, for a warning; null when the file settles it. */
  readonly doubt: string | null;
  /** The line a doubt is best shown at. */
  readonly doubtLine: number;
}

const NAMES: Readonly<Record<DateOrder, string>> = { 'day-first': 'day/month', 'month-first': 'month/day' };

export class DateOrderSurvey {
  private dayFirst = 0;
  private monthFirst = 0;
  private firstDayFirstLine = 0;
  private firstMonthFirstLine = 0;
  private headers = 0;
  private firstHeaderLine = 0;
  // Times going backwards between consecutive messages, under each reading: exports are in time order.
  private previous: { dayFirst: number; monthFirst: number } | null = null;
  private backwards = { dayFirst: 0, monthFirst: 0 };
  /** The chat's name was seen as the sender of an ordinary message: a one-to-one chat with that person. */
  chatNameIsSender = false;

  private readonly normalisedChatName: string | null;

  constructor(private readonly chatName: string | null) {
    this.normalisedChatName = chatName === null ? null : normaliseName(chatName);
  }

  add(header: Header, line: number): void {
    this.headers++;
    if (this.firstHeaderLine === 0) this.firstHeaderLine = line;
    const evidence = orderEvidence(header);
    if (evidence === 'day-first') {
      if (this.dayFirst++ === 0) this.firstDayFirstLine = line;
    } else if (evidence === 'month-first') {
      if (this.monthFirst++ === 0) this.firstMonthFirstLine = line;
    }
    if (!header.yearFirst) {
      const minuteOfDay = header.hour * 60 + header.minute;
      const dayFirst = ((header.third * 13 + header.second) * 32 + header.first) * 1440 + minuteOfDay;
      const monthFirst = ((header.third * 13 + header.first) * 32 + header.second) * 1440 + minuteOfDay;
      if (this.previous !== null) {
        if (dayFirst < this.previous.dayFirst) this.backwards.dayFirst++;
        if (monthFirst < this.previous.monthFirst) this.backwards.monthFirst++;
      }
      this.previous = { dayFirst, monthFirst };
    }
    if (!this.chatNameIsSender && this.normalisedChatName !== null) {
      const name = this.normalisedChatName;
      const colon = header.rest.indexOf(': ');
      // Only a sender about as long as the name can be it (direction marks and decomposed accents add a little).
      if (colon >= name.length && colon <= name.length + 8 && normaliseName(header.rest.slice(0, colon)) === name) {
        const start = classifyLine(header.rest, this.chatName);
        this.chatNameIsSender = start.kind === 'message';
      }
    }
  }

  decide(): OrderDecision {
    const { dayFirst, monthFirst } = this;
    if (dayFirst > 0 && monthFirst === 0) return { order: 'day-first', doubt: null, doubtLine: 0 };
    if (monthFirst > 0 && dayFirst === 0) return { order: 'month-first', doubt: null, doubtLine: 0 };
    if (dayFirst > 0 && monthFirst > 0) {
      const order: DateOrder = monthFirst > dayFirst ? 'month-first' : 'day-first';
      return {
        order,
        doubt:
          `the dates are written both ways: ${dayFirst} line${dayFirst === 1 ? '' : 's'} can only be day/month (first at line ${this.firstDayFirstLine}) and ` +
          `${monthFirst} can only be month/day (first at line ${this.firstMonthFirstLine}); each of those is read its own way and the ` +
          `ambiguous ones as ${NAMES[order]}, the majority`,
        doubtLine: order === 'day-first' ? this.firstMonthFirstLine : this.firstDayFirstLine,
      };
    }
    if (this.headers === 0 || this.previous === null) return { order: 'day-first', doubt: null, doubtLine: 0 };
    const { dayFirst: backDay, monthFirst: backMonth } = this.backwards;
    if (backMonth < backDay) {
      return {
        order: 'month-first',
        doubt: `no date in the file has a day above 12, so the order is not written anywhere; read as month/day because the messages are in time order only that way (as day/month time would go backwards ${backDay} time${backDay === 1 ? '' : 's'})`,
        doubtLine: this.firstHeaderLine,
      };
    }
    return {
      order: 'day-first',
      doubt:
        'no date in the file has a day above 12, so the order is not written anywhere; assumed day/month, as most locales (Spanish included) write it. ' +
        'If the phone that exported the chat wrote month/day (US English), every date in this file is read wrong',
      doubtLine: this.firstHeaderLine,
    };
  }
}

/**
 * The order without a second pass (a stream with no file behind it): day/month until a line
 * proves otherwise. Lines read before that proof may be wrong, and the reader says how many.
 */
export class StreamingDateOrder {
  private decided: DateOrder | null = null;
  private guessed = 0;
  private firstGuessLine = 0;
  private proofLine = 0;

  /** The order to read an ambiguous line in, after learning what this line proves. */
  orderFor(header: Header, line: number): DateOrder {
    const evidence = orderEvidence(header);
    if (this.decided === null && evidence !== null) {
      this.decided = evidence;
      this.proofLine = line;
    }
    if (this.decided === null && evidence === null && !header.yearFirst) {
      if (this.guessed++ === 0) this.firstGuessLine = line;
    }
    return this.decided ?? 'day-first';
  }

  /** What to warn about at the end, if anything. */
  doubt(): { message: string; line: number } | null {
    if (this.guessed === 0) return null;
    if (this.decided === null) {
      return {
        message:
          'no date in the file has a day above 12, and the file was read as a stream with no second pass; assumed day/month, as most locales (Spanish included) write it',
        line: this.firstGuessLine,
      };
    }
    if (this.decided === 'day-first') return null;
    return {
      message: `read as a stream with no second pass: ${this.guessed} message${this.guessed === 1 ? ' was' : 's were'} read as day/month before line ${this.proofLine} showed the file writes month/day; their dates may be wrong`,
      line: this.firstGuessLine,
    };
  }
}
