'use client';

import { useCallback, useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { api } from '@/lib/api/browser';
import type { Problem } from '@/lib/api/problem';
import type { Venue } from '@/lib/api/types';
import { describeOrganiserError } from '@/lib/organiser-problem';
import { AdminNav } from './admin-nav';
import styles from './organiser.module.css';
import { ProblemNotice } from './problem-notice';

const text = bilingual({
  ko: {
    title: '공연장',
    listTitle: '등록된 공연장',
    name: '이름',
    city: '도시',
    address: '주소',
    actions: '관리',
    edit: '수정',
    empty: '아직 등록된 공연장이 없습니다.',
    createTitle: '공연장 추가',
    editTitle: (name: string) => `공연장 수정: ${name}`,
    create: '추가하기',
    save: '저장하기',
    cancel: '취소',
    saving: '저장 중…',
    created: (name: string) => `${name}을(를) 추가했습니다.`,
    saved: (name: string) => `${name}을(를) 저장했습니다.`,
    more: '더 보기',
    seatMapHint: '좌석 배치도는 공연마다 그립니다: 공연 관리 화면의 "좌석 배치도"에서 만드세요.',
  },
  en: {
    title: 'Venues',
    listTitle: 'Your venues',
    name: 'Name',
    city: 'City',
    address: 'Address',
    actions: 'Actions',
    edit: 'Edit',
    empty: 'No venues yet.',
    createTitle: 'Add a venue',
    editTitle: (name: string) => `Edit venue: ${name}`,
    create: 'Add venue',
    save: 'Save',
    cancel: 'Cancel',
    saving: 'Saving…',
    created: (name: string) => `Added ${name}.`,
    saved: (name: string) => `Saved ${name}.`,
    more: 'Show more',
    seatMapHint: 'Seat maps belong to each event: draw one from "Seat map" on the event\'s admin page.',
  },
});

interface VenueForm {
  readonly name: string;
  readonly city: string;
  readonly address: string;
}
const emptyForm: VenueForm = { name: '', city: '', address: '' };

/** `/admin/venues`: the venues, and one form to add a venue or change the one picked. */
export function VenuesAdmin() {
  const [venues, setVenues] = useState<Venue[]>([]);
  const [page, setPage] = useState(1);
  const [totalPages, setTotalPages] = useState(1);
  const [editing, setEditing] = useState<Venue | undefined>();
  const [form, setForm] = useState<VenueForm>(emptyForm);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const locale = useLocale();
  const t = text[locale];

  const load = useCallback(
    async (upTo: number) => {
      try {
        const pages = await Promise.all(
          Array.from({ length: upTo }, (_, index) => api.organiser.venues.page(index + 1)),
        );
        setVenues(pages.flatMap((one) => one.items));
        setTotalPages(pages.at(-1)?.totalPages ?? 1);
      } catch (error) {
        setProblem(describeOrganiserError(error, locale));
      }
    },
    [locale],
  );

  useEffect(() => {
    void load(page);
  }, [load, page]);

  const startEdit = (venue: Venue) => {
    setEditing(venue);
    setForm({ name: venue.name, city: venue.city ?? '', address: venue.address ?? '' });
    setNotice(undefined);
    setProblem(undefined);
  };

  const stopEdit = () => {
    setEditing(undefined);
    setForm(emptyForm);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    setNotice(undefined);
    const body = { name: form.name.trim(), city: form.city.trim(), address: form.address.trim() };
    try {
      if (editing) {
        const saved = await api.organiser.venues.update(editing.id, body);
        setNotice(t.saved(saved.name));
      } else {
        const made = await api.admin.createVenue(body);
        setNotice(t.created(made.name));
      }
      stopEdit();
      await load(page);
    } catch (error) {
      setProblem(describeOrganiserError(error, locale));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof VenueForm) => ({
    value: form[name],
    onChange: (change: React.ChangeEvent<HTMLInputElement>) =>
      setForm((current) => ({ ...current, [name]: change.target.value })),
  });

  return (
    <section className="admin">
      <AdminNav />
      <h1>{t.title}</h1>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {notice ? (
        <p className="success" role="status">
          {notice}
        </p>
      ) : null}

      <form className={styles.card} onSubmit={submit} aria-labelledby="venue-form-title">
        <h2 id="venue-form-title">{editing ? t.editTitle(editing.name) : t.createTitle}</h2>
        <div className={styles.row}>
          <label className="field">
            <span>{t.name}</span>
            <input {...field('name')} required maxLength={200} />
          </label>
          <label className="field">
            <span>{t.city}</span>
            <input {...field('city')} maxLength={100} />
          </label>
        </div>
        <label className="field">
          <span>{t.address}</span>
          <input {...field('address')} maxLength={500} />
        </label>
        <p className="muted small">{t.seatMapHint}</p>
        <div className={styles.buttons}>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t.saving : editing ? t.save : t.create}
          </button>
          {editing ? (
            <button type="button" className="button secondary" onClick={stopEdit}>
              {t.cancel}
            </button>
          ) : null}
        </div>
      </form>

      <h2>{t.listTitle}</h2>
      <table className="table" data-testid="venue-list">
        <thead>
          <tr>
            <th>{t.name}</th>
            <th>{t.city}</th>
            <th>{t.address}</th>
            <th>{t.actions}</th>
          </tr>
        </thead>
        <tbody>
          {venues.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                {t.empty}
              </td>
            </tr>
          ) : null}
          {venues.map((venue) => (
            <tr key={venue.id}>
              <td lang={writtenIn(venue.name)}>{venue.name}</td>
              <td lang={writtenIn(venue.city)}>{venue.city}</td>
              <td lang={writtenIn(venue.address)}>{venue.address}</td>
              <td>
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => startEdit(venue)}
                  aria-label={`${venue.name} ${t.edit}`}
                >
                  {t.edit}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page < totalPages ? (
        <button type="button" className="button secondary" onClick={() => setPage(page + 1)}>
          {t.more}
        </button>
      ) : null}
    </section>
  );
}
