import type { Role } from '../../gql/graphql';

export interface UserListFilter {
  /** Part of the username or the name. */
  search: string;
  role: Role | null;
  status: 'ALL' | 'ENABLED' | 'DISABLED';
}

export const emptyUserFilter: UserListFilter = { search: '', role: null, status: 'ALL' };

interface Filterable {
  username: string;
  displayName: string;
  roles: readonly Role[];
  enabled: boolean;
  unit?: { name: string } | null;
}

/** The users a filter keeps, in username order. */
export function filterUsers<T extends Filterable>(users: readonly T[], f: UserListFilter): T[] {
  const q = f.search.trim().toLowerCase();
  return users
    .filter(
      (u) =>
        (q === '' || u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q) || (u.unit?.name ?? '').includes(q)) &&
        (f.role === null || u.roles.includes(f.role)) &&
        (f.status === 'ALL' || u.enabled === (f.status === 'ENABLED')),
    )
    .sort((a, b) => a.username.localeCompare(b.username));
}
