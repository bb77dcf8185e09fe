import type { ConocerStandard } from '@academy/conocer-client';
import { describe, expect, it } from 'vitest';
import { diffStandards, type LocalStandard } from './standards-diff';

const local = (code: string, overrides: Partial<LocalStandard> = {}): LocalStandard => ({ code, title: `T ${code}`, level: 2, committee: 'C', sector: 'S', retired: false, ...overrides });
const remote = (code: string, overrides: Partial<ConocerStandard> = {}): ConocerStandard => ({
  code,
  title: `T ${code}`,
  level: 2,
  committee: 'C',
  sector: 'S',
  updatedAt: '2026-01-01T00:00:00.000Z',
  retired: false,
  ...overrides,
});
const catalog = (...rows: LocalStandard[]) => new Map(rows.map((r) => [r.code, r]));

describe('diffStandards', () => {
  it('counts added, updated, retired and unchanged standards', () => {
    const diff = diffStandards(
      catalog(local('EC0001'), local('EC0002'), local('EC0003'), local('EC0004', { retired: true })),
      [remote('EC0001'), remote('EC0002', { title: 'Nuevo' }), remote('EC0003', { retired: true }), remote('EC0004'), remote('EC0005')],
      false,
    );
    expect(diff.counts).toEqual({ added: 1, updated: 2, retired: 1, unchanged: 1 });
    expect(diff.inserts.map((s) => s.code)).toEqual(['EC0005']);
    expect(diff.updates).toEqual([local('EC0002', { title: 'Nuevo' }), local('EC0003', { retired: true }), local('EC0004')]);
  });

  it('retires what a full sync no longer finds, but not in an incremental one', () => {
    const known = catalog(local('EC0001'), local('EC0002'), local('EC0003', { retired: true }));
    expect(diffStandards(known, [remote('EC0001')], true).counts).toEqual({ added: 0, updated: 0, retired: 1, unchanged: 1 });
    expect(diffStandards(known, [remote('EC0001')], false).counts).toEqual({ added: 0, updated: 0, retired: 0, unchanged: 1 });
  });

  it('trims codes and text, keeps the local committee when CONOCER has none, and ignores repeats', () => {
    const diff = diffStandards(catalog(local('EC1571', { committee: 'Comité' })), [remote(' ec1571 ', { committee: null, title: ' T EC1571 ' }), remote('EC1571')], false);
    expect(diff.counts).toEqual({ added: 0, updated: 0, retired: 0, unchanged: 1 });
  });
});
