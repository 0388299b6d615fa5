'use client';

import { useCallback, useEffect, useState } from 'react';
import { api } from '@/lib/api/browser';
import type { Problem } from '@/lib/api/problem';
import type { Venue } from '@/lib/api/types';
import { describeOrganiserError } from '@/lib/organiser-problem';
import { AdminNav } from './admin-nav';
import styles from './organiser.module.css';
import { ProblemNotice } from './problem-notice';

const text = {
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
} as const;

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

  const load = useCallback(async (upTo: number) => {
    try {
      const pages = await Promise.all(
        Array.from({ length: upTo }, (_, index) => api.organiser.venues.page(index + 1)),
      );
      setVenues(pages.flatMap((one) => one.items));
      setTotalPages(pages.at(-1)?.totalPages ?? 1);
    } catch (error) {
      setProblem(describeOrganiserError(error));
    }
  }, []);

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
        setNotice(text.saved(saved.name));
      } else {
        const made = await api.admin.createVenue(body);
        setNotice(text.created(made.name));
      }
      stopEdit();
      await load(page);
    } catch (error) {
      setProblem(describeOrganiserError(error));
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
      <h1>{text.title}</h1>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {notice ? (
        <p className="success" role="status">
          {notice}
        </p>
      ) : null}

      <form className={styles.card} onSubmit={submit} aria-labelledby="venue-form-title">
        <h2 id="venue-form-title">{editing ? text.editTitle(editing.name) : text.createTitle}</h2>
        <div className={styles.row}>
          <label className="field">
            <span>{text.name}</span>
            <input {...field('name')} required maxLength={200} />
          </label>
          <label className="field">
            <span>{text.city}</span>
            <input {...field('city')} maxLength={100} />
          </label>
        </div>
        <label className="field">
          <span>{text.address}</span>
          <input {...field('address')} maxLength={500} />
        </label>
        <p className="muted small">{text.seatMapHint}</p>
        <div className={styles.buttons}>
          <button type="submit" className="button" disabled={busy}>
            {busy ? text.saving : editing ? text.save : text.create}
          </button>
          {editing ? (
            <button type="button" className="button secondary" onClick={stopEdit}>
              {text.cancel}
            </button>
          ) : null}
        </div>
      </form>

      <h2>{text.listTitle}</h2>
      <table className="table" data-testid="venue-list">
        <thead>
          <tr>
            <th>{text.name}</th>
            <th>{text.city}</th>
            <th>{text.address}</th>
            <th>{text.actions}</th>
          </tr>
        </thead>
        <tbody>
          {venues.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                {text.empty}
              </td>
            </tr>
          ) : null}
          {venues.map((venue) => (
            <tr key={venue.id}>
              <td>{venue.name}</td>
              <td>{venue.city}</td>
              <td>{venue.address}</td>
              <td>
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => startEdit(venue)}
                  aria-label={`${venue.name} ${text.edit}`}
                >
                  {text.edit}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page < totalPages ? (
        <button type="button" className="button secondary" onClick={() => setPage(page + 1)}>
          {text.more}
        </button>
      ) : null}
    </section>
  );
}
