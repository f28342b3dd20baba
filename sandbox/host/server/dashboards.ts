import { createHash } from 'node:crypto';

import type { JsonObject, ProvisionedDashboard } from './types';

/** A dashboard as the sandbox serves it (Grafana assigns the numeric id). */
export interface StoredDashboard {
  id: number;
  /** The provisioning file it came from. */
  fileName: string;
  uid: string;
  title: string;
  slug: string;
  url: string;
  tags: string[];
  dashboard: JsonObject;
}

/** Query of `GET /api/search` the sandbox understands (a subset of Grafana's). */
export interface DashboardSearch {
  query?: string;
  tags?: string[];
  type?: string;
  dashboardUIDs?: string[];
  limit?: number;
}

/** Characters Grafana's slugify spells out instead of hex-encoding them (after lower-casing). */
const SPELLED: Record<string, string> = {
  ' ': '-',
  '&': 'and',
  '@': 'at',
  '\u00a9': 'c',
  '\u00ae': 'r',
  '\u2122': 'tm',
  '\u00df': 'ss',
  '\u00e6': 'ae',
  '\u0153': 'oe',
  '\u00f8': 'o',
  '\u00fc': 'ue',
  '\u0142': 'l',
  '\u0111': 'd',
  '\u0127': 'h',
  '\u0131': 'i',
  '\u0133': 'ij',
  '\u00fe': 'p',
};

/** Characters Grafana's slugify drops. */
const OMITTED = new Set([',', '"', "'", '\n', '\r', '\0', '?', '.', '(', ')']);

/**
 * Grafana's dashboard slug (pkg/infra/slugify): lower case; `a-z`, `0-9`, `-`, `_` kept; space → `-`; a few
 * characters dropped (`,.?()'"`); accented Latin letters lose their accent (`ü` → `ue`, `ß` → `ss`); anything else is
 * written as the hex of its UTF-8 bytes (`:` → `3a`). A slug over 50 bytes, or an empty one, becomes a name-based
 * UUID (v5, OID namespace). Grafana also transliterates Cyrillic and Hebrew; the sandbox hex-encodes them.
 */
export function slugify(title: string): string {
  let slug = '';
  for (const char of title.trim().toLowerCase()) {
    const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (SPELLED[char] !== undefined) {
      slug += SPELLED[char];
    } else if (/^[a-z0-9_-]$/.test(char)) {
      slug += char;
    } else if (OMITTED.has(char)) {
      continue;
    } else if (/^[a-z]$/.test(base)) {
      slug += base;
    } else {
      slug += Buffer.from(char, 'utf8').toString('hex');
    }
  }
  return slug.length > 50 || slug === '' ? uuidV5(title) : slug;
}

/** RFC 4122 name-based UUID (SHA-1) in the OID namespace, as Go's `uuid.NewSHA1(uuid.NameSpaceOID, name)`. */
function uuidV5(name: string): string {
  const namespace = Buffer.from('6ba7b8129dad11d180b400c04fd430c8', 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The provisioned dashboards, read-only, ordered by file name; ids 1..n in that order. */
export class DashboardStore {
  private readonly dashboards: StoredDashboard[];

  constructor(provisioned: readonly ProvisionedDashboard[]) {
    this.dashboards = provisioned.map((item, index) => {
      const id = index + 1;
      const slug = slugify(item.title);
      return {
        id,
        fileName: item.fileName,
        uid: item.uid,
        title: item.title,
        slug,
        url: `/d/${item.uid}/${slug}`,
        tags: [...item.tags],
        // Grafana serves the stored model with its own id and the version it keeps.
        dashboard: { ...structuredClone(item.dashboard), id, version: item.dashboard.version ?? 1 },
      };
    });
  }

  /** uid of the first dashboard by file name: the sandbox's home dashboard. */
  homeUid(): string | null {
    return this.dashboards[0]?.uid ?? null;
  }

  byUid(uid: string): StoredDashboard | undefined {
    const found = this.dashboards.find((dashboard) => dashboard.uid === uid);
    return found ? structuredClone(found) : undefined;
  }

  /** `GET /api/search` hits: dashboards only (all live in the General folder), sorted by title. */
  search(search: DashboardSearch): JsonObject[] {
    if (search.type !== undefined && search.type !== '' && search.type !== 'dash-db') {
      return [];
    }
    const query = search.query?.toLowerCase() ?? '';
    const hits = this.dashboards
      .filter((d) => query === '' || d.title.toLowerCase().includes(query))
      .filter((d) => (search.tags ?? []).every((tag) => d.tags.includes(tag)))
      .filter((d) => !search.dashboardUIDs?.length || search.dashboardUIDs.includes(d.uid))
      .sort((a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }));
    return hits.slice(0, search.limit ?? 1000).map((d) => ({
      id: d.id,
      uid: d.uid,
      orgId: 1,
      title: d.title,
      uri: `db/${d.slug}`,
      url: d.url,
      slug: '',
      type: 'dash-db',
      tags: [...d.tags],
      isStarred: false,
      sortMeta: 0,
      isDeleted: false,
    }));
  }
}
