// The contact page (/contact/): the agency's services, addresses and phone lines from GET /api/contact
// (data/contact.json, edited by the agency), the way to report a problem from the map and to follow a
// report, and the national portal for formal complaints.
import type { Contact } from '../../server/contact/contact.js';
import { errorMessage, useApi } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { pickText } from '../lib/format.js';
import { ComplaintsNote, mountPage } from '../report/page.js';

type Place = Contact['agency'];

function PlaceCard({ place, heading: Heading = 'h3' }: { place: Place; heading?: 'h2' | 'h3' }) {
  const { lang, t } = useI18n();
  return (
    <section className="card">
      <Heading>{pickText(place.name, lang)}</Heading>
      {place.description && <p>{pickText(place.description, lang)}</p>}
      <dl className="facts">
        {place.address && (
          <>
            <dt>{t('contact.address')}</dt>
            <dd>{pickText(place.address, lang)}</dd>
          </>
        )}
        {place.phones.length > 0 && (
          <>
            <dt>{t('contact.phone')}</dt>
            <dd>
              {place.phones.map((p) => (
                <a key={p} href={`tel:${p.replace(/[^+0-9]/g, '')}`} dir="ltr" className="phone">
                  {p}
                </a>
              ))}
            </dd>
          </>
        )}
        {place.fax && (
          <>
            <dt>{t('contact.fax')}</dt>
            <dd dir="ltr">{place.fax}</dd>
          </>
        )}
        {place.email && (
          <>
            <dt>{t('contact.email')}</dt>
            <dd>
              <a href={`mailto:${place.email}`}>{place.email}</a>
            </dd>
          </>
        )}
        {place.hours && (
          <>
            <dt>{t('contact.hours')}</dt>
            <dd>{pickText(place.hours, lang)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function ContactPage() {
  const { t } = useI18n();
  const contact = useApi<Contact>('/api/contact');
  if (contact.state !== 'ok') {
    return <p role={contact.state === 'error' ? 'alert' : 'status'}>{contact.state === 'error' ? errorMessage(contact.error, t) : t('common.loading')}</p>;
  }
  const c = contact.data;
  return (
    <>
      {c.illustrative && (
        <p className="banner" role="note">
          {t('contact.illustrative')}
        </p>
      )}
      <PlaceCard place={c.agency} heading="h2" />
      <h2>{t('contact.services')}</h2>
      {c.services.map((s, i) => (
        <PlaceCard key={i} place={s} />
      ))}
      {c.offices.length > 0 && <h2>{t('contact.offices')}</h2>}
      {c.offices.map((s, i) => (
        <PlaceCard key={i} place={s} />
      ))}
      <h2>{t('contact.problem')}</h2>
      <p>
        {t('contact.reportHow')} <a href="/report/">{t('pages.follow')}</a>
      </p>
      <ComplaintsNote url={c.complaintsPortal} />
    </>
  );
}

await mountPage('contact.title', () => <ContactPage />);
