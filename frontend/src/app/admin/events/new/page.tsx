import { NewEventForm } from '@/components/new-event-form';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '공연 등록', en: 'New event' });

export default function NewEventPage() {
  return <NewEventForm />;
}
