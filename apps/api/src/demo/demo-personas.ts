import type { Role } from '@capability/auth';
import { DEMO_PANEL_MEMBER_EMAIL } from '@capability/recruitment';
import type { DemoPersonaStaff } from '@capability/workforce';

export interface DemoPersona {
  label: string;
  email: string;
  displayName: string;
  roles: Role[];
  roleFamilies: string[];
  /** Which of the demo department's staff records the user is. */
  staff: keyof DemoPersonaStaff | null;
  /** A known password: demo data on the local embedded database only, printed in the start banner. */
  password: string;
}

/** Sign-ins for trying the service as each kind of user; created only with the demo department. */
export const DEMO_PERSONAS: readonly DemoPersona[] = [
  {
    label: 'HR',
    email: 'hr@department.example',
    displayName: 'Demo HR',
    roles: ['hr'],
    roleFamilies: [],
    staff: null,
    password: 'demo-hr-password',
  },
  {
    label: 'Head of Data',
    email: 'head.of.data@department.example',
    displayName: 'Demo head of profession (Data)',
    roles: ['head_of_profession'],
    roleFamilies: ['data'],
    staff: 'headOfData',
    password: 'demo-head-of-data-password',
  },
  {
    label: 'Line manager',
    email: 'line.manager@department.example',
    displayName: 'Demo line manager',
    roles: ['staff'],
    roleFamilies: [],
    staff: 'lineManager',
    password: 'demo-line-manager-password',
  },
  {
    label: 'Staff',
    email: 'staff.member@department.example',
    displayName: 'Demo member of staff',
    roles: ['staff'],
    roleFamilies: [],
    staff: 'member',
    password: 'demo-staff-password',
  },
  {
    // Being on a panel is per vacancy, not a role: a member of staff the demo recruitment puts on two panels.
    label: 'Panel member',
    email: DEMO_PANEL_MEMBER_EMAIL,
    displayName: 'Demo panel member',
    roles: ['staff'],
    roleFamilies: [],
    staff: 'panelMember',
    password: 'demo-panel-member-password',
  },
];
