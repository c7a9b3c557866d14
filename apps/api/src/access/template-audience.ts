import type { Principal } from '../auth/principal.js';

/*
 * Who gets a template. A template belongs to a municipality and is published either for the whole
 * municipality or for one of its administrations; every version has its template's audience. One
 * column, not a set of administrations: the two scopes that publish (a coordinator's administration,
 * an admin's municipality) are exactly these two, and a phone never meets two audiences for one key.
 */

export interface TemplateAudience {
  municipalityId: string;
  /** Null: every unit of the municipality. */
  administrationId: string | null;
}

/** What one caller may see of templates. */
export interface TemplateViewer {
  municipalityId: string;
  /** The administration whose own templates the viewer gets besides the municipality-wide ones; `all` for admins. */
  administration: string | 'all';
  /** Drafts are the authors' work in progress. */
  seesDrafts: boolean;
}

/**
 * The viewer a principal is. Staff and unit managers get the templates of their unit's administration,
 * which the caller looks up (`unitAdministration`), since their token names only the unit.
 */
export function viewerOf(principal: Principal, unitAdministration: string | null): TemplateViewer {
  const base = { municipalityId: principal.municipalityId };
  switch (principal.role) {
    case 'admin':
      return { ...base, administration: 'all', seesDrafts: true };
    case 'quality_coordinator':
      return { ...base, administration: principal.administrationId ?? '', seesDrafts: true };
    case 'staff':
    case 'unit_manager':
      return { ...base, administration: unitAdministration ?? '', seesDrafts: false };
  }
}

export function reaches(viewer: TemplateViewer, audience: TemplateAudience): boolean {
  if (audience.municipalityId !== viewer.municipalityId) return false;
  return audience.administrationId === null || viewer.administration === 'all' || audience.administrationId === viewer.administration;
}

/**
 * Who may import, edit and publish versions of a template: an admin any of the municipality's, a
 * coordinator only those published for their own administration (not the municipality-wide ones).
 */
export function mayAuthor(principal: Principal, audience: TemplateAudience): boolean {
  if (audience.municipalityId !== principal.municipalityId) return false;
  if (principal.role === 'admin') return true;
  return principal.role === 'quality_coordinator' && audience.administrationId !== null && audience.administrationId === principal.administrationId;
}
