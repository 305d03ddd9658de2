// The notifications sent to the applicant, in the language they used. They name the file and the step,
// never the applicant's identity or the tracking code (an e-mail can be read on its way).
import type { EventKind } from './store.js';

type Lang = 'ar' | 'fr' | 'en';
type Text = (file: string, message: string | null) => { subject: string; body: string };

const STATUS_PAGE = '/requests/';

const T: Record<Lang, Partial<Record<EventKind, Text>>> = {
  en: {
    submitted: (f) => ({ subject: `Request ${f} received`, body: `Your request for the urban planning information note was received as file ${f}. Follow it on ${STATUS_PAGE} with your tracking code.` }),
    info_requested: (f, m) => ({ subject: `Request ${f}: more information needed`, body: `The agency needs more information on file ${f}: ${m ?? ''}\nAnswer and add documents on ${STATUS_PAGE}.` }),
    note_issued: (f) => ({ subject: `Request ${f}: your official note is issued`, body: `The official urban planning information note for file ${f} is issued. Download it on ${STATUS_PAGE} with your tracking code.` }),
    rejected: (f, m) => ({ subject: `Request ${f} rejected`, body: `File ${f} was rejected: ${m ?? ''}` }),
  },
  fr: {
    submitted: (f) => ({ subject: `Demande ${f} reçue`, body: `Votre demande de note de renseignements urbanistiques a été reçue sous le numéro ${f}. Suivez-la sur ${STATUS_PAGE} avec votre code de suivi.` }),
    info_requested: (f, m) => ({ subject: `Demande ${f} : complément d'information demandé`, body: `L'agence a besoin d'informations complémentaires sur le dossier ${f} : ${m ?? ''}\nRépondez et ajoutez des documents sur ${STATUS_PAGE}.` }),
    note_issued: (f) => ({ subject: `Demande ${f} : votre note officielle est délivrée`, body: `La note de renseignements urbanistiques officielle du dossier ${f} est délivrée. Téléchargez-la sur ${STATUS_PAGE} avec votre code de suivi.` }),
    rejected: (f, m) => ({ subject: `Demande ${f} rejetée`, body: `Le dossier ${f} a été rejeté : ${m ?? ''}` }),
  },
  ar: {
    submitted: (f) => ({ subject: `تم استلام الطلب ${f}`, body: `تم استلام طلبكم للحصول على مذكرة المعلومات التعميرية تحت رقم الملف ${f}. تابعوه على ${STATUS_PAGE} برمز التتبع.` }),
    info_requested: (f, m) => ({ subject: `الطلب ${f}: مطلوب معلومات إضافية`, body: `تحتاج الوكالة إلى معلومات إضافية حول الملف ${f}: ${m ?? ''}\nأجيبوا وأضيفوا الوثائق على ${STATUS_PAGE}.` }),
    note_issued: (f) => ({ subject: `الطلب ${f}: صدرت مذكرتكم الرسمية`, body: `صدرت مذكرة المعلومات التعميرية الرسمية للملف ${f}. حملوها على ${STATUS_PAGE} برمز التتبع.` }),
    rejected: (f, m) => ({ subject: `رفض الطلب ${f}`, body: `تم رفض الملف ${f}: ${m ?? ''}` }),
  },
};

/** The notification of a step, or null for steps the applicant is not told about (their own, assignment). */
export function notificationFor(lang: Lang, kind: EventKind, fileNumber: string, message: string | null): { subject: string; body: string } | null {
  return T[lang][kind]?.(fileNumber, message) ?? null;
}
