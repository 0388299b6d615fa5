import { notFound } from 'next/navigation';
import { requestLocale } from '../../i18n/server';
import { ApiProblem, describeError, type Problem } from './problem';
import { serverApi } from './server';
import type { EventDetail } from './types';

/** A public event for a server-rendered page under `/events/{id}`: an unknown id is the 404 page. */
export async function loadPublicEvent(id: string): Promise<{ event: EventDetail } | { problem: Problem }> {
  try {
    return { event: await serverApi().catalog.event(id) };
  } catch (error) {
    if (error instanceof ApiProblem && (error.status === 404 || error.status === 400)) notFound();
    return { problem: describeError(error, {}, await requestLocale()) };
  }
}
