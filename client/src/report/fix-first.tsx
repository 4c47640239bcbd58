/** "先改这三点 / Fix these three first" at the top of the report (logic: core/rubric/fix-first.ts). */
import { FIX_FIRST_TEXT, fixFirst } from '../../../core/rubric/fix-first.js';
import type { Report } from '../../../core/rubric/report-model.js';
import { REPORT_TEXT } from '../../../core/rubric/report-text.js';

/** The sentence with the trainee's quoted words marked as data (they stay in the language said). */
function Quoted({ text, quote }: { text: string; quote: string | null }) {
  const at = quote ? text.indexOf(quote) : -1;
  if (!quote || at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <span className="report-quote">{quote}</span>
      {text.slice(at + quote.length)}
    </>
  );
}

export function FixFirst({ report, lang }: { report: Report; lang: 'zh' | 'en' }) {
  const items = fixFirst(report);
  const text = FIX_FIRST_TEXT[lang];
  return (
    <section className="report-fix-first" data-testid="report-fix-first">
      <h3>{text.title}</h3>
      {items.length === 0 ? (
        <p>{text.none}</p>
      ) : (
        <ol>
          {items.map((x) => (
            <li key={x.about} data-testid="report-fix-item">
              <Quoted text={x.text[lang]} quote={x.quote} />{' '}
              {x.link && (
                <a href={x.link} className="no-print">
                  {REPORT_TEXT[lang].replay}
                </a>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
