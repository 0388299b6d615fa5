import type { Metadata } from 'next';
import { NewEventForm } from '@/components/new-event-form';

export const metadata: Metadata = { title: '공연 등록' };

export default function NewEventPage() {
  return <NewEventForm />;
}
