import type { Ability } from '@veterans/shared';
import type { ReactNode } from 'react';
import { PageRoot } from '../../components/PageRoot';
import { RequireStaff, type StaffPrincipal } from '../staff/RequireStaff';
import { AdminFrame } from './controls';
import { adminLinksFor } from './pages';
import './admin.css';

/**
 * An admin page: signed-in staff with `ability` only (others are told why, as the API would), inside the frame
 * with the menu of the admin screens this account may open.
 */
export function AdminShell({
  className,
  title,
  current,
  ability,
  children,
}: {
  className: string;
  title: string;
  current: string;
  ability: Ability;
  children: (staff: StaffPrincipal) => ReactNode;
}) {
  return (
    <PageRoot className={`admin-page ${className}`} mode="standard">
      <RequireStaff ability={ability}>
        {(staff) => (
          <AdminFrame title={title} current={current} links={adminLinksFor(staff)}>
            {children(staff)}
          </AdminFrame>
        )}
      </RequireStaff>
    </PageRoot>
  );
}
